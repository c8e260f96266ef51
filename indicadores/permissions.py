"""Who may do what with indicators: named predicates used by views, templates and services."""

from collections.abc import Iterable

from cooperacion.core import roles
from cooperacion.core.models import Dependencia
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import Indicador


def _de_dependencia(usuario: UsuarioOAnonimo, dependencia_id: int | None) -> bool:
    return bool(
        usuario.is_authenticated
        and usuario.dependencia_id
        and usuario.dependencia_id == dependencia_id
        and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    )


def _planeacion_o_admin(usuario: UsuarioOAnonimo) -> bool:
    return bool(usuario.is_authenticated and usuario.tiene_rol(roles.PLANEACION, roles.ADMINISTRADOR))


def can_ver_indicadores(usuario: UsuarioOAnonimo) -> bool:
    return es_personal(usuario)


def can_crear_indicador(usuario: UsuarioOAnonimo) -> bool:
    """Profesional or Jefe (for their dependencia), Planeación or the Administrador (for any)."""
    if _planeacion_o_admin(usuario):
        return True
    return bool(
        usuario.is_authenticated and usuario.dependencia_id and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    )


def es_responsable(usuario: UsuarioOAnonimo, indicador: Indicador) -> bool:
    """The role part of maintaining an indicator: its dependencia's staff, Planeación and the Administrador."""
    return _planeacion_o_admin(usuario) or _de_dependencia(usuario, indicador.dependencia_id)


def can_editar_indicador(usuario: UsuarioOAnonimo, indicador: Indicador) -> bool:
    return es_responsable(usuario, indicador)


def can_fijar_metas(usuario: UsuarioOAnonimo, indicador: Indicador, dependencia: Dependencia | None = None) -> bool:
    """The general targets: the responsible dependencia; a territorial series: also that territorial dependencia."""
    if es_responsable(usuario, indicador):
        return True
    return dependencia is not None and _de_dependencia(usuario, dependencia.pk)


def can_medir(usuario: UsuarioOAnonimo, indicador: Indicador, dependencia: Dependencia | None = None) -> bool:
    """Measurements are reported by the responsible dependencia, or by each territorial one for its own series."""
    if _de_dependencia(usuario, indicador.dependencia_id) or (
        usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)
    ):
        return True
    return dependencia is not None and _de_dependencia(usuario, dependencia.pk)


def territoriales_del_usuario(
    usuario: UsuarioOAnonimo, indicador: Indicador, territoriales: Iterable[Dependencia]
) -> list[Dependencia]:
    """The territorial series this user may work on: all for the responsible roles, their own otherwise."""
    if es_responsable(usuario, indicador):
        return list(territoriales)
    return [d for d in territoriales if usuario.is_authenticated and d.pk == usuario.dependencia_id]
