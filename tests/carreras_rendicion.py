"""Race scenarios of the accountability strategy's workflows (see tests/carreras.py): for each action of each Flujo,
a record on which it is possible now and who takes it."""

from datetime import timedelta

from django.utils import timezone

from rendicion import services
from rendicion.models import AccionMejora, EspacioDialogo, Estrategia
from tests.carreras import escenario
from tests.factories_rendicion import (
    AccionFactory,
    EspacioFactory,
    EstrategiaFactory,
    PreguntaFactory,
    asegurar_datos_de_rendicion,
    corte_evaluado,
    informe_listo,
    publicada,
)


def _estrategia(publicar=True) -> Estrategia:
    asegurar_datos_de_rendicion()
    estrategia = EstrategiaFactory(anio=2026)
    return publicada(estrategia) if publicar else estrategia


@escenario("rendicion:estrategia-transicion", "publicar")
def estrategia_en_formulacion(usuarios, dependencias):
    estrategia = _estrategia(publicar=False)
    AccionFactory(estrategia=estrategia, dependencias=[dependencias["ocri"]])
    return estrategia, usuarios["planeacion"], {"motivo": ""}


@escenario("rendicion:estrategia-transicion", "retirar")
def estrategia_publicada(usuarios, dependencias):
    estrategia = _estrategia()
    return estrategia, usuarios["planeacion"], {"motivo": "Corregir fechas"}


def _accion(dependencias):
    return AccionFactory(estrategia=_estrategia(), dependencias=[dependencias["ocri"]])


@escenario("rendicion:accion-transicion", "iniciar")
def accion_programada(usuarios, dependencias):
    return _accion(dependencias), usuarios["profesional"], {"motivo": ""}


def _accion_en_ejecucion(usuarios, dependencias):
    accion = _accion(dependencias)
    services.avance_registrar(
        accion=accion, usuario=usuarios["profesional"], dependencia=dependencias["ocri"], descripcion="Listo",
        porcentaje=100,
    )  # fmt: skip
    services.accion_iniciar(accion=accion, usuario=usuarios["profesional"])
    return accion


@escenario("rendicion:accion-transicion", "completar")
def accion_en_ejecucion(usuarios, dependencias):
    return _accion_en_ejecucion(usuarios, dependencias), usuarios["profesional"], {"motivo": ""}


@escenario("rendicion:accion-transicion", "reabrir")
def accion_cumplida(usuarios, dependencias):
    accion = _accion_en_ejecucion(usuarios, dependencias)
    services.accion_completar(accion=accion, usuario=usuarios["profesional"])
    return accion, usuarios["planeacion"], {"motivo": "Falta el informe"}


@escenario("rendicion:espacio-transicion", "convocar")
def espacio_en_preparacion(usuarios, dependencias):
    espacio = EspacioFactory(
        estrategia=_estrategia(), dependencia=dependencias["ocri"], estado=EspacioDialogo.Estado.BORRADOR,
        aviso_desde=None, convocado_en=None,
    )  # fmt: skip
    return espacio, usuarios["profesional"], {"motivo": ""}


@escenario("rendicion:espacio-transicion", "realizar")
def espacio_del_dia(usuarios, dependencias):
    espacio = EspacioFactory(
        estrategia=_estrategia(), dependencia=dependencias["ocri"], fecha=timezone.now() - timedelta(hours=1)
    )
    return espacio, usuarios["profesional"], {"motivo": ""}


@escenario("rendicion:espacio-transicion", "cancelar")
def espacio_convocado(usuarios, dependencias):
    espacio = EspacioFactory(estrategia=_estrategia(), dependencia=dependencias["ocri"])
    return espacio, usuarios["jefe"], {"motivo": "Cambio de agenda del ministro"}


@escenario(
    "rendicion:pregunta-transicion", "aceptar", "rechazar_spam", "rechazar_ofensiva", "rechazar_fuera_de_alcance"
)
def pregunta_recibida(usuarios, dependencias):
    espacio = EspacioFactory(estrategia=_estrategia(), dependencia=dependencias["ocri"])
    return PreguntaFactory(espacio=espacio), usuarios["profesional"], {"motivo": ""}


@escenario("rendicion:corte-transicion", "cerrar")
def corte_abierto_evaluado(usuarios, dependencias):
    estrategia = _estrategia()
    AccionFactory(estrategia=estrategia, dependencias=[dependencias["ocri"]])
    corte = corte_evaluado(estrategia, usuarios["control"])
    services.corte_reabrir(corte=corte, usuario=usuarios["control"], motivo="Para la carrera")
    return corte, usuarios["control"], {"motivo": ""}


def _corte_cerrado(usuarios, dependencias):
    estrategia = _estrategia()
    AccionFactory(estrategia=estrategia, dependencias=[dependencias["ocri"]])
    return corte_evaluado(estrategia, usuarios["control"])


@escenario("rendicion:corte-transicion", "reabrir")
def corte_cerrado(usuarios, dependencias):
    return _corte_cerrado(usuarios, dependencias), usuarios["control"], {"motivo": "Corregir una evaluación"}


@escenario("rendicion:corte-transicion", "publicar")
def corte_con_informe(usuarios, dependencias):
    corte = _corte_cerrado(usuarios, dependencias)
    informe_listo(corte, usuarios["control"])
    return corte, usuarios["control"], {"motivo": ""}


def _mejora(usuarios, dependencias):
    return services.mejora_crear(
        usuario=usuarios["control"], estrategia=_estrategia(), origen=AccionMejora.Origen.DIALOGO,
        espacio=EspacioFactory(estrategia=Estrategia.objects.get(anio=2026), dependencia=dependencias["ocri"]),
        descripcion="Publicar las memorias del espacio", dependencia=dependencias["ocri"],
        fecha_limite=timezone.localdate() + timedelta(days=15),
    )  # fmt: skip


@escenario("rendicion:mejora-transicion", "cumplir")
def mejora_abierta(usuarios, dependencias):
    return _mejora(usuarios, dependencias), usuarios["profesional"], {"motivo": "Memorias publicadas"}


@escenario("rendicion:mejora-transicion", "reabrir")
def mejora_cumplida(usuarios, dependencias):
    mejora = _mejora(usuarios, dependencias)
    services.mejora_cumplir(mejora=mejora, usuario=usuarios["profesional"], motivo="Hecho")
    return mejora, usuarios["control"], {"motivo": "No se encontraron las memorias"}
