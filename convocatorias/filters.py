from typing import Any

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core.models import ODS, Actor, Dependencia, Usuario

from . import priorizacion
from .models import Convocatoria, Modalidad, Proyecto


class ConvocatoriaFilter(django_filters.FilterSet):
    """The matrix's filters; the export and the quarterly report read the same ones."""

    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=Convocatoria.Estado.choices, empty_label=_("Todos"))
    cooperante = django_filters.ModelChoiceFilter(label=_("Cooperante"), queryset=None, empty_label=_("Todos"))
    modalidad = django_filters.ModelChoiceFilter(label=_("Modalidad"), queryset=None, empty_label=_("Todas"))
    ods = django_filters.ModelChoiceFilter(label=_("ODS"), queryset=None, empty_label=_("Todos"), method="filtrar_ods")
    cierre_desde = django_filters.DateFilter(
        label=_("Cierre desde"),
        field_name="fecha_cierre",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    cierre_hasta = django_filters.DateFilter(
        label=_("Cierre hasta"),
        field_name="fecha_cierre",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    prioridad = django_filters.ChoiceFilter(
        label=_("Prioridad"),
        choices=[(codigo, etiqueta) for codigo, etiqueta, _min, _max in priorizacion.PRIORIDADES],
        empty_label=_("Todas"),
        method="filtrar_prioridad",
    )
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = Convocatoria
        fields = ["q", "estado", "cooperante", "modalidad", "ods", "cierre_desde", "cierre_hasta", "prioridad"]

    def __init__(self, *args: Any, usuario: Usuario | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        usuario = usuario or getattr(self.request, "user", None)
        self.filters["cooperante"].queryset = Actor.objects.filter(convocatorias__isnull=False).distinct()
        self.filters["modalidad"].queryset = Modalidad.objects.all()
        self.filters["ods"].queryset = ODS.objects.all()
        if usuario is not None and usuario.ve_todas_las_dependencias:
            self.filters["dependencia"].queryset = Dependencia.objects.filter(convocatorias__isnull=False).distinct()
        else:
            del self.filters["dependencia"]

    def filtrar_texto(self, queryset, name, value):
        texto = value.strip()
        return queryset.filter(
            Q(nombre__icontains=texto)
            | Q(cooperante__nombre__icontains=texto)
            | Q(cooperante__sigla__icontains=texto)
            | Q(lineas_tematicas__icontains=texto)
            | Q(territorio__icontains=texto)
            | Q(actores_elegibles__icontains=texto)
        )

    def filtrar_ods(self, queryset, name, value):
        return queryset.filter(pk__in=Convocatoria.ods.through.objects.filter(ods=value).values("convocatoria_id"))

    def filtrar_prioridad(self, queryset, name, value):
        return priorizacion.filtrar_prioridad(queryset, value)


class ProyectoFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estado = django_filters.ChoiceFilter(
        label=_("Estado"),
        choices=[
            (Convocatoria.Estado.EN_EJECUCION, Convocatoria.Estado.EN_EJECUCION.label),
            (Convocatoria.Estado.FINALIZADA, Convocatoria.Estado.FINALIZADA.label),
        ],
        empty_label=_("Todos"),
        field_name="convocatoria__estado",
    )

    class Meta:
        model = Proyecto
        fields = ["q", "estado"]

    def filtrar_texto(self, queryset, name, value):
        texto = value.strip()
        return queryset.filter(
            Q(codigo__icontains=texto)
            | Q(nombre__icontains=texto)
            | Q(convocatoria__cooperante__nombre__icontains=texto)
        )
