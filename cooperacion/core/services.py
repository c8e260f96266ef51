"""Writes of the core: transitions, notifications, and the one way to enqueue background work."""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django_fsm import can_proceed
from kombu.exceptions import OperationalError

from . import permissions, reportes
from .models import Actor, Notificacion, ReporteGenerado, Usuario

logger = logging.getLogger(__name__)


class ErrorDeDominio(Exception):
    """A rule of the domain was not met; the message is safe to show to the user."""


def encolar(tarea, *args, **kwargs) -> None:
    """Send a Celery task after the current transaction commits.

    If the broker is down the write has already succeeded; the task is logged as lost
    and the periodic sweeps (which work from database state) catch up later.
    """

    def publicar():
        try:
            tarea.apply_async(args=args, kwargs=kwargs)
        except (OperationalError, OSError):
            logger.warning("No se pudo encolar %s: el broker no responde.", tarea.name, exc_info=True)

    transaction.on_commit(publicar)


def aplicar_transicion(obj, nombre: str, *, usuario, motivo: str = "", campos: tuple[str, ...] = ("estado",)):
    """Run the FSM transition `nombre` on `obj`, log who and why, and save. Call inside `transaction.atomic`."""
    metodo = getattr(obj, nombre)
    if not can_proceed(metodo):
        raise ErrorDeDominio("Esta acción no es posible en el estado actual del registro.")
    metodo(by=usuario, description=motivo or None)
    obj._history_user = usuario
    obj._change_reason = motivo[:100] if motivo else nombre
    obj.save(update_fields=list(campos))
    return obj


@transaction.atomic
def actor_desactivar(*, actor: Actor, usuario, motivo: str) -> Actor:
    """Retire an actor from the pickers, keeping every record that names it."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio("Solo el Administrador puede desactivar actores.")
    if not motivo.strip():
        raise ErrorDeDominio("Indique el motivo de la desactivación.")
    return aplicar_transicion(actor, "desactivar", usuario=usuario, motivo=motivo.strip())


@transaction.atomic
def actor_reactivar(*, actor: Actor, usuario, motivo: str = "") -> Actor:
    """Offer an inactive actor again."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio("Solo el Administrador puede reactivar actores.")
    return aplicar_transicion(actor, "reactivar", usuario=usuario, motivo=motivo.strip())


def notificar(*, usuario, titulo: str, mensaje: str = "", url: str = "", recordatorio=None) -> Notificacion:
    """Create an in-app notification; its e-mail copy goes out after commit when the user wants it at once
    (otherwise the daily digest carries it)."""
    notificacion = Notificacion.objects.create(
        usuario=usuario, titulo=titulo[:200], mensaje=mensaje, url=url, recordatorio=recordatorio
    )
    if usuario.email and usuario.preferencia_correo == usuario.Notificaciones.INMEDIATA:
        from .tasks import enviar_correo_notificacion

        encolar(enviar_correo_notificacion, notificacion.pk)
    return notificacion


def notificacion_marcar_leida(*, notificacion: Notificacion) -> Notificacion:
    if notificacion.leida_en is None:
        notificacion.leida_en = timezone.now()
        notificacion.save(update_fields=["leida_en"])
    return notificacion


def notificaciones_marcar_todas_leidas(*, usuario) -> int:
    """Mark every unread notification of the user as read; returns how many."""
    # Notifications carry no history, so a bulk update loses nothing.
    return Notificacion.objects.filter(usuario=usuario, leida_en__isnull=True).update(leida_en=timezone.now())


# Reports ------------------------------------------------------------------------------------------


