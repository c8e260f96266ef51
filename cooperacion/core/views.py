from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView, UpdateView
from django.views.generic.base import ContextMixin
from django_filters.views import FilterView

from . import flujos, permissions, services, versiones, vinculos
from . import orden as orden_es
from .errores import al_formulario
from .filters import ActorFilter, DependenciaFilter, MunicipioFilter
from .flujos import Accion, Flujo
from .forms import MotivoForm, PerfilForm
from .models import (
    ODS,
    Actor,
    Dependencia,
    Entidad,
    Moneda,
    Municipio,
    Notificacion,
    PoliticaMIPG,
    TokenDeAPI,
    Usuario,
)
from .selectors import campos_reservados, historial_de, modelo_auditable
from .tipos import SolicitudAutenticada, UsuarioOAnonimo, usuario_de

if TYPE_CHECKING:
    from django_filters import FilterSet
    from django_stubs_ext import StrOrPromise


class PersonalRequeridoMixin(LoginRequiredMixin):
    """Logged-in staff only: anonymous users go to the login page, users without a role get 403."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.es_personal(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OrdenableMixin(ContextMixin):
    """Sorting by a whitelisted `orden` GET parameter ("campo" or "-campo")."""

    request: HttpRequest

    ordenamientos: dict[str, str] = {}
    orden_por_defecto = ""

    def orden_actual(self) -> str:
        orden = self.request.GET.get("orden", "")
        return orden if orden.lstrip("-") in self.ordenamientos else self.orden_por_defecto

    def ordenar(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        orden = self.orden_actual()
        if not orden:
            return queryset
        descendente = orden.startswith("-")
        campo = self.ordenamientos[orden.lstrip("-")]
        if orden_es.es_texto(queryset.model, campo):  # names and titles in Spanish order
            expresion = orden_es.en_espanol(campo, alias=queryset.db)
            return queryset.order_by(expresion.desc() if descendente else expresion.asc(), "pk")
        return queryset.order_by(("-" if descendente else "") + campo, "pk")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(orden=self.orden_actual(), **kwargs)


class ListaFiltrada(PersonalRequeridoMixin, OrdenableMixin, FilterView):
    """A paginated, filterable, sortable list scoped to what the user may see."""

    paginate_by = 25
    template_name = "core/catalogo_lista.html"
    titulo: StrOrPromise = ""
    columnas: list[tuple[StrOrPromise, str, str]] = []  # (header, attribute, sort key or "")

    def get_queryset(self) -> QuerySet[Any]:
        return self.ordenar(self.model.objects.visibles_para(self.request.user))

    def get_filterset(self, filterset_class: type[FilterSet]) -> FilterSet:
        filterset = super().get_filterset(filterset_class)
        for campo in filterset.form.fields.values():
            es_lista = campo.widget.input_type == "select" if hasattr(campo.widget, "input_type") else False
            campo.widget.attrs["class"] = "form-select" if es_lista else "form-control"
        return filterset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        opts = self.model._meta
        try:
            url_admin = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            url_admin = ""  # not every listed model is edited in the admin
        return super().get_context_data(titulo=self.titulo, columnas=self.columnas, url_admin=url_admin, **kwargs)


class NotificacionesView(PersonalRequeridoMixin, TemplateView):
    template_name = "core/notificaciones.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consulta = Notificacion.objects.filter(usuario=usuario_de(self.request))
        if self.request.GET.get("estado") == "sin_leer":
            consulta = consulta.no_leidas()
        pagina = Paginator(consulta, 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(page_obj=pagina, estado=self.request.GET.get("estado", ""), **kwargs)


class NotificacionLeerView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request: SolicitudAutenticada, pk: int) -> HttpResponse:
        notificacion = get_object_or_404(Notificacion, pk=pk, usuario=request.user)
        services.notificacion_marcar_leida(notificacion=notificacion)
        destino = notificacion.url
        hosts, https = {request.get_host()}, request.is_secure()
        if request.POST.get("abrir") and url_has_allowed_host_and_scheme(
            destino, allowed_hosts=hosts, require_https=https
        ):
            return redirect(destino)
        volver = request.POST.get("volver", "")
        return redirect(
            volver
            if url_has_allowed_host_and_scheme(volver, allowed_hosts=hosts, require_https=https)
            else "core:notificaciones"
        )


class NotificacionesLeerTodasView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request: SolicitudAutenticada) -> HttpResponse:
        cuantas = services.notificaciones_marcar_todas_leidas(usuario=request.user)
        messages.success(request, _("%(n)s notificaciones marcadas como leídas.") % {"n": cuantas})
        return redirect("core:notificaciones")


class PerfilView(PersonalRequeridoMixin, UpdateView[Usuario, PerfilForm]):
    form_class = PerfilForm
    template_name = "core/perfil.html"

    def get_object(self, queryset: QuerySet[Usuario] | None = None) -> Usuario:
        return usuario_de(self.request)

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Sus datos quedaron guardados."))
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return self.request.path

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        token_api = TokenDeAPI.objects.filter(usuario=usuario_de(self.request)).first()
        return super().get_context_data(token_api=token_api, **kwargs)


class HistorialView(PersonalRequeridoMixin, TemplateView):
    """Who changed which field from what to what, for any audited model the user may see."""

    template_name = "core/historial.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        modelo = modelo_auditable(self.kwargs["app_label"], self.kwargs["modelo"])
        obj = get_object_or_404(modelo.objects.visibles_para(self.request.user), pk=self.kwargs["pk"])
        ocultos = campos_reservados(obj, self.request.user)
        pagina = Paginator(historial_de(obj, ocultos=ocultos), 30).get_page(self.request.GET.get("page"))
        return super().get_context_data(objeto=obj, page_obj=pagina, opciones_modelo=modelo._meta)


class TransicionView(PersonalRequeridoMixin, View):
    """POST-only: run one action of a `Flujo` on a record the user may see, under the record's row lock."""

    http_method_names = ["post"]
    modelo: type[Any] | None = None  # a model whose manager has `visibles_para`
    flujo: Flujo[Any] | None = None
    parametro = "obj"  # keyword under which the service receives the record

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.modelo is not None and cls.flujo is not None:
            flujos.registrar(cls.modelo, cls.flujo, cls.parametro)

    def post(self, request: SolicitudAutenticada, pk: int, accion: str) -> HttpResponse:
        if self.modelo is None or self.flujo is None:
            raise ImproperlyConfigured(f"{type(self).__name__} debe definir modelo y flujo.")
        obj = get_object_or_404(self.modelo.objects.visibles_para(request.user), pk=pk)
        elegida: Accion[Any] | None = self.flujo.accion(accion)
        if elegida is None:
            raise Http404
        permitida = elegida.permitida(request.user, obj)
        if not permitida and not (elegida.rol_permitido and elegida.rol_permitido(request.user, obj)):
            raise PermissionDenied
        # When only the state or a precondition is missing (a page left open in another tab, a critical control
        # point not met), the service runs anyway: it checks them again and its message says exactly what is missing.
        form = MotivoForm(request.POST, requerido=elegida.requiere_motivo)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for e in form.errors["motivo"]))
            return redirect(obj.get_absolute_url())
        try:
            flujos.ejecutar(
                elegida,
                obj,
                usuario=request.user,
                parametro=self.parametro,
                forzar=not permitida,
                motivo=form.cleaned_data["motivo"],
            )
        except services.ErrorDeDominio as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Acción «%(accion)s» realizada.") % {"accion": elegida.etiqueta})
        return redirect(obj.get_absolute_url())


