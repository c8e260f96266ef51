import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView

from cooperacion.core import archivos
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.services import ErrorDeDominio
from cooperacion.core.views import AccionConFormularioView, ListaFiltrada, PersonalRequeridoMixin, TransicionView

from .. import permissions, services
from ..filters import CasoOITFilter
from ..forms import CasoForm, DocumentoCasoForm, ReabrirForm, RespuestaForm
from ..models import CasoOIT, DocumentoCaso
from ..selectors import configuracion_del_plazo, estado_del_plazo

FLUJO_CASO = Flujo(
    url_name="internacional:caso-transicion",
    acciones=(
        Accion(
            nombre="cerrar",
            etiqueta=gettext_lazy("Cerrar el caso"),
            servicio=services.caso_cerrar,
            permitida=permissions.can_cerrar_caso,
            requiere_motivo=True,
            estilo="outline-secondary",
            confirmacion=gettext_lazy(
                "El caso quedará archivado. Use «Reabrir» en su lugar si la OIT pidió más información."
            ),
        ),
    ),
)


def caso_visible(usuario, pk) -> CasoOIT:
    """The case if the user may see it; 404 otherwise (an outsider does not learn that it exists)."""
    return get_object_or_404(CasoOIT.objects.visibles_para(usuario).select_related("dependencia", "responsable"), pk=pk)


class CasoListaView(ListaFiltrada):
    model = CasoOIT
    filterset_class = CasoOITFilter
    template_name = "internacional/caso_lista.html"
    titulo = gettext_lazy("Casos ante los órganos de control de la OIT")
    ordenamientos = {
        "numero": "numero",
        "fecha_limite_respuesta": "fecha_limite_respuesta",
        "estado": "estado",
    }
    orden_por_defecto = "fecha_limite_respuesta"

    def get_queryset(self):
        return super().get_queryset().select_related("dependencia", "responsable")

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        hoy = timezone.localdate()
        configuracion = configuracion_del_plazo()
        contexto["filas"] = [
            (caso, estado_del_plazo(caso, hoy=hoy, configuracion=configuracion)) for caso in contexto["object_list"]
        ]
        contexto["puede_crear"] = permissions.can_crear_caso(self.request.user)
        contexto["ve_dependencias"] = self.request.user.ve_todas_las_dependencias
        return contexto


class CasoDetalleView(PersonalRequeridoMixin, DetailView):
    template_name = "internacional/caso_detalle.html"
    context_object_name = "caso"

    def get_object(self, queryset=None):
        return caso_visible(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        caso = self.object
        usuario = self.request.user
        return super().get_context_data(
            flujo=FLUJO_CASO,
            plazo=estado_del_plazo(caso, hoy=timezone.localdate(), configuracion=configuracion_del_plazo()),
            puede_editar=permissions.can_editar_caso(usuario, caso),
            puede_responder=permissions.can_registrar_respuesta(usuario, caso),
            puede_reabrir=permissions.can_reabrir_caso(usuario, caso),
            puede_subir_documento=permissions.puede_preparar(usuario, caso),
            documentos=list(caso.documentos.select_related("subido_por")),
            **kwargs,
        )


class CasoCrearView(PersonalRequeridoMixin, FormView):
    form_class = CasoForm
    template_name = "internacional/caso_formulario.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_crear_caso(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(titulo=_("Nuevo caso OIT"), boton=_("Registrar un caso"), **kwargs)

    def form_valid(self, form):
        try:
            caso = services.caso_crear(usuario=self.request.user, **form.cleaned_data)
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Caso %(numero)s registrado.") % {"numero": caso.numero})
        return redirect(caso.get_absolute_url())


class AccionSobreCasoView(AccionConFormularioView):
    """An action on a visible case that needs a form (edit, answer, reopen)."""

    template_name = "internacional/caso_formulario.html"
    mensaje_estado = gettext_lazy("Esta acción no es posible en el estado actual del caso.")

    def cargar(self, usuario, pk):
        return caso_visible(usuario, pk)

    @property
    def caso(self) -> CasoOIT:
        return self.objeto

    def get_context_data(self, **kwargs):
        return super().get_context_data(caso=self.caso, **kwargs)

    def mensaje_exito(self) -> str:
        return self.exito % {"numero": self.caso.numero}


class CasoEditarView(AccionSobreCasoView):
    form_class = CasoForm
    rol_permitido = staticmethod(permissions.puede_preparar)
    permitida = staticmethod(permissions.can_editar_caso)
    titulo = gettext_lazy("Editar el caso")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Caso %(numero)s actualizado.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user, "instance": copy.copy(self.caso)}

    def ejecutar(self, form):
        services.caso_editar(caso=self.caso, usuario=self.request.user, **form.cleaned_data)


