"""Race scenarios of the plans' workflows (see tests/carreras.py): each action taken twice at once has one effect."""

from datetime import date
from decimal import Decimal

from cooperacion.core.models import PoliticaMIPG
from planes import services
from planes.models import Plan
from tests.carreras import escenario
from tests.factories_planes import (
    ANIO,
    actividad,
    asegurar_datos_de_planes,
    ficha_indicador,
    plan_de_accion,
    reportar_trimestre,
    seguimiento,
)

D = Decimal


def _plan(usuarios, dependencias, hasta):
    asegurar_datos_de_planes()
    return plan_de_accion(usuarios, dependencias, hasta=hasta)


@escenario("planes:transicion", "enviar")
def plan_en_formulacion(usuarios, dependencias):
    return _plan(usuarios, dependencias, "borrador"), usuarios["profesional"], {"motivo": ""}


@escenario("planes:transicion", "devolver")
def plan_a_devolver(usuarios, dependencias):
    return _plan(usuarios, dependencias, "enviado"), usuarios["planeacion"], {"motivo": "Revise los pesos."}


@escenario("planes:transicion", "aprobar")
def plan_a_aprobar(usuarios, dependencias):
    return _plan(usuarios, dependencias, "enviado"), usuarios["planeacion"], {"motivo": ""}


def pes_aprobado(usuarios, dependencias) -> Plan:
    """A sectorial strategic plan that passes activity 2's control points, approved by its committee."""
    plan = pes_en_concertacion(usuarios, dependencias)
    services.plan_aprobar_comite(
        plan=plan, usuario=usuarios["planeacion"], comite="Comité Sectorial", acta_numero="01",
        acta_fecha=date(ANIO - 1, 2, 1),
    )  # fmt: skip
    return plan


def pes_en_concertacion(usuarios, dependencias) -> Plan:
    """A sectorial strategic plan that passes activity 2's control points, presented to its committee."""
    asegurar_datos_de_planes()
    planeacion = usuarios["planeacion"]
    plan = services.plan_estrategico_crear(
        usuario=planeacion,
        tipo=Plan.Tipo.SECTORIAL,
        nombre="Plan Estratégico Sectorial del Sector Trabajo",
        dependencia=dependencias["ocri"],
        anio_inicio=ANIO - 1,
        anio_fin=ANIO + 2,
        alineacion_pnd="Trabajo digno y decente.",
        politicas=list(PoliticaMIPG.objects.order_by("numero")[:1]),
    )
    objetivo = services.objetivo_crear(
        plan=plan, usuario=planeacion, codigo="1", descripcion="Empleo", linea_pnd="Transformación 1"
    )
    estrategia = services.estrategia_crear(objetivo=objetivo, usuario=planeacion, codigo="1.1", descripcion="Empleo")
    nueva = actividad(
        plan,
        planeacion,
        estrategia,
        "1.1.1",
        peso=D(100),
        metas=None,
        responsable=usuarios["jefe"],
        ficha=ficha_indicador(frecuencia="anual"),
    )
    for anio in plan.anios:
        services.programacion_fijar(actividad=nueva, usuario=planeacion, valores={anio: {4: D(10)}})
    services.plan_enviar(plan=plan, usuario=planeacion)
    return plan


@escenario("planes:transicion", "publicar")
def plan_estrategico_aprobado(usuarios, dependencias):
    return pes_aprobado(usuarios, dependencias), usuarios["planeacion"], {"motivo": ""}


@escenario("planes:vigencia-transicion", "consolidar")
def vigencia_con_planes_aprobados(usuarios, dependencias):
    plan = _plan(usuarios, dependencias, "aprobado")
    return plan.vigencia, usuarios["planeacion"], {"motivo": ""}


@escenario("planes:vigencia-transicion", "publicar")
def vigencia_presentada(usuarios, dependencias):
    plan = _plan(usuarios, dependencias, "aprobado")
    vigencia = plan.vigencia
    services.vigencia_consolidar(vigencia=vigencia, usuario=usuarios["planeacion"])
    services.vigencia_presentar(
        vigencia=vigencia,
        usuario=usuarios["planeacion"],
        comite="Comité Institucional de Gestión y Desempeño",
        acta_numero="12",
        acta_fecha=date(ANIO, 1, 25),
    )
    return vigencia, usuarios["planeacion"], {"motivo": ""}


def _seguimiento(usuarios, dependencias, hasta):
    plan = _plan(usuarios, dependencias, "aprobado")
    reportar_trimestre(plan, 1, usuarios["profesional"], {})
    s = seguimiento(plan, 1)
    if hasta in ("enviado", "revisado"):
        services.seguimiento_enviar(seguimiento=s, usuario=usuarios["profesional"])
    if hasta == "revisado":
        services.seguimiento_revisar(seguimiento=s, usuario=usuarios["planeacion"])
        services.seguimiento_diagnosticar(
            seguimiento=s, usuario=usuarios["planeacion"], diagnostico="Avance acorde con lo programado."
        )
    s.refresh_from_db()
    return s


@escenario("planes:seguimiento-transicion", "enviar")
def seguimiento_reportado(usuarios, dependencias):
    return _seguimiento(usuarios, dependencias, "abierto"), usuarios["profesional"], {"motivo": ""}


@escenario("planes:seguimiento-transicion", "devolver")
def seguimiento_a_devolver(usuarios, dependencias):
    return _seguimiento(usuarios, dependencias, "enviado"), usuarios["planeacion"], {"motivo": "Faltan evidencias."}


@escenario("planes:seguimiento-transicion", "revisar")
def seguimiento_a_revisar(usuarios, dependencias):
    return _seguimiento(usuarios, dependencias, "enviado"), usuarios["planeacion"], {"motivo": ""}


@escenario("planes:seguimiento-transicion", "cerrar")
def seguimiento_a_cerrar(usuarios, dependencias):
    return _seguimiento(usuarios, dependencias, "revisado"), usuarios["planeacion"], {"motivo": ""}


def _solicitud(usuarios, dependencias):
    plan = _plan(usuarios, dependencias, "aprobado")
    primera = plan.actividades.order_by("codigo").first()
    return services.ajuste_solicitar(
        plan=plan,
        usuario=usuarios["jefe"],
        causa="El cooperante aplazó los talleres del último trimestre por cambio de sede.",
        cambios=[{"actividad": primera, "campo": "meta_t4", "valor_nuevo": "2"}],
    )


@escenario("planes:ajuste-transicion", "revisar")
def ajuste_a_revisar(usuarios, dependencias):
    return _solicitud(usuarios, dependencias), usuarios["planeacion"], {"motivo": "Causas pertinentes."}


@escenario("planes:ajuste-transicion", "rechazar")
def ajuste_a_rechazar(usuarios, dependencias):
    return _solicitud(usuarios, dependencias), usuarios["planeacion"], {"motivo": "No es pertinente."}
