from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperacion.core.filters import TextoFilterMixin
from cooperacion.core.models import ODS, Actor, Dependencia

from .models import AccionAlianza, CasoOIT, Comision, Convenio, InstrumentoInternacional, LineaPrioritaria, Necesidad
from .models.alcance import es_de_la_oficina


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


class DependenciaSegunAlcanceMixin:
    """The dependencia filter only for those who see several dependencias (transversal roles and the office)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        usuario = getattr(self.request, "user", None)
        if usuario is not None and (usuario.ve_todas_las_dependencias or es_de_la_oficina(usuario)):
            self.filters["dependencia"].queryset = Dependencia.objects.all()
        else:
            del self.filters["dependencia"]


class LineaPrioritariaFilter(TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "descripcion")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=LineaPrioritaria.Tipo.choices, empty_label=_("Todos"))
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=LineaPrioritaria.Estado.choices, empty_label=_("Todos")
    )
    anio = django_filters.NumberFilter(label=_("Vigente en el año"), method="filtrar_anio")
    activa = django_filters.ChoiceFilter(
        label=_("Activa"), choices=[("si", _("Sí")), ("no", _("No"))], empty_label=_("Todas"), method="filtrar_activa"
    )

    class Meta:
        model = LineaPrioritaria
        fields = ["q", "tipo", "estado", "anio", "activa"]

    def filtrar_activa(self, queryset, name, value):
        return queryset.filter(activa=value == "si")

    def filtrar_anio(self, queryset, name, value):
        return queryset.filter(periodo_inicio__lte=value, periodo_fin__gte=value)


class NecesidadFilter(DependenciaSegunAlcanceMixin, TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("titulo", "descripcion", "tema")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=Necesidad.Estado.choices, empty_label=_("Todos"))
    linea = django_filters.ModelChoiceFilter(label=_("Línea prioritaria"), queryset=None, empty_label=_("Todas"))
    ods = django_filters.ModelChoiceFilter(label=_("ODS"), queryset=None, empty_label=_("Todos"))
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = Necesidad
        fields = ["q", "estado", "linea", "ods", "dependencia"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["linea"].queryset = LineaPrioritaria.objects.all()
        self.filters["ods"].queryset = ODS.objects.all()


class ConvenioFilter(DependenciaSegunAlcanceMixin, TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("numero", "objeto")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipo = django_filters.ChoiceFilter(label=_("Tipo"), choices=Convenio.Tipo.choices, empty_label=_("Todos"))
    alcance = django_filters.ChoiceFilter(label=_("Alcance"), choices=Convenio.Alcance.choices, empty_label=_("Todos"))
    estado = django_filters.ChoiceFilter(label=_("Estado"), choices=Convenio.Estado.choices, empty_label=_("Todos"))
    actor = django_filters.ModelChoiceFilter(
        label=_("Actor"), field_name="actores", queryset=None, empty_label=_("Todos"), distinct=True
    )
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))
    vence_en = django_filters.ChoiceFilter(
        label=_("Vence"),
        choices=[("60", _("En los próximos 60 días")), ("vencido", _("Vigencia terminada"))],
        empty_label=_("Cuando sea"),
        method="filtrar_vencimiento",
    )

    class Meta:
        model = Convenio
        fields = ["q", "tipo", "alcance", "estado", "actor", "dependencia", "vence_en"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["actor"].queryset = Actor.objects.all()

    def filtrar_vencimiento(self, queryset, name, value):
        hoy = timezone.localdate()
        if value == "vencido":
            return queryset.filter(fecha_fin__lt=hoy)
        return queryset.filter(fecha_fin__gte=hoy, fecha_fin__lte=hoy + timedelta(days=60))


class InstrumentoFilter(DependenciaSegunAlcanceMixin, TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("codigo", "nombre", "descripcion")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=InstrumentoInternacional.Estado.choices, empty_label=_("Todos")
    )
    organizacion = django_filters.ModelChoiceFilter(label=_("Organización"), queryset=None, empty_label=_("Todas"))
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = InstrumentoInternacional
        fields = ["q", "estado", "organizacion", "dependencia"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["organizacion"].queryset = Actor.objects.filter(instrumentos__isnull=False).distinct()


class AccionAlianzaFilter(DependenciaSegunAlcanceMixin, TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "descripcion", "sector_acompanado")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    tipo_producto = django_filters.ChoiceFilter(
        label=_("Tipo de producto"), choices=AccionAlianza.TipoProducto.choices, empty_label=_("Todos")
    )
    estado = django_filters.ChoiceFilter(
        label=_("Estado"), choices=AccionAlianza.Estado.choices, empty_label=_("Todos")
    )
    aliado = django_filters.ModelChoiceFilter(
        label=_("Aliado"), field_name="aliados", queryset=None, empty_label=_("Todos"), distinct=True
    )
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = AccionAlianza
        fields = ["q", "tipo_producto", "estado", "aliado", "dependencia"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["aliado"].queryset = Actor.objects.all()


class ComisionFilter(DependenciaSegunAlcanceMixin, TextoFilterMixin, django_filters.FilterSet):
    campos_texto = ("nombre", "descripcion")
    q = django_filters.CharFilter(label=_("Buscar"), method="filtrar_texto")
    activa = django_filters.ChoiceFilter(
        label=_("Activa"), choices=[("si", _("Sí")), ("no", _("No"))], empty_label=_("Todas"), method="filtrar_activa"
    )
    dependencia = django_filters.ModelChoiceFilter(label=_("Dependencia"), queryset=None, empty_label=_("Todas"))

    class Meta:
        model = Comision
        fields = ["q", "activa", "dependencia"]

    def filtrar_activa(self, queryset, name, value):
        return queryset.filter(activa=value == "si")
