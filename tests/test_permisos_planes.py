"""Permission matrix of indicadores and planes: (role, url, method) → expected status, for every URL of both apps.

Records of the cooperation office (OCRI) answer 404 to the outsider (profesional2, another dependencia) unless they
are published; a role that may see a record but not act on it gets 403; anonymous users go to the login page, and
the public pages answer everyone. The world is built once per role (through the services, as the offices would)
and every row of the matrix is checked against it, mutating requests last.
"""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from cooperacion.core.models import ReporteGenerado
from indicadores import services as indicadores
from planes import services
from planes.models import RemisionInforme
from tests.carreras_planes import pes_aprobado
from tests.factories_indicadores import IndicadorFactory, pdf
from tests.factories_planes import ANIO, plan_de_accion, reportar_trimestre, seguimiento

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]
TODOS = dict.fromkeys(ROLES, 200)
OCRI = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 200, "control": 200, "profesional2": 404}
FORMULA = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 403, "control": 403, "profesional2": 404}
PLANEACION = {"admin": 200, "jefe": 403, "profesional": 403, "planeacion": 200, "control": 403, "profesional2": 403}
PLANEACION_OCRI = {**PLANEACION, "profesional2": 404}
RESPONSABLE = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 200, "control": 403, "profesional2": 404}
MIDE = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 403, "control": 403, "profesional2": 404}
CREA = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 200, "control": 403, "profesional2": 200}
REMITIDOS = {"admin": 200, "jefe": 403, "profesional": 403, "planeacion": 200, "control": 200, "profesional2": 403}
CONTROL_OCRI = {"admin": 403, "jefe": 403, "profesional": 403, "planeacion": 403, "control": 200, "profesional2": 404}
SOLO_POST = dict.fromkeys(ROLES, 405)
YA_APROBADO = {**PLANEACION, "admin": 302, "planeacion": 302}  # the role may, the state no longer allows: back
DESCARGA_REMITIDOS = {**REMITIDOS, "jefe": 404, "profesional": 404, "profesional2": 404}


def hecho(esperado: dict) -> dict:
    """A form or action that succeeds redirects (302) where a GET would show it (200)."""
    return {rol: 302 if estado == 200 else estado for rol, estado in esperado.items()}


