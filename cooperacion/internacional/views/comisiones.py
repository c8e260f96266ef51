"""Pages of the commissions where the office holds the technical secretariat: sessions, minutes, commitments."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views import View

from cooperacion.core import archivos
from cooperacion.core.views import PersonalRequeridoMixin

from .. import permissions
from ..filters import ComisionFilter
from ..forms import ComisionForm, CompromisoSesionForm, CumplirForm, SesionForm
from ..models import Comision, CompromisoSesion, SesionComision
from ..services import comisiones as servicios
from .comun import Accion, Crear, Detalle, Lista


class ComisionListaView(Lista):
    model = Comision
    filterset_class = ComisionFilter
    titulo = _("Comisiones con secretaría técnica de la oficina")
    codigo_reporte = "comisiones"
    url_crear = "internacional:comision-crear"
    etiqueta_crear = _("Registrar una comisión")
    puede_crear = staticmethod(permissions.can_registrar_comision)
    relacionados = ("dependencia",)
    columnas = [
        (_("Comisión"), "nombre", "nombre"),
        (_("Secretaría técnica"), "dependencia", "dependencia"),
        (_("Activa"), "activa_display", "activa"),
    ]
    ordenamientos = {"nombre": "nombre", "dependencia": "dependencia__nombre", "activa": "activa"}
    orden_por_defecto = "nombre"


class ComisionDetalleView(Detalle):
    modelo = Comision
    relacionados = ("dependencia",)
    template_name = "internacional/comision_detalle.html"
    context_object_name = "comision"

    def get_context_data(self, **kwargs):
        usuario, comision = self.request.user, self.object
        sesiones = list(comision.sesiones.prefetch_related("compromisos__responsable"))
        return super().get_context_data(
            sesiones=[
                (s, [(c, permissions.can_cumplir_compromiso_sesion(usuario, c)) for c in s.compromisos.all()])
                for s in sesiones
            ],
            puede_preparar=permissions.puede_preparar_comision(usuario, comision),
            puede_sesion=permissions.can_registrar_sesion(usuario, comision),
            **kwargs,
        )


class ComisionCrearView(Crear):
    form_class = ComisionForm
    permitido = staticmethod(permissions.can_registrar_comision)
    titulo = _("Registrar una comisión")
    boton = _("Registrar una comisión")
    url_lista = "internacional:comision-lista"
    exito = _("Comisión «%(obj)s» registrada.")

    def crear(self, form):
        return servicios.comision_registrar(usuario=self.request.user, **form.cleaned_data)


class SesionRegistrarView(Accion):
    modelo = Comision
    form_class = SesionForm
    url_lista = "internacional:comision-lista"
    rol_permitido = staticmethod(permissions.puede_preparar_comision)
    permitida = staticmethod(permissions.can_registrar_sesion)
    titulo = _("Registrar la sesión")
    boton = _("Registrar la sesión")
    exito = _("Sesión de «%(obj)s» registrada.")
    mensaje_estado = _("La comisión no está activa.")

    def ejecutar(self, form):
        servicios.sesion_registrar(comision=self.objeto, usuario=self.request.user, **form.cleaned_data)


def _sesion_visible(usuario, pk) -> SesionComision:
    visibles = Comision.objects.visibles_para(usuario).values("pk")
    return get_object_or_404(SesionComision.objects.select_related("comision"), comision__in=visibles, pk=pk)


class CompromisoSesionView(Accion):
    form_class = CompromisoSesionForm
    url_lista = "internacional:comision-lista"
    rol_permitido = staticmethod(lambda usuario, sesion: permissions.puede_preparar_comision(usuario, sesion.comision))
    permitida = staticmethod(lambda usuario, sesion: permissions.puede_preparar_comision(usuario, sesion.comision))
    titulo = _("Agregar un compromiso de la sesión")
    boton = _("Agregar un compromiso")
    exito = _("Compromiso agregado a %(obj)s.")

    def cargar(self, usuario, pk):
        return _sesion_visible(usuario, pk)

    def ejecutar(self, form):
        servicios.compromiso_de_sesion_agregar(sesion=self.objeto, usuario=self.request.user, **form.cleaned_data)


class CompromisoSesionCumplirView(Accion):
    form_class = CumplirForm
    url_lista = "internacional:comision-lista"
    rol_permitido = staticmethod(
        lambda usuario, c: (
            c.responsable_id == usuario.pk or permissions.puede_preparar_comision(usuario, c.sesion.comision)
        )
    )
    permitida = staticmethod(permissions.can_cumplir_compromiso_sesion)
    titulo = _("Registrar el cumplimiento del compromiso")
    boton = _("Registrar el cumplimiento")
    exito = _("Compromiso cumplido.")
    mensaje_estado = _("Este compromiso ya se cumplió.")

    def cargar(self, usuario, pk):
        visibles = Comision.objects.visibles_para(usuario).values("pk")
        return get_object_or_404(
            CompromisoSesion.objects.select_related("sesion__comision"), sesion__comision__in=visibles, pk=pk
        )

    def ejecutar(self, form):
        servicios.compromiso_de_sesion_cumplir(compromiso=self.objeto, usuario=self.request.user, **form.cleaned_data)


class ActaView(PersonalRequeridoMixin, View):
    def get(self, request, pk):
        return archivos.servir(_sesion_visible(request.user, pk).acta)
