"""Formatting for the plans' pages and report: money in COP and the values of an adjustment."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pesos(valor) -> str:
    """«COP 1.250.000» (no cents: budgets are in whole pesos)."""
    if valor is None or valor == "":
        return "—"
    return f"COP {number_format(Decimal(valor), decimal_pos=0, use_l10n=True, force_grouping=True)}"


@register.filter
def valor_cambio(valor) -> str:
    """An adjustment's stored value as people read it: 1.234,5 for numbers, dd/mm/aaaa for dates."""
    if valor in (None, ""):
        return "—"
    texto = str(valor)
    try:
        return date.fromisoformat(texto).strftime("%d/%m/%Y")
    except ValueError:
        pass
    try:
        numero = Decimal(texto)
    except InvalidOperation:
        return texto
    exponente = numero.normalize().as_tuple().exponent
    if not isinstance(exponente, int):  # NaN or Infinity: shown as typed
        return texto
    decimales = max(-exponente, 0)
    return number_format(numero, decimal_pos=decimales, use_l10n=True, force_grouping=True)
