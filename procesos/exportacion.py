"""The Excel layout of a characterization: one sheet per section. `importacion.py` reads exactly this layout,
so both sides take their sheet names and headers from here."""

from django.utils.functional import Promise
from openpyxl.styles import Alignment, Font, PatternFill

from cooperacion.core.reportes import celda, libro_excel

from .models import Caracterizacion, Documento, Etapa, Firma
from .selectors import RECURSOS, SEGUIMIENTO

HOJA_ENCABEZADO = "Encabezado"
HOJA_PHVA = "PHVA"
HOJA_DOCUMENTOS = "Documentos"
HOJA_REQUISITOS = "Requisitos legales"
HOJA_RIESGOS = "Riesgos"
HOJA_POLITICAS = "Políticas MIPG"
HOJA_SEGUIMIENTO = "Seguimiento"
HOJA_RECURSOS = "Recursos"
HOJA_APROBACION = "Aprobación"
HOJA_CAMBIOS = "Control de cambios"

# Encabezado: (label in column A, field). "Estado" is informative: the importer always makes a draft.
ENCABEZADO = [
    ("Código", "codigo"),
    ("Versión", "version"),
    ("Fecha", "fecha"),
    ("Entidad", "entidad"),
    ("Proceso", "nombre"),
    ("Tipología", "tipologia"),
    ("Dependencia responsable (código)", "dependencia"),
    ("Responsable", "responsable"),
    ("Objetivo", "objetivo"),
    ("Alcance", "alcance"),
    ("Control de cambios de esta versión: sección", "control_seccion"),
    ("Control de cambios de esta versión: cambio", "control_cambio"),
    ("Estado", "estado"),
]

# PHVA: header, key. List cells hold one item per line.
COLUMNAS_PHVA = [
    ("Etapa", "etapa"),
    ("Orden", "orden"),
    ("Proveedores externos", "proveedor_externo"),
    ("Proveedores internos", "proveedor_interno"),
    ("Fuentes de entradas", "fuente"),
    ("Entradas", "entradas"),
    ("Actividades", "actividades"),
    ("Responsables", "responsables"),
    ("Salidas", "salidas"),
    ("Clientes internos", "cliente_interno"),
    ("Clientes externos", "cliente_externo"),
    ("Receptores de salidas", "receptor"),
]
COLUMNAS_DOCUMENTOS = ["Clase", "Código", "Nombre", "Archivo (informativo)"]
CLASES_DOCUMENTO: dict[str, str] = {Documento.Clase.PROCESO: "Del proceso", Documento.Clase.ASOCIADO: "Asociado"}
COLUMNAS_REQUISITOS = ["Norma", "Artículo", "Descripción"]
COLUMNAS_RIESGOS = ["Código", "Descripción", "Controles"]
COLUMNAS_POLITICAS = ["Número", "Política"]
COLUMNAS_SEGUIMIENTO = ["Aspecto", "Texto"]
ASPECTO_MECANISMO = "Mecanismo de seguimiento y medición"
ASPECTO_LINEAS = "Rol en el esquema de líneas de defensa"
COLUMNAS_RECURSOS = ["Tipo", "Valor"]
COLUMNAS_APROBACION = ["Paso", "Nombre", "Cargo", "Fecha"]
COLUMNAS_CAMBIOS = ["Versión", "Sección modificada", "Cambio realizado", "Fecha"]

_FUENTE = Font(bold=True, color="FFFFFF")
_RELLENO = PatternFill("solid", fgColor="123B6D")
_AJUSTE = Alignment(wrap_text=True, vertical="top")


def _hoja(libro, titulo, encabezados, anchos):
    hoja = libro.create_sheet(title=titulo)
    for letra, ancho in zip("ABCDEFGHIJKL", anchos, strict=False):
        hoja.column_dimensions[letra].width = ancho
    hoja.freeze_panes = "A2"
    fila = []
    for texto in encabezados:
        encabezado = celda(hoja, texto)
        encabezado.font, encabezado.fill, encabezado.alignment = _FUENTE, _RELLENO, _AJUSTE
        fila.append(encabezado)
    hoja.append(fila)
    return hoja


def _celdas(hoja, valores):
    fila = []
    for valor in valores:
        escrita = celda(hoja, str(valor) if isinstance(valor, Promise) else valor)
        escrita.alignment = _AJUSTE
        if hasattr(valor, "year"):
            escrita.number_format = "DD/MM/YYYY"
        fila.append(escrita)
    hoja.append(fila)


