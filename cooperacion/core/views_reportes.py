"""Reports: what each user may generate, the queue of generated files, progress and download."""

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from . import periodos, reportes, services
from .models import ReporteGenerado, Usuario
from .tipos import SolicitudAutenticada, usuario_de
from .views import PersonalRequeridoMixin


def generados_visibles(usuario: Usuario) -> QuerySet[ReporteGenerado]:
    """Reports a user may download: the ones they asked for, and the quarterly ones of reports they may read."""
    codigos = [r.codigo for r in reportes.registrados() if r.puede_ver_automaticos(usuario)]
    return ReporteGenerado.objects.filter(
        Q(solicitado_por=usuario) | Q(automatico=True, codigo__in=codigos)
    ).select_related("solicitado_por")


class ReporteListaView(PersonalRequeridoMixin, TemplateView):
    template_name = "core/reportes/lista.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = usuario_de(self.request)
        disponibles = [r for r in reportes.registrados() if r.en_lista and r.puede_generar(usuario)]
        # Only what the user asked for here: a record's documents live on the record's page.
        de_registros = [r.codigo for r in reportes.registrados() if r.de_un_registro]
        consulta = generados_visibles(usuario).exclude(codigo__in=de_registros)
        if self.request.GET.get("codigo"):
            consulta = consulta.filter(codigo=self.request.GET["codigo"])
        pagina = Paginator(consulta, 20).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            disponibles=disponibles,
            page_obj=pagina,
            periodos=periodos.periodos_recientes(timezone.localdate()),
            **kwargs,
        )


class ReporteSolicitarView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request: SolicitudAutenticada, codigo: str) -> HttpResponse:
        if reportes.obtener(codigo) is None:
            raise Http404
        datos = request.POST.copy()
        formato = datos.pop("formato", ["xlsx"])[0]
        datos.pop("csrfmiddlewaretoken", None)
        try:
            generado = services.reporte_solicitar(codigo=codigo, formato=formato, datos=datos, usuario=request.user)
        except services.ErrorDeDominio as error:
            messages.error(request, str(error))
            return redirect("core:reporte-lista")
        return redirect(generado)


def _generado_visible(request: HttpRequest, pk: int) -> ReporteGenerado:
    return get_object_or_404(generados_visibles(usuario_de(request)), pk=pk)


class ReporteDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "core/reportes/detalle.html"

    def get_template_names(self) -> list[str]:
        # htmx polls only the progress fragment; it stops polling once the report is done.
        return (
            ["core/reportes/_progreso.html"] if cast(SolicitudAutenticada, self.request).htmx else [self.template_name]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        generado = _generado_visible(self.request, self.kwargs["pk"])
        reporte = reportes.obtener(generado.codigo)
        registro = reporte.url_del_registro(generado.parametros) if reporte and reporte.de_un_registro else ""
        return super().get_context_data(generado=generado, url_registro=registro, **kwargs)


class ReporteDescargarView(PersonalRequeridoMixin, View):
    def get(self, request: SolicitudAutenticada, pk: int) -> FileResponse:
        generado = _generado_visible(request, pk)
        if generado.estado != ReporteGenerado.Estado.LISTO or not generado.archivo:
            raise Http404
        return FileResponse(
            generado.archivo.open("rb"), as_attachment=True, filename=(generado.archivo.name or "").rsplit("/", 1)[-1]
        )


class ReporteReintentarView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request: SolicitudAutenticada, pk: int) -> HttpResponse:
        generado = _generado_visible(request, pk)
        reporte = reportes.obtener(generado.codigo)
        if reporte is None or not reporte.puede_generar(request.user):
            messages.error(request, _("No tiene permiso para generar este reporte."))
            return redirect(generado)
        try:
            services.reporte_reintentar(generado=generado, usuario=request.user)
        except services.ErrorDeDominio as error:
            messages.error(request, str(error))
        return redirect(generado)


class ReporteVerView(PersonalRequeridoMixin, View):
    """The report as a web page, rendered from the same template as its PDF."""

    def get(self, request: SolicitudAutenticada, codigo: str) -> HttpResponse:
        reporte = reportes.obtener(codigo)
        if reporte is None or not reporte.puede_generar(request.user):
            raise Http404
        try:
            parametros = reporte.parametros(request.GET, request.user)
        except services.ErrorDeDominio as error:
            messages.error(request, str(error))
            return redirect("core:reporte-lista")
        contexto = services.contexto_de_reporte(reporte, parametros, request.user, para_pdf=False)
        html = render_to_string(reporte.plantilla, {**contexto, "para_pdf": False}, request=request)
        return HttpResponse(html)


class DocumentoDeRegistroView(PersonalRequeridoMixin, View):
    """POST only: ask the report engine for one record's document and stay on the record.

    Each app says which report (`codigo`) and loads the record through its own visibility rule (`cargar`: a 404
    outside the user's dependencia, PermissionDenied for a role that may not ask). The user goes back to the page the
    button was on (`volver`, same host only) or to the report's `url_del_registro`; the core tag
    `{% documento_del_registro %}` shows the progress and the download there. Nothing is listed under Reportes.
    """

    http_method_names = ["post"]
    codigo = ""
    formato_por_defecto = "pdf"

    def cargar(self, usuario: Usuario, pk: int) -> object:
        raise NotImplementedError

    def post(self, request: SolicitudAutenticada, pk: int) -> HttpResponse:
        self.cargar(request.user, pk)
        reporte = reportes.obtener(self.codigo)
        if reporte is None:
            raise Http404
        destino = reporte.url_del_registro({"id": pk})
        volver = request.POST.get("volver", "")
        if volver and url_has_allowed_host_and_scheme(
            volver, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            destino = volver
        formato = request.POST.get("formato", self.formato_por_defecto)
        try:
            generado = services.reporte_solicitar(
                codigo=self.codigo, formato=formato, datos={"id": pk}, usuario=request.user
            )
        except services.ErrorDeDominio as error:
            messages.error(request, str(error))
            return redirect(destino)
        messages.info(request, _("El documento se está generando: su avance y la descarga aparecen en esta página."))
        return redirect(f"{destino}#documento-{generado.pk}")
