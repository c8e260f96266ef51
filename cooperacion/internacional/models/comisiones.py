"""Commissions where the office holds the technical secretariat (PR-CRI, HACER): sessions with their minutes and the
commitments agreed in them, which feed the deadline engine."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import ruta_de_archivo, validar_documento
from cooperacion.core.fechas import validar_fecha
from cooperacion.core.models import ConVersion

from .alcance import AlcanceQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ComisionQuerySet(AlcanceQuerySet, models.QuerySet):
    pass


class Comision(ConVersion):
    nombre = models.CharField(_("nombre"), max_length=250, unique=True)
    descripcion = models.TextField(_("descripción"), blank=True)
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia que ejerce la secretaría técnica"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    activa = models.BooleanField(_("activa"), default=True)
    history = HistoricalRecords()

    objects = ComisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("comisión")
        verbose_name_plural = _("comisiones")
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("internacional:comision-detalle", args=[self.pk])

    @property
    def activa_display(self) -> "StrOrPromise":
        return _("Sí") if self.activa else _("No")


class SesionComision(models.Model):
    comision = models.ForeignKey(
        Comision, verbose_name=_("comisión"), on_delete=models.CASCADE, related_name="sesiones"
    )
    fecha = models.DateField(_("fecha"), validators=[validar_fecha])
    lugar = models.CharField(_("lugar o enlace"), max_length=250, blank=True)
    temas = models.TextField(_("temas tratados"), blank=True)
    acta = models.FileField(_("acta"), upload_to=ruta_de_archivo, validators=[validar_documento], blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sesión de comisión")
        verbose_name_plural = _("sesiones de comisión")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        return f"{self.comision} · {self.fecha:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return self.comision.get_absolute_url()


class CompromisoSesion(models.Model):
    sesion = models.ForeignKey(
        SesionComision, verbose_name=_("sesión"), on_delete=models.CASCADE, related_name="compromisos"
    )
    descripcion = models.TextField(_("compromiso"))
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable"), on_delete=models.PROTECT, related_name="+"
    )
    fecha_limite = models.DateField(_("fecha límite"), validators=[validar_fecha])
    cumplido_en = models.DateField(_("cumplido el"), null=True, blank=True, validators=[validar_fecha])
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compromiso de sesión")
        verbose_name_plural = _("compromisos de sesión")
        ordering = ["fecha_limite", "pk"]

    def __str__(self):
        return self.descripcion[:80]

    def get_absolute_url(self) -> str:
        return self.sesion.get_absolute_url()
