"""Indicator sheets (hoja de vida, DAFP guide), their targets per quarter and their measurements.

An indicator knows no plan, process or project: the upper apps point to it and tell this app, through the
registries in `vinculos.py`, what it belongs to and when its figures are locked.
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import ValidadorDeArchivo, ruta_de_archivo
from cooperacion.core.models import ConVersion, Dependencia
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

from . import calculo

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

UMBRAL_VERDE = Decimal(95)
UMBRAL_AMARILLO = Decimal(71)
TRIMESTRES = [(1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")]
validar_evidencia = ValidadorDeArchivo(("pdf", "docx", "xlsx", "pptx", "png", "jpg"))


class IndicadorQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        """Planeación, Control Interno and the Administrador read every indicator; the rest of the staff those of their
        dependencia, those their territorial dependencia executes, and those of published documents."""
        if not (usuario.is_authenticated and es_personal(usuario)):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        if not usuario.dependencia_id:
            return self.filter(publicado=True)
        ejecuta = Indicador.territoriales.through.objects.filter(
            indicador_id=OuterRef("pk"), dependencia_id=usuario.dependencia_id
        )
        return self.filter(Q(publicado=True) | Q(dependencia_id=usuario.dependencia_id) | Exists(ejecuta))


class Indicador(ConVersion):
    """The indicator's sheet: what it measures, how it is computed and accumulated, and its traffic light."""

    class Tipo(models.TextChoices):
        EFICACIA = "eficacia", _("Eficacia")
        EFICIENCIA = "eficiencia", _("Eficiencia")
        EFECTIVIDAD = "efectividad", _("Efectividad")

    class Medida(models.TextChoices):
        NUMERO = calculo.Medida.NUMERO, _("Número")
        PORCENTAJE = calculo.Medida.PORCENTAJE, _("Porcentaje")
        RAZON = calculo.Medida.RAZON, _("Razón")

    class Sentido(models.TextChoices):
        CRECIENTE = calculo.Sentido.CRECIENTE, _("Creciente (más es mejor)")
        DECRECIENTE = calculo.Sentido.DECRECIENTE, _("Decreciente (menos es mejor)")

    class Acumulacion(models.TextChoices):
        STOCK = calculo.Acumulacion.STOCK, _("Stock")
        FLUJO = calculo.Acumulacion.FLUJO, _("Flujo")
        ACUMULADO = calculo.Acumulacion.ACUMULADO, _("Acumulado")
        CAPACIDAD = calculo.Acumulacion.CAPACIDAD, _("Capacidad")
        REDUCCION = calculo.Acumulacion.REDUCCION, _("Reducción")
        REDUCCION_ANUAL = calculo.Acumulacion.REDUCCION_ANUAL, _("Reducción anual")

    class Frecuencia(models.TextChoices):
        TRIMESTRAL = "trimestral", _("Trimestral")
        SEMESTRAL = "semestral", _("Semestral")
        ANUAL = "anual", _("Anual")

    TRIMESTRES_DE: dict[str, tuple[int, ...]] = {
        Frecuencia.TRIMESTRAL: (1, 2, 3, 4),
        Frecuencia.SEMESTRAL: (2, 4),
        Frecuencia.ANUAL: (4,),
    }
    # What each accumulation type means, in the words the sheet shows (see calculo.py).
    EXPLICACION_ACUMULACION: dict[str, "StrOrPromise"] = {
        Acumulacion.STOCK: _(
            "Cada reporte es el nivel alcanzado al corte, incluida la línea base; el acumulado es el último nivel y el "
            "avance se mide desde la línea base."
        ),
        Acumulacion.FLUJO: _(
            "Cada trimestre se mide por sí solo y no se suma; el acumulado es el último trimestre reportado."
        ),
        Acumulacion.ACUMULADO: _(
            "Cada reporte es lo logrado en el trimestre; el año suma los trimestres (una razón suma numeradores y "
            "denominadores, nunca promedia porcentajes)."
        ),
        Acumulacion.CAPACIDAD: _(
            "Cada reporte es la capacidad instalada al corte, sin la línea base; lo construido se conserva: el "
            "acumulado es el mejor nivel alcanzado."
        ),
        Acumulacion.REDUCCION: _(
            "Un nivel que debe alejarse de la línea base: avance = (línea base − valor) / (línea base − meta)."
        ),
        Acumulacion.REDUCCION_ANUAL: _(
            "Cada periodo debe mejorar el valor del periodo anterior; el año suma lo reducido frente a lo programado."
        ),
    }

    codigo = models.CharField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre del indicador"), max_length=250)
    objetivo = models.TextField(_("objetivo del indicador"), help_text=_("Qué se quiere medir y para qué."))
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.EFICACIA)
    formula = models.CharField(
        _("fórmula de cálculo"), max_length=500, help_text=_("Por ejemplo: (Solicitudes tramitadas / recibidas) × 100")
    )
    variable_numerador = models.CharField(
        _("variable (numerador)"), max_length=250, help_text=_("La variable que se mide, o el numerador de la razón.")
    )
    variable_denominador = models.CharField(
        _("variable del denominador"),
        max_length=250,
        blank=True,
        help_text=_("Déjelo vacío si el indicador es un solo valor."),
    )
    unidad = models.CharField(_("unidad de medida"), max_length=60, help_text=_("Talleres, personas, %, días…"))
    medida = models.CharField(_("medida"), max_length=12, choices=Medida.choices, default=Medida.NUMERO)
    sentido = models.CharField(_("sentido"), max_length=12, choices=Sentido.choices, default=Sentido.CRECIENTE)
    acumulacion = models.CharField(
        _("tipo de acumulación (Sinergia)"), max_length=20, choices=Acumulacion.choices, default=Acumulacion.ACUMULADO
    )
    frecuencia = models.CharField(
        _("frecuencia de medición"), max_length=12, choices=Frecuencia.choices, default=Frecuencia.TRIMESTRAL
    )
    linea_base = models.DecimalField(_("línea base"), max_digits=18, decimal_places=4, null=True, blank=True)
    linea_base_fecha = models.DateField(_("fecha de la línea base"), null=True, blank=True)
    fuente = models.CharField(_("fuente de información"), max_length=250)
    dependencia = models.ForeignKey(
        Dependencia, verbose_name=_("dependencia responsable"), on_delete=models.PROTECT, related_name="indicadores"
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable del reporte"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicadores_a_cargo",
    )
    territoriales = models.ManyToManyField(
        Dependencia,
        verbose_name=_("direcciones territoriales que lo ejecutan"),
        blank=True,
        related_name="indicadores_territoriales",
        help_text=_("Cada una fija sus metas trimestrales y reporta su medición; el total es la suma."),
    )
    sinergia = models.BooleanField(_("reporta a SINERGIA (DNP)"), default=False)
    umbral_verde = models.DecimalField(
        _("verde desde (%)"),
        max_digits=5,
        decimal_places=2,
        default=UMBRAL_VERDE,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(200))],
    )
    umbral_amarillo = models.DecimalField(
        _("amarillo desde (%)"),
        max_digits=5,
        decimal_places=2,
        default=UMBRAL_AMARILLO,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(200))],
    )
    publicado = models.BooleanField(
        _("parte de un documento publicado"),
        default=False,
        editable=False,
        help_text=_("Lo puede leer todo el personal."),
    )
    creado_en = models.DateTimeField(_("creado"), default=timezone.now, editable=False)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = IndicadorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")
        ordering = ["codigo"]
        constraints = [
            models.CheckConstraint(
                condition=Q(umbral_amarillo__lt=models.F("umbral_verde")), name="indicador_umbrales_ordenados"
            )
        ]

    def __str__(self) -> str:
        return f"{self.codigo} · {self.nombre}"

    def get_absolute_url(self) -> str:
        return reverse("indicadores:detalle", args=[self.pk])

    @property
    def con_denominador(self) -> bool:
        return bool(self.variable_denominador.strip())

    @property
    def ficha(self) -> calculo.Ficha:
        return calculo.Ficha(
            acumulacion=calculo.Acumulacion(self.acumulacion),
            sentido=calculo.Sentido(self.sentido),
            medida=calculo.Medida(self.medida),
            con_denominador=self.con_denominador,
            linea_base=self.linea_base,
            umbral_verde=self.umbral_verde,
            umbral_amarillo=self.umbral_amarillo,
        )

    @property
    def trimestres_de_reporte(self) -> tuple[int, ...]:
        return self.TRIMESTRES_DE[self.frecuencia]

    @property
    def explicacion_acumulacion(self) -> str:
        return str(self.EXPLICACION_ACUMULACION[self.acumulacion])

    @property
    def unidad_corta(self) -> str:
        return "%" if self.medida == self.Medida.PORCENTAJE else self.unidad


