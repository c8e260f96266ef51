"""The «Matriz de convocatorias» as an Excel file: the columns, the export and the reading of an edited copy.

The export writes exactly the columns the import reads; the columns marked read-only (the computed ones) are
written for information and ignored when the file comes back.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from cooperacion.core import hojas
from cooperacion.core.reportes import Columna, escribir_hoja

from . import priorizacion
from .models import Convocatoria

TITULO_HOJA = "Matriz de convocatorias"


@dataclass(frozen=True)
class ColumnaMatriz:
    clave: str
    columna: Columna
    solo_lectura: bool = False
    obligatoria: bool = False


COLUMNAS = (
    ColumnaMatriz("id", Columna(gettext_lazy("ID"), "entero", 8)),
    ColumnaMatriz("cooperante", Columna(gettext_lazy("Cooperante"), ancho=22), obligatoria=True),
    ColumnaMatriz("nombre", Columna(gettext_lazy("Convocatoria"), ancho=48), obligatoria=True),
    ColumnaMatriz("fuente", Columna(gettext_lazy("Fuente"), ancho=22), obligatoria=True),
    ColumnaMatriz("enlace", Columna(gettext_lazy("Enlace"), ancho=30)),
    ColumnaMatriz("modalidad", Columna(gettext_lazy("Modalidad"), ancho=22), obligatoria=True),
    ColumnaMatriz("lineas_tematicas", Columna(gettext_lazy("Líneas temáticas"), ancho=30)),
    ColumnaMatriz("ods", Columna(gettext_lazy("ODS"), ancho=10)),
    ColumnaMatriz("lineas_prioritarias", Columna(gettext_lazy("Líneas prioritarias"), ancho=36)),
    ColumnaMatriz("actores_elegibles", Columna(gettext_lazy("Actores elegibles"), ancho=30)),
    ColumnaMatriz("elegibilidad", Columna(gettext_lazy("Cómo aplica la entidad"), ancho=26)),
    ColumnaMatriz("territorio", Columna(gettext_lazy("Territorio"), ancho=20)),
    ColumnaMatriz("monto", Columna(gettext_lazy("Recursos ofrecidos"), "decimal", 16)),
    ColumnaMatriz("moneda", Columna(gettext_lazy("Moneda"), ancho=9)),
    ColumnaMatriz("tasa_cop", Columna(gettext_lazy("Tasa COP"), "decimal", 11)),
    ColumnaMatriz("monto_cop", Columna(gettext_lazy("Equivalente COP"), "decimal", 18), solo_lectura=True),
    ColumnaMatriz("fecha_apertura", Columna(gettext_lazy("Apertura"), "fecha_hora", 17), obligatoria=True),
    ColumnaMatriz("fecha_cierre", Columna(gettext_lazy("Cierre"), "fecha_hora", 17), obligatoria=True),
    ColumnaMatriz("impacto_esperado", Columna(gettext_lazy("Impacto esperado"), ancho=36)),
    ColumnaMatriz("nivel_impacto", Columna(gettext_lazy("Nivel de impacto"), ancho=12)),
    ColumnaMatriz("responsable", Columna(gettext_lazy("Responsable (usuario)"), ancho=18)),
    ColumnaMatriz("dependencia", Columna(gettext_lazy("Dependencia"), ancho=12), solo_lectura=True),
    ColumnaMatriz("estado", Columna(gettext_lazy("Estado"), ancho=20), solo_lectura=True),
    ColumnaMatriz("puntaje", Columna(gettext_lazy("Puntaje"), "decimal", 9), solo_lectura=True),
    ColumnaMatriz("prioridad", Columna(gettext_lazy("Prioridad"), ancho=10), solo_lectura=True),
    ColumnaMatriz("motivo_validacion", Columna(gettext_lazy("Motivo de la decisión"), ancho=36), solo_lectura=True),
)


def _etiqueta(opciones, valor) -> str:
    return str(dict(opciones).get(valor, valor or ""))


def _etiquetas(opciones) -> dict[str, str]:
    return {codigo: str(etiqueta) for codigo, etiqueta in opciones.choices}


def filas(convocatorias):
    """One row per call, in the order of COLUMNAS (the queryset comes annotated from the matrix selector)."""
    # Choice labels looked up once per export, not per row.
    fuentes, elegibilidades = _etiquetas(Convocatoria.Fuente), _etiquetas(Convocatoria.Elegibilidad)
    impactos, estados = _etiquetas(Convocatoria.Impacto), _etiquetas(Convocatoria.Estado)
    for c in convocatorias:
        completa = getattr(c, "completa", True)  # only the office reads the score and the decision's reason
        puntaje = round(getattr(c, "puntaje", 0) or 0, 1)
        yield (
            c.pk,
            c.cooperante.sigla or c.cooperante.nombre,
            c.nombre,
            fuentes.get(c.fuente, c.fuente),
            c.enlace,
            c.modalidad.nombre,
            c.lineas_tematicas,
            ", ".join(str(o.numero) for o in c.ods.all()),
            "; ".join(linea.nombre for linea in c.lineas_prioritarias.all()),
            c.actores_elegibles,
            elegibilidades.get(c.elegibilidad, c.elegibilidad),
            c.territorio,
            c.monto,
            c.moneda.codigo if c.moneda_id else "",
            c.tasa_cop,
            c.monto_cop,
            c.fecha_apertura,
            c.fecha_cierre,
            c.impacto_esperado,
            impactos.get(c.nivel_impacto, c.nivel_impacto),
            c.responsable.username,
            c.dependencia.sigla or c.dependencia.codigo,
            estados.get(c.estado, c.estado),
            Decimal(str(puntaje)) if completa else None,
            priorizacion.prioridad_de(puntaje)[1] if completa else "",
            c.motivo_validacion if completa else "",
        )


def exportar(convocatorias, destino, *, al_avanzar=None) -> int:
    """Write the matrix: rows streamed from a server-side cursor in chunks (each chunk with its ODS and priority
    lines in two more queries) into a write-only workbook, saved straight to `destino` (a file)."""
    libro = Workbook(write_only=True)
    consulta = convocatorias.prefetch_related("ods", "lineas_prioritarias").iterator(chunk_size=2000)
    escritas = escribir_hoja(libro, TITULO_HOJA, [c.columna for c in COLUMNAS], filas(consulta), al_avanzar=al_avanzar)
    libro.save(destino)
    return escritas


# Reading an edited copy -------------------------------------------------------------------------


class ArchivoIlegible(hojas.HojaIlegible):
    """The file is not a matrix this page can read; the message is safe to show."""


@dataclass
class FilaLeida:
    numero: int
    valores: dict = field(default_factory=dict)


def leer(archivo) -> list[FilaLeida]:
    """The data rows of the first sheet, keyed by column, with their Excel row number; empty rows skipped.

    The core's guarded reader checks the archive (size, parts, inflated size, shared strings) before parsing and
    limits rows and columns; a refused file raises ArchivoIlegible with the reason.
    """
    try:
        with hojas.abrir(archivo) as libro:
            iterador = hojas.filas(libro.worksheets[0])
            primera = next(iterador, None)
            if primera is None or all(hojas.vacio(v) for v in primera[1]):
                raise ArchivoIlegible(_("La hoja está vacía."))
            por_titulo = {hojas.normalizar(c.columna.titulo): c for c in COLUMNAS}
            posiciones = {}
            for indice, titulo in enumerate(primera[1]):
                columna = por_titulo.get(hojas.normalizar(titulo))
                if columna is not None and not columna.solo_lectura:
                    posiciones[columna.clave] = indice
            faltan = [str(c.columna.titulo) for c in COLUMNAS if c.obligatoria and c.clave not in posiciones]
            if faltan:
                raise ArchivoIlegible(
                    _("Faltan columnas de la matriz: %(c)s. Use el archivo exportado desde esta página.")
                    % {"c": ", ".join(faltan)}
                )
            resultado = []
            for numero, fila in iterador:
                valores = {clave: fila[i] if i < len(fila) else None for clave, i in posiciones.items()}
                if all(hojas.vacio(v) for v in valores.values()):
                    continue
                resultado.append(FilaLeida(numero, valores))
            return resultado
    except ArchivoIlegible:
        raise
    except hojas.HojaIlegible as error:
        raise ArchivoIlegible(str(error)) from error


# Cell values: the core's converters (the date window applies to every date).
texto = hojas.texto
decimal = hojas.decimal
fecha_hora = hojas.fecha_hora


def opcion(opciones, valor) -> str | None:
    """The code of a choice given by its label or its code (case-insensitive); None if it does not exist."""
    buscado = hojas.normalizar(valor)
    for codigo, etiqueta in opciones:
        if buscado in (hojas.normalizar(codigo), hojas.normalizar(etiqueta)):
            return codigo
    return None


ELEGIBILIDAD = Convocatoria.Elegibilidad.choices
IMPACTO = Convocatoria.Impacto.choices
FUENTE = Convocatoria.Fuente.choices
