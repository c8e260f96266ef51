"""The one computation of indicator results: every page, PDF, Excel and export calls `calcular`.

Pure and typed: it receives the indicator's sheet (`Ficha`), its targets and its measurements for one year, and
returns, for each quarter, the result of the quarter alone ("periodo") and of the year up to that quarter
("acumulado"), with the compliance and its traffic light. Nothing cumulative is ever stored: editing an earlier
quarter changes every later accumulated result the next time anything is shown, on every screen at once.

How the year accumulates (DNP, *Guía para la construcción y análisis de indicadores*, Sinergia), as this product
applies it to quarters:

- **stock**: each report is the level reached at the cut-off, *including the baseline* (hectáreas con..., total de
  acuerdos vigentes). The accumulated value is the latest level; progress is measured from the baseline:
  (valor − LB) / (meta − LB).
- **flujo**: each quarter is measured on its own (tasa del trimestre, índice de satisfacción del periodo); values are
  not added up. The accumulated value is the latest quarter reported.
- **acumulado**: each report is what was achieved in that quarter (talleres realizados, personas formadas); the year
  adds them up: Σ valores / Σ metas. A ratio adds numerators and denominators: Σ numerador / Σ denominador, never an
  average of percentages; its accumulated target is Σ(meta × denominador) / Σ denominador.
- **capacidad**: each report is the capacity in place at the cut-off (cupos, sedes, sistemas en operación), without
  the baseline; what was built stays built, so the accumulated value is the best level reached so far (the highest,
  or the lowest for a decreasing indicator).
- **reducción**: a level that must move away from the baseline (tasa de accidentalidad): the accumulated value is the
  latest level, and progress is (LB − valor) / (LB − meta).
- **reducción anual**: each period must improve on the value of the period before (the first one on the starting
  point: the previous year's last value, or the baseline). The period's progress is
  (anterior − valor) / (anterior − meta); the year's is Σ(anterior − valor) / Σ(anterior − meta) over the quarters
  reported.

Direction: an increasing indicator measures progress from its starting point upwards; a decreasing one from the
baseline downwards, (LB − valor) / (LB − meta), whatever its accumulation. For a decreasing **acumulado** the baseline
is read per quarter, so the year's reference is LB × the quarters with a target.

States instead of 0 % or a division error: **sin meta** (no target, or a zero target of an increasing indicator, or a
decreasing one without a baseline) and **no reporta** (a target and no measurement). A target that does not move away
from its starting point (equal to, or on the wrong side of, the baseline) is met at 100 % when the value reaches it
and 0 % when it does not.

Traffic light on the compliance rounded to one decimal (what people read): verde from `umbral_verde` (95 %),
amarillo from `umbral_amarillo` (71 %), rojo below.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import overload

CIEN = Decimal(100)
CERO = Decimal(0)
UNA_CIFRA = Decimal("0.1")
TRIMESTRES = (1, 2, 3, 4)


class Acumulacion(StrEnum):
    STOCK = "stock"
    FLUJO = "flujo"
    ACUMULADO = "acumulado"
    CAPACIDAD = "capacidad"
    REDUCCION = "reduccion"
    REDUCCION_ANUAL = "reduccion_anual"


class Sentido(StrEnum):
    CRECIENTE = "creciente"
    DECRECIENTE = "decreciente"


class Medida(StrEnum):
    NUMERO = "numero"
    PORCENTAJE = "porcentaje"
    RAZON = "razon"


class Estado(StrEnum):
    VERDE = "verde"
    AMARILLO = "amarillo"
    ROJO = "rojo"
    SIN_META = "sin_meta"
    NO_REPORTA = "no_reporta"


ETIQUETAS_ESTADO = {
    Estado.VERDE: "Cumple",
    Estado.AMARILLO: "En riesgo",
    Estado.ROJO: "Crítico",
    Estado.SIN_META: "Sin meta",
    Estado.NO_REPORTA: "No reporta",
}


@dataclass(frozen=True)
class Ficha:
    """What the computation needs of an indicator's sheet."""

    acumulacion: Acumulacion
    sentido: Sentido = Sentido.CRECIENTE
    medida: Medida = Medida.NUMERO
    con_denominador: bool = False
    linea_base: Decimal | None = None
    umbral_verde: Decimal = Decimal(95)
    umbral_amarillo: Decimal = Decimal(71)

    @property
    def escala(self) -> Decimal:
        return CIEN if self.medida == Medida.PORCENTAJE and self.con_denominador else Decimal(1)


