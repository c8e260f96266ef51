"""The public transparency pages (Ley 1712 de 2014): a registry the apps fill with what they publish.

The core owns the shell at `/transparencia/` (no login): the index lists every registered section and the latest
published documents of all of them, newest first, each with its publication date; `/transparencia/datos/` lists
the open data sets, each downloadable as CSV and JSON with its data dictionary.

An app registers, in its AppConfig.ready():

    publico.registrar_seccion(publico.Seccion(
        codigo="planes", titulo=_("Planes institucionales"), url_name="planes_publico:lista",
        documentos=documentos_publicados,          # (limite) -> iterable of Documento, newest first
        descripcion=..., orden=20))
    publico.registrar_datos(publico.ConjuntoDeDatos(
        codigo="planes", titulo=..., descripcion=..., campos=(Campo("plan", "texto", "Nombre del plan"), ...),
        filas=filas_publicadas))                   # () -> iterable of dicts keyed by campo.nombre, streamed

Only what is published reaches these functions' results: the registry never sees drafts.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from heapq import merge
from itertools import islice


@dataclass(frozen=True)
class Documento:
    titulo: str
    url: str
    publicado_en: date
    tipo: str = ""
    descripcion: str = ""
    seccion: str = ""


@dataclass(frozen=True)
class Seccion:
    codigo: str
    titulo: str
    url_name: str
    documentos: Callable[[int], Iterable[Documento]]
    descripcion: str = ""
    orden: int = 50


@dataclass(frozen=True)
class Campo:
    nombre: str
    tipo: str  # texto | entero | decimal | fecha | booleano | url
    descripcion: str


TIPOS_DE_CAMPO = {
    "texto": "Texto",
    "entero": "Número entero",
    "decimal": "Número decimal (punto como separador)",
    "fecha": "Fecha (AAAA-MM-DD)",
    "booleano": "Sí / No",
    "url": "Dirección web",
}


@dataclass(frozen=True)
class ConjuntoDeDatos:
    codigo: str
    titulo: str
    descripcion: str
    campos: tuple[Campo, ...]
    filas: Callable[[], Iterable[dict[str, object]]]
    publicador: str = ""
    frecuencia: str = "Cada vez que se publica un cambio"
    licencia: str = "Creative Commons Atribución 4.0 (CC BY 4.0)"
    orden: int = 50
    actualizado: Callable[[], date | None] = field(default=lambda: None)


_secciones: dict[str, Seccion] = {}
_datos: dict[str, ConjuntoDeDatos] = {}


def registrar_seccion(seccion: Seccion) -> None:
    _secciones[seccion.codigo] = seccion


def registrar_datos(conjunto: ConjuntoDeDatos) -> None:
    _datos[conjunto.codigo] = conjunto


def secciones() -> list[Seccion]:
    return sorted(_secciones.values(), key=lambda s: (s.orden, s.titulo))


def conjuntos() -> list[ConjuntoDeDatos]:
    return sorted(_datos.values(), key=lambda c: (c.orden, c.titulo))


def conjunto(codigo: str) -> ConjuntoDeDatos | None:
    return _datos.get(codigo)


def recientes(limite: int = 20) -> list[Documento]:
    """The latest published documents of every section, newest first."""
    listas = []
    for seccion in secciones():
        documentos = [
            d if d.seccion else Documento(**{**d.__dict__, "seccion": seccion.titulo})
            for d in islice(seccion.documentos(limite), limite)
        ]
        listas.append(sorted(documentos, key=lambda d: d.publicado_en, reverse=True))
    return list(islice(merge(*listas, key=lambda d: d.publicado_en, reverse=True), limite))


def valor_abierto(valor: object) -> object:
    """A value as open data writes it: ISO dates, plain decimals, text as text."""
    if valor is None:
        return ""
    if isinstance(valor, datetime):
        return valor.isoformat(timespec="minutes")
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(valor, Decimal):
        return format(valor, "f")
    return valor
