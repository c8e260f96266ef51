"""Registry of "Lo que debo hacer": each app registers a provider that lists the actions waiting for a user.

A provider is a function `(usuario) -> Iterable[Pendiente]` that runs a constant number of queries and yields only
what this user can act on now (each item names the action and links to where it is taken). Notifications are not
to-dos: they live in the bell and its list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from .models import Usuario


@dataclass(frozen=True)
class Pendiente:
    titulo: str
    url: str
    tipo: str
    fecha: date | None = None
    detalle: str = ""
    origen: str = ""
    accion: str = ""  # the button's label ("Validar", "Aprobar", "Responder"); the title when empty


Proveedor: TypeAlias = "Callable[[Usuario], Iterable[Pendiente]]"
_proveedores: list[Proveedor] = []


def registrar(proveedor: Proveedor) -> Proveedor:
    """Register a provider (usable as a decorator); registering twice has no effect."""
    if proveedor not in _proveedores:
        _proveedores.append(proveedor)
    return proveedor


def pendientes_de(usuario: Usuario) -> list[Pendiente]:
    """Everything waiting for the user, those with a date first, soonest first."""
    items = [p for proveedor in _proveedores for p in proveedor(usuario)]
    return sorted(items, key=lambda p: (p.fecha is None, p.fecha or date.max, p.titulo))
