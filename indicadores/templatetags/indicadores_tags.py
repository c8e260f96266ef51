"""Indicator figures in any template: `{% load indicadores_tags %}`.

An upper app lists the indicators linked to one of its records with
`{% tabla_indicadores indicadores anio trimestre %}` (two queries whatever their number); the figures are
`calculo.calcular`'s, the same as on the indicator's page, the reports and the exports.
"""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from .. import calculo, selectors

register = template.Library()


@register.filter
def cifra(valor, decimales=None) -> str:
    """A number the Colombian way (1.234,5); integers without decimals, others with up to two."""
    if valor is None or valor == "":
        return "—"
    valor = Decimal(valor)
    if decimales is None:
        decimales = 0 if valor == valor.to_integral_value() else 2
        if decimales:
            valor = valor.quantize(Decimal("0.01")).normalize()
            decimales = max(-valor.as_tuple().exponent, 0)
    return number_format(valor, decimal_pos=int(decimales), use_l10n=True, force_grouping=True)


@register.filter
def porcentaje(valor) -> str:
    """A compliance percentage with one decimal: «87,5 %»."""
    if valor is None or valor == "":
        return "—"
    return f"{number_format(calculo.redondear(Decimal(valor)), decimal_pos=1, use_l10n=True, force_grouping=True)} %"


@register.filter
def semaforo_texto(cumplimiento) -> str:
    """The traffic light's words («Cumple», «En riesgo», «Crítico», «Sin meta», «No reporta»)."""
    return calculo.ETIQUETAS_ESTADO[cumplimiento.estado] if cumplimiento is not None else "—"


@register.filter
def cumplimiento_texto(cumplimiento) -> str:
    """«87,5 % · En riesgo», or only the state's words when it carries no figure («Sin meta»)."""
    if cumplimiento is None:
        return "—"
    if cumplimiento.valor is None:
        return calculo.ETIQUETAS_ESTADO[cumplimiento.estado]
    return f"{porcentaje(cumplimiento.valor)} · {calculo.ETIQUETAS_ESTADO[cumplimiento.estado]}"


@register.inclusion_tag("indicadores/_estado.html")
def estado_indicador(cumplimiento, completo=True):
    """The traffic light as a badge: colour plus words (never colour alone)."""
    return {
        "c": cumplimiento,
        "etiqueta": calculo.ETIQUETAS_ESTADO[cumplimiento.estado],
        "completo": completo,
    }


@register.inclusion_tag("indicadores/_tabla.html")
def tabla_indicadores(indicadores, anio, trimestre, titulo=""):
    """The indicators linked to a record, with their figures at a quarter (period and year to date)."""
    indicadores = [i for i in indicadores if i is not None]
    series = selectors.series(indicadores, int(anio))
    return {
        "filas": [(i, series[i.pk].en(int(trimestre))) for i in indicadores],
        "anio": anio,
        "trimestre": trimestre,
        "titulo": titulo,
    }
