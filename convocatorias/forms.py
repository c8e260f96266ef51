from datetime import datetime

from django import forms
from django.db.models import Q
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from cooperacion.core import roles
from cooperacion.core.archivos import HOJAS
from cooperacion.core.campos import (
    OPCION_VACIA,
    CampoArchivo,
    CampoFecha,
    CampoFechaHora,
    CampoMonto,
    CampoNumero,
    CampoTasa,
    FormularioModelo,
)
from cooperacion.core.fechas import error_de_ventana
from cooperacion.core.models import ODS, Actor, Dependencia, Moneda, Municipio
from cooperacion.internacional.models import LineaPrioritaria, Necesidad
from indicadores.models import Indicador

from .models import Convocatoria, Destinatario, Modalidad, MovimientoFinanciero, ParticipanteProyecto, Proyecto
from .selectors import responsables_posibles


def campo_archivo(etiqueta, *, requerido=True) -> forms.FileField:
    return CampoArchivo(label=etiqueta, required=requerido)


class UsuarioField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        sigla = obj.dependencia.sigla if obj.dependencia else ""
        return f"{obj} ({sigla})" if sigla else str(obj)


class ActorField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", OPCION_VACIA)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return str(obj)


class MunicipiosField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre.title()} ({obj.departamento.nombre.title()}) – {obj.codigo}"


class ConvocatoriaForm(FormularioModelo):
    """Register or edit a call (task 1). Only the Administrador chooses the dependencia."""

    enlace = forms.URLField(label=_("Enlace"), max_length=500, required=False, assume_scheme="https")
    cooperante_nuevo = forms.CharField(
        label=_("¿No está en la lista? Nombre del nuevo cooperante"),
        max_length=200,
        required=False,
        help_text=_("Se registra al guardar, queda disponible de inmediato y el Administrador revisa sus datos."),
    )
    cooperante_nuevo_tipo = forms.ChoiceField(
        label=_("Tipo del nuevo cooperante"),
        choices=[("", _("Seleccione…")), *Actor.Tipo.choices],
        required=False,
    )

    class Meta:
        model = Convocatoria
        fields = [
            "cooperante",
            "nombre",
            "fuente",
            "enlace",
            "modalidad",
            "lineas_tematicas",
            "ods",
            "lineas_prioritarias",
            "necesidades",
            "actores_elegibles",
            "elegibilidad",
            "territorio",
            "monto",
            "moneda",
            "tasa_cop",
            "fecha_apertura",
            "fecha_cierre",
            "impacto_esperado",
            "nivel_impacto",
            "dependencia",
            "responsable",
        ]
        field_classes = {"cooperante": ActorField, "responsable": UsuarioField}
        widgets = {
            "actores_elegibles": forms.Textarea(attrs={"rows": 2}),
            "impacto_esperado": forms.Textarea(attrs={"rows": 3}),
            "ods": forms.CheckboxSelectMultiple,
            "lineas_prioritarias": forms.CheckboxSelectMultiple,
            "necesidades": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "monto": _("Si la convocatoria declara un monto. Debe ser mayor que cero."),
            "fecha_apertura": _("Fecha y hora de Colombia."),
            "fecha_cierre": _("Fecha y hora de Colombia."),
        }

    def __init__(self, *args, usuario, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cooperante"].queryset = Actor.objects.filter(
            Q(estado=Actor.Estado.ACTIVO) | Q(pk=self.instance.cooperante_id)
        )
        # The cooperante comes from the list or is proposed in place (issue 10): one of the two is required.
        self.fields["cooperante"].required = False
        self.fields["cooperante"].widget.attrs["data-buscador"] = "1"
        self.fields["cooperante"].help_text = _(
            "Escriba para buscar en el catálogo de actores. Si no está, propóngalo en los dos campos siguientes."
        )
        self.order_fields(["cooperante", "cooperante_nuevo", "cooperante_nuevo_tipo"])
        self.cooperante_propuesto = None
        self.fields["modalidad"].queryset = Modalidad.objects.filter(Q(activa=True) | Q(pk=self.instance.modalidad_id))
        self.fields["ods"].queryset = ODS.objects.all()
        self.fields["lineas_prioritarias"].queryset = LineaPrioritaria.objects.vigentes()
        self.fields["lineas_prioritarias"].help_text = _("Las líneas de la entidad que la convocatoria apoya.")
        self.fields["necesidades"].queryset = Necesidad.objects.abiertas().select_related("dependencia")
        self.fields["necesidades"].help_text = _("Necesidades de cooperación abiertas que la convocatoria atendería.")
        self.fields["moneda"].queryset = Moneda.objects.all()
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
            self.initial.setdefault("moneda", Moneda.objects.filter(codigo="USD").values_list("pk", flat=True).first())

    def clean(self):
        datos = super().clean()
        nuevo = " ".join((datos.pop("cooperante_nuevo", "") or "").split())
        tipo = datos.pop("cooperante_nuevo_tipo", "")
        if nuevo and datos.get("cooperante"):
            self.add_error("cooperante_nuevo", _("Elija un cooperante de la lista o proponga uno nuevo, no los dos."))
        elif nuevo and not tipo:
            self.add_error("cooperante_nuevo_tipo", _("Indique el tipo del nuevo cooperante."))
        elif nuevo:
            self.cooperante_propuesto = {"nombre": nuevo, "tipo": tipo}
        elif not datos.get("cooperante") and "cooperante" not in self.errors:
            self.add_error("cooperante", _("Elija el cooperante de la lista o escriba el nombre de uno nuevo."))
        return datos


