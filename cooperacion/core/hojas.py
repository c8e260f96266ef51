"""The one guarded reader for spreadsheet imports.

An uploaded .xlsx is a zip archive that may inflate to gigabytes (a few hundred KB can declare millions of shared
strings). Before openpyxl parses anything, `abrir` checks the archive's directory: the file size, the number of
entries, each part's declared inflated size (Python's zipfile never inflates past the declared size) and the
shared strings in particular. Then rows are read in read-only mode with row and column limits, and cell values are
converted by helpers that apply the core's date window. A wrong file is refused with a Spanish message that is
safe to show (`HojaIlegible`); the callers import all rows or none.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from . import fechas
from .archivos import MEGABYTE
from .errores import ErrorDeDominio
from .numeros import leer_numero

D = TypeVar("D", date, datetime)


class HojaIlegible(ErrorDeDominio):
    """The workbook cannot or must not be read; the message says why."""


class ValorInvalido(ValueError):
    """A cell's value is not what its column expects; the message is safe to show."""


@dataclass(frozen=True)
class Limites:
    tamano: int = 10 * MEGABYTE
    entradas: int = 300
    inflado_total: int = 80 * MEGABYTE
    inflado_parte: int = 40 * MEGABYTE  # one sheet's XML
    cadenas_compartidas: int = 8 * MEGABYTE  # xl/sharedStrings.xml
    hojas: int = 40
    filas: int = 5000
    columnas: int = 80


LIMITES = Limites()


def _mb(n: int) -> str:
    return f"{n / MEGABYTE:.0f}"


def revisar_archivo(archivo: File[bytes], limites: Limites = LIMITES) -> None:
    """Refuse a file whose size or archive directory exceeds the limits, without inflating anything."""
    tamano = getattr(archivo, "size", None)
    if tamano is None:
        posicion = archivo.tell()
        archivo.seek(0, 2)
        tamano = archivo.tell()
        archivo.seek(posicion)
    if not tamano:
        raise HojaIlegible(_("El archivo está vacío."))
    if tamano > limites.tamano:
        raise HojaIlegible(
            _("El archivo pesa %(mb)s MB; el máximo para importar es %(max)s MB.")
            % {"mb": _mb(tamano), "max": _mb(limites.tamano)}
        )
    posicion = archivo.tell()
    archivo.seek(0)
    try:
        with zipfile.ZipFile(archivo) as paquete:
            entradas = paquete.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise HojaIlegible(_("El archivo no se puede leer como una hoja de Excel (.xlsx).")) from error
    finally:
        archivo.seek(posicion)
    nombres = {e.filename for e in entradas}
    if "xl/workbook.xml" not in nombres:
        raise HojaIlegible(_("El archivo no es un libro de Excel (.xlsx)."))
    if len(entradas) > limites.entradas:
        raise HojaIlegible(
            _("El libro tiene %(n)s partes internas; el máximo es %(max)s.")
            % {"n": len(entradas), "max": limites.entradas}
        )
    total = sum(e.file_size for e in entradas)
    if total > limites.inflado_total:
        raise HojaIlegible(
            _("El libro descomprimido ocuparía %(mb)s MB; el máximo es %(max)s MB. Quite filas, imágenes o hojas.")
            % {"mb": _mb(total), "max": _mb(limites.inflado_total)}
        )
    hojas = [e for e in entradas if e.filename.startswith("xl/worksheets/") and e.filename.endswith(".xml")]
    if len(hojas) > limites.hojas:
        raise HojaIlegible(
            _("El libro tiene %(n)s hojas; el máximo es %(max)s.") % {"n": len(hojas), "max": limites.hojas}
        )
    for entrada in entradas:
        if entrada.flag_bits & 0x1:
            raise HojaIlegible(
                _("El libro está protegido con contraseña: guárdelo sin contraseña e inténtelo de nuevo.")
            )
        if entrada.filename == "xl/sharedStrings.xml" and entrada.file_size > limites.cadenas_compartidas:
            raise HojaIlegible(
                _("El libro tiene %(mb)s MB de textos; el máximo es %(max)s MB.")
                % {"mb": _mb(entrada.file_size), "max": _mb(limites.cadenas_compartidas)}
            )
        if entrada.file_size > limites.inflado_parte:
            raise HojaIlegible(
                _("Una hoja del libro ocuparía %(mb)s MB descomprimida; el máximo es %(max)s MB.")
                % {"mb": _mb(entrada.file_size), "max": _mb(limites.inflado_parte)}
            )


