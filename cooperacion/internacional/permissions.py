"""Who may do what with ILO cases. Control Interno and Planeación only read (through `visibles_para`)."""

from cooperacion.core import roles
from cooperacion.core.permissions import es_personal

from .models import CasoOIT


def _es_administrador(usuario) -> bool:
    return usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)


def _es_de_la_dependencia(usuario, caso: CasoOIT, *nombres_de_rol: str) -> bool:
    return bool(
        usuario.is_authenticated
        and usuario.dependencia_id
        and usuario.dependencia_id == caso.dependencia_id
        and usuario.tiene_rol(*nombres_de_rol)
    )


def puede_preparar(usuario, caso: CasoOIT) -> bool:
    """The role part of editing: Profesional or Jefe of the case's dependencia, or the Administrador."""
    return _es_administrador(usuario) or _es_de_la_dependencia(usuario, caso, roles.PROFESIONAL, roles.JEFE)


def puede_aprobar(usuario, caso: CasoOIT) -> bool:
    """The role part of answering, closing and reopening: Jefe of the case's dependencia, or the Administrador."""
    return _es_administrador(usuario) or _es_de_la_dependencia(usuario, caso, roles.JEFE)


def can_ver_casos(usuario) -> bool:
    return es_personal(usuario)


def can_crear_caso(usuario) -> bool:
    """Profesional or Jefe (for their own dependencia) or the Administrador (who picks it)."""
    if _es_administrador(usuario):
        return True
    return bool(
        usuario.is_authenticated and usuario.dependencia_id and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    )


def can_editar_caso(usuario, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.EN_TRAMITE and puede_preparar(usuario, caso)


def can_registrar_respuesta(usuario, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.EN_TRAMITE and puede_aprobar(usuario, caso)


def can_cerrar_caso(usuario, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.RESPONDIDO and puede_aprobar(usuario, caso)


def can_reabrir_caso(usuario, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.RESPONDIDO and puede_aprobar(usuario, caso)
