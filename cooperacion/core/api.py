"""The read-only REST API (`/api/v1/`): one router that each app fills from its AppConfig.ready().

An endpoint is a `Lectura` viewset: it names its model's scoped queryset (`alcance`, the same `visibles_para` the
web uses), its serializer and its filters; reading a record outside the user's scope answers 404 as the web does.
Adding an endpoint:

    class ConvenioLectura(api.Lectura):
        serializer_class = ConvenioSerializer
        filterset_class = ConvenioFilter
        def alcance(self, usuario):
            return Convenio.objects.visibles_para(usuario).select_related(...)

    api.registrar("convenios", ConvenioLectura)   # in the app's AppConfig.ready()
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import routers, serializers, viewsets

from .api_base import EsPersonal
from .models import ODS, Actor, Dependencia, Moneda, Municipio
from .tipos import UsuarioOAnonimo


class RaizAPI(routers.APIRootView):
    """API de solo lectura de Cooperación. Autenticación: `Authorization: Token <token>` (el token se crea y se
    revoca en *Mi perfil*). Documentación en `/api/v1/docs/` y esquema OpenAPI 3 en `/api/v1/schema/`."""


class Enrutador(routers.DefaultRouter):
    APIRootView = RaizAPI


router = Enrutador()
router.include_format_suffixes = False


def registrar(prefijo: str, viewset: type[viewsets.GenericViewSet[Any]], basename: str | None = None) -> None:
    """Add a read-only endpoint under /api/v1/<prefijo>/ (idempotent: ready() may run more than once in tests)."""
    if all(p != prefijo for p, _v, _b in router.registry):
        router.register(prefijo, viewset, basename=basename or prefijo)


class Lectura(viewsets.ReadOnlyModelViewSet[Any]):
    """A read-only endpoint over the user's scope (see the module docstring)."""

    permission_classes = [EsPersonal]

    def alcance(self, usuario: UsuarioOAnonimo) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        return self.alcance(self.request.user)


# Catalogs ----------------------------------------------------------------------------------------------------------


class ActorSerializer(serializers.ModelSerializer[Actor]):
    tipo_iati = serializers.CharField(read_only=True, help_text=_("Código de la lista OrganisationType de IATI."))

    class Meta:
        model = Actor
        fields = ["id", "nombre", "sigla", "tipo", "tipo_iati", "identificador_iati", "pais", "sitio_web", "estado"]


class ODSSerializer(serializers.ModelSerializer[ODS]):
    class Meta:
        model = ODS
        fields = ["id", "numero", "nombre"]


class MonedaSerializer(serializers.ModelSerializer[Moneda]):
    class Meta:
        model = Moneda
        fields = ["id", "codigo", "nombre"]


class DependenciaSerializer(serializers.ModelSerializer[Dependencia]):
    class Meta:
        model = Dependencia
        fields = ["id", "codigo", "nombre", "sigla", "tipo", "activa"]


class MunicipioSerializer(serializers.ModelSerializer[Municipio]):
    departamento = serializers.CharField(source="departamento.nombre", read_only=True)
    codigo_departamento = serializers.CharField(source="departamento.codigo", read_only=True)

    class Meta:
        model = Municipio
        fields = ["id", "codigo", "nombre", "departamento", "codigo_departamento"]


class ActorLectura(Lectura):
    """Actores y cooperantes (catálogo)."""

    serializer_class = ActorSerializer
    filterset_fields = ["tipo", "estado"]

    def alcance(self, usuario: UsuarioOAnonimo) -> QuerySet[Any]:
        return Actor.objects.order_by("nombre")


class ODSLectura(Lectura):
    """Objetivos de Desarrollo Sostenible (catálogo)."""

    serializer_class = ODSSerializer

    def alcance(self, usuario: UsuarioOAnonimo) -> QuerySet[Any]:
        return ODS.objects.order_by("numero")


class MonedaLectura(Lectura):
    """Monedas ISO 4217 (catálogo)."""

    serializer_class = MonedaSerializer

    def alcance(self, usuario: UsuarioOAnonimo) -> QuerySet[Any]:
        return Moneda.objects.order_by("codigo")


class DependenciaLectura(Lectura):
    """Dependencias de la entidad (catálogo)."""

    serializer_class = DependenciaSerializer

    def alcance(self, usuario: UsuarioOAnonimo) -> QuerySet[Any]:
        return Dependencia.objects.order_by("codigo")


class MunicipioLectura(Lectura):
    """Municipios DIVIPOLA (catálogo)."""

    serializer_class = MunicipioSerializer
    filterset_fields = ["departamento__codigo"]

    def alcance(self, usuario: UsuarioOAnonimo) -> QuerySet[Any]:
        return Municipio.objects.select_related("departamento").order_by("codigo")


def registrar_catalogos() -> None:
    registrar("actores", ActorLectura)
    registrar("ods", ODSLectura)
    registrar("monedas", MonedaLectura)
    registrar("dependencias", DependenciaLectura)
    registrar("municipios", MunicipioLectura)
