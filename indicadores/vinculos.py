"""What the upper apps tell this app about its indicators, filled in their AppConfig.ready(): an indicator knows no
plan, process or project, yet its page lists what it belongs to, and its figures refuse edits that the record it
serves has locked (a closed quarter of a plan).

    vinculos.registrar_vinculos(proveedor)   # (ids: set[int]) -> Iterable[Vinculo], constant queries
    vinculos.registrar_bloqueo(proveedor)    # (ids, *, que, anio, trimestre, dependencia_id) -> {id: motivo}

`que` is "ficha" (the sheet), "meta" (targets) or "medicion" (measurements); a provider returns, for the indicators
it locks, the reason in words the user can act on.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Vinculo:
    indicador_id: int
    tipo: str  # "Actividad de plan", "Caracterización de proceso", "Proyecto de cooperación"
    titulo: str
    url: str
    estado: str = ""


ProveedorDeVinculos = Callable[[set[int]], Iterable[Vinculo]]
ProveedorDeBloqueos = Callable[..., dict[int, str]]

_vinculos: list[ProveedorDeVinculos] = []
_bloqueos: list[ProveedorDeBloqueos] = []

FICHA = "ficha"
META = "meta"
MEDICION = "medicion"


def registrar_vinculos(proveedor: ProveedorDeVinculos) -> ProveedorDeVinculos:
    if proveedor not in _vinculos:
        _vinculos.append(proveedor)
    return proveedor


def registrar_bloqueo(proveedor: ProveedorDeBloqueos) -> ProveedorDeBloqueos:
    if proveedor not in _bloqueos:
        _bloqueos.append(proveedor)
    return proveedor


def vinculos_de(ids: Iterable[int]) -> dict[int, list[Vinculo]]:
    """The records each indicator serves, by indicator id."""
    ids = set(ids)
    resultado: dict[int, list[Vinculo]] = defaultdict(list)
    if not ids:
        return resultado
    for proveedor in _vinculos:
        for vinculo in proveedor(ids):
            resultado[vinculo.indicador_id].append(vinculo)
    return resultado


def bloqueos(
    ids: Iterable[int], *, que: str, anio: int | None = None, trimestre: int | None = None, dependencia_id=None
) -> dict[int, str]:
    """The indicators (of `ids`) whose sheet, targets or measurement of that quarter may not change now, and why."""
    ids = set(ids)
    resultado: dict[int, str] = {}
    if not ids:
        return resultado
    for proveedor in _bloqueos:
        for pk, motivo in proveedor(
            ids, que=que, anio=anio, trimestre=trimestre, dependencia_id=dependencia_id
        ).items():
            resultado.setdefault(pk, motivo)
    return resultado


def motivo_de_bloqueo(indicador_id: int, **kwargs) -> str:
    return bloqueos({indicador_id}, **kwargs).get(indicador_id, "")
