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
    django_db_serialized_rollback,
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
