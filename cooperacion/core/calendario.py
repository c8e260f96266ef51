"""Colombian business days: Monday to Friday except the holidays of the `holidays` package (country CO,
with the Ley Emiliani moves to Monday).

Counting is done on a precomputed calendar: for each year, the cumulative number of business days at every day
of the year, built once per process from the holiday table. `dias_habiles_entre` is then two lookups, never a
loop over days, and dates outside the core's window (fechas.py) are refused instead of looped over.
"""

from bisect import bisect_left
from datetime import date, timedelta
from functools import lru_cache

import holidays

ANIO_MINIMO = 1919
ANIO_MAXIMO = 2200


@lru_cache(maxsize=64)
def festivos(anio: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("CO", years=anio))


def nombre_festivo(fecha: date) -> str | None:
    return holidays.country_holidays("CO", years=fecha.year, language="es").get(fecha)


def es_dia_habil(fecha: date) -> bool:
    return fecha.weekday() < 5 and fecha not in festivos(fecha.year)


def _revisar_anio(anio: int) -> None:
    if not ANIO_MINIMO <= anio <= ANIO_MAXIMO:
        raise ValueError(f"Fecha fuera del calendario hábil ({ANIO_MINIMO}–{ANIO_MAXIMO}): año {anio}")


ANIO_BASE = 2000  # indices count from here; only the years between it and the ones asked for are built


@lru_cache(maxsize=512)
def _habiles_del_anio(anio: int) -> tuple[tuple[int, ...], tuple[date, ...]]:
    _revisar_anio(anio)
    dia = date(anio, 1, 1)
    conteo, habiles, acumulado = [], [], 0
    while dia.year == anio:
        if es_dia_habil(dia):
            acumulado += 1
            habiles.append(dia)
        conteo.append(acumulado)
        dia += timedelta(days=1)
    return tuple(conteo), tuple(habiles)


@lru_cache(maxsize=512)
def _acumulados(anio: int) -> tuple[int, tuple[int, ...], tuple[date, ...]]:
    """(business days from ANIO_BASE to the end of the previous year — negative before it —, the cumulative count
    at each day of `anio`, its business days)."""
    conteo, habiles = _habiles_del_anio(anio)
    if anio == ANIO_BASE:
        previos = 0
    elif anio > ANIO_BASE:
        previos = _acumulados(anio - 1)[0] + len(_acumulados(anio - 1)[2])
    else:
        previos = _acumulados(anio + 1)[0] - len(habiles)
    return previos, conteo, habiles


def indice_habil(fecha: date) -> int:
    """The position of `fecha` on the business-day count (differences of two positions are business days)."""
    previos, conteo, _habiles = _acumulados(fecha.year)
    return previos + conteo[fecha.timetuple().tm_yday - 1]


def dias_habiles_entre(a: date, b: date) -> int:
    """How many business days pass from `a` to reach `b`: those in (a, b], or minus those in [b, a) when b < a.

    `dias_habiles_entre(a, sumar_dias_habiles(a, n)) == n` for every a and n.
    """
    if b >= a:
        return indice_habil(b) - indice_habil(a)
    return -(indice_habil(a - timedelta(days=1)) - indice_habil(b - timedelta(days=1)))


def sumar_dias_habiles(fecha: date, n: int) -> date:
    """The date n business days after `fecha` (before it when n < 0); n == 0 returns `fecha` itself."""
    if n == 0:
        return fecha
    objetivo = indice_habil(fecha) + n if n > 0 else indice_habil(fecha - timedelta(days=1)) + n + 1
    anio = fecha.year
    while True:
        previos, _conteo, habiles = _acumulados(anio)
        if objetivo <= previos:
            anio -= 1
        elif objetivo > previos + len(habiles):
            anio += 1
        else:
            return habiles[objetivo - previos - 1]


def siguiente_dia_habil(fecha: date) -> date:
    """`fecha` if it is a business day, else the next one."""
    _previos, _conteo, habiles = _acumulados(fecha.year)
    posicion = bisect_left(habiles, fecha)
    if posicion < len(habiles):
        return habiles[posicion]
    return siguiente_dia_habil(date(fecha.year + 1, 1, 1))
