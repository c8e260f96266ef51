"""Permission matrix: (role, url, method) → expected status. Later apps add their rows here.

Anonymous users are sent to the login page; the outsider (profesional2, another dependencia) gets 404
on records outside their reach.
"""

import importlib
import inspect
import re
import types

import pytest
from django.urls import URLResolver, get_resolver, reverse

from tests.factories import ActorFactory, NotificacionFactory

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]
PERSONAL = dict.fromkeys(ROLES, 200)


@pytest.fixture
def objetos(usuarios):
    from cooperacion.core.models import Entidad, ReporteGenerado

    return {
        "actor": ActorFactory(),
        "entidad": Entidad.actual(),
        "notificacion_profesional": NotificacionFactory(usuario=usuarios["profesional"]),
        "reporte_profesional": ReporteGenerado.objects.create(
            codigo="actores",
            titulo="Actores",
            formato="xlsx",
            solicitado_por=usuarios["profesional"],
            estado=ReporteGenerado.Estado.FALLIDO,
        ),
    }


SOLO_PROFESIONAL_404 = {"admin": 404, "jefe": 404, "profesional": None, "planeacion": 404, "control": 404,
                        "profesional2": 404}  # fmt: skip


# (url builder, method, {role: status}); the builder receives the `objetos` dict.
MATRIZ = [
    (lambda o: reverse("core:inicio"), "get", PERSONAL),
    (lambda o: reverse("core:perfil"), "get", PERSONAL),
    (lambda o: reverse("core:notificaciones"), "get", PERSONAL),
    (lambda o: reverse("core:notificaciones-leer-todas"), "post", dict.fromkeys(ROLES, 302)),
    (
        lambda o: reverse("core:notificacion-leer", args=[o["notificacion_profesional"].pk]),
        "post",
        {"admin": 404, "jefe": 404, "profesional": 302, "planeacion": 404, "control": 404, "profesional2": 404},
    ),
    (lambda o: reverse("core:actor-lista"), "get", PERSONAL),
    (lambda o: reverse("core:actor-detalle", args=[o["actor"].pk]), "get", PERSONAL),
    (lambda o: reverse("core:historial", args=["core", "actor", o["actor"].pk]), "get", PERSONAL),
    (
        lambda o: reverse("core:historial", args=["core", "notificacion", o["notificacion_profesional"].pk]),
        "get",
        dict.fromkeys(ROLES, 404),
    ),
    (
        lambda o: reverse("core:actor-transicion", args=[o["actor"].pk, "desactivar"]),
        "post",
        {"admin": 302, "jefe": 403, "profesional": 403, "planeacion": 403, "control": 403, "profesional2": 403},
    ),
    (
        lambda o: reverse("core:actor-transicion", args=[o["actor"].pk, "desactivar"]),
        "get",
        dict.fromkeys(ROLES, 405),
    ),
    (lambda o: reverse("core:entidad"), "get", PERSONAL),
    (lambda o: reverse("core:historial", args=["core", "entidad", o["entidad"].pk]), "get", PERSONAL),
    (
        lambda o: reverse("admin:core_entidad_change", args=[o["entidad"].pk]),
        "get",
        {"admin": 200, "jefe": 302, "profesional": 302, "planeacion": 302, "control": 302, "profesional2": 302},
    ),
    (lambda o: reverse("core:dependencia-lista"), "get", PERSONAL),
    (lambda o: reverse("core:municipio-lista"), "get", PERSONAL),
    (lambda o: reverse("core:ods-lista"), "get", PERSONAL),
    (lambda o: reverse("core:moneda-lista"), "get", PERSONAL),
    (lambda o: reverse("core:politica-lista"), "get", PERSONAL),
    (
        lambda o: reverse("admin:core_actor_changelist"),
        "get",
        {"admin": 200, "jefe": 302, "profesional": 302, "planeacion": 302, "control": 302, "profesional2": 302},
    ),
    (lambda o: reverse("password_change"), "get", PERSONAL),
    (lambda o: reverse("core:reporte-lista"), "get", PERSONAL),
    (lambda o: reverse("core:reporte-ver", args=["actores"]), "get", PERSONAL),
    (
        lambda o: reverse("core:reporte-ver", args=["plazos"]),
        "get",
        {"admin": 200, "jefe": 200, "profesional": 404, "planeacion": 200, "control": 200, "profesional2": 404},
    ),
    (lambda o: reverse("core:reporte-ver", args=["no-existe"]), "get", dict.fromkeys(ROLES, 404)),
    (lambda o: reverse("core:reporte-solicitar", args=["actores"]), "post", dict.fromkeys(ROLES, 302)),
    (
        lambda o: reverse("core:reporte-detalle", args=[o["reporte_profesional"].pk]),
        "get",
        {**SOLO_PROFESIONAL_404, "profesional": 200},
    ),
    (
        lambda o: reverse("core:reporte-reintentar", args=[o["reporte_profesional"].pk]),
        "post",
        {**SOLO_PROFESIONAL_404, "profesional": 302},
    ),
    (
        lambda o: reverse("core:reporte-descargar", args=[o["reporte_profesional"].pk]),
        "get",
        dict.fromkeys(ROLES, 404),  # not ready: nobody downloads a failed report
    ),
    (lambda o: reverse("core:calendario-regenerar"), "post", dict.fromkeys(ROLES, 302)),
    (lambda o: reverse("core:plazos"), "get", PERSONAL),
    (lambda o: reverse("core:token-crear"), "post", PERSONAL),  # the page that shows the new key once
    (lambda o: reverse("core:token-crear"), "get", dict.fromkeys(ROLES, 405)),
    (lambda o: reverse("core:token-revocar"), "post", dict.fromkeys(ROLES, 302)),
    (lambda o: reverse("password_change_done"), "get", PERSONAL),
]

