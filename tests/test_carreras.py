"""Two people take the same action on the same record at the same moment: exactly one effect.

Every action of every `Flujo` registered by a `TransicionView` runs twice in parallel (PostgreSQL, two connections)
through the core's runner; one succeeds, the other is refused with a message, and the record's transition log gets
one row. The scenarios live in tests/carreras_*.py; an action without one fails `test_cada_accion_tiene_escenario`.
"""

import importlib
import pkgutil
import threading
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.urls import get_resolver
from django_fsm_log.models import StateLog

import tests
from cooperacion.core import flujos
from cooperacion.core.errores import ErrorDeDominio
from tests.carreras import ESCENARIOS

for _modulo in pkgutil.iter_modules([str(Path(tests.__file__).parent)]):
    if _modulo.name.startswith("carreras_"):
        importlib.import_module(f"tests.{_modulo.name}")
get_resolver().url_patterns  # noqa: B018  (imports every view module: their TransicionViews register the Flujos)

ACCIONES = sorted(
    (flujo.url_name, accion.nombre) for _modelo, flujo, _parametro in flujos.registrados() for accion in flujo.acciones
)


def _definicion(url_name, nombre):
    for modelo, flujo, parametro in flujos.registrados():
        if flujo.url_name == url_name:
            return modelo, flujo.accion(nombre), parametro
    raise LookupError(url_name)


def test_cada_accion_tiene_escenario():
    assert ACCIONES, "no hay flujos registrados"
    faltan = [clave for clave in ACCIONES if clave not in ESCENARIOS]
    assert faltan == [], f"acciones sin escenario de carrera en tests/carreras_*.py: {faltan}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="dos transacciones concurrentes: PostgreSQL")
@pytest.mark.parametrize(("url_name", "nombre"), ACCIONES, ids=[f"{u}:{n}" for u, n in ACCIONES])
def test_dos_a_la_vez_un_solo_efecto(transactional_db, usuarios, dependencias, settings, tmp_path, url_name, nombre):
    settings.MEDIA_ROOT = tmp_path
    modelo, accion, parametro = _definicion(url_name, nombre)
    registro, usuario, datos = ESCENARIOS[(url_name, nombre)](usuarios, dependencias)
    tipo = ContentType.objects.get_for_model(modelo)
    antes = StateLog.objects.filter(content_type=tipo, object_id=registro.pk).count()
    barrera = threading.Barrier(2)
    exitos, rechazos, errores = [], [], []

    def actuar():
        try:
            propio = modelo._base_manager.get(pk=registro.pk)  # each person loaded the page before the other acted
            quien = type(usuario).objects.get(pk=usuario.pk)
            barrera.wait(timeout=20)
            flujos.ejecutar(accion, propio, usuario=quien, parametro=parametro, **datos)
            exitos.append(1)
        except ErrorDeDominio as error:
            rechazos.append(str(error))
        except Exception as error:  # collected and shown below
            errores.append(repr(error))
        finally:
            connections.close_all()

    hilos = [threading.Thread(target=actuar) for _ in range(2)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join(timeout=120)
    assert errores == []
    assert (len(exitos), len(rechazos)) == (1, 1), rechazos
    assert StateLog.objects.filter(content_type=tipo, object_id=registro.pk).count() == antes + 1
