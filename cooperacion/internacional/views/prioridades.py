"""Pages of priority lines (approved by the Jefe in the browser) and of cooperation needs with their workflow."""

import copy
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cooperacion.core.flujos import Accion as AccionDeFlujo
from cooperacion.core.flujos import Flujo
from cooperacion.core.tipos import UsuarioOAnonimo
from cooperacion.core.views import PersonalRequeridoMixin, TransicionView

from .. import permissions, selectors
from ..filters import LineaPrioritariaFilter, NecesidadFilter
from ..forms import AtenderForm, LineaForm, NecesidadForm, PresentarForm, PriorizarForm
from ..models import LineaPrioritaria, Necesidad
from ..services import prioridades as servicios
from .comun import Accion, Crear, Detalle, Lista

FLUJO_LINEA = Flujo(
    url_name="internacional:linea-transicion",
    acciones=(
        AccionDeFlujo(
            nombre="aprobar",
            etiqueta=_("Aprobar la línea"),
            servicio=servicios.linea_aprobar,
            permitida=permissions.can_aprobar_linea,
            rol_permitido=permissions.rol_aprueba,
            estilo="success",
            confirmacion=_("La línea quedará disponible para etiquetar convocatorias, proyectos y necesidades."),
        ),
        AccionDeFlujo(
            nombre="rechazar",
            etiqueta=_("No aprobar"),
            servicio=servicios.linea_rechazar,
            permitida=permissions.can_rechazar_linea,
            rol_permitido=permissions.rol_aprueba,
            requiere_motivo=True,
            estilo="outline-danger",
        ),
        AccionDeFlujo(
            nombre="retirar",
            etiqueta=_("Retirar la línea"),
            servicio=servicios.linea_retirar,
            permitida=permissions.can_retirar_linea,
            rol_permitido=permissions.rol_aprueba,
            requiere_motivo=True,
            estilo="outline-secondary",
            confirmacion=_("Dejará de ofrecerse; lo que ya está etiquetado con ella lo conserva."),
        ),
    ),
)

FLUJO_NECESIDAD = Flujo(
    url_name="internacional:necesidad-transicion",
    acciones=(
        AccionDeFlujo(
            nombre="descartar",
            etiqueta=_("Descartar"),
            servicio=servicios.necesidad_descartar,
            permitida=permissions.can_descartar_necesidad,
            rol_permitido=permissions.rol_gestiona,
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=_(
                "La necesidad deja de gestionarse. El motivo queda registrado y se avisa a quien la registró."
            ),
        ),
    ),
)


class LineaListaView(Lista):
    model = LineaPrioritaria
    filterset_class = LineaPrioritariaFilter
    titulo = _("Líneas prioritarias de oferta y demanda de cooperación internacional")
    codigo_reporte = "lineas_prioritarias"
    url_crear = "internacional:linea-crear"
    etiqueta_crear = _("Proponer una línea")
    puede_crear = staticmethod(permissions.can_proponer_linea)
    relacionados = ("dependencia",)
    columnas = [
        (_("Línea"), "nombre", "nombre"),
        (_("Tipo"), "get_tipo_display", "tipo"),
        (_("Periodo"), "periodo", "periodo"),
        (_("Dependencia que la lidera"), "dependencia", "dependencia"),
        (_("Estado"), "get_estado_display", "estado"),
        (_("Activa"), "activa_display", "activa"),
    ]
    ordenamientos = {
        "nombre": "nombre",
        "tipo": "tipo",
        "periodo": "periodo_inicio",
        "dependencia": "dependencia__nombre",
        "estado": "estado",
        "activa": "activa",
    }
    orden_por_defecto = "nombre"


class LineaDetalleView(Detalle):
    modelo = LineaPrioritaria
    relacionados = ("dependencia", "aprobada_por")
    template_name = "internacional/linea_detalle.html"
    context_object_name = "linea"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            flujo=FLUJO_LINEA,
            puede_editar=permissions.can_editar_linea(self.request.user, self.object),
            conteos=selectors.etiquetados_con(self.object),
            **kwargs,
        )


class LineaCrearView(Crear):
    form_class = LineaForm
    permitido = staticmethod(permissions.can_proponer_linea)
    titulo = _("Proponer una línea prioritaria")
    boton = _("Proponer")
    introduccion = _("La línea queda «Propuesta» hasta que el jefe de la oficina la apruebe.")
    url_lista = "internacional:linea-lista"
    exito = _("Línea «%(obj)s» propuesta: queda a la espera de la aprobación del jefe.")

    def crear(self, form):
        return servicios.linea_crear(usuario=self.request.user, **form.cleaned_data)


