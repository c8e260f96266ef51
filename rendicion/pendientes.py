"""What waits for a user in the accountability strategy, for the core's «Lo que debo hacer» (four queries at most)."""

from collections.abc import Iterator

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core.pendientes import Pendiente

from . import permissions
from .models import Corte, EspacioDialogo, PreguntaCiudadana
from .models.comun import dependencia_de_trabajo

TIPO = _("Rendición de cuentas")


def pendientes_de(usuario) -> Iterator[Pendiente]:
    if not (usuario.is_authenticated and usuario.is_active):
        return
    # Questions to moderate or answer: the organizing dependencia, Planeación, the Administrador.
    if permissions.gestiona_la_estrategia(usuario):
        espacios = EspacioDialogo.objects.all()
    elif dependencia_de_trabajo(usuario) is not None:
        espacios = EspacioDialogo.objects.filter(dependencia_id=usuario.dependencia_id)
    else:
        espacios = None
    if espacios is not None:
        for pregunta in (
            PreguntaCiudadana.objects.filter(espacio__in=espacios, estado__in=PreguntaCiudadana.POR_ATENDER)
            .select_related("espacio")
            .order_by("fecha_limite_respuesta", "pk")[:50]
        ):
            moderar = pregunta.estado == PreguntaCiudadana.Estado.RECIBIDA
            yield Pendiente(
                titulo=(_("Moderar la pregunta %(r)s") if moderar else _("Responder la pregunta %(r)s"))
                % {"r": pregunta.referencia},
                url=pregunta.get_absolute_url(),
                tipo=str(TIPO),
                fecha=pregunta.fecha_limite_respuesta,
                detalle=pregunta.espacio.nombre,
                origen="rendicion",
                accion=_("Moderar") if moderar else _("Responder"),
            )
    if permissions.evalua(usuario):
        hoy = timezone.localdate()
        cortes = (
            Corte.objects.exclude(estado=Corte.Estado.PUBLICADO)
            .filter(fecha_corte__lte=hoy)
            .select_related("estrategia")
            .annotate(sin_evaluar=Count("evaluaciones", filter=Q(evaluaciones__resultado="")))
            .order_by("fecha_limite_publicacion")[:20]
        )
        for corte in cortes:
            if corte.estado == Corte.Estado.ABIERTO:
                titulo = _("Evaluar el corte «%(c)s» (%(n)s acciones sin evaluar)") % {
                    "c": corte.nombre,
                    "n": corte.sin_evaluar,
                }
                accion = _("Evaluar")
            else:
                titulo = _("Publicar el informe del corte «%(c)s»") % {"c": corte.nombre}
                accion = _("Publicar")
            yield Pendiente(
                titulo=titulo,
                url=corte.get_absolute_url(),
                tipo=str(TIPO),
                fecha=corte.fecha_limite_publicacion,
                detalle=_("Estrategia %(a)s") % {"a": corte.estrategia.anio},
                origen="rendicion",
                accion=accion,
            )
