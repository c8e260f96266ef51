"""Who may do what with ILO cases. Control Interno and Planeación only read (through `visibles_para`)."""

from cooperacion.core import roles
from cooperacion.core.permissions import es_personal

from .models import CasoOIT
from .models.alcance import es_de_la_oficina


def _es_administrador(usuario) -> bool:
    return usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)


def _es_de_la_dependencia(usuario, caso, *nombres_de_rol: str) -> bool:
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


# Priority lines and needs ------------------------------------------------------------------------------------


def gestiona_la_cooperacion(usuario) -> bool:
    """The cooperation office (Profesional or Jefe) or the Administrador: they manage needs and agreements."""
    return _es_administrador(usuario) or es_de_la_oficina(usuario)


def aprueba_en_la_oficina(usuario) -> bool:
    """The Jefe of the cooperation office, or the Administrador."""
    return _es_administrador(usuario) or es_de_la_oficina(usuario, roles.JEFE)


def can_proponer_linea(usuario) -> bool:
    return gestiona_la_cooperacion(usuario)


def can_editar_linea(usuario, linea) -> bool:
    return linea.estado == linea.Estado.PROPUESTA and gestiona_la_cooperacion(usuario)


def _linea_en(usuario, linea, estado) -> bool:
    return linea.estado == estado and aprueba_en_la_oficina(usuario)


def can_aprobar_linea(usuario, linea) -> bool:
    return _linea_en(usuario, linea, linea.Estado.PROPUESTA)


def can_rechazar_linea(usuario, linea) -> bool:
    return _linea_en(usuario, linea, linea.Estado.PROPUESTA)


def can_retirar_linea(usuario, linea) -> bool:
    return _linea_en(usuario, linea, linea.Estado.APROBADA)


def can_registrar_necesidad(usuario) -> bool:
    """Any Profesional or Jefe raises needs for their own dependencia; the office and the Administrador for any."""
    return can_crear_caso(usuario)


def puede_preparar_necesidad(usuario, necesidad) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, necesidad, roles.PROFESIONAL, roles.JEFE)


def can_editar_necesidad(usuario, necesidad) -> bool:
    return necesidad.estado in (necesidad.Estado.REGISTRADA, necesidad.Estado.PRIORIZADA) and (
        puede_preparar_necesidad(usuario, necesidad)
    )


def _necesidad_en(usuario, necesidad, *estados) -> bool:
    return necesidad.estado in estados and gestiona_la_cooperacion(usuario)


def can_priorizar_necesidad(usuario, necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, necesidad.Estado.REGISTRADA)


def can_presentar_necesidad(usuario, necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, necesidad.Estado.PRIORIZADA)


def can_atender_necesidad(usuario, necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, necesidad.Estado.PRESENTADA)


def can_descartar_necesidad(usuario, necesidad) -> bool:
    return _necesidad_en(usuario, necesidad, *necesidad.ABIERTAS)


def rol_gestiona(usuario, _obj=None) -> bool:
    return gestiona_la_cooperacion(usuario)


def rol_aprueba(usuario, _obj=None) -> bool:
    return aprueba_en_la_oficina(usuario)


# Agreements --------------------------------------------------------------------------------------------------


def can_registrar_convenio(usuario) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_convenio(usuario, convenio) -> bool:
    """The office, the Administrador, or a Profesional or Jefe of the responsible dependencia."""
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, convenio, roles.PROFESIONAL, roles.JEFE)


def can_editar_convenio(usuario, convenio) -> bool:
    return convenio.estado == convenio.Estado.VIGENTE and puede_preparar_convenio(usuario, convenio)


def can_revisar_convenio(usuario, convenio) -> bool:
    return convenio.estado == convenio.Estado.VIGENTE and puede_preparar_convenio(usuario, convenio)


def can_terminar_convenio(usuario, convenio) -> bool:
    return convenio.estado == convenio.Estado.VIGENTE and (
        aprueba_en_la_oficina(usuario) or _es_de_la_dependencia(usuario, convenio, roles.JEFE)
    )


