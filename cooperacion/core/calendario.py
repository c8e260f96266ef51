"""Colombian business days: Monday to Friday except the holidays of the `holidays` package (country CO,
with the Ley Emiliani moves to Monday)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def festivos(anio: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("CO", years=anio))


def nombre_festivo(fecha: date) -> str | None:
    return holidays.country_holidays("CO", years=fecha.year, language="es").get(fecha)


def es_dia_habil(fecha: date) -> bool:
    return fecha.weekday() < 5 and fecha not in festivos(fecha.year)


def sumar_dias_habiles(fecha: date, n: int) -> date:
    """The date n business days after `fecha` (before it when n < 0); n == 0 returns `fecha` itself."""
    paso = timedelta(days=1 if n >= 0 else -1)
    restantes = abs(n)
    actual = fecha
    while restantes:
        actual += paso
        if es_dia_habil(actual):
            restantes -= 1
    return actual


def dias_habiles_entre(a: date, b: date) -> int:
    """How many business days pass from `a` to reach `b`: those in (a, b], or minus those in [b, a) when b < a.

    `dias_habiles_entre(a, sumar_dias_habiles(a, n)) == n` for every a and n.
    """
    if b >= a:
        return sum(1 for i in range(1, (b - a).days + 1) if es_dia_habil(a + timedelta(days=i)))
    return -sum(1 for i in range((a - b).days) if es_dia_habil(b + timedelta(days=i)))


def siguiente_dia_habil(fecha: date) -> date:
    """`fecha` if it is a business day, else the next one."""
    while not es_dia_habil(fecha):
        fecha += timedelta(days=1)
    return fecha
