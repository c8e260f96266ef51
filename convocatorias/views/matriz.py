"""Task 1: the matrix of calls (filter, sort by priority, export and import) and registering a call."""

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import FormView

from cooperacion.core.services import ErrorDeDominio
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin

from .. import matriz, permissions, priorizacion, procedimiento, services
from ..filters import ConvocatoriaFilter
from ..forms import ConvocatoriaForm, ImportarForm
from ..models import Convocatoria, PesosPriorizacion
from ..selectors import ORDENAMIENTOS, matriz_filtrada, matriz_para
from .comun import datos_con_cooperante


class MatrizView(ListaFiltrada):
    model = Convocatoria
    filterset_class = ConvocatoriaFilter
    template_name = "convocatorias/matriz.html"
    titulo = gettext_lazy("Matriz de convocatorias")
    ordenamientos = ORDENAMIENTOS
    orden_por_defecto = "-puntaje"

    def get_queryset(self):
        self.pesos = PesosPriorizacion.vigentes()
        return self.ordenar(matriz_para(self.request.user))

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        usuario = self.request.user
        contexto["filas"] = [(c, priorizacion.prioridad_de(c.puntaje), c.completa) for c in contexto["object_list"]]
        contexto["pesos"] = self.pesos
        contexto["puede_crear"] = permissions.can_crear_convocatoria(usuario)
        contexto["ve_dependencias"] = usuario.ve_todas_las_dependencias
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        contexto["consulta_exportar"] = consulta.urlencode()
        return contexto


class ExportarView(PersonalRequeridoMixin, View):
    """The matrix as .xlsx with the same filters and order as the page; the import reads this same layout.

    Up to LIMITE_DIRECTO rows it is written to a temporary file and streamed back in the same request; a larger
    export is generated in the background as a report, with progress, so no request outlives the worker timeout.
    """

    LIMITE_DIRECTO = 5000

    def get(self, request):
        convocatorias = matriz_filtrada(request.user, request.GET)
        total = convocatorias.count()
        if total > self.LIMITE_DIRECTO:
            filtros = [(k, v) for k, v in request.GET.items() if k != "page"]
            return render(request, "convocatorias/exportar_grande.html", {"total": total, "filtros": filtros})
        temporal = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it once sent)
        matriz.exportar(convocatorias, temporal)
        temporal.seek(0)
        return FileResponse(
            temporal,
            as_attachment=True,
            filename=f"matriz-de-convocatorias-{timezone.localdate():%Y%m%d}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )


class ImportarView(PersonalRequeridoMixin, FormView):
    form_class = ImportarForm
    template_name = "convocatorias/importar.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_importar_matriz(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            resultado = services.matriz_importar(usuario=self.request.user, archivo=form.cleaned_data["archivo"])
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if not resultado.exitosa:
            return self.render_to_response(self.get_context_data(form=form, errores=resultado.errores))
        messages.success(
            self.request,
            _("Matriz importada: %(n)s convocatorias nuevas, %(a)s actualizadas, %(s)s sin cambios.")
            % {"n": len(resultado.creadas), "a": len(resultado.actualizadas), "s": resultado.sin_cambios},
        )
        if resultado.omitidas:
            messages.info(
                self.request,
                ngettext(
                    "%(n)s fila omitida porque su convocatoria ya no se edita (venía sin cambios): %(f)s",
                    "%(n)s filas omitidas porque sus convocatorias ya no se editan (venían sin cambios): %(f)s",
                    len(resultado.omitidas),
                )
                % {"n": len(resultado.omitidas), "f": " ".join(resultado.omitidas)},
            )
        return redirect("convocatorias:matriz")


class ConvocatoriaCrearView(PersonalRequeridoMixin, CreacionUnicaMixin, FormView):
    form_class = ConvocatoriaForm
    template_name = "convocatorias/formulario.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_crear_convocatoria(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            titulo=_("Nueva convocatoria"),
            boton=_("Registrar una convocatoria"),
            tarea=procedimiento.tarea(1),
            cancelar=reverse("convocatorias:matriz"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            with transaction.atomic():
                datos = datos_con_cooperante(form, self.request.user)
                convocatoria = services.convocatoria_crear(usuario=self.request.user, **datos)
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Convocatoria «%(n)s» registrada.") % {"n": convocatoria.nombre})
        return redirect(convocatoria)
