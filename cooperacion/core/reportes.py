"""One export abstraction: a report declares its columns, a selector that yields its rows and a template;
renderers write Excel (openpyxl write-only, streaming) and PDF (WeasyPrint, from the same template as the page).

Apps register their reports in AppConfig.ready() with `registrar(MiReporte())`; those with `trimestral = True`
are generated at each quarterly cut-off.
"""

from __future__ import annotations

import mimetypes
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import islice
from os import PathLike
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeAlias, TypeVar, cast
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .models import ReporteGenerado, Usuario
    from .tipos import UsuarioOAnonimo

# A report's validated parameters (kept as JSON on the generated report) and one row of its table.
Parametros: TypeAlias = dict[str, Any]
Fila: TypeAlias = Sequence[object]

# Internal origin the PDF templates use for their static files; nothing is ever fetched over the network.
ORIGEN_PDF = "https://reportes.cooperacion.interno/"

FORMATOS_NUMERO = {
    "fecha": "DD/MM/YYYY",
    "fecha_hora": "DD/MM/YYYY HH:MM",
    "entero": "#,##0",
    "decimal": "#,##0.00",
    "porcentaje": "0.0%",
}


@dataclass(frozen=True)
class Columna:
    titulo: StrOrPromise
    tipo: str = "texto"  # texto | fecha | fecha_hora | entero | decimal | porcentaje
    ancho: int = 18


class Reporte(ABC):
    """Subclass, set the attributes and implement `puede_generar` and `filas` (`contexto` adds PDF extras)."""

    codigo: str = ""
    titulo: StrOrPromise = ""
    descripcion: StrOrPromise = ""
    codigo_documento: str = ""
    columnas: Sequence[Columna] = ()
    plantilla: str = "core/reportes/tabla.html"
    formatos: tuple[str, ...] = ("xlsx", "pdf")
    trimestral: bool = False
    horizontal: bool = True
    en_lista: bool = True  # offered on the Reportes page (False for one record's document, asked from its page)
    # One record's document (an acta, a characterization): asked for, followed and downloaded on the record's own
    # page, never listed under Reportes.
    de_un_registro: bool = False

    def url_del_registro(self, parametros: dict[str, Any]) -> str:
        """The page of the record a document belongs to (where its progress shows and where 'volver' leads)."""
        return ""

    @abstractmethod
    def puede_generar(self, usuario: UsuarioOAnonimo) -> bool:
        """Who may ask for this report."""

    def puede_ver_automaticos(self, usuario: Usuario) -> bool:
        """Who may download the copies made at the quarterly cut-off (they cover every dependencia)."""
        return usuario.ve_todas_las_dependencias

    def parametros(self, datos: Mapping[str, Any], usuario: Usuario | None) -> Parametros:
        """Validate and normalize the request's parameters (raise ErrorDeDominio on bad input)."""
        return {}

    @abstractmethod
    def filas(self, parametros: Parametros, usuario: Usuario | None) -> Iterable[Fila]:
        """The rows, streamed from a selector with a constant number of queries."""

    def total(self, parametros: Parametros, usuario: Usuario | None) -> int | None:
        """How many rows to expect, for the progress bar (None: unknown)."""
        return None

    def contexto(self, parametros: Parametros, usuario: Usuario | None) -> dict[str, Any]:
        """Extra context for the PDF template: summaries, SVG charts."""
        return {}

    def titulo_con(self, parametros: Parametros) -> StrOrPromise:
        return self.titulo

    def escribir_excel(
        self,
        parametros: Parametros,
        usuario: Usuario | None,
        destino: IO[bytes],
        *,
        titulo: str,
        al_avanzar: Callable[[int], None] | None = None,
    ) -> int:
        """Write the .xlsx; one sheet of `columnas` and `filas` by default. Override for several sheets."""
        return escribir_xlsx(self, self.filas(parametros, usuario), destino, titulo=titulo, al_avanzar=al_avanzar)

    def al_terminar(self, generado: ReporteGenerado) -> None:  # noqa: B027 (an optional hook: most reports do nothing)
        """Called once a generated file is ready (to send it on, through the outbox). A failure here is logged and
        never fails the report."""

    max_filas_pdf: int = 3000


_registro: dict[str, Reporte] = {}


def registrar(reporte: Reporte) -> Reporte:
    _registro[reporte.codigo] = reporte
    return reporte