@dataclass(frozen=True)
class Dato:
    """One measurement: the numerator (or the single value) and, for a ratio, the denominator."""

    numerador: Decimal
    denominador: Decimal | None = None


@dataclass(frozen=True)
class Cumplimiento:
    valor: Decimal | None  # percent, unrounded; None in the "sin meta" / "no reporta" states
    estado: Estado
    motivo: str = ""

    @property
    def redondeado(self) -> Decimal | None:
        return redondear(self.valor)

    @property
    def con_tope(self) -> Decimal:
        """Between 0 and 100 %, for weighted averages (over-achieving one item never hides another's shortfall)."""
        if self.estado == Estado.NO_REPORTA or self.valor is None:
            return CERO
        return min(max(self.valor, CERO), CIEN)


@dataclass(frozen=True)
class Resultado:
    """An indicator's figures at one quarter of the year."""

    trimestre: int
    meta_periodo: Decimal | None
    valor_periodo: Decimal | None
    periodo: Cumplimiento
    meta_acumulada: Decimal | None
    valor_acumulado: Decimal | None
    acumulado: Cumplimiento
    meta_anual: Decimal | None
    avance_anual: Cumplimiento
    numerador_acumulado: Decimal | None = None
    denominador_acumulado: Decimal | None = None

    @property
    def reportado(self) -> bool:
        return self.valor_periodo is not None


@overload
def redondear(valor: Decimal, cifra: Decimal = ...) -> Decimal: ...
@overload
def redondear(valor: None, cifra: Decimal = ...) -> None: ...
@overload
def redondear(valor: Decimal | None, cifra: Decimal = ...) -> Decimal | None: ...
def redondear(valor: Decimal | None, cifra: Decimal = UNA_CIFRA) -> Decimal | None:
    return None if valor is None else valor.quantize(cifra, rounding=ROUND_HALF_UP)


def semaforo(porcentaje: Decimal, *, verde: Decimal = Decimal(95), amarillo: Decimal = Decimal(71)) -> Estado:
    """The traffic light of a compliance percentage, read on one decimal as it is shown."""
    mostrado = redondear(Decimal(porcentaje))
    if mostrado >= verde:
        return Estado.VERDE
    if mostrado >= amarillo:
        return Estado.AMARILLO
    return Estado.ROJO


def valor_de(ficha: Ficha, dato: Dato | None) -> Decimal | None:
    """The value of one measurement: the number itself, or numerator / denominator (× 100 for a percentage)."""
    if dato is None or dato.numerador is None:
        return None
    if not ficha.con_denominador:
        return Decimal(dato.numerador)
    if not dato.denominador:
        return None
    return Decimal(dato.numerador) / Decimal(dato.denominador) * ficha.escala


def cumplimiento(
    ficha: Ficha, *, valor: Decimal | None, meta: Decimal | None, referencia: Decimal | None
) -> Cumplimiento:
    """Compliance of a value against a target, from a starting point (`referencia`), in the indicator's direction."""
    if meta is None:
        return Cumplimiento(None, Estado.SIN_META, "No hay meta programada para este periodo.")
    creciente = ficha.sentido == Sentido.CRECIENTE
    if creciente and meta == 0:
        return Cumplimiento(None, Estado.SIN_META, "La meta del periodo es cero.")
    if referencia is None:
        return Cumplimiento(None, Estado.SIN_META, "Falta la línea base (el punto de partida) del indicador.")
    if valor is None:
        return Cumplimiento(None, Estado.NO_REPORTA, "Hay meta y no hay medición.")
    avance, esperado = (valor - referencia, meta - referencia) if creciente else (referencia - valor, referencia - meta)
    if esperado <= 0:
        alcanzada = valor >= meta if creciente else valor <= meta
        porcentaje = CIEN if alcanzada else CERO
        motivo = "La meta no se aleja del punto de partida: se cumple al alcanzarla."
        return Cumplimiento(porcentaje, semaforo(porcentaje, **_umbrales(ficha)), motivo)
    porcentaje = avance / esperado * CIEN
    return Cumplimiento(porcentaje, semaforo(porcentaje, **_umbrales(ficha)))


