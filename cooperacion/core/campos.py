"""Form fields that carry the core's guards, and the ModelForm base that uses them for every model field.

- `CampoFecha` / `CampoFechaHora`: the date window (fechas.py), with min/max on the browser's picker.
- `CampoArchivo`: the upload validator (archivos.py), with the accepted types on the picker.
- `CampoNumero` / `CampoMonto` / `CampoTasa`: numbers typed and shown the Colombian way (numeros.py).

Every form of the product uses these (the system check `cooperacion.core.checks` refuses a form that does not);
a `FormularioModelo` gets them for its model's date, file and decimal fields without naming them.
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import ModelFormMetaclass
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import archivos, fechas
from .numeros import NumeroAmbiguo, formatear_numero, leer_numero


def _limites_del_selector(minimo: date) -> dict[str, str]:
    return {"min": minimo.isoformat(), "max": fechas.maximo().isoformat()}


class SelectorDeFecha(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, minimo: date = fechas.MINIMO) -> None:
        self.minimo = minimo
        super().__init__(attrs=attrs, format="%Y-%m-%d")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        return super().get_context(name, value, {**_limites_del_selector(self.minimo), **(attrs or {})})


class SelectorDeFechaHora(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None, minimo: date = fechas.MINIMO) -> None:
        self.minimo = minimo
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        limites = {"min": f"{self.minimo.isoformat()}T00:00", "max": f"{fechas.maximo().isoformat()}T23:59"}
        return super().get_context(name, value, {**limites, **(attrs or {})})


class CampoFecha(forms.DateField):
    def __init__(self, *args: Any, minimo: date = fechas.MINIMO, **kwargs: Any) -> None:
        kwargs.setdefault("widget", SelectorDeFecha(minimo=minimo))
        kwargs.setdefault("error_messages", {"invalid": _("Escriba una fecha válida (dd/mm/aaaa).")})
        super().__init__(*args, **kwargs)
        self.validators.append(fechas.VentanaDeFechas(minimo))


class CampoFechaHora(forms.DateTimeField):
    def __init__(self, *args: Any, minimo: date = fechas.MINIMO, **kwargs: Any) -> None:
        kwargs.setdefault("widget", SelectorDeFechaHora(minimo=minimo))
        kwargs.setdefault("error_messages", {"invalid": _("Escriba una fecha y hora válidas (dd/mm/aaaa hh:mm).")})
        super().__init__(*args, **kwargs)
        self.validators.append(fechas.VentanaDeFechas(minimo))


class CampoArchivo(forms.FileField):
    def __init__(
        self,
        *args: Any,
        tipos: tuple[str, ...] = archivos.DOCUMENTOS,
        tamano_maximo: int = archivos.TAMANO_MAXIMO,
        **kwargs: Any,
    ) -> None:
        validador = archivos.ValidadorDeArchivo(tipos, tamano_maximo)
        requerido = kwargs.get("required", True)
        atributos = {"accept": validador.acepta}
        kwargs.setdefault(
            "widget", forms.FileInput(attrs=atributos) if requerido else forms.ClearableFileInput(attrs=atributos)
        )
        kwargs.setdefault("help_text", validador.ayuda)
        mensajes = {"required": _("Adjunte el archivo."), **kwargs.pop("error_messages", {})}
        super().__init__(*args, error_messages=mensajes, **kwargs)
        self.validators.append(validador)

    def _clean_bound_field(self, bf: forms.BoundField) -> Any:
        # A browser never re-sends a file: when the form comes back with errors, the field asks for it again by
        # name. (Django's hook for a field that needs its BoundField; the BoundField holds the help text shown.)
        data = bf.data
        if getattr(data, "name", None) and not getattr(data, "url", None):
            bf.help_text = format_lazy(
                "{aviso} {ayuda}",
                aviso=_("Elija de nuevo «%(n)s»: los archivos no se conservan cuando el formulario tiene errores.")
                % {"n": data.name},
                ayuda=bf.help_text,
            )
        return super()._clean_bound_field(bf)  # type: ignore[misc]  # Django 5.2's hook, missing from the stubs


class EntradaNumero(forms.TextInput):
    """A text box (not type=number, which refuses "1.500.000") that shows numbers the Colombian way."""

    def __init__(self, attrs: dict[str, Any] | None = None, decimales: int | None = None) -> None:
        self.decimales = decimales
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", "data-numero": "es-CO", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if value in (None, ""):
            return ""
        if isinstance(value, str):
            try:
                value = Decimal(value)
            except ArithmeticError:
                return value  # what the user typed, shown back with its error
        return formatear_numero(value, self.decimales)


class CampoNumero(forms.DecimalField):
    """A decimal typed the Colombian way: 1.500.000,50. Ambiguous text is refused with a message that says how."""

    decimales_a_mostrar: int | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", EntradaNumero(decimales=self.decimales_a_mostrar))
        super().__init__(*args, **kwargs)
        self.localize = False
        # DecimalField adds a NumberInput's step/min attributes that a text box does not want.
        for atributo in ("step",):
            self.widget.attrs.pop(atributo, None)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stub gives DecimalField IntegerField's int
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int | float):
            return Decimal(str(value))
        try:
            return leer_numero(str(value))
        except NumeroAmbiguo as error:
            raise ValidationError(str(error), code="ambiguo") from error
        except ValueError as error:
            raise ValidationError(
                _("Escriba un número como 1.500.000 o 4.450,50 (miles con punto, decimales con coma)."), code="invalid"
            ) from error

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        atributos = super().widget_attrs(widget)
        atributos.pop("step", None)
        return atributos


class CampoMonto(CampoNumero):
    """Money: up to 2 decimals, shown with them when it has any."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        mensajes = {"min_value": _("El monto no puede ser negativo."), **kwargs.pop("error_messages", {})}
        super().__init__(*args, error_messages=mensajes, **kwargs)
        self.widget.attrs.setdefault("data-monto", "1")


