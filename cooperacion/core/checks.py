"""What a production instance refuses beyond Django's own deploy warnings: a secret key anyone can read."""

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.forms import BaseForm

# The sample value in .env.example. The local fallback in settings.py starts with "django-insecure-".
CLAVE_DE_EJEMPLO = "reemplazar-por-una-clave-secreta-larga-y-aleatoria"
LONGITUD_MINIMA_CLAVE = 50
AYUDA_CLAVE = (
    "Defina SECRET_KEY con una cadena aleatoria de al menos 50 caracteres, por ejemplo la salida de "
    "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
)


def problema_de_la_clave(clave: str) -> str | None:
    """Why this SECRET_KEY cannot serve in production, or None."""
    if not clave or clave.startswith("django-insecure"):
        return "Falta SECRET_KEY: se está usando la clave local de pruebas."
    if clave == CLAVE_DE_EJEMPLO:
        return "SECRET_KEY es el valor de ejemplo de .env.example."
    if len(clave) < LONGITUD_MINIMA_CLAVE or len(set(clave)) < 5:
        return f"SECRET_KEY es demasiado corta o repetitiva (menos de {LONGITUD_MINIMA_CLAVE} caracteres)."
    return None


@register(Tags.security, deploy=True)
def revisar_clave_secreta(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    problema = problema_de_la_clave(settings.SECRET_KEY)
    return [Error(problema, hint=AYUDA_CLAVE, id="core.E001")] if problema else []


def exigir_clave_de_produccion() -> None:
    """Start-up guard of the servers (wsgi.py, asgi.py): with DEBUG off, no missing, sample or short SECRET_KEY."""
    if not settings.DEBUG and (problema := problema_de_la_clave(settings.SECRET_KEY)):
        raise ImproperlyConfigured(f"{problema} {AYUDA_CLAVE}")


# The core's guards on every form --------------------------------------------------------------------

T = TypeVar("T")

APPS_DEL_PROYECTO = ("cooperacion", "procesos", "convocatorias", "planes", "rendicion", "indicadores")


def _subclases(clase: type[T]) -> Iterator[type[T]]:
    for subclase in clase.__subclasses__():
        yield subclase
        yield from _subclases(subclase)


def formularios_del_proyecto() -> Iterator[type[BaseForm]]:
    """Every form class defined in the project's apps (their forms and views modules are imported first)."""
    from importlib import import_module

    from django import forms
    from django.apps import apps
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports every view module, and the forms they use)
    for config in apps.get_app_configs():
        if config.name.split(".")[0] in APPS_DEL_PROYECTO:
            for modulo in ("forms", "views"):
                try:
                    import_module(f"{config.name}.{modulo}")
                except ModuleNotFoundError as error:
                    if error.name != f"{config.name}.{modulo}":
                        raise
    vistas: set[type[BaseForm]] = set()
    for clase in _subclases(forms.BaseForm):
        if clase.__module__.split(".")[0] in APPS_DEL_PROYECTO and clase not in vistas:
            vistas.add(clase)
            yield clase


def problemas_de_formulario(clase: type[BaseForm]) -> list[str]:
    """What a form class lacks of the core's guards (see campos.py)."""
    from django import forms

    from .archivos import tiene_validador
    from .campos import CampoNumero
    from .fechas import tiene_ventana

    problemas: list[str] = []
    # Every form class of the project is declarative (a Form or a ModelForm), which gives it base_fields.
    for nombre, campo in clase.base_fields.items():  # type: ignore[attr-defined]  # BaseForm itself has none
        if isinstance(campo, forms.DateField | forms.DateTimeField) and not tiene_ventana(campo):
            problemas.append(f"el campo «{nombre}» es una fecha sin la ventana de fechas (use campos.CampoFecha)")
        if isinstance(campo, forms.FileField) and not tiene_validador(campo):
            problemas.append(f"el campo «{nombre}» recibe archivos sin el validador (use campos.CampoArchivo)")
        if isinstance(campo, forms.DecimalField) and not isinstance(campo, CampoNumero):
            problemas.append(f"el campo «{nombre}» es un número sin el formato colombiano (use campos.CampoMonto)")
    meta = getattr(clase, "_meta", None)
    es_de_modelo = meta is not None and getattr(meta, "model", None) is not None
    if meta is not None and es_de_modelo and (meta.fields == "__all__" or meta.exclude):
        problemas.append("un ModelForm debe nombrar sus campos (nunca __all__ ni exclude)")
    return problemas


@register(Tags.security)
def revisar_formularios(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Every form of the project carries the date window, the upload validator and es-CO numbers."""
    errores: list[CheckMessage] = []
    for clase in formularios_del_proyecto():
        for problema in problemas_de_formulario(clase):
            errores.append(Error(f"{clase.__module__}.{clase.__qualname__}: {problema}.", id="core.E010"))
    return errores


@register(Tags.security)
def revisar_archivos_de_modelos(app_configs: Sequence[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Every file field a person can fill (model forms, the admin) carries the upload validator."""
    from django.apps import apps
    from django.db import models

    from .archivos import tiene_validador

    errores: list[CheckMessage] = []
    for modelo in apps.get_models():
        if modelo.__module__.split(".")[0] not in APPS_DEL_PROYECTO:
            continue
        for campo in modelo._meta.get_fields():
            if isinstance(campo, models.FileField) and campo.editable and not tiene_validador(campo):
                errores.append(
                    Error(
                        f"{modelo._meta.label}.{campo.name}: archivo sin el validador de subidas del núcleo.",
                        hint="Agregue validators=[archivos.ValidadorDeArchivo(...)] o márquelo editable=False.",
                        id="core.E011",
                    )
                )
    return errores
