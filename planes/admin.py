from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import CalendarioSeguimiento, Plan, SeguimientoTrimestral, SolicitudAjuste, Vigencia


class SoloLectura(SimpleHistoryAdmin):
    """Plans change through their pages, where the procedure's rules and locks apply; the admin reads."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Vigencia)
class VigenciaAdmin(SoloLectura):
    list_display = ["anio", "estado", "fecha_limite_publicacion", "fecha_publicacion"]
    fields = ["anio", "estado", "lineamientos", "fecha_limite_cargue", "fecha_limite_publicacion"]


@admin.register(Plan)
class PlanAdmin(SoloLectura):
    list_display = ["nombre", "tipo", "dependencia", "anio_inicio", "anio_fin", "estado", "version_plan"]
    list_filter = ["tipo", "estado"]
    search_fields = ["nombre"]
    fields = ["nombre", "tipo", "dependencia", "anio_inicio", "anio_fin", "estado", "version_plan"]


@admin.register(SeguimientoTrimestral)
class SeguimientoAdmin(SoloLectura):
    list_display = ["dependencia", "anio", "trimestre", "estado"]
    list_filter = ["anio", "trimestre", "estado"]
    fields = ["dependencia", "anio", "trimestre", "estado", "diagnostico"]


@admin.register(SolicitudAjuste)
class SolicitudAjusteAdmin(SoloLectura):
    list_display = ["plan", "estado", "creada_en"]
    fields = ["plan", "estado", "causa"]


@admin.register(CalendarioSeguimiento)
class CalendarioAdmin(SoloLectura):
    list_display = ["anio", "trimestre", "fecha_limite_reporte", "fecha_limite_revision"]
    fields = ["anio", "trimestre", "fecha_limite_reporte", "fecha_limite_revision"]