def _lineas(valores) -> str:
    return "\n".join(valores)


def escribir_libro(c: Caracterizacion, destino) -> None:
    """Write the characterization (loaded with `selectors.con_todo`) as an .xlsx, in write-only mode."""
    with libro_excel(destino) as libro:
        _escribir_hojas(libro, c)


def _escribir_hojas(libro, c: Caracterizacion) -> None:
    hoja = _hoja(libro, HOJA_ENCABEZADO, ["Campo", "Valor"], [40, 120])
    valores = {
        "codigo": c.proceso.codigo,
        "dependencia": c.dependencia.codigo,
        "tipologia": c.get_tipologia_display() if c.tipologia else "",
        "estado": c.get_estado_display(),
    }
    for etiqueta, campo in ENCABEZADO:
        _celdas(hoja, [etiqueta, valores.get(campo, getattr(c, campo, ""))])

    hoja = _hoja(libro, HOJA_PHVA, [t for t, _k in COLUMNAS_PHVA], [11, 7, 30, 30, 30, 40, 50, 30, 40, 30, 30, 30])
    for fila in c.filas.all():
        partes: dict[str, list[str]] = {}
        for parte in sorted(fila.partes.all(), key=lambda p: (p.orden, p.pk)):
            partes.setdefault(parte.tipo, []).append(parte.texto)
        de_la_fila: dict[str, object] = {"etapa": Etapa(fila.etapa).label, "orden": fila.orden}
        for clave in ("entradas", "actividades", "responsables", "salidas"):
            de_la_fila[clave] = _lineas(getattr(fila, clave))
        _celdas(
            hoja,
            [
                str(de_la_fila[k]) if k == "etapa" else de_la_fila.get(k, _lineas(partes.get(k, [])))
                for _t, k in COLUMNAS_PHVA
            ],
        )

    hoja = _hoja(libro, HOJA_DOCUMENTOS, COLUMNAS_DOCUMENTOS, [14, 16, 70, 40])
    for d in c.documentos.all():
        _celdas(hoja, [CLASES_DOCUMENTO[d.clase], d.codigo, d.nombre, (d.archivo.name or "").rsplit("/", 1)[-1]])

    hoja = _hoja(libro, HOJA_REQUISITOS, COLUMNAS_REQUISITOS, [40, 20, 80])
    for r in c.requisitos.all():
        _celdas(hoja, [r.norma, r.articulo, r.descripcion])

    hoja = _hoja(libro, HOJA_RIESGOS, COLUMNAS_RIESGOS, [14, 80, 60])
    for riesgo in c.riesgos.all():
        _celdas(hoja, [riesgo.codigo, riesgo.descripcion, riesgo.controles])

    hoja = _hoja(libro, HOJA_POLITICAS, COLUMNAS_POLITICAS, [10, 80])
    for asociada in c.politicas.all():
        _celdas(hoja, [asociada.politica.numero, asociada.politica.nombre])

    hoja = _hoja(libro, HOJA_SEGUIMIENTO, COLUMNAS_SEGUIMIENTO, [40, 110])
    if c.rol_lineas_defensa:
        _celdas(hoja, [ASPECTO_LINEAS, c.rol_lineas_defensa])
    for mecanismo in c.mecanismos_seguimiento:
        _celdas(hoja, [ASPECTO_MECANISMO, mecanismo])
    for etiqueta, campo in SEGUIMIENTO:
        if getattr(c, campo):
            _celdas(hoja, [etiqueta, getattr(c, campo)])

    hoja = _hoja(libro, HOJA_RECURSOS, COLUMNAS_RECURSOS, [20, 80])
    for etiqueta, campo in RECURSOS:
        if getattr(c, campo):
            _celdas(hoja, [etiqueta, getattr(c, campo)])

    hoja = _hoja(libro, HOJA_APROBACION, COLUMNAS_APROBACION, [12, 36, 60, 12])
    for firma in c.firmas.all():
        _celdas(hoja, [Firma.Paso(firma.paso).label, firma.nombre, firma.cargo, firma.fecha])

    hoja = _hoja(libro, HOJA_CAMBIOS, COLUMNAS_CAMBIOS, [10, 50, 90, 12])
    for cambio in c.cambios.all():
        _celdas(hoja, [cambio.version, cambio.seccion, cambio.cambio, cambio.fecha])
