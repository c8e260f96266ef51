"""Settings for Cooperación, read only from the environment (django-environ).

The embedded default (no variables set) is SQLite, Celery eager and console e-mail;
production sets DATABASE_URL, CELERY_BROKER_URL, REDIS_URL, SECRET_KEY, DEBUG=False
and ALLOWED_HOSTS (see .env.example).
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# The fallback key only serves local trials and tests. With DEBUG off, gunicorn refuses to start on it, on the
# .env.example sample or on a short key, and `check --deploy` fails (cooperacion/core/checks.py).
SECRET_KEY = env("SECRET_KEY", default="django-insecure-solo-para-pruebas-locales-no-usar-en-produccion")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
ENTIDAD_NOMBRE = env("ENTIDAD_NOMBRE", default="Ministerio del Trabajo")
# The entity's IATI organisation identifier (CO-RUE + NIT) the first migration writes into the Entidad catalog
# record; after that the Administrador changes it there (Catálogos → Entidad), not here.
ENTIDAD_IATI_ID = env("ENTIDAD_IATI_ID", default="CO-RUE-830115226")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "simple_history",
    "django_fsm",
    "django_fsm_log",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "cooperacion.core",
    "cooperacion.internacional",
    "indicadores",
    "procesos",
    "convocatorias",
    "planes",
    "rendicion",
]

MIDDLEWARE = [
    "cooperacion.core.middleware.LimiteDeSolicitudMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cooperacion.core.middleware.PaginaMetodoNoPermitidoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cooperacion.core.middleware.ExpiracionPorInactividadMiddleware",
    "cooperacion.core.middleware.SinCacheParaUsuariosMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cooperacion.urls"
WSGI_APPLICATION = "cooperacion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cooperacion.core.context_processors.navegacion",
            ],
            # The core's filters and tags (resumir, dias_plazo, transiciones…) in every template.
            "builtins": ["cooperacion.core.templatetags.cooperacion"],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a busy writer instead of failing at once (the sweep and the web share the file).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Server-side cursors here only feed exports, which read every row: plan them for the whole result, not for its
    # first 10 % (PostgreSQL's default), which can pick a nested loop that is quadratic when statistics lag behind.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c cursor_tuple_fraction=1.0")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.Usuario"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Spanish and Colombian common passwords, and the entity's own words with a year or symbols.
    {"NAME": "cooperacion.core.validadores_contrasena.ContrasenaComunValidator"},
    {"NAME": "cooperacion.core.validadores_contrasena.PalabrasDeLaEntidadValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:inicio"
LOGOUT_REDIRECT_URL = "login"

# Sessions: 12 hours at most from sign-in however active, closed after 30 minutes without activity
# (cooperacion/core/middleware.py).
SESSION_DURACION_MAXIMA = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_DURACION_MAXIMA
SESSION_INACTIVIDAD_MAXIMA = 30 * 60
SESSION_COOKIE_HTTPONLY = True

# django-axes: an office shares one public IP, so lock the (username, IP) pair, never the IP alone.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/bloqueado.html"
# Behind a reverse proxy every request comes from the proxy's address: TRUSTED_PROXY_COUNT says how many of our
# proxies append to X-Forwarded-For, and the client's address is read there (cooperacion/core/acceso.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "cooperacion.core.acceso.ip_del_cliente"
AXES_VERBOSE = False
# The current password on the change-password form: the same limit and wait, counted per user in the cache.
CAMBIO_CLAVE_INTENTOS = AXES_FAILURE_LIMIT
CAMBIO_CLAVE_ESPERA = AXES_COOLOFF_TIME

LANGUAGE_CODE = "es-co"
LANGUAGES = [("es-co", "Español (Colombia)")]
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["cooperacion.formatos"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Uploaded files are never served as static: only through views that check permissions.
MEDIA_URL = "/archivos/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest request body accepted, uploads included (files are limited to 10 MB each by the upload validator);
# larger bodies get a 413 before they are read. The proxy in front should use the same limit (README).
MAX_SOLICITUD_BYTES = env.int("MAX_SOLICITUD_MB", default=25) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "cooperacion.core.middleware.LimiteDeSubidaHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail: console by default; production sets EMAIL_URL (smtp+tls://user:pass@host:587).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Cooperación <no-responder@cooperacion.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 20

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: no broker URL means tasks run in-process (eager), for trying the product with one command.
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 6 * 60
CELERY_TASK_ACKS_LATE = False  # turned on per task, only for idempotent ones
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The web never waits on the broker: publishing gives up fast and the sweep catches up later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 1}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}

# Security headers. The deploy values switch on by themselves when DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Read-only REST API (/api/v1/): a token per user (created and revoked in «Mi perfil»), the web's roles and scope.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cooperacion.core.api_base.TokenPorDigesto",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["cooperacion.core.api_base.EsPersonal"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "cooperacion.core.api_base.Paginacion",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env("API_LIMITE_POR_USUARIO", default="1000/hour"),
        "anon": env("API_LIMITE_ANONIMO", default="30/hour"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cooperación — API de solo lectura",
    "DESCRIPTION": "Convocatorias, proyectos, planes, indicadores, rendición de cuentas y catálogos, con los mismos "
    "roles y el mismo alcance por dependencia que la aplicación web. Autenticación: cabecera "
    "`Authorization: Token <token>`; el token se crea y se revoca en «Mi perfil».",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["cooperacion.core.api_base.EsPersonal"],
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our static files: no CDN, allowed by the CSP
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"simple": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "simple"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Demo data: refuse to create demo users with a known password on a production instance.
DEMO_PASSWORD = env("DEMO_PASSWORD", default="")
