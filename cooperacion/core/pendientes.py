"""Registry of "Mis pendientes": each app registers a provider that lists what waits for a user.

A provider is a function `(usuario) -> Iterable[Pendiente]` that runs a constant number of queries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Pendiente:
    titulo: str
    url: str
    tipo: str
    fecha: date | None = None
    detalle: str = ""
    origen: str = ""


Proveedor = Callable[[object], Iterable[Pendiente]]
_proveedores: list[Proveedor] = []


def registrar(proveedor: Proveedor) -> Proveedor:
    """Register a provider (usable as a decorator); registering twice has no effect."""
    if proveedor not in _proveedores:
        _proveedores.append(proveedor)
    return proveedor


def pendientes_de(usuario) -> list[Pendiente]:
    """Everything waiting for the user, those with a date first, soonest first."""
    items = [p for proveedor in _proveedores for p in proveedor(usuario)]
    return sorted(items, key=lambda p: (p.fecha is None, p.fecha or date.max, p.titulo))


@registrar
def notificaciones_no_leidas(usuario) -> Iterable[Pendiente]:
    from .models import Notificacion

    for n in Notificacion.objects.filter(usuario=usuario, leida_en__isnull=True)[:50]:
        creada = timezone.localtime(n.creada_en) if isinstance(n.creada_en, datetime) else n.creada_en
        yield Pendiente(
            titulo=n.titulo,
            url=n.url,
            tipo=_("Notificación sin leer"),
            fecha=creada.date(),
            detalle=n.mensaje,
            origen="notificacion",
        )