class CampoTasa(CampoNumero):
    """An exchange rate to COP (up to 4 decimals); the page shows the COP equivalent as it is typed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 18)
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault("min_value", Decimal("0.0001"))
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("data-tasa", "1")


def campo_para(campo_modelo: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """The guarded form field for a model field (the `formfield_callback` of `FormularioModelo`)."""
    if isinstance(campo_modelo, models.DateTimeField):
        return campo_modelo.formfield(form_class=CampoFechaHora, **kwargs)
    if isinstance(campo_modelo, models.DateField):
        return campo_modelo.formfield(form_class=CampoFecha, **kwargs)
    if isinstance(campo_modelo, models.FileField):
        tipos = getattr(campo_modelo, "tipos_permitidos", archivos.DOCUMENTOS)
        return campo_modelo.formfield(form_class=CampoArchivo, tipos=tipos, **kwargs)
    if isinstance(campo_modelo, models.DecimalField):
        clase: type[CampoNumero] = CampoTasa if campo_modelo.name.startswith("tasa") else CampoMonto
        if clase is CampoMonto and campo_modelo.decimal_places != 2:
            clase = CampoNumero
        return campo_modelo.formfield(form_class=clase, **kwargs)
    return con_opcion_vacia_legible(campo_modelo.formfield(**kwargs))


OPCION_VACIA = _("Seleccione…")


def con_opcion_vacia_legible(campo: forms.Field | None) -> forms.Field | None:
    """A select's empty option says what to do ("Seleccione…") instead of Django's "---------"."""
    if isinstance(campo, forms.ModelChoiceField) and campo.empty_label == "---------":
        campo.empty_label = OPCION_VACIA
    elif isinstance(campo, forms.ChoiceField) and not isinstance(campo, forms.ModelChoiceField):
        opciones = list(campo.choices)  # type: ignore[arg-type]  # a plain ChoiceField's choices are a list here
        if opciones and opciones[0] == ("", "---------"):
            campo.choices = [("", OPCION_VACIA), *opciones[1:]]
    return campo


class _MetaclaseGuardada(ModelFormMetaclass):
    """Gives every subclass's Meta the guarded `formfield_callback`, even when it declares its own Meta."""

    def __new__(mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any]) -> type:
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(campo_para)
        clase = super().__new__(mcs, name, bases, attrs)
        for campo in clase.base_fields.values():  # type: ignore[attr-defined]  # set by ModelFormMetaclass
            con_opcion_vacia_legible(campo)
        return clase


class FormularioModelo(forms.ModelForm[Any], metaclass=_MetaclaseGuardada):
    """ModelForm whose date, file and decimal fields carry the core's guards."""

    class Meta:
        formfield_callback = campo_para


def agregar_campo_de_control(form: Any, nombre: str, campo: forms.Field) -> None:
    """Add a hidden field the view needs (a create token, a record version) that the service must not receive:
    after validation its value is in `form.control[nombre]`, not in `cleaned_data`. A required one that is missing
    makes the form say so at the top (hidden fields have no place of their own to show an error)."""
    form.fields[nombre] = campo
    if not hasattr(form, "control"):
        form.control = {}
        limpiar = form.clean

        def clean() -> dict[str, Any]:
            datos = limpiar()
            datos = form.cleaned_data if datos is None else datos
            for clave in list(form.control_nombres):
                form.control[clave] = datos.pop(clave, None)
                if clave in form.errors:
                    form.add_error(None, form.errors.pop(clave))
            return datos

        form.control_nombres = []
        form.clean = clean
    if nombre not in form.control_nombres:  # replacing a control field (another record's version) keeps one entry
        form.control_nombres.append(nombre)


def campo_de_opciones(form: forms.BaseForm, nombre: str) -> forms.ModelChoiceField[Any]:
    """A form's model-choice field (single or multiple), typed as such, to set its queryset or its labels."""
    return cast("forms.ModelChoiceField[Any]", form.fields[nombre])


def con_etiquetas(form: forms.BaseForm, nombre: str, etiqueta: Callable[[Any], str]) -> None:
    """Show each option of a form's model-choice field as `etiqueta(registro)` instead of `str(registro)`."""
    campo = campo_de_opciones(form, nombre)
    campo.label_from_instance = etiqueta  # type: ignore[method-assign, assignment]  # Django's documented way to relabel
