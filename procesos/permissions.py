"""Who may do what with a process characterization: predicates shared by views, templates and services."""

from django_fsm import can_proceed

from cooperacion.core import roles
from cooperacion.core.models import Dependencia
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import Caracterizacion, Proceso


def _es_admin(usuario: UsuarioOAnonimo) -> bool:
    return usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)


def _de_la_dependencia(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion, *nombres_roles: str) -> bool:
    return (
        usuario.is_authenticated
        and usuario.tiene_rol(*nombres_roles)
        and usuario.dependencia_id is not None
        and usuario.dependencia_id == caracterizacion.dependencia_id
    )


def can_ver(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    if not (usuario.is_authenticated and es_personal(usuario)):
        return False
    if caracterizacion.publicada or usuario.ve_todas_las_dependencias:
        return True
    return usuario.dependencia_id == caracterizacion.dependencia_id


def can_crear(usuario: UsuarioOAnonimo) -> bool:
    return usuario.is_authenticated and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE, roles.ADMINISTRADOR)


def can_crear_alguna(usuario: UsuarioOAnonimo) -> bool:
    """Whether the user can start a characterization now: the Administrador always; a Profesional or Jefe when
    their dependencia owns an active process of the catalog (the form offers only those)."""
    if _es_admin(usuario):
        return True
    return bool(
        usuario.is_authenticated
        and can_crear(usuario)
        and usuario.dependencia_id
        and Proceso.objects.filter(activo=True, dependencia_id=usuario.dependencia_id).exists()
    )


def can_crear_en(usuario: UsuarioOAnonimo, dependencia: Dependencia | None) -> bool:
    """Profesional and Jefe draft for their own dependencia; the Administrador for any."""
    if _es_admin(usuario):
        return True
    return (
        usuario.is_authenticated
        and can_crear(usuario)
        and dependencia is not None
        and usuario.dependencia_id == getattr(dependencia, "pk", None)
    )


def can_editar(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    if caracterizacion.estado != Caracterizacion.Estado.BORRADOR:
        return False
    return _es_admin(usuario) or _de_la_dependencia(usuario, caracterizacion, roles.PROFESIONAL, roles.JEFE)


def can_enviar_revision(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    return _de_la_dependencia(usuario, caracterizacion, roles.PROFESIONAL, roles.JEFE) and can_proceed(
        caracterizacion.enviar_revision
    )


def _aprobador(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    return _es_admin(usuario) or _de_la_dependencia(usuario, caracterizacion, roles.JEFE)


def can_devolver(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    return _aprobador(usuario, caracterizacion) and can_proceed(caracterizacion.devolver)


def can_aprobar(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    return _aprobador(usuario, caracterizacion) and can_proceed(caracterizacion.aprobar)


def can_editar_control_cambios(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    """The change-control row of a draft is editable by its editors, and by the approver while in review."""
    if caracterizacion.estado == Caracterizacion.Estado.EN_REVISION:
        return _aprobador(usuario, caracterizacion)
    return can_editar(usuario, caracterizacion)


def can_nueva_version(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    if caracterizacion.estado != Caracterizacion.Estado.VIGENTE:
        return False
    return _es_admin(usuario) or _de_la_dependencia(usuario, caracterizacion, roles.PROFESIONAL, roles.JEFE)


def can_descargar(usuario: UsuarioOAnonimo, caracterizacion: Caracterizacion) -> bool:
    """PDF and Excel: whoever may read it."""
    return can_ver(usuario, caracterizacion)


def can_importar(usuario: UsuarioOAnonimo) -> bool:
    return _es_admin(usuario)


def can_administrar_catalogo(usuario: UsuarioOAnonimo) -> bool:
    return _es_admin(usuario)
