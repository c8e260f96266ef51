"""IATI 2.03: the cooperation projects as an `iati-activities` file and the entity as an `iati-organisations` file.

Every file is validated against the official 2.03 schema (copied into `datos/iati/`, read offline with lxml) before it
is offered. Data the standard needs and a project lacks is reported per project, in words the office can act on,
instead of a file. Indicator figures (baselines, targets and actuals per quarter) come from `indicadores.selectors`,
the one computation; nothing here recomputes them.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from cooperacion.core.models import Actor, Entidad
from indicadores import selectors as selectores_indicadores
from indicadores.models import Indicador

from .models import Convocatoria, MovimientoFinanciero, ParticipanteProyecto, Proyecto, SectorProyecto

CARPETA = Path(__file__).resolve().parent / "datos" / "iati"
VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CENTAVOS = Decimal("0.01")

# ActivityStatus: a project exists from its execution on; the close-out act closes it.
ESTADO_IATI = {Convocatoria.Estado.EN_EJECUCION: "2", Convocatoria.Estado.FINALIZADA: "4"}
# AidType (vocabulary 1) of the seeded cooperation modalities; a modality added later is published without one.
TIPO_DE_AYUDA = {
    "financiera_no_reembolsable": "C01",  # Project-type interventions
    "tecnica": "D02",  # Other technical assistance
    "en_especie": "C01",
    "sur_sur": "D02",
    "triangular": "D02",
    "descentralizada": "C01",
}
MEDIDA_IATI: dict[str, str] = {Indicador.Medida.PORCENTAJE: "2"}  # IndicatorMeasure; everything else is "1" (unit)
FIN_DE_TRIMESTRE = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@cache
def esquema(tipo: str = "activities") -> etree.XMLSchema:
    """The official schema (`activities` or `organisations`), parsed once per process from the copied files."""
    return etree.XMLSchema(etree.parse(str(CARPETA / f"iati-{tipo}-schema.xsd")))


def errores_de_esquema(documento, tipo: str = "activities") -> list[str]:
    """What the official schema rejects in the document (an element tree or bytes); empty when it is valid."""
    if isinstance(documento, bytes | str):
        documento = etree.fromstring(documento.encode() if isinstance(documento, str) else documento)
    validador = esquema(tipo)
    if validador.validate(documento):
        return []
    return [_("Línea %(linea)s: %(mensaje)s") % {"linea": e.line, "mensaje": e.message} for e in validador.error_log]


@cache
def sectores() -> dict[str, str]:
    """The active DAC 5-digit sectors of the IATI Sector codelist as {code: Spanish name}. The codelist is English
    (and French) only: the names shown (picker, project page, Cíclope) are the project's own translation, the
    `nombre_es` column; the English `nombre` stays in the file as the source text. IATI and Cíclope read the code."""
    with open(CARPETA / "sectores_cad.csv", encoding="utf-8", newline="") as archivo:
        return {fila["codigo"]: fila["nombre_es"] for fila in csv.DictReader(archivo)}


CIEN = Decimal(100)


def errores_de_sectores(filas) -> list[str]:
    """What is wrong with a project's DAC sectors, given as (code, percentage) pairs: the one rule that the form,
    the service and the export check. No rows is not an error here (the project is then reported as incomplete)."""
    errores = []
    vistos = set()
    for codigo, porcentaje in filas:
        if codigo not in sectores():
            errores.append(_("El sector CAD %(codigo)s no está en la lista de sectores de IATI.") % {"codigo": codigo})
        if codigo in vistos:
            errores.append(_("El sector CAD %(codigo)s está repetido: inclúyalo una sola vez.") % {"codigo": codigo})
        vistos.add(codigo)
        if porcentaje is None or not 0 < porcentaje <= CIEN:
            errores.append(
                _("El porcentaje del sector %(codigo)s debe ser mayor que 0 y no pasar de 100.") % {"codigo": codigo}
            )
    suma = sum((p for _c, p in filas if p is not None), Decimal(0))
    if filas and suma != CIEN:
        errores.append(
            _("Los porcentajes de los sectores CAD suman %(suma)s %%; deben sumar exactamente 100 %%.")
            % {"suma": decimal_xml(suma).replace(".", ",")}
        )
    return errores


def decimal_xml(valor) -> str:
    """A decimal as xsd:decimal writes it: no exponent, no trailing zeros."""
    texto = format(Decimal(valor), "f")
    return texto.rstrip("0").rstrip(".") if "." in texto else texto


def identificador(proyecto: Proyecto, entidad: Entidad | None = None) -> str:
    entidad = entidad or Entidad.actual()
    return f"{entidad.identificador_iati}-{'-'.join(proyecto.codigo.split())}"


# Reading --------------------------------------------------------------------------------------------


def proyectos_para_iati(proyectos):
    """The projects with everything the file reads, in a fixed number of queries whatever their number."""
    return proyectos.select_related("convocatoria", "moneda", "modalidad", "dependencia").prefetch_related(
        Prefetch("participantes", queryset=ParticipanteProyecto.objects.select_related("actor")),
        Prefetch("sectores", queryset=SectorProyecto.objects.order_by("-porcentaje", "codigo")),
        "ods",
        "municipios__departamento",
        Prefetch("movimientos", queryset=MovimientoFinanciero.objects.order_by("fecha", "pk")),
        Prefetch("indicadores", queryset=Indicador.objects.order_by("codigo")),
    )


def _anios(proyecto: Proyecto) -> range:
    return range(proyecto.fecha_inicio.year, proyecto.fecha_fin.year + 1)


def series_de(proyectos) -> dict[tuple[int, int], selectores_indicadores.Serie]:
    """{(indicador, año): serie} for each project's indicators over the project's years (two queries per year)."""
    por_anio: dict[int, dict[int, Indicador]] = defaultdict(dict)
    for proyecto in proyectos:
        for indicador in proyecto.indicadores.all():
            for anio in _anios(proyecto):
                por_anio[anio][indicador.pk] = indicador
    resultado = {}
    for anio, indicadores in sorted(por_anio.items()):
        for pk, serie in selectores_indicadores.series(indicadores.values(), anio).items():
            resultado[(pk, anio)] = serie
    return resultado


# Checks ---------------------------------------------------------------------------------------------


def problemas_de_la_entidad(entidad: Entidad) -> list[str]:
    if entidad.identificador_iati.strip():
        return []
    return [
        _(
            "La entidad no tiene identificador de organización IATI: el Administrador lo registra en "
            "Catálogos → Entidad (p. ej. CO-RUE-<NIT>)."
        )
    ]


def problemas_de(proyecto: Proyecto, entidad: Entidad | None = None) -> list[str]:
    """What the office must complete before the project can be published in IATI (empty: nothing)."""
    problemas = problemas_de_la_entidad(entidad or Entidad.actual())
    filas = [(s.codigo, s.porcentaje) for s in proyecto.sectores.all()]
    if not filas:
        problemas.append(_("Indique al menos un sector CAD de 5 dígitos en «Datos para IATI y Cíclope»."))
    problemas.extend(errores_de_sectores(filas))
    participantes = list(proyecto.participantes.all())
    if not any(p.rol == ParticipanteProyecto.Rol.FINANCIADOR for p in participantes):
        problemas.append(_("Registre al menos un financiador entre los participantes del proyecto."))
    if proyecto.convocatoria.estado not in ESTADO_IATI:
        problemas.append(_("Solo se publican proyectos en ejecución o finalizados."))
    return problemas


# Writing --------------------------------------------------------------------------------------------


def _sub(padre, etiqueta: str, texto: str | None = None, **atributos) -> etree._Element:
    elemento = etree.SubElement(padre, etiqueta, {k.replace("_", "-"): str(v) for k, v in atributos.items()})
    if texto is not None:
        elemento.text = texto
    return elemento


def _narrativa(padre, etiqueta: str, texto: str, **atributos) -> etree._Element:
    elemento = _sub(padre, etiqueta, **atributos)
    narrativa = _sub(elemento, "narrative", str(texto))
    narrativa.set(XML_LANG, "es")
    return elemento


def _valor(padre, monto, moneda: str, fecha: date, etiqueta: str = "value") -> None:
    _sub(padre, etiqueta, decimal_xml(monto), currency=moneda, value_date=fecha.isoformat())


def _organizacion(padre, etiqueta: str, actor: Actor, **atributos) -> None:
    if actor.identificador_iati:
        atributos["ref"] = actor.identificador_iati
    if actor.tipo_iati:  # set in the catalog (from the actor's kind when the Administrador left it empty)
        atributos["type"] = actor.tipo_iati
    _narrativa(padre, etiqueta, actor.nombre, **atributos)


def periodos_de_presupuesto(proyecto: Proyecto) -> list[tuple[date, date, Decimal]]:
    """The committed amount spread over calendar years (each period at most one year), in proportion to the days;
    the last period takes the rounding so that the periods add up to the commitment."""
    dias = (proyecto.fecha_fin - proyecto.fecha_inicio).days + 1
    periodos = []
    restante = proyecto.monto_comprometido
    for anio in _anios(proyecto):
        inicio = max(proyecto.fecha_inicio, date(anio, 1, 1))
        fin = min(proyecto.fecha_fin, date(anio, 12, 31))
        if anio == proyecto.fecha_fin.year:
            monto = restante
        else:
            monto = (proyecto.monto_comprometido * ((fin - inicio).days + 1) / dias).quantize(
                CENTAVOS, rounding=ROUND_HALF_UP
            )
            restante -= monto
        periodos.append((inicio, fin, monto))
    return periodos


def _resultados(actividad, proyecto: Proyecto, series) -> None:
    for indicador in proyecto.indicadores.all():
        resultado = _sub(actividad, "result", type="1", aggregation_status="0")
        _narrativa(resultado, "title", indicador.nombre)
        _narrativa(resultado, "description", indicador.objetivo)
        elemento = _sub(
            resultado,
            "indicator",
            measure=MEDIDA_IATI.get(indicador.medida, "1"),
            ascending="1" if indicador.sentido == Indicador.Sentido.CRECIENTE else "0",
        )
        _narrativa(elemento, "title", f"{indicador.codigo} · {indicador.nombre}")
        _narrativa(elemento, "description", f"{indicador.formula} ({indicador.unidad})".strip())
        if indicador.linea_base is not None:
            fecha_base = indicador.linea_base_fecha or proyecto.fecha_inicio
            _sub(
                elemento,
                "baseline",
                year=fecha_base.year,
                iso_date=fecha_base.isoformat(),
                value=decimal_xml(indicador.linea_base),
            )
        for anio in _anios(proyecto):
            serie = series.get((indicador.pk, anio))
            if serie is None:
                continue
            for figura in serie.resultados:
                if figura.meta_periodo is None and figura.valor_periodo is None:
                    continue
                mes, dia = FIN_DE_TRIMESTRE[figura.trimestre]
                periodo = _sub(elemento, "period")
                _sub(periodo, "period-start", iso_date=date(anio, mes - 2, 1).isoformat())
                _sub(periodo, "period-end", iso_date=date(anio, mes, dia).isoformat())
                if figura.meta_periodo is not None:
                    _sub(periodo, "target", value=decimal_xml(figura.meta_periodo))
                if figura.valor_periodo is not None:
                    _sub(periodo, "actual", value=decimal_xml(figura.valor_periodo))


def actividad(proyecto: Proyecto, series, *, sitio: str = "", entidad: Entidad | None = None) -> etree._Element:
    """One `iati-activity` element (see `proyectos_para_iati` for what must be loaded)."""
    entidad = entidad or Entidad.actual()
    moneda = proyecto.moneda.codigo
    raiz = etree.Element(
        "iati-activity",
        {
            "last-updated-datetime": timezone.now().replace(microsecond=0).isoformat(),
            "default-currency": moneda,
            "hierarchy": "1",
        },
    )
    raiz.set(XML_LANG, "es")
    _sub(raiz, "iati-identifier", identificador(proyecto, entidad))
    _narrativa(raiz, "reporting-org", settings.ENTIDAD_NOMBRE, ref=entidad.identificador_iati, type=entidad.tipo_iati)
    _narrativa(raiz, "title", proyecto.nombre)
    _narrativa(raiz, "description", proyecto.convocatoria.impacto_esperado or proyecto.nombre, type="1")
    if proyecto.resultados:
        _narrativa(raiz, "description", proyecto.resultados, type="2")
    participantes = list(proyecto.participantes.all())
    for participante in participantes:
        _organizacion(raiz, "participating-org", participante.actor, role=participante.rol)
    if not any(p.rol == ParticipanteProyecto.Rol.IMPLEMENTADOR for p in participantes):
        _narrativa(
            raiz,
            "participating-org",
            f"{settings.ENTIDAD_NOMBRE} – {proyecto.dependencia.nombre}",
            role=ParticipanteProyecto.Rol.IMPLEMENTADOR,
            ref=entidad.identificador_iati,
            type=entidad.tipo_iati,
        )
    _sub(raiz, "activity-status", code=ESTADO_IATI.get(proyecto.convocatoria.estado, "2"))
    _sub(raiz, "activity-date", type="1", iso_date=proyecto.fecha_inicio.isoformat())
    if proyecto.fecha_inicio <= timezone.localdate():
        _sub(raiz, "activity-date", type="2", iso_date=proyecto.fecha_inicio.isoformat())
    _sub(raiz, "activity-date", type="3", iso_date=proyecto.fecha_fin.isoformat())
    if proyecto.fecha_finalizacion:
        _sub(raiz, "activity-date", type="4", iso_date=proyecto.fecha_finalizacion.isoformat())
    _sub(raiz, "recipient-country", code="CO", percentage="100")
    for municipio in proyecto.municipios.all():
        ubicacion = _sub(raiz, "location", ref=f"CO-DIVIPOLA-{municipio.codigo}")
        _sub(ubicacion, "location-reach", code="1")
        _narrativa(ubicacion, "name", f"{municipio.nombre.title()}, {municipio.departamento.nombre.title()}")
        _narrativa(ubicacion, "description", _("Código DIVIPOLA %(c)s") % {"c": municipio.codigo})
        _sub(ubicacion, "administrative", vocabulary="A4", level="0", code="CO")
    for sector in proyecto.sectores.all():
        _sub(raiz, "sector", vocabulary="1", code=sector.codigo, percentage=decimal_xml(sector.porcentaje))
    for ods in proyecto.ods.all():
        _narrativa(raiz, "tag", ods.nombre, vocabulary="2", code=ods.numero)
    if proyecto.modalidad.codigo in TIPO_DE_AYUDA:
        _sub(raiz, "default-aid-type", code=TIPO_DE_AYUDA[proyecto.modalidad.codigo], vocabulary="1")
    for inicio, fin, monto in periodos_de_presupuesto(proyecto):
        presupuesto = _sub(raiz, "budget", type="1", status="2")
        _sub(presupuesto, "period-start", iso_date=inicio.isoformat())
        _sub(presupuesto, "period-end", iso_date=fin.isoformat())
        _valor(presupuesto, monto, moneda, inicio)
    financiador = next((p.actor for p in participantes if p.rol == ParticipanteProyecto.Rol.FINANCIADOR), None)
    compromiso = _sub(raiz, "transaction")
    _sub(compromiso, "transaction-type", code="2")
    _sub(compromiso, "transaction-date", iso_date=proyecto.fecha_inicio.isoformat())
    _valor(compromiso, proyecto.monto_comprometido, moneda, proyecto.fecha_inicio)
    _narrativa(compromiso, "description", _("Monto comprometido por el cooperante"))
    if financiador:
        _organizacion(compromiso, "provider-org", financiador)
    for movimiento in proyecto.movimientos.all():
        transaccion = _sub(raiz, "transaction")
        _sub(transaccion, "transaction-type", code=movimiento.tipo)
        _sub(transaccion, "transaction-date", iso_date=movimiento.fecha.isoformat())
        _valor(transaccion, movimiento.monto, moneda, movimiento.fecha)
        _narrativa(transaccion, "description", movimiento.descripcion)
        if movimiento.tipo == MovimientoFinanciero.Tipo.DESEMBOLSO and financiador:
            _organizacion(transaccion, "provider-org", financiador)
    if proyecto.informe_final:
        documento = _sub(
            raiz,
            "document-link",
            format="application/pdf",
            url=sitio + reverse("convocatorias:archivo", args=["informe-final", proyecto.pk]),
        )
        _narrativa(documento, "title", _("Informe final del proyecto"))
        _sub(documento, "category", code="A07")
        _sub(documento, "language", code="es")
        if proyecto.fecha_finalizacion:
            _sub(documento, "document-date", iso_date=proyecto.fecha_finalizacion.isoformat())
    _resultados(raiz, proyecto, series)
    return raiz


def _raiz(etiqueta: str) -> etree._Element:
    return etree.Element(
        etiqueta,
        {"version": VERSION, "generated-datetime": timezone.now().replace(microsecond=0).isoformat()},
    )


def _bytes(raiz) -> bytes:
    return etree.tostring(raiz, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@dataclass
class Exportacion:
    """A valid file, or what to fix per project (and then no file)."""

    contenido: bytes | None = None
    problemas: dict[Proyecto | None, list[str]] = field(default_factory=dict)  # None: the whole file
    total: int = 0

    @property
    def valida(self) -> bool:
        return self.contenido is not None


def exportar_actividades(proyectos, *, sitio: str | None = None) -> Exportacion:
    """The `iati-activities` file of the projects (a queryset), validated against the schema before it is offered.

    Each project is checked and validated on its own, so every problem is reported against its project; the whole
    file is validated once more at the end."""
    sitio = settings.SITE_URL.rstrip("/") if sitio is None else sitio
    proyectos = list(proyectos_para_iati(proyectos))
    series = series_de(proyectos)
    entidad = Entidad.actual()
    raiz = _raiz("iati-activities")
    exportacion = Exportacion(total=len(proyectos))
    if not proyectos:  # the schema requires at least one activity
        exportacion.problemas[None] = [_("No hay proyectos que exportar con los filtros elegidos.")]
        return exportacion
    for proyecto in proyectos:
        problemas = problemas_de(proyecto, entidad)
        if not problemas:
            elemento = actividad(proyecto, series, sitio=sitio, entidad=entidad)
            solo = _raiz("iati-activities")
            solo.append(elemento)
            problemas = errores_de_esquema(solo)
            raiz.append(elemento)
        if problemas:
            exportacion.problemas[proyecto] = problemas
    if exportacion.problemas:
        return exportacion
    errores = errores_de_esquema(raiz)
    if errores:  # each activity was valid on its own: a guard, never expected
        exportacion.problemas[None] = errores
        return exportacion
    exportacion.contenido = _bytes(raiz)
    return exportacion


def proyectos_de_la_entidad():
    """The projects the organisation file adds up: every one in execution or finished, whatever the dependencia."""
    return Proyecto.objects.filter(convocatoria__estado__in=list(ESTADO_IATI)).select_related("moneda")


def presupuesto_por_anio(proyectos) -> tuple[dict[int, Decimal], dict[Proyecto | None, list[str]]]:
    """The entity's budget per calendar year in USD: each project's budget periods (`periodos_de_presupuesto`, the
    ones its activity publishes) at its registered USD rate, added up per year. A project in another currency
    without a rate cannot be added: it is reported instead."""
    sumas: dict[int, Decimal] = defaultdict(Decimal)
    problemas: dict[Proyecto | None, list[str]] = {}
    for proyecto in proyectos:
        tasa = Decimal(1) if proyecto.moneda.codigo == "USD" else proyecto.tasa_usd
        if tasa is None:
            problemas[proyecto] = [
                _(
                    "Registre la tasa de cambio a USD en «Datos para IATI y Cíclope»: el presupuesto total de la "
                    "entidad suma en dólares los presupuestos de sus proyectos."
                )
            ]
            continue
        for inicio, _fin, monto in periodos_de_presupuesto(proyecto):
            sumas[inicio.year] += monto * tasa
    totales = {anio: suma.quantize(CENTAVOS, rounding=ROUND_HALF_UP) for anio, suma in sorted(sumas.items())}
    return totales, problemas


def organizacion(totales: dict[int, Decimal] | None = None) -> etree._Element:
    """The entity's `iati-organisations` file: its identifier, name and the yearly total of its projects' budgets
    in USD (`presupuesto_por_anio`), one calendar year per `total-budget`."""
    raiz = _raiz("iati-organisations")
    org = _sub(
        raiz,
        "iati-organisation",
        last_updated_datetime=timezone.now().replace(microsecond=0).isoformat(),
        default_currency="USD",
    )
    org.set(XML_LANG, "es")
    entidad = Entidad.actual()
    _sub(org, "organisation-identifier", entidad.identificador_iati)
    _narrativa(org, "name", settings.ENTIDAD_NOMBRE)
    _narrativa(org, "reporting-org", settings.ENTIDAD_NOMBRE, ref=entidad.identificador_iati, type=entidad.tipo_iati)
    for anio, total in (totales or {}).items():
        presupuesto = _sub(org, "total-budget", status="2")  # BudgetStatus: committed, as the projects' budgets
        _sub(presupuesto, "period-start", iso_date=date(anio, 1, 1).isoformat())
        _sub(presupuesto, "period-end", iso_date=date(anio, 12, 31).isoformat())
        _valor(presupuesto, total, "USD", date(anio, 1, 1))
    return raiz


def exportar_organizacion(proyectos=None) -> Exportacion:
    """The organisation file (of the entity's projects, or of `proyectos`), or what to fix first."""
    if problemas := problemas_de_la_entidad(Entidad.actual()):
        return Exportacion(problemas={None: problemas})
    totales, por_proyecto = presupuesto_por_anio(proyectos_de_la_entidad() if proyectos is None else proyectos)
    if por_proyecto:
        return Exportacion(problemas=por_proyecto)
    raiz = organizacion(totales)
    errores = errores_de_esquema(raiz, "organisations")
    if errores:
        return Exportacion(problemas={None: errores})
    return Exportacion(contenido=_bytes(raiz), total=1)


def fecha_de_archivo() -> str:
    return f"{datetime.now(tz=timezone.get_current_timezone()):%Y%m%d}"
