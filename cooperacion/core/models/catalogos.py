from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from .base import CatalogoQuerySet
from .organizacion import Usuario


class Actor(models.Model):
    """A cooperation actor: donor, partner, multilateral, NGO, company or academy."""

    class Tipo(models.TextChoices):
        GOBIERNO_INTERNACIONAL = "gobierno_internacional", _("Gobierno internacional")
        GOBIERNO_NACIONAL = "gobierno_nacional", _("Gobierno nacional")
        GOBIERNO_LOCAL = "gobierno_local", _("Gobierno local / subnacional")
        MULTILATERAL = "multilateral", _("Red / organismo multilateral")
        ESAL = "esal", _("ESAL / ONG / fundación")
        EMPRESA_PRIVADA = "empresa_privada", _("Empresa privada")
        ACADEMIA = "academia", _("Academia")

    class Estado(models.TextChoices):
        ACTIVO = "activo", _("Activo")
        INACTIVO = "inactivo", _("Inactivo")

    # IATI OrganisationType codelist (https://iatistandard.org/en/iati-standard/203/codelists/organisationtype/):
    # the code goes into the IATI file; people read its name in Spanish.
    TIPO_IATI: dict[str, tuple[str, StrOrPromise]] = {
        Tipo.GOBIERNO_INTERNACIONAL: ("10", _("Gobierno")),
        Tipo.GOBIERNO_NACIONAL: ("10", _("Gobierno")),
        Tipo.GOBIERNO_LOCAL: ("11", _("Gobierno local")),
        Tipo.MULTILATERAL: ("40", _("Multilateral")),
        Tipo.ESAL: ("21", _("ONG internacional")),
        Tipo.EMPRESA_PRIVADA: ("70", _("Sector privado")),
        Tipo.ACADEMIA: ("80", _("Academia, formación e investigación")),
    }

    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    sigla = models.CharField(_("sigla"), max_length=30, blank=True)
    tipo = models.CharField(_("tipo de actor"), max_length=30, choices=Tipo.choices)
    pais = models.CharField(_("país"), max_length=80, blank=True)
    sitio_web = models.URLField(_("sitio web"), blank=True)
    identificador_iati = models.CharField(
        _("identificador IATI"),
        max_length=100,
        blank=True,
        validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", _("Use el formato de IATI, p. ej. GB-GOV-1."))],
        help_text=_("Identificador de organización IATI (p. ej. GB-GOV-1, XM-DAC-41114); vacío si no tiene."),
    )
    contacto_nombre = models.CharField(_("persona de contacto"), max_length=150, blank=True)
    contacto_correo = models.EmailField(_("correo de contacto"), blank=True)
    contacto_telefono = models.CharField(_("teléfono de contacto"), max_length=40, blank=True)
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.ACTIVO)
    # Proposed in place by a Profesional or Jefe (from the call form): usable at once, reviewed by the Administrador.
    por_revisar = models.BooleanField(_("por revisar"), default=False, db_index=True)
    propuesto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("propuesto por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor / cooperante")
        verbose_name_plural = _("actores / cooperantes")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.sigla})" if self.sigla else self.nombre

    def get_absolute_url(self) -> str:
        return reverse("core:actor-detalle", args=[self.pk])

    @property
    def tipo_iati(self) -> str:
        """IATI OrganisationType code, e.g. "40" for a multilateral."""
        return self.TIPO_IATI[self.tipo][0]

    @property
    def tipo_iati_display(self) -> str:
        codigo, nombre = self.TIPO_IATI[self.tipo]
        return f"{codigo} – {nombre}"

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ACTIVO, target=Estado.INACTIVO)
    def desactivar(self, by: Usuario | None = None, description: str | None = None) -> None:
        """No longer offered in pickers; its records stay."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.INACTIVO, target=Estado.ACTIVO)
    def reactivar(self, by: Usuario | None = None, description: str | None = None) -> None:
        """Offered again in pickers."""


class ODS(models.Model):
    numero = models.PositiveSmallIntegerField(
        _("número"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    nombre = models.CharField(_("nombre"), max_length=200)
    color = models.CharField(
        _("color"), max_length=7, validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Use un color #RRGGBB."))]
    )
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("Objetivo de Desarrollo Sostenible")
        verbose_name_plural = _("Objetivos de Desarrollo Sostenible")
        ordering = ["numero"]
        constraints = [
            models.CheckConstraint(condition=Q(numero__gte=1) & Q(numero__lte=17), name="ods_numero_1_a_17"),
        ]

    def __str__(self) -> str:
        return f"ODS {self.numero}. {self.nombre}"


class Departamento(models.Model):
    codigo = models.CharField(_("código DIVIPOLA"), max_length=2, unique=True, validators=[RegexValidator(r"^\d{2}$")])
    nombre = models.CharField(_("nombre"), max_length=100)
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("departamento")
        verbose_name_plural = _("departamentos")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre.title()


class Municipio(models.Model):
    codigo = models.CharField(_("código DIVIPOLA"), max_length=5, unique=True, validators=[RegexValidator(r"^\d{5}$")])
    nombre = models.CharField(_("nombre"), max_length=100)
    departamento = models.ForeignKey(
        Departamento, verbose_name=_("departamento"), on_delete=models.PROTECT, related_name="municipios"
    )
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipio")
        verbose_name_plural = _("municipios")
        ordering = ["departamento__nombre", "nombre"]

    def __str__(self) -> str:
        return f"{self.nombre.title()} ({self.departamento.nombre.title()})"

    def clean(self) -> None:
        if self.codigo and self.departamento_id and not self.codigo.startswith(self.departamento.codigo):
            raise ValidationError({"codigo": _("El código del municipio debe empezar por el de su departamento.")})


class Moneda(models.Model):
    codigo = models.CharField(
        _("código ISO 4217"), max_length=3, unique=True, validators=[RegexValidator(r"^[A-Z]{3}$")]
    )
    nombre = models.CharField(_("nombre"), max_length=60)
    simbolo = models.CharField(_("símbolo"), max_length=5, blank=True)
    decimales = models.PositiveSmallIntegerField(_("decimales"), default=2)
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("moneda")
        verbose_name_plural = _("monedas")
        ordering = ["codigo"]

    def __str__(self) -> str:
        return f"{self.codigo} – {self.nombre}"


class PoliticaMIPG(models.Model):
    numero = models.PositiveSmallIntegerField(_("número"), unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    dimension = models.CharField(_("dimensión"), max_length=120)
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("política de gestión y desempeño (MIPG)")
        verbose_name_plural = _("políticas de gestión y desempeño (MIPG)")
        ordering = ["numero"]

    def __str__(self) -> str:
        return f"{self.numero}. {self.nombre}"
