"""What the views of the app share: loading a call within the user's scope, and the page of one step."""

from django.shortcuts import get_object_or_404

from cooperacion.core import services as servicios_nucleo
from cooperacion.core.views import AccionConFormularioView

from .. import procedimiento
from ..models import Convocatoria, Proyecto


def convocatoria_visible(usuario, pk) -> Convocatoria:
    """The call if the user may see it; 404 otherwise (an outsider does not learn that it exists)."""
    return get_object_or_404(
        Convocatoria.objects.visibles_para(usuario).select_related(
            "cooperante", "modalidad", "dependencia", "responsable", "moneda"
        ),
        pk=pk,
    )


def proyecto_visible(usuario, pk) -> Proyecto:
    return get_object_or_404(
        Proyecto.objects.visibles_para(usuario).select_related(
            "convocatoria",
            "convocatoria__cooperante",
            "convocatoria__dependencia",
            "modalidad",
            "moneda",
            "dependencia",
            "supervisor",
            "acta_firmada_por",
        ),
        pk=pk,
    )


class PasoView(AccionConFormularioView):
    """One step of AI-P-003 on a visible call (or project) that needs a form."""

    template_name = "convocatorias/formulario.html"
    tarea: int | None = None  # the number of the AI-P-003 task this step records

    def cargar(self, usuario, pk):
        return convocatoria_visible(usuario, pk)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("tarea", procedimiento.tarea(self.tarea) if self.tarea else None)
        return super().get_context_data(**kwargs)


def datos_con_cooperante(form, usuario) -> dict:
    """The call form's data with the cooperante proposed in place registered in the catalog (call it inside the
    view's transaction, so a refused call leaves no new actor behind)."""
    datos = dict(form.cleaned_data)
    if form.cooperante_propuesto:
        datos["cooperante"] = servicios_nucleo.actor_proponer(usuario=usuario, **form.cooperante_propuesto)
    return datos
