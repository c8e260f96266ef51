from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperacion.core import hojas
from cooperacion.core.archivos import DOCUMENTOS_DE_OFICINA, HOJAS
from cooperacion.core.campos import OPCION_VACIA, CampoArchivo, CampoFecha, FormularioModelo
from cooperacion.core.models import Dependencia, PoliticaMIPG

from .models import Caracterizacion, Documento, ParteInteresada, Proceso, Tipologia


class LineasField(forms.CharField):
    """A list of short texts typed one per line (inputs, outputs, suppliers...)."""

    widget = forms.Textarea

    def __init__(self, *args, filas: int = 3, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, strip=False, **kwargs)
        self.widget.attrs.update({"rows": filas, "class": "form-control form-control-sm"})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        texto = super().to_python(value) or ""
        return [" ".join(linea.split()) for linea in texto.splitlines() if linea.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


class ErroresVisiblesMixin:
    """Fields with errors get `is-invalid` (the page focuses the first one) and aria-invalid."""

    def full_clean(self):
        super().full_clean()
        for nombre in self._errors or {}:
            if nombre in self.fields:
                widget = self.fields[nombre].widget
                widget.attrs["class"] = (widget.attrs.get("class", "") + " is-invalid").strip()
                widget.attrs["aria-invalid"] = "true"


def _estilo(form):
    for campo in form.fields.values():
        widget = campo.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput | forms.HiddenInput):
            continue
        clase = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", clase)


