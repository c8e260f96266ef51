"""Read-only API endpoint of the indicators with their results of a year, from the one computation."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from cooperacion.core import api

from . import selectors
from .filters import IndicadorFilter
from .models import Indicador


class ResultadoSerializer(serializers.Serializer):
    """One quarter's figures, as `indicadores.calculo.calcular` gives them."""

    trimestre = serializers.IntegerField()
    meta_periodo = serializers.DecimalField(max_digits=22, decimal_places=6, allow_null=True)
    valor_periodo = serializers.DecimalField(max_digits=22, decimal_places=6, allow_null=True)
    cumplimiento_periodo = serializers.DecimalField(
        source="periodo.redondeado", max_digits=12, decimal_places=1, allow_null=True
    )
    estado_periodo = serializers.CharField(source="periodo.estado")
    meta_acumulada = serializers.DecimalField(max_digits=22, decimal_places=6, allow_null=True)
    valor_acumulado = serializers.DecimalField(max_digits=22, decimal_places=6, allow_null=True)
    cumplimiento_acumulado = serializers.DecimalField(
        source="acumulado.redondeado", max_digits=12, decimal_places=1, allow_null=True
    )
    estado_acumulado = serializers.CharField(source="acumulado.estado")
    meta_anual = serializers.DecimalField(max_digits=22, decimal_places=6, allow_null=True)


class IndicadorSerializer(serializers.ModelSerializer):
    dependencia = serializers.CharField(source="dependencia.nombre", read_only=True)
    anio = serializers.SerializerMethodField(help_text=_("Año de los resultados."))
    resultados = serializers.SerializerMethodField()

    class Meta:
        model = Indicador
        fields = [
            "id",
            "codigo",
            "nombre",
            "objetivo",
            "tipo",
            "formula",
            "unidad",
            "medida",
            "sentido",
            "acumulacion",
            "frecuencia",
            "linea_base",
            "linea_base_fecha",
            "dependencia",
            "dependencia_id",
            "sinergia",
            "publicado",
            "anio",
            "resultados",
        ]

    def get_anio(self, indicador) -> int:
        return self.context["anio"]

    @extend_schema_field(ResultadoSerializer(many=True))
    def get_resultados(self, indicador):
        serie = self.context["series"].get(indicador.pk) or selectors.serie(indicador, self.context["anio"])
        return ResultadoSerializer(serie.resultados, many=True).data


ANIO = OpenApiParameter("anio", int, description=str(_("Año de los resultados (por defecto, el actual).")))


@extend_schema_view(list=extend_schema(parameters=[ANIO]), retrieve=extend_schema(parameters=[ANIO]))
class IndicadorLectura(api.Lectura):
    """Indicadores que el usuario ve en la web, con sus metas y resultados por trimestre del año pedido (el mismo
    cálculo de la página, el PDF y el Excel)."""

    serializer_class = IndicadorSerializer
    filterset_class = IndicadorFilter

    def alcance(self, usuario):
        return Indicador.objects.visibles_para(usuario).select_related("dependencia").order_by("codigo")

    @property
    def anio(self) -> int:
        try:
            anio = int(self.request.query_params.get("anio", ""))
        except ValueError:
            return timezone.localdate().year
        return anio if 1990 <= anio <= 2100 else timezone.localdate().year

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)
        self.series = selectors.series(pagina if pagina is not None else queryset, self.anio)
        return pagina

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "anio": self.anio, "series": getattr(self, "series", {})}


def registrar() -> None:
    api.registrar("indicadores", IndicadorLectura)
