"""One-time create tokens: a form that creates a record carries a token; its first submit creates, a repeat (a
double click, a resent POST, a second tab) is answered with the first result instead of a second record.

A view opts in with `CreacionUnicaMixin` (any FormView, `AccionConFormularioView` included). The token row is
inserted in the same transaction as the record: on PostgreSQL a concurrent repeat waits on the unique index until
the first commits, then finds its result.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .campos import agregar_campo_de_control
from .models import TokenDeCreacion
from .tipos import usuario_de

if TYPE_CHECKING:
    from django.views.generic import FormView

    _Vista = FormView[Any]  # what the mixin is mixed into
else:
    _Vista = object

CAMPO = "token_creacion"
VIGENCIA_DIAS = 2


def nuevo_token() -> str:
    return secrets.token_urlsafe(24)


class CreacionUnicaMixin(_Vista):
    """For a view whose form creates a record: adds the hidden token and refuses a second record for it."""

    mensaje_repetido = gettext_lazy("Este formulario ya se había enviado: le mostramos lo que se registró entonces.")

    def get_form(self, form_class: type[Any] | None = None) -> Any:
        form = super().get_form(form_class)
        agregar_campo_de_control(
            form,
            CAMPO,
            forms.CharField(
                widget=forms.HiddenInput,
                initial=nuevo_token(),
                max_length=64,
                error_messages={"required": _("El formulario venció: recargue la página e inténtelo de nuevo.")},
            ),
        )
        return form

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(CAMPO, "")
        previo = self._resultado_previo(token)
        if previo:
            messages.info(request, self.mensaje_repetido)
            return redirect(previo)
        if not token:
            return super().post(request, *args, **kwargs)  # the form refuses it: the page is too old
        with transaction.atomic():
            try:
                with transaction.atomic():
                    TokenDeCreacion.objects.create(token=token[:64], usuario=usuario_de(request))
            except IntegrityError:
                # The same form is being processed right now (a double click): its first submit decides.
                previo = self._resultado_previo(token)
                if previo:
                    messages.info(request, self.mensaje_repetido)
                    return redirect(previo)
                messages.warning(request, _("Este formulario ya se está procesando: revise la lista en un momento."))
                return redirect(request.get_full_path())
            respuesta = super().post(request, *args, **kwargs)
            if isinstance(respuesta, HttpResponseRedirect):
                TokenDeCreacion.objects.filter(token=token[:64]).update(url_resultado=respuesta.url[:500])
            else:
                transaction.set_rollback(True)  # nothing was created: the same token may be used again
        return respuesta

    def _resultado_previo(self, token: str) -> str:
        if not token or not self.request.user.is_authenticated:
            return ""
        fila = TokenDeCreacion.objects.filter(token=token[:64], usuario=self.request.user).first()
        return fila.url_resultado if fila else ""


def tokens_vencidos_borrar() -> int:
    """Forget tokens older than their validity (a page left open that long is reloaded anyway)."""
    limite = timezone.now() - timedelta(days=VIGENCIA_DIAS)
    borrados, _detalle = TokenDeCreacion.objects.filter(creado_en__lt=limite).delete()
    return borrados
