from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django import template
from django.db.models import Model
from django.template.context import Context
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..flujos import Flujo, registro_de_transiciones
from ..models import ReporteGenerado
from ..textos import resumir

register = template.Library()


@register.filter
def atributo(obj: object, ruta: str) -> object:
    """Resolve "a.b" or a method name on an object for generic tables."""
    valor = obj
    for parte in ruta.split("."):
        valor = getattr(valor, parte, "")
        if callable(valor):
            valor = valor()
    return "—" if valor in ("", None) else valor


@register.simple_tag(takes_context=True)
def url_orden(context: Context, clave: str) -> str:
    """Querystring that sorts by `clave`, toggling the direction when it is already the sort key."""
    request = context["request"]
    actual = context.get("orden", "")
    nuevo = f"-{clave}" if actual == clave else clave
    parametros = request.GET.copy()
    parametros["orden"] = nuevo
    parametros.pop("page", None)
    return "?" + urlencode(sorted(parametros.lists()), doseq=True)


@register.simple_tag(takes_context=True)
def aria_orden(context: Context, clave: str) -> str:
    actual = context.get("orden", "")
    if actual == clave:
        return "ascending"
    if actual == f"-{clave}":
        return "descending"
    return "none"


@register.inclusion_tag("core/_transiciones.html", takes_context=True)
def transiciones(context: Context, objeto: Model, flujo: Flujo[Any]) -> dict[str, object]:
    """The actions the user may take now, as buttons, and the record's transition log."""
    usuario = context["request"].user
    acciones = [(accion, flujo.url(objeto, accion)) for accion in flujo.disponibles(usuario, objeto)]
    return {
        "objeto": objeto,
        "prefijo": f"{objeto._meta.model_name}-{objeto.pk}",  # unique ids with several records on one page
        "acciones": acciones,
        "registro": registro_de_transiciones(objeto),
        "csrf_token": context.get("csrf_token"),
        "request": context["request"],
    }


@register.filter(name="resumir")
def resumir_filtro(texto: object, limite: int = 80) -> str:
    """A summary cut at a whole word ("…"), instead of truncatechars's cut in the middle of one."""
    return resumir(texto, int(limite))


@register.simple_tag
def dias_plazo(n: int) -> str:
    """Days left in a deadline column whose header names the unit: "3", "hoy", "hace 2"."""
    if n == 0:
        return _("hoy")
    if n > 0:
        return str(n)
    return format_html('<span class="visually-hidden">{}</span>{}', _("vencido "), _("hace %(n)s") % {"n": -n})


@register.inclusion_tag("core/_enlace_historial.html")
def enlace_historial(objeto: Model) -> dict[str, object]:
    return {"app_label": objeto._meta.app_label, "modelo": objeto._meta.model_name, "pk": objeto.pk}


@register.filter
def valor_reporte(valor: object) -> object:
    """A report cell as people read it: dates dd/mm/aaaa, thousands with dots, empty as a dash."""
    if valor is None or valor == "":
        return "—"
    if isinstance(valor, datetime):
        return timezone.localtime(valor).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(valor) else valor
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(valor, int | Decimal | float):
        return number_format(valor, decimal_pos=None if isinstance(valor, int) else 2, force_grouping=True)
    return valor


@register.filter
def duracion(valor: object) -> str:
    """A waiting time as people say it ("15 minutos", "1 hora y 30 minutos"), never ISO 8601's "PT15M"."""
    if not isinstance(valor, timedelta):
        return str(valor or "")
    minutos = max(round(valor.total_seconds() / 60), 1)
    horas, minutos = divmod(minutos, 60)
    partes = []
    if horas:
        partes.append(ngettext("%(n)s hora", "%(n)s horas", horas) % {"n": horas})
    if minutos:
        partes.append(ngettext("%(n)s minuto", "%(n)s minutos", minutos) % {"n": minutos})
    return " y ".join(partes)


@register.inclusion_tag("core/reportes/_documento_del_registro.html", takes_context=True)
def documento_del_registro(context: Context, codigo: str, registro_id: int) -> dict[str, Any]:
    """On a record's page: the last document of kind `codigo` this user asked for about this record, one per format
    (the PDF and the Excel of the same report), with its progress (polled in place) and its download, so the user never
    leaves the record to follow it."""
    usuario = context["request"].user
    recientes = ReporteGenerado.objects.filter(
        solicitado_por=usuario, codigo=codigo, parametros__id=int(registro_id)
    ).order_by("-creado_en")[:10]
    por_formato: dict[str, ReporteGenerado] = {}
    for generado in recientes:
        por_formato.setdefault(generado.formato, generado)
    return {"generados": list(por_formato.values())}
