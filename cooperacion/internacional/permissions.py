"""Who may do what with ILO cases. Control Interno and Planeación only read (through `visibles_para`)."""

from typing import Protocol

from django_fsm import can_proceed

from cooperacion.core import roles
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import (
    AccionAlianza,
    CasoOIT,
    Comision,
    CompromisoConvenio,
    CompromisoSesion,
    Convenio,
    InstrumentoInternacional,
    LineaPrioritaria,
    MemoriaInstrumento,
    Necesidad,
)
from .models.alcance import es_de_la_oficina


class _DeUnaDependencia(Protocol):
    """A record that belongs to a dependencia (a case, a need, an agreement...)."""

    @property
    def dependencia_id(self) -> int | None: ...


def _es_administrador(usuario: UsuarioOAnonimo) -> bool:
    return usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)


def _es_de_la_dependencia(usuario: UsuarioOAnonimo, caso: _DeUnaDependencia, *nombres_de_rol: str) -> bool:
    return bool(
        usuario.is_authenticated
        and usuario.dependencia_id
        and usuario.dependencia_id == caso.dependencia_id
        and usuario.tiene_rol(*nombres_de_rol)
    )


def puede_preparar(usuario: UsuarioOAnonimo, caso: CasoOIT) -> bool:
    """The role part of editing: Profesional or Jefe of the case's dependencia, or the Administrador."""
    return _es_administrador(usuario) or _es_de_la_dependencia(usuario, caso, roles.PROFESIONAL, roles.JEFE)


def puede_aprobar(usuario: UsuarioOAnonimo, caso: CasoOIT) -> bool:
    """The role part of answering, closing and reopening: Jefe of the case's dependencia, or the Administrador."""
    return _es_administrador(usuario) or _es_de_la_dependencia(usuario, caso, roles.JEFE)


def can_ver_casos(usuario: UsuarioOAnonimo) -> bool:
    return es_personal(usuario)


def can_crear_caso(usuario: UsuarioOAnonimo) -> bool:
    """Profesional or Jefe (for their own dependencia) or the Administrador (who picks it)."""
    if _es_administrador(usuario):
        return True
    return bool(
        usuario.is_authenticated and usuario.dependencia_id and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    )


