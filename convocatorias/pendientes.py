"""What waits for a user in the call pipeline, for the core's «Mis pendientes» (three queries at most)."""

from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.pendientes import Pendiente

from .models import Aviso, Convocatoria, Destinatario, InformeEjecucion


def pendientes_de(usuario) -> Iterator[Pendiente]:
    if not (usuario.is_authenticated and usuario.is_active and usuario.dependencia_id):
        return
    if not usuario.tiene_rol(roles.JEFE, roles.PROFESIONAL):
        return
    for destinatario in Destinatario.objects.filter(
        dependencia_id=usuario.dependencia_id,
        notificado_en__isnull=False,
        respuesta=Destinatario.Respuesta.PENDIENTE,
        convocatoria__estado=Convocatoria.Estado.INFORMADA,
    ).select_related("convocatoria", "convocatoria__cooperante")[:50]:
        convocatoria = destinatario.convocatoria
        yield Pendiente(
            titulo=_("Responder el oficio: %(c)s") % {"c": convocatoria.titulo},
            url=convocatoria.get_absolute_url(),
            tipo=_("Convocatoria"),
            fecha=timezone.localtime(convocatoria.fecha_cierre).date(),
            detalle=_("Indique si su dependencia participa; si no, explique las causas."),
            origen="convocatorias",
            accion=_("Responder"),
        )
    if usuario.tiene_rol(roles.JEFE):
        for aviso in Aviso.objects.filter(
            estado=Aviso.Estado.POR_FIRMAR, convocatoria__dependencia_id=usuario.dependencia_id
        ).select_related("convocatoria", "convocatoria__cooperante")[:50]:
            yield Pendiente(
                titulo=_("Firmar el oficio informativo: %(c)s") % {"c": aviso.convocatoria.titulo},
                url=aviso.get_absolute_url(),
                tipo=_("Convocatoria"),
                fecha=timezone.localtime(aviso.convocatoria.fecha_cierre).date(),
                detalle=_("Sale con su nombre y cargo: revíselo y fírmelo, o devuélvalo con observaciones."),
                origen="convocatorias",
                accion=_("Revisar y firmar"),
            )
        decisiones = (
            Convocatoria.objects.filter(dependencia_id=usuario.dependencia_id)
            .filter(
                Q(estado=Convocatoria.Estado.PRIORIZADA)
                | Q(estado=Convocatoria.Estado.EN_FORMULACION, versiones__isnull=False)
            )
            .select_related("cooperante")
            .distinct()
        )
        for convocatoria in decisiones[:50]:
            validar = convocatoria.estado == Convocatoria.Estado.PRIORIZADA
            yield Pendiente(
                titulo=(_("Validar la convocatoria: %(c)s") if validar else _("Aprobar el proyecto: %(c)s"))
                % {"c": convocatoria.titulo},
                url=convocatoria.get_absolute_url(),
                tipo=_("Convocatoria"),
                fecha=timezone.localtime(convocatoria.fecha_cierre).date(),
                origen="convocatorias",
                accion=_("Validar") if validar else _("Aprobar"),
            )
    revisar = Q(proyecto__supervisor=usuario)
    if usuario.tiene_rol(roles.JEFE):
        revisar |= Q(proyecto__convocatoria__dependencia_id=usuario.dependencia_id)
    for informe in (
        InformeEjecucion.objects.filter(revisar, estado=InformeEjecucion.Estado.RECIBIDO)
        .select_related("proyecto")
        .order_by("fecha_limite")[:50]
    ):
        yield Pendiente(
            titulo=_("Revisar: %(i)s – %(p)s") % {"i": informe, "p": informe.proyecto.codigo},
            url=informe.get_absolute_url(),
            tipo=_("Proyecto de cooperación"),
            fecha=informe.fecha_limite,
            origen="convocatorias",
            accion=_("Revisar"),
        )
