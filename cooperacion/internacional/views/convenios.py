"""Pages of agreements: list, detail with commitments, reviews and log, forms, and the signed document."""

import copy

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from cooperacion.core import archivos
from cooperacion.core.flujos import Accion as AccionDeFlujo
from cooperacion.core.flujos import Flujo
from cooperacion.core.views import PersonalRequeridoMixin, TransicionView

from .. import permissions
from ..filters import ConvenioFilter
from ..forms import CompromisoForm, ConvenioForm, CumplirCompromisoForm, RevisionConvenioForm
from ..models import CompromisoConvenio, Convenio
from ..services import convenios as servicios
from .comun import Accion, Crear, Detalle, Lista, visible

FLUJO_CONVENIO = Flujo(
    url_name="internacional:convenio-transicion",
    acciones=(
        AccionDeFlujo(
            nombre="terminar",
            etiqueta=_("Terminar el convenio"),
            servicio=servicios.convenio_terminar,
            permitida=permissions.can_terminar_convenio,
            rol_permitido=permissions.rol_termina_convenio,
            requiere_motivo=True,
            estilo="outline-secondary",
            confirmacion=_("El convenio deja de estar vigente y sus compromisos pendientes salen de los plazos."),
        ),
    ),
)


class ConvenioListaView(Lista):
    model = Convenio
    filterset_class = ConvenioFilter
    titulo = _("Convenios, acuerdos y memorandos de entendimiento")
    codigo_reporte = "convenios"
    url_crear = "internacional:convenio-crear"
    etiqueta_crear = _("Registrar un convenio")
    puede_crear = staticmethod(permissions.can_registrar_convenio)
    relacionados = ("dependencia", "moneda")
    columnas = [
        (_("Número"), "numero", "numero"),
        (_("Tipo"), "get_tipo_display", "tipo"),
        (_("Alcance"), "get_alcance_display", "alcance"),
        (_("Dependencia"), "dependencia", "dependencia"),
        (_("Firma"), "fecha_firma", "fecha_firma"),
        (_("Fin de la vigencia"), "fecha_fin", "fecha_fin"),
        (_("Monto"), "monto_display", ""),
        (_("Estado"), "get_estado_display", "estado"),
    ]
    ordenamientos = {
        "numero": "numero",
        "tipo": "tipo",
        "alcance": "alcance",
        "dependencia": "dependencia__nombre",
        "fecha_firma": "fecha_firma",
        "fecha_fin": "fecha_fin",
        "estado": "estado",
    }
    orden_por_defecto = "fecha_fin"


class ConvenioDetalleView(Detalle):
    modelo = Convenio
    relacionados = ("dependencia", "responsable", "moneda", "linea")
    template_name = "internacional/convenio_detalle.html"
    context_object_name = "convenio"

    def get_context_data(self, **kwargs):
        usuario, convenio = self.request.user, self.object
        compromisos = list(convenio.compromisos.select_related("responsable"))
        return super().get_context_data(
            flujo=FLUJO_CONVENIO,
            actores=list(convenio.actores.all()),
            dependencias_parte=list(convenio.dependencias_parte.all()),
            compromisos=[(c, permissions.can_cumplir_compromiso(usuario, c)) for c in compromisos],
            revisiones=list(convenio.revisiones.select_related("registrada_por")),
            puede_editar=permissions.can_editar_convenio(usuario, convenio),
            puede_revisar=permissions.can_revisar_convenio(usuario, convenio),
            documento=archivos.nombre_visible(convenio.documento.name) if convenio.documento else "",
            **kwargs,
        )


class ConvenioCrearView(Crear):
    form_class = ConvenioForm
    permitido = staticmethod(permissions.can_registrar_convenio)
    titulo = _("Registrar un convenio")
    boton = _("Registrar un convenio")
    introduccion = _("Convenio, acuerdo o memorando de entendimiento ya firmado, con sus partes y su vigencia.")
    url_lista = "internacional:convenio-lista"
    exito = _("%(obj)s registrado. Su vencimiento queda en los plazos.")

    def crear(self, form):
        return servicios.convenio_registrar(usuario=self.request.user, **form.cleaned_data)


class ConvenioAccion(Accion):
    modelo = Convenio
    url_lista = "internacional:convenio-lista"
    rol_permitido = staticmethod(permissions.puede_preparar_convenio)
    mensaje_estado = _("Esta acción solo es posible en un convenio vigente.")


class ConvenioEditarView(ConvenioAccion):
    form_class = ConvenioForm
    permitida = staticmethod(permissions.can_editar_convenio)
    titulo = _("Editar el convenio")
    boton = _("Guardar los cambios")
    exito = _("%(obj)s actualizado.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user, "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        servicios.convenio_editar(convenio=self.objeto, usuario=self.request.user, **form.cleaned_data)


class CompromisoAgregarView(ConvenioAccion):
    form_class = CompromisoForm
    permitida = staticmethod(permissions.can_editar_convenio)
    titulo = _("Agregar un compromiso")
    boton = _("Agregar un compromiso")
    introduccion = _("El responsable recibe un aviso y los recordatorios antes de la fecha límite.")
    exito = _("Compromiso agregado al %(obj)s.")

    def get_initial(self):
        return {"responsable": self.objeto.responsable_id}

    def ejecutar(self, form):
        servicios.compromiso_agregar(convenio=self.objeto, usuario=self.request.user, **form.cleaned_data)


class RevisionAgregarView(ConvenioAccion):
    form_class = RevisionConvenioForm
    permitida = staticmethod(permissions.can_revisar_convenio)
    titulo = _("Revisión del funcionamiento y la eficacia")
    boton = _("Registrar la revisión")
    introduccion = _("Etapa VERIFICAR de PR-CRI: califique el funcionamiento y la eficacia del convenio y coméntelos.")
    exito = _("Revisión del %(obj)s registrada.")

    def ejecutar(self, form):
        servicios.convenio_revisar(convenio=self.objeto, usuario=self.request.user, **form.cleaned_data)


class CompromisoCumplirView(Accion):
    """Mark a commitment met (its responsible, the agreement's dependencia or the office)."""

    form_class = CumplirCompromisoForm
    url_lista = "internacional:convenio-lista"
    titulo = _("Registrar el cumplimiento del compromiso")
    boton = _("Registrar el cumplimiento")
    exito = _("Compromiso cumplido.")
    rol_permitido = staticmethod(
        lambda usuario, c: c.responsable_id == usuario.pk or permissions.puede_preparar_convenio(usuario, c.convenio)
    )
    permitida = staticmethod(permissions.can_cumplir_compromiso)
    mensaje_estado = _("Este compromiso ya se cumplió o su convenio ya no está vigente.")

    def cargar(self, usuario, pk):
        visibles = Convenio.objects.visibles_para(usuario).values("pk")
        return get_object_or_404(CompromisoConvenio.objects.select_related("convenio"), convenio__in=visibles, pk=pk)

    def ejecutar(self, form):
        servicios.compromiso_cumplir(
            compromiso=self.objeto,
            usuario=self.request.user,
            cumplido_en=form.cleaned_data["cumplido_en"],
            observacion=form.cleaned_data["observacion"],
        )


class DocumentoConvenioView(PersonalRequeridoMixin, View):
    """The signed document, only for those who see the agreement."""

    def get(self, request, pk):
        convenio = visible(Convenio, request.user, pk)
        return archivos.servir(convenio.documento)


class ConvenioTransicionView(TransicionView):
    modelo = Convenio
    flujo = FLUJO_CONVENIO
    parametro = "convenio"
