"""Race scenarios of the core's and the first apps' workflows (see tests/carreras.py)."""

from datetime import date

from convocatorias import services as servicios_convocatorias
from convocatorias.models import Convocatoria
from cooperacion.internacional import services as servicios_oit
from procesos import services as servicios_procesos
from procesos.models import Caracterizacion
from tests.carreras import escenario
from tests.factories import ActorFactory
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, avanzar, datos_de_convocatoria, pdf
from tests.factories_oit import CasoOITFactory
from tests.factories_procesos import CaracterizacionFactory, ProcesoFactory, con_filas


@escenario("core:actor-transicion", "desactivar")
def actor_activo(usuarios, dependencias):
    return ActorFactory(), usuarios["admin"], {"motivo": "Ya no coopera"}


@escenario("core:actor-transicion", "reactivar")
def actor_inactivo(usuarios, dependencias):
    actor = ActorFactory(estado="inactivo")
    return actor, usuarios["admin"], {"motivo": ""}


@escenario("core:actor-transicion", "revisar")
def actor_propuesto(usuarios, dependencias):
    actor = ActorFactory(por_revisar=True, propuesto_por=usuarios["profesional"])
    return actor, usuarios["admin"], {"motivo": ""}


@escenario("internacional:caso-transicion", "cerrar")
def caso_respondido(usuarios, dependencias):
    caso = CasoOITFactory(dependencia=dependencias["ocri"], responsable=usuarios["profesional"])
    servicios_oit.caso_registrar_respuesta(
        caso=caso, usuario=usuarios["jefe"], fecha_respuesta=date.today(), radicado="R"
    )
    return caso, usuarios["jefe"], {"motivo": "Archivado"}


def _caracterizacion(dependencias, usuarios, hasta: str):
    c = con_filas(CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"])))
    if hasta == Caracterizacion.Estado.EN_REVISION:
        servicios_procesos.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional"])
    return c


@escenario("procesos:transicion", "enviar_revision")
def caracterizacion_borrador(usuarios, dependencias):
    return _caracterizacion(dependencias, usuarios, Caracterizacion.Estado.BORRADOR), usuarios["profesional"], {}


@escenario("procesos:transicion", "devolver")
def caracterizacion_a_devolver(usuarios, dependencias):
    c = _caracterizacion(dependencias, usuarios, Caracterizacion.Estado.EN_REVISION)
    return c, usuarios["jefe"], {"motivo": "Falta el alcance"}


@escenario("procesos:transicion", "aprobar")
def caracterizacion_a_aprobar(usuarios, dependencias):
    return _caracterizacion(dependencias, usuarios, Caracterizacion.Estado.EN_REVISION), usuarios["jefe"], {}


def _convocatoria(usuarios, dependencias, estado):
    asegurar_datos_de_convocatorias()
    convocatoria = servicios_convocatorias.convocatoria_crear(
        usuario=usuarios["profesional"], **datos_de_convocatoria()
    )
    return avanzar(convocatoria, estado, usuarios=usuarios, dependencias=dependencias)


@escenario("convocatorias:transicion", "priorizar")
def convocatoria_identificada(usuarios, dependencias):
    return _convocatoria(usuarios, dependencias, Convocatoria.Estado.IDENTIFICADA), usuarios["profesional"], {}


@escenario("convocatorias:transicion", "aplicar", "no_aplicar")
def convocatoria_priorizada(usuarios, dependencias):
    c = _convocatoria(usuarios, dependencias, Convocatoria.Estado.PRIORIZADA)
    return c, usuarios["jefe"], {"motivo": "Decisión del jefe"}


@escenario("convocatorias:transicion", "desistir")
def convocatoria_validada(usuarios, dependencias):
    c = _convocatoria(usuarios, dependencias, Convocatoria.Estado.VALIDADA)
    return c, usuarios["jefe"], {"motivo": "No alcanza el tiempo"}


@escenario("convocatorias:transicion", "formalizar")
def convocatoria_con_compromisos_listos(usuarios, dependencias):
    c = _convocatoria(usuarios, dependencias, Convocatoria.Estado.INFORMADA)
    destinatario = c.destinatarios.get(dependencia=dependencias["ddft"])
    servicios_convocatorias.destinatario_responder(
        destinatario=destinatario, usuario=usuarios["profesional2"], acepta=True
    )
    servicios_convocatorias.compromiso_agregar(
        convocatoria=c, usuario=usuarios["profesional"], parte="DDFT", obligaciones="Diagnóstico", responsable="Enlace"
    )
    servicios_convocatorias.acta_compromisos_subir(convocatoria=c, usuario=usuarios["profesional"], archivo=pdf())
    return c, usuarios["profesional"], {"motivo": ""}


@escenario("convocatorias:transicion", "aprobar_proyecto")
def convocatoria_en_formulacion(usuarios, dependencias):
    return _convocatoria(usuarios, dependencias, Convocatoria.Estado.EN_FORMULACION), usuarios["jefe"], {}


def _informe_recibido(usuarios, dependencias):
    c = _convocatoria(usuarios, dependencias, Convocatoria.Estado.EN_EJECUCION)
    informe = c.proyecto.informes.order_by("fecha_limite").first()
    servicios_convocatorias.informe_recibir(informe=informe, usuario=usuarios["profesional"], archivo=pdf())
    return informe


@escenario("convocatorias:informe-transicion", "aceptar")
def informe_a_aceptar(usuarios, dependencias):
    return _informe_recibido(usuarios, dependencias), usuarios["jefe"], {"motivo": ""}


@escenario("convocatorias:informe-transicion", "devolver")
def informe_a_devolver(usuarios, dependencias):
    return _informe_recibido(usuarios, dependencias), usuarios["jefe"], {"motivo": "Faltan soportes"}


def _aviso(usuarios, dependencias, *, por_firmar: bool):
    c = _convocatoria(usuarios, dependencias, Convocatoria.Estado.VALIDADA)
    aviso = servicios_convocatorias.aviso_guardar(
        convocatoria=c, usuario=usuarios["profesional"], asunto="Convocatoria", texto="Respetados señores"
    )
    servicios_convocatorias.destinatario_agregar(
        convocatoria=c, usuario=usuarios["profesional"], dependencia=dependencias["ddft"], correo="ddft@x.test"
    )
    if por_firmar:
        servicios_convocatorias.aviso_solicitar_firma(aviso=aviso, usuario=usuarios["profesional"])
    return aviso


@escenario("convocatorias:aviso-transicion", "solicitar_firma")
def aviso_borrador(usuarios, dependencias):
    return _aviso(usuarios, dependencias, por_firmar=False), usuarios["profesional"], {}


@escenario("convocatorias:aviso-transicion", "firmar")
def aviso_por_firmar(usuarios, dependencias):
    return _aviso(usuarios, dependencias, por_firmar=True), usuarios["jefe"], {"motivo": ""}


@escenario("convocatorias:aviso-transicion", "devolver")
def aviso_a_devolver(usuarios, dependencias):
    return _aviso(usuarios, dependencias, por_firmar=True), usuarios["jefe"], {"motivo": "Corrija el asunto"}
