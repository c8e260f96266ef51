from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicador, Medicion, MetaTrimestral


@admin.register(Indicador)
class IndicadorAdmin(SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "dependencia", "acumulacion", "sentido", "sinergia"]
    list_filter = ["acumulacion", "sentido", "tipo", "sinergia"]
    search_fields = ["codigo", "nombre"]
    fields = [
        "codigo",
        "nombre",
        "objetivo",
        "tipo",
        "dependencia",
        "formula",
        "variable_numerador",
        "variable_denominador",
        "unidad",
        "medida",
        "sentido",
        "acumulacion",
        "frecuencia",
        "linea_base",
        "linea_base_fecha",
        "fuente",
        "responsable",
        "territoriales",
        "sinergia",
        "umbral_verde",
        "umbral_amarillo",
    ]


@admin.register(MetaTrimestral)
class MetaTrimestralAdmin(SimpleHistoryAdmin):
    list_display = ["indicador", "anio", "trimestre", "dependencia", "valor"]
    list_filter = ["anio", "trimestre"]
    search_fields = ["indicador__codigo"]
    fields = ["indicador", "anio", "trimestre", "dependencia", "valor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # targets are set on the indicator's page, where the plans' locks apply

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Medicion)
class MedicionAdmin(SimpleHistoryAdmin):
    list_display = ["indicador", "anio", "trimestre", "dependencia", "numerador", "denominador", "valor"]
    list_filter = ["anio", "trimestre"]
    search_fields = ["indicador__codigo"]
    fields = ["indicador", "anio", "trimestre", "dependencia", "numerador", "denominador", "analisis", "evidencia"]
    readonly_fields = ["indicador", "anio", "trimestre", "dependencia", "numerador", "denominador"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # measurements are reported on the indicator's page (locks and checks apply there)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
