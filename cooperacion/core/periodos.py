"""Quarters and their cut-off dates."""

import re
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models.reportes import CorteTrimestral, fin_de_trimestre

PATRON = re.compile(r"^(\d{4})-T([1-4])$")


def periodo(anio: int, trimestre: int) -> str:
    return f"{anio}-T{trimestre}"


def leer_periodo(texto: str) -> tuple[int, int] | None:
    coincidencia = PATRON.match(texto or "")
    return (int(coincidencia[1]), int(coincidencia[2])) if coincidencia else None


def trimestre_de(fecha: date) -> tuple[int, int]:
    return fecha.year, (fecha.month - 1) // 3 + 1


def inicio_de_trimestre(anio: int, trimestre: int) -> date:
    return date(anio, 3 * (trimestre - 1) + 1, 1)


def periodo_valido(texto: str) -> tuple[int, int]:
    """(año, trimestre) of a period already validated (ValueError otherwise)."""
    leido = leer_periodo(texto)
    if leido is None:
        raise ValueError(f"Periodo no válido: {texto!r} (se espera AAAA-T#).")
    return leido


def limites(texto: str) -> tuple[datetime, datetime]:
    """The quarter "AAAA-T#" as [start, end) aware datetimes, for filtering timestamps."""
    anio, trimestre = periodo_valido(texto)
    siguiente = (anio + 1, 1) if trimestre == 4 else (anio, trimestre + 1)
    return (
        timezone.make_aware(datetime.combine(inicio_de_trimestre(anio, trimestre), time.min)),
        timezone.make_aware(datetime.combine(inicio_de_trimestre(*siguiente), time.min)),
    )


def trimestre_anterior(anio: int, trimestre: int) -> tuple[int, int]:
    return (anio - 1, 4) if trimestre == 1 else (anio, trimestre - 1)


def fecha_de_corte(anio: int, trimestre: int) -> date:
    """The configured cut-off, or by default the day after the quarter ends."""
    corte = CorteTrimestral.objects.filter(anio=anio, trimestre=trimestre).first()
    return corte.fecha_corte if corte else fin_de_trimestre(anio, trimestre) + timedelta(days=1)


def periodos_recientes(hoy: date, cuantos: int = 8) -> list[str]:
    """The current quarter and the previous ones, newest first, for report pickers."""
    anio, trimestre = trimestre_de(hoy)
    resultado = []
    for _ in range(cuantos):
        resultado.append(periodo(anio, trimestre))
        anio, trimestre = trimestre_anterior(anio, trimestre)
    return resultado