@contextmanager
def abrir(archivo: File[bytes], limites: Limites = LIMITES) -> Iterator[Workbook]:
    """The workbook in read-only mode after the archive checks; closed on exit."""
    revisar_archivo(archivo, limites)
    archivo.seek(0)
    try:
        libro = load_workbook(archivo, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a malformed package
        raise HojaIlegible(_("El archivo no se puede leer como una hoja de Excel (.xlsx).")) from error
    try:
        yield libro
    finally:
        libro.close()


def filas(hoja: Any, limites: Limites = LIMITES) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(Excel row number, values) of every row of a read-only sheet, header included, within the limits.

    A cell openpyxl cannot convert (a date serial past year 9999) stops the reading with the row's number.
    """
    numero = 0
    iterador = hoja.iter_rows(values_only=True, max_col=limites.columnas + 1)
    while True:
        try:
            valores = next(iterador)
        except StopIteration:
            return
        except (ValueError, OverflowError, TypeError) as error:
            raise HojaIlegible(
                _(
                    "Hoja «%(h)s», fila %(n)s: hay una celda con un valor fuera de rango (por ejemplo, una fecha "
                    "imposible)."
                )
                % {"h": hoja.title, "n": numero + 1}
            ) from error
        numero += 1
        if numero > limites.filas + 1:
            raise HojaIlegible(
                _("La hoja «%(h)s» tiene más de %(max)s filas; divídala en varios archivos.")
                % {"h": hoja.title, "max": limites.filas}
            )
        if len(valores) > limites.columnas and any(v not in (None, "") for v in valores[limites.columnas :]):
            raise HojaIlegible(
                _("La hoja «%(h)s» tiene más de %(max)s columnas.") % {"h": hoja.title, "max": limites.columnas}
            )
        yield numero, tuple(valores[: limites.columnas])


# Cell values --------------------------------------------------------------------------------------


def texto(valor: object) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)
    if isinstance(valor, datetime | date):
        return valor.strftime("%d/%m/%Y")
    return str(valor).strip()


def vacio(valor: object) -> bool:
    return valor is None or (isinstance(valor, str) and not valor.strip())


def normalizar(valor: object) -> str:
    return re.sub(r"\s+", " ", str(valor or "")).strip().lower()


def decimal(valor: object) -> Decimal | None:
    """A number as Excel gives it, or as text written the Colombian way (1.500.000,50)."""
    if vacio(valor):
        return None
    if isinstance(valor, bool):
        raise ValorInvalido(_("«%(v)s» no es un número.") % {"v": valor})
    if isinstance(valor, int | Decimal):
        return Decimal(valor)
    if isinstance(valor, float):
        return Decimal(repr(valor))
    try:
        return leer_numero(str(valor))
    except ValueError as error:
        raise ValorInvalido(_("«%(v)s» no es un número.") % {"v": valor}) from error


def _en_ventana(resultado: D, minimo: date) -> D:
    mensaje = fechas.error_de_ventana(resultado, minimo=minimo)
    if mensaje:
        raise ValorInvalido(mensaje)
    return resultado


def fecha(valor: object, *, minimo: date = fechas.MINIMO) -> date | None:
    """A date cell or text dd/mm/aaaa (or aaaa-mm-dd), inside the core's date window."""
    if vacio(valor):
        return None
    if isinstance(valor, datetime):
        resultado = valor.date()
    elif isinstance(valor, date):
        resultado = valor
    else:
        for formato in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
            try:
                resultado = datetime.strptime(str(valor).strip(), formato).date()
                break
            except ValueError:
                continue
        else:
            raise ValorInvalido(_("«%(v)s» no es una fecha dd/mm/aaaa.") % {"v": valor})
    return _en_ventana(resultado, minimo)


def fecha_hora(valor: object, *, minimo: date = fechas.MINIMO) -> datetime | None:
    """A date-time in Colombia's time zone: an Excel date cell, or text dd/mm/aaaa [hh:mm], inside the window."""
    if vacio(valor):
        return None
    if isinstance(valor, datetime):
        resultado = valor
    elif isinstance(valor, date):
        resultado = datetime.combine(valor, time(0, 0))
    else:
        for formato in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                resultado = datetime.strptime(str(valor).strip(), formato)
                break
            except ValueError:
                continue
        else:
            raise ValorInvalido(_("«%(v)s» no es una fecha dd/mm/aaaa hh:mm.") % {"v": valor})
    _en_ventana(resultado, minimo)
    return timezone.make_aware(resultado) if timezone.is_naive(resultado) else resultado
