"""The forms of the accountability strategy. Dates, files and numbers carry the core's guards (campos.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperacion.core.campos import (
    OPCION_VACIA,
    CampoArchivo,
    CampoFecha,
    CampoNumero,
    FormularioModelo,
    campo_de_opciones,
    con_etiquetas,
)
from cooperacion.core.models import ODS, Dependencia, Usuario

from .models import (
    AccionMejora,
    AccionRendicion,
    Configuracion,
    Corte,
    Elemento,
    EspacioDialogo,
    Estrategia,
    EtapaMURC,
    EvaluacionAccion,
    MetricaDefinida,
    PreguntaCiudadana,
)
from .models.acciones import TIPOS_DE_EVIDENCIA
from .services.estrategia import CAMPOS_DE_ELEMENTO


class DependenciaField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", OPCION_VACIA)
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.nombre} ({obj.sigla})" if obj.sigla else obj.nombre


class DependenciasField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nombre} ({obj.sigla})" if obj.sigla else obj.nombre


class ODSField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.numero}. {obj.nombre}"


def _dependencias():
    return Dependencia.objects.filter(activa=True).order_by("nombre")


def _ods():
    return ODS.objects.order_by("numero")


ETIQUETAS_ELEMENTO = {
    "definicion": _("%(e)s: definición"),
    "descripcion": _("%(e)s: descripción"),
    "introduccion_acciones": _("%(e)s: introducción a sus acciones"),
}


class EstrategiaForm(FormularioModelo):
    """The strategy's texts, objectives (one per line), the three elements' texts and its ODS."""

    objetivos = forms.CharField(
        label=_("Objetivos estratégicos"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Un objetivo por línea, en orden."),
    )
    ods = ODSField(
        label=_("ODS relacionados"), queryset=ODS.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Estrategia
        fields = [
            "anio",
            "titulo",
            "entidad",
            "version_documento",
            "plan",
            "componente",
            "introduccion",
            "marco_normativo",
            "nota_pie",
            "elementos_introduccion",
            "enfoque_titulo",
            "enfoque",
            "estrategia_introduccion",
            "seguimiento_texto",
            "ods",
        ]
        widgets = {
            "introduccion": forms.Textarea(attrs={"rows": 4}),
            "marco_normativo": forms.Textarea(attrs={"rows": 3}),
            "nota_pie": forms.Textarea(attrs={"rows": 2}),
            "elementos_introduccion": forms.Textarea(attrs={"rows": 3}),
            "enfoque": forms.Textarea(attrs={"rows": 6}),
            "estrategia_introduccion": forms.Textarea(attrs={"rows": 2}),
            "seguimiento_texto": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, creando: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        campo_de_opciones(self, "ods").queryset = _ods()
        if not creando:
            del self.fields["anio"]
        instancia = self.instance if self.instance.pk else None
        textos = {e.clave: e for e in instancia.elementos.all()} if instancia else {}
        if instancia:
            self.fields["objetivos"].initial = "\n".join(o.texto for o in instancia.objetivos.order_by("numero"))
        for elemento in Elemento:
            for campo in CAMPOS_DE_ELEMENTO:
                nombre = f"{elemento.value}_{campo}"
                self.fields[nombre] = forms.CharField(
                    label=ETIQUETAS_ELEMENTO[campo] % {"e": elemento.label},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3 if campo == "descripcion" else 2}),
                    initial=getattr(textos.get(elemento.value), campo, ""),
                )

    def datos_para_el_servicio(self) -> dict:
        datos = {k: v for k, v in self.cleaned_data.items() if k not in ("token_creacion", "version_registro")}
        datos["objetivos"] = [linea for linea in datos.pop("objetivos", "").splitlines() if linea.strip()]
        datos["elementos"] = {
            e.value: {c: datos.pop(f"{e.value}_{c}", "") for c in CAMPOS_DE_ELEMENTO} for e in Elemento
        }
        return datos


class CopiarForm(forms.Form):
    anio = forms.IntegerField(label=_("Año de la nueva estrategia"), min_value=2000, max_value=2100)


class EtapaForm(FormularioModelo):
    class Meta:
        model = EtapaMURC
        fields = ["fecha_inicio", "fecha_fin", "completada_en", "observaciones"]
        widgets = {"observaciones": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"completada_en": _("Déjela en blanco mientras la etapa no esté completa.")}


class AccionForm(FormularioModelo):
    dependencia_lider = DependenciaField(label=_("Dependencia que lidera"), queryset=Dependencia.objects.none())
    dependencias_apoyo = DependenciasField(
        label=_("Otras dependencias responsables"),
        queryset=Dependencia.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cada una ve la acción y reporta el avance de su parte."),
    )
    ods = ODSField(label=_("ODS"), queryset=ODS.objects.none(), required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = AccionRendicion
        fields = ["elemento", "texto", "entregable", "responsable_texto", "fecha_inicio", "fecha_fin", "ods"]
        widgets = {"texto": forms.Textarea(attrs={"rows": 3}), "entregable": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        campo_de_opciones(self, "dependencia_lider").queryset = _dependencias()
        campo_de_opciones(self, "dependencias_apoyo").queryset = _dependencias()
        campo_de_opciones(self, "ods").queryset = _ods()
        if self.instance.pk:
            responsables = self.instance.responsables_ordenados
            lider = next((r for r in responsables if r.lidera), None)
            self.fields["dependencia_lider"].initial = lider.dependencia_id if lider else None
            self.fields["dependencias_apoyo"].initial = [r.dependencia_id for r in responsables if not r.lidera]
        self.order_fields(
            ["elemento", "texto", "entregable", "dependencia_lider", "dependencias_apoyo", "responsable_texto"]
        )

    def clean(self):
        datos = super().clean()
        inicio, fin = datos.get("fecha_inicio"), datos.get("fecha_fin")
        if inicio and fin and fin < inicio:
            self.add_error("fecha_fin", _("La fecha de terminación no puede ser anterior a la de inicio."))
        return datos


class AvanceForm(forms.Form):
    dependencia = DependenciaField(label=_("Dependencia que reporta"), queryset=Dependencia.objects.none())
    fecha = CampoFecha(label=_("Fecha del avance"))
    descripcion = forms.CharField(label=_("Avance"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    porcentaje = forms.IntegerField(
        label=_("Avance de su parte (%)"), min_value=0, max_value=100, help_text=_("De 0 a 100.")
    )
    evidencia = CampoArchivo(label=_("Evidencia"), tipos=TIPOS_DE_EVIDENCIA, required=False)

    def __init__(self, *args, dependencias=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [d.pk for d in dependencias]
        campo_de_opciones(self, "dependencia").queryset = Dependencia.objects.filter(pk__in=ids).order_by("nombre")
        if len(ids) == 1:
            self.fields["dependencia"].initial = ids[0]


class MetricasMesForm(forms.Form):
    """One box per metric field of the strategy for the chosen month (empty: not reported)."""

    def __init__(self, *args, definiciones=(), **kwargs):
        super().__init__(*args, **kwargs)
        for definicion in definiciones:
            self.fields[f"metrica_{definicion.pk}"] = CampoNumero(
                label=f"{definicion.get_red_display()}: {definicion.metrica}",
                required=False,
                min_value=0,
                max_digits=15,
                decimal_places=0,
                error_messages={"min_value": _("Las métricas no pueden ser negativas.")},
            )

    def valores(self) -> dict[int, int | None]:
        return {
            int(nombre.removeprefix("metrica_")): (int(valor) if valor is not None else None)
            for nombre, valor in self.cleaned_data.items()
            if nombre.startswith("metrica_")
        }


class MetricaForm(FormularioModelo):
    class Meta:
        model = MetricaDefinida
        fields = ["red", "metrica", "por_mes", "accion"]
        help_texts = {
            "metrica": _("Por ejemplo «Total de seguidores», «N° de impresiones en publicaciones»."),
            "accion": _("La acción cuyas dependencias responsables registran esta métrica."),
        }

    def __init__(self, *args, estrategia: Estrategia, **kwargs):
        super().__init__(*args, **kwargs)
        campo_de_opciones(self, "accion").queryset = estrategia.acciones.order_by("elemento", "numero")
        con_etiquetas(self, "accion", lambda a: f"{a.codigo} {a.texto[:90]}")


class EspacioForm(FormularioModelo):
    enlace = forms.URLField(label=_("Enlace de la transmisión o reunión virtual"), max_length=500, required=False,
                            assume_scheme="https")  # fmt: skip
    dependencia = DependenciaField(label=_("Dependencia que lo organiza"), queryset=Dependencia.objects.none())

    class Meta:
        model = EspacioDialogo
        fields = ["tipo", "nombre", "descripcion", "fecha", "lugar", "enlace", "dependencia", "accion", "aviso"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3}), "aviso": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, estrategia: Estrategia, elige_dependencia: bool, **kwargs):
        super().__init__(*args, **kwargs)
        campo_de_opciones(self, "accion").queryset = estrategia.acciones.filter(elemento=Elemento.DIALOGO).order_by(
            "numero"
        )
        con_etiquetas(self, "accion", lambda a: f"{a.codigo} {a.texto[:90]}")
        if elige_dependencia:
            campo_de_opciones(self, "dependencia").queryset = _dependencias()
        else:
            del self.fields["dependencia"]


class ResultadosForm(forms.Form):
    asistentes = forms.IntegerField(label=_("Asistentes"), min_value=0, max_value=10_000_000, required=False)
    conclusiones = forms.CharField(
        label=_("Conclusiones y compromisos"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    encuesta_respuestas = forms.IntegerField(
        label=_("Personas que respondieron la encuesta de evaluación"),
        min_value=0,
        max_value=10_000_000,
        required=False,
    )
    acta = CampoArchivo(label=_("Acta o memoria del espacio"), required=False)


class EncuestaItemForm(forms.Form):
    pregunta = forms.CharField(label=_("Pregunta de la encuesta"), max_length=300)
    excelente = forms.IntegerField(label=_("Excelente"), min_value=0, max_value=10_000_000, initial=0)
    bueno = forms.IntegerField(label=_("Bueno"), min_value=0, max_value=10_000_000, initial=0)
    regular = forms.IntegerField(label=_("Regular"), min_value=0, max_value=10_000_000, initial=0)
    malo = forms.IntegerField(label=_("Malo"), min_value=0, max_value=10_000_000, initial=0)


class AreaDeTextoAcotada(forms.Textarea):
    """A textarea that never echoes back more than a little beyond its limit (a 1 MB paste is not sent back)."""

    def __init__(self, *args, tope: int, **kwargs):
        self.tope = tope
        super().__init__(*args, **kwargs)

    def format_value(self, value):
        valor = super().format_value(value)
        return valor[: self.tope] if valor else valor


class PreguntaPublicaForm(forms.Form):
    """The citizens' question form: no account, consent required, a trap field for robots instead of a captcha."""

    nombre = forms.CharField(label=_("Nombre"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    correo = forms.EmailField(
        label=_("Correo electrónico"),
        max_length=254,
        help_text=_("Solo para enviarle la respuesta: no se publica."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    texto = forms.CharField(
        label=_("Su pregunta"),
        max_length=PreguntaCiudadana.LARGO_MAXIMO,
        help_text=_("Hasta %(n)s caracteres. Se publica cuando el equipo la revise, sin su nombre ni su correo.")
        % {"n": PreguntaCiudadana.LARGO_MAXIMO},
        widget=AreaDeTextoAcotada(
            attrs={"rows": 5, "maxlength": PreguntaCiudadana.LARGO_MAXIMO}, tope=PreguntaCiudadana.LARGO_MAXIMO + 100
        ),
    )
    acepta = forms.BooleanField(
        label=_("Autorizo el tratamiento de mis datos personales según el texto anterior."),
        error_messages={"required": _("Sin su autorización no podemos recibir la pregunta: marque la casilla.")},
    )
    version_consentimiento = forms.IntegerField(widget=forms.HiddenInput)
    # The trap: people never see it (nor do screen readers); robots that fill every box do.
    sitio_web = forms.CharField(
        label=_("No escriba nada aquí"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def es_robot(self) -> bool:
        return bool((self.data.get("sitio_web") or "").strip())


class RespuestaForm(forms.Form):
    respuesta = forms.CharField(
        label=_("Respuesta"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Se publica con la pregunta y se envía al correo del ciudadano."),
    )


class CorteForm(FormularioModelo):
    class Meta:
        model = Corte
        fields = ["nombre", "fecha_corte"]
        help_texts = {
            "fecha_corte": _("El informe se debe publicar dentro de los días hábiles configurados después del corte.")
        }


class EvaluacionForm(FormularioModelo):
    resultado = forms.ChoiceField(
        label=_("Resultado"), choices=EvaluacionAccion.Resultado.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = EvaluacionAccion
        fields = ["resultado", "observaciones", "evidencia_revisada"]
        widgets = {
            "observaciones": forms.Textarea(attrs={"rows": 4}),
            "evidencia_revisada": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "observaciones": _("Obligatorias si la acción no se cumplió del todo."),
            "evidencia_revisada": _("Qué soportes revisó (actas, informes, publicaciones, enlaces)."),
        }


class MejoraForm(FormularioModelo):
    dependencia = DependenciaField(label=_("Dependencia responsable"), queryset=Dependencia.objects.none())

    class Meta:
        model = AccionMejora
        fields = ["origen", "evaluacion", "espacio", "descripcion", "dependencia", "responsable", "fecha_limite"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, estrategia: Estrategia, **kwargs):
        super().__init__(*args, **kwargs)
        campo_de_opciones(self, "dependencia").queryset = _dependencias()
        campo_de_opciones(self, "evaluacion").queryset = (
            EvaluacionAccion.objects.filter(corte__estrategia=estrategia)
            .exclude(resultado="")
            .select_related("accion", "corte")
            .order_by("corte__fecha_corte", "accion__elemento", "accion__numero")
        )
        con_etiquetas(
            self,
            "evaluacion",
            lambda e: f"{e.corte.nombre} · {e.accion.codigo} {e.accion.texto[:60]} ({e.get_resultado_display()})",
        )
        campo_de_opciones(self, "espacio").queryset = estrategia.espacios.order_by("fecha")
        campo_de_opciones(self, "responsable").queryset = Usuario.objects.filter(
            is_active=True, dependencia__isnull=False
        ).order_by("first_name", "last_name")
        self.fields["responsable"].required = False

    def clean(self):
        datos = super().clean()
        origen = datos.get("origen")
        if origen == AccionMejora.Origen.EVALUACION and not datos.get("evaluacion"):
            self.add_error("evaluacion", _("Elija la evaluación que origina la acción de mejora."))
        if origen == AccionMejora.Origen.DIALOGO and not datos.get("espacio"):
            self.add_error("espacio", _("Elija el espacio de diálogo que origina la acción de mejora."))
        return datos


class ConfiguracionForm(FormularioModelo):
    class Meta:
        model = Configuracion
        fields = ["dias_respuesta", "dias_aviso_espacio", "dias_publicacion_informe", "preguntas_por_hora"]


class ConsentimientoForm(forms.Form):
    titulo = forms.CharField(label=_("Título"), max_length=200)
    texto = forms.CharField(
        label=_("Texto de la autorización"), max_length=10000, widget=forms.Textarea(attrs={"rows": 8})
    )
