"""Who may do what with plans: named predicates used by views, templates and services.

The dependencia (Profesional or Jefe) formulates its action plan and reports its quarters; Planeación opens the
year, verifies and approves or returns plans, consolidates, presents and publishes, sets the cut-off calendar,
reviews the quarters and the adjustments, and records the strategic plans its committees approve; the Jefe asks
for adjustments of the action plan; Control Interno reads everything and records observations.
"""

from cooperacion.core import roles
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

from .models import AvanceActividad, Plan, SeguimientoTrimestral, SolicitudAjuste, Vigencia


def es_planeacion(usuario: UsuarioOAnonimo) -> bool:
    return bool(usuario.is_authenticated and usuario.tiene_rol(roles.PLANEACION, roles.ADMINISTRADOR))


def es_control_interno(usuario: UsuarioOAnonimo) -> bool:
    return bool(usuario.is_authenticated and usuario.tiene_rol(roles.CONTROL_INTERNO))


def de_la_dependencia(usuario: UsuarioOAnonimo, dependencia_id: int | None, *nombres: str) -> bool:
    nombres = nombres or (roles.PROFESIONAL, roles.JEFE)
    return bool(
        usuario.is_authenticated
        and usuario.dependencia_id
        and usuario.dependencia_id == dependencia_id
        and usuario.tiene_rol(*nombres)
    )


def can_ver_planes(usuario: UsuarioOAnonimo) -> bool:
    return es_personal(usuario)


# Formulation -----------------------------------------------------------------------------------------------


def can_abrir_vigencia(usuario: UsuarioOAnonimo) -> bool:
    return es_planeacion(usuario)


def can_crear_plan_estrategico(usuario: UsuarioOAnonimo) -> bool:
    return es_planeacion(usuario)


def formula_el_plan(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    """The role part of drafting: the dependencia for its action plan; Planeación for the strategic plans (it records
    what the committees formulate) and for any plan as the Administrador does."""
    if plan.estrategico:
        return es_planeacion(usuario)
    return de_la_dependencia(usuario, plan.dependencia_id) or (
        usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)
    )


