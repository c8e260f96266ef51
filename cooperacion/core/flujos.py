"""One reusable way to offer a record's transitions as buttons, to run them under a lock, and to show their log.

An app describes its workflow as a `Flujo` of `Accion`s: each names the service that performs
the transition and the predicate that says who may take it now. The detail page renders
`{% transiciones objeto flujo %}`; the generic `TransicionView` runs the service on POST through `ejecutar`,
which locks the record's row, re-reads it and checks the predicate again on the fresh state: two people
approving at once get one approval and one "ya no es posible".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _
from django_fsm_log.models import StateLog

from .errores import ErrorDeDominio

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .models import Usuario
    from .tipos import UsuarioOAnonimo

M = TypeVar("M", bound=Model)
R = TypeVar("R")


@dataclass(frozen=True)
class Accion(Generic[M]):
    nombre: str
    etiqueta: StrOrPromise
    servicio: Callable[..., object]
    permitida: Callable[[UsuarioOAnonimo, M], bool]
    requiere_motivo: bool = False
    estilo: str = "primary"
    confirmacion: StrOrPromise = ""
    punto_critico: StrOrPromise = ""
    # Whether the user's role allows the action at all, whatever the state: when it does but the state no
    # longer does (a page left open in another tab), the user gets a message instead of a 403.
    rol_permitido: Callable[[UsuarioOAnonimo, M], bool] | None = None


@dataclass(frozen=True)
class Flujo(Generic[M]):
    """The transitions of one model, reachable at the URL named `url_name` (args: pk, accion)."""

    url_name: str
    acciones: tuple[Accion[M], ...] = field(default_factory=tuple)

    def accion(self, nombre: str) -> Accion[M] | None:
        return next((a for a in self.acciones if a.nombre == nombre), None)

    def disponibles(self, usuario: UsuarioOAnonimo, obj: M) -> list[Accion[M]]:
        return [a for a in self.acciones if a.permitida(usuario, obj)]

    def url(self, obj: M, accion: Accion[M]) -> str:
        return reverse(self.url_name, args=[obj.pk, accion.nombre])


# Every Flujo with its model and the keyword its services take the record by (filled by TransicionView subclasses).
_registro: dict[str, tuple[type[Model], Flujo[Any], str]] = {}


def registrar(modelo: type[Model], flujo: Flujo[Any], parametro: str) -> None:
    _registro[flujo.url_name] = (modelo, flujo, parametro)


def registrados() -> list[tuple[type[Model], Flujo[Any], str]]:
    return list(_registro.values())


def bloquear(obj: M) -> M:
    """Re-read the record under a row lock (select_for_update) inside the current transaction; returns it.

    Whatever the caller checked before is checked again by the caller on these fresh values.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("bloquear() debe llamarse dentro de transaction.atomic().")
    obj.refresh_from_db(from_queryset=type(obj)._base_manager.select_for_update())
    return obj


def ejecutar(
    accion: Accion[M], obj: M, *, usuario: Usuario, parametro: str = "obj", forzar: bool = False, **datos: object
) -> object:
    """Run an action's service on `obj` under its row lock, after checking the predicate on the fresh state.

    `forzar` lets the service run when only the role is known to allow it, so that its own message says exactly
    which precondition is missing; the service re-checks everything on the locked, fresh record either way.
    """
    with transaction.atomic():
        estado_antes = getattr(obj, "estado", None)
        bloquear(obj)
        if not accion.permitida(usuario, obj) and not forzar:
            if estado_antes is not None and getattr(obj, "estado", None) != estado_antes:
                raise ErrorDeDominio(
                    _("Otra persona cambió este registro mientras tanto (ahora está «%(e)s»): ya no es posible.")
                    % {"e": _etiqueta_de_estado(obj)}
                )
            raise ErrorDeDominio(_("Esta acción no es posible en el estado actual del registro."))
        return accion.servicio(**{parametro: obj}, usuario=usuario, **datos)


def con_cerrojo(obj: M, funcion: Callable[[M], R]) -> R:
    """Run `funcion(obj)` in one transaction after re-reading `obj` under its row lock."""
    with transaction.atomic():
        bloquear(obj)
        return funcion(obj)


def _etiqueta_de_estado(obj: Model) -> str:
    metodo = getattr(obj, "get_estado_display", None)
    return str(metodo()) if metodo else str(getattr(obj, "estado", ""))


def registro_de_transiciones(obj: Model) -> list[StateLog]:
    """The transition log of one record, oldest first (two queries whatever its length)."""
    tipo = ContentType.objects.get_for_model(obj)
    return list(
        StateLog.objects.filter(content_type=tipo, object_id=obj.pk)
        .select_related("by", "content_type")
        .order_by("timestamp", "pk")
    )
