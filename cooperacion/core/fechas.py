"""The one date rule: every date a person types, imports or passes to a service lies in a sensible window.

By default from 1 January 1990 to 31 December of the year 30 years ahead. A field whose dates are historical
(an ILO convention adopted in 1948) widens the lower bound with `minimo`; nothing widens the upper one, so no
computation over deadlines or schedules ever runs towards year 9999.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from .errores import ErrorDeDominio

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MINIMO = date(1990, 1, 1)
ANIOS_ADELANTE = 30
# Historical records (international instruments, ILO conventions) start with the ILO itself.
MINIMO_HISTORICO = date(1919, 1, 1)


def maximo(hoy: date | None = None) -> date:
    """The last date accepted: 31 December, 30 years from today."""
    hoy = hoy or timezone.localdate()
    return date(hoy.year + ANIOS_ADELANTE, 12, 31)


def _como_fecha(valor: object) -> date | None:
    if isinstance(valor, datetime):
        return timezone.localtime(valor).date() if timezone.is_aware(valor) else valor.date()
    if isinstance(valor, date):
        return valor
    return None


def error_de_ventana(valor: object, *, minimo: date = MINIMO, hoy: date | None = None) -> str | None:
    """The message for a date outside the window, or None when it is inside (or not a date)."""
    fecha = _como_fecha(valor)
    if fecha is None:
        return None
    tope = maximo(hoy)
    if fecha < minimo:
        return _("La fecha %(fecha)s es demasiado antigua: se aceptan fechas desde el %(minimo)s.") % {
            "fecha": fecha.strftime("%d/%m/%Y") if fecha.year >= 1000 else str(fecha),
            "minimo": minimo.strftime("%d/%m/%Y"),
        }
    if fecha > tope:
        return _("La fecha %(fecha)s está demasiado lejos: se aceptan fechas hasta el %(maximo)s.") % {
            "fecha": fecha.strftime("%d/%m/%Y"),
            "maximo": tope.strftime("%d/%m/%Y"),
        }
    return None


@deconstructible
class VentanaDeFechas:
    """Validator for model and form fields (dates or datetimes)."""

    codigo = "fecha_fuera_de_rango"

    def __init__(self, minimo: date = MINIMO) -> None:
        self.minimo = minimo

    def __call__(self, valor: object) -> None:
        mensaje = error_de_ventana(valor, minimo=self.minimo)
        if mensaje:
            raise ValidationError(mensaje, code=self.codigo)

    def __eq__(self, otro: object) -> bool:
        return isinstance(otro, VentanaDeFechas) and otro.minimo == self.minimo

    def __hash__(self) -> int:
        return hash(("VentanaDeFechas", self.minimo))


validar_fecha = VentanaDeFechas()
validar_fecha_historica = VentanaDeFechas(MINIMO_HISTORICO)


def exigir_en_ventana(valor: object, *, etiqueta: StrOrPromise = "", minimo: date = MINIMO) -> None:
    """For services: raise the domain error (safe to show) when a date is outside the window."""
    mensaje = error_de_ventana(valor, minimo=minimo)
    if mensaje:
        raise ErrorDeDominio(f"{etiqueta}: {mensaje}" if etiqueta else mensaje)


def tiene_ventana(campo: object) -> bool:
    """Whether a form or model field carries the date rule."""
    return any(isinstance(v, VentanaDeFechas) for v in getattr(campo, "validators", ()))
