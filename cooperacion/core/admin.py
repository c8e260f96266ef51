from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import ManyToManyField, QuerySet
from django.forms import ModelMultipleChoiceField
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import roles
from .models import (
    ODS,
    Actor,
    CorteTrimestral,
    Departamento,
    Dependencia,
    Entidad,
    Moneda,
    Municipio,
    PoliticaMIPG,
    RecordatorioEnviado,
    ReporteGenerado,
    TipoPlazo,
    Usuario,
)


@admin.register(Usuario)
class UsuarioAdmin(UserAdmin[Usuario], SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "dependencia", "cargo", "is_active"]
    list_filter = ["groups", "dependencia", "is_active"]
    list_select_related = ["dependencia"]
    fieldsets = [
        *(UserAdmin.fieldsets or ()),
        (_("Organización"), {"fields": ["dependencia", "cargo", "preferencia_correo"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Organización"), {"fields": ["first_name", "last_name", "email", "dependencia", "cargo", "groups"]}),
    ]
    # What only a superuser grants: access to this site, every permission, or permissions one by one.
    campos_de_superusuario = ["is_superuser", "is_staff", "user_permissions"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Usuario]:
        usuarios = super().get_queryset(request)
        return usuarios if request.user.is_superuser else usuarios.filter(is_superuser=False)

    def _es_ajeno(self, request: HttpRequest, obj: Usuario | None) -> bool:
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._es_ajeno(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._es_ajeno(request, obj) and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        campos = list(super().get_readonly_fields(request, obj))
        return campos if request.user.is_superuser else [*campos, *self.campos_de_superusuario]

    def formfield_for_manytomany(
        self, db_field: ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField[Any] | None:
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=roles.TODOS).order_by("name")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The Administrador does not see groups outside the product's roles, so saving must not drop them.
        otros = [] if request.user.is_superuser else list(form.instance.groups.exclude(name__in=roles.TODOS))
        super().save_related(request, form, formsets, change)
        form.instance.groups.add(*otros)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Reverting writes back every column of the old row, is_superuser and is_staff included.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


@admin.register(Dependencia)
class DependenciaAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "sigla", "padre", "tipo", "activa"]
    list_filter = ["tipo", "activa"]
    list_select_related = ["padre"]
    search_fields = ["codigo", "nombre", "sigla"]
    fields = ["codigo", "nombre", "sigla", "padre", "tipo", "activa"]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "sigla", "tipo", "tipo_iati", "pais", "estado"]
    list_filter = ["tipo", "tipo_iati", "estado"]
    search_fields = ["nombre", "sigla", "pais"]
    fields = [
        "nombre",
        "sigla",
        "tipo",
        "tipo_iati",
        "pais",
        "sitio_web",
        "identificador_iati",
        "contacto_nombre",
        "contacto_correo",
        "contacto_telefono",
        "estado",
    ]
    readonly_fields = ["estado"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # Django 6's default, without the warning


@admin.register(Entidad)
class EntidadAdmin(SimpleHistoryAdmin):
    """One record: it is changed, never added twice nor deleted."""

    list_display = ["__str__", "identificador_iati", "tipo_iati"]
    fields = ["identificador_iati", "tipo_iati"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not Entidad.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ODS)
class ODSAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "nombre", "color"]
    fields = ["numero", "nombre", "color"]


@admin.register(Departamento)
class DepartamentoAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre"]
    search_fields = ["codigo", "nombre"]
    fields = ["codigo", "nombre"]


@admin.register(Municipio)
class MunicipioAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "departamento"]
    list_filter = ["departamento"]
    list_select_related = ["departamento"]
    search_fields = ["codigo", "nombre"]
    fields = ["codigo", "nombre", "departamento"]


@admin.register(Moneda)
class MonedaAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "simbolo", "decimales"]
    fields = ["codigo", "nombre", "simbolo", "decimales"]


@admin.register(PoliticaMIPG)
class PoliticaMIPGAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "nombre", "dimension"]
    fields = ["numero", "nombre", "dimension"]


@admin.register(TipoPlazo)
class TipoPlazoAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "codigo", "dias_habiles", "umbrales", "avisar_el_dia", "repetir_vencido_cada"]
    fields = ["codigo", "nombre", "dias_habiles", "umbrales", "avisar_el_dia", "repetir_vencido_cada", "dias_alerta"]
    readonly_fields = ["codigo"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # kinds are declared by the apps; only their thresholds are edited here


@admin.register(CorteTrimestral)
class CorteTrimestralAdmin(SimpleHistoryAdmin):
    list_display = ["anio", "trimestre", "fecha_corte"]
    fields = ["anio", "trimestre", "fecha_corte"]


@admin.register(RecordatorioEnviado)
class RecordatorioEnviadoAdmin(admin.ModelAdmin[RecordatorioEnviado]):
    list_display = ["titulo", "tipo", "umbral", "fecha_plazo", "enviado_en"]
    list_filter = ["tipo", "umbral"]
    list_select_related = ["tipo"]
    search_fields = ["titulo"]
    readonly_fields = ("titulo", "tipo", "umbral", "fecha_plazo", "enviado_en", "destinatarios")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReporteGenerado)
class ReporteGeneradoAdmin(admin.ModelAdmin[ReporteGenerado]):
    list_display = ["titulo", "formato", "estado", "solicitado_por", "creado_en", "periodo", "automatico"]
    list_filter = ["codigo", "estado", "formato", "automatico"]
    list_select_related = ["solicitado_por"]
    readonly_fields = (
        "codigo",
        "titulo",
        "formato",
        "parametros",
        "periodo",
        "automatico",
        "estado",
        "progreso",
        "error",
    )
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
