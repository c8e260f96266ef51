"""Views every record of this app shares: a filtered list with its export, a scoped detail page, a create form with
its one-time token and an action form on a visible record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, FormView

from cooperacion.core.errores import ErrorDeDominio, al_formulario
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import AccionConFormularioView, ListaFiltrada, PersonalRequeridoMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def visible(modelo, usuario, pk, *relacionados):
    """The record if the user may see it; 404 otherwise (an outsider does not learn that it exists)."""
    return get_object_or_404(modelo.objects.visibles_para(usuario).select_related(*relacionados), pk=pk)


class Lista(ListaFiltrada):
    """A list whose first column links to the record, with "Exportar a Excel" and an optional "Nuevo" button."""

    template_name = "internacional/lista.html"
    codigo_reporte = ""
    url_crear = ""
    etiqueta_crear: StrOrPromise = ""
    relacionados: tuple[str, ...] = ()
    puede_crear = staticmethod(lambda usuario: False)

    def get_queryset(self):
        return super().get_queryset().select_related(*self.relacionados)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            codigo_reporte=self.codigo_reporte,
            url_crear=self.url_crear if self.puede_crear(self.request.user) else "",
            etiqueta_crear=self.etiqueta_crear,
            **kwargs,
        )


class Detalle(PersonalRequeridoMixin, DetailView[Any]):
    modelo: type[Any] | None = None  # a model whose manager has `visibles_para`
    relacionados: tuple[str, ...] = ()

    def get_object(self, queryset=None):
        return visible(self.modelo, self.request.user, self.kwargs["pk"], *self.relacionados)


class Crear(CreacionUnicaMixin, PersonalRequeridoMixin, FormView[Any]):
    """GET shows the form, POST runs `crear(form)` (the service); a repeat of the same form is answered once."""

    template_name = "internacional/formulario.html"
    permitido = staticmethod(lambda usuario: False)
    titulo: StrOrPromise = ""
    boton: StrOrPromise = ""
    introduccion: StrOrPromise = ""
    url_lista = ""
    exito: StrOrPromise = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.permitido(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            titulo=self.titulo, boton=self.boton, introduccion=self.introduccion, url_lista=self.url_lista, **kwargs
        )

    def crear(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            obj = self.crear(form)
        except ErrorDeDominio as error:
            al_formulario(form, error)
            return self.form_invalid(form)
        messages.success(self.request, str(self.exito) % {"obj": obj})
        return redirect(obj.get_absolute_url())


class Accion(AccionConFormularioView):
    """An action with a form on a visible record of `modelo`."""

    template_name = "internacional/formulario.html"
    modelo: type[Any] | None = None  # a model whose manager has `visibles_para`
    url_lista = ""

    def cargar(self, usuario, pk):
        return visible(self.modelo, usuario, pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(url_lista=self.url_lista, **kwargs)

    def mensaje_exito(self) -> str:
        return str(self.exito) % {"obj": self.objeto}
