"""The quarterly follow-up (DE-PD-01 activity 16): the list of quarters, a dependencia's quarter with each activity's
figures and control points, reporting an activity, Planeación's review, diagnosis and returns, Control Interno's
observations, and Planeación's «cuadro diagnóstico trimestral» per dependencia."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from cooperacion.core import periodos
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.tipos import usuario_de
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin, TransicionView
from indicadores import selectors as indicadores

from .. import permissions, procedimiento, selectors, services
from ..filters import SeguimientoFilter
from ..forms import AvanceForm, DevolverAvanceForm, DiagnosticoForm, ObservacionForm
from ..models import AvanceActividad, SeguimientoTrimestral
from .comun import PasoView, avance_visible, periodo_actual, seguimiento_visible

FLUJO_SEGUIMIENTO = Flujo(
    url_name="planes:seguimiento-transicion",
    acciones=(
        Accion(
            nombre="enviar",
            etiqueta=gettext_lazy("Enviar a Planeación"),
            servicio=services.seguimiento_enviar,
            permitida=permissions.can_enviar_seguimiento,
            rol_permitido=permissions.reporta_el_seguimiento,
            punto_critico=gettext_lazy(
                "Actividad 16: cada actividad reportada, con la justificación de lo que esté por debajo."
            ),
            confirmacion=gettext_lazy("El trimestre pasa a revisión de Planeación y ya no se puede editar."),
        ),
        Accion(
            nombre="devolver",
            etiqueta=gettext_lazy("Devolver a la dependencia"),
            servicio=services.seguimiento_devolver,
            permitida=permissions.can_devolver_seguimiento,
            rol_permitido=permissions.rol_planeacion,
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=gettext_lazy(
                "El trimestre vuelve a la dependencia para que corrija los ítems devueltos y lo envíe de nuevo."
            ),
        ),
        Accion(
            nombre="revisar",
            etiqueta=gettext_lazy("Marcar como revisado"),
            servicio=services.seguimiento_revisar,
            permitida=permissions.can_revisar_seguimiento,
            rol_permitido=permissions.rol_planeacion,
            estilo="success",
            confirmacion=gettext_lazy("Planeación acepta el reporte del trimestre; ningún ítem puede seguir devuelto."),
        ),
        Accion(
            nombre="cerrar",
            etiqueta=gettext_lazy("Cerrar el trimestre"),
            servicio=services.seguimiento_cerrar,
            permitida=permissions.can_cerrar_seguimiento,
            rol_permitido=permissions.rol_planeacion,
            estilo="outline-secondary",
            punto_critico=gettext_lazy("Actividad 16: Planeación diligencia el cuadro diagnóstico trimestral."),
            confirmacion=gettext_lazy(
                "El trimestre queda cerrado: no admite cambios y solo un ajuste aprobado al plan lo reabre."
            ),
        ),
    ),
)


class SeguimientoTransicionView(TransicionView):
    modelo = SeguimientoTrimestral
    flujo = FLUJO_SEGUIMIENTO
    parametro = "seguimiento"


class SeguimientoListaView(ListaFiltrada):
    model = SeguimientoTrimestral
    filterset_class = SeguimientoFilter
    template_name = "planes/seguimiento_lista.html"
    titulo = gettext_lazy("Seguimiento trimestral de los planes")
    ordenamientos = {"periodo": "anio", "dependencia": "dependencia__nombre", "estado": "estado"}
    orden_por_defecto = "-periodo"

    def ordenar(self, queryset):
        orden = self.orden_actual()
        if orden.lstrip("-") == "periodo":
            signo = "-" if orden.startswith("-") else ""
            return queryset.order_by(f"{signo}anio", f"{signo}trimestre", "dependencia__nombre", "pk")
        return super().ordenar(queryset)

    def get_queryset(self):
        return selectors.resumen_de_seguimientos(super().get_queryset().select_related("dependencia", "calendario"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(periodo_actual=periodos.periodo(*periodo_actual()), **kwargs)


class SeguimientoDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "planes/seguimiento_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        seguimiento = seguimiento_visible(usuario, self.kwargs["pk"])
        filas = selectors.seguimiento_detalle(seguimiento)
        for fila in filas:
            if fila.avance is not None:
                fila.avance.seguimiento = seguimiento
            fila.puede_reportar = fila.avance is not None and permissions.can_reportar(usuario, fila.avance)
            fila.puede_devolver = fila.avance is not None and permissions.can_devolver_avance(usuario, fila.avance)
        return super().get_context_data(
            seguimiento=seguimiento,
            filas=filas,
            flujo=FLUJO_SEGUIMIENTO,
            cerrado=services.motivo_cerrado(seguimiento),
            observaciones=list(seguimiento.observaciones.select_related("autor")),
            puede_diagnosticar=permissions.can_diagnosticar(usuario, seguimiento),
            puede_observar=permissions.can_observar(usuario, seguimiento),
            pendientes=sum(1 for f in filas if not f.avance or f.avance.estado != AvanceActividad.Estado.REPORTADO),
            paso=procedimiento.actividad(16),
            **kwargs,
        )


class AvanceReportarView(PasoView):
    form_class = AvanceForm
    template_name = "planes/avance_formulario.html"
    cargador = staticmethod(avance_visible)
    rol_permitido = staticmethod(lambda u, a: permissions.reporta_el_seguimiento(u, a.seguimiento))
    permitida = staticmethod(permissions.can_reportar)
    titulo = gettext_lazy("Reportar el avance del trimestre")
    boton = gettext_lazy("Guardar el avance")
    exito = gettext_lazy("Avance guardado.")
    actividad_procedimiento = 16

    @property
    def mensaje_estado(self):
        return services.motivo_cerrado(self.objeto.seguimiento)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "actividad": self.objeto.actividad}

    def get_initial(self) -> dict[str, Any]:
        avance = self.objeto
        seguimiento = avance.seguimiento
        medicion = avance.actividad.indicador.mediciones.filter(
            anio=seguimiento.anio, trimestre=seguimiento.trimestre, dependencia__isnull=True
        ).first()
        inicial = {
            "avance_cualitativo": avance.avance_cualitativo,
            "presupuesto_ejecutado": avance.presupuesto_ejecutado,
            "justificacion": avance.justificacion,
        }
        if medicion is not None:
            inicial.update(numerador=medicion.numerador, denominador=medicion.denominador)
        return inicial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        avance = self.objeto
        seguimiento = avance.seguimiento
        serie = indicadores.serie(avance.actividad.indicador, seguimiento.anio)
        return super().get_context_data(
            avance=avance,
            actividad=avance.actividad,
            indicador=avance.actividad.indicador,
            resultado=serie.en(seguimiento.trimestre),
            serie=serie,
            subtitulo=str(seguimiento),
            **kwargs,
        )

    def ejecutar(self, form):
        services.avance_reportar(avance=self.objeto, usuario=self.request.user, **self.datos(form))


class AvanceDevolverView(PasoView):
    form_class = DevolverAvanceForm
    cargador = staticmethod(avance_visible)
    rol_permitido = staticmethod(permissions.rol_planeacion)
    permitida = staticmethod(permissions.can_devolver_avance)
    titulo = gettext_lazy("Devolver el ítem con una observación")
    boton = gettext_lazy("Devolver el ítem")
    exito = gettext_lazy("Ítem devuelto. Devuelva el seguimiento a la dependencia cuando termine la revisión.")
    mensaje_estado = gettext_lazy("Solo se devuelven ítems de un seguimiento enviado.")
    actividad_procedimiento = 16

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(subtitulo=str(self.objeto), **kwargs)

    def ejecutar(self, form):
        services.avance_devolver(avance=self.objeto, usuario=self.request.user, **self.datos(form))


class DiagnosticoView(PasoView):
    form_class = DiagnosticoForm
    cargador = staticmethod(seguimiento_visible)
    rol_permitido = staticmethod(permissions.rol_planeacion)
    permitida = staticmethod(permissions.can_diagnosticar)
    titulo = gettext_lazy("Cuadro diagnóstico del trimestre")
    boton = gettext_lazy("Guardar el diagnóstico")
    exito = gettext_lazy("Diagnóstico guardado.")
    mensaje_estado = gettext_lazy("El diagnóstico se diligencia mientras Planeación revisa el seguimiento enviado.")
    actividad_procedimiento = 16

    def get_initial(self) -> dict[str, Any]:
        return {"diagnostico": self.objeto.diagnostico, "recomendaciones": self.objeto.recomendaciones}

    def ejecutar(self, form):
        services.seguimiento_diagnosticar(seguimiento=self.objeto, usuario=self.request.user, **self.datos(form))


class ObservacionView(CreacionUnicaMixin, PasoView):
    form_class = ObservacionForm
    cargador = staticmethod(seguimiento_visible)
    rol_permitido = staticmethod(lambda u, s: permissions.es_control_interno(u))
    permitida = staticmethod(permissions.can_observar)
    titulo = gettext_lazy("Observación de Control Interno")
    boton = gettext_lazy("Registrar la observación")
    exito = gettext_lazy("Observación registrada; Planeación y la dependencia fueron avisadas.")
    mensaje_estado = gettext_lazy("Control Interno observa los seguimientos ya enviados.")

    def ejecutar(self, form):
        services.observacion_registrar(
            seguimiento=self.objeto, usuario=self.request.user, texto_observacion=form.cleaned_data["texto"]
        )

    def destino(self):
        return f"{self.objeto.get_absolute_url()}#observaciones"


class CuadroDiagnosticoView(PersonalRequeridoMixin, TemplateView):
    """Planeación's quarterly diagnostic table per dependencia (control point of activity 16), also in the report."""

    template_name = "planes/diagnostico.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = usuario_de(self.request)
        leido = periodos.leer_periodo(self.request.GET.get("periodo", ""))
        anio, trimestre = leido or periodo_actual()
        dependencia_id = None if usuario.ve_todas_las_dependencias else usuario.dependencia_id or 0
        informe = selectors.informe(anio, trimestre, dependencia_id=dependencia_id)
        return super().get_context_data(
            inf=informe,
            periodo=periodos.periodo(anio, trimestre),
            periodos=periodos.periodos_recientes(timezone.localdate()),
            titulo=_("Cuadro diagnóstico trimestral por dependencia"),
            paso=procedimiento.actividad(16),
            **kwargs,
        )