class CaracterizacionCrearForm(ErroresVisiblesMixin, forms.Form):
    proceso = forms.ModelChoiceField(
        label=_("Proceso del catálogo"), queryset=Proceso.objects.none(), empty_label=OPCION_VACIA
    )
    dependencia = forms.ModelChoiceField(
        label=_("Dependencia responsable"),
        queryset=Dependencia.objects.filter(activa=True),
        required=False,
        empty_label=OPCION_VACIA,
        help_text=_("Si la deja vacía, se usa la del proceso en el catálogo."),
    )
    version = forms.CharField(label=_("Versión"), max_length=20, initial="1")
    fecha = CampoFecha(label=_("Fecha"))
    entidad = forms.CharField(label=_("Entidad"), max_length=250)
    nombre = forms.CharField(
        label=_("Nombre del proceso"), max_length=250, required=False, help_text=_("Vacío: el del catálogo.")
    )
    tipologia = forms.ChoiceField(
        label=_("Tipología"), choices=[("", _("La del catálogo")), *Tipologia.choices], required=False
    )
    responsable = forms.CharField(label=_("Responsable (cargo)"), max_length=250)
    objetivo = forms.CharField(label=_("Objetivo"), widget=forms.Textarea(attrs={"rows": 3}))
    alcance = forms.CharField(label=_("Alcance"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        procesos = Proceso.objects.filter(activo=True).select_related("dependencia")
        if usuario.tiene_rol("Administrador"):
            self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)
        else:
            procesos = procesos.filter(dependencia_id=usuario.dependencia_id)
            del self.fields["dependencia"]
        self.fields["proceso"].queryset = procesos
        self.fields["fecha"].initial = timezone.localdate()
        self.fields["entidad"].initial = settings.ENTIDAD_NOMBRE
        _estilo(self)


class CaracterizacionForm(ErroresVisiblesMixin, FormularioModelo):
    """Header and text sections of a draft."""

    mecanismos_seguimiento = LineasField(label=_("Mecanismos de seguimiento y medición"), help_text=_("Uno por línea."))
    politicas = forms.ModelMultipleChoiceField(
        label=_("Políticas MIPG asociadas"),
        queryset=PoliticaMIPG.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Caracterizacion
        fields = [
            "entidad",
            "nombre",
            "version",
            "fecha",
            "tipologia",
            "dependencia",
            "responsable",
            "objetivo",
            "alcance",
            "rol_lineas_defensa",
            "mecanismos_seguimiento",
            "indicadores",
            "politicas_operacion",
            "productos_servicios",
            "nota_normatividad",
            "nota_documentos",
            "nota_riesgos",
            "nota_acciones",
            "nota_politicas",
            "recursos_humanos",
            "recursos_financieros",
            "recursos_tecnologicos",
            "recursos_infraestructura",
        ]
        widgets = {
            **{
                campo: forms.Textarea(attrs={"rows": 2})
                for campo in [
                    "rol_lineas_defensa",
                    "indicadores",
                    "politicas_operacion",
                    "productos_servicios",
                    "nota_normatividad",
                    "nota_documentos",
                    "nota_riesgos",
                    "nota_acciones",
                    "nota_politicas",
                    "recursos_humanos",
                    "recursos_financieros",
                    "recursos_tecnologicos",
                    "recursos_infraestructura",
                ]
            },
            "objetivo": forms.Textarea(attrs={"rows": 3}),
            "alcance": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "indicadores": _("Texto libre: los indicadores del proceso (hoja de vida en el módulo de indicadores)."),
            "nota_normatividad": _("Seguimiento y control: dónde se relacionan los requisitos legales."),
        }

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        if not usuario.tiene_rol("Administrador"):
            del self.fields["dependencia"]
        else:
            self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)
        if self.instance.pk:
            self.fields["politicas"].initial = [a.politica_id for a in self.instance.politicas.all()]
        _estilo(self)

    def clean_version(self):
        return self.cleaned_data["version"].strip()


class ControlCambiosForm(ErroresVisiblesMixin, forms.Form):
    control_seccion = forms.CharField(
        label=_("Sección modificada"), widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"})
    )
    control_cambio = forms.CharField(
        label=_("Cambio realizado"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )


class FilaSinCambiosMixin:
    """A new row counts as untouched when only its order was set (the page renumbers rows as they move)."""

    def has_changed(self):
        return any(nombre not in ("ORDER", "DELETE") for nombre in self.changed_data)


T = ParteInteresada.Tipo


class FilaPHVAForm(ErroresVisiblesMixin, FilaSinCambiosMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    proveedores_externos = LineasField(label=T.PROVEEDOR_EXTERNO.label)
    proveedores_internos = LineasField(label=T.PROVEEDOR_INTERNO.label)
    fuentes = LineasField(label=_("Fuentes de entradas (una sola columna)"))
    entradas = LineasField(label=_("Entradas"))
    actividades = LineasField(
        label=_("Actividades"), required=True, error_messages={"required": _("Escriba al menos una actividad.")}
    )
    responsables = LineasField(label=_("Responsables"))
    salidas = LineasField(label=_("Salidas"))
    clientes_internos = LineasField(label=T.CLIENTE_INTERNO.label)
    clientes_externos = LineasField(label=T.CLIENTE_EXTERNO.label)
    receptores = LineasField(label=_("Receptores de salidas (una sola columna)"))

    PARTES = {
        "proveedores_externos": T.PROVEEDOR_EXTERNO,
        "proveedores_internos": T.PROVEEDOR_INTERNO,
        "fuentes": T.FUENTE,
        "clientes_internos": T.CLIENTE_INTERNO,
        "clientes_externos": T.CLIENTE_EXTERNO,
        "receptores": T.RECEPTOR,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nombre, valor in (self.initial or {}).items():
            if isinstance(valor, list) and nombre in self.fields:
                self.fields[nombre].widget.attrs["rows"] = min(max(3, len(valor) + 1), 12)

    @classmethod
    def inicial(cls, fila) -> dict:
        datos = {
            "id": fila.pk,
            **{k: list(getattr(fila, k)) for k in ("entradas", "actividades", "responsables", "salidas")},
        }
        for campo, tipo in cls.PARTES.items():
            datos[campo] = [p.texto for p in fila.partes.all() if p.tipo == tipo]
        return datos

    def como_datos(self, etapa: int) -> dict:
        d = self.cleaned_data
        return {
            "id": d.get("id"),
            "etapa": etapa,
            **{k: d[k] for k in ("entradas", "actividades", "responsables", "salidas")},
            "partes": [{"tipo": tipo, "texto": texto} for campo, tipo in self.PARTES.items() for texto in d[campo]],
        }


FilaPHVAFormSet = forms.formset_factory(
    FilaPHVAForm, extra=0, can_order=True, can_delete=True, max_num=300, absolute_max=300
)


class RequisitoForm(ErroresVisiblesMixin, FilaSinCambiosMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    norma = forms.CharField(label=_("Norma"), max_length=300)
    articulo = forms.CharField(label=_("Artículo"), max_length=200, required=False)
    descripcion = forms.CharField(label=_("Descripción"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RiesgoForm(ErroresVisiblesMixin, FilaSinCambiosMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    codigo = forms.CharField(label=_("Código"), max_length=40, required=False)
    descripcion = forms.CharField(label=_("Descripción"), widget=forms.Textarea(attrs={"rows": 2}))
    controles = forms.CharField(label=_("Controles"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentoForm(ErroresVisiblesMixin, FilaSinCambiosMixin, forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    clase = forms.ChoiceField(label=_("Clase"), choices=Documento.Clase.choices, initial=Documento.Clase.PROCESO)
    codigo = forms.CharField(label=_("Código"), max_length=60, required=False)
    nombre = forms.CharField(label=_("Nombre"), max_length=300)
    archivo = CampoArchivo(label=_("Archivo (opcional)"), required=False, tipos=DOCUMENTOS_DE_OFICINA)
    quitar_archivo = forms.BooleanField(label=_("Quitar el archivo"), required=False)

    def como_datos(self) -> dict:
        d = self.cleaned_data
        datos = {"id": d.get("id"), "clase": d["clase"], "codigo": d["codigo"].strip(), "nombre": d["nombre"].strip()}
        if d.get("archivo"):
            datos["archivo"] = d["archivo"]
        elif d.get("quitar_archivo"):
            datos["archivo"] = ""
        return datos


def _conjunto(form):
    return forms.formset_factory(form, extra=0, can_order=True, can_delete=True, max_num=300, absolute_max=300)


DocumentoFormSet = _conjunto(DocumentoForm)
RequisitoFormSet = _conjunto(RequisitoForm)
RiesgoFormSet = _conjunto(RiesgoForm)


def estilizar_conjunto(conjunto):
    for form in [*conjunto.forms, conjunto.empty_form]:
        _estilo(form)
        if "ORDER" in form.fields:
            form.fields["ORDER"].label = _("Orden")
            form.fields["ORDER"].widget.attrs.update({"class": "form-control form-control-sm orden-fila", "min": 1})
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Eliminar esta fila")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
    return conjunto


class ImportarForm(ErroresVisiblesMixin, forms.Form):
    archivo = CampoArchivo(
        label=_("Libro de Excel (.xlsx)"),
        tipos=HOJAS,
        help_text=_("El mismo formato que descarga el botón «Excel» de una caracterización. Máximo 10 MB."),
    )

    def clean_archivo(self):
        archivo = self.cleaned_data["archivo"]
        try:
            hojas.revisar_archivo(archivo)
        except hojas.HojaIlegible as error:
            raise forms.ValidationError(str(error)) from error
        archivo.seek(0)
        return archivo


def en_orden(conjunto) -> list:
    """The rows to keep, in the order typed: the ORDER field, or the position when it is empty."""
    vivos = []
    for indice, form in enumerate(conjunto.forms):
        if indice >= conjunto.initial_form_count() and not form.has_changed():
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        vivos.append((form.cleaned_data.get("ORDER") or indice + 1, indice, form))
    return [form for _orden, _indice, form in sorted(vivos, key=lambda v: v[:2])]
