"""Deadline providers for the core engine: the formulation schedule of the year's action plans (formulation, upload,
verification, publication by 31 January) and the quarterly follow-up deadlines Planeación sets. Each provider runs
a constant number of queries whatever the number of records."""

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.models import Usuario
from cooperacion.core.plazos import Plazo, TipoDePlazo

from .models import Plan, SeguimientoTrimestral, Vigencia

TIPO_FORMULACION = TipoDePlazo(
    codigo="formulacion_plan_accion", nombre="Formulación del plan de acción", dias_habiles=True, umbrales=(10, 5, 1)
)
TIPO_CARGUE = TipoDePlazo(
    codigo="cargue_plan_accion", nombre="Cargue y envío del plan de acción", dias_habiles=True, umbrales=(10, 5, 1)
)
TIPO_APROBACION = TipoDePlazo(
    codigo="aprobacion_plan_accion", nombre="Verificación y aprobación del plan de acción", umbrales=(5, 2, 1)
)
TIPO_PUBLICACION = TipoDePlazo(
    codigo="publicacion_plan_accion",
    nombre="Publicación del Plan de Acción Institucional (31 de enero)",
    dias_habiles=False,
    umbrales=(30, 15, 5, 1),
    repetir_vencido_cada=3,
    dias_alerta=15,
)
TIPO_REPORTE = TipoDePlazo(
    codigo="reporte_seguimiento_planes", nombre="Reporte del seguimiento trimestral del plan", umbrales=(5, 2, 1)
)
TIPO_REVISION = TipoDePlazo(
    codigo="revision_seguimiento_planes", nombre="Revisión del seguimiento trimestral", umbrales=(3, 1)
)


def _solo(consulta, ids):
    return consulta if ids is None else consulta.filter(pk__in=ids)


def _personal(dependencia_ids) -> dict[int, list[Usuario]]:
    por_dependencia: dict[int, list[Usuario]] = defaultdict(list)
    if dependencia_ids:
        for usuario in (
            Usuario.objects.filter(
                groups__name__in=[roles.PROFESIONAL, roles.JEFE], is_active=True, dependencia_id__in=dependencia_ids
            )
            .distinct()
            .order_by("pk")
        ):
            if usuario.dependencia_id is not None:  # the filter on dependencia_id__in leaves none without one
                por_dependencia[usuario.dependencia_id].append(usuario)
    return por_dependencia


def _planeacion() -> tuple[Usuario, ...]:
    return tuple(Usuario.objects.filter(groups__name=roles.PLANEACION, is_active=True).distinct().order_by("pk"))


def _planes(ids, estados):
    consulta = Plan.objects.filter(
        tipo=Plan.Tipo.ACCION, estado__in=estados, vigencia__estado=Vigencia.Estado.ABIERTA
    ).select_related("vigencia", "dependencia")
    return list(_solo(consulta, ids).order_by("pk"))


def plazos_de_formulacion(ids) -> Iterator[Plazo]:
    planes = _planes(ids, [Plan.Estado.BORRADOR])
    personal = _personal({p.dependencia_id for p in planes})
    for plan in planes:
        yield Plazo(
            tipo=TIPO_FORMULACION.codigo,
            objeto=plan,
            fecha=plan.vigencia.fecha_limite_formulacion,
            titulo=str(plan),
            url=plan.get_absolute_url(),
            responsables=tuple(personal[plan.dependencia_id]),
            dependencia=plan.dependencia,
            detalle=_("Formule objetivos, actividades, indicadores, metas trimestrales, pesos y presupuesto."),
        )


def plazos_de_cargue(ids) -> Iterator[Plazo]:
    planes = _planes(ids, [Plan.Estado.BORRADOR, Plan.Estado.DEVUELTO])
    personal = _personal({p.dependencia_id for p in planes})
    for plan in planes:
        devuelto = plan.estado == Plan.Estado.DEVUELTO
        yield Plazo(
            tipo=TIPO_CARGUE.codigo,
            objeto=plan,
            fecha=plan.vigencia.fecha_limite_cargue,
            titulo=str(plan),
            url=plan.get_absolute_url(),
            responsables=tuple(personal[plan.dependencia_id]),
            dependencia=plan.dependencia,
            detalle=_("Devuelto con observaciones: corríjalo y envíelo de nuevo.")
            if devuelto
            else _("Envíe el plan a la Oficina Asesora de Planeación para su verificación."),
        )


def plazos_de_aprobacion(ids) -> Iterator[Plazo]:
    planes = _planes(ids, [Plan.Estado.ENVIADO])
    planeacion = _planeacion()
    for plan in planes:
        yield Plazo(
            tipo=TIPO_APROBACION.codigo,
            objeto=plan,
            fecha=plan.vigencia.fecha_limite_aprobacion,
            titulo=str(plan),
            url=plan.get_absolute_url(),
            responsables=planeacion,
            dependencia=plan.dependencia,
            detalle=_("Verifique los puntos de control de la actividad 12 y apruebe o devuelva con observaciones."),
        )


def plazos_de_publicacion(ids) -> Iterator[Plazo]:
    consulta = Vigencia.objects.exclude(estado=Vigencia.Estado.PUBLICADA)
    planeacion = _planeacion()
    for vigencia in _solo(consulta, ids).order_by("pk"):
        yield Plazo(
            tipo=TIPO_PUBLICACION.codigo,
            objeto=vigencia,
            fecha=vigencia.fecha_limite_publicacion,
            titulo=vigencia.nombre_consolidado,
            url=vigencia.get_absolute_url(),
            responsables=planeacion,
            detalle=_("Consolidar, presentar al comité y publicar en la página web a más tardar el 31 de enero."),
        )


def _seguimientos(ids, estado):
    consulta = SeguimientoTrimestral.objects.filter(estado=estado, calendario__isnull=False).select_related(
        "calendario", "dependencia"
    )
    return list(_solo(consulta, ids).order_by("pk"))


def plazos_de_reporte(ids) -> Iterator[Plazo]:
    seguimientos = _seguimientos(ids, SeguimientoTrimestral.Estado.ABIERTO)
    personal = _personal({s.dependencia_id for s in seguimientos})
    for seguimiento in seguimientos:
        yield Plazo(
            tipo=TIPO_REPORTE.codigo,
            objeto=seguimiento,
            fecha=seguimiento.calendario.fecha_limite_reporte,
            titulo=str(seguimiento),
            url=seguimiento.get_absolute_url(),
            responsables=tuple(personal[seguimiento.dependencia_id]),
            dependencia=seguimiento.dependencia,
            detalle=_("Reporte el avance de cada actividad, con su justificación si está por debajo, y envíelo."),
        )


def plazos_de_revision(ids) -> Iterator[Plazo]:
    seguimientos = _seguimientos(ids, SeguimientoTrimestral.Estado.ENVIADO)
    planeacion = _planeacion()
    for seguimiento in seguimientos:
        yield Plazo(
            tipo=TIPO_REVISION.codigo,
            objeto=seguimiento,
            fecha=seguimiento.calendario.fecha_limite_revision,
            titulo=str(seguimiento),
            url=seguimiento.get_absolute_url(),
            responsables=planeacion,
            dependencia=seguimiento.dependencia,
            detalle=_("Revise el seguimiento, devuelva lo que no cumple y diligencie el cuadro diagnóstico."),
        )
