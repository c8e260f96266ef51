"""Writes of the core: transitions, notifications, and the one way to enqueue background work."""

from __future__ import annotations

import logging
import secrets
import tempfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_fsm import can_proceed
from django_fsm_log.models import StateLog

from . import permissions, reportes, roles, salidas
from .correo import enlace_absoluto, enviar_correo
from .errores import ErrorDeDominio as ErrorDeDominio  # re-exported for the apps that still import it from here
from .models import Actor, Entidad, Notificacion, RecordatorioEnviado, ReporteGenerado, TokenDeAPI, Usuario
from .models.tokens import digesto_de
from .textos import resumir
from .tipos import historia

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .reportes import Fila, Parametros, Reporte

M = TypeVar("M", bound=Model)

logger = logging.getLogger(__name__)


def aplicar_transicion(
    obj: M, nombre: str, *, usuario: Usuario | None, motivo: str = "", campos: tuple[str, ...] = ("estado",)
) -> M:
    """Run the FSM transition `nombre` on `obj`, log who and why, and save. Call inside `transaction.atomic`.

    The state is read again under the row lock: a record loaded before another person's transition is refused
    instead of being moved twice.
    """
    metodo = getattr(obj, nombre)
    campo_fsm = metodo._django_fsm.field if hasattr(metodo, "_django_fsm") else "estado"
    campo_estado = campo_fsm if isinstance(campo_fsm, str) else campo_fsm.name
    en_base = type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list(campo_estado, flat=True).first()
    if en_base is not None and en_base != getattr(obj, campo_estado):
        raise ErrorDeDominio(_("Otra persona cambió este registro mientras tanto: recargue la página."))
    if not can_proceed(metodo):
        raise ErrorDeDominio(_("Esta acción no es posible en el estado actual del registro."))
    metodo(by=usuario, description=motivo or None)
    historia(obj)._history_user = usuario
    historia(obj)._change_reason = resumir(motivo, 100) if motivo else nombre
    obj.save(update_fields=list(campos))
    return obj


@transaction.atomic
def actor_desactivar(*, actor: Actor, usuario: Usuario, motivo: str) -> Actor:
    """Retire an actor from the pickers, keeping every record that names it."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio("Solo el Administrador puede desactivar actores.")
    if not motivo.strip():
        raise ErrorDeDominio("Indique el motivo de la desactivación.")
    return aplicar_transicion(actor, "desactivar", usuario=usuario, motivo=motivo.strip())


@transaction.atomic
def entidad_configurar(*, usuario: Usuario, identificador_iati: str, tipo_iati: str) -> Entidad:
    """The Administrador sets how the entity is identified in IATI (nothing is saved when nothing changes)."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio(_("Solo el Administrador configura los datos de la entidad."))
    entidad = Entidad.objects.select_for_update().get(pk=Entidad.actual().pk)
    identificador_iati = identificador_iati.strip()
    if (entidad.identificador_iati, entidad.tipo_iati) == (identificador_iati, tipo_iati):
        return entidad
    entidad.identificador_iati, entidad.tipo_iati = identificador_iati, tipo_iati
    try:
        entidad.full_clean()
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(dict.fromkeys(error.messages))) from error
    historia(entidad)._history_user = usuario
    historia(entidad)._change_reason = _("Datos de la entidad para IATI")
    entidad.save(update_fields=["identificador_iati", "tipo_iati"])
    return entidad


@transaction.atomic
def actor_proponer(*, nombre: str, tipo: str, usuario: Usuario, pais: str = "") -> Actor:
    """A Profesional or Jefe adds a cooperante from the form where they need it: usable at once, marked for the
    Administrador's review (who is told). A name already in the catalog returns that actor instead of a copy."""
    if not permissions.can_proponer_actor(usuario):
        raise ErrorDeDominio(_("Solo el personal de la entidad propone cooperantes."))
    nombre = " ".join((nombre or "").split())
    if not nombre:
        raise ErrorDeDominio(_("Escriba el nombre del nuevo cooperante."))
    if tipo not in Actor.Tipo.values:
        raise ErrorDeDominio(_("Elija el tipo del nuevo cooperante."))
    existente = Actor.objects.filter(nombre__iexact=nombre).first()
    if existente is not None:
        return existente
    es_admin = permissions.can_administrar_catalogos(usuario)
    actor = Actor(nombre=nombre, tipo=tipo, pais=pais.strip(), por_revisar=not es_admin, propuesto_por=usuario)
    historia(actor)._history_user = usuario
    historia(actor)._change_reason = _("Propuesto desde un formulario")
    actor.save()
    if not es_admin:
        for admin in Usuario.objects.filter(groups__name=roles.ADMINISTRADOR, is_active=True).distinct():
            notificar(
                usuario=admin,
                titulo=resumir(_("Revisar el cooperante propuesto: %(n)s") % {"n": nombre}, 200),
                mensaje=_("%(u)s lo registró al usarlo. Complete o corrija sus datos y márquelo como revisado.")
                % {"u": usuario.get_full_name() or usuario.username},
                url=actor.get_absolute_url(),
                tarea=f"actor-revisar-{actor.pk}",
            )
    return actor


