"""Colombian business days, checked against the 2026 and 2027 calendars."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cooperacion.core.calendario import dias_habiles_entre, es_dia_habil, nombre_festivo, sumar_dias_habiles


@pytest.mark.parametrize(
    "festivo",
    [
        date(2026, 1, 1),  # Año Nuevo
        date(2026, 1, 12),  # Reyes, trasladado al lunes (Ley Emiliani)
        date(2026, 3, 23),  # San José, trasladado
        date(2026, 4, 2),  # Jueves Santo
        date(2026, 4, 3),  # Viernes Santo
        date(2026, 7, 20),
        date(2026, 8, 7),
        date(2026, 11, 16),  # Independencia de Cartagena, trasladado
        date(2026, 12, 8),
        date(2026, 12, 25),
    ],
)
def test_festivos_de_2026_no_son_habiles(festivo):
    assert not es_dia_habil(festivo)
    assert nombre_festivo(festivo)


def test_el_dia_original_de_un_festivo_trasladado_es_habil():
    assert es_dia_habil(date(2026, 1, 6))  # martes 6 de enero: Reyes se pasó al lunes 12
    assert es_dia_habil(date(2026, 3, 19))  # jueves 19 de marzo: San José se pasó al lunes 23


def test_sumar_dias_habiles_salta_semana_santa():
    # miércoles 1 de abril + 1 hábil: jueves y viernes santos y el fin de semana no cuentan → lunes 6
    assert sumar_dias_habiles(date(2026, 4, 1), 1) == date(2026, 4, 6)


def test_sumar_dias_habiles_a_traves_del_fin_de_ano():
    # miércoles 23 de diciembre de 2026 + 3 hábiles: 24, (25 festivo), 28, 29
    assert sumar_dias_habiles(date(2026, 12, 23), 3) == date(2026, 12, 29)
    # martes 29 de diciembre + 3: 30, 31, (1 de enero festivo), 4 de enero de 2027... → lunes 4
    assert sumar_dias_habiles(date(2026, 12, 29), 3) == date(2027, 1, 4)


def test_restar_dias_habiles_hacia_atras():
    # lunes 13 de enero de 2026 − 1 hábil: lunes 12 es festivo → viernes 9
    assert sumar_dias_habiles(date(2026, 1, 13), -1) == date(2026, 1, 9)


def test_quince_dias_habiles_antes_de_un_cierre():
    # Un cierre el viernes 31 de julio de 2026: 15 hábiles antes, con los festivos del 13 y del 20 → miércoles 8
    assert sumar_dias_habiles(date(2026, 7, 31), -15) == date(2026, 7, 8)


def test_dias_habiles_entre_cuenta_el_intervalo_semiabierto():
    assert dias_habiles_entre(date(2026, 11, 13), date(2026, 11, 17)) == 1  # viernes → martes (16 festivo)
    assert dias_habiles_entre(date(2026, 11, 17), date(2026, 11, 13)) == -1
    assert dias_habiles_entre(date(2026, 11, 14), date(2026, 11, 13)) == -1  # sábado → viernes
    assert dias_habiles_entre(date(2026, 12, 1), date(2026, 12, 31)) == 20


@given(
    inicio=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)),
    n=st.integers(min_value=-60, max_value=60),
)
def test_sumar_y_contar_son_inversos(inicio, n):
    fin = sumar_dias_habiles(inicio, n)
    assert dias_habiles_entre(inicio, fin) == n
    if n:
        assert es_dia_habil(fin)
        assert (fin > inicio) == (n > 0)


@given(inicio=st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31)))
def test_una_semana_tiene_a_lo_sumo_cinco_habiles(inicio):
    assert 0 <= dias_habiles_entre(inicio, inicio + timedelta(days=7)) <= 5