def obtener(codigo: str) -> Reporte | None:
    return _registro.get(codigo)


def registrados() -> list[Reporte]:
    return sorted(_registro.values(), key=lambda r: r.titulo)


def trimestrales() -> list[Reporte]:
    return [r for r in registrados() if r.trimestral]


# Excel ------------------------------------------------------------------------------------------

ENCABEZADO_FUENTE = Font(bold=True, color="FFFFFF")
ENCABEZADO_RELLENO = PatternFill("solid", fgColor="123B6D")
ENCABEZADO_ALINEACION = Alignment(wrap_text=True, vertical="center")


# Text that a spreadsheet would read as a formula (or that starts one in CSV): written as text, always.
INICIOS_PELIGROSOS = ("=", "+", "-", "@", "\t", "\r")


def _valor_excel(valor: object) -> str | Decimal | float | date | None:
    if isinstance(valor, datetime):
        # Excel has no time zones: write the local wall-clock time.
        return timezone.localtime(valor).replace(tzinfo=None) if timezone.is_aware(valor) else valor
    if isinstance(valor, Decimal | int | float | date) or valor is None:
        return valor
    return str(valor)


T = TypeVar("T")
LOTE = 2000


def por_lotes(filas: Iterable[T], tamano: int = LOTE) -> Iterator[list[T]]:
    """Rows in lists of `tamano`, read lazily (e.g. `values_list(...).iterator(chunk_size=LOTE)`): an export fetches
    each chunk's related data in one query, and memory holds one chunk at a time."""
    iterador = iter(filas)
    while lote := list(islice(iterador, tamano)):
        yield lote


# Values written as they are (no conversion): checked by exact type, once per cell.
TIPOS_DIRECTOS = frozenset({int, float, Decimal, date, bool})


def celda(hoja: Any, valor: object) -> Cell:
    """One write-only cell for sheets laid out by hand (several blocks, own styles): the same typing as
    `escribir_hoja`, user text always as text."""
    escrito = _valor_excel(valor)
    resultado = WriteOnlyCell(hoja)
    resultado.value = escrito  # the setter takes dates too (the stub of WriteOnlyCell's argument does not)
    if isinstance(escrito, str) and escrito.startswith(INICIOS_PELIGROSOS):
        resultado.data_type = "s"
    return resultado


def texto_seguro_csv(valor: object) -> object:
    """A CSV cell: user text that starts like a formula gets a leading apostrophe (OWASP CSV injection)."""
    if isinstance(valor, str) and valor.startswith(INICIOS_PELIGROSOS):
        return "'" + valor
    return valor


def escribir_hoja(
    libro: Workbook,
    titulo: StrOrPromise,
    columnas: Sequence[Columna],
    filas: Iterable[Fila],
    *,
    al_avanzar: Callable[[int], None] | None = None,
) -> int:
    """Append a sheet to a write-only workbook: styled header, typed cells, frozen header row, autofilter.

    Rows are streamed (memory stays flat whatever their number); each column's number format is built once and
    copied into its cells; user text is always written as text, never as a formula. Returns the rows written.
    """
    hoja = libro.create_sheet(title=str(titulo)[:31].translate(str.maketrans("/\\?*[]:", "-------")))
    for indice, columna in enumerate(columnas, start=1):
        hoja.column_dimensions[get_column_letter(indice)].width = columna.ancho
    hoja.freeze_panes = "A2"

    encabezado = []
    for columna in columnas:
        celda = WriteOnlyCell(hoja, value=str(columna.titulo))
        celda.data_type = "s"
        celda.font, celda.fill, celda.alignment = ENCABEZADO_FUENTE, ENCABEZADO_RELLENO, ENCABEZADO_ALINEACION
        encabezado.append(celda)
    hoja.append(encabezado)

    # One cell object per typed column, reused on every row: a write-only sheet writes each appended row at once,
    # so a column's cell only needs its new value (the number format was set once, when it was created).
    tipadas: dict[int, Cell] = {}
    for i, columna in enumerate(columnas):
        if columna.tipo in FORMATOS_NUMERO:
            tipadas[i] = WriteOnlyCell(hoja)
            tipadas[i].number_format = FORMATOS_NUMERO[columna.tipo]
    # An integer below a thousand looks the same in Excel's General format as in "#,##0": it is written plain,
    # sparing openpyxl the styled cell (day counts, numbers of reports: most integers of most exports).
    enteros = {i for i, columna in enumerate(columnas) if columna.tipo == "entero"}
    textos = [WriteOnlyCell(hoja) for _columna in columnas]
    escritas = 0
    for fila in filas:
        valores: list[Cell | str | Decimal | float | date | None] = []
        for i, crudo in enumerate(fila):
            valor: str | Decimal | float | date | None
            if crudo is None or type(crudo) is str or type(crudo) in TIPOS_DIRECTOS:
                valor = cast("str | Decimal | float | date | None", crudo)
            else:
                valor = _valor_excel(crudo)  # datetimes to local wall-clock time, anything else to its text
            if type(valor) is str:
                if valor.startswith(INICIOS_PELIGROSOS):
                    celda = textos[i]
                    celda.value = valor
                    celda.data_type = "s"
                    valores.append(celda)
                else:
                    valores.append(valor)
            elif (
                valor is not None
                and i in tipadas
                and not (i in enteros and type(valor) is int and -1000 < valor < 1000)
            ):
                celda = tipadas[i]
                celda.value = valor
                valores.append(celda)
            else:
                valores.append(valor)
        hoja.append(valores)
        escritas += 1
        if al_avanzar and escritas % 500 == 0:
            al_avanzar(escritas)
    hoja.auto_filter.ref = f"A1:{get_column_letter(max(len(columnas), 1))}{escritas + 1}"
    return escritas


