"""Forms of plans. Every date, file and number carries the core's guards (campos.py)."""

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperacion.core import roles
from cooperacion.core.campos import (
    OPCION_VACIA,
    CampoArchivo,
    CampoFecha,
    CampoMonto,
    CampoNumero,
    FormularioModelo,
    campo_de_opciones,
    con_etiquetas,
)
from cooperacion.core.models import Dependencia, PoliticaMIPG, Usuario
from indicadores.models import Indicador

from .models import Actividad, CambioAjuste, Estrategia, Objetivo, Plan, SolicitudAjuste, Vigencia
from .models.plan import validar_acta


def numero(etiqueta, *, requerido=True, ayuda="", decimales=4) -> CampoNumero:
    return CampoNumero(label=etiqueta, required=requerido, max_digits=18, decimal_places=decimales, help_text=ayuda)


class UsuarioField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        sigla = obj.dependencia.sigla if obj.dependencia else ""
        return f"{obj} ({sigla})" if sigla else str(obj)


class ObjetivoField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.codigo}. {obj.descripcion[:110]}"


class VigenciaForm(FormularioModelo):
    """Planeación opens the year's formulation (activities 7-9)."""

    class Meta:
        model = Vigencia
        fields = [
            "anio",
            "lineamientos",
            "fecha_limite_formulacion",
            "fecha_limite_cargue",
            "fecha_limite_aprobacion",
            "fecha_limite_publicacion",
            "plan_superior",
            "dependencias",
        ]
        widgets = {"lineamientos": forms.Textarea(attrs={"rows": 4}), "dependencias": forms.CheckboxSelectMultiple}
        help_texts = {"fecha_limite_publicacion": _("A más tardar el 31 de enero del año (Decreto 612 de 2018).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hoy = timezone.localdate()
        anio = hoy.year + 1 if hoy.month >= 9 else hoy.year
        campo_de_opciones(self, "dependencias").queryset = Dependencia.objects.filter(activa=True).order_by("nombre")
        campo_de_opciones(self, "plan_superior").queryset = Plan.objects.filter(tipo=Plan.Tipo.INSTITUCIONAL)
        self.fields["plan_superior"].required = False
        if not self.is_bound:
            self.initial.setdefault("anio", anio)
            self.initial.setdefault("fecha_limite_publicacion", date(anio, 1, 31))
            pei = Plan.objects.en_vigor(anio).filter(tipo=Plan.Tipo.INSTITUCIONAL).first()
            if pei:
                self.initial.setdefault("plan_superior", pei.pk)


class PlanEstrategicoForm(FormularioModelo):
    class Meta:
        model = Plan
        fields = [
            "tipo",
            "nombre",
            "dependencia",
            "anio_inicio",
            "anio_fin",
            "plan_superior",
            "descripcion",
            "alineacion_pnd",
            "politicas",
        ]
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 3}),
            "alineacion_pnd": forms.Textarea(attrs={"rows": 3}),
            "politicas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = [(t.value, t.label) for t in Plan.ESTRATEGICOS]
        campo_de_opciones(self, "dependencia").queryset = Dependencia.objects.filter(activa=True)
        self.fields["dependencia"].help_text = _("La dependencia que lo coordina (la Oficina Asesora de Planeación).")
        campo_de_opciones(self, "plan_superior").queryset = Plan.objects.filter(tipo=Plan.Tipo.SECTORIAL)
        self.fields["plan_superior"].help_text = _("Solo para el Institucional: el Plan Estratégico Sectorial.")
        campo_de_opciones(self, "politicas").queryset = PoliticaMIPG.objects.order_by("numero")