def _nadie(usuario: UsuarioOAnonimo, obj: Any, /) -> bool:
    return False


class AccionConFormularioView(PersonalRequeridoMixin, FormView[Any]):
    """One action on a visible record that needs a form: GET shows it, POST runs the action's service.

    The role alone decides 403; a record in another state sends the user back to it with `mensaje_estado`.
    Subclasses load the record (`cargar`, scoped: 404 outside) and run their service (`ejecutar`).
    """

    rol_permitido = staticmethod(_nadie)  # (usuario, obj) -> bool: the role alone
    permitida = staticmethod(_nadie)  # (usuario, obj) -> bool: the full predicate, state included
    titulo: StrOrPromise = ""
    boton: StrOrPromise = ""
    introduccion: StrOrPromise = ""
    exito: StrOrPromise = ""
    mensaje_estado: StrOrPromise = _("Esta acción no es posible en el estado actual del registro.")

    objeto: Any  # the record `cargar` loaded

    def cargar(self, usuario: Usuario, pk: int) -> Any:
        raise ImproperlyConfigured(f"{type(self).__name__} debe definir cargar().")

    def ejecutar(self, form: Any) -> object:
        """Run the action's service with the form's data: each subclass names its service."""
        raise ImproperlyConfigured(f"{type(self).__name__} debe definir ejecutar().")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not permissions.es_personal(request.user):
            return super().dispatch(request, *args, **kwargs)  # login redirect or 403
        self.objeto = self.cargar(usuario_de(request), kwargs["pk"])
        if not self.rol_permitido(request.user, self.objeto):
            raise PermissionDenied
        if not self.permitida(request.user, self.objeto):
            messages.error(request, self.mensaje_estado)
            return redirect(self.objeto.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("introduccion", self.introduccion)
        return super().get_context_data(objeto=self.objeto, titulo=self.titulo, boton=self.boton, **kwargs)

    def get_form(self, form_class: type[Any] | None = None) -> Any:
        form = super().get_form(form_class)
        if versiones.versionado(self.objeto):
            versiones.agregar_campo(form, self.objeto)
        return form

    def _ejecutar_si_permitida(self, form: Any) -> object:
        if not self.permitida(self.request.user, self.objeto):
            raise services.ErrorDeDominio(self.mensaje_estado)
        if versiones.CAMPO in form.fields:
            versiones.exigir(self.objeto, form.control.get(versiones.CAMPO), form.fields)
        return self.ejecutar(form)

    def mensaje_exito(self) -> str:
        return str(self.exito)

    def destino(self) -> str:
        return self.objeto.get_absolute_url()

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            # Under the record's row lock, on its fresh values: a second tab or person acting at once is refused.
            flujos.con_cerrojo(self.objeto, lambda _obj: self._ejecutar_si_permitida(form))
        except versiones.RegistroDesactualizado as error:
            versiones.actualizar_formulario(form, error.version_actual)
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except services.ErrorDeDominio as error:
            al_formulario(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.mensaje_exito())
        return redirect(self.destino())


# Catalogs ---------------------------------------------------------------------------------------

FLUJO_ACTOR = Flujo(
    url_name="core:actor-transicion",
    acciones=(
        Accion(
            nombre="desactivar",
            etiqueta=_("Desactivar"),
            servicio=services.actor_desactivar,
            permitida=permissions.can_desactivar_actor,
            rol_permitido=lambda usuario, _actor: permissions.can_administrar_catalogos(usuario),
            requiere_motivo=True,
            estilo="outline-danger",
            confirmacion=_("El actor dejará de ofrecerse en los formularios. Sus registros se conservan."),
        ),
        Accion(
            nombre="reactivar",
            etiqueta=_("Reactivar"),
            servicio=services.actor_reactivar,
            permitida=permissions.can_reactivar_actor,
            rol_permitido=lambda usuario, _actor: permissions.can_administrar_catalogos(usuario),
            estilo="outline-success",
        ),
        Accion(
            nombre="revisar",
            etiqueta=_("Marcar como revisado"),
            servicio=services.actor_revisar,
            permitida=permissions.can_revisar_actor,
            rol_permitido=lambda usuario, _actor: permissions.can_administrar_catalogos(usuario),
            estilo="success",
            confirmacion=_("Confirma que revisó y completó los datos de este cooperante propuesto."),
        ),
    ),
)


class ActorListaView(ListaFiltrada):
    model = Actor
    filterset_class = ActorFilter
    template_name = "core/actor_lista.html"
    titulo = _("Actores y cooperantes")
    ordenamientos = {"nombre": "nombre", "tipo": "tipo", "tipo_iati": "tipo_iati", "pais": "pais", "estado": "estado"}
    orden_por_defecto = "nombre"


class ActorDetalleView(PersonalRequeridoMixin, DetailView[Actor]):
    template_name = "core/actor_detalle.html"
    context_object_name = "actor"

    def get_queryset(self) -> QuerySet[Actor]:
        return Actor.objects.visibles_para(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        secciones = vinculos.secciones_de(self.object, self.request.user)
        return super().get_context_data(flujo=FLUJO_ACTOR, vinculos=secciones, **kwargs)


class ActorTransicionView(TransicionView):
    modelo = Actor
    flujo = FLUJO_ACTOR
    parametro = "actor"


class EntidadView(PersonalRequeridoMixin, TemplateView):
    """The entity's own record (its IATI identifier and type); the Administrador edits it in the administration."""

    template_name = "core/entidad.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(entidad=Entidad.actual(), **kwargs)


class DependenciaListaView(ListaFiltrada):
    model = Dependencia
    filterset_class = DependenciaFilter
    titulo = _("Dependencias")
    columnas = [
        (_("Código"), "codigo", "codigo"),
        (_("Nombre"), "nombre", "nombre"),
        (_("Sigla"), "sigla", "sigla"),
        (_("Depende de"), "padre", ""),
        (_("Tipo"), "get_tipo_display", "tipo"),
    ]
    ordenamientos = {"codigo": "codigo", "nombre": "nombre", "sigla": "sigla", "tipo": "tipo"}
    orden_por_defecto = "nombre"

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("padre")


class MunicipioListaView(ListaFiltrada):
    model = Municipio
    filterset_class = MunicipioFilter
    titulo = _("DIVIPOLA: municipios y áreas no municipalizadas")
    columnas = [
        (_("Código"), "codigo", "codigo"),
        (_("Municipio"), "nombre", "nombre"),
        (_("Departamento"), "departamento.nombre", "departamento"),
        (_("Cód. departamento"), "departamento.codigo", ""),
    ]
    ordenamientos = {"codigo": "codigo", "nombre": "nombre", "departamento": "departamento__nombre"}
    orden_por_defecto = "codigo"

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("departamento")


class ODSListaView(ListaFiltrada):
    model = ODS
    filterset_fields: list[str] = []
    titulo = _("Objetivos de Desarrollo Sostenible")
    columnas = [(_("Número"), "numero", "numero"), (_("Nombre"), "nombre", "nombre")]
    ordenamientos = {"numero": "numero", "nombre": "nombre"}
    orden_por_defecto = "numero"


class MonedaListaView(ListaFiltrada):
    model = Moneda
    filterset_fields: list[str] = []
    titulo = _("Monedas")
    columnas = [(_("Código"), "codigo", "codigo"), (_("Nombre"), "nombre", "nombre"), (_("Símbolo"), "simbolo", "")]
    ordenamientos = {"codigo": "codigo", "nombre": "nombre"}
    orden_por_defecto = "codigo"


class PoliticaMIPGListaView(ListaFiltrada):
    model = PoliticaMIPG
    filterset_fields: list[str] = []
    titulo = _("Políticas de gestión y desempeño (MIPG)")
    columnas = [
        (_("Número"), "numero", "numero"),
        (_("Política"), "nombre", "nombre"),
        (_("Dimensión"), "dimension", "dimension"),
    ]
    ordenamientos = {"numero": "numero", "nombre": "nombre", "dimension": "dimension"}
    orden_por_defecto = "numero"


# API tokens -------------------------------------------------------------------------------------


class TokenCrearView(PersonalRequeridoMixin, View):
    """A new API token for the user, its key shown once on this page (only its digest is kept); the previous one
    stops working."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        token, clave = services.token_crear(usuario=usuario_de(request))
        respuesta = render(request, "core/token_creado.html", {"token": clave, "token_api": token})
        add_never_cache_headers(respuesta)  # no copy of the key in a cache, nor on «back»
        return respuesta


class TokenRevocarView(PersonalRequeridoMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if services.token_revocar(usuario=usuario_de(request)):
            messages.success(request, _("Token revocado: los sistemas que lo usaban ya no pueden leer la API."))
        return redirect("core:perfil")
