import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _


class ExpiracionPorInactividadMiddleware:
    """Close a session after SESSION_INACTIVIDAD_MAXIMA seconds idle; SESSION_COOKIE_AGE caps its total life."""

    CLAVE = "_ultima_actividad"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            ahora = int(time.time())
            ultima = request.session.get(self.CLAVE)
            if ultima is not None and ahora - ultima > settings.SESSION_INACTIVIDAD_MAXIMA:
                logout(request)
                messages.info(request, _("Su sesión se cerró por inactividad. Ingrese de nuevo."))
                return redirect_to_login(request.get_full_path())
            request.session[self.CLAVE] = ahora
        return self.get_response(request)