@transaction.atomic
def actor_revisar(*, actor: Actor, usuario: Usuario, motivo: str = "") -> Actor:
    """The Administrador has checked a proposed cooperante: it leaves the list of actors to review."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio(_("Solo el Administrador revisa los cooperantes propuestos."))
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    if not actor.por_revisar:
        raise ErrorDeDominio(_("Este cooperante ya fue revisado."))
    actor.por_revisar = False
    historia(actor)._history_user = usuario
    historia(actor)._change_reason = resumir(motivo, 100) if motivo.strip() else _("Revisado por el Administrador")
    actor.save(update_fields=["por_revisar"])
    # Not a change of state, but a transition of its workflow: it goes to the log like the others.
    StateLog.objects.create(
        by=usuario,
        source_state=actor.estado,
        state=actor.estado,
        transition="revisar",
        content_object=actor,
        description=motivo.strip() or None,
    )
    tarea_cumplida(tarea=f"actor-revisar-{actor.pk}")
    return actor


@transaction.atomic
def actor_reactivar(*, actor: Actor, usuario: Usuario, motivo: str = "") -> Actor:
    """Offer an inactive actor again."""
    if not permissions.can_administrar_catalogos(usuario):
        raise ErrorDeDominio("Solo el Administrador puede reactivar actores.")
    return aplicar_transicion(actor, "reactivar", usuario=usuario, motivo=motivo.strip())


def notificar(
    *,
    usuario: Usuario,
    titulo: StrOrPromise,
    mensaje: str = "",
    url: str = "",
    recordatorio: RecordatorioEnviado | None = None,
    tarea: str = "",
) -> Notificacion:
    """Create an in-app notification; its e-mail copy goes through the outbox when the user wants it at once
    (otherwise the daily digest carries it). `tarea` names the action it asks for (see tarea_cumplida)."""
    notificacion = Notificacion.objects.create(
        usuario=usuario, titulo=resumir(titulo, 200), mensaje=mensaje, url=url, recordatorio=recordatorio, tarea=tarea
    )
    if usuario.email and usuario.preferencia_correo == usuario.Notificaciones.INMEDIATA:
        salidas.encolar(CORREO_NOTIFICACION, notificacion.pk)
    return notificacion


CORREO_NOTIFICACION = "core.correo_notificacion"
RESUMEN_DIARIO = "core.resumen_diario"
GENERAR_REPORTE = "core.generar_reporte"


@salidas.efecto(CORREO_NOTIFICACION)
def correo_notificacion_enviar(notificacion_id: int) -> bool:
    """Send the e-mail copy of a notification once (the row lock and `correo_enviado_en` make a repeat harmless)."""
    with transaction.atomic():
        notificacion = (
            Notificacion.objects.select_for_update().select_related("usuario").filter(pk=notificacion_id).first()
        )
        if notificacion is None or notificacion.correo_enviado_en or not notificacion.usuario.email:
            return False
        enviar_correo(
            destinatarios=[notificacion.usuario.email],
            asunto=notificacion.titulo,
            plantilla="core/correo/notificacion",
            contexto={"notificacion": notificacion, "enlace": enlace_absoluto(notificacion.url)},
        )
        notificacion.correo_enviado_en = timezone.now()
        notificacion.save(update_fields=["correo_enviado_en"])
    return True


def tarea_cumplida(*, tarea: str) -> int:
    """The task a notice asked for was done (by its addressee or anyone else): its notices leave the bell."""
    if not tarea:
        return 0
    # Notifications carry no history: marking them in bulk loses nothing.
    return Notificacion.objects.filter(tarea=tarea, leida_en__isnull=True).update(leida_en=timezone.now())


def notificacion_marcar_leida(*, notificacion: Notificacion) -> Notificacion:
    if notificacion.leida_en is None:
        notificacion.leida_en = timezone.now()
        notificacion.save(update_fields=["leida_en"])
    return notificacion


def notificaciones_marcar_todas_leidas(*, usuario: Usuario) -> int:
    """Mark every unread notification of the user as read; returns how many."""
    # Notifications carry no history, so a bulk update loses nothing.
    return Notificacion.objects.filter(usuario=usuario, leida_en__isnull=True).update(leida_en=timezone.now())


# Reports ------------------------------------------------------------------------------------------


def reporte_solicitar(*, codigo: str, formato: str, datos: Mapping[str, Any], usuario: Usuario) -> ReporteGenerado:
    """Queue a report for generation; the file is produced by Celery (at once when Celery runs eagerly)."""
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
        salidas.encolar(GENERAR_REPORTE, generado.pk)
    return generado


# A report still queued or in progress after this long was lost (broker down, worker killed): it may be retried.
LIMITE_DE_REPORTE = timedelta(minutes=25)


def reporte_atascado(generado: ReporteGenerado, *, ahora: datetime | None = None) -> bool:
    ahora = ahora or timezone.now()
    desde = generado.iniciado_en or generado.creado_en
    return generado.estado in (ReporteGenerado.Estado.PENDIENTE, ReporteGenerado.Estado.EN_PROCESO) and (
        desde < ahora - LIMITE_DE_REPORTE
    )


def reporte_reintentar(*, generado: ReporteGenerado, usuario: Usuario) -> ReporteGenerado:
    """Queue again a report that failed, or that waited longer than its time limit."""
    if generado.estado != ReporteGenerado.Estado.FALLIDO and not reporte_atascado(generado):
        raise ErrorDeDominio(_("Solo se puede reintentar un reporte que falló o que lleva demasiado tiempo en cola."))
    with transaction.atomic():
        # Compare-and-swap: two clicks queue it once. The model keeps no field history (it is itself a log).
        estado_visto = generado.estado
        tomados = ReporteGenerado.objects.filter(pk=generado.pk, estado=estado_visto).update(
            estado=ReporteGenerado.Estado.PENDIENTE,
            progreso=0,
            error="",
            iniciado_en=None,
            terminado_en=None,
            creado_en=timezone.now() if estado_visto != ReporteGenerado.Estado.FALLIDO else generado.creado_en,
        )
        if tomados:
            salidas.encolar(GENERAR_REPORTE, generado.pk)
    generado.refresh_from_db()
    return generado


def _avance(generado_id: int, porcentaje: int) -> None:
    ReporteGenerado.objects.filter(pk=generado_id).update(progreso=max(1, min(99, porcentaje)))


@salidas.efecto(GENERAR_REPORTE, max_intentos=2, limite=LIMITE_DE_REPORTE, transitorios=())
def reporte_generar_salida(generado_id: int) -> None:
    reporte_generar(generado_id=generado_id)


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
    else:
        try:
            reporte.al_terminar(generado)
        except Exception:  # the file is ready and stays so; the follow-up is logged to be looked at
            logger.exception("Falló lo que sigue a la generación del reporte %s", generado_id)


def contexto_de_reporte(
    reporte: Reporte, parametros: Parametros, usuario: Usuario | None, *, para_pdf: bool
) -> dict[str, Any]:
    """What the report's template needs, the same for the page and the PDF."""
    filas: list[Fila] = []
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
                    salidas.encolar(GENERAR_REPORTE, generado.pk)
                    creados.append(generado)
    return creados


