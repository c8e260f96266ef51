"""API tokens: only a digest of each key is stored; the key itself is shown once, when it is created."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def digesto_de(clave: str) -> str:
    """The SHA-256 of a key, as stored and looked up (a random 256-bit key needs no salt nor slow hash)."""
    return hashlib.sha256(clave.encode()).hexdigest()


class TokenDeAPI(models.Model):
    """A user's API token. Creating a new one replaces it; revoking deletes it (the history keeps who and when)."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("usuario"), on_delete=models.CASCADE, related_name="token_api"
    )
    prefijo = models.CharField(_("prefijo"), max_length=8, help_text=_("Los primeros caracteres, para reconocerlo."))
    digesto = models.CharField(_("digesto SHA-256"), max_length=64, unique=True, editable=False)
    creado_en = models.DateTimeField(_("creado"), default=timezone.now)
    ultimo_uso = models.DateTimeField(_("último uso"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["digesto", "ultimo_uso"])

    class Meta:
        verbose_name = _("token de la API")
        verbose_name_plural = _("tokens de la API")

    def __str__(self) -> str:
        return f"{self.prefijo}…"
