"""Reads of indicators with their figures, in a constant number of queries whatever their number.

Every figure comes from `calculo.calcular`; these functions only gather the targets and measurements it needs.
The general series of an indicator adds up its measurements: the general one, or, when territorial dependencias
execute it, each one's (numerators and denominators apart).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeAlias

from cooperacion.core.models import Dependencia

from . import calculo
from .models import Indicador, Medicion, MetaTrimestral

# Targets of one indicator: {dependencia id (None: the general series): {trimestre: valor}}.
MetasPorDependencia: TypeAlias = dict[int | None, dict[int, Decimal]]


@dataclass
class Serie:
    """One indicator's year: its figures per quarter, and what they were computed from."""

    indicador: Indicador
    anio: int
    resultados: list[calculo.Resultado]
    metas: dict[int, Decimal] = field(default_factory=dict)
    mediciones: dict[int, calculo.Dato] = field(default_factory=dict)
    registros: dict[int, list[Medicion]] = field(default_factory=dict)  # the rows behind each quarter
    dependencia: Dependencia | None = None  # a territorial series; None for the general one

    def en(self, trimestre: int) -> calculo.Resultado:
        return self.resultados[trimestre - 1]


def _datos(
    indicador_ids: Iterable[int], anio: int, dependencia_id: int | None = None
) -> tuple[dict[int, MetasPorDependencia], dict[int, dict[int, list[Medicion]]], dict[int, list[Medicion]]]:
    """Targets {indicador: {dependencia or None: {trimestre: valor}}}, this year's measurement rows and last year's
    (the starting point of a «reducción anual»), in two queries."""
    metas: dict[int, MetasPorDependencia] = defaultdict(lambda: defaultdict(dict))
    consulta_metas = MetaTrimestral.objects.filter(indicador_id__in=indicador_ids, anio=anio)
    if dependencia_id is not None:
        consulta_metas = consulta_metas.filter(dependencia_id=dependencia_id)
    for indicador_id, dependencia, trimestre, valor in consulta_metas.values_list(
        "indicador_id", "dependencia_id", "trimestre", "valor"
    ):
        metas[indicador_id][dependencia][trimestre] = valor
    filas: dict[int, dict[int, list[Medicion]]] = defaultdict(lambda: defaultdict(list))
    previos: dict[int, list[Medicion]] = defaultdict(list)
    consulta = Medicion.objects.filter(indicador_id__in=indicador_ids, anio__in=[anio - 1, anio]).select_related(
        "registrado_por", "dependencia"
    )
    if dependencia_id is not None:
        consulta = consulta.filter(dependencia_id=dependencia_id)
    for medicion in consulta.order_by("anio", "trimestre", "pk"):
        if medicion.anio == anio:
            filas[medicion.indicador_id][medicion.trimestre].append(medicion)
        else:
            previos[medicion.indicador_id].append(medicion)
    return metas, filas, previos


def _dato(indicador: Indicador, medicion: Medicion) -> calculo.Dato:
    return calculo.Dato(medicion.numerador, medicion.denominador if indicador.con_denominador else None)


def _serie(
    indicador: Indicador,
    anio: int,
    metas_por_dependencia: MetasPorDependencia,
    filas: dict[int, list[Medicion]],
    previos: list[Medicion],
    dependencia: Dependencia | None = None,
) -> Serie:
    """The series of the year: the general one consolidates the territorial series (calculo.consolidar)."""
    ficha = indicador.ficha
    por_dependencia: dict[int | None, dict[int, calculo.Dato]] = defaultdict(dict)
    for trimestre, registros in filas.items():
        for medicion in registros:
            por_dependencia[medicion.dependencia_id][trimestre] = _dato(indicador, medicion)
    generales = dict(metas_por_dependencia.get(dependencia.pk if dependencia else None, {}))
    territoriales = {d for d in (*metas_por_dependencia, *por_dependencia) if d is not None}
    if dependencia is not None or not territoriales:
        metas = generales
        mediciones = dict(por_dependencia.get(dependencia.pk if dependencia else None, {}))
    else:
        conjunto = [(metas_por_dependencia.get(d, {}), por_dependencia.get(d, {})) for d in sorted(territoriales)]
        if por_dependencia.get(None):
            conjunto.append(({}, por_dependencia[None]))
        metas, mediciones = calculo.consolidar(ficha, conjunto, metas_generales=generales or None)
    punto = None
    if indicador.acumulacion == Indicador.Acumulacion.REDUCCION_ANUAL and previos:
        ultimo = max(m.trimestre for m in previos)
        datos = [_dato(indicador, m) for m in previos if m.trimestre == ultimo]
        _m, sumados = calculo.consolidar(ficha, [({}, {ultimo: d}) for d in datos])
        punto = calculo.valor_de(ficha, sumados.get(ultimo))
    return Serie(
        indicador=indicador,
        anio=anio,
        resultados=calculo.calcular(ficha, metas, mediciones, punto_de_partida=punto),
        metas=dict(metas),
        mediciones=mediciones,
        registros={t: list(r) for t, r in filas.items()},
        dependencia=dependencia,
    )


def series(indicadores: Iterable[Indicador], anio: int) -> dict[int, Serie]:
    """The general series of each indicator for the year (two queries)."""
    lista = list(indicadores)
    metas, filas, previos = _datos([i.pk for i in lista], anio)
    return {i.pk: _serie(i, anio, metas.get(i.pk, {}), filas.get(i.pk, {}), previos.get(i.pk, [])) for i in lista}


def serie(indicador: Indicador, anio: int) -> Serie:
    return series([indicador], anio)[indicador.pk]


def serie_territorial(indicador: Indicador, anio: int, dependencia: Dependencia) -> Serie:
    """One territorial dependencia's own series: its targets and its measurements."""
    metas, filas, previos = _datos([indicador.pk], anio, dependencia.pk)
    return _serie(
        indicador,
        anio,
        metas.get(indicador.pk, {}),
        filas.get(indicador.pk, {}),
        previos.get(indicador.pk, []),
        dependencia=dependencia,
    )


def anios_con_datos(indicador: Indicador) -> list[int]:
    metas = set(MetaTrimestral.objects.filter(indicador=indicador).values_list("anio", flat=True))
    medidas = set(Medicion.objects.filter(indicador=indicador).values_list("anio", flat=True))
    return sorted(metas | medidas)
