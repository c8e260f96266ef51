"""What the REST framework settings name (authentication, permission and pagination): kept apart from `api`, which
imports the framework's views, so that reading the settings does not import `api` while it is being imported."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, pagination, permissions
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated

from . import permissions as predicados

if TYPE_CHECKING:  # the framework's settings import this module while rest_framework.views is being imported
    from rest_framework.request import Request
    from rest_framework.views import APIView

    from .models import TokenDeAPI, Usuario

# How stale «último uso» may be: a write at most this often per token, not one per request.
USO_CADA = timedelta(minutes=5)


class TokenPorDigesto(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, looked up by the key's SHA-256: the database never holds the key itself."""

    def authenticate_credentials(self, key: str) -> tuple[Usuario, TokenDeAPI]:
        from .models import TokenDeAPI  # not at import time: the settings name this module before the apps load
        from .models.tokens import digesto_de

        token = TokenDeAPI.objects.select_related("usuario").filter(digesto=digesto_de(key)).first()
        if token is None:
            raise AuthenticationFailed(_("Token no válido o revocado."))
        if not token.usuario.is_active:
            raise AuthenticationFailed(_("Usuario inactivo."))
        ahora = timezone.now()
        if token.ultimo_uso is None or ahora - token.ultimo_uso > USO_CADA:
            # «último uso» is excluded from the token's history: a bare update loses nothing there.
            TokenDeAPI.objects.filter(pk=token.pk).update(ultimo_uso=ahora)
        return token.usuario, token


class EsPersonal(permissions.BasePermission):
    """The staff with a role, as on the web: anonymous → 401, a user without a role → 403."""

    message = _("Su usuario no tiene un rol asignado.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not (request.user and request.user.is_authenticated):
            raise NotAuthenticated(_("Envíe su token en la cabecera Authorization: Token <token>."))
        return predicados.es_personal(request.user)


class Paginacion(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "tamano"
    max_page_size = 200