def reporte_solicitar(*, codigo: str, formato: str, datos, usuario) -> ReporteGenerado:
    """Queue a report for generation; the file is produced by Celery (at once when Celery runs eagerly)."""
    from .tasks import generar_reporte

    reporte = reportes.obtener(codigo)
    if reporte is None or not reporte.puede_generar(usuario):
        raise ErrorDeDominio("No tiene permiso para generar este reporte.")
    if formato not in reporte.formatos:
        raise ErrorDeDominio("Ese formato no está disponible para este reporte.")
    parametros = reporte.parametros(datos, usuario)
    with transaction.atomic():
        generado = ReporteGenerado.objects.create(
            codigo=codigo,
            titulo=str(reporte.titulo_con(parametros))[:250],
            formato=formato,
            parametros=parametros,
            periodo=parametros.get("periodo", ""),
            solicitado_por=usuario,
        )
        encolar(generar_reporte, generado.pk)
    return generado


def reporte_reintentar(*, generado: ReporteGenerado, usuario) -> ReporteGenerado:
    """Queue a failed report again with the same parameters."""
    from .tasks import generar_reporte

    if generado.estado != ReporteGenerado.Estado.FALLIDO:
        raise ErrorDeDominio("Solo se puede reintentar un reporte que falló.")
    with transaction.atomic():
        # Compare-and-swap: two clicks queue it once. The model keeps no field history (it is itself a log).
        tomados = ReporteGenerado.objects.filter(pk=generado.pk, estado=ReporteGenerado.Estado.FALLIDO).update(
            estado=ReporteGenerado.Estado.PENDIENTE, progreso=0, error="", iniciado_en=None, terminado_en=None
        )
        if tomados:
            encolar(generar_reporte, generado.pk)
    generado.refresh_from_db()
    return generado


def _avance(generado_id: int, porcentaje: int) -> None:
    ReporteGenerado.objects.filter(pk=generado_id).update(progreso=max(1, min(99, porcentaje)))


