"""Pages of international instruments: state with dates, studies for adoption or ratification, memorias."""

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from cooperacion.core import archivos
from cooperacion.core.flujos import Accion as AccionDeFlujo
from cooperacion.core.flujos import Flujo
from cooperacion.core.tipos import UsuarioOAnonimo
from cooperacion.core.views import PersonalRequeridoMixin, TransicionView

from .. import permissions
from ..filters import InstrumentoFilter
from ..forms import EnvioMemoriaForm, EstudioForm, FechaDeEstadoForm, InstrumentoForm, MemoriaForm
from ..models import EstudioInstrumento, InstrumentoInternacional, MemoriaInstrumento
from ..services import instrumentos as servicios
from .comun import Accion, Crear, Detalle, Lista

FLUJO_INSTRUMENTO = Flujo(
    url_name="internacional:instrumento-transicion",
    acciones=(
        AccionDeFlujo(
            nombre="negociar",
            etiqueta=_("Pasar a negociación"),
            servicio=servicios.instrumento_negociar,
            permitida=permissions.can_negociar_instrumento,
            rol_permitido=permissions.rol_aprueba,
            estilo="outline-primary",
        ),
    ),
)

# The dated transitions, each with its form: (label, button, predicate).
ESTADOS_CON_FECHA = {
    "adoptar": (_("Registrar la adopción"), _("Adoptado"), permissions.can_adoptar_instrumento),
    "ratificar": (_("Registrar la ratificación por Colombia"), _("Ratificado"), permissions.can_ratificar_instrumento),
    "denunciar": (_("Registrar la denuncia"), _("Denunciado"), permissions.can_denunciar_instrumento),
}


class InstrumentoListaView(Lista):
    model = InstrumentoInternacional
    filterset_class = InstrumentoFilter
    titulo = _("Instrumentos internacionales")
    codigo_reporte = "instrumentos"
    url_crear = "internacional:instrumento-crear"
    etiqueta_crear = _("Registrar un instrumento")
    puede_crear = staticmethod(permissions.can_registrar_instrumento)
    relacionados = ("organizacion", "dependencia")
    columnas = [
        (_("Código"), "codigo", "codigo"),
        (_("Nombre"), "nombre", "nombre"),
        (_("Organización"), "organizacion", "organizacion"),
        (_("Dependencia"), "dependencia", "dependencia"),
        (_("Ratificación"), "fecha_ratificacion", "fecha_ratificacion"),
        (_("Estado"), "get_estado_display", "estado"),
    ]
    ordenamientos = {
        "codigo": "codigo",
        "nombre": "nombre",
        "organizacion": "organizacion__nombre",
        "dependencia": "dependencia__nombre",
        "fecha_ratificacion": "fecha_ratificacion",
        "estado": "estado",
    }
    orden_por_defecto = "codigo"


class InstrumentoDetalleView(Detalle):
    modelo = InstrumentoInternacional
    relacionados = ("organizacion", "dependencia")
    template_name = "internacional/instrumento_detalle.html"
    context_object_name = "instrumento"

    def get_context_data(self, **kwargs):
        usuario, instrumento = self.request.user, self.object
        memorias = list(instrumento.memorias.select_related("dependencia"))
        return super().get_context_data(
            flujo=FLUJO_INSTRUMENTO,
            estados_con_fecha=[
                (nombre, etiqueta)
                for nombre, (etiqueta, _b, puede) in ESTADOS_CON_FECHA.items()
                if puede(usuario, instrumento)
            ],
            estudios=list(instrumento.estudios.select_related("registrado_por")),
            memorias=[(m, permissions.can_registrar_envio_memoria(usuario, m)) for m in memorias],
            puede_estudio=permissions.can_agregar_estudio(usuario, instrumento),
            puede_memoria=permissions.can_programar_memoria(usuario, instrumento),
            **kwargs,
        )


class InstrumentoCrearView(Crear):
    form_class = InstrumentoForm
    permitido = staticmethod(permissions.can_registrar_instrumento)
    titulo = _("Registrar un instrumento internacional")
    boton = _("Registrar un instrumento")
    introduccion = _("El instrumento queda «En estudio»; su adopción y ratificación se registran con su fecha.")
    url_lista = "internacional:instrumento-lista"
    exito = _("Instrumento %(obj)s registrado.")

    def crear(self, form):
        return servicios.instrumento_registrar(usuario=self.request.user, **form.cleaned_data)