def _umbrales(ficha: Ficha) -> dict[str, Decimal]:
    return {"verde": ficha.umbral_verde, "amarillo": ficha.umbral_amarillo}


def _referencia_base(ficha: Ficha) -> Decimal | None:
    """The starting point of a level: the baseline where the type measures from it, zero otherwise."""
    if ficha.sentido == Sentido.DECRECIENTE:
        return ficha.linea_base
    if ficha.acumulacion in (Acumulacion.STOCK, Acumulacion.REDUCCION):
        return ficha.linea_base if ficha.linea_base is not None else CERO
    return CERO


def calcular(
    ficha: Ficha,
    metas: Mapping[int, Decimal],
    mediciones: Mapping[int, Dato],
    *,
    punto_de_partida: Decimal | None = None,
) -> list[Resultado]:
    """The four quarters of one year: each one alone and the year up to it (see the module's docstring).

    `metas` and `mediciones` are keyed by quarter (1-4). `punto_de_partida` is the value the first quarter of a
    «reducción anual» improves on (the previous year's last value); the baseline when None.
    """
    metas = {t: Decimal(m) for t, m in metas.items() if m is not None}
    calculados = {t: valor_de(ficha, d) for t, d in mediciones.items()}
    valores = {t: v for t, v in calculados.items() if v is not None}
    inicio = punto_de_partida if punto_de_partida is not None else ficha.linea_base
    anteriores = _anteriores(valores, inicio)
    anual = _acumular(ficha, 4, metas, mediciones, valores, anteriores, inicio)
    if ficha.acumulacion == Acumulacion.ACUMULADO and ficha.con_denominador:
        # A ratio's year target is a rate: the year's last one (weighting it by denominators still to come would
        # make the earlier quarters' progress depend on later reports).
        programadas = {t: m for t, m in metas.items() if m or ficha.sentido == Sentido.DECRECIENTE}
        anual = replace(anual, meta=_ultima_meta(programadas, 4))
    resultados = []
    for trimestre in TRIMESTRES:
        meta = metas.get(trimestre)
        valor = valores.get(trimestre)
        if ficha.acumulacion == Acumulacion.REDUCCION_ANUAL:
            referencia = anteriores.get(trimestre, inicio)
        else:
            referencia = _referencia_base(ficha)
        periodo = cumplimiento(ficha, valor=valor, meta=meta, referencia=referencia)
        if trimestre in mediciones and valor is None and meta is not None:
            periodo = Cumplimiento(None, Estado.NO_REPORTA, "La medición no tiene denominador.")
        acumulado = _acumular(ficha, trimestre, metas, mediciones, valores, anteriores, inicio)
        resultados.append(
            Resultado(
                trimestre=trimestre,
                meta_periodo=meta,
                valor_periodo=valor,
                periodo=periodo,
                meta_acumulada=acumulado.meta,
                valor_acumulado=acumulado.valor,
                acumulado=acumulado.cumplimiento,
                meta_anual=anual.meta,
                avance_anual=_avance_anual(ficha, acumulado, anual, inicio, metas, trimestre),
                numerador_acumulado=acumulado.numerador,
                denominador_acumulado=acumulado.denominador,
            )
        )
    return resultados


def resultado(
    ficha: Ficha,
    metas: Mapping[int, Decimal],
    mediciones: Mapping[int, Dato],
    trimestre: int,
    *,
    punto_de_partida: Decimal | None = None,
) -> Resultado:
    """The figures of one quarter (the same numbers `calcular` gives for it)."""
    return calcular(ficha, metas, mediciones, punto_de_partida=punto_de_partida)[trimestre - 1]


@dataclass(frozen=True)
class _Acumulado:
    valor: Decimal | None
    meta: Decimal | None
    cumplimiento: Cumplimiento
    numerador: Decimal | None = None
    denominador: Decimal | None = None
    referencia: Decimal | None = None


def _anteriores(valores: Mapping[int, Decimal], inicio: Decimal | None) -> dict[int, Decimal | None]:
    """For each quarter, the value it must improve on: the previous quarter reported, or the starting point."""
    resultado, previo = {}, inicio
    for trimestre in TRIMESTRES:
        resultado[trimestre] = previo
        if trimestre in valores:
            previo = valores[trimestre]
    return resultado


