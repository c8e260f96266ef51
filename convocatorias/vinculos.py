"""The calls and projects of an actor, for its page in the catalog (core registry `vinculos`)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from cooperacion.core.vinculos import Seccion, Vinculado

from .models import Convocatoria, Proyecto


def convocatorias_del_actor(actor, usuario) -> Seccion:
    """The calls the actor offers (as donor) that the user may see: one query."""
    consulta = (
        Convocatoria.objects.visibles_para(usuario)
        .filter(cooperante=actor)
        .select_related("moneda")
        .order_by("-fecha_cierre", "pk")
    )
    return Seccion(
        titulo=_("Convocatorias"),
        etiqueta_monto=_("Recursos ofrecidos"),
        filas=[
            Vinculado(
                titulo=c.nombre,
                url=c.get_absolute_url(),
                detalle=_("Cierre: %(f)s") % {"f": c.fecha_cierre.strftime("%d/%m/%Y")},
                estado=c.get_estado_display(),
                monto=c.monto,
                moneda=c.moneda.codigo if c.moneda is not None else "",
            )
            for c in consulta
        ],
    )


def proyectos_del_actor(actor, usuario) -> Seccion:
    """The projects the actor funds (the call's donor) or takes part in, that the user may see: one query."""
    consulta = (
        Proyecto.objects.visibles_para(usuario)
        .filter(Q(convocatoria__cooperante=actor) | Q(participantes__actor=actor))
        .select_related("moneda", "convocatoria")
        .distinct()
        .order_by("-fecha_inicio", "pk")
    )
    return Seccion(
        titulo=_("Proyectos de cooperación"),
        etiqueta_monto=_("Monto comprometido"),
        filas=[
            Vinculado(
                titulo=f"{p.codigo} · {p.nombre}",
                url=p.get_absolute_url(),
                detalle=_("%(i)s – %(f)s")
                % {"i": p.fecha_inicio.strftime("%d/%m/%Y"), "f": p.fecha_fin.strftime("%d/%m/%Y")},
                estado=p.convocatoria.get_estado_display(),
                monto=p.monto_comprometido,
                moneda=p.moneda.codigo,
            )
            for p in consulta
        ],
    )
