"""Deadline providers for the core engine: actions of a published strategy, citizens' questions to answer, follow-up
reports to publish, improvement actions. Each runs a constant number of queries whatever the number of records."""

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.models import Usuario
from cooperacion.core.plazos import Plazo, TipoDePlazo

from .models import AccionMejora, AccionRendicion, Corte, Estrategia, PreguntaCiudadana, ResponsableAccion

TIPO_ACCION = TipoDePlazo(
    codigo="accion_rendicion",
    nombre="Acción de la estrategia de rendición de cuentas",
    dias_habiles=False,
    umbrales=(15, 5, 1),
    repetir_vencido_cada=7,
    dias_alerta=7,
)
TIPO_RESPUESTA = TipoDePlazo(
    codigo="respuesta_pregunta_ciudadana",
    nombre="Respuesta a una pregunta ciudadana",
    dias_habiles=True,
    umbrales=(5, 2, 1),
    repetir_vencido_cada=1,
    dias_alerta=3,
)
TIPO_PUBLICACION = TipoDePlazo(
    codigo="publicacion_seguimiento_rendicion",
    nombre="Publicación del informe de seguimiento de rendición de cuentas",
    dias_habiles=True,
    umbrales=(5, 2, 1),
    repetir_vencido_cada=1,
    dias_alerta=3,
)
TIPO_MEJORA = TipoDePlazo(
    codigo="accion_mejora_rendicion",
    nombre="Acción de mejora de rendición de cuentas",
    dias_habiles=False,
    umbrales=(15, 5, 1),
    repetir_vencido_cada=7,
    dias_alerta=7,
)


def _personal(dependencia_ids) -> dict[int, list[Usuario]]:
    """Active Profesional and Jefe users of those dependencias (one query)."""
    personal: dict[int, list[Usuario]] = defaultdict(list)
    if dependencia_ids:
        for usuario in (
            Usuario.objects.filter(
                groups__name__in=[roles.PROFESIONAL, roles.JEFE], is_active=True, dependencia_id__in=dependencia_ids
            )
            .distinct()
            .order_by("pk")
        ):
            if usuario.dependencia_id is not None:  # the filter on dependencia_id__in leaves none without one
                personal[usuario.dependencia_id].append(usuario)
    return personal


def _solo(consulta, ids):
    return consulta if ids is None else consulta.filter(pk__in=ids)


def plazos_de_acciones(ids: set[int] | None) -> Iterator[Plazo]:
    """The end date of every action not yet done of a published strategy: its lead dependencia answers for it."""
    consulta = (
        AccionRendicion.objects.filter(estrategia__estado=Estrategia.Estado.PUBLICADA, fecha_fin__isnull=False)
        .exclude(estado=AccionRendicion.Estado.CUMPLIDA)
        .select_related("estrategia")
        .prefetch_related(Prefetch("responsables", queryset=ResponsableAccion.objects.select_related("dependencia")))
        .order_by("pk")
    )
    acciones = list(_solo(consulta, ids))
    personal = _personal({r.dependencia_id for a in acciones for r in a.responsables.all()})
    estados = dict(AccionRendicion.Estado.choices)
    for accion in acciones:
        lider = accion.lider
        otras = [r for r in accion.responsables_ordenados if not r.lidera]
        yield Plazo(
            tipo=TIPO_ACCION.codigo,
            objeto=accion,
            fecha=accion.fecha_fin,
            titulo=f"{accion.estrategia.anio} {accion.codigo}: {accion.texto}"[:300],
            url=accion.get_absolute_url(),
            responsables=tuple(personal[lider.dependencia_id]) if lider else (),
            avisar_tambien=tuple(u for r in otras for u in personal[r.dependencia_id]),
            dependencia=lider.dependencia if lider else None,
            otra_dependencia=otras[0].dependencia if otras else None,
            detalle=_("Entregable: %(e)s · Estado: %(s)s · Avance: %(p)s %%")
            % {"e": accion.entregable[:200], "s": estados.get(accion.estado), "p": accion.porcentaje_avance},
        )


def plazos_de_respuestas(ids: set[int] | None) -> Iterator[Plazo]:
    """Citizens' questions still to answer (Ley 1755 de 2015): the organizing dependencia answers."""
    consulta = (
        PreguntaCiudadana.objects.filter(estado__in=PreguntaCiudadana.POR_ATENDER)
        .select_related("espacio", "espacio__dependencia")
        .order_by("pk")
    )
    preguntas = list(_solo(consulta, ids))
    personal = _personal({p.espacio.dependencia_id for p in preguntas})
    for pregunta in preguntas:
        espacio = pregunta.espacio
        yield Plazo(
            tipo=TIPO_RESPUESTA.codigo,
            objeto=pregunta,
            fecha=pregunta.fecha_limite_respuesta,
            titulo=_("Pregunta ciudadana %(r)s – %(e)s") % {"r": pregunta.referencia, "e": espacio.nombre},
            url=pregunta.get_absolute_url(),
            responsables=tuple(personal[espacio.dependencia_id]),
            dependencia=espacio.dependencia,
            detalle=_("Estado: %(s)s") % {"s": pregunta.get_estado_display()},
        )


def plazos_de_publicacion(ids: set[int] | None) -> Iterator[Plazo]:
    """Follow-up reports not yet published: Control Interno publishes them within the business days after the
    cut-off."""
    consulta = Corte.objects.exclude(estado=Corte.Estado.PUBLICADO).select_related("estrategia").order_by("pk")
    cortes = list(_solo(consulta, ids))
    control = (
        list(Usuario.objects.filter(groups__name=roles.CONTROL_INTERNO, is_active=True).distinct().order_by("pk"))
        if cortes
        else []
    )
    for corte in cortes:
        yield Plazo(
            tipo=TIPO_PUBLICACION.codigo,
            objeto=corte,
            fecha=corte.fecha_limite_publicacion,
            titulo=_("Informe de seguimiento %(a)s: %(c)s") % {"a": corte.estrategia.anio, "c": corte.nombre},
            url=corte.get_absolute_url(),
            responsables=tuple(control),
            dependencia=control[0].dependencia if control else None,
            detalle=_("Corte del %(f)s · Estado: %(s)s")
            % {"f": corte.fecha_corte.strftime("%d/%m/%Y"), "s": corte.get_estado_display()},
        )


def plazos_de_mejoras(ids: set[int] | None) -> Iterator[Plazo]:
    consulta = (
        AccionMejora.objects.filter(estado=AccionMejora.Estado.ABIERTA)
        .select_related("estrategia", "dependencia", "responsable")
        .order_by("pk")
    )
    mejoras = list(_solo(consulta, ids))
    personal = _personal({m.dependencia_id for m in mejoras})
    for mejora in mejoras:
        responsables = (mejora.responsable,) if mejora.responsable_id else tuple(personal[mejora.dependencia_id])
        yield Plazo(
            tipo=TIPO_MEJORA.codigo,
            objeto=mejora,
            fecha=mejora.fecha_limite,
            titulo=(_("Acción de mejora %(a)s: %(d)s") % {"a": mejora.estrategia.anio, "d": mejora.descripcion})[:300],
            url=mejora.get_absolute_url(),
            responsables=responsables,
            avisar_tambien=tuple(personal[mejora.dependencia_id]) if mejora.responsable_id else (),
            dependencia=mejora.dependencia,
            detalle=mejora.get_origen_display(),
        )