def can_editar_caso(usuario: UsuarioOAnonimo, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.EN_TRAMITE and puede_preparar(usuario, caso)


def can_registrar_respuesta(usuario: UsuarioOAnonimo, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.EN_TRAMITE and puede_aprobar(usuario, caso)


def can_cerrar_caso(usuario: UsuarioOAnonimo, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.RESPONDIDO and puede_aprobar(usuario, caso)


def can_reabrir_caso(usuario: UsuarioOAnonimo, caso: CasoOIT) -> bool:
    return caso.estado == CasoOIT.Estado.RESPONDIDO and puede_aprobar(usuario, caso)


# Priority lines and needs ------------------------------------------------------------------------------------


def gestiona_la_cooperacion(usuario: UsuarioOAnonimo) -> bool:
    """The cooperation office (Profesional or Jefe) or the Administrador: they manage needs and agreements."""
    return _es_administrador(usuario) or es_de_la_oficina(usuario)


def aprueba_en_la_oficina(usuario: UsuarioOAnonimo) -> bool:
    """The Jefe of the cooperation office, or the Administrador."""
    return _es_administrador(usuario) or es_de_la_oficina(usuario, roles.JEFE)


def can_proponer_linea(usuario: UsuarioOAnonimo) -> bool:
    return gestiona_la_cooperacion(usuario)


def can_editar_linea(usuario: UsuarioOAnonimo, linea: LineaPrioritaria) -> bool:
    return linea.estado == linea.Estado.PROPUESTA and gestiona_la_cooperacion(usuario)


def _linea_en(usuario: UsuarioOAnonimo, linea: LineaPrioritaria, estado: str) -> bool:
    return linea.estado == estado and aprueba_en_la_oficina(usuario)


def can_aprobar_linea(usuario: UsuarioOAnonimo, linea: LineaPrioritaria) -> bool:
    return _linea_en(usuario, linea, linea.Estado.PROPUESTA)


def can_rechazar_linea(usuario: UsuarioOAnonimo, linea: LineaPrioritaria) -> bool:
    return _linea_en(usuario, linea, linea.Estado.PROPUESTA)


def can_retirar_linea(usuario: UsuarioOAnonimo, linea: LineaPrioritaria) -> bool:
    return _linea_en(usuario, linea, linea.Estado.APROBADA)


def can_registrar_necesidad(usuario: UsuarioOAnonimo) -> bool:
    """Any Profesional or Jefe raises needs for their own dependencia; the office and the Administrador for any."""
    return can_crear_caso(usuario)


def puede_preparar_necesidad(usuario: UsuarioOAnonimo, necesidad: Necesidad) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, necesidad, roles.PROFESIONAL, roles.JEFE)


def can_editar_necesidad(usuario: UsuarioOAnonimo, necesidad: Necesidad) -> bool:
    return necesidad.estado in (necesidad.Estado.REGISTRADA, necesidad.Estado.PRIORIZADA) and (
        puede_preparar_necesidad(usuario, necesidad)
    )


def _necesidad_en(usuario: UsuarioOAnonimo, necesidad: Necesidad, *estados: str) -> bool:
    return necesidad.estado in estados and gestiona_la_cooperacion(usuario)


def can_priorizar_necesidad(usuario: UsuarioOAnonimo, necesidad: Necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, necesidad.Estado.REGISTRADA)


def can_presentar_necesidad(usuario: UsuarioOAnonimo, necesidad: Necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, necesidad.Estado.PRIORIZADA)


def can_atender_necesidad(usuario: UsuarioOAnonimo, necesidad: Necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, necesidad.Estado.PRESENTADA)


def can_descartar_necesidad(usuario: UsuarioOAnonimo, necesidad: Necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, *necesidad.ABIERTAS)


def rol_gestiona(usuario: UsuarioOAnonimo, _obj: object | None = None) -> bool:
    return gestiona_la_cooperacion(usuario)


def rol_aprueba(usuario: UsuarioOAnonimo, _obj: object | None = None) -> bool:
    return aprueba_en_la_oficina(usuario)


# Agreements --------------------------------------------------------------------------------------------------


def can_registrar_convenio(usuario: UsuarioOAnonimo) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_convenio(usuario: UsuarioOAnonimo, convenio: Convenio) -> bool:
    """The office, the Administrador, or a Profesional or Jefe of the responsible dependencia."""
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, convenio, roles.PROFESIONAL, roles.JEFE)


def can_editar_convenio(usuario: UsuarioOAnonimo, convenio: Convenio) -> bool:
    return convenio.estado == convenio.Estado.VIGENTE and puede_preparar_convenio(usuario, convenio)


def can_revisar_convenio(usuario: UsuarioOAnonimo, convenio: Convenio) -> bool:
    return convenio.estado == convenio.Estado.VIGENTE and puede_preparar_convenio(usuario, convenio)


def can_terminar_convenio(usuario: UsuarioOAnonimo, convenio: Convenio) -> bool:
    return convenio.estado == convenio.Estado.VIGENTE and (
        aprueba_en_la_oficina(usuario) or _es_de_la_dependencia(usuario, convenio, roles.JEFE)
    )


def rol_termina_convenio(usuario: UsuarioOAnonimo, convenio: Convenio) -> bool:
    return aprueba_en_la_oficina(usuario) or _es_de_la_dependencia(usuario, convenio, roles.JEFE)


def can_cumplir_compromiso(usuario: UsuarioOAnonimo, compromiso: CompromisoConvenio) -> bool:
    return (
        not compromiso.cumplido
        and compromiso.convenio.estado == compromiso.convenio.Estado.VIGENTE
        and (compromiso.responsable_id == usuario.pk or puede_preparar_convenio(usuario, compromiso.convenio))
    )


# International instruments -----------------------------------------------------------------------------------


def can_registrar_instrumento(usuario: UsuarioOAnonimo) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_instrumento(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(
        usuario, instrumento, roles.PROFESIONAL, roles.JEFE
    )


def can_agregar_estudio(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional) -> bool:
    abiertos = (instrumento.Estado.EN_ESTUDIO, instrumento.Estado.EN_NEGOCIACION, instrumento.Estado.ADOPTADO)
    return instrumento.estado in abiertos and puede_preparar_instrumento(usuario, instrumento)


def can_programar_memoria(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional) -> bool:
    return instrumento.estado == instrumento.Estado.RATIFICADO and gestiona_la_cooperacion(usuario)


def _instrumento_puede(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional, transicion: str) -> bool:
    return aprueba_en_la_oficina(usuario) and can_proceed(getattr(instrumento, transicion))


def can_negociar_instrumento(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional) -> bool:
    return _instrumento_puede(usuario, instrumento, "negociar")


def can_adoptar_instrumento(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional) -> bool:
    return _instrumento_puede(usuario, instrumento, "adoptar")


def can_ratificar_instrumento(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional) -> bool:
    return _instrumento_puede(usuario, instrumento, "ratificar")


def can_denunciar_instrumento(usuario: UsuarioOAnonimo, instrumento: InstrumentoInternacional) -> bool:
    return _instrumento_puede(usuario, instrumento, "denunciar")


def puede_enviar_memoria(usuario: UsuarioOAnonimo, memoria: MemoriaInstrumento) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, memoria, roles.PROFESIONAL, roles.JEFE)


def can_registrar_envio_memoria(usuario: UsuarioOAnonimo, memoria: MemoriaInstrumento) -> bool:
    return not memoria.enviada and puede_enviar_memoria(usuario, memoria)


# Alliance actions --------------------------------------------------------------------------------------------


def can_registrar_accion(usuario: UsuarioOAnonimo) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_accion(usuario: UsuarioOAnonimo, accion: AccionAlianza) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, accion, roles.PROFESIONAL, roles.JEFE)


def can_iniciar_accion(usuario: UsuarioOAnonimo, accion: AccionAlianza) -> bool:
    return accion.estado == accion.Estado.PLANEADA and puede_preparar_accion(usuario, accion)


def can_seguir_accion(usuario: UsuarioOAnonimo, accion: AccionAlianza) -> bool:
    return accion.estado == accion.Estado.EN_IMPLEMENTACION and puede_preparar_accion(usuario, accion)


def can_finalizar_accion(usuario: UsuarioOAnonimo, accion: AccionAlianza) -> bool:
    return can_seguir_accion(usuario, accion)


def can_visibilizar_accion(usuario: UsuarioOAnonimo, accion: AccionAlianza) -> bool:
    return accion.estado == accion.Estado.FINALIZADA and puede_preparar_accion(usuario, accion)


# Commissions ---------------------------------------------------------------------------------------------------


def can_registrar_comision(usuario: UsuarioOAnonimo) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_comision(usuario: UsuarioOAnonimo, comision: Comision) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, comision, roles.PROFESIONAL, roles.JEFE)


def can_registrar_sesion(usuario: UsuarioOAnonimo, comision: Comision) -> bool:
    return comision.activa and puede_preparar_comision(usuario, comision)


def can_cumplir_compromiso_sesion(usuario: UsuarioOAnonimo, compromiso: CompromisoSesion) -> bool:
    return compromiso.cumplido_en is None and (
        compromiso.responsable_id == usuario.pk or puede_preparar_comision(usuario, compromiso.sesion.comision)
    )
