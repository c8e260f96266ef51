"""Read-only API endpoints of the call pipeline: calls and cooperation projects, scoped as on the web."""

from django.db.models import Prefetch
from rest_framework import serializers

from cooperacion.core import api
from cooperacion.core.models import ODS, Municipio
from indicadores.models import Indicador

from .filters import ConvocatoriaFilter, ProyectoFilter
from .models import Convocatoria, MovimientoFinanciero, ParticipanteProyecto, Proyecto, SectorProyecto


class ConvocatoriaSerializer(serializers.ModelSerializer):
    cooperante = serializers.CharField(source="cooperante.nombre", read_only=True)
    modalidad = serializers.CharField(source="modalidad.nombre", read_only=True)
    moneda = serializers.CharField(source="moneda.codigo", read_only=True, allow_null=True)
    dependencia = serializers.CharField(source="dependencia.nombre", read_only=True)
    ods: serializers.SlugRelatedField[ODS] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="numero"
    )

    class Meta:
        model = Convocatoria
        fields = [
            "id",
            "nombre",
            "cooperante",
            "cooperante_id",
            "modalidad",
            "fuente",
            "enlace",
            "lineas_tematicas",
            "territorio",
            "monto",
            "moneda",
            "monto_cop",
            "fecha_apertura",
            "fecha_cierre",
            "nivel_impacto",
            "puntaje",
            "estado",
            "dependencia",
            "dependencia_id",
            "ods",
        ]


class ParticipanteSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.nombre", read_only=True)
    identificador_iati = serializers.CharField(source="actor.identificador_iati", read_only=True)

    class Meta:
        model = ParticipanteProyecto
        fields = ["actor_id", "actor", "identificador_iati", "rol"]


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = SectorProyecto
        fields = ["codigo", "porcentaje"]


class MovimientoSerializer(serializers.ModelSerializer):
    class Meta:
        model = MovimientoFinanciero
        fields = ["id", "tipo", "fecha", "monto", "descripcion"]


class ProyectoSerializer(serializers.ModelSerializer):
    estado = serializers.CharField(source="convocatoria.estado", read_only=True)
    modalidad = serializers.CharField(source="modalidad.nombre", read_only=True)
    moneda = serializers.CharField(source="moneda.codigo", read_only=True)
    dependencia = serializers.CharField(source="dependencia.nombre", read_only=True)
    participantes = ParticipanteSerializer(many=True, read_only=True)
    movimientos = MovimientoSerializer(many=True, read_only=True)
    sectores = SectorSerializer(many=True, read_only=True, help_text="Sectores CAD de 5 dígitos; suman 100 %.")
    ods: serializers.SlugRelatedField[ODS] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="numero"
    )
    municipios: serializers.SlugRelatedField[Municipio] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="codigo"
    )
    indicadores: serializers.PrimaryKeyRelatedField[Indicador] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Proyecto
        fields = [
            "id",
            "codigo",
            "nombre",
            "convocatoria_id",
            "estado",
            "modalidad",
            "monto_comprometido",
            "moneda",
            "tasa_cop",
            "monto_comprometido_cop",
            "tasa_usd",
            "sectores",
            "fecha_inicio",
            "fecha_fin",
            "fecha_finalizacion",
            "dependencia",
            "dependencia_id",
            "participantes",
            "movimientos",
            "ods",
            "municipios",
            "indicadores",
        ]


class ConvocatoriaLectura(api.Lectura):
    """Convocatorias (matriz AI-P-003) que el usuario ve en la web, con los mismos filtros."""

    serializer_class = ConvocatoriaSerializer
    filterset_class = ConvocatoriaFilter

    def alcance(self, usuario):
        return (
            Convocatoria.objects.visibles_para(usuario)
            .select_related("cooperante", "modalidad", "moneda", "dependencia")
            .prefetch_related("ods")
            .order_by("-fecha_cierre", "pk")
        )


class ProyectoLectura(api.Lectura):
    """Proyectos de cooperación que el usuario ve en la web, con participantes, movimientos e indicadores."""

    serializer_class = ProyectoSerializer
    filterset_class = ProyectoFilter

    def alcance(self, usuario):
        return (
            Proyecto.objects.visibles_para(usuario)
            .select_related("convocatoria", "modalidad", "moneda", "dependencia")
            .prefetch_related(
                Prefetch("participantes", queryset=ParticipanteProyecto.objects.select_related("actor")),
                "sectores",
                "movimientos",
                "ods",
                "municipios",
                "indicadores",
            )
            .order_by("codigo")
        )


def registrar() -> None:
    api.registrar("convocatorias", ConvocatoriaLectura)
    api.registrar("proyectos", ProyectoLectura)
