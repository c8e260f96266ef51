"""Reads of plans: a plan's tree with its programming, what the control points need, a quarter's follow-up and the
quarterly report, each in a constant number of queries whatever the number of activities. Figures of indicators
come from indicadores (calculo.calcular), never computed here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import periodos
from cooperacion.core.models import Dependencia
from indicadores import calculo
from indicadores import selectors as indicadores
from indicadores.models import MetaTrimestral

from . import reglas
from .models import (
    Actividad,
    AvanceActividad,
    CambioAjuste,
    Objetivo,
    ObservacionControl,
    Plan,
    SeguimientoTrimestral,
    SolicitudAjuste,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CERO = Decimal(0)


def actividades_de(plan: Plan, *, con_retiradas: bool = False) -> QuerySet[Actividad]:
    consulta = Actividad.objects.filter(plan=plan).select_related(
        "indicador",
        "estrategia",
        "estrategia__objetivo",
        "estrategia__objetivo__objetivo_superior",
        "objetivo_superior",
        "responsable",
        "dependencia_responsable",
    )
    if not con_retiradas:
        consulta = consulta.filter(retirada=False)
    return consulta.order_by("orden", "codigo", "pk")


def metas_generales(indicador_ids: Iterable[int], anios: Iterable[int]) -> dict[int, dict[int, dict[int, Decimal]]]:
    """{indicador: {anio: {trimestre: meta}}} of the general series (one query)."""
    resultado: dict[int, dict[int, dict[int, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for indicador_id, anio, trimestre, valor in MetaTrimestral.objects.filter(
        indicador_id__in=list(indicador_ids), anio__in=list(anios), dependencia__isnull=True
    ).values_list("indicador_id", "anio", "trimestre", "valor"):
        resultado[indicador_id][anio][trimestre] = valor
    return resultado


def actividad_plana(actividad: Actividad, metas: dict[int, dict[int, dict[int, Decimal]]]) -> reglas.ActividadPlana:
    alineada = actividad.alineada_con
    return reglas.ActividadPlana(
        pk=actividad.pk,
        codigo=actividad.codigo,
        objetivo_id=actividad.estrategia.objetivo_id,
        alineada_con_plan_id=alineada.plan_id if alineada else None,
        ficha=actividad.indicador.ficha,
        unidad=actividad.indicador.unidad,
        metas={anio: dict(v) for anio, v in metas.get(actividad.indicador_id, {}).items()},
        peso=actividad.peso,
        fuente=actividad.fuente_recursos,
        presupuesto=actividad.presupuesto,
        bpin=actividad.bpin,
        proyecto_inversion=actividad.proyecto_inversion,
        responsable_id=actividad.responsable_id,
        fecha_inicio=actividad.fecha_inicio,
        fecha_fin=actividad.fecha_fin,
    )


def plan_plano(plan: Plan, actividades: Iterable[Actividad] | None = None) -> reglas.PlanPlano:
    """What the control points need of a plan (five queries)."""
    actividades = list(actividades if actividades is not None else actividades_de(plan))
    metas = metas_generales({a.indicador_id for a in actividades}, plan.anios)
    superior = plan.plan_superior
    return reglas.PlanPlano(
        tipo=plan.tipo,
        anios=plan.anios,
        plan_superior_id=plan.plan_superior_id,
        plan_superior_tipo=superior.tipo if superior else None,
        alineacion_pnd=plan.alineacion_pnd,
        politicas=plan.politicas.count(),
        objetivos=[
            (o.pk, o.codigo, o.linea_pnd, o.objetivo_superior.plan_id if o.objetivo_superior else None)
            for o in plan.objetivos.select_related("objetivo_superior")
        ],
        actividades=[actividad_plana(a, metas) for a in actividades],
    )


def verificacion(plan: Plan) -> list[reglas.PuntoDeControl]:
    return reglas.verificar_plan(plan_plano(plan))


@dataclass
class NodoActividad:
    actividad: Actividad
    metas: dict[int, Decimal]
    meta_anual: Decimal | None
    resultado: calculo.Resultado | None
    cambios: list[CambioAjuste] = field(default_factory=list)

    @property
    def programacion(self) -> list[Decimal | None]:
        return [self.metas.get(t) for t in (1, 2, 3, 4)]


def arbol(plan: Plan, anio: int, *, trimestre: int | None = None) -> list[dict[str, Any]]:
    """The plan's objectives → strategies → activities with the year's programming (and the figures at a quarter
    when the plan is in force); constant queries."""
    objetivos = list(
        Objetivo.objects.filter(plan=plan)
        .select_related("objetivo_superior")
        .prefetch_related("estrategias")
        .order_by("orden", "codigo", "pk")
    )
    actividades = list(actividades_de(plan, con_retiradas=True))
    metas = metas_generales({a.indicador_id for a in actividades}, [anio])
    series = indicadores.series([a.indicador for a in actividades], anio) if trimestre else {}
    cambios: dict[int | None, list[CambioAjuste]] = defaultdict(list)
    for cambio in (
        CambioAjuste.objects.filter(solicitud__plan=plan, solicitud__estado=SolicitudAjuste.Estado.APROBADO)
        .select_related("solicitud")
        .order_by("solicitud__decidida_en", "pk")
    ):
        cambios[cambio.actividad_id].append(cambio)
    por_estrategia: dict[int | None, list[NodoActividad]] = defaultdict(list)
    for a in actividades:
        metas_anio = dict(metas.get(a.indicador_id, {}).get(anio, {}))
        anual = calculo.calcular(a.indicador.ficha, metas_anio, {})[3].meta_anual if metas_anio else None
        resultado = series[a.indicador_id].en(trimestre) if trimestre else None
        por_estrategia[a.estrategia_id].append(NodoActividad(a, metas_anio, anual, resultado, cambios.get(a.pk, [])))
    return [
        {
            "objetivo": o,
            "estrategias": [
                {"estrategia": e, "actividades": por_estrategia.get(e.pk, [])}
                for e in sorted(o.estrategias.all(), key=lambda e: (e.orden, e.codigo, e.pk))
            ],
        }
        for o in objetivos
    ]


# The quarterly follow-up -----------------------------------------------------------------------------------


@dataclass
class FilaActividad:
    actividad: Actividad
    resultado: calculo.Resultado
    avance: AvanceActividad | None
    presupuesto: Decimal | None
    ejecutado_trimestre: Decimal
    ejecutado_acumulado: Decimal
    coherencia: reglas.Coherencia
    por_debajo: bool
    metas: dict[int, Decimal] = field(default_factory=dict)
    resultados: list[calculo.Resultado] = field(default_factory=list)  # the four quarters, for charts
    # What the viewer may do with the row (set by the follow-up page).
    puede_reportar: bool = False
    puede_devolver: bool = False

    @property
    def justificacion(self) -> str:
        return self.avance.justificacion if self.avance else ""

    def se_mide_en(self, trimestre: int) -> bool:
        return trimestre in self.actividad.indicador.trimestres_de_reporte

    @property
    def estado_reporte(self) -> StrOrPromise:
        return self.avance.get_estado_display() if self.avance else AvanceActividad.Estado.PENDIENTE.label

    @property
    def puntos_de_control(self) -> list[reglas.PuntoDeControl]:
        return reglas.control_16(resultado=self.resultado, justificacion=self.justificacion, coherente=self.coherencia)


def filas_de_actividades(
    actividades: Iterable[Actividad], anio: int, trimestre: int, avances: Iterable[AvanceActividad]
) -> list[FilaActividad]:
    """Each activity's figures at the quarter: the indicator's (calculo), the budget executed up to the quarter and
    its coherence with the progress. `avances` are the activities' rows of the year up to that quarter."""
    actividades = list(actividades)
    series = indicadores.series([a.indicador for a in actividades], anio)
    por_actividad: dict[int, list[AvanceActividad]] = defaultdict(list)
    for avance in avances:
        por_actividad[avance.actividad_id].append(avance)
    filas = []
    for a in actividades:
        propios = por_actividad.get(a.pk, [])
        del_trimestre = next((x for x in propios if x.seguimiento.trimestre == trimestre), None)
        acumulado = sum((x.presupuesto_ejecutado for x in propios if x.seguimiento.trimestre <= trimestre), CERO)
        serie = series[a.indicador_id]
        resultado = serie.en(trimestre)
        filas.append(
            FilaActividad(
                actividad=a,
                resultado=resultado,
                avance=del_trimestre,
                presupuesto=a.presupuesto,
                ejecutado_trimestre=del_trimestre.presupuesto_ejecutado if del_trimestre else CERO,
                ejecutado_acumulado=acumulado,
                coherencia=reglas.coherencia(
                    presupuesto=a.presupuesto, ejecutado=acumulado, avance=resultado.avance_anual
                ),
                por_debajo=reglas.por_debajo(resultado),
                metas=serie.metas,
                resultados=serie.resultados,
            )
        )
    return filas


