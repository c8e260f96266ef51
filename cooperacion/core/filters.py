from typing import Any, TypeVar

import django_filters
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Actor, Dependencia, Municipio, TipoOrganizacionIATI

M = TypeVar("M", bound=Model)


class TextoFilterMixin:
    campos_texto: tuple[str, ...] = ()

    def filtrar_texto(self, queryset: QuerySet[M], name: str, value: str) -> QuerySet[M]:
        condicion = Q()
        for campo in self.campos_texto:
            condicion |= Q(**{f"{campo}__icontains": value.strip()})
        return queryset.filter(condicion)


class ActorFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "sigla", "pais")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Actor.Tipo.choices, empty_label=_("Todos"))
    tipo_iati = django_filters.ChoiceFilter(
        label=_("Tipo IATI"), choices=TipoOrganizacionIATI.choices, empty_label=_("Todos")
    )
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=Actor.Estado.choices, empty_label=_("Todos"))
    por_revisar = django_filters.ChoiceFilter(
        label=_("Revisión"),
        choices=[("1", _("Propuestos, por revisar")), ("0", _("Revisados"))],
        empty_label=_("Todos"),
        method="filtrar_revision",
    )

    class Meta:
        model = Actor
        fields = ["q", "tipo", "tipo_iati", "estado", "por_revisar"]

    def filtrar_revision(self, queryset: QuerySet[Actor], _nombre: str, valor: str) -> QuerySet[Actor]:
        return queryset.filter(por_revisar=valor == "1") if valor in ("0", "1") else queryset


class DependenciaFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "sigla", "codigo")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Dependencia.Tipo.choices, empty_label=_("Todos"))

    class Meta:
        model = Dependencia
        fields = ["q", "tipo"]


class MunicipioFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "codigo", "departamento__nombre")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    departamento = django_filters.ModelChoiceFilter(
        label=_("Departamento"),
        queryset=None,
        empty_label=_("Todos"),
    )

    class Meta:
        model = Municipio
        fields = ["q", "departamento"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .models import Departamento

        self.filters["departamento"].queryset = Departamento.objects.all()
