from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReporteGenerado(models.Model):
    """A report file produced by the export engine, with who asked for it and how it went."""

    class Formato(models.TextChoices):
        XLSX = "xlsx", _("Excel")
        PDF = "pdf", _("PDF")

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("En cola")
        EN_PROCESO = "en_proceso", _("Generándose")
        LISTO = "listo", _("Listo")
        FALLIDO = "fallido", _("Falló")

    codigo = models.CharField(_("reporte"), max_length=80, db_index=True)
    titulo = models.CharField(_("título"), max_length=250)
    formato = models.CharField(_("formato"), max_length=5, choices=Formato.choices)
    parametros = models.JSONField(_("parámetros"), default=dict, blank=True)
    periodo = models.CharField(_("periodo"), max_length=10, blank=True, help_text=_("Ej.: 2026-T3"))
    automatico = models.BooleanField(_("generado por el corte trimestral"), default=False)
    archivo = models.FileField(_("archivo"), upload_to="reportes/%Y/%m/", blank=True, editable=False)
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    progreso = models.PositiveSmallIntegerField(_("progreso (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("solicitado por"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reportes",
    )
    creado_en = models.DateTimeField(_("solicitado"), default=timezone.now, db_index=True)
    iniciado_en = models.DateTimeField(_("iniciado"), null=True, blank=True)
    terminado_en = models.DateTimeField(_("terminado"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporte generado")
        verbose_name_plural = _("reportes generados")
        ordering = ["-creado_en", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["codigo", "formato", "periodo"],
                condition=Q(automatico=True),
                name="reporte_trimestral_unico_por_periodo",
            ),
            models.CheckConstraint(condition=Q(progreso__lte=100), name="reporte_progreso_hasta_100"),
        ]

    def __str__(self) -> str:
        return f"{self.titulo} ({self.get_formato_display()})"

    def get_absolute_url(self) -> str:
        return reverse("core:reporte-detalle", args=[self.pk])

    @property
    def duracion(self) -> timedelta | None:
        if self.iniciado_en and self.terminado_en:
            return self.terminado_en - self.iniciado_en
        return None

    @property
    def terminado(self) -> bool:
        return self.estado in (self.Estado.LISTO, self.Estado.FALLIDO)


class CorteTrimestral(models.Model):
    """The cut-off date of a quarter; without a row, the cut-off is the day after the quarter ends."""

    anio = models.PositiveSmallIntegerField(_("año"))
    trimestre = models.PositiveSmallIntegerField(_("trimestre"), choices=[(i, f"T{i}") for i in range(1, 5)])
    fecha_corte = models.DateField(_("fecha de corte"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("corte trimestral")
        verbose_name_plural = _("cortes trimestrales")
        ordering = ["-anio", "-trimestre"]
        constraints = [models.UniqueConstraint(fields=["anio", "trimestre"], name="corte_unico_por_trimestre")]

    def __str__(self) -> str:
        return f"{self.anio}-T{self.trimestre}: {self.fecha_corte:%d/%m/%Y}"

    def clean(self) -> None:
        if (
            self.fecha_corte
            and self.anio
            and self.trimestre
            and self.fecha_corte <= fin_de_trimestre(self.anio, self.trimestre)
        ):
            raise ValidationError({"fecha_corte": _("El corte debe ser posterior al último día del trimestre.")})


def fin_de_trimestre(anio: int, trimestre: int) -> date:
    if trimestre == 4:
        return date(anio, 12, 31)
    return date(anio, 3 * trimestre + 1, 1) - timedelta(days=1)
