"""What a production instance refuses beyond Django's own deploy warnings: a secret key anyone can read."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

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
def revisar_clave_secreta(app_configs, **kwargs):
    problema = problema_de_la_clave(settings.SECRET_KEY)
    return [Error(problema, hint=AYUDA_CLAVE, id="core.E001")] if problema else []


def exigir_clave_de_produccion():
    """Start-up guard of the servers (wsgi.py, asgi.py): with DEBUG off, no missing, sample or short SECRET_KEY."""
    if not settings.DEBUG and (problema := problema_de_la_clave(settings.SECRET_KEY)):
        raise ImproperlyConfigured(f"{problema} {AYUDA_CLAVE}")
