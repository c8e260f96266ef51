"""What the REST framework settings name (permission and pagination): kept apart from `api`, which imports the
framework's views, so that reading the settings does not import `api` while it is being imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination, permissions
from rest_framework.exceptions import NotAuthenticated

from . import permissions as predicados

if TYPE_CHECKING:  # the framework's settings import this module while rest_framework.views is being imported
    from rest_framework.request import Request
    from rest_framework.views import APIView


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