class PlanEncabezadoForm(FormularioModelo):
    class Meta:
        model = Plan
        fields = ["nombre", "plan_superior", "descripcion", "alineacion_pnd", "politicas"]
        widgets = {
            "descripcion": forms.Textarea(attrs={"rows": 3}),
            "alineacion_pnd": forms.Textarea(attrs={"rows": 3}),
            "politicas": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        superior = {Plan.Tipo.ACCION: Plan.Tipo.INSTITUCIONAL, Plan.Tipo.INSTITUCIONAL: Plan.Tipo.SECTORIAL}
        tipo = superior.get(self.instance.tipo)
        if tipo is None:
            del self.fields["plan_superior"]
        else:
            campo_de_opciones(self, "plan_superior").queryset = Plan.objects.filter(tipo=tipo)
        campo_de_opciones(self, "politicas").queryset = PoliticaMIPG.objects.order_by("numero")


class ObjetivoForm(FormularioModelo):
    class Meta:
        model = Objetivo
        fields = ["codigo", "descripcion", "objetivo_superior", "linea_pnd"]
        field_classes = {"objetivo_superior": ObjetivoField}
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        if plan.plan_superior_id:
            campo_de_opciones(self, "objetivo_superior").queryset = Objetivo.objects.filter(
                plan_id=plan.plan_superior_id
            )
            self.fields["objetivo_superior"].help_text = _("El objetivo de «%(p)s» que este objetivo sirve.") % {
                "p": plan.plan_superior
            }
        else:
            del self.fields["objetivo_superior"]
        if plan.tipo != Plan.Tipo.SECTORIAL:
            del self.fields["linea_pnd"]


class EstrategiaForm(FormularioModelo):
    class Meta:
        model = Estrategia
        fields = ["codigo", "descripcion"]
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 3})}


