from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from cooperacion.core.filters import TextoFilterMixin
from cooperacion.core.models import Dependencia

from .models import AccionMejora, AccionRendicion, Elemento, EspacioDialogo, Estrategia, PreguntaCiudadana


def _estrategias(request):
    return Estrategia.objects.order_by("-anio")


class EstrategiaChoiceFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Año"))
        kwargs.setdefault("queryset", _estrategias)
        kwargs.setdefault("empty_label", _("Todos"))
        super().__init__(*args, **kwargs)


class AccionFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("texto", "entregable", "responsable_texto")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estrategia = EstrategiaChoiceFilter()
    elemento = django_filters.ChoiceFilter(label=_("Elemento"), choices=Elemento.choices, empty_label=_("Todos"))
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=AccionRendicion.Estado.choices, empty_label=_("Todos")
    )
    dependencia = django_filters.ModelChoiceFilter(
        label=_("Dependencia responsable"),
        queryset=None,
        empty_label=_("Todas"),
        field_name="responsables__dependencia",
        distinct=True,
    )

    class Meta:
        model = AccionRendicion
        fields = ["q", "estrategia", "elemento", "estado", "dependencia"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["estrategia"].field.label_from_instance = lambda e: str(e.anio)
        usuario = getattr(self.request, "user", None)
        if usuario is not None and usuario.ve_todas_las_dependencias:
            self.filters["dependencia"].queryset = Dependencia.objects.filter(activa=True).order_by("nombre")
        else:
            del self.filters["dependencia"]


class EspacioFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "descripcion", "lugar")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estrategia = EstrategiaChoiceFilter()
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=EspacioDialogo.Tipo.choices, empty_label=_("Todos"))
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=EspacioDialogo.Estado.choices, empty_label=_("Todos")
    )

    class Meta:
        model = EspacioDialogo
        fields = ["q", "estrategia", "tipo", "estado"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["estrategia"].field.label_from_instance = lambda e: str(e.anio)


class PreguntaFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("texto", "respuesta")
    q = django_filters.CharFilter(label=_("Buscar en la pregunta o la respuesta"), method="filtrar_texto")
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=PreguntaCiudadana.Estado.choices, empty_label=_("Todos")
    )
    espacio = django_filters.ModelChoiceFilter(label=_("Espacio de diálogo"), queryset=None, empty_label=_("Todos"))

    class Meta:
        model = PreguntaCiudadana
        fields = ["q", "estado", "espacio"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        usuario = getattr(self.request, "user", None)
        self.filters["espacio"].queryset = (
            EspacioDialogo.objects.visibles_para(usuario).order_by("-fecha")
            if usuario
            else EspacioDialogo.objects.none()
        )


class MejoraFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("descripcion", "resultado")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estrategia = EstrategiaChoiceFilter()
    origen = django_filters.ChoiceFilter(label=_("Origen"), choices=AccionMejora.Origen.choices, empty_label=_("Todos"))
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=AccionMejora.Estado.choices, empty_label=_("Todos"))

    class Meta:
        model = AccionMejora
        fields = ["q", "estrategia", "origen", "estado"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["estrategia"].field.label_from_instance = lambda e: str(e.anio)