def rol_termina_convenio(usuario, convenio) -> bool:
    return aprueba_en_la_oficina(usuario) or _es_de_la_dependencia(usuario, convenio, roles.JEFE)


def can_cumplir_compromiso(usuario, compromiso) -> bool:
    return (
        not compromiso.cumplido
        and compromiso.convenio.estado == compromiso.convenio.Estado.VIGENTE
        and (compromiso.responsable_id == usuario.pk or puede_preparar_convenio(usuario, compromiso.convenio))
    )


# International instruments -----------------------------------------------------------------------------------


def can_registrar_instrumento(usuario) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_instrumento(usuario, instrumento) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(
        usuario, instrumento, roles.PROFESIONAL, roles.JEFE
    )


def can_agregar_estudio(usuario, instrumento) -> bool:
    abiertos = (instrumento.Estado.EN_ESTUDIO, instrumento.Estado.EN_NEGOCIACION, instrumento.Estado.ADOPTADO)
    return instrumento.estado in abiertos and puede_preparar_instrumento(usuario, instrumento)


def can_programar_memoria(usuario, instrumento) -> bool:
    return instrumento.estado == instrumento.Estado.RATIFICADO and gestiona_la_cooperacion(usuario)


def _instrumento_puede(usuario, instrumento, transicion) -> bool:
    from django_fsm import can_proceed

    return aprueba_en_la_oficina(usuario) and can_proceed(getattr(instrumento, transicion))


def can_negociar_instrumento(usuario, instrumento) -> bool:
    return _instrumento_puede(usuario, instrumento, "negociar")


def can_adoptar_instrumento(usuario, instrumento) -> bool:
    return _instrumento_puede(usuario, instrumento, "adoptar")


def can_ratificar_instrumento(usuario, instrumento) -> bool:
    return _instrumento_puede(usuario, instrumento, "ratificar")


def can_denunciar_instrumento(usuario, instrumento) -> bool:
    return _instrumento_puede(usuario, instrumento, "denunciar")


def puede_enviar_memoria(usuario, memoria) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, memoria, roles.PROFESIONAL, roles.JEFE)


def can_registrar_envio_memoria(usuario, memoria) -> bool:
    return not memoria.enviada and puede_enviar_memoria(usuario, memoria)


# Alliance actions --------------------------------------------------------------------------------------------


def can_registrar_accion(usuario) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_accion(usuario, accion) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, accion, roles.PROFESIONAL, roles.JEFE)


def can_iniciar_accion(usuario, accion) -> bool:
    return accion.estado == accion.Estado.PLANEADA and puede_preparar_accion(usuario, accion)


def can_seguir_accion(usuario, accion) -> bool:
    return accion.estado == accion.Estado.EN_IMPLEMENTACION and puede_preparar_accion(usuario, accion)


def can_finalizar_accion(usuario, accion) -> bool:
    return can_seguir_accion(usuario, accion)


def can_visibilizar_accion(usuario, accion) -> bool:
    return accion.estado == accion.Estado.FINALIZADA and puede_preparar_accion(usuario, accion)


# Commissions ---------------------------------------------------------------------------------------------------


def can_registrar_comision(usuario) -> bool:
    return gestiona_la_cooperacion(usuario)


def puede_preparar_comision(usuario, comision) -> bool:
    return gestiona_la_cooperacion(usuario) or _es_de_la_dependencia(usuario, comision, roles.PROFESIONAL, roles.JEFE)


def can_registrar_sesion(usuario, comision) -> bool:
    return comision.activa and puede_preparar_comision(usuario, comision)


def can_cumplir_compromiso_sesion(usuario, compromiso) -> bool:
    return compromiso.cumplido_en is None and (
        compromiso.responsable_id == usuario.pk or puede_preparar_comision(usuario, compromiso.sesion.comision)
    )
