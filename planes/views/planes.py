"""The plans: the list (with the yearly calls), a plan's page with its control points and tree, its header, its
transitions, the committee's approval of a strategic plan, and the minutes."""

import copy
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
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin, TransicionView

from .. import permissions, procedimiento, reglas, selectors, services
from ..filters import PlanFilter
from ..forms import ComiteForm, PlanEncabezadoForm, PlanEstrategicoForm
from ..models import Plan, SolicitudAjuste, Vigencia
from .comun import PasoView, periodo_actual, plan_visible

FLUJO_PLAN = Flujo(
    url_name="planes:transicion",
    acciones=(
        Accion(
            nombre="enviar",
            etiqueta=gettext_lazy("Enviar a verificación"),
            servicio=services.plan_enviar,
            permitida=permissions.can_enviar_plan,
            rol_permitido=permissions.formula_el_plan,
            confirmacion=gettext_lazy(
                "El plan pasa a la Oficina Asesora de Planeación, que lo verifica con los puntos de control del "
                "procedimiento; mientras tanto no se puede editar (actividades 10 y 11 de DE-PD-01)."
            ),
        ),
        Accion(
            nombre="devolver",
            etiqueta=gettext_lazy("Devolver con observaciones"),
            servicio=services.plan_devolver,
            permitida=permissions.can_devolver_plan,
            rol_permitido=permissions.verifica_el_plan,
            requiere_motivo=True,
            estilo="outline-danger",
            punto_critico=gettext_lazy("Actividad 12: «No cumple, regresa a la actividad 10 con las observaciones»."),
            confirmacion=gettext_lazy(
                "El plan vuelve a la dependencia con sus observaciones; la ronda queda registrada en el historial."
            ),
        ),
        Accion(
            nombre="aprobar",
            etiqueta=gettext_lazy("Verificar y aprobar"),
            servicio=services.plan_aprobar,
            permitida=permissions.can_aprobar_plan,
            rol_permitido=lambda u, p: p.tipo == Plan.Tipo.ACCION and permissions.verifica_el_plan(u, p),
            estilo="success",
            punto_critico=gettext_lazy("Actividad 12: el plan debe cumplir todos los puntos de control."),
            confirmacion=gettext_lazy(
                "Se verifica que el plan cumpla los puntos de control de la actividad 12 y queda aprobado; se "
                "abren sus trimestres de seguimiento."
            ),
        ),
        Accion(
            nombre="publicar",
            etiqueta=gettext_lazy("Publicar"),
            servicio=services.plan_publicar,
            permitida=permissions.can_publicar_plan,
            rol_permitido=lambda u, p: p.estrategico and permissions.es_planeacion(u),
            estilo="success",
            confirmacion=gettext_lazy(
                "El plan aparecerá en las páginas públicas de transparencia con la fecha de hoy (actividades 3 y 6)."
            ),
        ),
    ),
)


class PlanTransicionView(TransicionView):
    modelo = Plan
    flujo = FLUJO_PLAN
    parametro = "plan"


class PlanListaView(ListaFiltrada):
    model = Plan
    filterset_class = PlanFilter
    template_name = "planes/lista.html"
    titulo = gettext_lazy("Planes de gestión")
    ordenamientos = {"nombre": "nombre", "tipo": "tipo", "anio": "anio_inicio", "dependencia": "dependencia__nombre"}
    orden_por_defecto = "-anio"

    def get_queryset(self):
        return super().get_queryset().select_related("dependencia", "vigencia")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        return super().get_context_data(
            vigencias=list(Vigencia.objects.visibles_para(usuario).order_by("-anio")[:6]),
            puede_abrir=permissions.can_abrir_vigencia(usuario),
            puede_crear=permissions.can_crear_plan_estrategico(usuario),
            **kwargs,
        )


class PlanCrearView(PersonalRequeridoMixin, CreacionUnicaMixin, FormView):
    form_class = PlanEstrategicoForm
    template_name = "planes/formulario.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_crear_plan_estrategico(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            titulo=_("Nuevo plan estratégico"),
            boton=_("Crear el plan"),
            paso=procedimiento.actividad(1),
            introduccion=_(
                "Registre el Plan Estratégico Sectorial o el Institucional como lo formula su comité (cuatro años, "
                "alineado con el Plan Nacional de Desarrollo)."
            ),
            **kwargs,
        )

    def form_valid(self, form: Any) -> HttpResponse:
        datos = dict(form.cleaned_data)
        datos.pop("token_creacion", None)
        try:
            plan = services.plan_estrategico_crear(usuario=usuario_de(self.request), **datos)
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Plan creado. Agregue sus objetivos, estrategias y actividades."))
        return redirect(plan)


class PlanDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "planes/detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        plan = plan_visible(usuario, self.kwargs["pk"])
        anios = plan.anios
        hoy = timezone.localdate()
        try:
            anio = int(self.request.GET.get("anio") or (hoy.year if hoy.year in anios else anios[0]))
        except ValueError:
            anio = anios[0]
        if anio not in anios:
            anio = anios[0]
        anio_cerrado, trimestre_cerrado = periodo_actual()
        trimestre = None  # the figures shown are those of the last quarter already over
        if plan.en_vigor and anio <= anio_cerrado:
            trimestre = trimestre_cerrado if anio == anio_cerrado else 4
        puntos = selectors.verificacion(plan)
        arbol = selectors.arbol(plan, anio, trimestre=trimestre if plan.en_vigor else None)
        actividades = [n for o in arbol for e in o["estrategias"] for n in e["actividades"]]
        activas = [n for n in actividades if not n.actividad.retirada]
        return super().get_context_data(
            plan=plan,
            anio=anio,
            trimestre=trimestre,
            arbol=arbol,
            puntos=puntos,
            puntos_fallidos=reglas.fallidos(puntos),
            suma_pesos=sum((n.actividad.peso for n in activas), 0),
            presupuesto=sum((n.actividad.presupuesto or 0 for n in activas), 0),
            numero_actividades=len(activas),
            rondas=list(plan.rondas.select_related("enviado_por", "revisado_por").order_by("-numero")),
            ajustes=list(
                SolicitudAjuste.objects.filter(plan=plan)
                .select_related("solicitada_por")
                .prefetch_related("cambios__actividad")
                .order_by("-creada_en")
            ),
            politicas=list(plan.politicas.order_by("numero")),
            flujo=FLUJO_PLAN,
            paso=procedimiento.actividad(plan.actividad_de_control),
            puede_editar=permissions.can_editar_plan(usuario, plan),
            puede_aprobar_comite=permissions.can_registrar_aprobacion_comite(usuario, plan),
            puede_solicitar_ajuste=permissions.can_solicitar_ajuste(usuario, plan),
            derivados=list(plan.planes_derivados.visibles_para(usuario).select_related("dependencia")),
            **kwargs,
        )


class PlanEditarView(PasoView):
    form_class = PlanEncabezadoForm
    rol_permitido = staticmethod(permissions.formula_el_plan)
    permitida = staticmethod(permissions.can_editar_plan)
    titulo = gettext_lazy("Editar el encabezado del plan")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Plan actualizado.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        datos = self.datos(form)
        politicas = datos.pop("politicas", None)
        services.plan_editar(plan=self.objeto, usuario=self.request.user, politicas=politicas, **datos)


class AprobacionComiteView(PasoView):
    """Activities 3 and 6: the committee approved the strategic plan; Planeación records the session."""

    form_class = ComiteForm
    rol_permitido = staticmethod(lambda u, p: p.estrategico and permissions.es_planeacion(u))
    permitida = staticmethod(permissions.can_registrar_aprobacion_comite)
    titulo = gettext_lazy("Registrar la aprobación del comité")
    boton = gettext_lazy("Registrar la aprobación")
    exito = gettext_lazy("Aprobación registrada: el plan está aprobado y sus trimestres abiertos al seguimiento.")
    mensaje_estado = gettext_lazy("El plan debe estar en concertación (enviado) para registrar su aprobación.")

    @property
    def actividad_procedimiento(self):
        return 3 if self.objeto.tipo == Plan.Tipo.SECTORIAL else 6

    def get_initial(self) -> dict[str, Any]:
        return {"comite": self.objeto.comite_competente, "acta_fecha": timezone.localdate()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        puntos = selectors.verificacion(self.objeto)
        return super().get_context_data(puntos=puntos, **kwargs)

    def ejecutar(self, form):
        services.plan_aprobar_comite(plan=self.objeto, usuario=self.request.user, **self.datos(form))


class ActaPlanView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        plan = plan_visible(request.user, pk)
        return archivos.servir(plan.acta_archivo)
