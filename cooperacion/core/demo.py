"""Registry of demo-data loaders: each app registers one in its AppConfig.ready(); `cargar_demo` calls them in order.

A loader is `funcion(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date)` and must be
idempotent (running `cargar_demo` twice changes nothing).
"""

from collections.abc import Callable

_cargadores: list[tuple[int, str, Callable[..., object]]] = []


def registrar(nombre: str, funcion: Callable[..., object], *, orden: int = 50) -> None:
    if all(n != nombre for _o, n, _f in _cargadores):
        _cargadores.append((orden, nombre, funcion))
        _cargadores.sort(key=lambda c: (c[0], c[1]))


def cargadores() -> list[tuple[str, Callable[..., object]]]:
    return [(nombre, funcion) for _orden, nombre, funcion in _cargadores]
