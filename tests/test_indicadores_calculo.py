"""The arithmetic of indicators (indicadores/calculo.py), proved by hand.

The golden table below covers every accumulation type of DNP's Sinergia guide, increasing and decreasing, over the
four quarters of a year. Each case states its data and, quarter by quarter, the reasoning and the figures the one
function must give: the period alone, the year up to the quarter (accumulated) and its traffic light (verde from 95 %,
amarillo from 71 %, rojo below; read on one decimal).
"""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicadores.calculo import (
    Acumulacion,
    Cumplimiento,
    Dato,
    Estado,
    Ficha,
    Medida,
    Sentido,
    calcular,
    consolidar,
    ponderado,
    redondear,
    semaforo,
    valor_de,
)

D = Decimal
V, A, R = Estado.VERDE, Estado.AMARILLO, Estado.ROJO
NR, SM = Estado.NO_REPORTA, Estado.SIN_META


def n(valor) -> Dato:
    return Dato(D(valor))


def r(numerador, denominador) -> Dato:
    return Dato(D(numerador), D(denominador))


def metas(*valores) -> dict[int, Decimal]:
    return {t: D(v) for t, v in enumerate(valores, start=1) if v is not None}


# Each case: (name, ficha, targets T1..T4, measurements {quarter: Dato},
#             expected per quarter: (period %, period state, accumulated value, accumulated %, accumulated state)).
# A percentage of None means the state carries no figure ("no reporta" / "sin meta").
GOLDEN = [
    (
        # STOCK, increasing. Baseline 100 agreements in force; each report is the level at the cut-off, baseline
        # included, so progress is measured from the baseline: (valor − 100) / (meta − 100).
        "stock creciente",
        Ficha(Acumulacion.STOCK, linea_base=D(100)),
        metas(110, 120, 130, 140),
        {1: n(105), 2: n(125), 4: n(150)},
        [
            # T1: (105 − 100) / (110 − 100) = 5/10 = 50 % → rojo. Accumulated: the latest level, the same.
            (D("50.0"), R, D(105), D("50.0"), R),
            # T2: (125 − 100) / (120 − 100) = 25/20 = 125 % → verde.
            (D("125.0"), V, D(125), D("125.0"), V),
            # T3: a target (130) and no report → "no reporta", never 0 %. Accumulated: the latest level known
            # (125, from T2) against T3's target: 25/30 = 83,3 % → amarillo.
            (None, NR, D(125), D("83.3"), A),
            # T4: (150 − 100) / (140 − 100) = 50/40 = 125 % → verde.
            (D("125.0"), V, D(150), D("125.0"), V),
        ],
    ),
    (
        # STOCK, decreasing. Cases waiting for an answer, baseline 200: (200 − valor) / (200 − meta).
        "stock decreciente",
        Ficha(Acumulacion.STOCK, Sentido.DECRECIENTE, linea_base=D(200)),
        metas(180, 160, 140, 120),
        {1: n(190), 2: n(150), 3: n(150), 4: n(130)},
        [
            # T1: (200 − 190) / (200 − 180) = 10/20 = 50 % → rojo.
            (D("50.0"), R, D(190), D("50.0"), R),
            # T2: (200 − 150) / (200 − 160) = 50/40 = 125 % → verde.
            (D("125.0"), V, D(150), D("125.0"), V),
            # T3: (200 − 150) / (200 − 140) = 50/60 = 83,3 % → amarillo.
            (D("83.3"), A, D(150), D("83.3"), A),
            # T4: (200 − 130) / (200 − 120) = 70/80 = 87,5 % → amarillo.
            (D("87.5"), A, D(130), D("87.5"), A),
        ],
    ),
    (
        # FLUJO, increasing ratio. % of requests answered on time in the quarter; each quarter stands alone and the
        # accumulated value is the latest quarter's (flows are not added up).
        "flujo creciente (razón)",
        Ficha(Acumulacion.FLUJO, medida=Medida.PORCENTAJE, con_denominador=True),
        metas(80, 80, 80, 80),
        {1: r(40, 50), 2: r(27, 30), 3: r(30, 50)},
        [
            # T1: 40/50 = 80 %; 80/80 = 100 % → verde.
            (D("100.0"), V, D(80), D("100.0"), V),
            # T2: 27/30 = 90 %; 90/80 = 112,5 % → verde.
            (D("112.5"), V, D(90), D("112.5"), V),
            # T3: 30/50 = 60 %; 60/80 = 75 % → amarillo.
            (D("75.0"), A, D(60), D("75.0"), A),
            # T4: no report → "no reporta". Accumulated: still T3's 60 % against 80 % = 75 %.
            (None, NR, D(60), D("75.0"), A),
        ],
    ),
    (
        # FLUJO, decreasing. Average days to answer in the quarter, baseline 20 days: (20 − valor) / (20 − meta).
        "flujo decreciente",
        Ficha(Acumulacion.FLUJO, Sentido.DECRECIENTE, linea_base=D(20)),
        metas(15, 15, 12, 10),
        {1: n(16), 2: n(14), 3: n(12), 4: n(11)},
        [
            # T1: (20 − 16) / (20 − 15) = 4/5 = 80 % → amarillo.
            (D("80.0"), A, D(16), D("80.0"), A),
            # T2: (20 − 14) / (20 − 15) = 6/5 = 120 % → verde.
            (D("120.0"), V, D(14), D("120.0"), V),
            # T3: (20 − 12) / (20 − 12) = 8/8 = 100 % → verde.
            (D("100.0"), V, D(12), D("100.0"), V),
            # T4: (20 − 11) / (20 − 10) = 9/10 = 90 % → amarillo.
            (D("90.0"), A, D(11), D("90.0"), A),
        ],
    ),
    (
        # ACUMULADO, increasing. Cooperation workshops held: each quarter adds up. Σ valores / Σ metas.
        "acumulado creciente",
        Ficha(Acumulacion.ACUMULADO),
        metas(3, 3, 3, 3),
        {1: n(2), 2: n(4), 3: n(0), 4: n(3)},
        [
            # T1: 2/3 = 66,7 % → rojo; accumulated 2 of 3, the same.
            (D("66.7"), R, D(2), D("66.7"), R),
            # T2: 4/3 = 133,3 % → verde; accumulated (2 + 4) / (3 + 3) = 6/6 = 100 % → verde.
            (D("133.3"), V, D(6), D("100.0"), V),
            # T3: a reported zero is 0 % (not "no reporta"); accumulated 6/9 = 66,7 % → rojo.
            (D("0.0"), R, D(6), D("66.7"), R),
            # T4: 3/3 = 100 %; accumulated 9/12 = 75 % → amarillo.
            (D("100.0"), V, D(9), D("75.0"), A),
        ],
    ),
    (
        # ACUMULADO, increasing ratio. % of cooperation requests processed: Σ numerador / Σ denominador, never the
        # average of the quarters' percentages.
        "acumulado creciente (razón)",
        Ficha(Acumulacion.ACUMULADO, medida=Medida.PORCENTAJE, con_denominador=True),
        metas(80, 80, 80, 80),
        {1: r(9, 10), 2: r(20, 100), 4: r(45, 50)},
        [
            # T1: 9/10 = 90 %; 90/80 = 112,5 %.
            (D("112.5"), V, D(90), D("112.5"), V),
            # T2: 20/100 = 20 %; 20/80 = 25 % → rojo. Accumulated (9 + 20) / (10 + 100) = 29/110 = 26,36 % against
            # 80 % = 32,95 % → 33,0 % rojo. (Averaging 90 % and 20 % would say 55 % and 68,75 %: wrong.)
            (D("25.0"), R, D(29) / D(110) * 100, D("33.0"), R),
            # T3: no report; accumulated unchanged: 29/110.
            (None, NR, D(29) / D(110) * 100, D("33.0"), R),
            # T4: 45/50 = 90 % → 112,5 %; accumulated (29 + 45) / (110 + 50) = 74/160 = 46,25 %; /80 = 57,8 %.
            (D("112.5"), V, D("46.25"), D("57.8"), R),
        ],
    ),
    (
        # ACUMULADO, decreasing. Work accidents in the entity; baseline 10 per quarter, so the year's reference up to
        # a quarter is 10 × the quarters with a target: (referencia − Σ valores) / (referencia − Σ metas).
        "acumulado decreciente",
        Ficha(Acumulacion.ACUMULADO, Sentido.DECRECIENTE, linea_base=D(10)),
        metas(8, 8, 6, 6),
        {1: n(9), 2: n(7), 3: n(6), 4: n(2)},
        [
            # T1: (10 − 9) / (10 − 8) = 1/2 = 50 % → rojo; accumulated the same (reference 10).
            (D("50.0"), R, D(9), D("50.0"), R),
            # T2: (10 − 7) / (10 − 8) = 150 %; accumulated (20 − 16) / (20 − 16) = 100 % → verde.
            (D("150.0"), V, D(16), D("100.0"), V),
            # T3: (10 − 6) / (10 − 6) = 100 %; accumulated (30 − 22) / (30 − 22) = 100 %.
            (D("100.0"), V, D(22), D("100.0"), V),
            # T4: (10 − 2) / (10 − 6) = 200 %; accumulated (40 − 24) / (40 − 28) = 16/12 = 133,3 %.
            (D("200.0"), V, D(24), D("133.3"), V),
        ],
    ),
    (
        # CAPACIDAD, increasing. Training places available: what was built stays, so the accumulated value is the
        # best level reached so far; no baseline is subtracted.
        "capacidad creciente",
        Ficha(Acumulacion.CAPACIDAD),
        metas(100, 150, 150, 200),
        {1: n(120), 2: n(110), 3: n(160)},
        [
            # T1: 120/100 = 120 % → verde.
            (D("120.0"), V, D(120), D("120.0"), V),
            # T2: 110/150 = 73,3 % → amarillo; accumulated: best so far max(120, 110) = 120; 120/150 = 80 %.
            (D("73.3"), A, D(120), D("80.0"), A),
            # T3: 160/150 = 106,7 % → verde; accumulated 160.
            (D("106.7"), V, D(160), D("106.7"), V),
            # T4: no report; accumulated 160/200 = 80 % → amarillo.
            (None, NR, D(160), D("80.0"), A),
        ],
    ),
    (
        # CAPACIDAD, decreasing. Hours the system takes to answer, baseline 48: best = the lowest reached.
        "capacidad decreciente",
        Ficha(Acumulacion.CAPACIDAD, Sentido.DECRECIENTE, linea_base=D(48)),
        metas(40, 36, 30, 24),
        {1: n(44), 2: n(46), 3: n(33), 4: n(24)},
        [
            # T1: (48 − 44) / (48 − 40) = 4/8 = 50 %.
            (D("50.0"), R, D(44), D("50.0"), R),
            # T2: (48 − 46) / (48 − 36) = 2/12 = 16,7 %; accumulated keeps 44: (48 − 44) / 12 = 33,3 %.
            (D("16.7"), R, D(44), D("33.3"), R),
            # T3: (48 − 33) / (48 − 30) = 15/18 = 83,3 %.
            (D("83.3"), A, D(33), D("83.3"), A),
            # T4: (48 − 24) / (48 − 24) = 100 %.
            (D("100.0"), V, D(24), D("100.0"), V),
        ],
    ),
    (
        # REDUCCION, decreasing. Informality rate of the population served, baseline 60 %: (60 − v) / (60 − m).
        "reducción decreciente",
        Ficha(Acumulacion.REDUCCION, Sentido.DECRECIENTE, linea_base=D(60)),
        metas(58, 56, 54, 52),
        {1: n(59), 2: n(57), 3: n(55), 4: n(50)},
        [
            # T1: (60 − 59) / (60 − 58) = 1/2 = 50 %.
            (D("50.0"), R, D(59), D("50.0"), R),
            # T2: (60 − 57) / (60 − 56) = 3/4 = 75 % → amarillo.
            (D("75.0"), A, D(57), D("75.0"), A),
            # T3: (60 − 55) / (60 − 54) = 5/6 = 83,3 %.
            (D("83.3"), A, D(55), D("83.3"), A),
            # T4: (60 − 50) / (60 − 52) = 10/8 = 125 %.
            (D("125.0"), V, D(50), D("125.0"), V),
        ],
    ),
    (
        # REDUCCION read increasing (the mirror: a level that must rise from its baseline): (v − 40) / (m − 40).
        "reducción creciente",
        Ficha(Acumulacion.REDUCCION, linea_base=D(40)),
        metas(45, 50, 55, 60),
        {1: n(42), 2: n(50), 3: n(56), 4: n(57)},
        [
            # T1: 2/5 = 40 %.
            (D("40.0"), R, D(42), D("40.0"), R),
            # T2: 10/10 = 100 %.
            (D("100.0"), V, D(50), D("100.0"), V),
            # T3: 16/15 = 106,7 %.
            (D("106.7"), V, D(56), D("106.7"), V),
            # T4: 17/20 = 85 %.
            (D("85.0"), A, D(57), D("85.0"), A),
        ],
    ),
    (
        # REDUCCION ANUAL, decreasing. Each period must improve on the previous one reported (the first, on the
        # baseline 100): period = (anterior − v) / (anterior − m); year = Σ(anterior − v) / Σ(anterior − m).
        "reducción anual decreciente",
        Ficha(Acumulacion.REDUCCION_ANUAL, Sentido.DECRECIENTE, linea_base=D(100)),
        metas(95, 90, 85, 80),
        {1: n(96), 2: n(92), 4: n(82)},
        [
            # T1: (100 − 96) / (100 − 95) = 4/5 = 80 %; year 4/5 = 80 %.
            (D("80.0"), A, D(96), D("80.0"), A),
            # T2: (96 − 92) / (96 − 90) = 4/6 = 66,7 %; year (4 + 4) / (5 + 6) = 8/11 = 72,7 %.
            (D("66.7"), R, D(92), D("72.7"), A),
            # T3: not reported; year still 8/11.
            (None, NR, D(92), D("72.7"), A),
            # T4: improves on T2's 92 (the last reported): (92 − 82) / (92 − 80) = 10/12 = 83,3 %;
            # year (4 + 4 + 10) / (5 + 6 + 12) = 18/23 = 78,3 %.
            (D("83.3"), A, D(82), D("78.3"), A),
        ],
    ),
    (
        # REDUCCION ANUAL read increasing: each period must rise above the previous one (baseline 50).
        "reducción anual creciente",
        Ficha(Acumulacion.REDUCCION_ANUAL, linea_base=D(50)),
        metas(52, 55, 57, 60),
        {1: n(53), 2: n(54), 3: n(58), 4: n(60)},
        [
            # T1: (53 − 50) / (52 − 50) = 3/2 = 150 %.
            (D("150.0"), V, D(53), D("150.0"), V),
            # T2: (54 − 53) / (55 − 53) = 1/2 = 50 %; year (3 + 1) / (2 + 2) = 100 %.
            (D("50.0"), R, D(54), D("100.0"), V),
            # T3: (58 − 54) / (57 − 54) = 4/3 = 133,3 %; year (4 + 4) / (4 + 3) = 8/7 = 114,3 %.
            (D("133.3"), V, D(58), D("114.3"), V),
            # T4: (60 − 58) / (60 − 58) = 100 %; year (8 + 2) / (7 + 2) = 10/9 = 111,1 %.
            (D("100.0"), V, D(60), D("111.1"), V),
        ],
    ),
]


