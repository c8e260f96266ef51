"""Published plans on the public transparency pages (no login): the list, newest first with each publication date,
a plan with its objectives, activities, targets and approved adjustments, and each year's institutional plan."""

from typing import Any

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from cooperacion.core.views_publico import PublicoMixin

from .. import selectors
from ..models import CambioAjuste, Plan, SolicitudAjuste, Vigencia
from .vigencias import consolidado


class PublicoListaView(PublicoMixin, TemplateView):
    template_name = "planes/publico/lista.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        planes = Plan.objects.publicados().select_related("dependencia").order_by("-fecha_publicacion", "tipo", "pk")
        vigencias = list(
            Vigencia.objects.filter(estado=Vigencia.Estado.PUBLICADA, fecha_publicacion__isnull=False).order_by("-anio")
        )
        return super().get_context_data(
            page_obj=Paginator(planes, 25).get_page(self.request.GET.get("page")), vigencias=vigencias, **kwargs
        )


class PublicoDetalleView(PublicoMixin, TemplateView):
    template_name = "planes/publico/detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        plan = get_object_or_404(
            Plan.objects.publicados().select_related("dependencia", "plan_superior"), pk=self.kwargs["pk"]
        )
        anio = plan.anio_inicio
        try:
            pedido = int(self.request.GET.get("anio") or anio)
        except ValueError:
            pedido = anio
        if pedido in plan.anios:
            anio = pedido
        ajustes = list(
            CambioAjuste.objects.filter(solicitud__plan=plan, solicitud__estado=SolicitudAjuste.Estado.APROBADO)
            .select_related("solicitud", "actividad")
            .order_by("solicitud__decidida_en", "pk")
        )
        return super().get_context_data(
            plan=plan,
            anio=anio,
            arbol=selectors.arbol(plan, anio),
            ajustes=ajustes,
            politicas=list(plan.politicas.order_by("numero")),
            **kwargs,
        )


class PublicoConsolidadoView(PublicoMixin, TemplateView):
    template_name = "planes/publico/consolidado.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        vigencia = get_object_or_404(
            Vigencia.objects.filter(estado=Vigencia.Estado.PUBLICADA), anio=self.kwargs["anio"]
        )
        return super().get_context_data(vigencia=vigencia, **consolidado(vigencia, solo_publicados=True), **kwargs)
