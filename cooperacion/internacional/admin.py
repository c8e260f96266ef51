from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CasoOIT, CompromisoConvenio, Convenio, LineaPrioritaria, Necesidad, RevisionConvenio


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


# Lines, needs and agreements are managed in the browser (their transitions log who and why); the admin shows
# them read-only for the workflow fields.


@admin.register(LineaPrioritaria)
class LineaPrioritariaAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "tipo", "periodo_inicio", "periodo_fin", "dependencia", "estado", "activa"]
    list_filter = ["estado", "tipo", "activa", "dependencia"]
    list_select_related = ["dependencia"]
    search_fields = ["nombre", "descripcion"]
    fields = ["nombre", "descripcion", "tipo", "periodo_inicio", "periodo_fin", "dependencia", "activa", "estado"]
    readonly_fields = ["estado"]


@admin.register(Necesidad)
class NecesidadAdmin(SimpleHistoryAdmin):
    list_display = ["titulo", "dependencia", "linea", "ods", "prioridad", "estado"]
    list_filter = ["estado", "linea", "dependencia"]
    list_select_related = ["dependencia", "linea", "ods"]
    search_fields = ["titulo", "descripcion", "tema"]
    fields = ["titulo", "descripcion", "tema", "dependencia", "linea", "ods", "monto_estimado", "moneda", "estado"]
    readonly_fields = ["estado"]


class CompromisoEnLinea(admin.TabularInline):
    model = CompromisoConvenio
    fields = ["descripcion", "responsable", "fecha_limite", "cumplido_en"]
    extra = 0


@admin.register(Convenio)
class ConvenioAdmin(SimpleHistoryAdmin):
    list_display = ["numero", "tipo", "alcance", "dependencia", "fecha_firma", "fecha_fin", "estado"]
    list_filter = ["estado", "tipo", "alcance", "dependencia"]
    list_select_related = ["dependencia"]
    search_fields = ["numero", "objeto"]
    fields = [
        "numero",
        "tipo",
        "alcance",
        "objeto",
        "actores",
        "dependencia",
        "dependencias_parte",
        "responsable",
        "fecha_firma",
        "fecha_inicio",
        "fecha_fin",
        "monto",
        "moneda",
        "linea",
        "estado",
    ]
    readonly_fields = ["estado"]
    inlines = [CompromisoEnLinea]


@admin.register(RevisionConvenio)
class RevisionConvenioAdmin(SimpleHistoryAdmin):
    list_display = ["convenio", "fecha", "calificacion", "registrada_por"]
    list_select_related = ["convenio", "registrada_por"]
    fields = ["convenio", "fecha", "calificacion", "comentario", "registrada_por"]
