from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import ODS, Actor, Departamento, Dependencia, Moneda, Municipio, PoliticaMIPG, Usuario


@admin.register(Usuario)
class UsuarioAdmin(UserAdmin, SimpleHistoryAdmin):
    list_display = ["username", "first_name", "last_name", "dependencia", "cargo", "is_active"]
    list_filter = ["groups", "dependencia", "is_active"]
    list_select_related = ["dependencia"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Organización"), {"fields": ["dependencia", "cargo", "preferencia_correo"]}),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (_("Organización"), {"fields": ["first_name", "last_name", "email", "dependencia", "cargo", "groups"]}),
    ]


@admin.register(Dependencia)
class DependenciaAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "sigla", "padre", "tipo", "activa"]
    list_filter = ["tipo", "activa"]
    list_select_related = ["padre"]
    search_fields = ["codigo", "nombre", "sigla"]
    fields = ["codigo", "nombre", "sigla", "padre", "tipo", "activa"]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "sigla", "tipo", "pais", "estado"]
    list_filter = ["tipo", "estado"]
    search_fields = ["nombre", "sigla", "pais"]
    fields = [
        "nombre",
        "sigla",
        "tipo",
        "pais",
        "sitio_web",
        "contacto_nombre",
        "contacto_correo",
        "contacto_telefono",
        "estado",
    ]
    readonly_fields = ["estado"]


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
