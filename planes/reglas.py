"""The control points of DE-PD-01, computed from the data (section 6 of the procedure):

- activities 2 and 5 (strategic plans): aligned with the Plan Nacional de Desarrollo (and the sectorial plan) and the
  administrative-development policies; measurable, quantifiable targets;
- activity 12 (action plans): aligned with a higher-plan objective, measurable targets, investment-project activities
  aligned, the Planeación methodology (weights summing 100 %, responsible and dates), budget present;
- activity 16 (quarterly follow-up): compliance against what was programmed, the justification when short of it,
  the budget executed coherent with the progress;
- activity 23 (adjustments): the causes documented, and the plan that results still passing its checks.

Each check names the procedure's own words and lists what fails; a service refuses to approve while any fails.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from indicadores import calculo

from . import procedimiento

BPIN = re.compile(r"^\d{13}$")
CIEN = Decimal(100)
# Budget coherence: the share of the budget executed and the share of the year's target done may not differ by more.
DIVERGENCIA_MAXIMA = Decimal(20)
LARGO_MINIMO_CAUSA = 20


@dataclass(frozen=True)
class PuntoDeControl:
    actividad: int  # the DE-PD-01 activity whose control point this is
    nombre: str  # the check in the product's words
    texto: str  # the procedure's own words
    cumple: bool
    fallas: tuple[str, ...] = ()

    def como_dato(self) -> dict:
        return {"actividad": self.actividad, "nombre": self.nombre, "cumple": self.cumple, "fallas": list(self.fallas)}


@dataclass
class ActividadPlana:
    """What the checks need of an activity (built from the model, or from an adjustment's proposal)."""

    pk: int
    codigo: str
    objetivo_id: int
    alineada_con_plan_id: int | None
    ficha: calculo.Ficha | None
    unidad: str
    metas: dict[int, dict[int, Decimal]]  # {anio: {trimestre: meta}}
    peso: Decimal
    fuente: str
    presupuesto: Decimal | None
    bpin: str
    proyecto_inversion: str
    responsable_id: int | None
    fecha_inicio: date | None
    fecha_fin: date | None


@dataclass
class PlanPlano:
    tipo: str
    anios: list[int]
    plan_superior_id: int | None
    plan_superior_tipo: str | None
    alineacion_pnd: str
    politicas: int
    objetivos: list[tuple[int, str, str, int | None]]  # (pk, codigo, linea_pnd, plan del objetivo superior)
    actividades: list[ActividadPlana] = field(default_factory=list)


def _punto(actividad: int, indice: int, nombre: str, fallas: Iterable[str]) -> PuntoDeControl:
    fallas = tuple(fallas)
    return PuntoDeControl(actividad, nombre, procedimiento.verificacion(actividad, indice), not fallas, fallas)


def meta_anual(actividad: ActividadPlana, anio: int) -> Decimal | None:
    """The year's target of an activity, as its indicator accumulates the quarters (calculo.calcular)."""
    if actividad.ficha is None:
        return None
    return calculo.calcular(actividad.ficha, actividad.metas.get(anio, {}), {})[3].meta_anual


def _fallas_metas(plan: PlanPlano) -> list[str]:
    fallas = []
    if not plan.actividades:
        fallas.append("El plan no tiene actividades con metas.")
    for a in plan.actividades:
        if a.ficha is None:
            fallas.append(f"{a.codigo}: no tiene indicador.")
            continue
        if not a.unidad.strip():
            fallas.append(f"{a.codigo}: el indicador no tiene unidad de medida.")
        for anio in plan.anios:
            if not a.metas.get(anio):
                fallas.append(f"{a.codigo}: sin programación trimestral para {anio}.")
                continue
            anual = meta_anual(a, anio)
            creciente = a.ficha.sentido == calculo.Sentido.CRECIENTE
            if anual is None or (creciente and anual <= 0):
                fallas.append(f"{a.codigo}: la meta de {anio} no es cuantificable (vacía o cero).")
            if a.ficha.sentido == calculo.Sentido.DECRECIENTE and a.ficha.linea_base is None:
                fallas.append(f"{a.codigo}: un indicador decreciente necesita línea base para medirse.")
    return fallas


def verificar_plan(plan: PlanPlano) -> list[PuntoDeControl]:
    """The control points of the plan's type, each with what fails."""
    if plan.tipo == "accion":
        return _verificar_accion(plan)
    actividad = 2 if plan.tipo == "sectorial" else 5
    fallas = []
    if not plan.alineacion_pnd.strip():
        fallas.append("Falta escribir los lineamientos y objetivos del Plan Nacional de Desarrollo que incluye.")
    if not plan.politicas:
        fallas.append("No tiene políticas de gestión y desempeño (MIPG) asociadas.")
    if not plan.objetivos:
        fallas.append("El plan no tiene objetivos.")
    if plan.tipo == "sectorial":
        fallas += [
            f"Objetivo {c}: no indica la línea del PND que desarrolla."
            for _p, c, linea, _s in plan.objetivos
            if not linea.strip()
        ]
    else:
        if plan.plan_superior_tipo != "sectorial":
            fallas.append("No está asociado al Plan Estratégico Sectorial.")
        fallas += [
            f"Objetivo {c}: no está alineado con un objetivo del Plan Estratégico Sectorial."
            for _p, c, _l, superior in plan.objetivos
            if superior is None or superior != plan.plan_superior_id
        ]
    return [
        _punto(actividad, 0, "Alineación con el Plan Nacional de Desarrollo y las políticas", fallas),
        _punto(actividad, 1, "Metas medibles y cuantificables", _fallas_metas(plan)),
    ]


def _verificar_accion(plan: PlanPlano) -> list[PuntoDeControl]:
    alineacion = []
    if plan.plan_superior_id is None:
        alineacion.append("No está asociado al Plan Estratégico Institucional.")
    alineacion += [
        f"{a.codigo}: no está alineada con un objetivo del plan superior."
        for a in plan.actividades
        if a.alineada_con_plan_id is None or a.alineada_con_plan_id != plan.plan_superior_id
    ]
    inversion = []
    for a in plan.actividades:
        if a.fuente != "inversion" and not a.bpin:
            continue
        if not BPIN.match(a.bpin or ""):
            inversion.append(f"{a.codigo}: el código BPIN debe tener 13 dígitos.")
        if not a.proyecto_inversion.strip():
            inversion.append(f"{a.codigo}: falta el nombre del proyecto de inversión.")
        if not a.presupuesto or a.presupuesto <= 0:
            inversion.append(f"{a.codigo}: una actividad de inversión necesita su presupuesto.")
        if a.fuente != "inversion":
            inversion.append(f"{a.codigo}: tiene BPIN pero su fuente no es inversión.")
    metodologia = []
    suma = sum((a.peso for a in plan.actividades), Decimal(0))
    if plan.actividades and suma != CIEN:
        metodologia.append(f"Los pesos de las actividades suman {_num(suma)} %, no 100 %.")
    for a in plan.actividades:
        if a.responsable_id is None:
            metodologia.append(f"{a.codigo}: no tiene responsable.")
        if a.fecha_inicio and a.fecha_fin and a.fecha_inicio > a.fecha_fin:
            metodologia.append(f"{a.codigo}: termina antes de empezar.")
        if (
            a.fecha_inicio
            and a.fecha_fin
            and not (a.fecha_inicio.year in plan.anios and a.fecha_fin.year in plan.anios)
        ):
            metodologia.append(f"{a.codigo}: sus fechas salen de la vigencia del plan.")
    presupuesto = []
    for a in plan.actividades:
        if a.presupuesto is None:
            presupuesto.append(f"{a.codigo}: no tiene presupuesto registrado.")
        elif a.fuente != "sin_costo" and a.presupuesto <= 0:
            presupuesto.append(f"{a.codigo}: su presupuesto es cero y su fuente no es «sin costo».")
    return [
        _punto(12, 0, "Alineación con los objetivos del plan superior", alineacion),
        _punto(12, 1, "Metas medibles y cuantificables", _fallas_metas(plan)),
        _punto(12, 2, "Actividades y metas de proyectos de inversión alineadas", inversion),
        _punto(12, 3, "Metodología de la Oficina Asesora de Planeación (pesos que suman 100 %)", metodologia),
        _punto(12, 4, "Presupuesto para su implementación", presupuesto),
    ]


def fallidos(puntos: Iterable[PuntoDeControl]) -> list[PuntoDeControl]:
    return [p for p in puntos if not p.cumple]


def _num(valor: Decimal) -> str:
    texto = f"{valor.normalize():f}"
    return texto.replace(".", ",")


# Activity 16: the quarterly follow-up of one activity ---------------------------------------------------


@dataclass(frozen=True)
class Coherencia:
    """Budget executed against progress: both as shares of the year, and whether they diverge."""

    ejecucion: Decimal | None  # % of the year's budget executed up to the quarter
    avance: Decimal | None  # % of the year's target done up to the quarter
    diverge: bool
    detalle: str = ""


def por_debajo(resultado: calculo.Resultado) -> bool:
    """Below what was programmed up to the quarter: accumulated compliance under 100 %, or not reported."""
    cumplimiento = resultado.acumulado
    if cumplimiento.estado == calculo.Estado.NO_REPORTA:
        return True
    return cumplimiento.valor is not None and calculo.redondear(cumplimiento.valor) < CIEN


def coherencia(*, presupuesto: Decimal | None, ejecutado: Decimal, avance: calculo.Cumplimiento) -> Coherencia:
    """Share of budget executed vs share of the year's target done; they diverge beyond DIVERGENCIA_MAXIMA points."""
    if not presupuesto:
        if ejecutado:
            return Coherencia(None, avance.valor, True, "Hay ejecución sin presupuesto programado.")
        return Coherencia(None, avance.valor, False)
    ejecucion = Decimal(ejecutado) / Decimal(presupuesto) * CIEN
    if avance.valor is None:
        return Coherencia(ejecucion, None, bool(ejecutado), "Hay ejecución sin avance medido." if ejecutado else "")
    fisico = min(max(avance.valor, Decimal(0)), CIEN)
    diferencia = ejecucion - fisico
    if abs(diferencia) <= DIVERGENCIA_MAXIMA:
        return Coherencia(ejecucion, fisico, False)
    plata, meta = _num(calculo.redondear(ejecucion)), _num(calculo.redondear(fisico))
    if diferencia > 0:
        detalle = f"Se ha ejecutado el {plata} % del presupuesto con el {meta} % de la meta del año."
    else:
        detalle = f"Se lleva el {meta} % de la meta del año con el {plata} % del presupuesto."
    return Coherencia(ejecucion, fisico, True, detalle)


def control_16(*, resultado: calculo.Resultado, justificacion: str, coherente: Coherencia) -> list[PuntoDeControl]:
    """The follow-up checks of one activity in one quarter (procedure's activity 16)."""
    abajo = por_debajo(resultado)
    return [
        _punto(16, 0, "Cumplimiento de lo programado", ["Por debajo de lo programado."] if abajo else []),
        _punto(
            16,
            1,
            "Justificación del incumplimiento",
            ["Falta la justificación."] if abajo and not (justificacion or "").strip() else [],
        ),
        _punto(16, 2, "Coherencia presupuestal", [coherente.detalle] if coherente.diverge else []),
    ]


# Activity 23: an adjustment -------------------------------------------------------------------------------


def verificar_ajuste(*, causa: str, plan_resultante: PlanPlano, cambios: int) -> list[PuntoDeControl]:
    """Whether an adjustment can be approved: its causes documented and the resulting plan still verifiable."""
    texto = procedimiento.verificacion(23, 0)
    causa_fallas = []
    if len((causa or "").strip()) < LARGO_MINIMO_CAUSA:
        causa_fallas.append("La causa del ajuste no está documentada (escriba por qué se necesita el cambio).")
    if not cambios:
        causa_fallas.append("La solicitud no tiene cambios.")
    objetivos_vacios = {pk for pk, *_ in plan_resultante.objetivos} - {
        a.objetivo_id for a in plan_resultante.actividades
    }
    fallas_plan = [f for p in verificar_plan(plan_resultante) for f in p.fallas]
    if objetivos_vacios:
        fallas_plan.append("Un objetivo del plan queda sin actividades.")
    return [
        PuntoDeControl(23, "Causas documentadas", texto, not causa_fallas, tuple(causa_fallas)),
        PuntoDeControl(
            23,
            "El plan ajustado conserva sus objetivos y sus puntos de control",
            texto,
            not fallas_plan,
            tuple(fallas_plan),
        ),
    ]


def metas_de(metas: Mapping[int, Mapping[int, Decimal]]) -> dict[int, dict[int, Decimal]]:
    return {anio: dict(valores) for anio, valores in metas.items()}