def avances_del_anio(actividad_ids: Iterable[int], anio: int, hasta: int) -> QuerySet[AvanceActividad]:
    return (
        AvanceActividad.objects.filter(
            actividad_id__in=list(actividad_ids), seguimiento__anio=anio, seguimiento__trimestre__lte=hasta
        )
        .select_related("seguimiento", "reportado_por")
        .order_by("seguimiento__trimestre", "pk")
    )


def seguimiento_detalle(seguimiento: SeguimientoTrimestral) -> list[FilaActividad]:
    """A dependencia's quarter: each of its activities with the figures at that quarter (constant queries)."""
    actividades = list(
        Actividad.objects.filter(avances__seguimiento=seguimiento, retirada=False)
        .select_related("indicador", "plan", "estrategia", "responsable")
        .order_by("plan__tipo", "plan__nombre", "orden", "codigo")
    )
    avances = avances_del_anio([a.pk for a in actividades], seguimiento.anio, seguimiento.trimestre)
    return filas_de_actividades(actividades, seguimiento.anio, seguimiento.trimestre, avances)


# The quarterly report (activities 17-19) --------------------------------------------------------------------


@dataclass
class FilaPlan:
    plan: Plan
    cumplimiento: calculo.Cumplimiento
    actividades: int
    por_debajo: int
    presupuesto: Decimal
    ejecutado: Decimal

    @property
    def ejecucion(self) -> Decimal | None:
        return self.ejecutado / self.presupuesto * 100 if self.presupuesto else None


