"""Password validators for Colombian offices, next to Django's own (AUTH_PASSWORD_VALIDATORS).

Django's common-password list is English and compares the whole password, so `contraseña`, `Colombia2026` or
`Ministerio2026` pass it. These compare the password without accents, case, leetspeak, or the digits and symbols
people put around a word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import Usuario

LISTA_COMUNES = Path(__file__).resolve().parent / "datos" / "contrasenas_comunes.txt"

# Words of every public office's name or calendar, predictable whatever the entity (its own name is added).
PALABRAS_PREDECIBLES = (
    "colombia",
    "colombiano",
    "colombiana",
    "republica",
    "bogota",
    "cooperacion",
    "internacional",
    "relaciones",
    "ministerio",
    "gobierno",
    "nacional",
    "alcaldia",
    "gobernacion",
    "secretaria",
    "oficina",
    "entidad",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
# Letters of another kind that must remain once the predictable words are taken out.
LETRAS_PROPIAS_MINIMAS = 5

LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})


def normalizar(texto: str) -> str:
    """Lower case, without accents (ñ becomes n)."""
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c)).casefold()


def _variantes(contrasena: str) -> set[str]:
    """The password as written and read as leetspeak (`C0l0mb1a` is `colombia`), both normalized."""
    normal = normalizar(contrasena)
    return {normal, normal.translate(LEET)}


def _solo_letras(texto: str) -> str:
    return re.sub(r"[^a-z]", "", texto)


def _nucleo(texto: str) -> str:
    """Without the digits and symbols put before or after the word: `contrasena2026!` is `contrasena`."""
    return re.sub(r"^[^a-z]+|[^a-z]+$", "", texto)


@cache
def _comunes() -> frozenset[str]:
    lineas = LISTA_COMUNES.read_text(encoding="utf-8").splitlines()
    return frozenset(_solo_letras(normalizar(linea)) for linea in lineas if linea.strip() and linea[0] != "#")


class ContrasenaComunValidator:
    """Reject a common Spanish or Colombian password, even with digits or symbols around it (`Contraseña2026!`)."""

    def validate(self, password: str, user: Usuario | None = None) -> None:
        normal = normalizar(password)
        # Leetspeak read before and after taking off the ends: `P4ssw0rd2026` and `@mor` are both caught.
        nucleos = {_nucleo(normal), _nucleo(normal).translate(LEET), _nucleo(normal.translate(LEET))}
        for nucleo in nucleos:
            if nucleo and _solo_letras(nucleo) in _comunes():
                raise ValidationError(
                    _("Esta contraseña es de las más usadas en Colombia. Elija una menos predecible."),
                    code="password_too_common",
                )

    def get_help_text(self) -> str:
        return _("Su contraseña no puede ser una de las más usadas en Colombia.")


class PalabrasDeLaEntidadValidator:
    """Reject a password made of the entity's name, the country, the office's words or a month, plus digits or symbols.

    `Ministerio2026`, `MinisterioDelTrabajo*` or `Diciembre.2025` are the first guesses against a public office.
    """

    def _palabras(self) -> list[str]:
        propias = re.findall(r"[a-z]{4,}", normalizar(settings.ENTIDAD_NOMBRE))
        # Longest first, so that "colombiana" goes before "colombia" leaves an "na".
        return sorted({*PALABRAS_PREDECIBLES, *propias}, key=len, reverse=True)

    def validate(self, password: str, user: Usuario | None = None) -> None:
        palabras = self._palabras()
        for variante in _variantes(password):
            resto = _solo_letras(variante)
            encontrada = False
            for palabra in palabras:
                if palabra in resto:
                    encontrada = True
                    resto = resto.replace(palabra, "")
            if encontrada and len(resto) < LETRAS_PROPIAS_MINIMAS:
                raise ValidationError(
                    _(
                        "La contraseña no puede armarse con el nombre de la entidad, del país, palabras como "
                        "«cooperación» o «ministerio», o un mes, aunque lleve números o símbolos."
                    ),
                    code="password_entity_words",
                )

    def get_help_text(self) -> str:
        return _(
            "Su contraseña no puede armarse con el nombre de la entidad, del país o un mes más números o símbolos."
        )