class ActividadForm(FormularioModelo):
    """An activity and, when it is new, its indicator: an existing one of the dependencia or a new sheet."""

    presupuesto = CampoMonto(
        label=_("Presupuesto (COP)"), required=False, help_text=_("En pesos; 0 si no tiene costo.")
    )
    peso = numero(_("Peso (%)"), decimales=2, ayuda=_("Los pesos de las actividades del plan suman 100 %."))

    class Meta:
        model = Actividad
        fields = [
            "codigo",
            "descripcion",
            "producto",
            "peso",
            "fuente_recursos",
            "presupuesto",
            "bpin",
            "proyecto_inversion",
            "dependencia_responsable",
            "responsable",
            "fecha_inicio",
            "fecha_fin",
            "objetivo_superior",
        ]
        field_classes = {"responsable": UsuarioField, "objetivo_superior": ObjetivoField}
        widgets = {"descripcion": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, plan: Plan, estrategia: Estrategia | None = None, nueva: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        if plan.estrategico:
            campo_de_opciones(self, "dependencia_responsable").queryset = Dependencia.objects.filter(activa=True)
            dependencias: Iterable[int | None] = Dependencia.objects.filter(activa=True).values_list("pk", flat=True)
        else:
            del self.fields["dependencia_responsable"]
            dependencias = [plan.dependencia_id]
        campo_de_opciones(self, "responsable").queryset = (
            Usuario.objects.filter(
                Q(dependencia_id__in=list(dependencias)) | Q(pk=self.instance.responsable_id),
                is_active=True,
                groups__name__in=[roles.PROFESIONAL, roles.JEFE],
            )
            .select_related("dependencia")
            .distinct()
        )
        self.fields["responsable"].required = True
        if plan.plan_superior_id:
            campo_de_opciones(self, "objetivo_superior").queryset = Objetivo.objects.filter(
                plan_id=plan.plan_superior_id
            )
            self.fields["objetivo_superior"].help_text = _(
                "Si lo deja vacío, se toma el objetivo superior del objetivo de esta actividad."
            )
        else:
            del self.fields["objetivo_superior"]
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("fecha_inicio", date(plan.anio_inicio, 1, 1))
            self.initial.setdefault("fecha_fin", date(plan.anio_fin, 12, 31))
            if (
                estrategia is not None
                and estrategia.objetivo.objetivo_superior_id
                and "objetivo_superior" in self.fields
            ):
                self.initial.setdefault("objetivo_superior", estrategia.objetivo.objetivo_superior_id)
        if nueva:
            self._campos_de_indicador(plan)

    def _campos_de_indicador(self, plan: Plan) -> None:
        usados = Actividad.objects.values_list("indicador_id", flat=True)
        self.fields["indicador"] = forms.ModelChoiceField(
            label=_("Indicador existente"),
            queryset=Indicador.objects.filter(dependencia_id=plan.dependencia_id).exclude(pk__in=usados),
            required=False,
            empty_label=OPCION_VACIA,
            help_text=_("Elija uno ya creado, o deje vacío y describa el indicador nuevo abajo."),
        )
        self.fields["ind_nombre"] = forms.CharField(label=_("Nombre del indicador"), max_length=250, required=False)
        self.fields["ind_objetivo"] = forms.CharField(
            label=_("Qué mide y para qué"), required=False, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.fields["ind_formula"] = forms.CharField(label=_("Fórmula de cálculo"), max_length=500, required=False)
        self.fields["ind_numerador"] = forms.CharField(
            label=_("Variable (o numerador)"), max_length=250, required=False
        )
        self.fields["ind_denominador"] = forms.CharField(
            label=_("Denominador"), max_length=250, required=False, help_text=_("Vacío si es un solo valor.")
        )
        self.fields["ind_unidad"] = forms.CharField(label=_("Unidad de medida"), max_length=60, required=False)
        self.fields["ind_tipo"] = forms.ChoiceField(
            label=_("Tipo de indicador"), choices=Indicador.Tipo.choices, initial=Indicador.Tipo.EFICACIA
        )
        self.fields["ind_medida"] = forms.ChoiceField(label=_("Medida"), choices=Indicador.Medida.choices)
        self.fields["ind_sentido"] = forms.ChoiceField(label=_("Sentido"), choices=Indicador.Sentido.choices)
        self.fields["ind_acumulacion"] = forms.ChoiceField(
            label=_("Tipo de acumulación (Sinergia)"),
            choices=Indicador.Acumulacion.choices,
            initial=Indicador.Acumulacion.ACUMULADO,
        )
        self.fields["ind_frecuencia"] = forms.ChoiceField(label=_("Frecuencia"), choices=Indicador.Frecuencia.choices)
        self.fields["ind_linea_base"] = numero(_("Línea base"), requerido=False)
        self.fields["ind_linea_base_fecha"] = CampoFecha(label=_("Fecha de la línea base"), required=False)
        self.fields["ind_fuente"] = forms.CharField(label=_("Fuente de información"), max_length=250, required=False)

    def clean(self):
        datos = super().clean()
        if "indicador" in self.fields and not datos.get("indicador"):
            for campo, etiqueta in (
                ("ind_nombre", _("el nombre del indicador")),
                ("ind_formula", _("la fórmula")),
                ("ind_numerador", _("la variable que se mide")),
                ("ind_unidad", _("la unidad de medida")),
                ("ind_fuente", _("la fuente de información")),
            ):
                if not (datos.get(campo) or "").strip():
                    self.add_error(campo, _("Escriba %(e)s, o elija un indicador existente.") % {"e": etiqueta})
        return datos

    def ficha_indicador(self) -> dict | None:
        datos = self.cleaned_data
        if datos.get("indicador"):
            return None
        return {
            "nombre": datos["ind_nombre"],
            "objetivo": datos.get("ind_objetivo") or datos["ind_nombre"],
            "tipo": datos["ind_tipo"],
            "formula": datos["ind_formula"],
            "variable_numerador": datos["ind_numerador"],
            "variable_denominador": datos.get("ind_denominador") or "",
            "unidad": datos["ind_unidad"],
            "medida": datos["ind_medida"],
            "sentido": datos["ind_sentido"],
            "acumulacion": datos["ind_acumulacion"],
            "frecuencia": datos["ind_frecuencia"],
            "linea_base": datos.get("ind_linea_base"),
            "linea_base_fecha": datos.get("ind_linea_base_fecha"),
            "fuente": datos["ind_fuente"],
            "responsable": datos.get("responsable"),
        }

    def datos_actividad(self) -> dict:
        return {c: v for c, v in self.cleaned_data.items() if c in self.Meta.fields}


class ProgramacionForm(forms.Form):
    """The quarterly programming of an activity for each year of its plan (its indicator's general targets)."""

    def __init__(self, *args, actividad: Actividad, **kwargs):
        super().__init__(*args, **kwargs)
        indicador = actividad.indicador
        self.filas = []
        for anio in actividad.plan.anios:
            campos: list[str | None] = []
            for trimestre in (1, 2, 3, 4):
                nombre = f"m_{anio}_{trimestre}"
                if trimestre in indicador.trimestres_de_reporte:
                    self.fields[nombre] = numero(f"{anio} · T{trimestre}", requerido=False)
                    self.fields[nombre].widget.attrs["class"] = "form-control"
                    campos.append(nombre)
                else:
                    campos.append(None)
            self.filas.append((anio, campos))

    def filas_con_campos(self):
        return [(anio, [self[c] if c else None for c in campos]) for anio, campos in self.filas]

    def valores(self) -> dict[int, dict[int, object]]:
        resultado: dict[int, dict[int, object]] = {}
        for nombre, valor in self.cleaned_data.items():
            if not nombre.startswith("m_"):
                continue  # the record's version, added by the view
            _m, anio, trimestre = nombre.split("_")
            resultado.setdefault(int(anio), {})[int(trimestre)] = valor
        return resultado


class ComiteForm(forms.Form):
    """The committee session that approved a strategic plan, or where the consolidated plan was presented."""

    comite = forms.CharField(label=_("Comité"), max_length=200)
    acta_numero = forms.CharField(label=_("Número del acta"), max_length=60)
    acta_fecha = CampoFecha(label=_("Fecha de la sesión"))
    acta_archivo = CampoArchivo(label=_("Acta (archivo)"), tipos=validar_acta.tipos, required=False)
    motivo = forms.CharField(
        label=_("Observaciones"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_acta_fecha(self) -> Any:
        valor = self.cleaned_data["acta_fecha"]
        if valor and valor > timezone.localdate():
            raise forms.ValidationError(_("La sesión no puede tener una fecha futura."))
        return valor


class CalendarioForm(forms.Form):
    """The year's cut-offs (the core's CorteTrimestral) and the follow-up deadlines of each quarter."""

    def __init__(self, *args, anio: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.anio = anio
        self.trimestres = []
        for trimestre in (1, 2, 3, 4):
            # The rules between the dates (after the quarter ends, in order) are the service's, with their message.
            nombres = (f"corte_{trimestre}", f"reporte_{trimestre}", f"revision_{trimestre}")
            self.fields[nombres[0]] = CampoFecha(label=_("Fecha de corte T%(t)s") % {"t": trimestre})
            self.fields[nombres[1]] = CampoFecha(label=_("Las dependencias reportan hasta (T%(t)s)") % {"t": trimestre})
            self.fields[nombres[2]] = CampoFecha(label=_("Planeación revisa hasta (T%(t)s)") % {"t": trimestre})
            for nombre in nombres:
                self.fields[nombre].widget.attrs["class"] = "form-control"
            self.trimestres.append((trimestre, nombres))

    def filas_con_campos(self):
        return [(t, [self[n] for n in nombres]) for t, nombres in self.trimestres]

    def filas(self) -> dict[int, dict]:
        return {
            t: {
                "fecha_corte": self.cleaned_data[n[0]],
                "fecha_limite_reporte": self.cleaned_data[n[1]],
                "fecha_limite_revision": self.cleaned_data[n[2]],
            }
            for t, n in self.trimestres
        }


class AvanceForm(forms.Form):
    """One activity's quarter (activity 16)."""

    numerador = numero(_("Avance cuantitativo"))
    denominador = numero(_("Denominador"))
    avance_cualitativo = forms.CharField(
        label=_("Avance cualitativo"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Qué se hizo en el trimestre, con qué resultados y dificultades."),
    )
    presupuesto_ejecutado = CampoMonto(label=_("Presupuesto ejecutado en el trimestre (COP)"))
    justificacion = forms.CharField(
        label=_("Justificación del incumplimiento"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Obligatoria si el avance acumulado queda por debajo de lo programado (actividad 16)."),
    )
    evidencia = CampoArchivo(label=_("Evidencia"), required=False)

    def __init__(self, *args, actividad: Actividad, **kwargs):
        super().__init__(*args, **kwargs)
        indicador = actividad.indicador
        if indicador.territoriales.exists():
            # The quantity is the sum the territorial dependencias report on the indicator's page.
            del self.fields["numerador"], self.fields["denominador"], self.fields["evidencia"]
            return
        self.fields["numerador"].label = f"{_('Avance cuantitativo')}: {indicador.variable_numerador}"
        self.fields["numerador"].help_text = indicador.unidad
        if indicador.con_denominador:
            self.fields["denominador"].label = indicador.variable_denominador
        else:
            del self.fields["denominador"]


class DevolverAvanceForm(forms.Form):
    observacion = forms.CharField(
        label=_("Observación para la dependencia"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class DiagnosticoForm(forms.Form):
    diagnostico = forms.CharField(
        label=_("Diagnóstico del trimestre"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=6000,
        help_text=_("El cuadro diagnóstico trimestral sobre los avances del plan de acción de la dependencia."),
    )
    recomendaciones = forms.CharField(
        label=_("Recomendaciones"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ObservacionForm(forms.Form):
    texto = forms.CharField(
        label=_("Observación de Control Interno"), widget=forms.Textarea(attrs={"rows": 4}), max_length=6000
    )


class SolicitudAjusteForm(forms.Form):
    causa = forms.CharField(
        label=_("Causa del ajuste"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=6000,
        help_text=_("Por qué se necesita el cambio, sin afectar los objetivos ni la normatividad (actividad 23)."),
    )
    reabrir_trimestre = forms.TypedChoiceField(
        label=_("Reabrir el seguimiento de un trimestre cerrado"),
        choices=[("", _("No")), (1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")],
        coerce=int,
        empty_value=None,
        required=False,
    )


class CambioForm(forms.Form):
    actividad = forms.ModelChoiceField(
        label=_("Actividad"), queryset=Actividad.objects.none(), required=False, empty_label=OPCION_VACIA
    )
    campo = forms.ChoiceField(label=_("Qué cambia"), choices=[("", "—"), *CambioAjuste.Campo.choices], required=False)
    anio = forms.TypedChoiceField(label=_("Año (metas)"), coerce=int, empty_value=None, required=False, choices=[])
    valor_nuevo = forms.CharField(
        label=_("Valor nuevo"),
        max_length=500,
        required=False,
        help_text=_("Números con coma decimal; fechas dd/mm/aaaa o aaaa-mm-dd."),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        campo_de_opciones(self, "actividad").queryset = plan.actividades.filter(retirada=False).order_by(
            "orden", "codigo"
        )
        con_etiquetas(self, "actividad", lambda a: f"{a.codigo}. {a.descripcion[:90]}")
        cast(forms.ChoiceField, self.fields["anio"]).choices = [("", "—"), *((a, a) for a in plan.anios)]

    def clean(self):
        datos = super().clean()
        if datos.get("actividad") and not datos.get("campo"):
            self.add_error("campo", _("Elija qué cambia."))
        if datos.get("campo") and not datos.get("actividad"):
            self.add_error("actividad", _("Elija la actividad."))
        valor = (datos.get("valor_nuevo") or "").strip()
        if datos.get("campo") and datos["campo"] != CambioAjuste.Campo.RETIRAR and not valor:
            self.add_error("valor_nuevo", _("Escriba el valor nuevo."))
        if valor and datos.get("campo") in ("fecha_inicio", "fecha_fin") and "/" in valor:
            try:
                dia, mes, anio = (int(p) for p in valor.split("/"))
                datos["valor_nuevo"] = date(anio, mes, dia).isoformat()
            except ValueError:
                self.add_error("valor_nuevo", _("Escriba la fecha como dd/mm/aaaa."))
        elif (
            valor
            and datos.get("campo")
            and datos["campo"] not in ("producto", "descripcion", "fecha_inicio", "fecha_fin")
        ):
            from cooperacion.core.numeros import leer_numero

            try:
                datos["valor_nuevo"] = str(leer_numero(valor))
            except ValueError as error:
                self.add_error("valor_nuevo", str(error) or _("Escriba un número."))
        return datos


class CambiosFormSet(forms.BaseFormSet):
    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "plan": self.plan}

    def cambios(self) -> list[dict]:
        return [
            {
                "actividad": f.cleaned_data["actividad"],
                "campo": f.cleaned_data["campo"],
                "anio": f.cleaned_data.get("anio"),
                "valor_nuevo": f.cleaned_data.get("valor_nuevo", ""),
            }
            for f in self.forms
            if f.cleaned_data.get("actividad") and f.cleaned_data.get("campo")
        ]


CambiosFormSetFactory = forms.formset_factory(CambioForm, formset=CambiosFormSet, extra=4, max_num=20)


class AprobarAjusteForm(forms.Form):
    instancia_aprobacion = forms.ChoiceField(label=_("Instancia que aprueba (actividad 24)"), choices=[])
    acta_numero = forms.CharField(label=_("Acta"), max_length=60, required=False)
    acta_fecha = CampoFecha(
        label=_("Fecha de la decisión"), help_text=_("La de la sesión del comité, si lo aprobó un comité.")
    )
    motivo = forms.CharField(
        label=_("Observaciones"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, solicitud: SolicitudAjuste, **kwargs):
        super().__init__(*args, **kwargs)
        from .services.ajustes import COMPETENTES

        cast(forms.ChoiceField, self.fields["instancia_aprobacion"]).choices = [
            (i, SolicitudAjuste.Instancia(i).label) for i in COMPETENTES[solicitud.plan.tipo]
        ]
        if not self.is_bound:
            self.initial.setdefault("acta_fecha", timezone.localdate())
