import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core.models import Dependencia

from .models import Caracterizacion, Proceso, Tipologia


class CaracterizacionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipologia = django_filters.ChoiceFilter(label=_("Tipología"), choices=Tipologia.choices, empty_label=_("Todas"))
    dependencia = django_filters.ModelChoiceFilter(
        label=_("Dependencia"), queryset=Dependencia.objects.all(), empty_label=_("Todas")
    )
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=Caracterizacion.Estado.choices, empty_label=_("Todos")
    )

    class Meta:
        model = Caracterizacion
        fields = ["q", "tipologia", "dependencia", "estado"]

    def filtrar_texto(self, queryset, name, value):
        texto = value.strip()
        return queryset.filter(
            Q(proceso__codigo__icontains=texto)
            | Q(nombre__icontains=texto)
            | Q(objetivo__icontains=texto)
            | Q(alcance__icontains=texto)
            | Q(responsable__icontains=texto)
            | Q(filas__actividades__icontains=texto)
        ).distinct()


class ProcesoFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipologia = django_filters.ChoiceFilter(label=_("Tipología"), choices=Tipologia.choices, empty_label=_("Todas"))
    dependencia = django_filters.ModelChoiceFilter(
        label=_("Dependencia"), queryset=Dependencia.objects.all(), empty_label=_("Todas")
    )

    class Meta:
        model = Proceso
        fields = ["q", "tipologia", "dependencia"]

    def filtrar_texto(self, queryset, name, value):
        return queryset.filter(Q(codigo__icontains=value.strip()) | Q(nombre__icontains=value.strip()))
