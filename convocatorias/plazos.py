"""Deadline providers for the core engine: calls closing, execution reports due, projects ending.

Each provider runs two queries whatever the number of records (the records, then the Jefes to remind too);
the engine calls it with the ids of the records that changed, or with None to rebuild everything.
"""

from collections import defaultdict
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.models import Usuario
from cooperacion.core.plazos import Plazo, TipoDePlazo

from .models import Convocatoria, InformeEjecucion, Proyecto

TIPO_CIERRE = TipoDePlazo(
    codigo="cierre_convocatoria",
    nombre="Cierre de convocatoria",
    dias_habiles=False,
    umbrales=(15, 7, 3, 1),
    repetir_vencido_cada=0,
    dias_alerta=7,
)
TIPO_INFORME = TipoDePlazo(
    codigo="informe_ejecucion",
    nombre="Informe de ejecución de proyecto",
    dias_habiles=False,
    umbrales=(15, 5, 1),
    repetir_vencido_cada=5,
    dias_alerta=5,
)
TIPO_FIN = TipoDePlazo(
    codigo="fin_proyecto",
    nombre="Finalización de proyecto de cooperación",
    dias_habiles=False,
    umbrales=(60, 30, 15),
    repetir_vencido_cada=15,
    dias_alerta=15,
)


def _jefes(dependencia_ids) -> dict[int, list[Usuario]]:
    jefes: dict[int, list[Usuario]] = defaultdict(list)
    if dependencia_ids:
        for jefe in Usuario.objects.filter(
            groups__name=roles.JEFE, is_active=True, dependencia_id__in=dependencia_ids
        ).order_by("pk"):
            if jefe.dependencia_id is not None:  # always, by the filter
                jefes[jefe.dependencia_id].append(jefe)
    return jefes


def _solo(consulta, ids):
    return consulta if ids is None else consulta.filter(pk__in=ids)


def plazos_de_cierre(ids: set[int] | None) -> Iterator[Plazo]:
    """The closing date of every call the office is still working on (before it is presented)."""
    consulta = (
        Convocatoria.objects.filter(estado__in=Convocatoria.ANTES_DE_PRESENTAR)
        .select_related("responsable", "dependencia", "cooperante")
        .order_by("pk")
    )
    convocatorias = list(_solo(consulta, ids))
    estados = dict(Convocatoria.Estado.choices)
    jefes = _jefes({c.dependencia_id for c in convocatorias})
    for convocatoria in convocatorias:
        cierre = timezone.localtime(convocatoria.fecha_cierre)
        yield Plazo(
            tipo=TIPO_CIERRE.codigo,
            objeto=convocatoria,
            fecha=cierre.date(),
            hora=cierre.time().replace(second=0, microsecond=0),
            titulo=convocatoria.titulo,
            url=convocatoria.get_absolute_url(),
            responsables=(convocatoria.responsable,),
            avisar_tambien=tuple(jefes[convocatoria.dependencia_id]),
            dependencia=convocatoria.dependencia,
            detalle=_("Cierra el %(f)s a las %(h)s · Estado: %(e)s · Responsable: %(r)s")
            % {
                "f": cierre.strftime("%d/%m/%Y"),
                "h": cierre.strftime("%H:%M"),
                "e": estados.get(convocatoria.estado, convocatoria.estado),
                "r": convocatoria.responsable,
            },
        )


def plazos_de_informes(ids: set[int] | None) -> Iterator[Plazo]:
    """Execution reports due and not yet delivered (pending, or returned with observations)."""
    consulta = (
        InformeEjecucion.objects.por_entregar()
        .filter(proyecto__convocatoria__estado=Convocatoria.Estado.EN_EJECUCION)
        .select_related("proyecto", "proyecto__supervisor", "proyecto__dependencia", "proyecto__convocatoria")
        .order_by("pk")
    )
    informes = list(_solo(consulta, ids))
    estados = dict(InformeEjecucion.Estado.choices)
    jefes = _jefes(
        {i.proyecto.dependencia_id for i in informes} | {i.proyecto.convocatoria.dependencia_id for i in informes}
    )
    for informe in informes:
        proyecto = informe.proyecto
        avisar = {u.pk: u for u in (*jefes[proyecto.dependencia_id], *jefes[proyecto.convocatoria.dependencia_id])}
        yield Plazo(
            tipo=TIPO_INFORME.codigo,
            objeto=informe,
            fecha=informe.fecha_limite,
            titulo=f"{informe} – {proyecto.codigo}",
            url=informe.get_absolute_url(),
            responsables=(proyecto.supervisor,),
            avisar_tambien=tuple(avisar.values()),
            dependencia=proyecto.dependencia,
            otra_dependencia=proyecto.convocatoria.dependencia,
            detalle=_("%(p)s · %(e)s · Supervisor: %(s)s")
            % {"p": proyecto.nombre, "e": estados.get(informe.estado, informe.estado), "s": proyecto.supervisor},
        )


def plazos_de_fin(ids: set[int] | None) -> Iterator[Plazo]:
    """The planned end date of every project in execution."""
    consulta = (
        Proyecto.objects.en_ejecucion().select_related("supervisor", "dependencia", "convocatoria").order_by("pk")
    )
    proyectos = list(_solo(consulta, ids))
    jefes = _jefes({p.convocatoria.dependencia_id for p in proyectos})
    for proyecto in proyectos:
        yield Plazo(
            tipo=TIPO_FIN.codigo,
            objeto=proyecto,
            fecha=proyecto.fecha_fin,
            titulo=str(proyecto),
            url=proyecto.get_absolute_url(),
            responsables=(proyecto.supervisor,),
            avisar_tambien=tuple(jefes[proyecto.convocatoria.dependencia_id]),
            dependencia=proyecto.dependencia,
            otra_dependencia=proyecto.convocatoria.dependencia,
            detalle=_("Finalización prevista del proyecto; prepare el informe final y el acta de finalización."),
        )
