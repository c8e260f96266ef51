"""Numbers the Colombian way: thousands with "." and decimals with "," (1.500.000,50).

`leer_numero` accepts what a person in Colombia types and refuses, with a message that says how to write it,
what could mean two different amounts ("1,500": one and a half or fifteen hundred?) or is written the English way
("4450.5"). `formatear_numero` writes a number back the same way, for form fields and pages.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _


class NumeroAmbiguo(ValueError):
    """The text could mean two different amounts, or uses the English separators; the message says how to write it."""


_LIMPIAR = re.compile(r"[\s$\u00a0\u202f]|COP|USD|EUR", re.IGNORECASE)
_MILES = re.compile(r"^\d{1,3}(\.\d{3})+$")


def leer_numero(texto: str) -> Decimal:
    """The amount written in `texto` (es-CO). Raises ValueError (NumeroAmbiguo when it could mean two things)."""
    limpio = _LIMPIAR.sub("", str(texto or ""))
    if not limpio:
        raise ValueError(texto)
    signo = ""
    if limpio[0] in "+-":
        signo, limpio = ("-" if limpio[0] == "-" else ""), limpio[1:]
    if not re.fullmatch(r"[\d.,]+", limpio) or not any(c.isdigit() for c in limpio):
        raise ValueError(texto)
    comas, puntos = limpio.count(","), limpio.count(".")
    if comas > 1:
        raise NumeroAmbiguo(
            _("«%(t)s»: escriba los miles con punto y los decimales con una sola coma, por ejemplo 1.500.000,50.")
            % {"t": texto}
        )
    if comas == 1:
        entero, decimales = limpio.split(",")
        if puntos and not _MILES.match(entero):
            raise NumeroAmbiguo(
                _("«%(t)s»: los miles se separan con punto cada tres cifras, por ejemplo 1.500.000,50.") % {"t": texto}
            )
        if not decimales:
            raise ValueError(texto)
        if puntos == 0 and len(decimales) == 3 and entero and entero != "0":
            raise NumeroAmbiguo(
                _("«%(t)s» es ambiguo: ¿%(miles)s o %(decimal)s? Escriba los miles con punto y los decimales con coma.")
                % {"t": texto, "miles": f"{entero}.{decimales}", "decimal": f"{entero},{decimales.rstrip('0') or '0'}"}
            )
        numero = entero.replace(".", "") + "." + decimales
    elif puntos:
        if not _MILES.match(limpio):
            raise NumeroAmbiguo(
                _(
                    "«%(t)s»: en Colombia los decimales se escriben con coma (por ejemplo 4450,5) y los miles con "
                    "punto cada tres cifras (1.500.000)."
                )
                % {"t": texto}
            )
        numero = limpio.replace(".", "")
    else:
        numero = limpio
    try:
        return Decimal(signo + (numero or "0"))
    except InvalidOperation as error:
        raise ValueError(texto) from error


def formatear_numero(valor: object, decimales: int | None = None) -> str:
    """1234567.5 → "1.234.567,5"; with `decimales`, exactly that many (rounded). Integers carry no decimals."""
    if valor is None or valor == "":
        return ""
    numero = Decimal(str(valor))
    if decimales is not None:
        numero = numero.quantize(Decimal(1).scaleb(-decimales))
    elif numero == numero.to_integral_value():
        numero = numero.quantize(Decimal(1))
    else:
        numero = numero.normalize()
    signo = "-" if numero < 0 else ""
    entero, _punto, fraccion = f"{abs(numero):f}".partition(".")
    grupos: list[str] = []
    while len(entero) > 3:
        grupos.insert(0, entero[-3:])
        entero = entero[:-3]
    grupos.insert(0, entero)
    if len(fraccion) == 3 and decimales is None:
        fraccion += "0"  # "1,125" would read as ambiguous when typed back; "1,1250" is not
    return signo + ".".join(grupos) + ("," + fraccion if fraccion else "")
