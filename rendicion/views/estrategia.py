"""The strategies of each year: list, create, edit, publish, copy to a new year, and the MURC checklist."""

import copy
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.flujos import Accion, Flujo
from cooperacion.core.tipos import usuario_de
from cooperacion.core.unicidad import CreacionUnicaMixin
from cooperacion.core.views import PersonalRequeridoMixin, TransicionView

from .. import permissions, selectors, services
from ..forms import CopiarForm, EstrategiaForm, EtapaForm
from ..models import AccionRendicion, Estrategia
from .comun import CrearBajoView, PasoView, estrategia_visible, etapa_visible

FLUJO_ESTRATEGIA = Flujo(
    url_name="rendicion:estrategia-transicion",
    acciones=(
        Accion(
            nombre="publicar",
            etiqueta=gettext_lazy("Publicar la estrategia"),
            servicio=services.estrategia_publicar,
            permitida=permissions.can_publicar_estrategia,
            rol_permitido=permissions.gestiona_la_estrategia,
            estilo="success",
            confirmacion=gettext_lazy(
                "La estrategia, sus acciones y su avance aparecerán en las páginas públicas de transparencia, con la "
                "fecha de hoy como fecha de publicación."
            ),
        ),
        Accion(
            nombre="retirar",
            etiqueta=gettext_lazy("Retirar de las páginas públicas"),
            servicio=services.estrategia_retirar,
            permitida=permissions.can_retirar_estrategia,
            rol_permitido=permissions.gestiona_la_estrategia,
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=gettext_lazy(
                "La estrategia y sus espacios de diálogo, respuestas e informes dejan de verse en las páginas "
                "públicas hasta que se publique de nuevo."
            ),
        ),
    ),
)


class EstrategiaTransicionView(TransicionView):
    modelo = Estrategia
    flujo = FLUJO_ESTRATEGIA
    parametro = "estrategia"


class EstrategiaListaView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/estrategia_lista.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator
        from django.db.models import Count, Q

        consulta = (
            Estrategia.objects.visibles_para(self.request.user)
            .annotate(
                n_acciones=Count("acciones", distinct=True),
                n_cumplidas=Count(
                    "acciones", filter=Q(acciones__estado=AccionRendicion.Estado.CUMPLIDA), distinct=True
                ),
            )
            .order_by("-anio")
        )
        pagina = Paginator(consulta, 20).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            page_obj=pagina,
            puede_crear=permissions.can_crear_estrategia(self.request.user),
            **kwargs,
        )


class _EstrategiaNueva(PersonalRequeridoMixin, FormView):
    form_class = EstrategiaForm
    template_name = "rendicion/formulario.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if permissions.es_personal(request.user) and not permissions.can_crear_estrategia(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "creando": True}

    def get_initial(self) -> dict[str, Any]:
        return {"anio": timezone.localdate().year + 1, "entidad": settings.ENTIDAD_NOMBRE}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            titulo=_("Nueva estrategia de rendición de cuentas"),
            boton=_("Crear la estrategia"),
            volver=reverse("rendicion:inicio"),
            **kwargs,
        )

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            estrategia = services.estrategia_crear(usuario=usuario_de(self.request), **form.datos_para_el_servicio())
        except ErrorDeDominio as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Estrategia %(anio)s creada.") % {"anio": estrategia.anio})
        return redirect(estrategia.get_absolute_url())


class EstrategiaCrearView(CreacionUnicaMixin, _EstrategiaNueva):
    """Planeación starts the strategy of a year (one-time token: a double submit creates one)."""


class EstrategiaDetalleView(PersonalRequeridoMixin, TemplateView):
    template_name = "rendicion/estrategia_detalle.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        usuario = self.request.user
        estrategia = estrategia_visible(usuario, self.kwargs["pk"])
        detalle = selectors.detalle_de_estrategia(estrategia, usuario)
        return super().get_context_data(
            estrategia=estrategia,
            flujo=FLUJO_ESTRATEGIA,
            puede_editar=permissions.can_editar_estrategia(usuario, estrategia),
            puede_copiar=permissions.can_copiar_estrategia(usuario, estrategia),
            puede_crear_accion=permissions.can_crear_accion(usuario, estrategia),
            puede_registrar_etapa=permissions.can_registrar_etapa(usuario),
            puede_crear_espacio=permissions.can_crear_espacio(usuario),
            puede_crear_corte=permissions.can_crear_corte(usuario),
            puede_crear_mejora=permissions.can_crear_mejora(usuario),
            **detalle,
            **kwargs,
        )


class EstrategiaEditarView(PasoView):
    form_class = EstrategiaForm
    rol_permitido = staticmethod(permissions.can_editar_estrategia)
    permitida = staticmethod(permissions.can_editar_estrategia)
    titulo = gettext_lazy("Editar la estrategia")
    boton = gettext_lazy("Guardar los cambios")
    exito = gettext_lazy("Estrategia actualizada.")

    def cargar(self, usuario, pk):
        return estrategia_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    def ejecutar(self, form):
        services.estrategia_editar(estrategia=self.objeto, usuario=self.request.user, **form.datos_para_el_servicio())


class EstrategiaCopiarView(CrearBajoView):
    form_class = CopiarForm
    rol_permitido = staticmethod(permissions.can_copiar_estrategia)
    permitida = staticmethod(permissions.can_copiar_estrategia)
    titulo = gettext_lazy("Copiar a un nuevo año")
    boton = gettext_lazy("Crear la copia")
    introduccion = gettext_lazy(
        "Se crea la estrategia del nuevo año, en formulación, con los mismos textos, objetivos, elementos, etapas "
        "del MURC, acciones (con sus responsables y ODS, sin su avance), métricas y cortes de seguimiento, con las "
        "fechas movidas al nuevo año. Los espacios de diálogo, las preguntas y las evaluaciones no se copian."
    )

    def cargar(self, usuario, pk):
        return estrategia_visible(usuario, pk)

    def get_initial(self) -> dict[str, Any]:
        return {"anio": services.anio_libre_siguiente(self.objeto)}

    def ejecutar(self, form):
        self.creado = services.estrategia_copiar(
            estrategia=self.objeto, usuario=self.request.user, anio=form.cleaned_data["anio"]
        )

    def mensaje_exito(self):
        return _("Estrategia %(anio)s creada a partir de la de %(origen)s.") % {
            "anio": self.creado.anio,
            "origen": self.objeto.anio,
        }


class EtapaView(PasoView):
    form_class = EtapaForm
    rol_permitido = staticmethod(permissions.can_registrar_etapa)
    permitida = staticmethod(permissions.can_registrar_etapa)
    boton = gettext_lazy("Guardar la etapa")
    exito = gettext_lazy("Etapa actualizada.")

    def cargar(self, usuario, pk):
        return etapa_visible(usuario, pk)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.objeto)}

    @property
    def titulo(self):
        return _("Etapa del MURC: %(e)s") % {"e": self.objeto.get_etapa_display()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            introduccion=_(
                "Registre las fechas previstas de la etapa y, cuando se complete, la fecha en que se completó: "
                "queda registrado quién la marcó."
            ),
            **kwargs,
        )

    def ejecutar(self, form):
        services.etapa_registrar(etapa=self.objeto, usuario=self.request.user, **self.datos(form))
