"""Who may do what in the accountability strategy: named predicates used by views, templates and services.

Planeación (and the Administrador) builds and publishes the strategy and its actions and sets its terms; the
dependencias responsible for an action report their part of it, and the one that leads it moves its state; the
dependencia that organizes a dialogue space moderates and answers its citizens' questions; Control Interno evaluates
every action at each cut-off and publishes the follow-up report.
"""

from collections.abc import Container

from cooperacion.core import roles
from cooperacion.core.models import Dependencia
from cooperacion.core.permissions import es_personal as es_personal  # the views ask it from here too
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import (
    AccionMejora,
    AccionRendicion,
    Corte,
    EspacioDialogo,
    Estrategia,
    EvaluacionAccion,
    PreguntaCiudadana,
)
from .models.comun import dependencia_de_trabajo


def _rol(usuario: UsuarioOAnonimo, *nombres: str) -> bool:
    return bool(usuario.is_authenticated and usuario.tiene_rol(*nombres))


def gestiona_la_estrategia(usuario: UsuarioOAnonimo, _obj: object = None) -> bool:
    """Planeación and the Administrador build, publish and copy the strategy and its actions."""
    return _rol(usuario, roles.PLANEACION, roles.ADMINISTRADOR)


def configura(usuario: UsuarioOAnonimo, _obj: object = None) -> bool:
    """Planeación, Control Interno and the Administrador set the terms and the cut-off calendar."""
    return _rol(usuario, roles.PLANEACION, roles.CONTROL_INTERNO, roles.ADMINISTRADOR)


def evalua(usuario: UsuarioOAnonimo, _obj: object = None) -> bool:
    """Control Interno (and the Administrador) evaluates the actions and publishes the follow-up report."""
    return _rol(usuario, roles.CONTROL_INTERNO, roles.ADMINISTRADOR)


def _de_la_dependencia(usuario: UsuarioOAnonimo, dependencia_ids: Container[int | None]) -> bool:
    dependencia_id = dependencia_de_trabajo(usuario) if usuario.is_authenticated else None
    return dependencia_id is not None and dependencia_id in dependencia_ids


# Strategy ----------------------------------------------------------------------------------------------


def can_ver_rendicion(usuario: UsuarioOAnonimo) -> bool:
    return es_personal(usuario)


def can_crear_estrategia(usuario: UsuarioOAnonimo) -> bool:
    return gestiona_la_estrategia(usuario)


def can_editar_estrategia(usuario: UsuarioOAnonimo, estrategia: Estrategia) -> bool:
    return gestiona_la_estrategia(usuario)


def can_publicar_estrategia(usuario: UsuarioOAnonimo, estrategia: Estrategia) -> bool:
    return estrategia.estado == Estrategia.Estado.BORRADOR and gestiona_la_estrategia(usuario)


def can_retirar_estrategia(usuario: UsuarioOAnonimo, estrategia: Estrategia) -> bool:
    return estrategia.estado == Estrategia.Estado.PUBLICADA and gestiona_la_estrategia(usuario)


def can_copiar_estrategia(usuario: UsuarioOAnonimo, estrategia: Estrategia) -> bool:
    return gestiona_la_estrategia(usuario)


def can_registrar_etapa(usuario: UsuarioOAnonimo, etapa: object = None) -> bool:
    return gestiona_la_estrategia(usuario)


# Actions -----------------------------------------------------------------------------------------------


