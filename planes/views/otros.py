"""The cut-off calendar, the procedure's reference page and the reports remitted to Control Interno."""

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from cooperacion.core import archivos
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import CorteTrimestral, ReporteGenerado
from cooperacion.core.models.reportes import fin_de_trimestre
from cooperacion.core.tipos import usuario_de
from cooperacion.core.views import PersonalRequeridoMixin

from .. import permissions, procedimiento, services
from ..forms import CalendarioForm
from ..models import CalendarioSeguimiento, RemisionInforme


class CalendarioInicioView(PersonalRequeridoMixin, View):
    def get(self, request):
        return redirect("planes:calendario", anio=timezone.localdate().year)


class CalendarioView(PersonalRequeridoMixin, FormView):
    """Planeación sets the year's cut-off dates and follow-up deadlines; everyone else reads them."""

    form_class = CalendarioForm
    template_name = "planes/calendario.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.anio = int(kwargs["anio"])
        hoy = timezone.localdate()
        if not 1990 <= self.anio <= hoy.year + 5:
            raise Http404
        if (
            request.method == "POST"
            and request.user.is_authenticated
            and not permissions.can_fijar_calendario(request.user)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "anio": self.anio}

    def get_initial(self) -> dict[str, Any]:
        cortes = {c.trimestre: c.fecha_corte for c in CorteTrimestral.objects.filter(anio=self.anio)}
        calendario = {c.trimestre: c for c in CalendarioSeguimiento.objects.filter(anio=self.anio)}
        inicial = {}
        for t in (1, 2, 3, 4):
            fin = fin_de_trimestre(self.anio, t)
            inicial[f"corte_{t}"] = cortes.get(t) or fin + timedelta(days=1)
            if t in calendario:
                inicial[f"reporte_{t}"] = calendario[t].fecha_limite_reporte
                inicial[f"revision_{t}"] = calendario[t].fecha_limite_revision
        return inicial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        cortes = {c.trimestre: c.fecha_corte for c in CorteTrimestral.objects.filter(anio=self.anio)}
        calendario = {c.trimestre: c for c in CalendarioSeguimiento.objects.filter(anio=self.anio)}
        filas = []
        for t in (1, 2, 3, 4):
            c = calendario.get(t)
            filas.append(
                (
                    t,
                    cortes.get(t),
                    fin_de_trimestre(self.anio, t),
                    c.fecha_limite_reporte if c else None,
                    c.fecha_limite_revision if c else None,
                )
            )
        return super().get_context_data(
            anio=self.anio,
            filas=filas,
            puede_editar=permissions.can_fijar_calendario(self.request.user),
            anios=[self.anio - 1, self.anio, self.anio + 1],
            **kwargs,
        )

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            services.calendario_fijar(usuario=usuario_de(self.request), anio=self.anio, filas=form.filas())
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Calendario %(a)s guardado: los plazos de seguimiento ya están en los recordatorios.") % {"a": self.anio},
        )
        return redirect("planes:calendario", anio=self.anio)


class ProcedimientoView(PersonalRequeridoMixin, TemplateView):
    """DE-PD-01 as the reference of every step: its 24 activities, responsibles, records and control points."""

    template_name = "planes/procedimiento.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        datos = procedimiento.datos()
        return super().get_context_data(
            encabezado=datos["header"],
            datos=datos,
            actividades=procedimiento.actividades(),
            **kwargs,
        )


class InformesRemitidosView(PersonalRequeridoMixin, TemplateView):
    """Activity 18: the quarterly follow-up reports remitted to Control Interno."""

    template_name = "planes/informes.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_ver_informes_remitidos(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator

        consulta = RemisionInforme.objects.select_related("generado", "generado__solicitado_por")
        return super().get_context_data(
            page_obj=Paginator(consulta, 25).get_page(self.request.GET.get("page")), **kwargs
        )


class InformeDescargarView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        if not permissions.can_ver_informes_remitidos(request.user):
            raise Http404
        remision = get_object_or_404(RemisionInforme.objects.select_related("generado"), pk=pk)
        generado: ReporteGenerado = remision.generado
        if generado.estado != ReporteGenerado.Estado.LISTO or not generado.archivo:
            raise Http404
        return archivos.servir(generado.archivo, nombre=generado.archivo.name.rsplit("/", 1)[-1])
