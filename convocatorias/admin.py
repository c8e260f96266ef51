from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    Aviso,
    Compromiso,
    Convocatoria,
    Destinatario,
    InformeEjecucion,
    Modalidad,
    MovimientoFinanciero,
    ParticipanteProyecto,
    PesosPriorizacion,
    Proyecto,
    SectorProyecto,
    VersionDocumento,
)


@admin.register(Modalidad)
class ModalidadAdmin(SimpleHistoryAdmin):
    list_display = ["nombre", "codigo", "orden", "activa"]
    list_filter = ["activa"]
    list_editable = ["orden", "activa"]
    search_fields = ["nombre", "codigo"]
    fields = ["nombre", "codigo", "descripcion", "orden", "activa"]


@admin.register(PesosPriorizacion)
class PesosPriorizacionAdmin(SimpleHistoryAdmin):
    """One row: the weights of the prioritization score. Changing the reference amount rescores the open calls."""

    list_display = ["__str__", "peso_recursos", "peso_cierre", "peso_alineacion", "peso_actores", "peso_impacto"]
    fields = [
        "peso_recursos",
        "peso_cierre",
        "peso_alineacion",
        "peso_actores",
        "peso_impacto",
        "monto_referencia_cop",
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PesosPriorizacion.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "monto_referencia_cop" in form.changed_data:
            services.puntajes_recalcular(usuario=request.user)
        else:
            services.puntajes_actualizar()  # new weights: the stored totals of the calls in progress


class SoloLecturaMixin:
    """Records written by the pipeline's services: the admin shows them, the services change them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Convocatoria)
class ConvocatoriaAdmin(SoloLecturaMixin, SimpleHistoryAdmin):
    list_display = ["nombre", "cooperante", "modalidad", "dependencia", "fecha_cierre", "estado"]
    list_filter = ["estado", "modalidad", "dependencia"]
    list_select_related = ["cooperante", "modalidad", "dependencia"]
    search_fields = ["nombre", "cooperante__nombre", "cooperante__sigla"]
    date_hierarchy = "fecha_cierre"


@admin.register(Proyecto)
class ProyectoAdmin(SoloLecturaMixin, SimpleHistoryAdmin):
    list_display = ["codigo", "nombre", "dependencia", "supervisor", "fecha_inicio", "fecha_fin"]
    list_select_related = ["dependencia", "supervisor"]
    search_fields = ["codigo", "nombre"]


for modelo in (
    Aviso,
    Destinatario,
    Compromiso,
    VersionDocumento,
    ParticipanteProyecto,
    SectorProyecto,
    InformeEjecucion,
):
    admin.site.register(modelo, type(f"{modelo.__name__}Admin", (SoloLecturaMixin, SimpleHistoryAdmin), {}))


@admin.register(MovimientoFinanciero)
class MovimientoFinancieroAdmin(SoloLecturaMixin, SimpleHistoryAdmin):
    list_display = ["proyecto", "tipo", "fecha", "monto"]
    list_select_related = ["proyecto"]