@pytest.mark.parametrize(("nombre", "ficha", "objetivos", "mediciones", "esperado"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_tabla_dorada(nombre, ficha, objetivos, mediciones, esperado):
    resultados = calcular(ficha, objetivos, mediciones)
    obtenido = [
        (
            r.periodo.redondeado,
            r.periodo.estado,
            None if r.valor_acumulado is None else r.valor_acumulado.quantize(D("0.0001")),
            r.acumulado.redondeado,
            r.acumulado.estado,
        )
        for r in resultados
    ]
    esperado = [(p, ep, None if va is None else D(va).quantize(D("0.0001")), a, ea) for p, ep, va, a, ea in esperado]
    assert obtenido == esperado


class TestAvanceDelAnio:
    def test_acumulado_creciente_contra_la_meta_del_anio(self):
        # Workshops: meta anual 3 + 3 + 3 + 3 = 12; done 2, 6, 6, 9 → 16,7 %, 50 %, 50 %, 75 %.
        ficha, objetivos, mediciones = GOLDEN[4][1:4]
        resultados = calcular(ficha, objetivos, mediciones)
        assert [r.meta_anual for r in resultados] == [D(12)] * 4
        assert [r.avance_anual.redondeado for r in resultados] == [D("16.7"), D("50.0"), D("50.0"), D("75.0")]

    def test_stock_contra_el_nivel_del_anio(self):
        # Agreements: the year's target is T4's level, 140; T2's 125 is (125 − 100) / (140 − 100) = 62,5 % done.
        ficha, objetivos, mediciones = GOLDEN[0][1:4]
        assert calcular(ficha, objetivos, mediciones)[1].avance_anual.redondeado == D("62.5")

    def test_acumulado_decreciente_es_el_cumplimiento_por_la_parte_del_anio_transcurrida(self):
        # Accidents: T2's accumulated compliance is 100 % and 2 of the 4 targeted quarters have passed: 50 %.
        ficha, objetivos, mediciones = GOLDEN[6][1:4]
        resultados = calcular(ficha, objetivos, mediciones)
        assert [r.avance_anual.redondeado for r in resultados] == [D("12.5"), D("50.0"), D("75.0"), D("133.3")]

    def test_reduccion_anual_contra_el_punto_de_partida(self):
        # (100 − 82) / (100 − 80) = 18/20 = 90 %.
        ficha, objetivos, mediciones = GOLDEN[11][1:4]
        assert calcular(ficha, objetivos, mediciones)[3].avance_anual.redondeado == D("90.0")

    def test_el_punto_de_partida_de_la_reduccion_anual_es_el_ultimo_valor_del_anio_anterior(self):
        ficha = Ficha(Acumulacion.REDUCCION_ANUAL, Sentido.DECRECIENTE, linea_base=D(100))
        # Last year ended at 98: T1 must improve on 98, not on the baseline: (98 − 96) / (98 − 95) = 66,7 %.
        resultado = calcular(ficha, metas(95), {1: n(96)}, punto_de_partida=D(98))[0]
        assert resultado.periodo.redondeado == D("66.7")


class TestSemaforo:
    @pytest.mark.parametrize(
        ("porcentaje", "estado"),
        [
            (D("95"), V),
            (D("95.0001"), V),
            (D("94.95"), V),  # shown as 95,0 %: green, as the reader sees it
            (D("94.94"), A),  # shown as 94,9 %
            (D("94"), A),
            (D("71"), A),
            (D("70.95"), A),  # shown as 71,0 %
            (D("70.94"), R),  # shown as 70,9 %
            (D("70"), R),
            (D("0"), R),
            (D("-12"), R),
            (D("180"), V),
        ],
    )
    def test_umbrales_por_defecto(self, porcentaje, estado):
        assert semaforo(porcentaje) == estado

    def test_umbrales_propios_del_indicador(self):
        ficha = Ficha(Acumulacion.ACUMULADO, umbral_verde=D(90), umbral_amarillo=D(60))
        por_valor = {v: calcular(ficha, metas(100), {1: n(v)})[0].periodo.estado for v in (90, 89, 60, 59)}
        assert por_valor == {90: V, 89: A, 60: A, 59: R}

    def test_la_frontera_se_lee_sobre_el_porcentaje_calculado(self):
        # 71 of 100 is exactly 71 % → amarillo; 70 of 100 → rojo; 95 of 100 → verde.
        ficha = Ficha(Acumulacion.ACUMULADO)
        assert [calcular(ficha, metas(100), {1: n(v)})[0].periodo.estado for v in (95, 94, 71, 70)] == [V, A, A, R]


class TestEstadosExplicitos:
    def test_sin_meta_y_sin_medicion(self):
        resultado = calcular(Ficha(Acumulacion.ACUMULADO), {}, {})[0]
        assert (resultado.periodo.estado, resultado.periodo.valor) == (SM, None)
        assert resultado.acumulado.estado == SM

    def test_meta_cero_es_sin_meta_no_una_division_por_cero(self):
        resultado = calcular(Ficha(Acumulacion.ACUMULADO), metas(0), {1: n(5)})[0]
        assert resultado.periodo.estado == SM
        assert resultado.periodo.valor is None

    def test_meta_sin_medicion_es_no_reporta_y_no_cero(self):
        resultado = calcular(Ficha(Acumulacion.ACUMULADO), metas(10), {})[0]
        assert resultado.periodo.estado == NR
        assert resultado.periodo.valor is None
        assert resultado.periodo.con_tope == 0  # but it weighs as 0 % in a plan's average

    def test_medicion_sin_meta_es_sin_meta(self):
        resultado = calcular(Ficha(Acumulacion.ACUMULADO), metas(None, 5), {1: n(4)})[0]
        assert resultado.periodo.estado == SM

    def test_razon_con_denominador_cero_no_reporta(self):
        ficha = Ficha(Acumulacion.FLUJO, medida=Medida.PORCENTAJE, con_denominador=True)
        resultado = calcular(ficha, metas(80), {1: r(0, 0)})[0]
        assert resultado.periodo.estado == NR

    def test_decreciente_sin_linea_base_es_sin_meta_con_motivo(self):
        resultado = calcular(Ficha(Acumulacion.FLUJO, Sentido.DECRECIENTE), metas(10), {1: n(8)})[0]
        assert resultado.periodo.estado == SM
        assert "línea base" in resultado.periodo.motivo

    def test_meta_igual_a_la_linea_base_se_cumple_al_alcanzarla(self):
        ficha = Ficha(Acumulacion.STOCK, linea_base=D(100))
        cumplida, no_cumplida = (calcular(ficha, metas(100), {1: n(v)})[0].periodo for v in (100, 99))
        assert (cumplida.valor, cumplida.estado) == (D(100), V)
        assert (no_cumplida.valor, no_cumplida.estado) == (D(0), R)

    def test_decreciente_con_meta_cero_es_valida(self):
        # Zero fatal accidents is a real target for a decreasing indicator: (4 − 1) / (4 − 0) = 75 %.
        ficha = Ficha(Acumulacion.FLUJO, Sentido.DECRECIENTE, linea_base=D(4))
        assert calcular(ficha, metas(0), {1: n(1)})[0].periodo.redondeado == D("75.0")


class TestConsolidacion:
    def test_las_razones_suman_numeradores_y_denominadores(self):
        ficha = Ficha(Acumulacion.FLUJO, medida=Medida.PORCENTAJE, con_denominador=True)
        nar = (metas(80), {1: r(9, 10)})  # 90 %
        bog = (metas(80), {1: r(20, 100)})  # 20 %
        objetivos, mediciones = consolidar(ficha, [nar, bog])
        assert mediciones[1] == Dato(D(29), D(110))
        assert valor_de(ficha, mediciones[1]).quantize(D("0.01")) == D("26.36")  # not (90 + 20) / 2 = 55
        assert objetivos[1] == D(80)

    def test_metas_de_razon_ponderadas_por_denominador(self):
        ficha = Ficha(Acumulacion.FLUJO, medida=Medida.PORCENTAJE, con_denominador=True)
        objetivos, _mediciones = consolidar(ficha, [(metas(90), {1: r(9, 10)}), (metas(50), {1: r(60, 90)})])
        # (90 × 10 + 50 × 90) / 100 = 54.
        assert objetivos[1] == D(54)

    def test_valores_y_metas_se_suman_y_las_metas_generales_mandan(self):
        ficha = Ficha(Acumulacion.ACUMULADO)
        series = [(metas(5, 5), {1: n(4)}), (metas(3, 3), {1: n(3), 2: n(2)})]
        objetivos, mediciones = consolidar(ficha, series)
        assert objetivos == {1: D(8), 2: D(8)}
        assert mediciones == {1: Dato(D(7)), 2: Dato(D(2))}
        objetivos, _m = consolidar(ficha, series, metas_generales=metas(10, 10))
        assert objetivos == {1: D(10), 2: D(10)}


class TestPonderado:
    def test_promedio_ponderado_con_tope_y_no_reporta_como_cero(self):
        items = [
            (D(50), Cumplimiento(D(150), V)),  # counts as 100 %
            (D(30), Cumplimiento(D(50), R)),
            (D(20), Cumplimiento(None, NR)),  # counts as 0 %
        ]
        # (50 × 100 + 30 × 50 + 20 × 0) / 100 = 65 %.
        total = ponderado(items)
        assert (total.redondeado, total.estado) == (D("65.0"), R)

    def test_sin_meta_sale_del_promedio_con_su_peso(self):
        items = [(D(60), Cumplimiento(D(100), V)), (D(40), Cumplimiento(None, SM))]
        assert ponderado(items).redondeado == D("100.0")

    def test_nada_con_meta(self):
        assert ponderado([(D(100), Cumplimiento(None, SM))]).estado == SM


# Property: editing an earlier quarter changes the later accumulated results consistently -------------------

TIPOS = list(Acumulacion)
valores = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
denominadores = st.decimals(min_value=1, max_value=1000, places=0, allow_nan=False, allow_infinity=False)


@st.composite
def escenarios(draw):
    tipo = draw(st.sampled_from(TIPOS))
    sentido = draw(st.sampled_from(list(Sentido)))
    con_denominador = tipo in (Acumulacion.ACUMULADO, Acumulacion.FLUJO) and draw(st.booleans())
    ficha = Ficha(
        tipo,
        sentido,
        Medida.RAZON if con_denominador else Medida.NUMERO,
        con_denominador=con_denominador,
        linea_base=draw(st.decimals(min_value=1, max_value=2000, places=1)),
    )
    objetivos = {t: draw(valores) for t in draw(st.sets(st.integers(1, 4), min_size=1))}
    mediciones = {}
    for t in draw(st.sets(st.integers(1, 4))):
        mediciones[t] = Dato(draw(valores), draw(denominadores)) if con_denominador else Dato(draw(valores))
    trimestre = draw(st.integers(1, 4))
    nuevo = Dato(draw(valores), draw(denominadores)) if con_denominador else Dato(draw(valores))
    return ficha, objetivos, mediciones, trimestre, nuevo


def _referencia_acumulada(ficha, mediciones, hasta):
    """The accumulated value recomputed naively, straight from its definition."""
    reportados = [t for t in sorted(mediciones) if t <= hasta and valor_de(ficha, mediciones[t]) is not None]
    if not reportados:
        return None
    if ficha.acumulacion == Acumulacion.ACUMULADO:
        if ficha.con_denominador:
            return sum(mediciones[t].numerador for t in reportados) / sum(mediciones[t].denominador for t in reportados)
        return sum(mediciones[t].numerador for t in reportados)
    niveles = [valor_de(ficha, mediciones[t]) for t in reportados]
    if ficha.acumulacion == Acumulacion.CAPACIDAD:
        return max(niveles) if ficha.sentido == Sentido.CRECIENTE else min(niveles)
    return niveles[-1]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(escenarios())
def test_editar_un_trimestre_anterior_recalcula_los_siguientes(escenario):
    ficha, objetivos, mediciones, trimestre, nuevo = escenario
    antes = calcular(ficha, objetivos, mediciones)
    editadas = {**mediciones, trimestre: nuevo}
    despues = calcular(ficha, objetivos, editadas)

    # Earlier quarters do not move.
    assert despues[: trimestre - 1] == antes[: trimestre - 1]
    for t in range(trimestre, 5):
        # Every later accumulated value is what its definition gives on the edited data.
        referencia = _referencia_acumulada(ficha, editadas, t)
        obtenido = despues[t - 1].valor_acumulado
        assert (obtenido is None) == (referencia is None)
        if referencia is not None:
            assert abs(obtenido - referencia) < D("0.000001")
        if ficha.acumulacion == Acumulacion.ACUMULADO and not ficha.con_denominador:
            # An added-up indicator moves by exactly the change, in every later quarter.
            diferencia = nuevo.numerador - (mediciones[trimestre].numerador if trimestre in mediciones else 0)
            previo = antes[t - 1].valor_acumulado or D(0)
            assert despues[t - 1].valor_acumulado == previo + diferencia
        if ficha.acumulacion == Acumulacion.ACUMULADO and ficha.con_denominador:
            previo_d = antes[t - 1].denominador_acumulado or D(0)
            cambio_d = nuevo.denominador - (mediciones[trimestre].denominador if trimestre in mediciones else 0)
            assert despues[t - 1].denominador_acumulado == previo_d + cambio_d
    # The quarter's own figures are those of the new measurement.
    assert despues[trimestre - 1].valor_periodo == valor_de(ficha, nuevo)
    # Computing again gives the same figures (nothing depends on the order of the edits).
    assert calcular(ficha, objetivos, editadas) == despues


def test_redondear():
    assert redondear(D("87.45")) == D("87.5")
    assert redondear(None) is None
