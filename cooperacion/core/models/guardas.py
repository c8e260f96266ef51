"""Rows that guard against double submits and lost side effects."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenDeCreacion(models.Model):
    """A create form's one-time token: the first submit creates, a repeat is answered with the first result."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    usuario = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("usuario"), on_delete=models.CASCADE)
    creado_en = models.DateTimeField(_("creado"), default=timezone.now, db_index=True)
    url_resultado = models.CharField(_("resultado"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("token de creación")
        verbose_name_plural = _("tokens de creación")

    def __str__(self) -> str:
        return self.token


class Salida(models.Model):
    """The outbox: a side effect (an e-mail, a report, a letter) written in the same transaction as the change that
    causes it. A worker carries it out; the periodic sweep publishes again what is still pending. Nothing is shown
    as done before `hecha_en` is set."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        EN_CURSO = "en_curso", _("En curso")
        HECHA = "hecha", _("Hecha")
        FALLIDA = "fallida", _("Falló")

    efecto = models.CharField(_("efecto"), max_length=100)
    argumentos = models.JSONField(_("argumentos"), default=list, blank=True)
    estado = models.CharField(_("estado"), max_length=10, choices=Estado.choices, default=Estado.PENDIENTE)
    intentos = models.PositiveSmallIntegerField(_("intentos"), default=0)
    creada_en = models.DateTimeField(_("creada"), default=timezone.now)
    proximo_intento_en = models.DateTimeField(_("próximo intento"), default=timezone.now)
    tomada_en = models.DateTimeField(_("tomada"), null=True, blank=True)
    hecha_en = models.DateTimeField(_("hecha"), null=True, blank=True)
    error = models.TextField(_("último error"), blank=True)

    class Meta:
        verbose_name = _("salida (efecto pendiente)")
        verbose_name_plural = _("salidas (efectos pendientes)")
        ordering = ["-creada_en", "-pk"]
        indexes = [
            models.Index(
                fields=["proximo_intento_en"],
                condition=Q(estado__in=["pendiente", "en_curso"]),
                name="salida_por_atender",
            )
        ]

    def __str__(self) -> str:
        return f"{self.efecto} #{self.pk} ({self.get_estado_display()})"
