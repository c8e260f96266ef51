"""The «Matriz de convocatorias» as an Excel file: the columns, the export and the reading of an edited copy.

The export writes exactly the columns the import reads; the columns marked read-only (the computed ones) are
written for information and ignored when the file comes back.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cooperacion.core import hojas
from cooperacion.core.reportes import Columna, escribir_hoja, libro_excel, por_lotes

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


def _etiquetas(opciones) -> dict[str, str]:
    return {codigo: str(etiqueta) for codigo, etiqueta in opciones.choices}


CAMPOS = (
    "pk",
    "cooperante__sigla",
    "cooperante__nombre",
    "nombre",
    "fuente",
    "enlace",
    "modalidad__nombre",
    "lineas_tematicas",
    "actores_elegibles",
    "elegibilidad",
    "territorio",
    "monto",
    "moneda__codigo",
    "tasa_cop",
    "monto_cop",
    "fecha_apertura",
    "fecha_cierre",
    "impacto_esperado",
    "nivel_impacto",
    "responsable__username",
    "dependencia__sigla",
    "dependencia__codigo",
    "estado",
    "puntaje",
    "motivo_validacion",
    "completa",
)
LOTE = 2000


def _lotes(consulta):
    """The query's rows as tuples of CAMPOS, read from a server-side cursor in chunks of LOTE."""
    return por_lotes(consulta.values_list(*CAMPOS).iterator(chunk_size=LOTE), LOTE)


def filas(convocatorias: QuerySet[Convocatoria]) -> Iterator[tuple[object, ...]]:
    """One row per call, in the order of COLUMNAS. `convocatorias` is the matrix queryset (annotated `completa`).

    Plain values, never model instances: each chunk of rows brings its ODS and priority lines in two more queries,
    and choice labels are looked up once per export.
    """
    fuentes, elegibilidades = _etiquetas(Convocatoria.Fuente), _etiquetas(Convocatoria.Elegibilidad)
    impactos, estados = _etiquetas(Convocatoria.Impacto), _etiquetas(Convocatoria.Estado)
    prioridades = {}
    por_ods = Convocatoria.ods.through.objects
    por_linea = Convocatoria.lineas_prioritarias.through.objects
    for lote in _lotes(convocatorias):
        ids = [f[0] for f in lote]
        ods: dict[int, list[str]] = {}
        for convocatoria_id, numero in por_ods.filter(convocatoria_id__en_lote=ids).values_list(
            "convocatoria_id", "ods__numero"
        ):
            ods.setdefault(convocatoria_id, []).append(str(numero))
        lineas: dict[int, list[str]] = {}
        for convocatoria_id, nombre in por_linea.filter(convocatoria_id__en_lote=ids).values_list(
            "convocatoria_id", "lineaprioritaria__nombre"
        ):
            lineas.setdefault(convocatoria_id, []).append(nombre)
        for (pk, sigla, cooperante, nombre, fuente, enlace, modalidad, tematicas, elegibles, elegibilidad, territorio,
             monto, moneda, tasa, monto_cop, apertura, cierre, impacto_esperado, impacto, responsable,
             dependencia_sigla, dependencia_codigo, estado, puntaje, motivo, completa) in lote:  # fmt: skip
            puntaje = round(puntaje or 0, 1)
            if completa and puntaje not in prioridades:
                prioridades[puntaje] = priorizacion.prioridad_de(puntaje)[1]
            yield (
                pk,
                sigla or cooperante,
                nombre,
                fuentes.get(fuente, fuente),
                enlace,
                modalidad,
                tematicas,
                ", ".join(sorted(ods.get(pk, ()), key=int)),
                "; ".join(sorted(lineas.get(pk, ()))),
                elegibles,
                elegibilidades.get(elegibilidad, elegibilidad),
                territorio,
                monto,
                moneda or "",
                tasa,
                monto_cop,
                apertura,
                cierre,
                impacto_esperado,
                impactos.get(impacto, impacto),
                responsable,
                dependencia_sigla or dependencia_codigo,
                estados.get(estado, estado),
                Decimal(str(puntaje)) if completa else None,  # only the office reads the score and the reason
                prioridades[puntaje] if completa else "",
                motivo if completa else "",
            )


def exportar(convocatorias, destino, *, al_avanzar=None) -> int:
    """Write the matrix (rows streamed in chunks, see `filas`) into a write-only workbook saved to `destino`."""
    with libro_excel(destino) as libro:
        return escribir_hoja(
            libro, TITULO_HOJA, [c.columna for c in COLUMNAS], filas(convocatorias), al_avanzar=al_avanzar
        )


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