class CasoRespuestaView(AccionSobreCasoView):
    form_class = RespuestaForm
    rol_permitido = staticmethod(permissions.puede_aprobar)
    permitida = staticmethod(permissions.can_registrar_respuesta)
    titulo = gettext_lazy("Registrar la respuesta enviada")
    boton = gettext_lazy("Registrar la respuesta")
    introduccion = gettext_lazy(
        "Registre la respuesta aprobada y radicada ante la OIT. El caso pasa a «Respondido» y se avisa al responsable."
    )
    exito = gettext_lazy("Respuesta del caso %(numero)s registrada.")

    def get_initial(self):
        return {"fecha_respuesta": timezone.localdate()}

    def ejecutar(self, form):
        services.caso_registrar_respuesta(
            caso=self.caso,
            usuario=self.request.user,
            fecha_respuesta=form.cleaned_data["fecha_respuesta"],
            radicado=form.cleaned_data["radicado"],
            motivo=form.cleaned_data["motivo"],
            documento=form.cleaned_data.get("documento"),
        )


class CasoReabrirView(AccionSobreCasoView):
    form_class = ReabrirForm
    rol_permitido = staticmethod(permissions.puede_aprobar)
    permitida = staticmethod(permissions.can_reabrir_caso)
    titulo = gettext_lazy("Reabrir el caso")
    boton = gettext_lazy("Reabrir el caso")
    introduccion = gettext_lazy(
        "Use esta acción cuando la OIT pida información adicional: el caso vuelve a «En trámite» con un nuevo plazo."
    )
    exito = gettext_lazy("Caso %(numero)s reabierto.")

    def ejecutar(self, form):
        services.caso_reabrir(
            caso=self.caso,
            usuario=self.request.user,
            motivo=form.cleaned_data["motivo"],
            nueva_fecha_limite=form.cleaned_data["nueva_fecha_limite"],
        )


class CasoDocumentoView(AccionSobreCasoView):
    """Upload the communication received or a new draft of the answer."""

    form_class = DocumentoCasoForm
    rol_permitido = staticmethod(permissions.puede_preparar)
    permitida = staticmethod(permissions.puede_preparar)
    titulo = gettext_lazy("Subir un documento del caso")
    boton = gettext_lazy("Subir un documento")
    introduccion = gettext_lazy(
        "La comunicación recibida de la OIT o un nuevo borrador de la respuesta: cada borrador queda como una versión."
    )
    exito = gettext_lazy("Documento del caso %(numero)s guardado.")

    def ejecutar(self, form):
        services.documento_caso_agregar(caso=self.caso, usuario=self.request.user, **form.cleaned_data)


class DocumentoCasoDescargarView(PersonalRequeridoMixin, View):
    """A document of a case, only for those who see the case."""

    def get(self, request, pk):
        visibles = CasoOIT.objects.visibles_para(request.user).values("pk")
        documento = get_object_or_404(DocumentoCaso, caso__in=visibles, pk=pk)
        return archivos.servir(documento.archivo)


class CasoTransicionView(TransicionView):
    modelo = CasoOIT
    flujo = FLUJO_CASO
    parametro = "caso"
