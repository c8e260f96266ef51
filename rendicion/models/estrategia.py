"""The accountability strategy of one year (Ley 1757 de 2015, art. 52; Manual Único de Rendición de Cuentas)."""

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.models import ConVersion

from .configuracion import DeLaEntidadQuerySet


class Elemento(models.TextChoices):
    """The three elements of accountability (MURC)."""

    INFORMACION = "informacion", _("Información")
    DIALOGO = "dialogo", _("Diálogo")
    RESPONSABILIDAD = "responsabilidad", _("Responsabilidad")


class Etapa(models.TextChoices):
    """The stages of the MURC, in order."""

    APRESTAMIENTO = "aprestamiento", _("Aprestamiento")
    DISENO = "diseno", _("Diseño")
    PREPARACION = "preparacion", _("Preparación")
    EJECUCION = "ejecucion", _("Ejecución")
    SEGUIMIENTO = "seguimiento", _("Seguimiento y evaluación")


ORDEN_ETAPAS = {etapa.value: indice for indice, etapa in enumerate(Etapa, start=1)}
ORDEN_ELEMENTOS = {elemento.value: indice for indice, elemento in enumerate(Elemento, start=1)}


def orden_de_elemento(campo: str = "elemento") -> models.Case:
    """Información, Diálogo, Responsabilidad (the strategy's order, not the alphabet's), for `order_by`."""
    return models.Case(
        *[models.When(**{campo: valor}, then=models.Value(indice)) for valor, indice in ORDEN_ELEMENTOS.items()],
        default=models.Value(99),
        output_field=models.IntegerField(),
    )


class Estrategia(ConVersion):
    """The strategy of one year: its framing, objectives, approach, elements, MURC stages and actions."""

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("En formulación")
        PUBLICADA = "publicada", _("Publicada")

    anio = models.PositiveSmallIntegerField(
        _("año"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    titulo = models.CharField(_("título"), max_length=250)
    entidad = models.CharField(_("entidad"), max_length=200)
    version_documento = models.CharField(_("versión del documento"), max_length=20, blank=True)
    plan = models.CharField(_("plan del que hace parte"), max_length=250, blank=True)
    componente = models.CharField(_("componente"), max_length=250, blank=True)
    introduccion = models.TextField(_("marco de la estrategia"))
    marco_normativo = models.TextField(_("marco normativo y metodológico"), blank=True)
    nota_pie = models.TextField(_("nota al pie"), blank=True)
    elementos_introduccion = models.TextField(_("introducción a los elementos"), blank=True)
    enfoque_titulo = models.CharField(_("título del enfoque"), max_length=200, blank=True)
    enfoque = models.TextField(
        _("enfoque de derechos humanos y paz, y relación con los ODS"),
        blank=True,
        help_text=_("Separe los párrafos con una línea en blanco."),
    )
    estrategia_introduccion = models.TextField(_("introducción a las acciones"), blank=True)
    seguimiento_texto = models.TextField(_("regla de seguimiento y evaluación"), blank=True)
    ods = models.ManyToManyField("core.ODS", verbose_name=_("ODS relacionados"), blank=True, related_name="+")
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.BORRADOR)
    publicada_en = models.DateTimeField(_("publicada el"), null=True, blank=True, editable=False)
    copiada_de = models.ForeignKey(
        "self", verbose_name=_("copiada de"), on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    creada_en = models.DateTimeField(_("creada el"), default=timezone.now, editable=False)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords()

    objects = DeLaEntidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("estrategia de rendición de cuentas")
        verbose_name_plural = _("estrategias de rendición de cuentas")
        ordering = ["-anio"]

    def __str__(self) -> str:
        return self.titulo

    def get_absolute_url(self) -> str:
        return reverse("rendicion:estrategia", args=[self.pk])

    def get_public_url(self):
        return reverse("rendicion_publico:estrategia", args=[self.anio])

    @property
    def publicada(self) -> bool:
        return self.estado == self.Estado.PUBLICADA

    @property
    def enfoque_parrafos(self) -> list[str]:
        return [p.strip() for p in self.enfoque.split("\n\n") if p.strip()]

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.BORRADOR, target=Estado.PUBLICADA)
    def publicar(self, by=None, description=None):
        """The strategy appears on the public transparency pages."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PUBLICADA, target=Estado.BORRADOR)
    def retirar(self, by=None, description=None):
        """The strategy leaves the public pages to be corrected."""


class ObjetivoEstrategico(models.Model):
    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.CASCADE, related_name="objetivos"
    )
    numero = models.PositiveSmallIntegerField(_("número"))
    texto = models.TextField(_("objetivo"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objetivo estratégico")
        verbose_name_plural = _("objetivos estratégicos")
        ordering = ["estrategia", "numero"]
        constraints = [models.UniqueConstraint(fields=["estrategia", "numero"], name="objetivo_unico_por_numero")]

    def __str__(self) -> str:
        return f"{self.numero}. {self.texto[:80]}"


class ElementoEstrategia(models.Model):
    """What the strategy of a year says about one of the three elements."""

    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.CASCADE, related_name="elementos"
    )
    clave = models.CharField(_("elemento"), max_length=20, choices=Elemento.choices)
    definicion = models.TextField(_("definición"), blank=True)
    descripcion = models.TextField(
        _("descripción"), blank=True, help_text=_("Separe los párrafos con una línea en blanco.")
    )
    introduccion_acciones = models.TextField(_("introducción a las acciones"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("elemento de la estrategia")
        verbose_name_plural = _("elementos de la estrategia")
        constraints = [models.UniqueConstraint(fields=["estrategia", "clave"], name="elemento_unico_por_estrategia")]

    def __str__(self) -> str:
        return self.get_clave_display()

    @property
    def orden(self) -> int:
        return ORDEN_ELEMENTOS.get(self.clave, 99)

    @property
    def parrafos(self) -> list[str]:
        return [p.strip() for p in self.descripcion.split("\n\n") if p.strip()]


class EtapaMURC(ConVersion):
    """One MURC stage of a strategy as a checklist item: planned dates, and when and by whom it was completed."""

    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.CASCADE, related_name="etapas"
    )
    etapa = models.CharField(_("etapa"), max_length=20, choices=Etapa.choices)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0, editable=False)
    fecha_inicio = models.DateField(_("inicio previsto"), null=True, blank=True)
    fecha_fin = models.DateField(_("fin previsto"), null=True, blank=True)
    completada_en = models.DateField(_("completada el"), null=True, blank=True)
    completada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    observaciones = models.TextField(_("observaciones"), blank=True)
    history = HistoricalRecords()

    objects = DeLaEntidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("etapa del MURC")
        verbose_name_plural = _("etapas del MURC")
        ordering = ["estrategia", "orden"]
        constraints = [models.UniqueConstraint(fields=["estrategia", "etapa"], name="etapa_unica_por_estrategia")]

    def __str__(self) -> str:
        return f"{self.get_etapa_display()} ({self.estrategia.anio})"

    def get_absolute_url(self) -> str:
        return reverse("rendicion:estrategia", args=[self.estrategia_id]) + f"#etapa-{self.etapa}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.orden = ORDEN_ETAPAS.get(self.etapa, 99)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "orden"}
        super().save(*args, **kwargs)

    @property
    def completada(self) -> bool:
        return self.completada_en is not None
