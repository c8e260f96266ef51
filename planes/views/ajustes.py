"""Adjustment requests (DE-PD-01 activities 20-24): the request with its changes, Planeación's review of their
pertinence (activity 23) and the competent instance's approval (activity 24)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import PersonalRequeridoMixin, TransicionView

from .. import permissions, procedimiento, reglas, services
from ..forms import AprobarAjusteForm, CambiosFormSetFactory, SolicitudAjusteForm
from ..models import SolicitudAjuste
from ..services.ajustes import verificacion
from .comun import PasoView, periodo_actual, plan_visible, solicitud_visible

FLUJO_AJUSTE = Flujo(
    url_name="planes:ajuste-transicion",
    acciones=(
        Accion(
            nombre="revisar",
            etiqueta=gettext_lazy("Causas pertinentes: pasar a aprobación"),
            servicio=services.ajuste_revisar,
            permitida=permissions.can_revisar_ajuste,
            rol_permitido=permissions.rol_planeacion,
            requiere_motivo=True,
            punto_critico=gettext_lazy(
                "Actividad 23: las causas deben ser pertinentes y el cambio no debe afectar los objetivos ni la "
                "normatividad."
            ),
            confirmacion=gettext_lazy(
                "Escriba en el motivo el concepto de Planeación sobre la pertinencia de las causas."
            ),
        ),
        Accion(
            nombre="rechazar",
            etiqueta=gettext_lazy("Rechazar el ajuste"),
            servicio=services.ajuste_rechazar,
            permitida=permissions.can_rechazar_ajuste,
            rol_permitido=permissions.rol_planeacion,
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=gettext_lazy("El plan sigue como está; quien lo solicitó recibe el motivo."),
        ),
    ),
)


class AjusteTransicionView(TransicionView):
    modelo = SolicitudAjuste
    flujo = FLUJO_AJUSTE
    parametro = "solicitud"


class AjusteCrearView(CreacionUnicaMixin, PasoView):
    form_class = SolicitudAjusteForm
    template_name = "planes/ajuste_formulario.html"
    cargador = staticmethod(plan_visible)
    rol_permitido = staticmethod(permissions.solicita_ajustes)
    permitida = staticmethod(permissions.can_solicitar_ajuste)
    titulo = gettext_lazy("Solicitar un ajuste al plan")
    boton = gettext_lazy("Enviar la solicitud")
    exito = gettext_lazy("Solicitud enviada a la Oficina Asesora de Planeación.")
    mensaje_estado = gettext_lazy("Solo se ajusta un plan aprobado o publicado.")

    @property
    def actividad_procedimiento(self):
        return {"sectorial": 20, "institucional": 21}.get(self.objeto.tipo, 22)

    def _cambios(self):
        return CambiosFormSetFactory(
            self.request.POST if self.request.method == "POST" else None, plan=self.objeto, prefix="cambios"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("cambios", self._cambios())
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.cambios = self._cambios()
        if not self.cambios.is_valid():
            form = self.get_form()
            form.is_valid()
            return self.render_to_response(self.get_context_data(form=form, cambios=self.cambios))
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form, cambios=getattr(self, "cambios", None)))

    def ejecutar(self, form):
        anio, _t = periodo_actual()
        self.solicitud = services.ajuste_solicitar(
            plan=self.objeto,
            usuario=self.request.user,
            causa=form.cleaned_data["causa"],
            cambios=self.cambios.cambios(),
            reabrir_trimestre=form.cleaned_data.get("reabrir_trimestre"),
            anio_reabrir=anio if anio in self.objeto.anios else self.objeto.anio_inicio,
        )

    def destino(self):
        return self.solicitud.get_absolute_url()


class AjusteDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "planes/ajuste_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        solicitud = solicitud_visible(usuario, self.kwargs["pk"])
        abierta = solicitud.estado in (SolicitudAjuste.Estado.SOLICITADO, SolicitudAjuste.Estado.REVISADO)
        puntos = (
            verificacion(solicitud) if abierta else [reglas.PuntoDeControl(**_punto(p)) for p in solicitud.verificacion]
        )
        return super().get_context_data(
            solicitud=solicitud,
            plan=solicitud.plan,
            cambios=list(solicitud.cambios.select_related("actividad").order_by("actividad__codigo", "campo")),
            puntos=puntos,
            flujo=FLUJO_AJUSTE,
            puede_aprobar=permissions.can_aprobar_ajuste(usuario, solicitud),
            paso=procedimiento.actividad(23),
            **kwargs,
        )


def _punto(dato: dict) -> dict:
    return {
        "actividad": dato.get("actividad", 23),
        "nombre": dato.get("nombre", ""),
        "texto": procedimiento.verificacion(23, 0),
        "cumple": dato.get("cumple", True),
        "fallas": tuple(dato.get("fallas", ())),
    }


class AjusteAprobarView(PasoView):
    form_class = AprobarAjusteForm
    cargador = staticmethod(solicitud_visible)
    rol_permitido = staticmethod(permissions.rol_planeacion)
    permitida = staticmethod(permissions.can_aprobar_ajuste)
    titulo = gettext_lazy("Registrar la aprobación del ajuste")
    boton = gettext_lazy("Aprobar y versionar el plan")
    exito = gettext_lazy("Ajuste aprobado: el plan tiene una nueva versión con los valores anteriores a la vista.")
    mensaje_estado = gettext_lazy("Primero Planeación revisa la pertinencia de las causas (actividad 23).")
    actividad_procedimiento = 24

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "solicitud": self.objeto}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(subtitulo=str(self.objeto.plan), **kwargs)

    def ejecutar(self, form):
        services.ajuste_aprobar(solicitud=self.objeto, usuario=self.request.user, **self.datos(form))
