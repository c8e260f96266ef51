"""Sign-in guards: the client's address behind the trusted proxies, and the limit on the change-password form."""

from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import PasswordChangeView, redirect_to_login
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .tipos import UsuarioOAnonimo

logger = logging.getLogger(__name__)


def ip_del_cliente(request: HttpRequest) -> str | None:
    """The client's address for django-axes: REMOTE_ADDR, or what the outermost of our proxies saw.

    Each proxy appends to X-Forwarded-For the address that connected to it, so with TRUSTED_PROXY_COUNT = n the
    n-th entry from the right (the left-most, if there are fewer) was written by our outermost proxy; anything further
    left came from the client and is never trusted.
    """
    remota = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    reenviadas = [d.strip() for d in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if d.strip()]
    if proxies <= 0 or not reenviadas:
        return remota
    candidata = reenviadas[-min(proxies, len(reenviadas))]
    try:
        return str(ipaddress.ip_address(candidata))
    except ValueError:
        return remota


def _clave_de_fallos(usuario: UsuarioOAnonimo) -> str:
    return f"cambio-clave:fallos:{usuario.pk}"


def _registrar_fallo(usuario: UsuarioOAnonimo) -> int:
    """Count one wrong current password; the count lives CAMBIO_CLAVE_ESPERA from the first one (a fixed window)."""
    clave = _clave_de_fallos(usuario)
    espera = int(settings.CAMBIO_CLAVE_ESPERA.total_seconds())
    cache.add(clave, 0, timeout=espera)
    try:
        return cache.incr(clave)
    except ValueError:  # the window closed between add and incr
        cache.set(clave, 1, timeout=espera)
        return 1


def _cambio_bloqueado(usuario: UsuarioOAnonimo) -> bool:
    return cache.get(_clave_de_fallos(usuario), 0) >= settings.CAMBIO_CLAVE_INTENTOS


def _minutos_de_espera() -> int:
    return int(settings.CAMBIO_CLAVE_ESPERA.total_seconds() // 60)


class CambioDeClaveView(PasswordChangeView):
    """Django's change-password page, with at most CAMBIO_CLAVE_INTENTOS wrong current passwords per user.

    The current password is what someone holding an open session does not know; without a limit the form lets them
    guess it. At the limit the session is closed, and the form stays refused until the window ends.
    """

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and _cambio_bloqueado(request.user):
            contexto = {"minutos": _minutos_de_espera()}
            return render(request, "registration/cambio_clave_bloqueado.html", contexto, status=429)
        return super().dispatch(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        if form.has_error("old_password", "password_incorrect"):
            usuario = self.request.user
            if _registrar_fallo(usuario) >= settings.CAMBIO_CLAVE_INTENTOS:
                logger.warning("Cambio de contraseña bloqueado tras intentos fallidos: usuario %s", usuario.pk)
                logout(self.request)
                messages.error(
                    self.request,
                    _(
                        "Por seguridad cerramos su sesión: la contraseña actual se escribió mal demasiadas veces. "
                        "Ingrese de nuevo; podrá cambiar su contraseña dentro de %(minutos)d minutos."
                    )
                    % {"minutos": _minutos_de_espera()},
                )
                return redirect_to_login(reverse("password_change"))
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        cache.delete(_clave_de_fallos(self.request.user))
        return super().form_valid(form)