def reporte_generar(*, generado_id: int) -> None:
    """Produce the file of a queued report. A failure is recorded with its message and leaves no file."""
    tomados = ReporteGenerado.objects.filter(pk=generado_id, estado=ReporteGenerado.Estado.PENDIENTE).update(
        estado=ReporteGenerado.Estado.EN_PROCESO, iniciado_en=timezone.now(), progreso=1
    )
    if not tomados:
        return  # already taken by another worker, or not queued
    generado = ReporteGenerado.objects.select_related("solicitado_por").get(pk=generado_id)
    reporte = reportes.obtener(generado.codigo)
    usuario = generado.solicitado_por
    try:
        if reporte is None:
            raise ErrorDeDominio(f"El reporte «{generado.codigo}» ya no existe.")
        with tempfile.TemporaryFile() as temporal:
            if generado.formato == ReporteGenerado.Formato.XLSX:
                total = reporte.total(generado.parametros, usuario)
                reporte.escribir_excel(
                    generado.parametros,
                    usuario,
                    temporal,
                    titulo=generado.titulo,
                    al_avanzar=(lambda n: _avance(generado_id, 100 * n // total)) if total else None,
                )
            else:
                _avance(generado_id, 20)
                contexto = contexto_de_reporte(reporte, generado.parametros, usuario, para_pdf=True)
                _avance(generado_id, 50)
                reportes.escribir_pdf(reporte.plantilla, contexto, temporal)
            temporal.seek(0)
            nombre = f"{slugify(generado.titulo)}-{timezone.localtime():%Y%m%d-%H%M}.{generado.formato}"
            generado.archivo.save(nombre, File(temporal), save=False)
        generado.estado = ReporteGenerado.Estado.LISTO
        generado.progreso = 100
        generado.terminado_en = timezone.now()
        generado.save(update_fields=["archivo", "estado", "progreso", "terminado_en"])
    except Exception as error:  # any failure must be shown to the user, and retried by them
        logger.exception("Falló la generación del reporte %s", generado_id)
        if generado.archivo:
            generado.archivo.delete(save=False)
        mensaje = str(error) if isinstance(error, ErrorDeDominio) else f"{type(error).__name__}: {error}"
        ReporteGenerado.objects.filter(pk=generado_id).update(
            estado=ReporteGenerado.Estado.FALLIDO, error=mensaje[:2000], terminado_en=timezone.now(), archivo=""
        )


def contexto_de_reporte(reporte, parametros: dict, usuario, *, para_pdf: bool) -> dict:
    """What the report's template needs, the same for the page and the PDF."""
    filas = []
    total_filas = 0
    limite = reporte.max_filas_pdf
    for fila in reporte.filas(parametros, usuario):
        total_filas += 1
        if len(filas) < limite:
            filas.append(fila)
    return {
        "plantilla_base": "core/reportes/_base_pdf.html" if para_pdf else "core/reportes/_base_pagina.html",
        "titulo": reporte.titulo_con(parametros),
        "entidad": settings.ENTIDAD_NOMBRE,
        "codigo_documento": reporte.codigo_documento,
        "generado_en": timezone.now(),
        "horizontal": reporte.horizontal,
        "columnas": reporte.columnas,
        "filas": filas,
        "total_filas": total_filas,
        "filas_truncadas": total_filas > len(filas),
        **reporte.contexto(parametros, usuario),
    }


def reportes_trimestrales_generar(*, periodo: str) -> list[ReporteGenerado]:
    """Queue every registered quarterly report for `periodo` in every format, once (a unique constraint)."""
    from .tasks import generar_reporte

    creados = []
    for reporte in reportes.trimestrales():
        for formato in reporte.formatos:
            parametros = reporte.parametros({"periodo": periodo}, None)
            with transaction.atomic():
                generado, creado = ReporteGenerado.objects.get_or_create(
                    codigo=reporte.codigo,
                    formato=formato,
                    periodo=periodo,
                    automatico=True,
                    defaults={"titulo": str(reporte.titulo_con(parametros))[:250], "parametros": parametros},
                )
                if creado:
                    encolar(generar_reporte, generado.pk)
                    creados.append(generado)
    return creados


# E-mail digests and catch-up -------------------------------------------------------------------


def resumen_diario_enviar(*, usuario) -> int:
    """E-mail the user one message with every notification not yet e-mailed; returns how many it carried."""
    from .correo import enlace_absoluto, enviar_correo

    if not usuario.email:
        return 0
    with transaction.atomic():
        pendientes = list(
            Notificacion.objects.select_for_update()
            .filter(usuario=usuario, correo_enviado_en__isnull=True)
            .order_by("creada_en", "pk")
        )
        if not pendientes:
            return 0
        enviar_correo(
            destinatarios=[usuario.email],
            asunto=f"Resumen diario de Cooperación: {len(pendientes)} aviso{'s' if len(pendientes) != 1 else ''}",
            plantilla="core/correo/resumen",
            contexto={
                "usuario": usuario,
                "avisos": [(n, enlace_absoluto(n.url)) for n in pendientes],
                "enlace_inicio": enlace_absoluto("/"),
            },
        )
        # Notifications carry no history: marking them in bulk loses nothing.
        Notificacion.objects.filter(pk__in=[n.pk for n in pendientes]).update(correo_enviado_en=timezone.now())
    return len(pendientes)


def correos_pendientes_reencolar(*, antiguedad_minima_min: int = 10, antiguedad_maxima_dias: int = 3) -> int:
    """Queue again the immediate e-mails that never went out (the broker was down, or retries ran out)."""
    from .tasks import enviar_correo_notificacion

    ahora = timezone.now()
    ids = list(
        Notificacion.objects.filter(
            correo_enviado_en__isnull=True,
            usuario__preferencia_correo=Usuario.Notificaciones.INMEDIATA,
            usuario__is_active=True,
            creada_en__lte=ahora - timedelta(minutes=antiguedad_minima_min),
            creada_en__gte=ahora - timedelta(days=antiguedad_maxima_dias),
        )
        .exclude(usuario__email="")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        encolar(enviar_correo_notificacion, pk)
    return len(ids)
