"""What waits for a user in the plans, for the core's «Mis pendientes» (a few queries whatever the volume)."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.pendientes import Pendiente

from .models import Plan, SeguimientoTrimestral, SolicitudAjuste, Vigencia

LIMITE = 30
ORIGEN = "planes"


def pendientes_de(usuario) -> Iterator[Pendiente]:
    if not (usuario.is_authenticated and usuario.is_active):
        return
    if usuario.dependencia_id and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE):
        yield from _de_la_dependencia(usuario)
    if usuario.tiene_rol(roles.PLANEACION):
        yield from _de_planeacion()
    if usuario.tiene_rol(roles.CONTROL_INTERNO):
        yield from _de_control_interno()


def _de_la_dependencia(usuario) -> Iterator[Pendiente]:
    for plan in (
        Plan.objects.filter(
            dependencia_id=usuario.dependencia_id,
            tipo=Plan.Tipo.ACCION,
            estado__in=Plan.EDITABLES,
            vigencia__estado=Vigencia.Estado.ABIERTA,
        )
        .select_related("vigencia")
        .order_by("vigencia__fecha_limite_cargue")[:LIMITE]
    ):
        devuelto = plan.estado == Plan.Estado.DEVUELTO
        yield Pendiente(
            titulo=(_("Corregir y enviar de nuevo: %(p)s") if devuelto else _("Formular y enviar: %(p)s"))
            % {"p": plan},
            url=plan.get_absolute_url(),
            tipo=_("Plan de acción"),
            fecha=plan.vigencia.fecha_limite_cargue if plan.vigencia else None,
            detalle=_("Devuelto por Planeación con observaciones.")
            if devuelto
            else _("Actividades 10 y 11 de DE-PD-01."),
            origen=ORIGEN,
            accion=_("Corregir") if devuelto else _("Formular"),
        )
    for seguimiento in (
        SeguimientoTrimestral.objects.filter(
            dependencia_id=usuario.dependencia_id,
            estado=SeguimientoTrimestral.Estado.ABIERTO,
            calendario__isnull=False,
        )
        .select_related("calendario", "dependencia")
        .order_by("calendario__fecha_limite_reporte")[:LIMITE]
    ):
        yield Pendiente(
            titulo=_("Reportar y enviar: %(s)s") % {"s": seguimiento},
            url=seguimiento.get_absolute_url(),
            tipo=_("Seguimiento a planes"),
            fecha=seguimiento.calendario.fecha_limite_reporte if seguimiento.calendario else None,
            detalle=_("Avance de cada actividad, con justificación si está por debajo de lo programado."),
            origen=ORIGEN,
            accion=_("Reportar"),
        )


def _de_planeacion() -> Iterator[Pendiente]:
    for plan in Plan.objects.filter(estado=Plan.Estado.ENVIADO).select_related("vigencia").order_by("pk")[:LIMITE]:
        fecha = plan.vigencia.fecha_limite_aprobacion if plan.vigencia else None
        estrategico = plan.estrategico
        yield Pendiente(
            titulo=(_("Registrar la decisión del comité: %(p)s") if estrategico else _("Verificar y aprobar: %(p)s"))
            % {"p": plan},
            url=plan.get_absolute_url(),
            tipo=_("Plan"),
            fecha=fecha,
            detalle=_("Puntos de control de la actividad %(a)s de DE-PD-01.") % {"a": plan.actividad_de_control},
            origen=ORIGEN,
            accion=_("Verificar"),
        )
    for seguimiento in (
        SeguimientoTrimestral.objects.filter(estado=SeguimientoTrimestral.Estado.ENVIADO)
        .select_related("calendario", "dependencia")
        .order_by("anio", "trimestre", "pk")[:LIMITE]
    ):
        yield Pendiente(
            titulo=_("Revisar: %(s)s") % {"s": seguimiento},
            url=seguimiento.get_absolute_url(),
            tipo=_("Seguimiento a planes"),
            fecha=seguimiento.calendario.fecha_limite_revision if seguimiento.calendario else None,
            origen=ORIGEN,
            accion=_("Revisar"),
        )
    for solicitud in (
        SolicitudAjuste.objects.filter(estado__in=[SolicitudAjuste.Estado.SOLICITADO, SolicitudAjuste.Estado.REVISADO])
        .select_related("plan")
        .order_by("creada_en")[:LIMITE]
    ):
        revisar = solicitud.estado == SolicitudAjuste.Estado.SOLICITADO
        yield Pendiente(
            titulo=(_("Revisar la pertinencia: %(s)s") if revisar else _("Registrar la aprobación: %(s)s"))
            % {"s": solicitud},
            url=solicitud.get_absolute_url(),
            tipo=_("Ajuste de plan"),
            detalle=_("Actividad 23 de DE-PD-01.") if revisar else _("Actividad 24 de DE-PD-01."),
            origen=ORIGEN,
            accion=_("Revisar") if revisar else _("Aprobar"),
        )
    for vigencia in Vigencia.objects.exclude(estado=Vigencia.Estado.PUBLICADA).order_by("anio")[:LIMITE]:
        yield Pendiente(
            titulo=_("%(v)s: %(e)s") % {"v": vigencia.nombre_consolidado, "e": vigencia.get_estado_display().lower()},
            url=vigencia.get_absolute_url(),
            tipo=_("Plan de acción institucional"),
            fecha=vigencia.fecha_limite_publicacion,
            detalle=_("Consolidar, presentar al comité y publicar (actividades 13 a 15)."),
            origen=ORIGEN,
            accion=_("Avanzar"),
        )


def _de_control_interno() -> Iterator[Pendiente]:
    for seguimiento in (
        SeguimientoTrimestral.objects.filter(
            estado__in=[SeguimientoTrimestral.Estado.REVISADO, SeguimientoTrimestral.Estado.CERRADO],
            observaciones__isnull=True,
        )
        .select_related("dependencia")
        .order_by("-anio", "-trimestre", "pk")[:LIMITE]
    ):
        yield Pendiente(
            titulo=_("Registrar las observaciones: %(s)s") % {"s": seguimiento},
            url=f"{seguimiento.get_absolute_url()}#observaciones",
            tipo=_("Seguimiento a planes"),
            detalle=_("Evaluación de Control Interno del seguimiento trimestral."),
            origen=ORIGEN,
            accion=_("Observar"),
        )