class InstrumentoAccion(Accion):
    modelo = InstrumentoInternacional
    url_lista = "internacional:instrumento-lista"
    # Declared with any record: some views below use a role predicate that ignores it.
    rol_permitido: Callable[[UsuarioOAnonimo, Any], bool] = staticmethod(permissions.puede_preparar_instrumento)
    mensaje_estado = _("Esta acción no es posible en el estado actual del instrumento.")


class InstrumentoEstadoView(InstrumentoAccion):
    """Adopted, ratified or denounced, with the date."""

    form_class = FechaDeEstadoForm
    rol_permitido = staticmethod(permissions.rol_aprueba)
    exito = _("Estado de %(obj)s actualizado.")

    def dispatch(self, request, *args, **kwargs):
        if kwargs["accion"] not in ESTADOS_CON_FECHA:
            raise Http404
        self.titulo, self.boton, predicado = ESTADOS_CON_FECHA[kwargs["accion"]]
        self.permitida = predicado
        return super().dispatch(request, *args, **kwargs)

    def ejecutar(self, form):
        servicios.instrumento_fechar(
            instrumento=self.objeto, usuario=self.request.user, transicion=self.kwargs["accion"], **form.cleaned_data
        )


class EstudioAgregarView(InstrumentoAccion):
    form_class = EstudioForm
    permitida = staticmethod(permissions.can_agregar_estudio)
    titulo = _("Agregar un estudio")
    boton = _("Agregar un estudio")
    introduccion = _("Estudio para la adopción o la ratificación (etapa PLANEAR de PR-CRI), con su documento.")
    exito = _("Estudio agregado a %(obj)s.")

    def ejecutar(self, form):
        servicios.estudio_agregar(instrumento=self.objeto, usuario=self.request.user, **form.cleaned_data)


class MemoriaProgramarView(InstrumentoAccion):
    form_class = MemoriaForm
    rol_permitido = staticmethod(permissions.rol_gestiona)
    permitida = staticmethod(permissions.can_programar_memoria)
    titulo = _("Programar una memoria")
    boton = _("Programar una memoria")
    introduccion = _("La fecha límite se cuenta en días hábiles de Colombia desde la solicitud, o se indica.")
    exito = _("Memoria de %(obj)s programada.")

    def get_initial(self):
        return {"dependencia": self.objeto.dependencia_id}

    def ejecutar(self, form):
        servicios.memoria_programar(instrumento=self.objeto, usuario=self.request.user, **form.cleaned_data)


def _memoria_visible(usuario, pk) -> MemoriaInstrumento:
    visibles = InstrumentoInternacional.objects.visibles_para(usuario).values("pk")
    return get_object_or_404(MemoriaInstrumento.objects.select_related("instrumento"), instrumento__in=visibles, pk=pk)


class MemoriaEnvioView(Accion):
    form_class = EnvioMemoriaForm
    url_lista = "internacional:instrumento-lista"
    rol_permitido = staticmethod(permissions.puede_enviar_memoria)
    permitida = staticmethod(permissions.can_registrar_envio_memoria)
    titulo = _("Registrar el envío de la memoria")
    boton = _("Registrar el envío")
    exito = _("Envío de la memoria %(obj)s registrado.")
    mensaje_estado = _("Esta memoria ya se envió.")

    def cargar(self, usuario, pk):
        return _memoria_visible(usuario, pk)

    def ejecutar(self, form):
        servicios.memoria_registrar_envio(memoria=self.objeto, usuario=self.request.user, **form.cleaned_data)


class SoporteMemoriaView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        return archivos.servir(_memoria_visible(request.user, pk).soporte)


class DocumentoEstudioView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        visibles = InstrumentoInternacional.objects.visibles_para(request.user).values("pk")
        estudio = get_object_or_404(EstudioInstrumento, instrumento__in=visibles, pk=pk)
        return archivos.servir(estudio.documento)


class InstrumentoTransicionView(TransicionView):
    modelo = InstrumentoInternacional
    flujo = FLUJO_INSTRUMENTO
    parametro = "instrumento"
