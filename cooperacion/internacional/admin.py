from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CasoOIT, LineaPrioritaria, Necesidad


@admin.register(CasoOIT)
class CasoOITAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "tipo", "dependencia", "responsable", "fecha_limite_respuesta", "estado"]
    list_filter = ["tipo", "estado", "dependencia"]
    list_select_related = ["dependencia", "responsable"]
    search_fields = ["numero", "asunto", "convenios", "organizacion_querellante"]
    fields = [
        "tipo",
        "numero",
        "convenios",
        "asunto",
        "organizacion_querellante",
        "fecha_recepcion",
        "fecha_limite_respuesta",
        "dependencia",
        "responsable",
        "estado",
        "fecha_respuesta",
        "radicado_respuesta",
    ]
    # The state and the filed answer change only through the transitions, which log who and why.
    readonly_fields = ["estado", "fecha_respuesta", "radicado_respuesta"]


@admin.register(LineaPrioritaria)
class LineaPrioritariaAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "dependencia", "activa"]
    list_filter = ["activa", "dependencia"]
    list_select_related = ["dependencia"]
    search_fields = ["nombre", "descripcion"]
    fields = ["nombre", "descripcion", "dependencia", "activa"]


@admin.register(Necesidad)
class NecesidadAdmin(SimpleHistoryAdmin):
    list_display = ["titulo", "dependencia", "linea", "ods", "estado"]
    list_filter = ["estado", "linea", "dependencia"]
    list_select_related = ["dependencia", "linea", "ods"]
    search_fields = ["titulo", "descripcion"]
    fields = ["titulo", "descripcion", "dependencia", "linea", "ods", "estado"]
