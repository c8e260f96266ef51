"""One-time create tokens: a form that creates a record carries a token; its first submit creates, a repeat (a
double click, a resent POST, a second tab) is answered with the first result instead of a second record.

A view opts in with `CreacionUnicaMixin` (any FormView, `AccionConFormularioView` included). The token row is
inserted in the same transaction as the record: on PostgreSQL a concurrent repeat waits on the unique index until
the first commits, then finds its result.
"""

import secrets
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import TokenDeCreacion

CAMPO = "token_creacion"
VIGENCIA_DIAS = 2


def nuevo_token() -> str:
    return secrets.token_urlsafe(24)


class CreacionUnicaMixin:
    """For a view whose form creates a record: adds the hidden token and refuses a second record for it."""

    mensaje_repetido = gettext_lazy("Este formulario ya se había enviado: le mostramos lo que se registró entonces.")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields[CAMPO] = forms.CharField(
            widget=forms.HiddenInput,
            initial=nuevo_token(),
            max_length=64,
            error_messages={"required": _("El formulario venció: recargue la página e inténtelo de nuevo.")},
        )
        return form

    def post(self, request, *args, **kwargs):
        previo = self._resultado_previo(request.POST.get(CAMPO, ""))
        if previo:
            messages.info(request, self.mensaje_repetido)
            return redirect(previo)
        return super().post(request, *args, **kwargs)

    def _resultado_previo(self, token: str) -> str:
        if not token:
            return ""
        fila = TokenDeCreacion.objects.filter(token=token, usuario=self.request.user).first()
        return fila.url_resultado if fila else ""

    def form_valid(self, form):
        token = form.cleaned_data[CAMPO]
        with transaction.atomic():
            try:
                with transaction.atomic():
                    TokenDeCreacion.objects.create(token=token, usuario=self.request.user)
            except IntegrityError:
                previo = self._resultado_previo(token)
                if previo:
                    messages.info(self.request, self.mensaje_repetido)
                    return redirect(previo)
                form.add_error(None, _("Este formulario ya se está procesando. Espere un momento y revise la lista."))
                return self.form_invalid(form)
            respuesta = super().form_valid(form)
            if isinstance(respuesta, HttpResponseRedirect):
                TokenDeCreacion.objects.filter(token=token).update(url_resultado=respuesta.url[:500])
            else:
                transaction.set_rollback(True)  # nothing was created: the same token may be used again
        return respuesta


def tokens_vencidos_borrar() -> int:
    """Forget tokens older than their validity (a page left open that long is reloaded anyway)."""
    limite = timezone.now() - timedelta(days=VIGENCIA_DIAS)
    borrados, _detalle = TokenDeCreacion.objects.filter(creado_en__lt=limite).delete()
    return borrados
