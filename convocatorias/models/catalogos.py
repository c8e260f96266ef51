"""Codelists and settings of the call pipeline, edited by the Administrador."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperacion.core.models import CatalogoQuerySet


class Modalidad(models.Model):
    """A cooperation modality (financiera no reembolsable, técnica, sur-sur...): an editable codelist."""

    codigo = models.SlugField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre"), max_length=120, unique=True)
    descripcion = models.TextField(_("descripción"), blank=True)
    activa = models.BooleanField(_("activa"), default=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("modalidad de cooperación")
        verbose_name_plural = _("modalidades de cooperación")
        ordering = ["orden", "nombre"]

    def __str__(self):
        return self.nombre


class PesosPriorizacion(models.Model):
    """The weights of the prioritization score (task 1 of AI-P-003). One row; the Administrador edits it."""

    peso_recursos = models.PositiveSmallIntegerField(
        _("peso de los recursos"), default=30, validators=[MaxValueValidator(100)]
    )
    peso_cierre = models.PositiveSmallIntegerField(
        _("peso de los días al cierre"), default=20, validators=[MaxValueValidator(100)]
    )
    peso_alineacion = models.PositiveSmallIntegerField(
        _("peso de la alineación con líneas y necesidades"), default=25, validators=[MaxValueValidator(100)]
    )
    peso_actores = models.PositiveSmallIntegerField(
        _("peso de los actores elegibles"), default=10, validators=[MaxValueValidator(100)]
    )
    peso_impacto = models.PositiveSmallIntegerField(
        _("peso del impacto"), default=15, validators=[MaxValueValidator(100)]
    )
    monto_referencia_cop = models.DecimalField(
        _("monto de referencia (COP)"),
        max_digits=18,
        decimal_places=2,
        default=Decimal("5000000000"),
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_("Con este monto o más, el criterio de recursos obtiene 100 puntos; por debajo, en proporción."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pesos de la priorización")
        verbose_name_plural = _("pesos de la priorización")
        constraints = [
            models.CheckConstraint(
                condition=Q(peso_recursos__gt=0)
                | Q(peso_cierre__gt=0)
                | Q(peso_alineacion__gt=0)
                | Q(peso_actores__gt=0)
                | Q(peso_impacto__gt=0),
                name="pesos_priorizacion_no_todos_cero",
                violation_error_message=_("Al menos un criterio debe tener peso."),
            ),
            models.CheckConstraint(condition=Q(monto_referencia_cop__gt=0), name="pesos_referencia_positiva"),
        ]

    def __str__(self):
        return str(_("Pesos de la priorización"))

    @classmethod
    def vigentes(cls) -> "PesosPriorizacion":
        """The one row (created with the defaults the first time)."""
        pesos = cls.objects.order_by("pk").first()
        return pesos or cls.objects.create()

    @property
    def total(self) -> int:
        return self.peso_recursos + self.peso_cierre + self.peso_alineacion + self.peso_actores + self.peso_impacto
