import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

INICIO_DE_SESION = "_inicio_sesion"


def registrar_inicio_de_sesion(sender: object, request: HttpRequest | None, user: object, **kwargs: Any) -> None:
    """On user_logged_in: remember when the session began, for the absolute cap."""
    if request is not None and hasattr(request, "session"):
        request.session[INICIO_DE_SESION] = int(time.time())


class ExpiracionPorInactividadMiddleware:
    """Close a session after SESSION_INACTIVIDAD_MAXIMA seconds idle, and SESSION_DURACION_MAXIMA after sign-in.

    The session cookie's age (SESSION_COOKIE_AGE) is renewed on every request that saves the session, so on its
    own it never ends an active session; the sign-in time stored in the session does, however active it was.
    """

    CLAVE = "_ultima_actividad"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            ahora = int(time.time())
            ultima = request.session.get(self.CLAVE)
            # A session opened before the cap existed starts counting now.
            inicio = request.session.setdefault(INICIO_DE_SESION, ahora)
            if ahora - inicio > settings.SESSION_DURACION_MAXIMA:
                horas = settings.SESSION_DURACION_MAXIMA // 3600
                return self._cerrar(
                    request, _("Su sesión llegó al máximo de %(horas)d horas. Ingrese de nuevo.") % {"horas": horas}
                )
            if ultima is not None and ahora - ultima > settings.SESSION_INACTIVIDAD_MAXIMA:
                return self._cerrar(request, _("Su sesión se cerró por inactividad. Ingrese de nuevo."))
            request.session[self.CLAVE] = ahora
        return self.get_response(request)

    def _cerrar(self, request: HttpRequest, mensaje: str) -> HttpResponseRedirect:
        logout(request)
        messages.info(request, mensaje)
        return redirect_to_login(request.get_full_path())


class SinCacheParaUsuariosMiddleware:
    """Every response to a signed-in user, pages and downloads alike, gets `Cache-Control: private, no-store`.

    Nothing shown to a user may stay in a shared proxy or on a shared computer's disk. A view that sets its own
    Cache-Control keeps it: the admin's (never_cache) already forbids storing, and the iCalendar feed is fetched by
    calendar clients with its secret token, not with the session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        respuesta = self.get_response(request)
        usuario = getattr(request, "user", None)
        if usuario is not None and usuario.is_authenticated and not respuesta.has_header("Cache-Control"):
            respuesta["Cache-Control"] = "private, no-store"
        return respuesta


class LimiteDeSolicitudMiddleware:
    """Refuse a request body larger than MAX_SOLICITUD_BYTES before anything reads it (413), with a page that says
    the limit. The reverse proxy should refuse it first (client_max_body_size); this is the application's guard."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        try:
            longitud = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            longitud = 0
        if longitud > settings.MAX_SOLICITUD_BYTES:
            contenido = render_to_string(
                "413.html", {"limite_mb": settings.MAX_SOLICITUD_BYTES // (1024 * 1024)}, request=None
            )
            return HttpResponse(contenido, status=413)
        return self.get_response(request)


class LimiteDeSubidaHandler(FileUploadHandler):
    """The same limit for bodies sent without a Content-Length (chunked): stop reading once it is passed."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.recibidos = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.recibidos += len(raw_data)
        if self.recibidos > settings.MAX_SOLICITUD_BYTES:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


class PaginaMetodoNoPermitidoMiddleware:
    """A GET on an address that only takes a form's POST (an action button, a bookmark of it) gets a page that
    explains and links back, not the browser's bare 405."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        respuesta = self.get_response(request)
        if respuesta.status_code == 405 and not respuesta.content:
            volver = request.META.get("HTTP_REFERER", "")
            if not url_has_allowed_host_and_scheme(volver, allowed_hosts={request.get_host()}):
                volver = ""
            contenido = render_to_string("405.html", {"volver": volver}, request=request)
            nueva = HttpResponse(contenido, status=405)
            if respuesta.has_header("Allow"):
                nueva["Allow"] = respuesta["Allow"]
            return nueva
        return respuesta
