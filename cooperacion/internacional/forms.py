from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core import roles
from cooperacion.core.campos import CampoFecha, FormularioModelo
from cooperacion.core.models import Dependencia

from .models import CasoOIT
from .selectors import responsables_posibles


class ResponsableField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        sigla = obj.dependencia.sigla if obj.dependencia else ""
        return f"{obj} ({sigla})" if sigla else str(obj)


class CasoForm(FormularioModelo):
    """Register or edit a case. Only the Administrador chooses the dependencia; the others work in their own."""

    class Meta:
        model = CasoOIT
        fields = [
            "tipo",
            "numero",
            "convenios",
            "asunto",
            "organizacion_querellante",
            "fecha_recepcion",
            "fecha_limite_respuesta",
            "dependencia",
            "responsable",
        ]
        field_classes = {"responsable": ResponsableField}
        widgets = {
            "asunto": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.es_administrador = usuario.tiene_rol(roles.ADMINISTRADOR)
        if self.es_administrador:
            self.fields["dependencia"].queryset = Dependencia.objects.filter(
                Q(activa=True) | Q(pk=self.instance.dependencia_id)
            )
            self.fields["responsable"].queryset = responsables_posibles()
            self.fields["responsable"].help_text = _("Profesional o jefe de la dependencia elegida.")
        else:
            del self.fields["dependencia"]
            if self.instance.dependencia_id is None:
                self.instance.dependencia_id = usuario.dependencia_id
            self.fields["responsable"].queryset = responsables_posibles(self.instance.dependencia_id)
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("responsable", usuario.pk)


class RespuestaForm(forms.Form):
    fecha_respuesta = CampoFecha(
        label=_("Fecha de envío de la respuesta"),
        error_messages={"required": _("Indique la fecha en que se envió la respuesta.")},
    )
    radicado = forms.CharField(
        label=_("Radicado de la respuesta"),
        max_length=60,
        help_text=_("Número de radicado oficial con que se envió la respuesta a la OIT."),
        error_messages={"required": _("Indique el número de radicado de la respuesta enviada.")},
    )
    motivo = forms.CharField(
        label=_("Observaciones"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Opcional. Quedan en el registro de transiciones."),
    )


class ReabrirForm(forms.Form):
    nueva_fecha_limite = CampoFecha(
        label=_("Nueva fecha límite de respuesta"),
        error_messages={"required": _("Indique la nueva fecha límite de respuesta.")},
    )
    motivo = forms.CharField(
        label=_("Motivo de la reapertura"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Qué información adicional pidió la OIT."),
        error_messages={"required": _("Indique el motivo de la reapertura.")},
    )