@dataclass
class FilaDiagnostico:
    dependencia: object
    seguimiento: SeguimientoTrimestral | None
    cumplimiento: calculo.Cumplimiento
    actividades: int
    reportadas: int
    por_debajo: int
    justificadas: int
    devueltas: int
    alertas: int
    presupuesto: Decimal
    ejecutado: Decimal
    observaciones: list[ObservacionControl] = field(default_factory=list)

    @property
    def ejecucion(self) -> Decimal | None:
        return self.ejecutado / self.presupuesto * 100 if self.presupuesto else None

    @property
    def estado(self) -> str:
        return self.seguimiento.get_estado_display() if self.seguimiento else "—"

    @property
    def diagnostico(self) -> str:
        return self.seguimiento.diagnostico if self.seguimiento else ""

    @property
    def recomendaciones(self) -> str:
        return self.seguimiento.recomendaciones if self.seguimiento else ""


@dataclass
class Pendiente:
    dependencia: Dependencia | None
    actividad: Actividad | None
    estado: StrOrPromise
    fecha_limite: date | None
    dias_vencido: int | None


@dataclass
class Informe:
    anio: int
    trimestre: int
    actividades: list[FilaActividad]
    planes: list[FilaPlan]
    diagnostico: list[FilaDiagnostico]
    consolidado: calculo.Cumplimiento
    pendientes: list[Pendiente]
    ajustes: list[CambioAjuste]
    seguimientos: list[SeguimientoTrimestral]

    @property
    def periodo(self) -> str:
        return periodos.periodo(self.anio, self.trimestre)

    @property
    def por_debajo(self) -> list[FilaActividad]:
        return [f for f in self.actividades if f.por_debajo]

    @property
    def presupuesto(self) -> Decimal:
        return sum((f.presupuesto or CERO for f in self.actividades), CERO)

    @property
    def ejecutado(self) -> Decimal:
        return sum((f.ejecutado_acumulado for f in self.actividades), CERO)

    @property
    def alertas(self) -> list[FilaActividad]:
        return [f for f in self.actividades if f.coherencia.diverge]

    def conteo_semaforo(self) -> dict[calculo.Estado, int]:
        conteo = dict.fromkeys(calculo.Estado, 0)
        for fila in self.actividades:
            conteo[fila.resultado.acumulado.estado] += 1
        return conteo