def _ultima_meta(metas: Mapping[int, Decimal], hasta: int) -> Decimal | None:
    previas = [t for t in metas if t <= hasta]
    return metas[max(previas)] if previas else None


def _acumular(ficha, hasta, metas, mediciones, valores, anteriores, inicio) -> _Acumulado:
    reportados = sorted(t for t in valores if t <= hasta)
    tipo = ficha.acumulacion
    if tipo == Acumulacion.ACUMULADO:
        return _acumular_suma(ficha, hasta, metas, mediciones, valores, reportados)
    if tipo == Acumulacion.REDUCCION_ANUAL:
        return _acumular_reduccion_anual(ficha, hasta, metas, valores, anteriores, reportados)
    meta = metas.get(hasta, _ultima_meta(metas, hasta))
    if not reportados:
        valor = None
    elif tipo == Acumulacion.CAPACIDAD:
        mejor = max if ficha.sentido == Sentido.CRECIENTE else min
        valor = mejor(valores[t] for t in reportados)
    else:  # stock, flujo, reducción: the latest level
        valor = valores[reportados[-1]]
    referencia = _referencia_base(ficha)
    return _Acumulado(
        valor, meta, cumplimiento(ficha, valor=valor, meta=meta, referencia=referencia), None, None, referencia
    )


def _acumular_suma(ficha, hasta, metas, mediciones, valores, reportados) -> _Acumulado:
    if ficha.con_denominador:
        numerador = sum((Decimal(mediciones[t].numerador) for t in reportados), CERO)
        denominador = sum((Decimal(mediciones[t].denominador) for t in reportados), CERO)
        valor = numerador / denominador * ficha.escala if denominador else None
        # A zero target of an increasing ratio means "nothing programmed": it does not weigh in the year's target.
        con_meta = [t for t in reportados if t in metas and (metas[t] or ficha.sentido == Sentido.DECRECIENTE)]
        pesos = sum((Decimal(mediciones[t].denominador) for t in con_meta), CERO)
        if pesos:
            meta = sum((metas[t] * Decimal(mediciones[t].denominador) for t in con_meta), CERO) / pesos
        else:
            meta = _ultima_meta(metas, hasta)
        referencia = ficha.linea_base if ficha.sentido == Sentido.DECRECIENTE else CERO
        return _Acumulado(
            valor,
            meta,
            cumplimiento(ficha, valor=valor, meta=meta, referencia=referencia),
            numerador if reportados else None,
            denominador if reportados else None,
            referencia,
        )
    con_meta = [t for t in metas if t <= hasta]
    meta = sum((metas[t] for t in con_meta), CERO) if con_meta else None
    valor = sum((valores[t] for t in reportados), CERO) if reportados else None
    if ficha.sentido == Sentido.DECRECIENTE:
        referencia = ficha.linea_base * len(con_meta) if ficha.linea_base is not None else None
    else:
        referencia = CERO
    return _Acumulado(
        valor, meta, cumplimiento(ficha, valor=valor, meta=meta, referencia=referencia), None, None, referencia
    )


def _acumular_reduccion_anual(ficha, hasta, metas, valores, anteriores, reportados) -> _Acumulado:
    meta = metas.get(hasta, _ultima_meta(metas, hasta))
    valor = valores[reportados[-1]] if reportados else None
    base = cumplimiento(ficha, valor=valor, meta=meta, referencia=anteriores.get(hasta))
    if base.estado in (Estado.SIN_META, Estado.NO_REPORTA) or valor is None:
        return _Acumulado(valor, meta, base)
    creciente = ficha.sentido == Sentido.CRECIENTE
    logrado = esperado = CERO
    for t in reportados:
        if t not in metas or anteriores.get(t) is None:
            continue
        previo = anteriores[t]
        logrado += (valores[t] - previo) if creciente else (previo - valores[t])
        esperado += (metas[t] - previo) if creciente else (previo - metas[t])
    if esperado <= 0:
        return _Acumulado(valor, meta, base)
    porcentaje = logrado / esperado * CIEN
    return _Acumulado(valor, meta, Cumplimiento(porcentaje, semaforo(porcentaje, **_umbrales(ficha))))


