"""Read-only API endpoint of the accountability actions, scoped as on the web."""

from rest_framework import serializers

from cooperacion.core import api
from cooperacion.core.models import ODS

from .filters import AccionFilter
from .models import AccionRendicion


class AccionSerializer(serializers.ModelSerializer[AccionRendicion]):
    anio = serializers.IntegerField(source="estrategia.anio", read_only=True)
    codigo = serializers.CharField(read_only=True)
    dependencias = serializers.SerializerMethodField()
    ods: serializers.SlugRelatedField[ODS] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="numero"
    )

    class Meta:
        model = AccionRendicion
        fields = [
            "id",
            "anio",
            "codigo",
            "elemento",
            "texto",
            "entregable",
            "fecha_inicio",
            "fecha_fin",
            "estado",
            "porcentaje_avance",
            "cumplida_en",
            "dependencias",
            "ods",
        ]

    def get_dependencias(self, accion) -> list[str]:
        return [r.dependencia.nombre for r in accion.responsables_ordenados]


class AccionLectura(api.Lectura):
    """Acciones de la estrategia de rendición de cuentas que el usuario ve en la web."""

    serializer_class = AccionSerializer
    filterset_class = AccionFilter

    def alcance(self, usuario):
        return (
            AccionRendicion.objects.visibles_para(usuario)
            .select_related("estrategia")
            .prefetch_related("responsables__dependencia", "ods")
            .order_by("-estrategia__anio", "elemento", "numero", "pk")
        )


def registrar() -> None:
    api.registrar("rendicion/acciones", AccionLectura, basename="acciones-rendicion")
