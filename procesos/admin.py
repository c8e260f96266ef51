from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Caracterizacion, Proceso


@admin.register(Proceso)
class ProcesoAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "tipologia", "dependencia", "activo"]
    list_filter = ["tipologia", "activo", "dependencia"]
    list_select_related = ["dependencia"]
    search_fields = ["codigo", "nombre"]
    fields = ["codigo", "nombre", "tipologia", "dependencia", "activo"]


@admin.register(Caracterizacion)
class CaracterizacionAdmin(SimpleHistoryAdmin):
    """Read-only: characterizations change only through their pages and workflow."""

    list_display = ["proceso", "version", "fecha", "estado", "dependencia"]
    list_filter = ["estado", "tipologia"]
    list_select_related = ["proceso", "dependencia"]
    search_fields = ["proceso__codigo", "nombre"]
    fields = ["proceso", "version", "fecha", "entidad", "nombre", "tipologia", "dependencia", "responsable", "estado"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
