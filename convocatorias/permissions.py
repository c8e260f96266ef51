"""Who may do what in the call pipeline: named predicates used by views, templates and services.

The office (Profesional or Jefe of the call's dependencia, or the Administrador) works the call; a dependencia
that received the notice answers for itself; the dependencia responsible for a project delivers its reports.
Planeación and Control Interno read everything (through `visibles_para`).
"""

from cooperacion.core import roles
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import Aviso, Convocatoria, Destinatario, InformeEjecucion, Proyecto


def _es_administrador(usuario: UsuarioOAnonimo) -> bool:
    return bool(usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR))


def _de_la_dependencia(usuario: UsuarioOAnonimo, dependencia_id: int | None, *nombres_de_rol: str) -> bool:
    return bool(
        usuario.is_authenticated
        and usuario.dependencia_id
        and usuario.dependencia_id == dependencia_id
        and usuario.tiene_rol(*nombres_de_rol)
    )


def es_de_la_oficina(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    """The role part of working a call: Profesional or Jefe of its dependencia, or the Administrador."""
    return _es_administrador(usuario) or _de_la_dependencia(
        usuario, convocatoria.dependencia_id, roles.PROFESIONAL, roles.JEFE
    )


def es_jefe_de_la_oficina(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    """The role part of deciding: Jefe of the call's dependencia, or the Administrador."""
    return _es_administrador(usuario) or _de_la_dependencia(usuario, convocatoria.dependencia_id, roles.JEFE)


def ejecuta_el_proyecto(usuario: UsuarioOAnonimo, proyecto: Proyecto) -> bool:
    return _de_la_dependencia(usuario, proyecto.dependencia_id, roles.PROFESIONAL, roles.JEFE)


def ve_toda_la_convocatoria(
    usuario: UsuarioOAnonimo, convocatoria: Convocatoria, proyecto: Proyecto | None = None
) -> bool:
    """Transversal roles, the office and the dependencia executing its project see the whole call; a dependencia
    that only received the notice sees a summary and its own addressee record."""
    return bool(
        usuario.is_authenticated
        and (
            usuario.ve_todas_las_dependencias
            or es_de_la_oficina(usuario, convocatoria)
            or (proyecto is not None and ejecuta_el_proyecto(usuario, proyecto))
        )
    )


# What only the office (and the roles that see everything) reads of a call: the Jefe's decision and the score.
CAMPOS_RESERVADOS = frozenset(
    {
        "motivo_validacion",
        "validada_por",
        "validada_en",
        "puntaje_recursos",
        "puntaje_alineacion",
        "puntaje_actores",
        "puntaje_impacto",
        "estado_al_desistir",
    }
)


def campos_reservados_de_convocatoria(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> frozenset[str]:
    """The fields of the call's history a dependencia that only received the notice may not read."""
    proyecto = Proyecto.objects.filter(convocatoria=convocatoria).first()
    return frozenset() if ve_toda_la_convocatoria(usuario, convocatoria, proyecto) else CAMPOS_RESERVADOS


def puede_responder_por(usuario: UsuarioOAnonimo, destinatario: Destinatario) -> bool:
    """The role part of answering the notice: the addressee dependencia for itself, or the office for anyone."""
    if es_de_la_oficina(usuario, destinatario.convocatoria):
        return True
    return bool(
        destinatario.dependencia_id
        and _de_la_dependencia(usuario, destinatario.dependencia_id, roles.PROFESIONAL, roles.JEFE)
    )


def puede_entregar_informes(usuario: UsuarioOAnonimo, proyecto: Proyecto) -> bool:
    return es_de_la_oficina(usuario, proyecto.convocatoria) or ejecuta_el_proyecto(usuario, proyecto)


def puede_revisar_informes(usuario: UsuarioOAnonimo, proyecto: Proyecto) -> bool:
    return es_jefe_de_la_oficina(usuario, proyecto.convocatoria) or bool(
        usuario.is_authenticated and usuario.pk == proyecto.supervisor_id and usuario.is_active
    )


# Predicates with the state: what the user may do now.


def can_ver_convocatorias(usuario: UsuarioOAnonimo) -> bool:
    return es_personal(usuario)


def can_crear_convocatoria(usuario: UsuarioOAnonimo) -> bool:
    """Profesional or Jefe (for their own dependencia) or the Administrador (who picks it)."""
    if _es_administrador(usuario):
        return True
    return bool(
        usuario.is_authenticated and usuario.dependencia_id and usuario.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    )


def can_importar_matriz(usuario: UsuarioOAnonimo) -> bool:
    return can_crear_convocatoria(usuario)


def can_editar_convocatoria(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.editable and es_de_la_oficina(usuario, convocatoria)


def can_priorizar(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.estado == Convocatoria.Estado.IDENTIFICADA and es_de_la_oficina(usuario, convocatoria)


def can_validar(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.estado == Convocatoria.Estado.PRIORIZADA and es_jefe_de_la_oficina(usuario, convocatoria)


def can_preparar_aviso(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    estados = (Convocatoria.Estado.VALIDADA, Convocatoria.Estado.INFORMADA)
    return convocatoria.estado in estados and es_de_la_oficina(usuario, convocatoria)


def es_jefe_que_firma(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    """An oficio goes out in the name of a Jefe of the office: only such a Jefe signs it (not the Administrador)."""
    return bool(
        usuario.is_authenticated
        and usuario.tiene_rol(roles.JEFE)
        and usuario.dependencia_id
        and usuario.dependencia_id == convocatoria.dependencia_id
    )


def can_solicitar_firma(usuario: UsuarioOAnonimo, aviso: Aviso) -> bool:
    return aviso.estado == Aviso.Estado.BORRADOR and can_preparar_aviso(usuario, aviso.convocatoria)


def can_devolver_oficio(usuario: UsuarioOAnonimo, aviso: Aviso) -> bool:
    return aviso.estado == Aviso.Estado.POR_FIRMAR and es_jefe_que_firma(usuario, aviso.convocatoria)


def can_firmar_oficio(usuario: UsuarioOAnonimo, aviso: Aviso) -> bool:
    convocatoria = aviso.convocatoria
    return (
        aviso.estado in (Aviso.Estado.BORRADOR, Aviso.Estado.POR_FIRMAR)
        and convocatoria.estado in (Convocatoria.Estado.VALIDADA, Convocatoria.Estado.INFORMADA)
        and es_jefe_que_firma(usuario, convocatoria)
    )


def can_responder(usuario: UsuarioOAnonimo, destinatario: Destinatario) -> bool:
    return (
        destinatario.convocatoria.estado == Convocatoria.Estado.INFORMADA
        and destinatario.notificado_en is not None
        and puede_responder_por(usuario, destinatario)
    )


def can_registrar_reunion(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.estado == Convocatoria.Estado.INFORMADA and es_de_la_oficina(usuario, convocatoria)


def can_gestionar_compromisos(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    """Commitments are agreed with those who accepted (one query for the critical control point)."""
    return (
        convocatoria.estado == Convocatoria.Estado.INFORMADA
        and es_de_la_oficina(usuario, convocatoria)
        and convocatoria.destinatarios.aceptaron().exists()
    )


def can_formalizar_compromisos(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return (
        can_gestionar_compromisos(usuario, convocatoria)
        and bool(convocatoria.acta_compromisos)
        and convocatoria.compromisos.exists()
    )


def can_subir_version(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    estados = (Convocatoria.Estado.COMPROMISOS, Convocatoria.Estado.EN_FORMULACION)
    return convocatoria.estado in estados and es_de_la_oficina(usuario, convocatoria)


def can_aprobar_proyecto(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return (
        convocatoria.estado == Convocatoria.Estado.EN_FORMULACION
        and es_jefe_de_la_oficina(usuario, convocatoria)
        and convocatoria.versiones.exists()
    )


def can_presentar(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.estado == Convocatoria.Estado.APROBADA and es_de_la_oficina(usuario, convocatoria)


def can_registrar_decision(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.estado == Convocatoria.Estado.PRESENTADA and es_de_la_oficina(usuario, convocatoria)


def can_iniciar_ejecucion(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.estado == Convocatoria.Estado.ACEPTADA and es_de_la_oficina(usuario, convocatoria)


def can_desistir(usuario: UsuarioOAnonimo, convocatoria: Convocatoria) -> bool:
    return convocatoria.estado in Convocatoria.DESISTIBLES and es_jefe_de_la_oficina(usuario, convocatoria)


def can_entregar_informe(usuario: UsuarioOAnonimo, informe: InformeEjecucion) -> bool:
    return (
        informe.estado in (InformeEjecucion.Estado.PENDIENTE, InformeEjecucion.Estado.DEVUELTO)
        and informe.proyecto.en_ejecucion
        and puede_entregar_informes(usuario, informe.proyecto)
    )


def can_aceptar_informe(usuario: UsuarioOAnonimo, informe: InformeEjecucion) -> bool:
    return (
        informe.estado == InformeEjecucion.Estado.RECIBIDO
        and informe.proyecto.en_ejecucion
        and puede_revisar_informes(usuario, informe.proyecto)
    )


can_devolver_informe = can_aceptar_informe


def rol_revisa_informe(usuario: UsuarioOAnonimo, informe: InformeEjecucion) -> bool:
    return puede_revisar_informes(usuario, informe.proyecto)


def can_registrar_movimiento(usuario: UsuarioOAnonimo, proyecto: Proyecto) -> bool:
    return proyecto.en_ejecucion and puede_entregar_informes(usuario, proyecto)


def can_finalizar(usuario: UsuarioOAnonimo, proyecto: Proyecto) -> bool:
    return proyecto.en_ejecucion and es_jefe_de_la_oficina(usuario, proyecto.convocatoria)
