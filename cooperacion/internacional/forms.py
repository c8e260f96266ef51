from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperacion.core import roles
from cooperacion.core.campos import OPCION_VACIA, CampoArchivo, CampoFecha, FormularioModelo
from cooperacion.core.errores import Revision
from cooperacion.core.fechas import MINIMO_HISTORICO
from cooperacion.core.models import Actor, Dependencia, Moneda

from .models import (
    AccionAlianza,
    CasoOIT,
    Comision,
    CompromisoConvenio,
    CompromisoSesion,
    Convenio,
    EstudioInstrumento,
    InstrumentoInternacional,
    LineaPrioritaria,
    MemoriaInstrumento,
    Necesidad,
    RevisionConvenio,
    SeguimientoAccion,
    SesionComision,
)
from .permissions import gestiona_la_cooperacion
from .selectors import responsables_posibles
from .services.convenios import revisar_partes_y_fechas


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
    documento = CampoArchivo(label=_("Respuesta enviada (archivo)"), required=False)


class DocumentoCasoForm(forms.Form):
    tipo = forms.ChoiceField(
        label=_("Tipo de documento"),
        choices=[("comunicacion", _("Comunicación recibida")), ("borrador", _("Borrador de respuesta"))],
    )
    archivo = CampoArchivo(label=_("Archivo"))
    descripcion = forms.CharField(label=_("Descripción"), required=False, max_length=250)


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


# Priority lines and needs --------------------------------------------------------------------------------------


class LineaForm(FormularioModelo):
    class Meta:
        model = LineaPrioritaria
        fields = ["nombre", "tipo", "periodo_inicio", "periodo_fin", "descripcion", "dependencia"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)


class NecesidadForm(FormularioModelo):
    """Raise or edit a need; only the office and the Administrador choose the requesting dependencia."""

    class Meta:
        model = Necesidad
        fields = ["titulo", "descripcion", "tema", "dependencia", "linea", "ods", "monto_estimado", "moneda"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"monto_estimado": _("Opcional. Escríbalo como 150.000.000 o 45.000,50.")}

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        if gestiona_la_cooperacion(usuario):
            self.fields["dependencia"].queryset = Dependencia.objects.filter(
                Q(activa=True) | Q(pk=self.instance.dependencia_id)
            )
        else:
            del self.fields["dependencia"]
        self.fields["linea"].queryset = LineaPrioritaria.objects.filter(
            Q(pk__in=LineaPrioritaria.objects.vigentes().values("pk")) | Q(pk=self.instance.linea_id)
        )
        self.fields["moneda"].queryset = Moneda.objects.all()


