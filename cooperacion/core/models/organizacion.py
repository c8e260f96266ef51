from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..roles import TRANSVERSALES
from .base import CatalogoQuerySet


class Dependencia(models.Model):
    class Tipo(models.TextChoices):
        CENTRAL = "central", _("Nivel central")
        TERRITORIAL = "territorial", _("Territorial")

    codigo = models.CharField(_("código"), max_length=20, unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    sigla = models.CharField(_("sigla"), max_length=20, blank=True)
    padre = models.ForeignKey(
        "self",
        verbose_name=_("dependencia superior"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hijas",
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.CENTRAL)
    activa = models.BooleanField(_("activa"), default=True)
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("dependencia")
        verbose_name_plural = _("dependencias")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.sigla})" if self.sigla else self.nombre

    def clean(self) -> None:
        ancestro = self.padre
        while ancestro is not None:
            if ancestro.pk == self.pk:
                raise ValidationError({"padre": _("Una dependencia no puede depender de sí misma ni de sus hijas.")})
            ancestro = ancestro.padre


class Usuario(AbstractUser):
    class Notificaciones(models.TextChoices):
        INMEDIATA = "inmediata", _("Cada aviso en el momento")
        RESUMEN_DIARIO = "resumen_diario", _("Un resumen diario")

    dependencia = models.ForeignKey(
        Dependencia,
        verbose_name=_("dependencia"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="usuarios",
    )
    cargo = models.CharField(_("cargo"), max_length=150, blank=True)
    preferencia_correo = models.CharField(
        _("correos de notificación"),
        max_length=20,
        choices=Notificaciones.choices,
        default=Notificaciones.INMEDIATA,
    )
    token_calendario = models.CharField(
        _("token del calendario"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=["last_login", "password", "token_calendario"])

    objects: ClassVar = UserManager()

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_authenticated or not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def tiene_rol(self, *nombres: str) -> bool:
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return bool(self.roles.intersection(nombres))

    @property
    def ve_todas_las_dependencias(self) -> bool:
        return self.tiene_rol(*TRANSVERSALES)