class AvisoForm(forms.Form):
    numero_oficio = forms.CharField(
        label=_("Número del oficio"),
        max_length=60,
        required=False,
        help_text=_("El radicado de salida, si ya lo tiene."),
    )
    asunto = forms.CharField(label=_("Asunto"), max_length=250)
    texto = forms.CharField(
        label=_("Texto del oficio"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("La ficha de la convocatoria, los destinatarios y la firma se agregan al generar el PDF."),
    )


class DestinatarioForm(forms.Form):
    dependencia = forms.ModelChoiceField(
        label=_("Dependencia de la entidad"), queryset=Dependencia.objects.none(), required=False, empty_label="—"
    )
    organizacion = forms.CharField(
        label=_("u organización pública o privada"),
        max_length=250,
        required=False,
        help_text=_("Por ejemplo, el banco de proyectos, una gobernación o una organización social."),
    )
    correo = forms.EmailField(
        label=_("Correo electrónico"),
        required=False,
        help_text=_("Obligatorio para organizaciones; para dependencias, si se omite el oficio va a sus jefes."),
    )

    def __init__(self, *args, convocatoria, **kwargs):
        super().__init__(*args, **kwargs)
        ya = convocatoria.destinatarios.exclude(dependencia=None).values_list("dependencia_id", flat=True)
        self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True).exclude(
            pk__in=[convocatoria.dependencia_id, *ya]
        )

    def clean(self):
        datos = super().clean()
        if not datos.get("dependencia") and not (datos.get("organizacion") or "").strip():
            raise forms.ValidationError(_("Elija una dependencia o escriba el nombre de la organización."))
        return datos


