"""Excel writing shared by the matrix export and the quarterly report: write-only sheets with the core's style."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from cooperacion.core.reportes import (
    ENCABEZADO_ALINEACION,
    ENCABEZADO_FUENTE,
    ENCABEZADO_RELLENO,
    FORMATOS_NUMERO,
    Columna,
)


def valor_excel(valor):
    if isinstance(valor, datetime):
        # Excel has no time zones: the wall-clock time in Colombia.
        return timezone.localtime(valor).replace(tzinfo=None) if timezone.is_aware(valor) else valor
    if isinstance(valor, Decimal | int | float | date) or valor is None:
        return valor
    return str(valor)


def escribir_hoja(libro, titulo: str, columnas: Sequence[Columna], filas: Iterable[Sequence]) -> int:
    """Append a sheet to a write-only workbook: styled header, typed cells, frozen header, autofilter."""
    hoja = libro.create_sheet(title=str(titulo)[:31].translate(str.maketrans("/\\?*[]:", "-------")))
    for indice, columna in enumerate(columnas, start=1):
        hoja.column_dimensions[get_column_letter(indice)].width = columna.ancho
    hoja.freeze_panes = "A2"
    encabezado = []
    for columna in columnas:
        celda = WriteOnlyCell(hoja, value=str(columna.titulo))
        celda.font, celda.fill, celda.alignment = ENCABEZADO_FUENTE, ENCABEZADO_RELLENO, ENCABEZADO_ALINEACION
        encabezado.append(celda)
    hoja.append(encabezado)
    formatos = [(i, FORMATOS_NUMERO[c.tipo]) for i, c in enumerate(columnas) if c.tipo in FORMATOS_NUMERO]
    escritas = 0
    for fila in filas:
        valores = [valor_excel(v) for v in fila]
        for i, formato in formatos:
            if valores[i] is not None:
                celda = WriteOnlyCell(hoja, value=valores[i])
                celda.number_format = formato
                valores[i] = celda
        hoja.append(valores)
        escritas += 1
    hoja.auto_filter.ref = f"A1:{get_column_letter(max(len(columnas), 1))}{escritas + 1}"
    return escritas
