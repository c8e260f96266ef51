"""The yearly formulation of the action plans (DE-PD-01 activities 7-15): opening it with its schedule, following
each dependencia's plan, consolidating, presenting to the committee and publishing."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from cooperacion.core import archivos
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.tipos import usuario_de
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import PersonalRequeridoMixin, TransicionView

from .. import permissions, procedimiento, selectors, services
from ..forms import ComiteForm, VigenciaForm
from ..models import Actividad, Plan, Vigencia
from .comun import PasoView, vigencia_visible

FLUJO_VIGENCIA = Flujo(
    url_name="planes:vigencia-transicion",
    acciones=(
        Accion(
            nombre="consolidar",
            etiqueta=gettext_lazy("Consolidar los planes"),
            servicio=services.vigencia_consolidar,
            permitida=permissions.can_consolidar,
            rol_permitido=permissions.rol_planeacion,
            confirmacion=gettext_lazy(
                "Se consolidan los planes de acción aprobados en el Plan de Acción Institucional (actividad 13). "
                "Todos los planes pedidos deben estar verificados y aprobados."
            ),
        ),
        Accion(
            nombre="publicar",
            etiqueta=gettext_lazy("Publicar el Plan de Acción Institucional"),
            servicio=services.vigencia_publicar,
            permitida=permissions.can_publicar_vigencia,
            rol_permitido=permissions.rol_planeacion,
            estilo="success",
            confirmacion=gettext_lazy(
                "El plan consolidado y el de cada dependencia aparecen en las páginas públicas de transparencia con la "
                "fecha de hoy (actividad 15)."
            ),
        ),
    ),
)


class VigenciaTransicionView(TransicionView):
    modelo = Vigencia
    flujo = FLUJO_VIGENCIA
    parametro = "vigencia"


class VigenciaCrearView(PersonalRequeridoMixin, CreacionUnicaMixin, FormView):
    """Planeación opens the year: commitments and guidelines, schedule, dependencias (activities 7-9)."""

    form_class = VigenciaForm
    template_name = "planes/formulario.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_abrir_vigencia(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            titulo=_("Abrir la formulación de los planes de acción"),
            boton=_("Abrir la formulación y solicitar los planes"),
            paso=procedimiento.actividad(8),
            introduccion=_(
                "Cada dependencia elegida recibe un plan de acción en formulación y el aviso con los lineamientos y el "
                "cronograma (actividades 7 a 9). Los plazos del cronograma entran al motor de recordatorios."
            ),
            **kwargs,
        )

    def form_valid(self, form: Any) -> HttpResponse:
        datos = dict(form.cleaned_data)
        datos.pop("token_creacion", None)
        try:
            self.vigencia = services.vigencia_abrir(usuario=usuario_de(self.request), **datos)
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Formulación %(a)s abierta: %(n)s dependencias recibieron la solicitud.")
            % {"a": self.vigencia.anio, "n": self.vigencia.planes.count()},
        )
        return redirect(self.vigencia)


class VigenciaDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "planes/vigencia_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        vigencia = vigencia_visible(usuario, self.kwargs["pk"])
        planes = list(vigencia.planes.select_related("dependencia").order_by("dependencia__nombre"))
        visibles = set(Plan.objects.visibles_para(usuario).filter(vigencia=vigencia).values_list("pk", flat=True))
        return super().get_context_data(
            vigencia=vigencia,
            planes=[(p, p.pk in visibles) for p in planes],
            aprobados=sum(1 for p in planes if p.estado in Plan.EN_VIGOR),
            flujo=FLUJO_VIGENCIA,
            puede_presentar=permissions.can_presentar(usuario, vigencia),
            pasos=[procedimiento.actividad(n) for n in range(7, 16)],
            hoy=timezone.localdate(),
            **kwargs,
        )


class VigenciaPresentarView(PasoView):
    form_class = ComiteForm
    cargador = staticmethod(vigencia_visible)
    rol_permitido = staticmethod(permissions.rol_planeacion)
    permitida = staticmethod(permissions.can_presentar)
    titulo = gettext_lazy("Presentar el plan consolidado al comité")
    boton = gettext_lazy("Registrar la sesión")
    exito = gettext_lazy("Presentación registrada. Ya se puede publicar.")
    mensaje_estado = gettext_lazy("Primero consolide los planes aprobados.")
    actividad_procedimiento = 14

    def get_initial(self) -> dict[str, Any]:
        return {"comite": str(Plan.COMITE[Plan.Tipo.ACCION]), "acta_fecha": timezone.localdate()}

    def ejecutar(self, form):
        datos = self.datos(form)
        datos.pop("motivo", None)
        services.vigencia_presentar(vigencia=self.objeto, usuario=self.request.user, **datos)


class ConsolidadoView(PersonalRequeridoMixin, TemplateView):
    """The institutional action plan of a year: every dependencia's approved plan with its activities."""

    template_name = "planes/consolidado.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        vigencia = vigencia_visible(self.request.user, self.kwargs["pk"])
        return super().get_context_data(vigencia=vigencia, **consolidado(vigencia), **kwargs)


def consolidado(vigencia: Vigencia, *, solo_publicados: bool = False) -> dict:
    """The consolidated plan's rows (constant queries): plans in force of the year and their activities."""
    estados = [Plan.Estado.PUBLICADO] if solo_publicados else list(Plan.EN_VIGOR)
    planes = list(
        vigencia.planes.filter(estado__in=estados).select_related("dependencia").order_by("dependencia__nombre")
    )
    actividades = (
        Actividad.objects.filter(plan__in=planes, retirada=False)
        .select_related("indicador", "estrategia__objetivo", "responsable")
        .order_by("plan__dependencia__nombre", "orden", "codigo")
    )
    metas = selectors.metas_generales([a.indicador_id for a in actividades], [vigencia.anio])
    por_plan: dict[int, list] = {}
    for actividad in actividades:
        programadas = metas.get(actividad.indicador_id, {}).get(vigencia.anio, {})
        por_plan.setdefault(actividad.plan_id, []).append((actividad, [programadas.get(t) for t in (1, 2, 3, 4)]))
    filas = [(p, por_plan.get(p.pk, [])) for p in planes]
    return {
        "filas": filas,
        "total_actividades": sum(len(a) for _p, a in filas),
        "presupuesto": sum((a.presupuesto or 0 for _p, acts in filas for a, _m in acts), 0),
    }


class ActaVigenciaView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        return archivos.servir(vigencia_visible(request.user, pk).acta_archivo)
