from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Usuario


class MotivoForm(forms.Form):
    """The reason that goes with a transition; required when the action asks for it."""

    motivo = forms.CharField(
        label=_("Motivo"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, requerido: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motivo"].required = requerido
        self.fields["motivo"].error_messages["required"] = _("Escriba el motivo para continuar.")


class PerfilForm(forms.ModelForm[Usuario]):
    class Meta:
        model = get_user_model()
        fields = ["first_name", "last_name", "email", "preferencia_correo"]
        labels = {"first_name": _("Nombres"), "last_name": _("Apellidos"), "email": _("Correo electrónico")}
        help_texts = {
            "preferencia_correo": _("Los avisos siempre quedan en la campana; esto decide cuándo llegan por correo.")
        }
