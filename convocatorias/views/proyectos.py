"""Tasks 8 and 9: the cooperation project (execution follow-up, critical control point «Seguimiento al
proyecto») and its close-out act."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import ListaFiltrada, PersonalRequeridoMixin, TransicionView
from cooperacion.core.views_reportes import DocumentoDeRegistroView

from .. import permissions, procedimiento, selectors, services
from ..filters import ProyectoFilter
from ..forms import (
    DatosIATIForm,
    FinalizarForm,
    InformeForm,
    MovimientoForm,
    ParticipantesFormSet,
    ProyectoForm,
    SectoresFormSet,
)
from ..models import InformeEjecucion, Proyecto
from .comun import PasoView, proyecto_visible

FLUJO_INFORME = Flujo(
    url_name="convocatorias:informe-transicion",
    acciones=(
        Accion(
            nombre="aceptar",
            etiqueta=gettext_lazy("Aceptar el informe"),
            servicio=services.informe_aceptar,
            permitida=permissions.can_aceptar_informe,
            rol_permitido=permissions.rol_revisa_informe,
            estilo="success",
            punto_critico=procedimiento.PUNTO_SEGUIMIENTO,
            confirmacion=gettext_lazy("El informe revisado se acepta como soporte del seguimiento al proyecto."),
        ),
        Accion(
            nombre="devolver",
            etiqueta=gettext_lazy("Devolver con observaciones"),
            servicio=services.informe_devolver,
            permitida=permissions.can_devolver_informe,
            rol_permitido=permissions.rol_revisa_informe,
            requiere_motivo=True,
            estilo="outline-danger",
            punto_critico=procedimiento.PUNTO_SEGUIMIENTO,
            confirmacion=gettext_lazy("Quien lo entregó debe corregirlo y entregarlo de nuevo."),
        ),
    ),
)


class InformeTransicionView(TransicionView):
    modelo = InformeEjecucion
    flujo = FLUJO_INFORME
    parametro = "informe"


class IniciarEjecucionView(PasoView):
    """The accepted call becomes a cooperation project (task 8), with its donors and report schedule."""

    form_class = ProyectoForm
    template_name = "convocatorias/proyecto_formulario.html"
    rol_permitido = staticmethod(permissions.es_de_la_oficina)
    permitida = staticmethod(permissions.can_iniciar_ejecucion)
    titulo = gettext_lazy("Proyecto de cooperación")
    boton = gettext_lazy("Iniciar la ejecución")
    exito = gettext_lazy("Proyecto en ejecución, con su calendario de informes.")
    tarea = 8

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "convocatoria": self.objeto}

    def get_context_data(self, **kwargs):
        if "participantes" not in kwargs:
            inicial = [{"actor": self.objeto.cooperante_id, "rol": "1"}]
            kwargs["participantes"] = ParticipantesFormSet(
                self.request.POST or None, prefix="participantes", initial=inicial
            )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        participantes = ParticipantesFormSet(request.POST, prefix="participantes")
        if form.is_valid() and participantes.is_valid():
            self.participantes = [
                (f.cleaned_data["actor"], f.cleaned_data["rol"]) for f in participantes if f.cleaned_data.get("actor")
            ]
            return self.form_valid(form)
        return self.render_to_response(self.get_context_data(form=form, participantes=participantes))

    def ejecutar(self, form):
        datos = dict(form.cleaned_data)
        self.proyecto = services.proyecto_crear(
            convocatoria=self.objeto,
            usuario=self.request.user,
            participantes=self.participantes,
            fechas_informes=datos.pop("fechas_informes"),
            **datos,
        )

    def form_invalid(self, form):
        participantes = ParticipantesFormSet(self.request.POST, prefix="participantes")
        return self.render_to_response(self.get_context_data(form=form, participantes=participantes))

    def destino(self):
        return self.proyecto.get_absolute_url()


class ProyectoListaView(ListaFiltrada):
    model = Proyecto
    filterset_class = ProyectoFilter
    template_name = "convocatorias/proyecto_lista.html"
    titulo = gettext_lazy("Proyectos de cooperación")
    ordenamientos = {"codigo": "codigo", "fin": "fecha_fin", "inicio": "fecha_inicio"}
    orden_por_defecto = "fin"

    def get_queryset(self):
        return self.ordenar(selectors.proyectos_para(self.request.user))

    def get_context_data(self, **kwargs):
        consulta = self.request.GET.copy()
        consulta.pop("page", None)
        return super().get_context_data(consulta_exportar=consulta.urlencode(), **kwargs)


class ProyectoDetalleView(PersonalRequeridoMixin, DetailView):
    template_name = "convocatorias/proyecto_detalle.html"
    context_object_name = "proyecto"

    def get_object(self, queryset=None):
        return proyecto_visible(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        usuario = self.request.user
        proyecto = self.object
        detalle = selectors.detalle_de_proyecto(proyecto)
        hoy = timezone.localdate()
        for informe in detalle["informes"]:
            informe.vencido = (
                proyecto.en_ejecucion
                and informe.estado in (InformeEjecucion.Estado.PENDIENTE, InformeEjecucion.Estado.DEVUELTO)
                and informe.fecha_limite < hoy
            )
            informe.puede_entregar = permissions.can_entregar_informe(usuario, informe)
            informe.acciones = [(a, FLUJO_INFORME.url(informe, a)) for a in FLUJO_INFORME.disponibles(usuario, informe)]
        pendientes = [i for i in detalle["informes"] if i.estado != InformeEjecucion.Estado.ACEPTADO]
        return super().get_context_data(
            convocatoria=proyecto.convocatoria,
            puede_movimiento=permissions.can_registrar_movimiento(usuario, proyecto),
            puede_finalizar=permissions.can_finalizar(usuario, proyecto),
            puede_datos_iati=permissions.puede_entregar_informes(usuario, proyecto),
            informes_pendientes=pendientes,
            tarea8=procedimiento.tarea(8),
            tarea9=procedimiento.tarea(9),
            **detalle,
            **kwargs,
        )


class ProyectoPasoView(PasoView):
    def cargar(self, usuario, pk):
        return proyecto_visible(usuario, pk)


class InformeRecibirView(ProyectoPasoView):
    form_class = InformeForm
    titulo = gettext_lazy("Entregar el informe de ejecución")
    boton = gettext_lazy("Entregar el informe")
    exito = gettext_lazy("Informe recibido; el supervisor fue avisado para revisarlo.")
    tarea = 8

    def cargar(self, usuario, pk):
        proyecto = proyecto_visible(usuario, pk)
        informe = get_object_or_404(InformeEjecucion, pk=self.kwargs["informe"], proyecto=proyecto)
        informe.proyecto = proyecto
        return informe

    rol_permitido = staticmethod(
        lambda usuario, informe: permissions.puede_entregar_informes(usuario, informe.proyecto)
    )
    permitida = staticmethod(permissions.can_entregar_informe)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subtitulo=str(self.objeto), **kwargs)

    def ejecutar(self, form):
        services.informe_recibir(informe=self.objeto, usuario=self.request.user, **form.cleaned_data)


class MovimientoView(CreacionUnicaMixin, ProyectoPasoView):
    form_class = MovimientoForm
    rol_permitido = staticmethod(permissions.puede_entregar_informes)
    permitida = staticmethod(permissions.can_registrar_movimiento)
    titulo = gettext_lazy("Registrar un desembolso o gasto")
    boton = gettext_lazy("Registrar")
    exito = gettext_lazy("Movimiento registrado.")
    tarea = 8

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            introduccion=_("Montos en %(m)s, la moneda del proyecto.") % {"m": self.objeto.moneda}, **kwargs
        )

    def ejecutar(self, form):
        services.movimiento_registrar(proyecto=self.objeto, usuario=self.request.user, **form.cleaned_data)


class DatosIATIView(ProyectoPasoView):
    form_class = DatosIATIForm
    rol_permitido = staticmethod(permissions.puede_entregar_informes)
    permitida = staticmethod(permissions.puede_entregar_informes)
    titulo = gettext_lazy("Datos para IATI y Cíclope")
    boton = gettext_lazy("Guardar")
    exito = gettext_lazy("Datos del proyecto guardados.")

    template_name = "convocatorias/datos_iati.html"

    def get_initial(self):
        proyecto = self.objeto
        return {
            "tasa_usd": proyecto.tasa_usd,
            "indicadores": list(proyecto.indicadores.values_list("pk", flat=True)),
            "publicar": bool(proyecto.publicado_en),
        }

    def _sectores(self):
        if self.request.method == "POST":
            return SectoresFormSet(self.request.POST, prefix="sectores")
        inicial = [{"codigo": s.codigo, "porcentaje": s.porcentaje} for s in self.objeto.sectores.all()]
        return SectoresFormSet(prefix="sectores", initial=inicial)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("sectores", self._sectores())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        self.sectores = self._sectores()
        if form.is_valid() and self.sectores.is_valid():
            return self.form_valid(form)
        return self.render_to_response(self.get_context_data(form=form, sectores=self.sectores))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, sectores=self.sectores))

    def ejecutar(self, form):
        services.proyecto_datos_iati_editar(
            proyecto=self.objeto, usuario=self.request.user, sectores=self.sectores.filas(), **form.cleaned_data
        )


class FinalizarView(ProyectoPasoView):
    form_class = FinalizarForm
    rol_permitido = staticmethod(lambda usuario, p: permissions.es_jefe_de_la_oficina(usuario, p.convocatoria))
    permitida = staticmethod(permissions.can_finalizar)
    titulo = gettext_lazy("Acta de finalización")
    boton = gettext_lazy("Firmar el acta de finalización")
    introduccion = gettext_lazy(
        "El jefe de la oficina firma el acta con el informe final sobre los resultados del proyecto. "
        "Todos los informes de ejecución vencidos deben estar aceptados (punto crítico «Seguimiento al proyecto»)."
    )
    exito = gettext_lazy("Acta de finalización firmada: el proyecto quedó finalizado.")
    tarea = 9

    def get_context_data(self, **kwargs):
        # The precondition, stated before the Jefe fills anything in.
        pendientes = services.informes_sin_aceptar(self.objeto, timezone.localdate())
        if pendientes:
            aviso = _(
                "Hoy no se puede firmar: los informes de ejecución n.º %(n)s vencieron y no están aceptados. "
                "Revíselos en la página del proyecto antes de llenar este formulario."
            ) % {"n": ", ".join(str(n) for n in pendientes)}
        else:
            aviso = _("Todos los informes de ejecución vencidos están aceptados: puede firmar el acta.")
        return super().get_context_data(precondicion=aviso, precondicion_cumplida=not pendientes, **kwargs)

    def ejecutar(self, form):
        services.proyecto_finalizar(proyecto=self.objeto, usuario=self.request.user, **form.cleaned_data)


class ActaFinalizacionPDFView(DocumentoDeRegistroView):
    codigo = "acta_finalizacion"

    def cargar(self, usuario, pk):
        return proyecto_visible(usuario, pk)