def es_responsable(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    """A Profesional or Jefe of one of the action's dependencias (the lead or a co-responsible one)."""
    return _de_la_dependencia(usuario, accion.dependencia_ids)


def lidera(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    lider = accion.lider
    return lider is not None and _de_la_dependencia(usuario, {lider.dependencia_id})


def mueve_la_accion(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    """The role part of starting and completing an action: its lead dependencia, Planeación, the Administrador."""
    return gestiona_la_estrategia(usuario) or lidera(usuario, accion)


def can_crear_accion(usuario: UsuarioOAnonimo, estrategia: Estrategia | None = None) -> bool:
    return gestiona_la_estrategia(usuario)


def can_editar_accion(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    return gestiona_la_estrategia(usuario)


def can_iniciar_accion(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    return accion.estado == AccionRendicion.Estado.PROGRAMADA and mueve_la_accion(usuario, accion)


def can_completar_accion(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    return accion.estado == AccionRendicion.Estado.EN_EJECUCION and mueve_la_accion(usuario, accion)


def can_reabrir_accion(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    return accion.estado == AccionRendicion.Estado.CUMPLIDA and gestiona_la_estrategia(usuario)


def reporta_avance(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    """The role part of reporting progress: a responsible dependencia for its part, or Planeación / Administrador."""
    return gestiona_la_estrategia(usuario) or es_responsable(usuario, accion)


def can_reportar_avance(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> bool:
    return accion.estado != AccionRendicion.Estado.CUMPLIDA and reporta_avance(usuario, accion)


def dependencias_que_reporta(usuario: UsuarioOAnonimo, accion: AccionRendicion) -> list[Dependencia]:
    """The responsible dependencias this user may report for (all of them for Planeación and the Administrador)."""
    if gestiona_la_estrategia(usuario):
        return [r.dependencia for r in accion.responsables_ordenados]
    return [r.dependencia for r in accion.responsables_ordenados if _de_la_dependencia(usuario, {r.dependencia_id})]


def can_registrar_metricas(usuario: UsuarioOAnonimo, dependencias_de_comunicaciones: set[int]) -> bool:
    """The communications group (the dependencias responsible for the metrics' action), Planeación, Administrador."""
    return gestiona_la_estrategia(usuario) or _de_la_dependencia(usuario, dependencias_de_comunicaciones)


# Dialogue spaces and questions ----------------------------------------------------------------------


def organiza(usuario: UsuarioOAnonimo, espacio: EspacioDialogo) -> bool:
    """The role part of running a space and moderating its questions: a Profesional or Jefe of its dependencia,
    Planeación or the Administrador. Only they see the citizens' names and e-mails."""
    return gestiona_la_estrategia(usuario) or _de_la_dependencia(usuario, {espacio.dependencia_id})


def can_crear_espacio(usuario: UsuarioOAnonimo) -> bool:
    return gestiona_la_estrategia(usuario) or dependencia_de_trabajo(usuario) is not None


def can_editar_espacio(usuario: UsuarioOAnonimo, espacio: EspacioDialogo) -> bool:
    estados = (EspacioDialogo.Estado.BORRADOR, EspacioDialogo.Estado.CONVOCADO)
    return espacio.estado in estados and organiza(usuario, espacio)


def can_convocar(usuario: UsuarioOAnonimo, espacio: EspacioDialogo) -> bool:
    return espacio.estado == EspacioDialogo.Estado.BORRADOR and organiza(usuario, espacio)


def can_realizar(usuario: UsuarioOAnonimo, espacio: EspacioDialogo) -> bool:
    return espacio.estado == EspacioDialogo.Estado.CONVOCADO and organiza(usuario, espacio)


def can_cancelar_espacio(usuario: UsuarioOAnonimo, espacio: EspacioDialogo) -> bool:
    estados = (EspacioDialogo.Estado.BORRADOR, EspacioDialogo.Estado.CONVOCADO)
    return espacio.estado in estados and organiza(usuario, espacio)


def can_registrar_resultados(usuario: UsuarioOAnonimo, espacio: EspacioDialogo) -> bool:
    return espacio.estado == EspacioDialogo.Estado.REALIZADO and organiza(usuario, espacio)


def ve_datos_personales(usuario: UsuarioOAnonimo, espacio: EspacioDialogo) -> bool:
    return organiza(usuario, espacio)


def modera(usuario: UsuarioOAnonimo, pregunta: PreguntaCiudadana) -> bool:
    return organiza(usuario, pregunta.espacio)


def can_aceptar_pregunta(usuario: UsuarioOAnonimo, pregunta: PreguntaCiudadana) -> bool:
    return pregunta.estado == PreguntaCiudadana.Estado.RECIBIDA and modera(usuario, pregunta)


def can_rechazar_pregunta(usuario: UsuarioOAnonimo, pregunta: PreguntaCiudadana) -> bool:
    return pregunta.estado in PreguntaCiudadana.POR_ATENDER and modera(usuario, pregunta)


def can_responder_pregunta(usuario: UsuarioOAnonimo, pregunta: PreguntaCiudadana) -> bool:
    return pregunta.estado in PreguntaCiudadana.POR_ATENDER and modera(usuario, pregunta)


# Follow-up -----------------------------------------------------------------------------------------


def can_crear_corte(usuario: UsuarioOAnonimo) -> bool:
    return configura(usuario)


def can_editar_corte(usuario: UsuarioOAnonimo, corte: Corte) -> bool:
    return corte.estado == Corte.Estado.ABIERTO and configura(usuario)


def can_evaluar(usuario: UsuarioOAnonimo, corte: Corte) -> bool:
    return corte.estado == Corte.Estado.ABIERTO and evalua(usuario)


def can_evaluar_accion(usuario: UsuarioOAnonimo, evaluacion: EvaluacionAccion) -> bool:
    return can_evaluar(usuario, evaluacion.corte)


def can_cerrar_corte(usuario: UsuarioOAnonimo, corte: Corte) -> bool:
    return corte.estado == Corte.Estado.ABIERTO and evalua(usuario)


def can_reabrir_corte(usuario: UsuarioOAnonimo, corte: Corte) -> bool:
    return corte.estado == Corte.Estado.CERRADO and evalua(usuario)


def can_publicar_corte(usuario: UsuarioOAnonimo, corte: Corte) -> bool:
    return corte.estado == Corte.Estado.CERRADO and evalua(usuario)


def can_generar_informe(usuario: UsuarioOAnonimo, corte: Corte) -> bool:
    return bool(usuario.is_authenticated and usuario.ve_todas_las_dependencias)


# Improvement actions --------------------------------------------------------------------------------


def can_crear_mejora(usuario: UsuarioOAnonimo) -> bool:
    return evalua(usuario) or gestiona_la_estrategia(usuario)


def atiende_la_mejora(usuario: UsuarioOAnonimo, mejora: AccionMejora) -> bool:
    return gestiona_la_estrategia(usuario) or _de_la_dependencia(usuario, {mejora.dependencia_id})


def can_cumplir_mejora(usuario: UsuarioOAnonimo, mejora: AccionMejora) -> bool:
    return mejora.estado == AccionMejora.Estado.ABIERTA and atiende_la_mejora(usuario, mejora)


def can_reabrir_mejora(usuario: UsuarioOAnonimo, mejora: AccionMejora) -> bool:
    return mejora.estado == AccionMejora.Estado.CUMPLIDA and evalua(usuario)
