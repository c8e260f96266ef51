from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core import roles
from cooperacion.core.campos import CampoArchivo, CampoNumero, FormularioModelo, campo_de_opciones
from cooperacion.core.models import Dependencia, Usuario

from .models import Indicador, validar_evidencia
from .services import siguiente_codigo


def campo_numero(etiqueta, *, requerido=True, ayuda="", decimales=4) -> CampoNumero:
    return CampoNumero(label=etiqueta, required=requerido, max_digits=18, decimal_places=decimales, help_text=ayuda)


class UsuarioField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        sigla = obj.dependencia.sigla if obj.dependencia else ""
        return f"{obj} ({sigla})" if sigla else str(obj)


class IndicadorForm(FormularioModelo):
    """The sheet (hoja de vida) of an indicator, DAFP guide."""

    umbral_verde = campo_numero(_("Verde desde (%)"), decimales=2, ayuda=_("Por defecto 95 %."))
    umbral_amarillo = campo_numero(_("Amarillo desde (%)"), decimales=2, ayuda=_("Por defecto 71 %; por debajo, rojo."))

    class Meta:
        model = Indicador
        fields = [
            "codigo",
            "nombre",
            "objetivo",
            "tipo",
            "dependencia",
            "formula",
            "variable_numerador",
            "variable_denominador",
            "unidad",
            "medida",
            "sentido",
            "acumulacion",
            "frecuencia",
            "linea_base",
            "linea_base_fecha",
            "fuente",
            "responsable",
            "territoriales",
            "sinergia",
            "umbral_verde",
            "umbral_amarillo",
        ]
        field_classes = {"responsable": UsuarioField}
        widgets = {"objetivo": forms.Textarea(attrs={"rows": 2}), "territoriales": forms.CheckboxSelectMultiple}
        help_texts = {
            "acumulacion": _(
                "Stock: nivel con la línea base · Flujo: cada trimestre por sí solo · Acumulado: se suman los "
                "trimestres · Capacidad: capacidad instalada, se conserva · Reducción: baja desde la línea base · "
                "Reducción anual: cada periodo mejora el anterior."
            ),
        }

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["linea_base"].help_text = _(
            "Obligatoria para indicadores decrecientes y de tipo stock, reducción o reducción anual."
        )
        campo_de_opciones(self, "territoriales").queryset = Dependencia.objects.filter(
            tipo=Dependencia.Tipo.TERRITORIAL, activa=True
        )
        if usuario.ve_todas_las_dependencias and self.instance.pk is None:
            campo_de_opciones(self, "dependencia").queryset = Dependencia.objects.filter(activa=True)
        else:
            del self.fields["dependencia"]
        dependencia_id = self.instance.dependencia_id or usuario.dependencia_id
        campo_de_opciones(self, "responsable").queryset = Usuario.objects.filter(
            Q(dependencia_id=dependencia_id) | Q(pk=self.instance.responsable_id),
            is_active=True,
            groups__name__in=[roles.PROFESIONAL, roles.JEFE],
        ).distinct()
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("responsable", usuario.pk)
            for campo in ("umbral_verde", "umbral_amarillo"):  # the model's defaults: 95 % and 71 %
                self.initial.setdefault(campo, Indicador._meta.get_field(campo).default)
            if usuario.dependencia_id:
                sigla = usuario.dependencia.sigla or usuario.dependencia.codigo
                self.initial.setdefault("codigo", siguiente_codigo(f"IND-{sigla}"))


class MetasForm(forms.Form):
    """The targets of the four quarters of a year (only those of the indicator's frequency)."""

    def __init__(self, *args, indicador: Indicador, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicador = indicador
        for trimestre in (1, 2, 3, 4):
            if trimestre in indicador.trimestres_de_reporte:
                self.fields[f"t{trimestre}"] = campo_numero(
                    _("Meta T%(t)s") % {"t": trimestre}, requerido=False, ayuda=indicador.unidad_corta
                )

    def valores(self) -> dict[int, object]:
        return {int(n[1]): v for n, v in self.cleaned_data.items() if len(n) == 2 and n[0] == "t" and n[1].isdigit()}


class MedicionForm(forms.Form):
    numerador = campo_numero(_("Valor medido"))
    denominador = campo_numero(_("Denominador"))
    analisis = forms.CharField(
        label=_("Análisis cualitativo"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Qué explica el resultado, qué se hizo, qué dificultades hubo."),
    )
    evidencia = CampoArchivo(label=_("Evidencia"), tipos=validar_evidencia.tipos, required=False)

    def __init__(self, *args, indicador: Indicador, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["numerador"].label = indicador.variable_numerador
        if indicador.con_denominador:
            self.fields["denominador"].label = indicador.variable_denominador
        else:
            del self.fields["denominador"]
            self.fields["numerador"].help_text = indicador.unidad
