import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperacion.core.filters import TextoFilterMixin
from cooperacion.core.models import Dependencia

from .models import CasoOIT, LineaPrioritaria, Necesidad


class CasoOITFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("numero", "asunto", "convenios", "organizacion_querellante")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=CasoOIT.Tipo.choices, empty_label=_("Todos"))
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=CasoOIT.Estado.choices, empty_label=_("Todos"))
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))
    vencidos = django_filters.ChoiceFilter(
        label=_("Vencidos"),
        choices=[("si", _("Sí")), ("no", _("No"))],
        empty_label=_("Todos"),
        method="filtrar_vencidos",
    )

    class Meta:
        model = CasoOIT
        fields = ["q", "tipo", "estado", "dependencia", "vencidos"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        usuario = getattr(self.request, "user", None)
        if usuario is not None and usuario.ve_todas_las_dependencias:
            self.filters["dependencia"].queryset = Dependencia.objects.all()
        else:
            # Jefe and Profesional only see their own dependencia's cases: the filter would be noise.
            del self.filters["dependencia"]

    def filtrar_vencidos(self, queryset, name, value):
        vencidos = Q(estado=CasoOIT.Estado.EN_TRAMITE, fecha_limite_respuesta__lt=timezone.localdate())
        return queryset.filter(vencidos) if value == "si" else queryset.exclude(vencidos)


class LineaPrioritariaFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "descripcion")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    activa = django_filters.ChoiceFilter(
        label=_("Activa"), choices=[("si", _("Sí")), ("no", _("No"))], empty_label=_("Todas"), method="filtrar_activa"
    )

    class Meta:
        model = LineaPrioritaria
        fields = ["q", "activa"]

    def filtrar_activa(self, queryset, name, value):
        return queryset.filter(activa=value == "si")


class NecesidadFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("titulo", "descripcion")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=Necesidad.Estado.choices, empty_label=_("Todos"))
    linea = django_filters.ModelChoiceFilter(label=_("Línea prioritaria"), queryset=None, empty_label=_("Todas"))
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = Necesidad
        fields = ["q", "estado", "linea", "dependencia"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["linea"].queryset = LineaPrioritaria.objects.all()
        self.filters["dependencia"].queryset = Dependencia.objects.filter(necesidades__isnull=False).distinct()
