"""Named predicates `can_<verb>(user, obj)`, shared by views, templates and services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django_fsm import can_proceed

from . import roles

if TYPE_CHECKING:
    from .models import Actor
    from .tipos import UsuarioOAnonimo


def es_personal(usuario: UsuarioOAnonimo) -> bool:
    """Any active member of staff: a user with at least one role."""
    return bool(usuario.is_authenticated and usuario.is_active and (usuario.is_superuser or usuario.roles))


def can_ver_catalogos(usuario: UsuarioOAnonimo) -> bool:
    return es_personal(usuario)


def can_administrar_catalogos(usuario: UsuarioOAnonimo) -> bool:
    return usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)


def can_proponer_actor(usuario: UsuarioOAnonimo) -> bool:
    """Staff who register calls or projects may add the cooperante they need, for the Administrador to review."""
    return es_personal(usuario)


def can_revisar_actor(usuario: UsuarioOAnonimo, actor: Actor) -> bool:
    return can_administrar_catalogos(usuario) and actor.por_revisar


def can_desactivar_actor(usuario: UsuarioOAnonimo, actor: Actor) -> bool:
    return can_administrar_catalogos(usuario) and can_proceed(actor.desactivar)


def can_reactivar_actor(usuario: UsuarioOAnonimo, actor: Actor) -> bool:
    return can_administrar_catalogos(usuario) and can_proceed(actor.reactivar)
