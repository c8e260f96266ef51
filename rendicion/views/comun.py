"""What the staff views share: loading a record within the user's scope (404 outside it) and the form page."""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from cooperacion.core import unicidad, versiones
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import AccionConFormularioView

from ..models import (
    AccionMejora,
    AccionRendicion,
    Corte,
    EspacioDialogo,
    Estrategia,
    EtapaMURC,
    EvaluacionAccion,
    PreguntaCiudadana,
)
from ..selectors import responsables_prefetch

CAMPOS_DE_GUARDA = {unicidad.CAMPO, versiones.CAMPO}


def estrategia_visible(usuario, pk) -> Estrategia:
    return get_object_or_404(Estrategia.objects.visibles_para(usuario), pk=pk)


def etapa_visible(usuario, pk) -> EtapaMURC:
    return get_object_or_404(EtapaMURC.objects.visibles_para(usuario).select_related("estrategia"), pk=pk)


def accion_visible(usuario, pk) -> AccionRendicion:
    """The action if the user's dependencia takes part in it (or the user sees every dependencia); 404 otherwise."""
    return get_object_or_404(
        AccionRendicion.objects.visibles_para(usuario)
        .select_related("estrategia", "duplicado_de")
        .prefetch_related(responsables_prefetch(), "ods"),
        pk=pk,
    )


def espacio_visible(usuario, pk) -> EspacioDialogo:
    return get_object_or_404(
        EspacioDialogo.objects.visibles_para(usuario).select_related("estrategia", "dependencia", "accion"), pk=pk
    )


def pregunta_visible(usuario, pk) -> PreguntaCiudadana:
    return get_object_or_404(
        PreguntaCiudadana.objects.visibles_para(usuario).select_related(
            "espacio", "espacio__dependencia", "espacio__estrategia", "consentimiento", "moderada_por", "respondida_por"
        ),
        pk=pk,
    )


def corte_visible(usuario, pk) -> Corte:
    return get_object_or_404(Corte.objects.visibles_para(usuario).select_related("estrategia"), pk=pk)


def evaluacion_visible(usuario, pk) -> EvaluacionAccion:
    return get_object_or_404(
        EvaluacionAccion.objects.visibles_para(usuario)
        .select_related("corte", "corte__estrategia", "accion", "evaluada_por")
        .prefetch_related("accion__avances"),
        pk=pk,
    )


def mejora_visible(usuario, pk) -> AccionMejora:
    return get_object_or_404(
        AccionMejora.objects.visibles_para(usuario).select_related(
            "estrategia",
            "dependencia",
            "responsable",
            "evaluacion",
            "evaluacion__accion",
            "evaluacion__corte",
            "espacio",
        ),
        pk=pk,
    )


class PasoView(AccionConFormularioView):
    """An action with a form on a visible record of the strategy."""

    template_name = "rendicion/formulario.html"
    mensaje_estado = gettext_lazy("Esta acción no es posible en el estado actual del registro.")
    volver_a = None  # (label, url) for the breadcrumb; the record's page by default

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("volver", self.destino_cancelar())
        return super().get_context_data(**kwargs)

    def destino_cancelar(self) -> str:
        return self.objeto.get_absolute_url()

    @staticmethod
    def datos(form) -> dict:
        """The form's data for the service, without the guards' hidden fields (version, one-time token)."""
        return {k: v for k, v in form.cleaned_data.items() if k not in CAMPOS_DE_GUARDA}


class CrearBajoView(CreacionUnicaMixin, PasoView):
    """Creates a record under a visible one (an action under its strategy): one-time token, then the new record."""

    creado = None

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields.pop(versiones.CAMPO, None)  # a new record: the parent's version is not what is edited
        return form

    def destino(self) -> str:
        return self.creado.get_absolute_url() if self.creado is not None else super().destino()