def can_editar_plan(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    return plan.editable and formula_el_plan(usuario, plan)


def can_enviar_plan(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    return plan.editable and formula_el_plan(usuario, plan)


def verifica_el_plan(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    return es_planeacion(usuario)


def can_devolver_plan(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    return plan.estado == Plan.Estado.ENVIADO and es_planeacion(usuario)


def can_aprobar_plan(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    """An action plan is verified and approved by Planeación (activity 12)."""
    return plan.tipo == Plan.Tipo.ACCION and plan.estado == Plan.Estado.ENVIADO and es_planeacion(usuario)


def can_registrar_aprobacion_comite(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    """A strategic plan is approved by its committee; Planeación records the session (activities 3 and 6)."""
    return plan.estrategico and plan.estado == Plan.Estado.ENVIADO and es_planeacion(usuario)


def can_publicar_plan(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    """Strategic plans are published one by one; action plans with their year's consolidated plan."""
    return plan.estrategico and plan.estado == Plan.Estado.APROBADO and es_planeacion(usuario)


def can_consolidar(usuario: UsuarioOAnonimo, vigencia: Vigencia) -> bool:
    return vigencia.estado == Vigencia.Estado.ABIERTA and es_planeacion(usuario)


def can_presentar(usuario: UsuarioOAnonimo, vigencia: Vigencia) -> bool:
    return vigencia.estado == Vigencia.Estado.CONSOLIDADA and es_planeacion(usuario)


def can_publicar_vigencia(usuario: UsuarioOAnonimo, vigencia: Vigencia) -> bool:
    return vigencia.estado == Vigencia.Estado.PRESENTADA and es_planeacion(usuario)


def rol_planeacion(usuario: UsuarioOAnonimo, _obj: object = None) -> bool:
    return es_planeacion(usuario)


# Quarterly follow-up -------------------------------------------------------------------------------------


def reporta_el_seguimiento(usuario: UsuarioOAnonimo, seguimiento: SeguimientoTrimestral) -> bool:
    return de_la_dependencia(usuario, seguimiento.dependencia_id) or (
        usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)
    )


def can_reportar(usuario: UsuarioOAnonimo, avance: AvanceActividad) -> bool:
    seguimiento = avance.seguimiento
    return seguimiento.estado == SeguimientoTrimestral.Estado.ABIERTO and reporta_el_seguimiento(usuario, seguimiento)


def can_enviar_seguimiento(usuario: UsuarioOAnonimo, seguimiento: SeguimientoTrimestral) -> bool:
    return seguimiento.estado == SeguimientoTrimestral.Estado.ABIERTO and reporta_el_seguimiento(usuario, seguimiento)


def can_devolver_seguimiento(usuario: UsuarioOAnonimo, seguimiento: SeguimientoTrimestral) -> bool:
    estados = (SeguimientoTrimestral.Estado.ENVIADO, SeguimientoTrimestral.Estado.REVISADO)
    return seguimiento.estado in estados and es_planeacion(usuario)


def can_revisar_seguimiento(usuario: UsuarioOAnonimo, seguimiento: SeguimientoTrimestral) -> bool:
    return seguimiento.estado == SeguimientoTrimestral.Estado.ENVIADO and es_planeacion(usuario)


def can_cerrar_seguimiento(usuario: UsuarioOAnonimo, seguimiento: SeguimientoTrimestral) -> bool:
    return seguimiento.estado == SeguimientoTrimestral.Estado.REVISADO and es_planeacion(usuario)


def can_devolver_avance(usuario: UsuarioOAnonimo, avance: AvanceActividad) -> bool:
    return avance.seguimiento.estado == SeguimientoTrimestral.Estado.ENVIADO and es_planeacion(usuario)


def can_diagnosticar(usuario: UsuarioOAnonimo, seguimiento: SeguimientoTrimestral) -> bool:
    estados = (SeguimientoTrimestral.Estado.ENVIADO, SeguimientoTrimestral.Estado.REVISADO)
    return seguimiento.estado in estados and es_planeacion(usuario)


def can_observar(usuario: UsuarioOAnonimo, seguimiento: SeguimientoTrimestral) -> bool:
    return seguimiento.estado != SeguimientoTrimestral.Estado.ABIERTO and es_control_interno(usuario)


def can_fijar_calendario(usuario: UsuarioOAnonimo) -> bool:
    return es_planeacion(usuario)


def can_ver_informes_remitidos(usuario: UsuarioOAnonimo) -> bool:
    return bool(
        usuario.is_authenticated and usuario.tiene_rol(roles.PLANEACION, roles.CONTROL_INTERNO, roles.ADMINISTRADOR)
    )


# Adjustments ------------------------------------------------------------------------------------------------


def solicita_ajustes(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    """Activity 22: the Jefe asks for adjustments of the dependencia's action plan; activities 20-21: the committees
    ask for the strategic plans' (Planeación records their request)."""
    if plan.estrategico:
        return es_planeacion(usuario)
    return de_la_dependencia(usuario, plan.dependencia_id, roles.JEFE) or (
        usuario.is_authenticated and usuario.tiene_rol(roles.ADMINISTRADOR)
    )


def can_solicitar_ajuste(usuario: UsuarioOAnonimo, plan: Plan) -> bool:
    return plan.en_vigor and solicita_ajustes(usuario, plan)


def can_revisar_ajuste(usuario: UsuarioOAnonimo, solicitud: SolicitudAjuste) -> bool:
    return solicitud.estado == SolicitudAjuste.Estado.SOLICITADO and es_planeacion(usuario)


def can_rechazar_ajuste(usuario: UsuarioOAnonimo, solicitud: SolicitudAjuste) -> bool:
    estados = (SolicitudAjuste.Estado.SOLICITADO, SolicitudAjuste.Estado.REVISADO)
    return solicitud.estado in estados and es_planeacion(usuario)


def can_aprobar_ajuste(usuario: UsuarioOAnonimo, solicitud: SolicitudAjuste) -> bool:
    return solicitud.estado == SolicitudAjuste.Estado.REVISADO and es_planeacion(usuario)
