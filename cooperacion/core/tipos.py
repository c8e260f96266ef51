"""Types shared by every layer's annotations: who asks, and the request of a signed-in person.

Import it where the models may be imported (it imports `Usuario`); modules loaded before the app registry
import it under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeAlias, cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import Usuario

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Who a permission predicate is asked about: the session's user, signed in or not.
UsuarioOAnonimo: TypeAlias = Usuario | AnonymousUser


class SolicitudAutenticada(HttpRequest):
    """A request behind a login guard: its user is a `Usuario` (for annotations; never instantiated)."""

    user: Usuario
    htmx: HtmxDetails  # set by django-htmx's middleware on every request


def usuario_de(request: HttpRequest) -> Usuario:
    """The signed-in person of a request that a login guard has already let through (no check: typing only)."""
    return cast(Usuario, request.user)


class ConHistoria(Protocol):
    """What django-simple-history reads off an instance at its next save: who makes it, and why."""

    _history_user: Usuario | None
    _change_reason: StrOrPromise | None


def historia(obj: Model) -> ConHistoria:
    """`obj` as the instance simple-history reads its author and reason from (typing only: returns `obj`)."""
    return cast(ConHistoria, obj)
