from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from .base import CatalogoQuerySet
from .organizacion import Usuario

IDENTIFICADOR_IATI = RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", _("Use el formato de IATI, p. ej. GB-GOV-1."))


class TipoOrganizacionIATI(models.TextChoices):
    """The IATI OrganisationType codelist (copied in `datos/iati/OrganisationType.xml`): the code goes into the
    IATI files; people read its name in Spanish."""

    GOBIERNO = "10", _("Gobierno")
    GOBIERNO_LOCAL = "11", _("Gobierno local")
    OTRO_SECTOR_PUBLICO = "15", _("Otro sector público")
    ONG_INTERNACIONAL = "21", _("ONG internacional")
    ONG_NACIONAL = "22", _("ONG nacional")
    ONG_REGIONAL = "23", _("ONG regional")
    ONG_PAIS_SOCIO = "24", _("ONG con sede en el país socio")
    ALIANZA_PUBLICO_PRIVADA = "30", _("Alianza público-privada")
    MULTILATERAL = "40", _("Multilateral")
    FUNDACION = "60", _("Fundación")
    SECTOR_PRIVADO = "70", _("Sector privado")
    PRIVADO_PAIS_DONANTE = "71", _("Sector privado del país donante")
    PRIVADO_PAIS_RECEPTOR = "72", _("Sector privado del país receptor de la ayuda")
    PRIVADO_TERCER_PAIS = "73", _("Sector privado de un tercer país")
    ACADEMIA = "80", _("Academia, formación e investigación")
    OTRO = "90", _("Otro")


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

    # The OrganisationType an actor gets when the Administrador leaves it empty, from its kind.
    TIPO_IATI: dict[str, str] = {
        Tipo.GOBIERNO_INTERNACIONAL: TipoOrganizacionIATI.GOBIERNO,
        Tipo.GOBIERNO_NACIONAL: TipoOrganizacionIATI.GOBIERNO,
        Tipo.GOBIERNO_LOCAL: TipoOrganizacionIATI.GOBIERNO_LOCAL,
        Tipo.MULTILATERAL: TipoOrganizacionIATI.MULTILATERAL,
        Tipo.ESAL: TipoOrganizacionIATI.ONG_INTERNACIONAL,
        Tipo.EMPRESA_PRIVADA: TipoOrganizacionIATI.SECTOR_PRIVADO,
        Tipo.ACADEMIA: TipoOrganizacionIATI.ACADEMIA,
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
        validators=[IDENTIFICADOR_IATI],
        help_text=_("Identificador de organización IATI (p. ej. GB-GOV-1, XM-DAC-41114); vacío si no tiene."),
    )
    tipo_iati = models.CharField(
        _("tipo de organización IATI"),
        max_length=2,
        choices=TipoOrganizacionIATI.choices,
        blank=True,
        help_text=_("Lista OrganisationType de IATI. Vacío: se toma del tipo de actor."),
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.tipo_iati and self.tipo in self.TIPO_IATI:
            self.tipo_iati = self.TIPO_IATI[self.tipo]
            if (campos := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = {*campos, "tipo_iati"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("core:actor-detalle", args=[self.pk])

    @property
    def tipo_iati_display(self) -> str:
        """The OrganisationType as code and name, e.g. "40 – Multilateral"."""
        return f"{self.tipo_iati} – {self.get_tipo_iati_display()}" if self.tipo_iati else "—"

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


class Entidad(models.Model):
    """The entity that runs the application and publishes in IATI: one record, edited by the Administrador.

    Its name stays in the ENTIDAD_NOMBRE setting (it is the whole site's name); what IATI needs is here."""

    UNICA = 1

    identificador_iati = models.CharField(
        _("identificador de organización IATI"),
        max_length=100,
        validators=[IDENTIFICADOR_IATI],
        help_text=_("CO-RUE seguido del NIT sin dígito de verificación, p. ej. CO-RUE-830115226."),
    )
    tipo_iati = models.CharField(
        _("tipo de organización IATI"),
        max_length=2,
        choices=TipoOrganizacionIATI.choices,
        default=TipoOrganizacionIATI.GOBIERNO,
        help_text=_("Lista OrganisationType de IATI; un ministerio o una alcaldía es «10 – Gobierno»."),
    )
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("entidad")
        verbose_name_plural = _("entidad")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="entidad_unica")]

    def __str__(self) -> str:
        return str(settings.ENTIDAD_NOMBRE)

    def get_absolute_url(self) -> str:
        return reverse("core:entidad")

    @classmethod
    def actual(cls) -> "Entidad":
        """The record (created from the ENTIDAD_IATI_ID setting the first time, as the migration does)."""
        entidad, _creada = cls.objects.get_or_create(
            pk=cls.UNICA, defaults={"identificador_iati": settings.ENTIDAD_IATI_ID}
        )
        return entidad

    @property
    def tipo_iati_display(self) -> str:
        return f"{self.tipo_iati} – {self.get_tipo_iati_display()}"
