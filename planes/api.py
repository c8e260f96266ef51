"""Read-only API endpoint of the plans with their activities, scoped as on the web."""

from django.db.models import Prefetch
from rest_framework import serializers

from cooperacion.core import api

from .filters import PlanFilter
from .models import Actividad, Plan


class ActividadSerializer(serializers.ModelSerializer):
    dependencia_responsable = serializers.CharField(source="dependencia_responsable.nombre", read_only=True)
    estrategia = serializers.CharField(source="estrategia.codigo", read_only=True)

    class Meta:
        model = Actividad
        fields = [
            "id",
            "codigo",
            "descripcion",
            "producto",
            "estrategia",
            "indicador_id",
            "peso",
            "presupuesto",
            "bpin",
            "dependencia_responsable",
            "fecha_inicio",
            "fecha_fin",
        ]


class PlanSerializer(serializers.ModelSerializer):
    dependencia = serializers.CharField(source="dependencia.nombre", read_only=True, allow_null=True)
    actividades = ActividadSerializer(many=True, read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "tipo",
            "nombre",
            "estado",
            "dependencia",
            "dependencia_id",
            "anio_inicio",
            "anio_fin",
            "version_plan",
            "fecha_publicacion",
            "actividades",
        ]


class PlanLectura(api.Lectura):
    """Planes (estratégicos y de acción) que el usuario ve en la web, con sus actividades."""

    serializer_class = PlanSerializer
    filterset_class = PlanFilter

    def alcance(self, usuario):
        return (
            Plan.objects.visibles_para(usuario)
            .select_related("dependencia")
            .prefetch_related(
                Prefetch(
                    "actividades",
                    queryset=Actividad.objects.select_related("estrategia", "dependencia_responsable").order_by(
                        "orden", "codigo", "pk"
                    ),
                )
            )
            .order_by("-anio_inicio", "nombre", "pk")
        )


def registrar() -> None:
    api.registrar("planes", PlanLectura)
