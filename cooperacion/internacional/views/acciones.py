"""Pages of alliance actions: list, detail with monitoring and log, forms, and the public page of their results."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cooperacion.core.flujos import Accion as AccionDeFlujo
from cooperacion.core.flujos import Flujo
from cooperacion.core.views import TransicionView
from cooperacion.core.views_publico import PublicoMixin

from .. import permissions
from ..filters import AccionAlianzaFilter
from ..forms import AccionAlianzaForm, FinalizarAccionForm, SeguimientoAccionForm, VisibilizacionForm
from ..models import AccionAlianza
from ..services import acciones as servicios
from .comun import Accion, Crear, Detalle, Lista

FLUJO_ACCION = Flujo(
    url_name="internacional:accion-transicion",
    acciones=(
        AccionDeFlujo(
            nombre="iniciar",
            etiqueta=_("Iniciar la implementación"),
            servicio=servicios.accion_iniciar,
            permitida=permissions.can_iniciar_accion,
            rol_permitido=permissions.puede_preparar_accion,
        ),
    ),
)


class AccionListaView(Lista):
    model = AccionAlianza
    filterset_class = AccionAlianzaFilter
    titulo = _("Acciones de alianza y relaciones internacionales")
    codigo_reporte = "acciones_alianza"
    url_crear = "internacional:accion-crear"
    etiqueta_crear = _("Registrar una acción")
    puede_crear = staticmethod(permissions.can_registrar_accion)
    relacionados = ("dependencia",)
    columnas = [
        (_("Acción"), "nombre", "nombre"),
        (_("Tipo de producto"), "get_tipo_producto_display", "tipo_producto"),
        (_("Sector o entidad acompañada"), "sector_acompanado", "sector"),
        (_("Dependencia"), "dependencia", "dependencia"),
        (_("Inicio"), "fecha_inicio", "fecha_inicio"),
        (_("Estado"), "get_estado_display", "estado"),
    ]
    ordenamientos = {
        "nombre": "nombre",
        "tipo_producto": "tipo_producto",
        "sector": "sector_acompanado",
        "dependencia": "dependencia__nombre",
        "fecha_inicio": "fecha_inicio",
        "estado": "estado",
    }
    orden_por_defecto = "-fecha_inicio"


class AccionDetalleView(Detalle):
    modelo = AccionAlianza
    relacionados = ("dependencia", "responsable")
    template_name = "internacional/accion_detalle.html"
    context_object_name = "accion"

    def get_context_data(self, **kwargs):
        usuario, accion = self.request.user, self.object
        return super().get_context_data(
            flujo=FLUJO_ACCION,
            aliados=list(accion.aliados.all()),
            seguimientos=list(accion.seguimientos.select_related("registrado_por")),
            puede_seguir=permissions.can_seguir_accion(usuario, accion),
            puede_visibilizar=permissions.can_visibilizar_accion(usuario, accion),
            **kwargs,
        )


class AccionCrearView(Crear):
    form_class = AccionAlianzaForm
    permitido = staticmethod(permissions.can_registrar_accion)
    titulo = _("Registrar una acción de alianza")
    boton = _("Registrar una acción")
    url_lista = "internacional:accion-lista"
    exito = _("Acción «%(obj)s» registrada.")

    def crear(self, form):
        return servicios.accion_registrar(usuario=self.request.user, **form.cleaned_data)


class AccionSobreAccion(Accion):
    modelo = AccionAlianza
    url_lista = "internacional:accion-lista"
    rol_permitido = staticmethod(permissions.puede_preparar_accion)
    mensaje_estado = _("Esta acción no es posible en el estado actual.")


class SeguimientoView(AccionSobreAccion):
    form_class = SeguimientoAccionForm
    permitida = staticmethod(permissions.can_seguir_accion)
    titulo = _("Registrar el seguimiento")
    boton = _("Registrar el seguimiento")
    exito = _("Seguimiento de «%(obj)s» registrado.")

    def ejecutar(self, form):
        servicios.seguimiento_registrar(accion=self.objeto, usuario=self.request.user, **form.cleaned_data)


class FinalizarView(AccionSobreAccion):
    form_class = FinalizarAccionForm
    permitida = staticmethod(permissions.can_finalizar_accion)
    titulo = _("Finalizar con la retroalimentación al sector")
    boton = _("Finalizar la acción")
    exito = _("Acción «%(obj)s» finalizada.")

    def ejecutar(self, form):
        servicios.accion_finalizar(accion=self.objeto, usuario=self.request.user, **form.cleaned_data)


class VisibilizacionView(AccionSobreAccion):
    form_class = VisibilizacionForm
    permitida = staticmethod(permissions.can_visibilizar_accion)
    titulo = _("Visibilización de los resultados")
    boton = _("Guardar la visibilización")
    exito = _("Visibilización de «%(obj)s» guardada.")

    def get_initial(self):
        a = self.objeto
        return {
            "medio_publicacion": a.medio_publicacion,
            "fecha_publicacion": a.fecha_publicacion,
            "enlace_publicacion": a.enlace_publicacion,
            "publicada": a.publicada,
        }

    def ejecutar(self, form):
        servicios.accion_visibilizar(accion=self.objeto, usuario=self.request.user, **form.cleaned_data)


class AccionTransicionView(TransicionView):
    modelo = AccionAlianza
    flujo = FLUJO_ACCION
    parametro = "accion"


class AccionesPublicasView(PublicoMixin, TemplateView):
    """The published results of the alliance actions (no login)."""

    template_name = "internacional/publico/acciones.html"

    def get_context_data(self, **kwargs):
        acciones = AccionAlianza.objects.publicadas().prefetch_related("aliados").order_by("-fecha_publicacion", "pk")
        return super().get_context_data(
            page_obj=Paginator(acciones, 25).get_page(self.request.GET.get("page")), **kwargs
        )
