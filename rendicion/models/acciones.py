"""The actions of each element, their responsible dependencias, progress notes, and the social-media metrics."""

from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import DOCUMENTOS_DE_OFICINA, IMAGENES, ValidadorDeArchivo, ruta_de_archivo
from cooperacion.core.models import ConVersion
from cooperacion.core.tipos import UsuarioOAnonimo

from .comun import dependencia_de_trabajo
from .configuracion import DeLaEntidadQuerySet
from .estrategia import ORDEN_ELEMENTOS, Elemento, Estrategia

TIPOS_DE_EVIDENCIA = (*DOCUMENTOS_DE_OFICINA, *IMAGENES)
validar_evidencia = ValidadorDeArchivo(TIPOS_DE_EVIDENCIA)


class AccionQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        """Planeación, Control Interno and the Administrador see every action; a Profesional or Jefe sees the actions
        their dependencia leads or shares (and reports its part of them)."""
        if not (usuario.is_authenticated and usuario.is_active):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        dependencia_id = dependencia_de_trabajo(usuario)
        if dependencia_id is None:
            return self.none()
        return self.filter(
            Exists(ResponsableAccion.objects.filter(accion=OuterRef("pk"), dependencia_id=dependencia_id))
        )


class AccionRendicion(ConVersion):
    """An action of one element: deliverable, responsible dependencias (one leads), dates, ODS, state and progress."""

    class Estado(models.TextChoices):
        PROGRAMADA = "programada", _("Programada")
        EN_EJECUCION = "en_ejecucion", _("En ejecución")
        CUMPLIDA = "cumplida", _("Cumplida")

    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.CASCADE, related_name="acciones"
    )
    elemento = models.CharField(_("elemento"), max_length=20, choices=Elemento.choices)
    numero = models.PositiveSmallIntegerField(_("número"))
    texto = models.TextField(_("acción"))
    entregable = models.TextField(_("entregable"))
    responsable_texto = models.CharField(
        _("responsable (como lo escribe la estrategia)"),
        max_length=300,
        blank=True,
        help_text=_("Por ejemplo «Grupo de Comunicaciones / Oficina Asesora de Planeación»."),
    )
    fecha_inicio = models.DateField(_("fecha de inicio"), null=True, blank=True)
    fecha_fin = models.DateField(_("fecha de terminación"), null=True, blank=True)
    ods = models.ManyToManyField("core.ODS", verbose_name=_("ODS"), blank=True, related_name="+")
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.PROGRAMADA)
    porcentaje_avance = models.PositiveSmallIntegerField(
        _("avance (%)"), default=0, validators=[MaxValueValidator(100)], editable=False
    )
    cumplida_en = models.DateField(_("cumplida el"), null=True, blank=True, editable=False)
    duplicado_de = models.ForeignKey(
        "self",
        verbose_name=_("repite la acción"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text=_("La estrategia escribe esta acción dos veces; se conservan las dos."),
    )
    copiada_de = models.ForeignKey(
        "self", verbose_name=_("copiada de"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = AccionQuerySet.as_manager()

    class Meta:
        verbose_name = _("acción de rendición de cuentas")
        verbose_name_plural = _("acciones de rendición de cuentas")
        ordering = ["estrategia", "elemento", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["estrategia", "elemento", "numero"], name="accion_unica_por_numero"),
            models.CheckConstraint(
                condition=Q(fecha_inicio__isnull=True)
                | Q(fecha_fin__isnull=True)
                | Q(fecha_fin__gte=models.F("fecha_inicio")),
                name="accion_fin_no_anterior_al_inicio",
                violation_error_message=_("La fecha de terminación no puede ser anterior a la de inicio."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.codigo} {self.texto[:90]}"

    def get_absolute_url(self) -> str:
        return reverse("rendicion:accion", args=[self.pk])

    @property
    def codigo(self) -> str:
        """«I-3», «D-1», «R-5»: element initial and number, as the strategy's tables number them."""
        return f"{self.get_elemento_display()[0]}-{self.numero}"

    @property
    def orden_elemento(self) -> int:
        return ORDEN_ELEMENTOS.get(self.elemento, 99)

    @cached_property
    def responsables_ordenados(self) -> list["ResponsableAccion"]:
        """The lead first, then the others as the strategy lists them (uses the prefetched rows when present)."""
        return sorted(self.responsables.all(), key=lambda r: (not r.lidera, r.orden, r.pk))

    @property
    def lider(self):
        return next((r for r in self.responsables_ordenados if r.lidera), None)

    @property
    def dependencia_ids(self) -> set[int]:
        return {r.dependencia_id for r in self.responsables_ordenados}

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PROGRAMADA, target=Estado.EN_EJECUCION)
    def iniciar(self, by=None, description=None):
        """The lead dependencia started the action."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_EJECUCION, target=Estado.CUMPLIDA)
    def completar(self, by=None, description=None):
        """The deliverable is done; `cumplida_en` is set by the service."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.CUMPLIDA, target=Estado.EN_EJECUCION)
    def reabrir(self, by=None, description=None):
        """Planeación found the deliverable incomplete."""


class ResponsableAccion(models.Model):
    """A dependencia responsible for an action: one leads, the others share it (and each reports its part)."""

    accion = models.ForeignKey(
        AccionRendicion, verbose_name=_("acción"), on_delete=models.CASCADE, related_name="responsables"
    )
    dependencia = models.ForeignKey(
        "core.Dependencia", verbose_name=_("dependencia"), on_delete=models.PROTECT, related_name="+"
    )
    lidera = models.BooleanField(_("lidera"), default=False)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dependencia responsable")
        verbose_name_plural = _("dependencias responsables")
        ordering = ["accion", "-lidera", "orden", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["accion", "dependencia"], name="responsable_unico_por_accion"),
            models.UniqueConstraint(fields=["accion"], condition=Q(lidera=True), name="un_solo_lider_por_accion"),
        ]

    def __str__(self) -> str:
        return str(self.dependencia)


class AvanceQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(accion__in=AccionRendicion.objects.visibles_para(usuario))


class AvanceAccion(models.Model):
    """A progress note of one responsible dependencia on its part of an action, with its evidence."""

    accion = models.ForeignKey(
        AccionRendicion, verbose_name=_("acción"), on_delete=models.CASCADE, related_name="avances"
    )
    dependencia = models.ForeignKey(
        "core.Dependencia", verbose_name=_("dependencia"), on_delete=models.PROTECT, related_name="+"
    )
    fecha = models.DateField(_("fecha"), default=timezone.localdate)
    descripcion = models.TextField(_("avance"))
    porcentaje = models.PositiveSmallIntegerField(
        _("avance de su parte (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    evidencia = models.FileField(
        _("evidencia"), upload_to=ruta_de_archivo, blank=True, max_length=300, validators=[validar_evidencia]
    )
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrado por"), on_delete=models.PROTECT, related_name="+"
    )
    registrado_en = models.DateTimeField(_("registrado el"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = AvanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("avance de una acción")
        verbose_name_plural = _("avances de las acciones")
        ordering = ["-fecha", "-registrado_en", "-pk"]

    def __str__(self) -> str:
        return f"{self.dependencia}: {self.descripcion[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("rendicion:accion", args=[self.accion_id]) + f"#avance-{self.pk}"


class MetricaDefinida(models.Model):
    """A social-media metric the strategy asks the communications group to report (network, metric, frequency)."""

    class Red(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        TWITTER = "twitter", "Twitter"
        YOUTUBE = "youtube", "YouTube"
        LINKEDIN = "linkedin", "LinkedIn"
        INSTAGRAM = "instagram", "Instagram"

    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.CASCADE, related_name="metricas"
    )
    accion = models.ForeignKey(
        AccionRendicion,
        verbose_name=_("acción"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="metricas",
    )
    red = models.CharField(_("red social"), max_length=20, choices=Red.choices)
    red_como_esta_escrita = models.CharField(_("red (como está escrita)"), max_length=40, blank=True)
    metrica = models.CharField(_("métrica"), max_length=120)
    por_mes = models.BooleanField(_("se reporta por mes"), default=True)
    texto = models.CharField(_("texto de la estrategia"), max_length=200, blank=True)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords()

    objects = DeLaEntidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("métrica de redes sociales")
        verbose_name_plural = _("métricas de redes sociales")
        ordering = ["estrategia", "red", "orden", "pk"]

    def __str__(self) -> str:
        return f"{self.get_red_display()}: {self.metrica}"

    def get_absolute_url(self) -> str:
        return reverse("rendicion:metricas", args=[self.estrategia_id])


class RegistroMetrica(models.Model):
    """The value of one metric in one month."""

    definicion = models.ForeignKey(
        MetricaDefinida, verbose_name=_("métrica"), on_delete=models.CASCADE, related_name="registros"
    )
    mes = models.DateField(_("mes"), help_text=_("El primer día del mes."))
    valor = models.PositiveBigIntegerField(_("valor"))
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrado por"), on_delete=models.PROTECT, related_name="+"
    )
    registrado_en = models.DateTimeField(_("registrado el"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valor de una métrica")
        verbose_name_plural = _("valores de las métricas")
        ordering = ["definicion", "mes"]
        constraints = [
            models.UniqueConstraint(fields=["definicion", "mes"], name="metrica_un_valor_por_mes"),
        ]

    def __str__(self) -> str:
        return f"{self.definicion} {self.mes:%m/%Y}: {self.valor}"
