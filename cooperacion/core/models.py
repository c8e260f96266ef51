from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from .roles import TRANSVERSALES


class CatalogoQuerySet(models.QuerySet):
    """Reference data: every member of staff may read it."""

    def visibles_para(self, usuario):
        if usuario.is_authenticated and usuario.is_active and (usuario.roles or usuario.is_superuser):
            return self.all()
        return self.none()


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

    def __str__(self):
        return f"{self.nombre} ({self.sigla})" if self.sigla else self.nombre

    def clean(self):
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
    history = HistoricalRecords(excluded_fields=["last_login", "password"])

    objects = UserManager()

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self):
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

    # IATI OrganisationType codelist (https://iatistandard.org/en/iati-standard/203/codelists/organisationtype/).
    TIPO_IATI = {
        Tipo.GOBIERNO_INTERNACIONAL: ("10", "Government"),
        Tipo.GOBIERNO_NACIONAL: ("10", "Government"),
        Tipo.GOBIERNO_LOCAL: ("11", "Local Government"),
        Tipo.MULTILATERAL: ("40", "Multilateral"),
        Tipo.ESAL: ("21", "International NGO"),
        Tipo.EMPRESA_PRIVADA: ("70", "Private Sector"),
        Tipo.ACADEMIA: ("80", "Academic, Training and Research"),
    }

    nombre = models.CharField(_("nombre"), max_length=200, unique=True)
    sigla = models.CharField(_("sigla"), max_length=30, blank=True)
    tipo = models.CharField(_("tipo de actor"), max_length=30, choices=Tipo.choices)
    pais = models.CharField(_("país"), max_length=80, blank=True)
    sitio_web = models.URLField(_("sitio web"), blank=True)
    contacto_nombre = models.CharField(_("persona de contacto"), max_length=150, blank=True)
    contacto_correo = models.EmailField(_("correo de contacto"), blank=True)
    contacto_telefono = models.CharField(_("teléfono de contacto"), max_length=40, blank=True)
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.ACTIVO)
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor / cooperante")
        verbose_name_plural = _("actores / cooperantes")
        ordering = ["nombre"]

    def __str__(self):
        return f"{self.nombre} ({self.sigla})" if self.sigla else self.nombre

    def get_absolute_url(self):
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
    def desactivar(self, by=None, description=None):
        """No longer offered in pickers; its records stay."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.INACTIVO, target=Estado.ACTIVO)
    def reactivar(self, by=None, description=None):
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

    def __str__(self):
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

    def __str__(self):
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

    def __str__(self):
        return f"{self.nombre.title()} ({self.departamento.nombre.title()})"

    def clean(self):
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

    def __str__(self):
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

    def __str__(self):
        return f"{self.numero}. {self.nombre}"


class NotificacionQuerySet(models.QuerySet):
    def no_leidas(self):
        return self.filter(leida_en__isnull=True)


class Notificacion(models.Model):
    """An in-app notice to one user; e-mail is a copy of it, never a replacement."""

    usuario = models.ForeignKey(
        Usuario, verbose_name=_("usuario"), on_delete=models.CASCADE, related_name="notificaciones"
    )
    titulo = models.CharField(_("título"), max_length=200)
    mensaje = models.TextField(_("mensaje"), blank=True)
    url = models.CharField(_("enlace"), max_length=500, blank=True)
    creada_en = models.DateTimeField(_("creada"), default=timezone.now, db_index=True)
    leida_en = models.DateTimeField(_("leída"), null=True, blank=True)
    correo_enviado_en = models.DateTimeField(_("correo enviado"), null=True, blank=True)

    objects = NotificacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("notificación")
        verbose_name_plural = _("notificaciones")
        ordering = ["-creada_en", "-pk"]
        indexes = [models.Index(fields=["usuario", "leida_en"], name="notif_usuario_leida")]

    def __str__(self):
        return self.titulo

    @property
    def leida(self) -> bool:
        return self.leida_en is not None