@pytest.fixture
def mundo(usuarios, dependencias, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    borrador = plan_de_accion(usuarios, dependencias, ANIO + 1, actividades=1, hasta="borrador")
    enviado = plan_de_accion(usuarios, dependencias, ANIO + 2, actividades=1, hasta="enviado")
    aprobado = plan_de_accion(usuarios, dependencias, ANIO, actividades=2)
    reportar_trimestre(aprobado, 1, usuarios["profesional"], {})
    enviado_t1 = seguimiento(aprobado, 1)
    services.seguimiento_enviar(seguimiento=enviado_t1, usuario=usuarios["profesional"])
    abierto_t2 = seguimiento(aprobado, 2)
    services.vigencia_consolidar(vigencia=aprobado.vigencia, usuario=usuarios["planeacion"])
    primera = aprobado.actividades.order_by("codigo").first()
    solicitud = services.ajuste_solicitar(
        plan=aprobado,
        usuario=usuarios["jefe"],
        causa="El cooperante aplazó dos talleres al año siguiente por cambio de sede.",
        cambios=[{"actividad": primera, "campo": "meta_t4", "valor_nuevo": "2"}],
    )
    revisada = services.ajuste_solicitar(
        plan=aprobado,
        usuario=usuarios["jefe"],
        causa="La oficina asume dos talleres adicionales pedidos por el despacho.",
        cambios=[{"actividad": primera, "campo": "meta_t3", "valor_nuevo": "4"}],
    )
    services.ajuste_revisar(solicitud=revisada, usuario=usuarios["planeacion"], motivo="Pertinente.")
    pes = pes_aprobado(usuarios, dependencias)
    pes.acta_archivo.save("acta.pdf", pdf(), save=True)
    services.plan_publicar(plan=pes, usuario=usuarios["planeacion"])
    indicador = IndicadorFactory(dependencia=dependencias["ocri"])
    indicadores.metas_fijar(indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, valores={1: Decimal(3)})
    medicion = indicadores.medicion_registrar(
        indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=1, numerador=Decimal(2),
        analisis="Avance del trimestre.", evidencia=pdf(),
    )  # fmt: skip
    generado = ReporteGenerado.objects.create(
        codigo="seguimiento_planes", titulo="Informe", formato="pdf", periodo=f"{ANIO}-T1",
        estado=ReporteGenerado.Estado.LISTO, automatico=True,
    )  # fmt: skip
    generado.archivo.save("informe.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    remision = RemisionInforme.objects.create(generado=generado, periodo=generado.periodo)
    actividad = borrador.actividades.get()
    return {
        "borrador": borrador,
        "objetivo": borrador.objetivos.get(),
        "estrategia": borrador.estrategias.get(),
        "actividad": actividad,
        "enviado": enviado,
        "aprobado": aprobado,
        "vigencia_abierta": borrador.vigencia,
        "vigencia_consolidada": aprobado.vigencia,
        "seguimiento_enviado": enviado_t1,
        "seguimiento_abierto": abierto_t2,
        "avance_abierto": abierto_t2.avances.order_by("actividad__codigo").first(),
        "avance_enviado": enviado_t1.avances.order_by("actividad__codigo").first(),
        "solicitud": solicitud,
        "revisada": revisada,
        "pes": pes,
        "indicador": indicador,
        "medicion": medicion,
        "remision": remision,
    }


def _u(nombre, *args):
    return reverse(nombre, args=args)


def _h(modelo, pk):
    return reverse("core:historial", args=["planes", modelo, pk])


def _t(nombre, registro, accion):
    return reverse(f"planes:{nombre}", args=[registro.pk, accion])


def _metas(o):
    return {"t1": "3", "t2": "3", "t3": "", "t4": ""}


def _motivo(o):
    return {"motivo": "Observación de prueba."}


# (url builder, method, data builder or None, {role: status}); reads first, then writes on their own records.
MATRIZ = [
    (lambda o: _u("indicadores:lista"), "get", None, TODOS),
    (lambda o: _u("indicadores:crear"), "get", None, CREA),
    (lambda o: _u("indicadores:detalle", o["indicador"].pk), "get", None, OCRI),
    (lambda o: _u("indicadores:editar", o["indicador"].pk), "get", None, RESPONSABLE),
    (lambda o: _u("indicadores:metas", o["indicador"].pk, ANIO), "get", None, RESPONSABLE),
    (lambda o: _u("indicadores:medicion", o["indicador"].pk, ANIO, 2), "get", None, MIDE),
    (lambda o: _u("indicadores:evidencia", o["medicion"].pk), "get", None, OCRI),
    (lambda o: _u("indicadores:detalle", o["actividad"].indicador_id), "get", None, OCRI),
    (lambda o: reverse("core:historial", args=["indicadores", "indicador", o["indicador"].pk]), "get", None, OCRI),
    (lambda o: _u("planes:lista"), "get", None, TODOS),
    (lambda o: _u("planes:crear"), "get", None, PLANEACION),
    (lambda o: _u("planes:procedimiento"), "get", None, TODOS),
    (lambda o: _u("planes:detalle", o["borrador"].pk), "get", None, OCRI),
    (lambda o: _u("planes:detalle", o["pes"].pk), "get", None, TODOS),
    (lambda o: _u("planes:editar", o["borrador"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:aprobacion-comite", o["pes"].pk), "get", None, YA_APROBADO),
    (lambda o: _u("planes:acta", o["pes"].pk), "get", None, TODOS),
    (lambda o: _u("planes:objetivo-crear", o["borrador"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:objetivo-editar", o["objetivo"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:estrategia-crear", o["objetivo"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:estrategia-editar", o["estrategia"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:actividad-crear", o["estrategia"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:actividad-editar", o["actividad"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:programacion", o["actividad"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:transicion", o["borrador"].pk, "enviar"), "get", None, SOLO_POST),
    (lambda o: _u("planes:vigencia-crear"), "get", None, PLANEACION),
    (lambda o: _u("planes:vigencia-detalle", o["vigencia_abierta"].pk), "get", None, TODOS),
    (lambda o: _u("planes:vigencia-presentar", o["vigencia_consolidada"].pk), "get", None, PLANEACION),
    (lambda o: _u("planes:consolidado", o["vigencia_consolidada"].pk), "get", None, TODOS),
    (lambda o: _u("planes:vigencia-acta", o["vigencia_consolidada"].pk), "get", None, dict.fromkeys(ROLES, 404)),
    (lambda o: _u("planes:seguimiento-lista"), "get", None, TODOS),
    (lambda o: _u("planes:seguimiento-detalle", o["seguimiento_enviado"].pk), "get", None, OCRI),
    (lambda o: _u("planes:seguimiento-diagnostico", o["seguimiento_enviado"].pk), "get", None, PLANEACION_OCRI),
    (lambda o: _u("planes:observacion", o["seguimiento_enviado"].pk), "get", None, CONTROL_OCRI),
    (lambda o: _u("planes:avance", o["avance_abierto"].pk), "get", None, FORMULA),
    (lambda o: _u("planes:avance-devolver", o["avance_enviado"].pk), "get", None, PLANEACION_OCRI),
    (lambda o: _u("planes:diagnostico"), "get", None, TODOS),
    (lambda o: _u("planes:calendario-inicio"), "get", None, dict.fromkeys(ROLES, 302)),
    (lambda o: _u("planes:calendario", ANIO), "get", None, TODOS),
    (lambda o: _u("planes:ajuste-crear", o["aprobado"].pk), "get", None, {**FORMULA, "profesional": 403}),
    (lambda o: _u("planes:ajuste-detalle", o["solicitud"].pk), "get", None, OCRI),
    (lambda o: _u("planes:ajuste-aprobar", o["revisada"].pk), "get", None, PLANEACION_OCRI),
    (lambda o: _u("planes:ajuste-transicion", o["solicitud"].pk, "revisar"), "get", None, SOLO_POST),
    (lambda o: _u("planes:informes"), "get", None, REMITIDOS),
    (lambda o: _u("planes:informe-descargar", o["remision"].pk), "get", None, DESCARGA_REMITIDOS),
    (lambda o: reverse("core:historial", args=["planes", "plan", o["borrador"].pk]), "get", None, OCRI),
    (lambda o: _h("seguimientotrimestral", o["seguimiento_enviado"].pk), "get", None, OCRI),
    (lambda o: reverse("core:historial", args=["planes", "solicitudajuste", o["solicitud"].pk]), "get", None, OCRI),
    (lambda o: reverse("core:reporte-ver", args=["seguimiento_planes"]) + f"?periodo={ANIO}-T1", "get", None,
     {"admin": 200, "jefe": 200, "profesional": 404, "planeacion": 200, "control": 200, "profesional2": 404}),
    # Writes, each on its own record.
    (lambda o: _u("indicadores:metas", o["indicador"].pk, ANIO), "post", _metas, hecho(RESPONSABLE)),
    (lambda o: _u("planes:transicion", o["enviado"].pk, "devolver"), "post", _motivo, hecho(PLANEACION_OCRI)),
    (lambda o: _t("vigencia-transicion", o["vigencia_abierta"], "consolidar"), "post", _motivo, hecho(PLANEACION)),
    (lambda o: _t("seguimiento-transicion", o["seguimiento_enviado"], "revisar"), "post", _motivo, hecho(PLANEACION_OCRI)),  # noqa: E501
    (lambda o: _u("planes:ajuste-transicion", o["solicitud"].pk, "rechazar"), "post", _motivo, hecho(PLANEACION_OCRI)),
    (lambda o: _u("planes:actividad-quitar", o["actividad"].pk), "post", None, hecho(FORMULA)),
    (lambda o: _u("planes:estrategia-quitar", o["estrategia"].pk), "post", None, hecho(FORMULA)),
    (lambda o: _u("planes:objetivo-quitar", o["objetivo"].pk), "post", None, hecho(FORMULA)),
    (lambda o: _u("planes:transicion", o["borrador"].pk, "enviar"), "post", _motivo, hecho(FORMULA)),
]  # fmt: skip


def _estado(cliente, url, metodo, datos) -> int:
    respuesta = getattr(cliente, metodo)(url, datos)
    if respuesta.streaming:
        b"".join(respuesta.streaming_content)  # read a download to the end: that closes its file
    return respuesta.status_code


@pytest.mark.parametrize("rol", ROLES)
def test_matriz_de_permisos(cliente_de, mundo, rol):
    cliente = cliente_de(rol)
    diferencias = []
    for construir_url, metodo, construir_datos, esperado in MATRIZ:
        url = construir_url(mundo)
        obtenido = _estado(cliente, url, metodo, construir_datos(mundo) if construir_datos else None)
        if obtenido != esperado[rol]:
            diferencias.append(f"{metodo.upper()} {url}: esperado {esperado[rol]}, obtenido {obtenido}")
    assert diferencias == []


def test_anonimo_va_a_la_pagina_de_ingreso(client, mundo):
    diferencias = []
    for construir_url, metodo, construir_datos, _esperado in MATRIZ:
        url = construir_url(mundo)
        respuesta = getattr(client, metodo)(url, construir_datos(mundo) if construir_datos else None)
        if respuesta.status_code == 405:
            continue
        if respuesta.status_code != 302 or not respuesta["Location"].startswith(reverse("login")):
            diferencias.append(f"{metodo.upper()} {url}: {respuesta.status_code}")
    assert diferencias == []


def test_las_paginas_publicas_no_piden_ingreso_y_no_muestran_borradores(client, mundo):
    assert client.get(reverse("planes_publico:lista")).status_code == 200
    assert client.get(reverse("planes_publico:detalle", args=[mundo["pes"].pk])).status_code == 200
    assert client.get(reverse("planes_publico:detalle", args=[mundo["borrador"].pk])).status_code == 404
    assert client.get(reverse("planes_publico:detalle", args=[mundo["aprobado"].pk])).status_code == 404
    assert client.get(reverse("planes_publico:consolidado", args=[ANIO])).status_code == 404  # not yet published
