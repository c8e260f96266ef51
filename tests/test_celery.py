"""Background work: the web never waits on the broker, and a real worker consumes from Redis."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from cooperacion import celery_app
from cooperacion.core import services
from cooperacion.core.models import Notificacion, Salida

RAIZ = Path(__file__).resolve().parent.parent


@pytest.fixture
def sin_modo_eager():
    anterior = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = anterior


@pytest.fixture
def broker_caido(sin_modo_eager):
    """Point the publisher at a port where nothing listens, with fresh connection pools."""
    celery_app.conf.broker_write_url = "redis://127.0.0.1:9/0"
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)
    yield
    celery_app.conf.changes.pop("broker_write_url", None)
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)


def test_con_el_broker_caido_guardar_funciona_y_no_se_demora(
    usuarios, broker_caido, django_capture_on_commit_callbacks, caplog
):
    inicio = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notificacion = services.notificar(usuario=usuarios["jefe"], titulo="Guardado sin broker")
    assert len(callbacks) == 1
    assert "No se pudo publicar la salida" in caplog.text
    assert Notificacion.objects.filter(pk=notificacion.pk, correo_enviado_en__isnull=True).exists()
    # The e-mail waits in the outbox for the sweep.
    assert Salida.objects.get().estado == Salida.Estado.PENDIENTE
    assert time.monotonic() - inicio < 10


@pytest.mark.celery_real
@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="sin CELERY_BROKER_URL no hay broker real")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="el worker es otro proceso: necesita PostgreSQL")
def test_un_worker_real_envia_el_correo_desde_redis(
    transactional_db,
    usuarios,
    sin_modo_eager,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    """A `celery worker` process consumes the task from Redis and writes to the test database."""
    cola = f"pruebas-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(celery_app.conf, "task_default_queue", cola)
    datos = connection.settings_dict
    entorno = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{datos['USER']}:{datos['PASSWORD']}@{datos['HOST']}:{datos['PORT']}/{datos['NAME']}"
        ),
        "EMAIL_URL": "consolemail://",
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cooperacion", "worker", "--pool", "solo", "-Q", cola, "-l", "info",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=RAIZ, env=entorno, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notificacion = services.notificar(usuario=usuarios["jefe"], titulo="Por el worker")
        limite = time.monotonic() + 60
        while notificacion.correo_enviado_en is None and time.monotonic() < limite and worker.poll() is None:
            time.sleep(0.5)
            notificacion.refresh_from_db()
    finally:
        worker.terminate()
        salida, _ = worker.communicate(timeout=30)
    assert notificacion.correo_enviado_en is not None, salida
    assert "Subject: Por el worker" in salida
    assert "succeeded" in salida


@pytest.mark.celery_real
@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="sin CELERY_BROKER_URL no hay broker real")
@pytest.mark.skipif(connection.vendor != "postgresql", reason="el worker es otro proceso: necesita PostgreSQL")
def test_tras_una_caida_del_broker_el_barrido_entrega_cada_correo_y_reporte_una_vez(
    transactional_db,
    usuarios,
    dependencias,
    sin_modo_eager,
    django_capture_on_commit_callbacks,
    monkeypatch,
    settings,
    tmp_path,
):
    """Broker down: a notice, the oficio to two addressees and a report are saved and wait in the outbox. Broker up:
    the sweep publishes them, a real worker sends each e-mail once and produces the report; a second sweep sends
    nothing more."""
    from datetime import timedelta

    from django.utils import timezone

    from convocatorias import services as servicios_convocatorias
    from convocatorias.models import Convocatoria
    from cooperacion.core import salidas
    from cooperacion.core.models import ReporteGenerado, Salida
    from tests.factories_convocatorias import asegurar_datos_de_convocatorias, avanzar, datos_de_convocatoria

    settings.MEDIA_ROOT = str(tmp_path)
    asegurar_datos_de_convocatorias()
    usuarios["jefe"].email = "jefe@entidad.gov.co"
    usuarios["jefe"].save()
    # The broker is down while people work.
    celery_app.conf.broker_write_url = "redis://127.0.0.1:9/0"
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)
    with django_capture_on_commit_callbacks(execute=True):
        services.notificar(usuario=usuarios["jefe"], titulo="Aviso durante la falla")
        generado = services.reporte_solicitar(codigo="actores", formato="xlsx", datos={}, usuario=usuarios["admin"])
        convocatoria = servicios_convocatorias.convocatoria_crear(
            usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="Oficio en la caída")
        )
        avanzar(convocatoria, Convocatoria.Estado.VALIDADA, usuarios=usuarios, dependencias=dependencias)
        servicios_convocatorias.aviso_guardar(
            convocatoria=convocatoria, usuario=usuarios["profesional"], asunto="Oficio durante la falla", texto="Texto"
        )
        servicios_convocatorias.destinatario_agregar(
            convocatoria=convocatoria, usuario=usuarios["profesional"], organizacion="ONG A", correo="a@ong.org"
        )
        servicios_convocatorias.destinatario_agregar(
            convocatoria=convocatoria,
            usuario=usuarios["profesional"],
            dependencia=dependencias["ddft"],
            correo="d@x.co",
        )
        servicios_convocatorias.convocatoria_informar(convocatoria=convocatoria, usuario=usuarios["jefe"])
    assert Salida.objects.exclude(estado=Salida.Estado.PENDIENTE).count() == 0
    assert ReporteGenerado.objects.get(pk=generado.pk).estado == ReporteGenerado.Estado.PENDIENTE
    assert convocatoria.destinatarios.filter(correo_enviado_en__isnull=False).count() == 0

    # The broker is back; a real worker consumes what the sweep publishes.
    celery_app.conf.changes.pop("broker_write_url", None)
    celery_app._pool = None
    celery_app.__dict__.pop("amqp", None)
    cola = f"pruebas-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(celery_app.conf, "task_default_queue", cola)
    datos = connection.settings_dict
    entorno = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{datos['USER']}:{datos['PASSWORD']}@{datos['HOST']}:{datos['PORT']}/{datos['NAME']}"
        ),
        "EMAIL_URL": "consolemail://",
        "MEDIA_ROOT": str(tmp_path),
        "STATIC_MANIFEST": "False",  # the tests never run collectstatic; the PDF reads the app's static files
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "cooperacion", "worker", "--pool", "solo", "-Q", cola, "-l", "info",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=RAIZ, env=entorno, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        publicadas = salidas.barrer(ahora=timezone.now() + timedelta(minutes=5))
        assert publicadas == Salida.objects.count() >= 3
        limite = time.monotonic() + 90
        while (
            Salida.objects.exclude(estado=Salida.Estado.HECHA).exists()
            and time.monotonic() < limite
            and worker.poll() is None
        ):
            time.sleep(0.5)
        assert salidas.barrer(ahora=timezone.now() + timedelta(minutes=10)) == 0
        time.sleep(1)
    finally:
        worker.terminate()
        salida, _ = worker.communicate(timeout=30)
    assert list(Salida.objects.exclude(estado=Salida.Estado.HECHA).values_list("efecto", "error")) == [], salida
    assert salida.count("Subject: Aviso durante la falla") == 1
    assert salida.count("Subject: Oficio durante la falla") == 2  # one message per addressee, each once
    assert ReporteGenerado.objects.get(pk=generado.pk).estado == ReporteGenerado.Estado.LISTO
    assert convocatoria.destinatarios.filter(correo_enviado_en__isnull=False).count() == 2