class LineaEditarView(Accion):
    modelo = LineaPrioritaria
    form_class = LineaForm
    rol_permitido = staticmethod(permissions.rol_gestiona)
    permitida = staticmethod(permissions.can_editar_linea)
    titulo = _("Editar la línea prioritaria")
    boton = _("Guardar los cambios")
    url_lista = "internacional:linea-lista"
    exito = _("Línea «%(obj)s» actualizada.")
    mensaje_estado = _("Solo se edita una línea propuesta.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user, "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        servicios.linea_editar(linea=self.objeto, usuario=self.request.user, **form.cleaned_data)


class LineaTransicionView(TransicionView):
    modelo = LineaPrioritaria
    flujo = FLUJO_LINEA
    parametro = "linea"


# Needs --------------------------------------------------------------------------------------------------------


class NecesidadListaView(Lista):
    model = Necesidad
    filterset_class = NecesidadFilter
    titulo = _("Necesidades de cooperación")
    codigo_reporte = "necesidades"
    url_crear = "internacional:necesidad-crear"
    etiqueta_crear = _("Registrar una necesidad")
    puede_crear = staticmethod(permissions.can_registrar_necesidad)
    relacionados = ("dependencia", "linea", "ods", "moneda")
    template_name = "internacional/necesidad_lista.html"
    columnas = [
        (_("Necesidad"), "titulo", "titulo"),
        (_("Prioridad"), "prioridad", "prioridad"),
        (_("Dependencia"), "dependencia", "dependencia"),
        (_("Línea prioritaria"), "linea", "linea"),
        (_("ODS"), "ods", "ods"),
        (_("Monto estimado"), "monto_display", ""),
        (_("Estado"), "get_estado_display", "estado"),
    ]
    ordenamientos = {
        "titulo": "titulo",
        "prioridad": "prioridad",
        "dependencia": "dependencia__nombre",
        "linea": "linea__nombre",
        "ods": "ods__numero",
        "estado": "estado",
    }
    orden_por_defecto = "titulo"


class NecesidadDetalleView(Detalle):
    modelo = Necesidad
    relacionados = ("dependencia", "linea", "ods", "moneda", "registrada_por")
    template_name = "internacional/necesidad_detalle.html"
    context_object_name = "necesidad"

    def get_context_data(self, **kwargs):
        usuario, necesidad = self.request.user, self.object
        return super().get_context_data(
            flujo=FLUJO_NECESIDAD,
            puede_editar=permissions.can_editar_necesidad(usuario, necesidad),
            puede_priorizar=permissions.can_priorizar_necesidad(usuario, necesidad),
            puede_presentar=permissions.can_presentar_necesidad(usuario, necesidad),
            puede_atender=permissions.can_atender_necesidad(usuario, necesidad),
            atendida_por=selectors.convocatorias_de_la_necesidad(necesidad, usuario),
            **kwargs,
        )


class NecesidadCrearView(Crear):
    form_class = NecesidadForm
    permitido = staticmethod(permissions.can_registrar_necesidad)
    titulo = _("Registrar una necesidad de cooperación")
    boton = _("Registrar una necesidad")
    url_lista = "internacional:necesidad-lista"
    exito = _("Necesidad «%(obj)s» registrada.")

    def crear(self, form):
        return servicios.necesidad_crear(usuario=self.request.user, **form.cleaned_data)


class NecesidadAccion(Accion):
    modelo = Necesidad
    url_lista = "internacional:necesidad-lista"
    # Declared with any record: the views below narrow it to a need (or keep the role alone).
    rol_permitido: Callable[[UsuarioOAnonimo, Any], bool] = staticmethod(permissions.rol_gestiona)
    mensaje_estado = _("Esta acción no es posible en el estado actual de la necesidad.")


class NecesidadEditarView(NecesidadAccion):
    form_class = NecesidadForm
    rol_permitido = staticmethod(permissions.puede_preparar_necesidad)
    permitida = staticmethod(permissions.can_editar_necesidad)
    titulo = _("Editar la necesidad")
    boton = _("Guardar los cambios")
    exito = _("Necesidad «%(obj)s» actualizada.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "usuario": self.request.user, "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        servicios.necesidad_editar(necesidad=self.objeto, usuario=self.request.user, **form.cleaned_data)


class NecesidadPriorizarView(NecesidadAccion):
    form_class = PriorizarForm
    permitida = staticmethod(permissions.can_priorizar_necesidad)
    titulo = _("Priorizar la necesidad")
    boton = _("Priorizar")
    introduccion = _("La oficina ubica la necesidad en su priorización: 1 es la más prioritaria.")
    exito = _("Necesidad «%(obj)s» priorizada.")

    def get_initial(self):
        return {"prioridad": selectors.siguiente_prioridad()}

    def ejecutar(self, form):
        servicios.necesidad_priorizar(necesidad=self.objeto, usuario=self.request.user, **form.cleaned_data)


class NecesidadPresentarView(NecesidadAccion):
    form_class = PresentarForm
    permitida = staticmethod(permissions.can_presentar_necesidad)
    titulo = _("Registrar la presentación")
    boton = _("Registrar la presentación")
    introduccion = _("A qué cooperantes o a APC-Colombia se presentó la necesidad, y cuándo.")
    exito = _("Presentación de «%(obj)s» registrada.")

    def get_initial(self):
        return {"presentada_a": "APC-Colombia"}

    def ejecutar(self, form):
        servicios.necesidad_presentar(necesidad=self.objeto, usuario=self.request.user, **form.cleaned_data)


class NecesidadAtenderView(NecesidadAccion):
    form_class = AtenderForm
    permitida = staticmethod(permissions.can_atender_necesidad)
    titulo = _("Registrar qué atiende la necesidad")
    boton = _("Marcar como atendida")
    introduccion = _("Elija la convocatoria que atiende la necesidad; su proyecto, cuando lo tenga, queda vinculado.")
    exito = _("Necesidad «%(obj)s» atendida.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "convocatorias": servicios.convocatorias_para(self.request.user)}

    def ejecutar(self, form):
        servicios.necesidad_atender(necesidad=self.objeto, usuario=self.request.user, **form.cleaned_data)


class NecesidadTransicionView(TransicionView):
    modelo = Necesidad
    flujo = FLUJO_NECESIDAD
    parametro = "necesidad"


class NecesidadesResumenView(PersonalRequeridoMixin, TemplateView):
    """Needs against the cooperation obtained, by dependencia and by priority line."""

    template_name = "internacional/necesidad_resumen.html"

    def get_context_data(self, **kwargs):
        resumen = selectors.necesidades_frente_a_cooperacion(self.request.user)
        tablas = [
            (_("Por dependencia"), resumen["dependencia"], "por-dependencia"),
            (_("Por línea prioritaria"), resumen["linea"], "por-linea"),
        ]
        return super().get_context_data(resumen=resumen, tablas=tablas, **kwargs)
