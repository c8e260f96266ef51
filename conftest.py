"""Project-wide fixtures: one user per role plus the outsider, and test-friendly settings."""

import os

import pytest
from django.contrib.auth.models import Group

from cooperacion.core import roles

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CONTRASENA = "Prueba.Segura.2026"


@pytest.fixture(autouse=True)
def _ajustes_de_prueba(settings):
    """Plain HTTP and unhashed static names in tests; everything else stays as in production."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def dependencias(db):
    from tests.factories import DependenciaFactory

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
