"""What the views of the app share: loading a call within the user's scope, and the page of one step."""

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from cooperacion.core.permissions import es_personal
from cooperacion.core.services import ErrorDeDominio
from cooperacion.core.views import PersonalRequeridoMixin

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


def _nadie(usuario, objeto) -> bool:
    return False


class PasoView(PersonalRequeridoMixin, FormView):
    """GET shows the form of one step on a visible record; POST runs its service.

    The role decides 403; a record in another state sends the user back to it with a message.
    """

    template_name = "convocatorias/formulario.html"
    rol_permitido = staticmethod(_nadie)  # (usuario, objeto) -> bool: the role alone
    permitida = staticmethod(_nadie)  # (usuario, objeto) -> bool: the full predicate, state included
    titulo = ""
    boton = ""
    introduccion = ""
    exito = ""
    tarea = None  # the number of the AI-P-003 task this step records

    def cargar(self, usuario, pk):
        return convocatoria_visible(usuario, pk)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not es_personal(request.user):
            return super().dispatch(request, *args, **kwargs)
        self.objeto = self.cargar(request.user, kwargs["pk"])
        if not self.rol_permitido(request.user, self.objeto):
            raise PermissionDenied
        if not self.permitida(request.user, self.objeto):
            messages.error(request, _("Esta acción no es posible en el estado actual del registro."))
            return redirect(self.objeto.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("introduccion", self.introduccion)
        kwargs.setdefault("tarea", procedimiento.tarea(self.tarea) if self.tarea else None)
        return super().get_context_data(objeto=self.objeto, titulo=self.titulo, boton=self.boton, **kwargs)

    def ejecutar(self, form):
        """Run the step's service with the form's data: each subclass names its service."""
        raise ImproperlyConfigured(f"{type(self).__name__} debe definir ejecutar().")

    def form_valid(self, form):
        try:
            self.ejecutar(form)
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, str(self.exito))
        return redirect(self.destino())

    def destino(self):
        return self.objeto.get_absolute_url()
