from typing import Any

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core.models import Dependencia

from .models import Indicador


class IndicadorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    acumulacion = django_filters.ChoiceFilter(
        label=_("Acumulación"), choices=Indicador.Acumulacion.choices, empty_label=_("Todas")
    )
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Indicador.Tipo.choices, empty_label=_("Todos"))
    sinergia = django_filters.BooleanFilter(label=_("SINERGIA"))
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = Indicador
        fields = ["q", "acumulacion", "tipo", "sinergia", "dependencia"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        usuario = getattr(self.request, "user", None)
        if usuario is not None and usuario.ve_todas_las_dependencias:
            self.filters["dependencia"].queryset = Dependencia.objects.filter(indicadores__isnull=False).distinct()
        else:
            del self.filters["dependencia"]

    def filtrar_texto(self, queryset, name, value):
        texto = value.strip()
        return queryset.filter(Q(codigo__icontains=texto) | Q(nombre__icontains=texto) | Q(objetivo__icontains=texto))
