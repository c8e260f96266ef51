from decimal import Decimal

from django import template
from django.urls import reverse
from django.utils.formats import number_format

register = template.Library()


@register.filter
def dinero(valor, moneda=None) -> str:
    """An amount with its currency, the Colombian way: «USD 250.000,00», «COP 1.000.000.000»."""
    if valor is None or valor == "":
        return "—"
    codigo = getattr(moneda, "codigo", moneda) or ""
    decimales = getattr(moneda, "decimales", 0 if codigo == "COP" else 2)
    texto = number_format(Decimal(valor), decimal_pos=decimales, use_l10n=True, force_grouping=True)
    return f"{codigo} {texto}".strip()


@register.filter
def pesos(valor) -> str:
    return dinero(valor, "COP")


@register.filter
def coma(valor, decimales=1) -> str:
    """A number with a decimal comma."""
    if valor is None:
        return "—"
    return number_format(valor, decimal_pos=decimales, use_l10n=True, force_grouping=True)


@register.simple_tag
def url_archivo(tipo, pk) -> str:
    return reverse("convocatorias:archivo", args=[tipo, pk])


@register.filter
def nombre_archivo(archivo) -> str:
    nombre = str(getattr(archivo, "name", archivo) or "").rsplit("/", 1)[-1]
    return nombre.split("-", 1)[-1] if "-" in nombre else nombre


MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
         "noviembre", "diciembre")  # fmt: skip


@register.filter
def fecha_larga(valor) -> str:
    """«21 de noviembre de 2026», as a letter is dated."""
    if not valor:
        return ""
    from datetime import datetime

    from django.utils import timezone

    if isinstance(valor, datetime):
        valor = timezone.localtime(valor).date() if timezone.is_aware(valor) else valor.date()
    return f"{valor.day} de {MESES[valor.month - 1]} de {valor.year}"