@contextmanager
def libro_excel(destino: IO[bytes] | str | PathLike[str]) -> Iterator[Workbook]:
    """A write-only workbook for the sheets of one export (`escribir_hoja`, or `celda` for hand-made layouts),
    saved to `destino` when the block ends without an error. Apps open their workbooks here, never by themselves."""
    libro = Workbook(write_only=True)
    yield libro
    libro.save(destino)


def escribir_xlsx(
    reporte: Reporte,
    filas: Iterable[Fila],
    destino: IO[bytes],
    *,
    titulo: StrOrPromise = "",
    al_avanzar: Callable[[int], None] | None = None,
) -> int:
    """A one-sheet .xlsx of the report's columns and the given rows (see `escribir_hoja`)."""
    with libro_excel(destino) as libro:
        return escribir_hoja(libro, titulo or reporte.titulo, list(reporte.columnas), filas, al_avanzar=al_avanzar)


# PDF --------------------------------------------------------------------------------------------


class RecursoNoPermitido(ValueError):
    pass


class FetcherDeEstaticos(URLFetcher):
    """Serves the PDF only the project's own static files (and data: URIs); refuses file://, http(s) and
    everything else, so a template can never read the server's files or reach the network."""

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        partes = urlsplit(url)
        prefijo = "/" + settings.STATIC_URL.strip("/") + "/"
        if f"{partes.scheme}://{partes.netloc}/" == ORIGEN_PDF and partes.path.startswith(prefijo):
            relativo = unquote(partes.path[len(prefijo) :])
            ruta = finders.find(relativo) if ".." not in Path(relativo).parts else None
            if ruta is None and settings.STATIC_ROOT:
                candidato = (Path(settings.STATIC_ROOT) / relativo).resolve()
                if candidato.is_file() and Path(settings.STATIC_ROOT).resolve() in candidato.parents:
                    ruta = str(candidato)
            if ruta:
                tipo = mimetypes.guess_type(ruta)[0] or "application/octet-stream"
                return URLFetcherResponse(url, Path(ruta).read_bytes(), {"Content-Type": tipo})
        raise RecursoNoPermitido(f"Recurso no permitido en un PDF: {url}")


def html_de_reporte(plantilla: str, contexto: Mapping[str, Any], *, para_pdf: bool) -> str:
    return render_to_string(plantilla, {**contexto, "para_pdf": para_pdf, "origen_pdf": ORIGEN_PDF})


def escribir_pdf(plantilla: str, contexto: Mapping[str, Any], destino: IO[bytes]) -> None:
    """Render the report's template (the same one the page uses) to PDF with WeasyPrint."""
    html = html_de_reporte(plantilla, contexto, para_pdf=True)
    HTML(string=html, base_url=ORIGEN_PDF, url_fetcher=FetcherDeEstaticos()).write_pdf(destino)