class RespuestaForm(forms.Form):
    respuesta = forms.ChoiceField(
        label=_("Respuesta"),
        choices=[
            (Destinatario.Respuesta.ACEPTA, _("Acepta participar")),
            (Destinatario.Respuesta.DECLINA, _("No participa")),
        ],
        widget=forms.RadioSelect,
    )
    causas = forms.CharField(
        label=_("Causas de la no participación"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Obligatorias si no participa."),
    )
    observaciones = forms.CharField(label=_("Observaciones"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    oficio_respuesta = campo_archivo(_("Oficio de respuesta"), requerido=False)

    def clean(self):
        datos = super().clean()
        if datos.get("respuesta") == Destinatario.Respuesta.DECLINA and not (datos.get("causas") or "").strip():
            self.add_error("causas", _("Explique las causas de la no participación."))
        return datos


class ReunionForm(forms.Form):
    fecha = CampoFechaHora(label=_("Fecha y hora de la reunión"))
    lugar = forms.CharField(label=_("Lugar o enlace"), max_length=250, required=False)
    acta = campo_archivo(_("Acta de la reunión"), requerido=False)
    asistencia = campo_archivo(_("Registro de asistencia"), requerido=False)


class CompromisoForm(forms.Form):
    parte = forms.CharField(
        label=_("Parte"), max_length=250, help_text=_("Dependencia, banco de proyectos u organización.")
    )
    obligaciones = forms.CharField(
        label=_("Obligaciones y responsabilidades"), widget=forms.Textarea(attrs={"rows": 3})
    )
    responsable = forms.CharField(label=_("Responsable"), max_length=200, help_text=_("Nombre y cargo del delegado."))
    fecha_limite = CampoFecha(label=_("Fecha límite"), required=False)


class ActaCompromisosForm(forms.Form):
    archivo = campo_archivo(_("Acta de reunión y compromisos, firmada"))


class VersionForm(forms.Form):
    archivo = campo_archivo(_("Documento del proyecto"))
    comentario = forms.CharField(
        label=_("Comentario"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Qué cambió frente a la versión anterior."),
    )


class PresentacionForm(forms.Form):
    fecha = CampoFecha(label=_("Fecha de presentación"))
    canal = forms.ChoiceField(label=_("Canal"), choices=Convocatoria.Canal.choices)
    radicado = forms.CharField(label=_("Número de radicado"), max_length=80)
    comprobante = campo_archivo(_("Comprobante del envío"))
    monto_solicitado = CampoMonto(label=_("Monto solicitado"))
    moneda = forms.ModelChoiceField(
        label=_("Moneda"), queryset=Moneda.objects.all(), required=False, empty_label=OPCION_VACIA
    )
    tasa_cop = CampoTasa(label=_("Tasa de cambio a COP"), required=False)

    def __init__(self, *args, convocatoria, **kwargs):
        super().__init__(*args, **kwargs)
        if convocatoria.moneda_id:
            del self.fields["moneda"]
            del self.fields["tasa_cop"]
            self.fields["monto_solicitado"].help_text = _("En %(m)s, la moneda de la convocatoria.") % {
                "m": convocatoria.moneda
            }


class DecisionForm(forms.Form):
    resultado = forms.ChoiceField(
        label=_("Respuesta del cooperante"),
        choices=[("aceptada", _("Aceptó el proyecto")), ("rechazada", _("No aceptó el proyecto"))],
        widget=forms.RadioSelect,
    )
    fecha = CampoFecha(label=_("Fecha de la respuesta"))
    comunicacion = forms.CharField(
        label=_("Comunicación del cooperante"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Resumen de la respuesta; se envía por correo a todos los involucrados."),
    )
    soporte = campo_archivo(_("Soporte de la respuesta"), requerido=False)
    monto_aprobado = CampoMonto(
        label=_("Monto aprobado"),
        required=False,
        help_text=_("Si aceptó: en la moneda de la convocatoria."),
    )

    def clean(self):
        datos = super().clean()
        if datos.get("resultado") == "aceptada" and datos.get("monto_aprobado") is None:
            self.add_error("monto_aprobado", _("Indique el monto aprobado por el cooperante."))
        return datos


class ProyectoForm(FormularioModelo):
    """Task 8: the accepted call becomes a project. The donors with their roles go in a formset."""

    fechas_informes = forms.CharField(
        label=_("o fechas de los informes"),
        required=False,
        help_text=_("Fechas dd/mm/aaaa separadas por comas, si no hay una periodicidad fija."),
    )

    class Meta:
        model = Proyecto
        fields = [
            "codigo",
            "nombre",
            "modalidad",
            "monto_comprometido",
            "moneda",
            "tasa_cop",
            "contrapartida_cop",
            "contrapartida_descripcion",
            "fecha_inicio",
            "fecha_fin",
            "ods",
            "municipios",
            "dependencia",
            "supervisor",
            "periodicidad_meses",
        ]
        field_classes = {"supervisor": UsuarioField, "municipios": MunicipiosField}
        widgets = {
            "ods": forms.CheckboxSelectMultiple,
            "municipios": forms.SelectMultiple(attrs={"size": 8, "data-buscador": "1"}),
        }
        help_texts = {
            "municipios": _("Escriba parte del nombre o del código DIVIPOLA para buscar; puede elegir varios."),
            "tasa_cop": _("Pesos por unidad de la moneda; 1 si es COP."),
        }

    def __init__(self, *args, convocatoria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["modalidad"].queryset = Modalidad.objects.filter(activa=True)
        self.fields["moneda"].queryset = Moneda.objects.all()
        self.fields["ods"].queryset = ODS.objects.all()
        self.fields["municipios"].queryset = Municipio.objects.select_related("departamento")
        self.fields["dependencia"].queryset = Dependencia.objects.filter(activa=True)
        self.fields["supervisor"].queryset = responsables_posibles()
        self.fields["supervisor"].help_text = _("Profesional o jefe de la oficina o de la dependencia responsable.")
        self.fields["tasa_cop"].required = False
        if not self.is_bound:
            self.initial.update(
                {
                    "nombre": convocatoria.nombre,
                    "modalidad": convocatoria.modalidad_id,
                    "monto_comprometido": convocatoria.monto_aprobado,
                    "moneda": convocatoria.moneda_id,
                    "tasa_cop": convocatoria.tasa_cop,
                    "ods": [o.pk for o in convocatoria.ods.all()],
                    "dependencia": convocatoria.dependencia_id,
                    "supervisor": convocatoria.responsable_id,
                    "periodicidad_meses": 3,
                }
            )

    def clean_fechas_informes(self):
        texto = self.cleaned_data.get("fechas_informes", "")
        fechas = []
        for parte in [p.strip() for p in texto.replace(";", ",").split(",") if p.strip()]:
            try:
                fecha = datetime.strptime(parte, "%d/%m/%Y").date()
            except ValueError as error:
                raise forms.ValidationError(_("«%(f)s» no es una fecha dd/mm/aaaa.") % {"f": parte}) from error
            if mensaje := error_de_ventana(fecha):
                raise forms.ValidationError(mensaje)
            fechas.append(fecha)
        return fechas

    def clean(self):
        datos = super().clean()
        if bool(datos.get("periodicidad_meses")) == bool(datos.get("fechas_informes")):
            self.add_error(
                "periodicidad_meses",
                _("Indique la periodicidad de los informes o la lista de fechas, una de las dos."),
            )
        return datos

    def _post_clean(self):
        # The model's own checks run in the service (the COP equivalent is computed there).
        pass


class ParticipanteForm(forms.Form):
    actor = ActorField(label=_("Cooperante o socio"), queryset=Actor.objects.none(), required=False)
    rol = forms.ChoiceField(
        label=_("Rol (IATI)"), choices=[("", "—"), *ParticipanteProyecto.Rol.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = Actor.objects.filter(estado=Actor.Estado.ACTIVO)
        for campo in self.fields.values():
            campo.widget.attrs["class"] = "form-select"

    def clean(self):
        datos = super().clean()
        if bool(datos.get("actor")) != bool(datos.get("rol")):
            raise forms.ValidationError(_("Indique el actor y su rol."))
        return datos


ParticipantesFormSet = formset_factory(ParticipanteForm, extra=0, min_num=4, max_num=8)


class InformeForm(forms.Form):
    archivo = campo_archivo(_("Informe de ejecución"))
    comentario = forms.CharField(label=_("Comentario"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MovimientoForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo"), choices=MovimientoFinanciero.Tipo.choices)
    fecha = CampoFecha(label=_("Fecha"))
    monto = CampoMonto(label=_("Monto"))
    descripcion = forms.CharField(label=_("Descripción"), max_length=250)
    soporte = campo_archivo(_("Soporte"), requerido=False)


class DatosIATIForm(forms.Form):
    """The data IATI and the Cíclope layout need beyond the execution data (the DAC sectors go in a formset)."""

    tasa_usd = CampoNumero(
        label=_("Tasa de cambio a USD"),
        required=False,
        max_digits=18,
        decimal_places=6,
        min_value=0,
        help_text=_("Dólares por una unidad de la moneda del proyecto, a la fecha del registro; 1 si es USD."),
    )
    indicadores = forms.ModelMultipleChoiceField(
        label=_("Indicadores del proyecto"),
        queryset=Indicador.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Sus metas y resultados por trimestre se publican en IATI. Ctrl (o Cmd) para elegir varios."),
    )
    publicar = forms.BooleanField(
        label=_("Publicar los datos del proyecto en transparencia (datos abiertos, Ley 1712 de 2014)"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicadores"].queryset = Indicador.objects.order_by("codigo")


class SectorForm(forms.Form):
    codigo = forms.ChoiceField(label=_("Sector CAD (5 dígitos)"), required=False)
    porcentaje = CampoNumero(
        label=_("Porcentaje"), required=False, max_digits=5, decimal_places=2, min_value=0, max_value=100
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .iati import sectores

        self.fields["codigo"].choices = [("", _("Sin sector"))] + [
            (codigo, f"{codigo} – {nombre}") for codigo, nombre in sectores().items()
        ]
        self.fields["codigo"].widget.attrs["class"] = "form-select"
        self.fields["porcentaje"].widget.attrs["class"] = "form-control"

    def clean(self):
        datos = super().clean()
        if bool(datos.get("codigo")) != (datos.get("porcentaje") is not None):
            raise forms.ValidationError(_("Indique el sector y su porcentaje, o deje la fila vacía."))
        return datos


class BaseSectoresFormSet(forms.BaseFormSet):
    """The project's DAC sectors: each with its share, the shares adding up to 100 %."""

    def filas(self) -> list[tuple]:
        return [
            (f.cleaned_data["codigo"], f.cleaned_data["porcentaje"]) for f in self.forms if f.cleaned_data.get("codigo")
        ]

    def clean(self):
        if any(self.errors):
            return
        from .iati import errores_de_sectores

        if errores := errores_de_sectores(self.filas()):
            raise forms.ValidationError(errores)


SectoresFormSet = formset_factory(
    SectorForm, formset=BaseSectoresFormSet, extra=0, min_num=5, max_num=10, validate_max=True
)


class FinalizarForm(forms.Form):
    fecha = CampoFecha(label=_("Fecha de finalización"))
    resultados = forms.CharField(
        label=_("Resultados del proyecto"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Informe final sobre los resultados: metas alcanzadas, población beneficiada, lecciones."),
    )
    informe_final = campo_archivo(_("Informe final"))


class ImportarForm(forms.Form):
    archivo = CampoArchivo(
        label=_("Matriz de convocatorias (.xlsx)"),
        tipos=HOJAS,
        help_text=_("El archivo exportado desde esta página, con sus mismas columnas; máximo 10 MB."),
    )
