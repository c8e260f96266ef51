"""Thin Celery tasks: they take ids, call a service, and retry only on transient errors."""

import smtplib
import socket

from celery import shared_task
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from . import periodos, plazos, services
from .correo import enlace_absoluto, enviar_correo
from .models import Notificacion

ERRORES_DE_CORREO = (smtplib.SMTPException, socket.error, TimeoutError)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=ERRORES_DE_CORREO,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def enviar_correo_notificacion(self, notificacion_id: int) -> None:
    """Send the e-mail copy of a notification once; safe to run again (acks_late)."""
    with transaction.atomic():
        notificacion = (
            Notificacion.objects.select_for_update().select_related("usuario").filter(pk=notificacion_id).first()
        )
        if notificacion is None or notificacion.correo_enviado_en or not notificacion.usuario.email:
            return
        enviar_correo(
            destinatarios=[notificacion.usuario.email],
            asunto=notificacion.titulo,
            plantilla="core/correo/notificacion",
            contexto={"notificacion": notificacion, "enlace": enlace_absoluto(notificacion.url)},
        )
        notificacion.correo_enviado_en = timezone.now()
        notificacion.save(update_fields=["correo_enviado_en"])


@shared_task(acks_late=True)
def barrer_plazos() -> dict:
    """Send the reminders due today (idempotent: see plazos.barrer) and catch up e-mails that never left."""
    resultado = plazos.barrer()
    reencolados = services.correos_pendientes_reencolar()
    return {**resultado.__dict__, "correos_reencolados": reencolados}


@shared_task(acks_late=True)
def enviar_resumenes_diarios() -> int:
    """Queue one digest per user who chose the daily digest and has something to read."""
    usuarios = (
        get_user_model()
        .objects.filter(
            is_active=True,
            preferencia_correo=get_user_model().Notificaciones.RESUMEN_DIARIO,
            notificaciones__correo_enviado_en__isnull=True,
        )
        .exclude(email="")
        .distinct()
        .values_list("pk", flat=True)
    )
    ids = list(usuarios)
    for pk in ids:
        enviar_resumen_diario.delay(pk)
    return len(ids)


@shared_task(
    acks_late=True, autoretry_for=ERRORES_DE_CORREO, retry_backoff=60, retry_backoff_max=60 * 60, max_retries=6
)
def enviar_resumen_diario(usuario_id: int) -> int:
    usuario = get_user_model().objects.filter(pk=usuario_id, is_active=True).first()
    return services.resumen_diario_enviar(usuario=usuario) if usuario else 0


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=21 * 60)
def generar_reporte(generado_id: int) -> None:
    services.reporte_generar(generado_id=generado_id)


@shared_task(acks_late=True)
def generar_reportes_trimestrales() -> list[int]:
    """At (or after) the cut-off of the quarter just ended, queue its quarterly reports once."""
    hoy = timezone.localdate()
    anio, trimestre = periodos.trimestre_anterior(*periodos.trimestre_de(hoy))
    if hoy < periodos.fecha_de_corte(anio, trimestre):
        return []
    return [g.pk for g in services.reportes_trimestrales_generar(periodo=periodos.periodo(anio, trimestre))]


@shared_task
def limpiar_sesiones() -> None:
    call_command("clearsessions")