def _avance_anual(ficha: Ficha, acumulado: _Acumulado, anual: _Acumulado, inicio, metas, hasta) -> Cumplimiento:
    """How much of the year's target is done (compared with the share of the budget executed).

    The accumulated value against the year's target; for a decreasing sum (fewer accidents), whose year-to-date total
    is small early in the year whatever happens, the accumulated compliance times the share of the year's targeted
    quarters already past (as an increasing sum's Σ valores / meta anual = cumplimiento × Σ metas / meta anual)."""
    if ficha.acumulacion == Acumulacion.REDUCCION_ANUAL:
        return cumplimiento(ficha, valor=acumulado.valor, meta=anual.meta, referencia=inicio)
    if (
        ficha.acumulacion == Acumulacion.ACUMULADO
        and ficha.sentido == Sentido.DECRECIENTE
        and not ficha.con_denominador
    ):
        base = acumulado.cumplimiento
        if base.valor is None:
            return base
        hechos, todos = len([t for t in metas if t <= hasta]), len(metas)
        porcentaje = base.valor * Decimal(hechos) / Decimal(todos)
        return Cumplimiento(porcentaje, semaforo(porcentaje, **_umbrales(ficha)), base.motivo)
    return cumplimiento(ficha, valor=acumulado.valor, meta=anual.meta, referencia=anual.referencia)


# Several series of one indicator (territorial dependencias) ----------------------------------------------


def consolidar(
    ficha: Ficha,
    series: Iterable[tuple[Mapping[int, Decimal], Mapping[int, Dato]]],
    *,
    metas_generales: Mapping[int, Decimal] | None = None,
) -> tuple[dict[int, Decimal], dict[int, Dato]]:
    """One entity-wide series from several (one per territorial dependencia): measurements add up (numerators and
    denominators apart, so a ratio is Σ numerador / Σ denominador), and the targets are the general ones when set,
    else the sum of the territorial ones (for a ratio, weighted by each one's denominator)."""
    series = [(dict(m), dict(d)) for m, d in series]
    mediciones: dict[int, Dato] = {}
    for trimestre in TRIMESTRES:
        datos = [d[trimestre] for _m, d in series if trimestre in d and d[trimestre].numerador is not None]
        if not datos:
            continue
        numerador = sum((Decimal(d.numerador) for d in datos), CERO)
        if ficha.con_denominador:
            denominador = sum((Decimal(d.denominador or 0) for d in datos), CERO)
            mediciones[trimestre] = Dato(numerador, denominador)
        else:
            mediciones[trimestre] = Dato(numerador)
    if metas_generales:
        return {t: Decimal(v) for t, v in metas_generales.items()}, mediciones
    metas: dict[int, Decimal] = {}
    for trimestre in TRIMESTRES:
        con_meta = [(m[trimestre], d.get(trimestre)) for m, d in series if trimestre in m]
        if not con_meta:
            continue
        if not ficha.con_denominador:
            metas[trimestre] = sum((Decimal(m) for m, _d in con_meta), CERO)
            continue
        pesados = [(Decimal(m), Decimal(d.denominador)) for m, d in con_meta if d is not None and d.denominador]
        peso = sum((p for _m, p in pesados), CERO)
        if peso:
            metas[trimestre] = sum((m * p for m, p in pesados), CERO) / peso
    return metas, mediciones


# Weighted compliance of a set (a plan, a dependencia) -------------------------------------------------


def ponderado(items: Iterable[tuple[Decimal, Cumplimiento]]) -> Cumplimiento:
    """Σ peso × cumplimiento (between 0 and 100 %) / Σ peso. "No reporta" counts as 0 %; "sin meta" is left out
    (and its weight with it)."""
    suma = pesos = CERO
    for peso, item in items:
        if item.estado == Estado.SIN_META or not peso:
            continue
        suma += Decimal(peso) * item.con_tope
        pesos += Decimal(peso)
    if not pesos:
        return Cumplimiento(None, Estado.SIN_META, "Ningún elemento tiene meta en este periodo.")
    porcentaje = suma / pesos
    return Cumplimiento(porcentaje, semaforo(porcentaje))
