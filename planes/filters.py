from typing import Any

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core.models import Dependencia

from .models import Plan, SeguimientoTrimestral


class PlanFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Plan.Tipo.choices, empty_label=_("Todos"))
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=Plan.Estado.choices, empty_label=_("Todos"))
    anio = django_filters.NumberFilter(label=_("Año"), method="filtrar_anio")
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = Plan
        fields = ["q", "tipo", "estado", "anio", "dependencia"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["dependencia"].queryset = Dependencia.objects.filter(planes__isnull=False).distinct()

    def filtrar_texto(self, queryset, name, value):
        return queryset.filter(Q(nombre__icontains=value.strip()) | Q(descripcion__icontains=value.strip()))

    def filtrar_anio(self, queryset, name, value):
        return queryset.filter(anio_inicio__lte=value, anio_fin__gte=value)


class SeguimientoFilter(django_filters.FilterSet):
    anio = django_filters.NumberFilter(label=_("Año"))
    trimestre = django_filters.ChoiceFilter(
        label=_("Trimestre"), choices=[(1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")], empty_label=_("Todos")
    )
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=SeguimientoTrimestral.Estado.choices, empty_label=_("Todos")
    )
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = SeguimientoTrimestral
        fields = ["anio", "trimestre", "estado", "dependencia"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        usuario = getattr(self.request, "user", None)
        if usuario is not None and usuario.ve_todas_las_dependencias:
            self.filters["dependencia"].queryset = Dependencia.objects.filter(
                seguimientos_de_planes__isnull=False
            ).distinct()
        else:
            del self.filters["dependencia"]