class PriorizarForm(forms.Form):
    prioridad = forms.IntegerField(
        label=_("Puesto en la priorización"),
        min_value=1,
        max_value=999,
        help_text=_("1 es la más prioritaria."),
        error_messages={"required": _("Indique el puesto de la necesidad en la priorización (1 es la primera).")},
    )
    motivo = forms.CharField(
        label=_("Observaciones"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PresentarForm(forms.Form):
    presentada_a = forms.CharField(
        label=_("Presentada a"),
        max_length=250,
        help_text=_("Cooperantes o APC-Colombia."),
        error_messages={"required": _("Indique a quién se presentó la necesidad.")},
    )
    fecha_presentacion = CampoFecha(
        label=_("Fecha de presentación"), error_messages={"required": _("Indique la fecha de presentación.")}
    )
    motivo = forms.CharField(
        label=_("Observaciones"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ConvocatoriaField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre} · {obj.cooperante}"


class AtenderForm(forms.Form):
    convocatoria = ConvocatoriaField(
        label=_("Convocatoria o proyecto que la atiende"),
        queryset=None,
        empty_label=OPCION_VACIA,
        error_messages={"required": _("Elija la convocatoria o el proyecto que atiende la necesidad.")},
    )
    motivo = forms.CharField(
        label=_("Observaciones"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, convocatorias, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convocatoria"].queryset = convocatorias


# Agreements ----------------------------------------------------------------------------------------------------


class ConvenioForm(FormularioModelo):
    class Meta:
        model = Convenio
        fields = [
            "numero",
            "tipo",
            "alcance",
            "objeto",
            "actores",
            "dependencia",
            "dependencias_parte",
            "responsable",
            "fecha_firma",
            "fecha_inicio",
            "fecha_fin",
            "monto",
            "moneda",
            "documento",
            "linea",
        ]
        field_classes = {"responsable": ResponsableField}
        widgets = {
            "objeto": forms.Textarea(attrs={"rows": 3}),
            "actores": forms.SelectMultiple(attrs={"size": 6}),
            "dependencias_parte": forms.SelectMultiple(attrs={"size": 4}),
        }
        help_texts = {
            "actores": _("Bilateral: un actor. Multilateral: dos o más. Mantenga Ctrl presionado para elegir varios."),
            "monto": _("Opcional, si el convenio compromete recursos."),
        }

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actores"].queryset = Actor.objects.filter(
            Q(estado=Actor.Estado.ACTIVO) | Q(pk__in=self.instance.actores.all() if self.instance.pk else [])
        )
        self.fields["dependencia"].queryset = Dependencia.objects.filter(
            Q(activa=True) | Q(pk=self.instance.dependencia_id)
        )
        self.fields["dependencias_parte"].queryset = Dependencia.objects.filter(activa=True)
        self.fields["dependencias_parte"].required = False
        self.fields["responsable"].queryset = responsables_posibles()
        self.fields["moneda"].queryset = Moneda.objects.all()
        self.fields["linea"].queryset = LineaPrioritaria.objects.filter(
            Q(pk__in=LineaPrioritaria.objects.vigentes().values("pk")) | Q(pk=self.instance.linea_id)
        )
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("dependencia", usuario.dependencia_id)
            self.initial.setdefault("responsable", usuario.pk)

    def clean(self):
        datos = super().clean()
        revision = Revision()
        revisar_partes_y_fechas(
            revision,
            **{campo: datos.get(campo) for campo in ("alcance", "actores", "fecha_firma", "fecha_inicio", "fecha_fin")},
        )
        for campo, mensaje in revision.errores:
            if campo not in self.errors:
                self.add_error(campo, mensaje)
        return datos


class CompromisoForm(FormularioModelo):
    class Meta:
        # A commitment of an agreement here; CompromisoSesionForm's Meta names the session's.
        model: type[CompromisoConvenio | CompromisoSesion] = CompromisoConvenio
        fields = ["descripcion", "responsable", "fecha_limite"]
        field_classes = {"responsable": ResponsableField}
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsable"].queryset = responsables_posibles()


class CumplirCompromisoForm(forms.Form):
    cumplido_en = CampoFecha(
        label=_("Fecha de cumplimiento"), error_messages={"required": _("Indique la fecha de cumplimiento.")}
    )
    observacion = forms.CharField(
        label=_("Cómo se cumplió"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RevisionConvenioForm(FormularioModelo):
    class Meta:
        model = RevisionConvenio
        fields = ["fecha", "calificacion", "comentario"]
        widgets = {"comentario": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)


# International instruments -------------------------------------------------------------------------------------


class InstrumentoForm(FormularioModelo):
    class Meta:
        model = InstrumentoInternacional
        fields = ["codigo", "nombre", "organizacion", "dependencia", "descripcion"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizacion"].queryset = Actor.objects.filter(estado=Actor.Estado.ACTIVO)
        self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)
        if usuario is not None and not self.is_bound:
            self.initial.setdefault("dependencia", usuario.dependencia_id)


class FechaDeEstadoForm(forms.Form):
    fecha = CampoFecha(label=_("Fecha"), minimo=MINIMO_HISTORICO, error_messages={"required": _("Indique la fecha.")})
    motivo = forms.CharField(
        label=_("Observaciones"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class EstudioForm(FormularioModelo):
    class Meta:
        model = EstudioInstrumento
        fields = ["titulo", "proposito", "fecha", "documento"]

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)


class MemoriaForm(FormularioModelo):
    class Meta:
        model = MemoriaInstrumento
        fields = ["periodo", "fecha_solicitud", "dias_habiles", "fecha_limite", "dependencia"]
        help_texts = {"fecha_limite": _("Déjela vacía si indica el plazo en días hábiles.")}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fecha_limite"].required = False
        self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)


class EnvioMemoriaForm(FormularioModelo):
    class Meta:
        model = MemoriaInstrumento
        fields = ["fecha_envio", "radicado", "soporte"]

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fecha_envio"].required = True
        self.fields["radicado"].required = True


# Alliance actions ------------------------------------------------------------------------------------------------


class AccionAlianzaForm(FormularioModelo):
    class Meta:
        model = AccionAlianza
        fields = [
            "nombre",
            "tipo_producto",
            "descripcion",
            "aliados",
            "sector_acompanado",
            "dependencia",
            "responsable",
            "fecha_inicio",
            "fecha_fin",
        ]
        field_classes = {"responsable": ResponsableField}
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3}), "aliados": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aliados"].queryset = Actor.objects.filter(estado=Actor.Estado.ACTIVO)
        self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)
        self.fields["responsable"].queryset = responsables_posibles()
        if not self.is_bound:
            self.initial.setdefault("dependencia", usuario.dependencia_id)
            self.initial.setdefault("responsable", usuario.pk)


class SeguimientoAccionForm(FormularioModelo):
    class Meta:
        model = SeguimientoAccion
        fields = ["fecha", "avance"]
        widgets = {"avance": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)


class FinalizarAccionForm(forms.Form):
    retroalimentacion = forms.CharField(
        label=_("Retroalimentación al sector"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Indique la retroalimentación dada al sector.")},
    )


class VisibilizacionForm(forms.Form):
    medio_publicacion = forms.CharField(label=_("Medio de publicación"), max_length=150)
    fecha_publicacion = CampoFecha(label=_("Fecha de publicación"))
    enlace_publicacion = forms.URLField(
        label=_("Enlace a la publicación"), required=False, max_length=500, assume_scheme="https"
    )
    publicada = forms.BooleanField(label=_("Publicar los resultados en las páginas de transparencia"), required=False)


# Commissions ------------------------------------------------------------------------------------------------------


class ComisionForm(FormularioModelo):
    class Meta:
        model = Comision
        fields = ["nombre", "descripcion", "dependencia"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)
        if usuario is not None and not self.is_bound:
            self.initial.setdefault("dependencia", usuario.dependencia_id)


class SesionForm(FormularioModelo):
    class Meta:
        model = SesionComision
        fields = ["fecha", "lugar", "temas", "acta"]
        widgets = {"temas": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, usuario=None, **kwargs):
        super().__init__(*args, **kwargs)


class CompromisoSesionForm(CompromisoForm):
    class Meta(CompromisoForm.Meta):
        model = CompromisoSesion


class CumplirForm(forms.Form):
    cumplido_en = CampoFecha(
        label=_("Fecha de cumplimiento"), error_messages={"required": _("Indique la fecha de cumplimiento.")}
    )
