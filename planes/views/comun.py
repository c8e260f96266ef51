"""What the views of plans share: loading a record within the user's scope (404 outside), and the page of one step
that needs a form."""

from collections.abc import Callable
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone

from cooperacion.core import periodos, unicidad, versiones
from cooperacion.core.models import Usuario
from cooperacion.core.views import AccionConFormularioView

from .. import procedimiento
from ..models import (
    Actividad,
    AvanceActividad,
    Estrategia,
    Objetivo,
    Plan,
    SeguimientoTrimestral,
    SolicitudAjuste,
    Vigencia,
)


def plan_visible(usuario, pk) -> Plan:
    return get_object_or_404(
        Plan.objects.visibles_para(usuario).select_related("dependencia", "vigencia", "plan_superior"), pk=pk
    )


def vigencia_visible(usuario, pk) -> Vigencia:
    return get_object_or_404(Vigencia.objects.visibles_para(usuario).select_related("plan_superior"), pk=pk)


def objetivo_visible(usuario, pk) -> Objetivo:
    return get_object_or_404(Objetivo.objects.visibles_para(usuario).select_related("plan", "plan__dependencia"), pk=pk)


def estrategia_visible(usuario, pk) -> Estrategia:
    return get_object_or_404(
        Estrategia.objects.visibles_para(usuario).select_related("plan", "plan__dependencia", "objetivo"), pk=pk
    )


def actividad_visible(usuario, pk) -> Actividad:
    return get_object_or_404(
        Actividad.objects.visibles_para(usuario).select_related(
            "plan", "plan__dependencia", "indicador", "estrategia", "estrategia__objetivo"
        ),
        pk=pk,
    )


def seguimiento_visible(usuario, pk) -> SeguimientoTrimestral:
    return get_object_or_404(
        SeguimientoTrimestral.objects.visibles_para(usuario).select_related("dependencia", "calendario"), pk=pk
    )


def avance_visible(usuario, pk) -> AvanceActividad:
    return get_object_or_404(
        AvanceActividad.objects.visibles_para(usuario).select_related(
            "seguimiento", "seguimiento__dependencia", "actividad", "actividad__indicador", "actividad__plan"
        ),
        pk=pk,
    )


def solicitud_visible(usuario, pk) -> SolicitudAjuste:
    return get_object_or_404(
        SolicitudAjuste.objects.visibles_para(usuario).select_related("plan", "plan__dependencia", "solicitada_por"),
        pk=pk,
    )


def periodo_actual() -> tuple[int, int]:
    """The last quarter already over (the one being followed up)."""
    return periodos.trimestre_anterior(*periodos.trimestre_de(timezone.localdate()))


class PasoView(AccionConFormularioView):
    """One step of DE-PD-01 on a visible record that needs a form."""

    template_name = "planes/formulario.html"
    actividad_procedimiento: int | None = None  # the DE-PD-01 activity this step records
    cargador: Callable[[Usuario, int], Any] = staticmethod(plan_visible)  # (usuario, pk) -> the record, or 404

    def cargar(self, usuario, pk):
        return self.cargador(usuario, pk)

    def datos(self, form) -> dict:
        """The form's data for the service: without the record's version and the create token (the base views'
        guards, checked before the service runs)."""
        return {k: v for k, v in form.cleaned_data.items() if k not in (versiones.CAMPO, unicidad.CAMPO)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        numero = self.actividad_procedimiento
        kwargs.setdefault("paso", procedimiento.actividad(numero) if numero else None)
        return super().get_context_data(**kwargs)
