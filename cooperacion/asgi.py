import os

from django.core.asgi import get_asgi_application

from cooperacion.core.checks import exigir_clave_de_produccion

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperacion.settings")
# With DEBUG off the server does not start on a missing, sample or short SECRET_KEY.
exigir_clave_de_produccion()

application = get_asgi_application()
