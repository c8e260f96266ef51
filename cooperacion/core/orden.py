"""Sorting text the Spanish way: accents and case do not move a word ("Ágora" next to "agua", not after "Zeta"), and
"ñ" comes after "n". SQLite gets a collation registered on each connection; PostgreSQL uses its ICU collation
when the server has one (otherwise its own order, as before)."""

import functools
import unicodedata
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F
from django.db.models.functions import Collate

COLACION_SQLITE = "es_co"
COLACIONES_PG = ("es-CO-x-icu", "es-x-icu", "und-x-icu")


def clave(texto: str) -> tuple[str, str]:
    """The sort key: letters without accents or case, "ñ" after "n"; ties broken by the text itself."""
    texto = texto or ""
    marcado = texto.replace("ñ", "n\U0010ffff").replace("Ñ", "N\U0010ffff")
    base = "".join(c for c in unicodedata.normalize("NFKD", marcado) if not unicodedata.combining(c))
    return base.casefold(), texto


def _comparar(a: str, b: str) -> int:
    ka, kb = clave(a), clave(b)
    return (ka > kb) - (ka < kb)


def registrar_en_sqlite(sender: object, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """connection_created receiver: the collation SQLite needs for `en_espanol`."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLACION_SQLITE, _comparar)


@functools.cache
def _colacion_pg(alias: str) -> str | None:
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT collname FROM pg_collation WHERE collname = ANY(%s)", [list(COLACIONES_PG)])
        presentes = {fila[0] for fila in cursor.fetchall()}
    return next((c for c in COLACIONES_PG if c in presentes), None)


def colacion(alias: str = "default") -> str | None:
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return COLACION_SQLITE
    if vendor == "postgresql":
        return _colacion_pg(alias)
    return None


def en_espanol(campo: str, *, alias: str = "default") -> Collate | F:
    """An order_by expression for a text field, in Spanish order where the database can do it."""
    nombre = colacion(alias)
    return Collate(F(campo), nombre) if nombre else F(campo)


def es_texto(modelo: type[models.Model], ruta: str) -> bool:
    """Whether `ruta` ("nombre", "departamento__nombre") names a CharField or TextField of `modelo`."""
    try:
        actual: Any = modelo
        for parte in ruta.split("__")[:-1]:
            actual = actual._meta.get_field(parte).related_model
        campo = actual._meta.get_field(ruta.split("__")[-1])
    except (AttributeError, FieldDoesNotExist):  # an unresolvable path sorts as before
        return False
    return isinstance(campo, models.CharField | models.TextField) and not getattr(campo, "choices", None)
