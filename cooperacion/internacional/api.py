"""Read-only API endpoint of the agreements with their commitments, scoped as on the web."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from cooperacion.core import api
from cooperacion.core.models import Actor
from cooperacion.core.tipos import UsuarioOAnonimo

from .filters import ConvenioFilter
from .models import CompromisoConvenio, Convenio


class CompromisoSerializer(serializers.ModelSerializer[CompromisoConvenio]):
    class Meta:
        model = CompromisoConvenio
        fields = ["id", "descripcion", "fecha_limite", "cumplido_en"]


class ConvenioSerializer(serializers.ModelSerializer[Convenio]):
    dependencia = serializers.CharField(source="dependencia.nombre", read_only=True)
    moneda = serializers.CharField(source="moneda.codigo", read_only=True, allow_null=True)
    actores: serializers.SlugRelatedField[Actor] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="nombre"
    )
    compromisos = CompromisoSerializer(many=True, read_only=True)

    class Meta:
        model = Convenio
        fields = [
            "id",
            "numero",
            "tipo",
            "alcance",
            "estado",
            "objeto",
            "actores",
            "dependencia",
            "dependencia_id",
            "fecha_firma",
            "fecha_inicio",
            "fecha_fin",
            "monto",
            "moneda",
            "compromisos",
        ]


class ConvenioLectura(api.Lectura):
    """Convenios, acuerdos y memorandos de entendimiento que el usuario ve en la web, con sus compromisos."""

    serializer_class = ConvenioSerializer
    filterset_class = ConvenioFilter

    def alcance(self, usuario: UsuarioOAnonimo) -> QuerySet[Any]:
        return (
            Convenio.objects.visibles_para(usuario)
            .select_related("dependencia", "moneda")
            .prefetch_related(
                "actores",
                Prefetch("compromisos", queryset=CompromisoConvenio.objects.order_by("fecha_limite", "pk")),
            )
            .distinct()
            .order_by("-fecha_firma", "numero", "pk")
        )


def registrar() -> None:
    api.registrar("convenios", ConvenioLectura)
