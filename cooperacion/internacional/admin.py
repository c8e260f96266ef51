from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CasoOIT


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
