"""Permission matrix of the accountability strategy: (role, url, method) → status for every URL of the app.

The records belong to the cooperation office (OCRI); profesional2 (DDFT) is the outsider and gets 404 on them, except
on the action OCRI shares with DDFT. Anonymous users go to the login page on staff URLs; the public pages answer 200
to them when what they show is published and 404 when it is not.
"""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from rendicion import services
from rendicion.models import AccionMejora, EspacioDialogo, ItemEncuesta, MetricaDefinida
from tests.factories_rendicion import (
    CorteFactory,
    Escenario,
    EspacioFactory,
    PreguntaFactory,
    corte_evaluado,
    informe_listo,
    pdf,
)

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]
TODOS = dict.fromkeys(ROLES, 200)


def roles(**estados):
    """{role: status}: `gestion` (planeacion, admin), `oficina` (jefe, profesional), `control`, `fuera`
    (profesional2)."""
    grupos = {
        "gestion": ("planeacion", "admin"),
        "oficina": ("jefe", "profesional"),
        "control": ("control",),
        "fuera": ("profesional2",),
    }
    return {rol: estado for grupo, estado in estados.items() for rol in grupos[grupo]}


@pytest.fixture
def o(usuarios, dependencias, settings, tmp_path):
    """The records of the matrix (built through the factories and services)."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    e = Escenario(usuarios, dependencias)
    avance = services.avance_registrar(
        accion=e.accion, usuario=usuarios["profesional"], dependencia=dependencias["ocri"],
        descripcion="Avance", porcentaje=10, evidencia=pdf(),
    )  # fmt: skip
    MetricaDefinida.objects.create(estrategia=e.estrategia, accion=e.accion, red="facebook", metrica="Seguidores")
    realizado = EspacioFactory(
        estrategia=e.estrategia, dependencia=dependencias["ocri"], estado=EspacioDialogo.Estado.REALIZADO,
        fecha=timezone.now() - timedelta(days=3), acta=pdf("acta.pdf"),
    )  # fmt: skip
    item = ItemEncuesta.objects.create(espacio=realizado, pregunta="Claridad", excelente=3)
    abierto = services.corte_crear(
        usuario=usuarios["control"], estrategia=e.estrategia, nombre="Abierto", fecha_corte=timezone.localdate()
    )
    publicado = corte_evaluado(e.estrategia, usuarios["control"])
    informe_listo(publicado, usuarios["control"])
    services.corte_publicar(corte=publicado, usuario=usuarios["control"])
    mejora = AccionMejora.objects.create(
        estrategia=e.estrategia, origen="dialogo", espacio=realizado, descripcion="Mejorar la convocatoria",
        dependencia=dependencias["ocri"], fecha_limite=timezone.localdate() + timedelta(days=20),
    )  # fmt: skip
    return {
        "e": e.estrategia,
        "a": e.accion,
        "c": e.compartida,
        "avance": avance,
        "etapa": e.estrategia.etapas.first(),
        "esp": e.espacio,
        "realizado": realizado,
        "item": item,
        "p": e.pregunta,
        "abierto": abierto,
        "ev": abierto.evaluaciones.first(),
        "publicado": publicado,
        "mejora": mejora,
    }


def r(nombre, *args):
    return lambda o: reverse(f"rendicion:{nombre}", args=[o[a].pk if isinstance(a, str) else a for a in args])


# (url builder, method, data, {role: status}); the builder receives the `o` dict.
MATRIZ = [
    (r("inicio"), "get", None, TODOS),
    (r("estrategia-crear"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (r("estrategia-crear"), "post", {}, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (r("estrategia", "e"), "get", None, TODOS),
    (r("estrategia-editar", "e"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (r("estrategia-copiar", "e"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (
        lambda o: reverse("rendicion:estrategia-transicion", args=[o["e"].pk, "retirar"]),
        "post",
        {"motivo": "Ajustes"},
        roles(gestion=302, oficina=403, control=403, fuera=403),
    ),
    (
        lambda o: reverse("rendicion:estrategia-transicion", args=[o["e"].pk, "retirar"]),
        "get",
        None,
        dict.fromkeys(ROLES, 405),
    ),
    (r("etapa", "etapa"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (r("acciones"), "get", None, TODOS),
    (r("accion-crear", "e"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (r("accion", "a"), "get", None, roles(gestion=200, oficina=200, control=200, fuera=404)),
    (r("accion", "c"), "get", None, TODOS),
    (r("accion-editar", "a"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=404)),
    (r("avance", "a"), "get", None, roles(gestion=200, oficina=200, control=403, fuera=404)),
    (r("avance", "c"), "get", None, roles(gestion=200, oficina=200, control=403, fuera=200)),
    (
        lambda o: reverse("rendicion:accion-transicion", args=[o["a"].pk, "iniciar"]),
        "post",
        {},
        roles(gestion=302, oficina=302, control=403, fuera=404),
    ),
    (
        lambda o: reverse("rendicion:accion-transicion", args=[o["c"].pk, "iniciar"]),
        "post",
        {},
        roles(gestion=302, oficina=302, control=403, fuera=403),  # DDFT shares it but does not lead it
    ),
    (r("evidencia", "avance"), "get", None, roles(gestion=200, oficina=200, control=200, fuera=404)),
    (r("metricas", "e"), "get", None, TODOS),
    (r("metricas-mes", "e", 1), "get", None, roles(gestion=200, oficina=200, control=403, fuera=403)),
    (r("metrica-crear", "e"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (r("metricas-informe", "e"), "post", {"formato": "xlsx"}, roles(gestion=302, oficina=302, control=302, fuera=403)),
    (r("espacios"), "get", None, TODOS),
    (r("espacio-crear", "e"), "get", None, roles(gestion=200, oficina=200, control=403, fuera=200)),
    (r("espacio", "esp"), "get", None, roles(gestion=200, oficina=200, control=200, fuera=404)),
    (r("espacio-editar", "esp"), "get", None, roles(gestion=200, oficina=200, control=403, fuera=404)),
    (r("espacio-resultados", "realizado"), "get", None, roles(gestion=200, oficina=200, control=403, fuera=404)),
    (
        r("encuesta-agregar", "realizado"),
        "post",
        {"pregunta": "Utilidad", "excelente": 1, "bueno": 1, "regular": 0, "malo": 0, "token_creacion": "t-1"},
        roles(gestion=302, oficina=302, control=403, fuera=404),
    ),
    (
        lambda o: reverse("rendicion:encuesta-quitar", args=[o["realizado"].pk, o["item"].pk]),
        "post",
        {},
        roles(gestion=302, oficina=302, control=403, fuera=404),
    ),
    (r("espacio-acta", "realizado"), "get", None, roles(gestion=200, oficina=200, control=200, fuera=404)),
    (
        r("preguntas-informe", "esp"),
        "post",
        {"formato": "xlsx"},
        roles(gestion=302, oficina=302, control=302, fuera=404),
    ),
    (
        lambda o: reverse("rendicion:espacio-transicion", args=[o["esp"].pk, "cancelar"]),
        "post",
        {"motivo": "Lluvias"},
        roles(gestion=302, oficina=302, control=403, fuera=404),
    ),
    (r("preguntas"), "get", None, TODOS),
    (r("pregunta", "p"), "get", None, roles(gestion=200, oficina=200, control=200, fuera=404)),
    (r("pregunta-responder", "p"), "get", None, roles(gestion=200, oficina=200, control=403, fuera=404)),
    (
        lambda o: reverse("rendicion:pregunta-transicion", args=[o["p"].pk, "aceptar"]),
        "post",
        {},
        roles(gestion=302, oficina=302, control=403, fuera=404),
    ),
    (r("cortes"), "get", None, TODOS),
    (r("corte-crear", "e"), "get", None, roles(gestion=200, oficina=403, control=200, fuera=403)),
    (r("corte", "abierto"), "get", None, roles(gestion=200, oficina=404, control=200, fuera=404)),
    (r("corte", "publicado"), "get", None, TODOS),
    (r("corte-editar", "abierto"), "get", None, roles(gestion=200, oficina=404, control=200, fuera=404)),
    (
        r("corte-informe", "abierto"),
        "post",
        {"formato": "xlsx"},
        roles(gestion=302, oficina=404, control=302, fuera=404),
    ),
    (
        lambda o: reverse("rendicion:corte-transicion", args=[o["abierto"].pk, "cerrar"]),
        "post",
        {},
        {"admin": 302, "planeacion": 403, "control": 302, "jefe": 404, "profesional": 404, "profesional2": 404},
    ),
    (
        r("evaluacion", "ev"),
        "get",
        None,
        {"admin": 200, "planeacion": 403, "control": 200, "jefe": 404, "profesional": 404, "profesional2": 404},
    ),
    (r("mejoras"), "get", None, TODOS),
    (r("mejora-crear", "e"), "get", None, roles(gestion=200, oficina=403, control=200, fuera=403)),
    (r("mejora", "mejora"), "get", None, roles(gestion=200, oficina=200, control=200, fuera=404)),
    (
        lambda o: reverse("rendicion:mejora-transicion", args=[o["mejora"].pk, "cumplir"]),
        "post",
        {"motivo": "Hecho"},
        roles(gestion=302, oficina=302, control=403, fuera=404),
    ),
    (r("configuracion"), "get", None, roles(gestion=200, oficina=403, control=200, fuera=403)),
    (
        r("configuracion"),
        "post",
        {"dias_respuesta": 15, "dias_aviso_espacio": 20, "dias_publicacion_informe": 10, "preguntas_por_hora": 10},
        roles(gestion=302, oficina=403, control=302, fuera=403),
    ),
    (r("consentimiento-crear"), "get", None, roles(gestion=200, oficina=403, control=403, fuera=403)),
    (
        lambda o: reverse("core:historial", args=["rendicion", "accionrendicion", o["a"].pk]),
        "get",
        None,
        roles(gestion=200, oficina=200, control=200, fuera=404),
    ),
    (
        lambda o: reverse("core:historial", args=["rendicion", "preguntaciudadana", o["p"].pk]),
        "get",
        None,
        roles(gestion=200, oficina=200, control=200, fuera=404),
    ),
]

CASOS = [
    pytest.param(indice, rol, id=f"{rol}-{metodo}-{indice}")
    for indice, (_url, metodo, _datos, esperado) in enumerate(MATRIZ)
    for rol in esperado
]


@pytest.mark.parametrize(("indice", "rol"), CASOS)
def test_matriz_de_permisos(cliente_de, o, indice, rol):
    construir_url, metodo, datos, esperado = MATRIZ[indice]
    respuesta = getattr(cliente_de(rol), metodo)(construir_url(o), datos)
    assert respuesta.status_code == esperado[rol]
    if hasattr(respuesta, "close"):
        respuesta.close()


def test_cada_url_del_personal_esta_en_la_matriz():
    from rendicion.urls import urlpatterns

    cubiertas = set()
    for construir_url, *_resto in MATRIZ:
        codigo = construir_url.__code__
        cubiertas.update(c for c in codigo.co_consts if isinstance(c, str) and c.startswith("rendicion:"))
        if construir_url.__closure__:
            for celda in construir_url.__closure__:
                if isinstance(celda.cell_contents, str):
                    cubiertas.add(f"rendicion:{celda.cell_contents}")
    faltan = {f"rendicion:{p.name}" for p in urlpatterns} - cubiertas
    assert faltan == set()


@pytest.mark.parametrize("indice", range(len(MATRIZ)))
def test_anonimo_va_a_la_pagina_de_ingreso(client, o, indice):
    construir_url, metodo, datos, _esperado = MATRIZ[indice]
    respuesta = getattr(client, metodo)(construir_url(o), datos)
    if metodo == "get" and "transicion" in construir_url(o):
        assert respuesta.status_code in (302, 405)
    else:
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))


def p(nombre, *args):
    return lambda o: reverse(f"rendicion_publico:{nombre}", args=[o[a].pk if isinstance(a, str) else a for a in args])


PUBLICAS = [
    (p("inicio"), 200),
    (lambda o: reverse("rendicion_publico:estrategia", args=[o["e"].anio]), 200),
    (lambda o: reverse("rendicion_publico:estrategia", args=[1999]), 404),
    (p("espacios"), 200),
    (p("espacio", "esp"), 200),
    (p("espacio", "realizado"), 200),
    (p("acta", "realizado"), 200),
    (p("acta", "esp"), 404),  # not held yet: no minutes
    (p("preguntas"), 200),
    (p("pregunta", "p"), 404),  # received, not moderated
    (p("informes"), 200),
    (p("informe", "publicado"), 200),
    (p("informe", "abierto"), 404),
    (lambda o: reverse("rendicion_publico:informe-descarga", args=[o["publicado"].pk, "pdf"]), 200),
    (lambda o: reverse("rendicion_publico:informe-descarga", args=[o["abierto"].pk, "pdf"]), 404),
    (lambda o: reverse("rendicion_publico:informe-descarga", args=[o["publicado"].pk, "exe"]), 404),
    (lambda o: reverse("publico:datos-descarga", args=["rendicion-acciones", "csv"]), 200),
    (lambda o: reverse("publico:datos-descarga", args=["rendicion-respuestas", "json"]), 200),
    (lambda o: reverse("publico:diccionario", args=["rendicion-respuestas"]), 200),
]


@pytest.mark.parametrize("indice", range(len(PUBLICAS)))
def test_paginas_publicas_sin_ingresar(client, o, indice):
    construir_url, esperado = PUBLICAS[indice]
    respuesta = client.get(construir_url(o))
    assert respuesta.status_code == esperado
    if hasattr(respuesta, "close"):
        respuesta.close()


def test_lo_que_se_publica_despues_aparece_y_lo_rechazado_nunca(client, o, usuarios):
    url = reverse("rendicion_publico:pregunta", args=[o["p"].pk])
    services.pregunta_aceptar(pregunta=o["p"], usuario=usuarios["profesional"])
    assert client.get(url).status_code == 200
    rechazada = PreguntaFactory(espacio=o["esp"])
    services.pregunta_rechazar_spam(pregunta=rechazada, usuario=usuarios["profesional"])
    assert client.get(reverse("rendicion_publico:pregunta", args=[rechazada.pk])).status_code == 404
    otro_corte = CorteFactory(estrategia=o["e"], fecha_corte=date(2026, 8, 31))
    assert client.get(reverse("rendicion_publico:informe", args=[otro_corte.pk])).status_code == 404