class PorPeriodo(models.Model):
    """A row of one indicator for one quarter of one year; the general series has no dependencia."""

    anio = models.PositiveSmallIntegerField(_("año"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    trimestre = models.PositiveSmallIntegerField(_("trimestre"), choices=TRIMESTRES)
    dependencia = models.ForeignKey(
        Dependencia,
        verbose_name=_("dirección territorial"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Vacío: la serie general del indicador."),
    )

    class Meta:
        abstract = True

    @property
    def periodo(self) -> str:
        return f"{self.anio}-T{self.trimestre}"


class MetaTrimestral(PorPeriodo):
    """The target of one quarter (the general one, or that of a territorial dependencia)."""

    indicador = models.ForeignKey(
        Indicador, verbose_name=_("indicador"), on_delete=models.CASCADE, related_name="metas"
    )
    valor = models.DecimalField(_("meta"), max_digits=18, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meta del periodo")
        verbose_name_plural = _("metas por periodo")
        ordering = ["indicador", "anio", "trimestre"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "anio", "trimestre"],
                condition=Q(dependencia__isnull=True),
                name="meta_general_unica",
            ),
            models.UniqueConstraint(
                fields=["indicador", "anio", "trimestre", "dependencia"],
                condition=Q(dependencia__isnull=False),
                name="meta_territorial_unica",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicador.codigo} {self.periodo}: {self.valor}"


class MedicionQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(indicador__in=Indicador.objects.visibles_para(usuario))


class Medicion(ConVersion, PorPeriodo):
    """What was measured in one quarter: the variables, the computed value, the analysis and its evidence."""

    indicador = models.ForeignKey(
        Indicador, verbose_name=_("indicador"), on_delete=models.CASCADE, related_name="mediciones"
    )
    numerador = models.DecimalField(_("valor o numerador"), max_digits=18, decimal_places=4)
    denominador = models.DecimalField(_("denominador"), max_digits=18, decimal_places=4, null=True, blank=True)
    valor = models.DecimalField(_("valor calculado"), max_digits=22, decimal_places=6, null=True, editable=False)
    analisis = models.TextField(_("análisis cualitativo"))
    evidencia = models.FileField(
        _("evidencia"), upload_to=ruta_de_archivo, blank=True, validators=[validar_evidencia], max_length=300
    )
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    registrado_en = models.DateTimeField(_("registrado el"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = MedicionQuerySet.as_manager()

    class Meta:
        verbose_name = _("medición")
        verbose_name_plural = _("mediciones")
        ordering = ["indicador", "anio", "trimestre"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicador", "anio", "trimestre"],
                condition=Q(dependencia__isnull=True),
                name="medicion_general_unica",
            ),
            models.UniqueConstraint(
                fields=["indicador", "anio", "trimestre", "dependencia"],
                condition=Q(dependencia__isnull=False),
                name="medicion_territorial_unica",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicador.codigo} {self.periodo}"

    def get_absolute_url(self) -> str:
        return self.indicador.get_absolute_url()

    @property
    def dato(self) -> calculo.Dato:
        return calculo.Dato(self.numerador, self.denominador)
