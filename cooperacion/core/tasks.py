"""Thin Celery tasks of the core: they take ids and call the code that does the work."""

import smtplib
import socket

from celery import shared_task
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from .correo import enlace_absoluto, enviar_correo
from .models import Notificacion


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, socket.error, TimeoutError),
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


@shared_task
def limpiar_sesiones() -> None:
    call_command("clearsessions")