# E-mail digests and catch-up -------------------------------------------------------------------


@salidas.efecto(RESUMEN_DIARIO)
def resumen_diario_salida(usuario_id: int) -> int:
    usuario = Usuario.objects.filter(pk=usuario_id, is_active=True).first()
    return resumen_diario_enviar(usuario=usuario) if usuario else 0


@transaction.atomic
def resumenes_diarios_encolar() -> int:
    """One digest per user who chose the daily digest and has something not yet e-mailed."""
    ids = list(
        Usuario.objects.filter(
            is_active=True,
            preferencia_correo=Usuario.Notificaciones.RESUMEN_DIARIO,
            notificaciones__correo_enviado_en__isnull=True,
        )
        .exclude(email="")
        .distinct()
        .values_list("pk", flat=True)
    )
    salidas.encolar_varios(RESUMEN_DIARIO, [(pk,) for pk in ids])
    return len(ids)


def resumen_diario_enviar(*, usuario: Usuario) -> int:
    """E-mail the user one message with every notification not yet e-mailed; returns how many it carried."""
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


# API tokens -------------------------------------------------------------------------------------------------------


def _token_borrar(token: TokenDeAPI, *, usuario: Usuario, motivo: str) -> None:
    historia(token)._history_user = usuario
    historia(token)._change_reason = motivo
    token.delete()


def token_crear(*, usuario: Usuario) -> tuple[TokenDeAPI, str]:
    """A new API token for the user, with its key: the key is returned only here (the database keeps its digest),
    to be shown once. The previous token, if any, stops working."""
    if not permissions.es_personal(usuario):
        raise ErrorDeDominio(_("Su usuario no tiene un rol asignado."))
    clave = secrets.token_urlsafe(32)
    with transaction.atomic():
        Usuario.objects.select_for_update().filter(pk=usuario.pk).first()  # two clicks: one token at the end
        anterior = TokenDeAPI.objects.filter(usuario=usuario).first()
        if anterior is not None:
            _token_borrar(anterior, usuario=usuario, motivo="reemplazado por uno nuevo")
        token = TokenDeAPI(usuario=usuario, prefijo=clave[:8], digesto=digesto_de(clave))
        historia(token)._history_user = usuario
        historia(token)._change_reason = "creado"
        token.save()
    return token, clave


def token_revocar(*, usuario: Usuario) -> bool:
    """Delete the user's API token (it answers 401 from now on); False if there was none."""
    with transaction.atomic():
        token = TokenDeAPI.objects.select_for_update().filter(usuario=usuario).first()
        if token is None:
            return False
        _token_borrar(token, usuario=usuario, motivo="revocado")
    return True
