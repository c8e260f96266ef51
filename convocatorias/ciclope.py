"""The projects in the column layout of an APC-Colombia «Cíclope» intervention export (38 columns, in their order).

The layout comes from the headers of a Cíclope export (see `datos/ciclope_columnas.txt`); it is not an official APC
schema. The columns this product can fill are filled; the others (APC's own classifications: PDET, PND, ENCI, actor
levels...) are written empty under their name, for the office to complete. Amounts in USD at the rate recorded on
the project; without a rate the cell stays empty rather than guessing one.
"""

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from cooperacion.core.reportes import Columna, escribir_hoja, libro_excel

from . import iati
from .models import Convocatoria, ParticipanteProyecto

TITULO_HOJA = "Intervenciones Cíclope"
COLUMNAS = (
    "CODIGO INTERVENCION",
    "FECHA REGISTRO INTERVENCION",
    "NOMBRE INTERVENCION",
    "OBJETIVO GENERAL",
    "FECHA INICIAL",
    "FECHA FINAL",
    "ESTADO INTERVENCION",
    "REGION",
    "DEPARTAMENTO",
    "MUNICIPIO",
    "PDET",
    "ZONA PEDET",
    "ORIGEN DEL ACTOR",
    "VALOR APORTE (USD)",
    "NOMBRE ACTOR",
    "PAIS ACTOR",
    "ROLES APORTE",
    "ACTOR PRIMER NIVEL",
    "ACTOR SEGUNDO NIVEL",
    "ACTOR TERCER NIVEL",
    "ACTOR CUARTO NIVEL",
    "PND VIGENCIA",
    "PND PRIMER NIVEL",
    "PND SEGUNDO NIVEL",
    "ENCI VIGENCIA",
    "ENCI PRIMER NIVEL",
    "ENCI SEGUNDO NIVEL",
    "PUNTO PM",
    "PILAR PMI",
    "ESTRATEGIA",
    "META ODS",
    "ODS",
    "CAD PRIMER NIVEL",
    "CAD SEGUNDO NIVEL",
    "CAD TERCER NIVEL",
    "TIPO ASISTENCIA",
    "SECTORES GOB",
    "DIVIPOLA_MUN",
)
TIPOS = {"FECHA INICIAL": "fecha", "FECHA FINAL": "fecha", "VALOR APORTE (USD)": "decimal"}
ESTADOS = {Convocatoria.Estado.EN_EJECUCION: "EN EJECUCIÓN", Convocatoria.Estado.FINALIZADA: "FINALIZADA"}
CENTAVOS = Decimal("0.01")


def columnas() -> list[Columna]:
    return [Columna(nombre, TIPOS.get(nombre, "texto"), 22) for nombre in COLUMNAS]


def valor_usd(proyecto) -> Decimal | None:
    """The committed amount in USD: as is when the project is in USD, else at the USD rate recorded (if any)."""
    if proyecto.moneda.codigo == "USD":
        return proyecto.monto_comprometido
    if proyecto.tasa_usd is None:
        return None
    return (proyecto.monto_comprometido * proyecto.tasa_usd).quantize(CENTAVOS, rounding=ROUND_HALF_UP)


def _origen(actor) -> str:
    if not actor.pais:
        return ""
    return "NACIONAL" if actor.pais.strip().lower() == "colombia" else "INTERNACIONAL"


def _unir(valores) -> str:
    return "; ".join(v for v in dict.fromkeys(valores) if v)


def fila(proyecto) -> list:
    """One project as a row of the 38 columns (see `filas` for what must be loaded)."""
    financiadores = [p.actor for p in proyecto.participantes.all() if p.rol == ParticipanteProyecto.Rol.FINANCIADOR]
    municipios = list(proyecto.municipios.all())
    # One column, several sectors: the largest first, as elsewhere in the layout several values go with "; ".
    sector = _unir(f"{s.codigo} – {iati.sectores().get(s.codigo, '')}".rstrip(" –") for s in proyecto.sectores.all())
    valores = {
        "CODIGO INTERVENCION": proyecto.codigo,
        "NOMBRE INTERVENCION": proyecto.nombre,
        "OBJETIVO GENERAL": proyecto.convocatoria.impacto_esperado,
        "FECHA INICIAL": proyecto.fecha_inicio,
        "FECHA FINAL": proyecto.fecha_finalizacion or proyecto.fecha_fin,
        "ESTADO INTERVENCION": ESTADOS.get(proyecto.convocatoria.estado, ""),
        "DEPARTAMENTO": _unir(m.departamento.nombre for m in municipios),
        "MUNICIPIO": _unir(m.nombre for m in municipios),
        "ORIGEN DEL ACTOR": _unir(_origen(a) for a in financiadores),
        "VALOR APORTE (USD)": valor_usd(proyecto),
        "NOMBRE ACTOR": _unir(a.nombre for a in financiadores),
        "PAIS ACTOR": _unir(a.pais.upper() for a in financiadores),
        "ROLES APORTE": _unir(str(p.get_rol_display()).upper() for p in proyecto.participantes.all()),
        "ODS": _unir(f"{o.numero}. {o.nombre}" for o in proyecto.ods.all()),
        "CAD TERCER NIVEL": sector,
        "TIPO ASISTENCIA": proyecto.modalidad.nombre.upper(),
        "DIVIPOLA_MUN": _unir(m.codigo for m in municipios),
    }
    return [valores.get(nombre) for nombre in COLUMNAS]


def filas(proyectos) -> Iterator[list]:
    """Rows streamed from a chunked cursor; each chunk prefetches its relations (constant queries per chunk)."""
    consulta = proyectos.select_related("convocatoria", "moneda", "modalidad").prefetch_related(
        Prefetch("participantes", queryset=ParticipanteProyecto.objects.select_related("actor")),
        "sectores",
        "ods",
        "municipios__departamento",
    )
    for proyecto in consulta.iterator(chunk_size=500):
        yield fila(proyecto)


def exportar(proyectos, destino) -> int:
    with libro_excel(destino) as libro:
        return escribir_hoja(libro, TITULO_HOJA, columnas(), filas(proyectos))