def informe(anio: int, trimestre: int, *, dependencia_id: int | None = None) -> Informe:
    """Everything the quarterly follow-up report shows, for every dependencia or one (about ten queries)."""
    planes = list(Plan.objects.en_vigor(anio).select_related("dependencia").order_by("tipo", "dependencia__nombre"))
    consulta_actividades = Actividad.objects.filter(plan__in=[p.pk for p in planes], retirada=False)
    if dependencia_id is not None:
        consulta_actividades = consulta_actividades.filter(dependencia_responsable_id=dependencia_id)
    actividades = list(
        consulta_actividades.select_related(
            "indicador", "plan", "plan__dependencia", "dependencia_responsable", "estrategia"
        ).order_by("dependencia_responsable__nombre", "plan__tipo", "plan__nombre", "orden", "codigo", "pk")
    )
    avances = list(avances_del_anio([a.pk for a in actividades], anio, trimestre))
    filas = filas_de_actividades(actividades, anio, trimestre, avances)

    consulta_seguimientos = SeguimientoTrimestral.objects.filter(anio=anio, trimestre=trimestre).select_related(
        "dependencia", "calendario"
    )
    if dependencia_id is not None:
        consulta_seguimientos = consulta_seguimientos.filter(dependencia_id=dependencia_id)
    seguimientos = list(
        consulta_seguimientos.prefetch_related(
            Prefetch("observaciones", queryset=ObservacionControl.objects.select_related("autor"))
        ).order_by("dependencia__nombre")
    )

    por_plan: dict[int, list[FilaActividad]] = defaultdict(list)
    por_dependencia: dict[int, list[FilaActividad]] = defaultdict(list)
    for fila in filas:
        por_plan[fila.actividad.plan_id].append(fila)
        por_dependencia[fila.actividad.dependencia_responsable_id].append(fila)
    filas_planes = []
    for plan in planes:
        propias = por_plan.get(plan.pk, [])
        if not propias:
            continue
        filas_planes.append(
            FilaPlan(
                plan=plan,
                cumplimiento=calculo.ponderado((f.actividad.peso, f.resultado.acumulado) for f in propias),
                actividades=len(propias),
                por_debajo=sum(1 for f in propias if f.por_debajo),
                presupuesto=sum((f.presupuesto or CERO for f in propias), CERO),
                ejecutado=sum((f.ejecutado_acumulado for f in propias), CERO),
            )
        )
    plan_de_accion = {
        fp.plan.dependencia_id: fp.cumplimiento for fp in filas_planes if fp.plan.tipo == Plan.Tipo.ACCION
    }
    seguimiento_de = {s.dependencia_id: s for s in seguimientos}
    dependencias = {f.actividad.dependencia_responsable_id: f.actividad.dependencia_responsable for f in filas}
    dependencias.update({s.dependencia_id: s.dependencia for s in seguimientos})
    diagnostico = []
    for dep_id, dependencia in sorted(dependencias.items(), key=lambda d: d[1].nombre):
        # The quarter's table counts what is measured in it (an annual indicator is reported only in T4).
        propias = [f for f in por_dependencia.get(dep_id, []) if f.se_mide_en(trimestre)]
        reportadas = [f for f in propias if f.avance and f.avance.estado == AvanceActividad.Estado.REPORTADO]
        seguimiento = seguimiento_de.get(dep_id)
        diagnostico.append(
            FilaDiagnostico(
                dependencia=dependencia,
                seguimiento=seguimiento,
                cumplimiento=plan_de_accion.get(dep_id)
                or calculo.ponderado((f.actividad.peso, f.resultado.acumulado) for f in propias),
                actividades=len(propias),
                reportadas=len(reportadas),
                por_debajo=sum(1 for f in propias if f.por_debajo),
                justificadas=sum(1 for f in propias if f.por_debajo and f.justificacion.strip()),
                devueltas=sum(1 for f in propias if f.avance and f.avance.estado == AvanceActividad.Estado.DEVUELTO),
                alertas=sum(1 for f in propias if f.coherencia.diverge),
                presupuesto=sum((f.presupuesto or CERO for f in propias), CERO),
                ejecutado=sum((f.ejecutado_acumulado for f in propias), CERO),
                observaciones=list(seguimiento.observaciones.all()) if seguimiento else [],
            )
        )
    acciones = [fp for fp in filas_planes if fp.plan.tipo == Plan.Tipo.ACCION]
    consolidado = calculo.ponderado((Decimal(1), fp.cumplimiento) for fp in acciones)

    hoy = timezone.localdate()
    pendientes = []
    for s in seguimientos:  # quarters not yet sent to Planeación
        if s.estado == SeguimientoTrimestral.Estado.ABIERTO:
            limite = s.calendario.fecha_limite_reporte if s.calendario else None
            pendientes.append(
                Pendiente(
                    dependencia=s.dependencia,
                    actividad=None,
                    estado=_("Seguimiento sin enviar a Planeación"),
                    fecha_limite=limite,
                    dias_vencido=(hoy - limite).days if limite and limite < hoy else None,
                )
            )
    for fila in filas:
        if trimestre not in fila.actividad.indicador.trimestres_de_reporte:
            continue  # not measured this quarter (a semiannual or annual indicator)
        estado_item = fila.avance.estado if fila.avance else AvanceActividad.Estado.PENDIENTE
        if estado_item == AvanceActividad.Estado.REPORTADO:
            continue
        seguimiento = seguimiento_de.get(fila.actividad.dependencia_responsable_id)
        limite = seguimiento.calendario.fecha_limite_reporte if seguimiento and seguimiento.calendario else None
        pendientes.append(
            Pendiente(
                dependencia=fila.actividad.dependencia_responsable,
                actividad=fila.actividad,
                estado=fila.estado_reporte,
                fecha_limite=limite,
                dias_vencido=(hoy - limite).days if limite and limite < hoy else None,
            )
        )
    inicio, fin = periodos.limites(periodos.periodo(anio, trimestre))
    consulta_ajustes = (
        CambioAjuste.objects.filter(  # decided in the quarter (the date of the approving session or decision)
            solicitud__estado=SolicitudAjuste.Estado.APROBADO,
            solicitud__acta_fecha__gte=inicio.date(),
            solicitud__acta_fecha__lt=fin.date(),
        )
    )
    if dependencia_id is not None:
        consulta_ajustes = consulta_ajustes.filter(actividad__dependencia_responsable_id=dependencia_id)
    ajustes = list(
        consulta_ajustes.select_related("solicitud", "solicitud__plan", "actividad").order_by(
            "solicitud__acta_fecha", "pk"
        )
    )
    return Informe(
        anio=anio,
        trimestre=trimestre,
        actividades=filas,
        planes=filas_planes,
        diagnostico=diagnostico,
        consolidado=consolidado,
        pendientes=pendientes,
        ajustes=ajustes,
        seguimientos=seguimientos,
    )


def resumen_de_seguimientos(consulta: QuerySet[SeguimientoTrimestral]) -> QuerySet[SeguimientoTrimestral]:
    """Each quarter of a list with its counts of activities by report state (one query for the page)."""
    return consulta.annotate(
        total_avances=Count("avances"),
        reportados=Count("avances", filter=Q(avances__estado=AvanceActividad.Estado.REPORTADO)),
        devueltos=Count("avances", filter=Q(avances__estado=AvanceActividad.Estado.DEVUELTO)),
    )
