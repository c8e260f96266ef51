"""Project-wide fixtures: one user per role plus the outsider, and test-friendly settings."""

import importlib
import os
import tempfile

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group

from cooperacion import celery_app
from cooperacion.core import roles
from cooperacion.core.models import Municipio

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CONTRASENA = "Prueba.Segura.2026"


# Tests speak plain HTTP to the live server and use unhashed static names; everything else stays as in
# production. Set once here, before any middleware is built (the session-wide live server builds it early).
settings.SECURE_SSL_REDIRECT = False
settings.SESSION_COOKIE_SECURE = False
settings.CSRF_COOKIE_SECURE = False
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Uploaded and generated files of the tests go to a throwaway folder, never to the project's media/.
settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="cooperacion-pruebas-")
# Tasks run in-process unless a test starts a real worker (tests/test_celery.py does, against Redis).
celery_app.conf.task_always_eager = True


def asegurar_datos_de_referencia():
    """Roles and catalogs as the data migrations load them, re-created after a transactional test flushed them.

    Serialized rollback cannot do this for browser tests: Playwright's event loop gives them another connection object.
    """
    if Group.objects.filter(name__in=roles.TODOS).count() == len(roles.TODOS) and Municipio.objects.exists():
        return
    for modulo, funcion in DATOS_DE_MIGRACIONES:
        getattr(importlib.import_module(modulo), funcion)(django_apps, None)


# The data migrations that load reference data (roles, permissions, catalogs), in order.
DATOS_DE_MIGRACIONES = [
    ("cooperacion.core.migrations.0002_roles", "crear_roles"),
    ("cooperacion.core.migrations.0003_catalogos_de_referencia", "cargar"),
    ("cooperacion.core.migrations.0005_permisos_plazos_y_reportes", "dar_permisos"),
    ("cooperacion.core.migrations.0013_entidad_y_tipo_iati_del_actor", "llenar"),
    ("cooperacion.internacional.migrations.0002_permisos_de_roles", "dar_permisos"),
    ("cooperacion.internacional.migrations.0004_permisos_lineas_y_necesidades", "dar_permisos"),
    ("cooperacion.internacional.migrations.0006_permisos_convenios", "dar_permisos"),
    ("procesos.migrations.0002_roles", "dar_permisos"),
    ("convocatorias.migrations.0002_modalidades", "cargar"),
    ("convocatorias.migrations.0003_permisos_de_roles", "dar_permisos"),
    ("indicadores.migrations.0002_permisos_de_roles", "dar_permisos"),
    ("planes.migrations.0002_permisos_de_roles", "dar_permisos"),
    ("rendicion.migrations.0002_datos_iniciales", "cargar_todo"),
]


@pytest.fixture
def dependencias(db):
    from tests.factories import DependenciaFactory

    asegurar_datos_de_referencia()

    ocri = DependenciaFactory(codigo="1100", nombre="Oficina de Cooperación y Relaciones Internacionales", sigla="OCRI")
    ddft = DependenciaFactory(codigo="2100", nombre="Dirección de Derechos Fundamentales del Trabajo", sigla="DDFT")
    return {"ocri": ocri, "ddft": ddft}


@pytest.fixture
def usuarios(db, dependencias):
    """admin, jefe, profesional, planeacion, control (cooperation office) and profesional2 (another dependencia)."""
    from tests.factories import UsuarioFactory

    definicion = {
        "admin": (roles.ADMINISTRADOR, "ocri"),
        "jefe": (roles.JEFE, "ocri"),
        "profesional": (roles.PROFESIONAL, "ocri"),
        "planeacion": (roles.PLANEACION, "ocri"),
        "control": (roles.CONTROL_INTERNO, "ocri"),
        "profesional2": (roles.PROFESIONAL, "ddft"),
    }
    resultado = {}
    for username, (rol, dependencia) in definicion.items():
        usuario = UsuarioFactory(
            username=username,
            dependencia=dependencias[dependencia],
            is_staff=rol == roles.ADMINISTRADOR,
            password=CONTRASENA,
        )
        usuario.groups.add(Group.objects.get(name=rol))
        resultado[username] = usuario
    return resultado


@pytest.fixture
def cliente_de(client, usuarios):
    """`cliente_de("jefe")` → the test client logged in as that user (None → anonymous)."""

    def _cliente(nombre):
        client.logout()
        if nombre:
            client.force_login(usuarios[nombre])
        return client

    return _cliente


@pytest.fixture
def plazos_de_prueba(db):
    """Register a deadline kind whose deadlines each test sets (`plazos_de_prueba.agregar(actor, fecha, user)`)."""
    from cooperacion.core import plazos
    from cooperacion.core.models import Actor
    from tests.plazos_prueba import CODIGO, PlazosDePrueba

    proveedor = PlazosDePrueba()
    plazos.registrar(plazos.TipoDePlazo(codigo=CODIGO, nombre="Informe de prueba"), proveedor, modelo=Actor)
    yield proveedor
    plazos.desregistrar(CODIGO)