CASOS = [
    pytest.param(indice, rol, id=f"{rol}-{metodo}-{indice}")
    for indice, (_url, metodo, esperado) in enumerate(MATRIZ)
    for rol in esperado
]


@pytest.mark.parametrize(("indice", "rol"), CASOS)
def test_matriz_de_permisos(cliente_de, objetos, indice, rol):
    construir_url, metodo, esperado = MATRIZ[indice]
    cliente = cliente_de(rol)
    datos = {"motivo": "Prueba de permisos"} if metodo == "post" else None
    respuesta = getattr(cliente, metodo)(construir_url(objetos), datos)
    assert respuesta.status_code == esperado[rol]


@pytest.mark.parametrize("indice", range(len(MATRIZ)))
def test_anonimo_va_a_la_pagina_de_ingreso(client, objetos, indice):
    construir_url, metodo, _esperado = MATRIZ[indice]
    url = construir_url(objetos)
    respuesta = getattr(client, metodo)(url)
    if url.startswith("/administracion/"):
        assert respuesta.status_code == 302
        assert "/administracion/login/" in respuesta["Location"]
    elif metodo == "get" and "transicion" in url:
        assert respuesta.status_code in (302, 405)
    else:
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))


def test_usuario_sin_rol_recibe_403(client, db):
    from tests.factories import UsuarioFactory

    client.force_login(UsuarioFactory(username="sin_rol"))
    assert client.get(reverse("core:inicio")).status_code == 403


# Every named URL of the project is a row of some matrix, except these, each tested where its access rule differs.
MATRICES = ["tests.test_permisos", "tests.test_permisos_internacional", "tests.test_permisos_planes",
            "tests.test_permisos_rendicion", "tests.test_procesos", "tests.test_casos_oit",
            "tests.test_convocatorias_vistas"]  # fmt: skip
SIN_SESION = {"publico", "planes_publico", "rendicion_publico", "internacional_publico"}  # the citizen's pages
FUERA_DE_LA_MATRIZ = {
    "login": "the login page itself",
    "logout": "POST only, for anyone",
    "core:calendario": "a secret address without a session (test_calendario)",
}


def _nombres_de_urls(resolver=None, espacios=(), ruta=""):
    """(namespaced name, route) of every named pattern of the project's urlconf."""
    for patron in (resolver or get_resolver()).url_patterns:
        if isinstance(patron, URLResolver):
            espacio = (patron.namespace,) if patron.namespace else ()
            yield from _nombres_de_urls(patron, espacios + espacio, ruta + str(patron.pattern))
        elif patron.name:
            yield ":".join((*espacios, patron.name)), ruta + str(patron.pattern)


def _cadenas(objeto):
    """The string constants a row's URL builder uses, in its code, its nested code and its closure."""
    if isinstance(objeto, types.FunctionType):
        yield from _cadenas(objeto.__code__)
        for celda in objeto.__closure__ or ():
            valor = celda.cell_contents
            yield from (v for v in (valor if isinstance(valor, tuple | list) else (valor,)) if isinstance(v, str))
    elif isinstance(objeto, types.CodeType):
        for constante in objeto.co_consts:
            if isinstance(constante, types.CodeType):
                yield from _cadenas(constante)
            else:
                varias = constante if isinstance(constante, tuple) else (constante,)
                yield from (c for c in varias if isinstance(c, str))


def test_cada_url_con_nombre_esta_en_una_matriz_de_permisos():
    """A new view without its matrix rows fails here. Names are read from each row's URL builder: a full
    "app:name", or a bare name that the module's helpers prefix with f"app:{nombre}"."""
    nombres = dict(_nombres_de_urls())
    cubiertos = set()
    for modulo in map(importlib.import_module, MATRICES):
        espacios = set(re.findall(r'f"(\w+):\{', inspect.getsource(modulo)))
        for fila in modulo.MATRIZ:
            for cadena in _cadenas(fila[0]):
                cubiertos |= {c for c in [cadena, *(f"{e}:{cadena}" for e in espacios)] if c in nombres}
    excluidos = {
        nombre
        for nombre, ruta in nombres.items()
        if nombre.split(":")[0] in SIN_SESION | {"admin"}  # admin: Django's own check; each matrix samples its app
        or ruta.startswith("api/")  # token, 401 instead of the login page: the matrix of test_api
        or nombre in FUERA_DE_LA_MATRIZ
    }
    assert set(FUERA_DE_LA_MATRIZ) <= set(nombres)
    assert sorted(set(nombres) - cubiertos - excluidos) == []
