"""The quarterly follow-up report sent to Control Interno (activity 18)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RemisionInforme(models.Model):
    """A generated follow-up report remitted to Control Interno: one row per file, written once."""

    generado = models.OneToOneField(
        "core.ReporteGenerado", verbose_name=_("reporte"), on_delete=models.CASCADE, related_name="remision_planes"
    )
    periodo = models.CharField(_("periodo"), max_length=10)
    remitido_en = models.DateTimeField(_("remitido el"), default=timezone.now)
    notificados = models.PositiveSmallIntegerField(_("personas notificadas"), default=0)

    class Meta:
        verbose_name = _("informe remitido a Control Interno")
        verbose_name_plural = _("informes remitidos a Control Interno")
        ordering = ["-remitido_en", "-pk"]

    def __str__(self) -> str:
        return f"{self.generado.titulo} ({self.remitido_en:%d/%m/%Y})"
