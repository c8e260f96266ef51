"""The quarterly follow-up of the plans (activity 16): per dependencia and quarter, the progress of each activity;
Planeación's calendar of cut-offs and deadlines, its review and diagnosis, and Control Interno's observations."""

from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.models import ConVersion, Dependencia
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

TRIMESTRES = [(1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")]


class CalendarioQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.all() if es_personal(usuario) else self.none()


class CalendarioSeguimiento(models.Model):
    """The follow-up deadlines of one quarter, set by Planeación: when the dependencias report and when
    Planeación reviews. The cut-off date itself is the core's CorteTrimestral."""

    anio = models.PositiveSmallIntegerField(_("año"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    trimestre = models.PositiveSmallIntegerField(_("trimestre"), choices=TRIMESTRES)
    fecha_limite_reporte = models.DateField(_("las dependencias reportan hasta"))
    fecha_limite_revision = models.DateField(_("Planeación revisa hasta"))
    history = HistoricalRecords()

    objects = CalendarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendario de seguimiento")
        verbose_name_plural = _("calendarios de seguimiento")
        ordering = ["-anio", "-trimestre"]
        constraints = [models.UniqueConstraint(fields=["anio", "trimestre"], name="calendario_unico_por_trimestre")]

    def __str__(self) -> str:
        return f"{self.anio}-T{self.trimestre}"

    def get_absolute_url(self) -> str:
        return reverse("planes:calendario", args=[self.anio])


class SeguimientoQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        if not (usuario.is_authenticated and es_personal(usuario)):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        return self.filter(dependencia_id=usuario.dependencia_id)


class SeguimientoTrimestral(ConVersion):
    """A dependencia's quarter: abierto → enviado → revisado → cerrado. Planeación may return it; a closed quarter
    refuses edits, and only an approved adjustment reopens it."""

    class Estado(models.TextChoices):
        ABIERTO = "abierto", _("Abierto")
        ENVIADO = "enviado", _("Enviado a Planeación")
        REVISADO = "revisado", _("Revisado por Planeación")
        CERRADO = "cerrado", _("Cerrado")

    dependencia = models.ForeignKey(
        Dependencia, verbose_name=_("dependencia"), on_delete=models.PROTECT, related_name="seguimientos_de_planes"
    )
    anio = models.PositiveSmallIntegerField(_("año"))
    trimestre = models.PositiveSmallIntegerField(_("trimestre"), choices=TRIMESTRES)
    calendario = models.ForeignKey(
        CalendarioSeguimiento,
        verbose_name=_("calendario"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seguimientos",
    )
    estado = FSMField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.ABIERTO)
    enviado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("enviado por"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    enviado_en = models.DateTimeField(_("enviado el"), null=True, blank=True)
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revisado por"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    revisado_en = models.DateTimeField(_("revisado el"), null=True, blank=True)
    cerrado_en = models.DateTimeField(_("cerrado el"), null=True, blank=True)
    diagnostico = models.TextField(
        _("diagnóstico de Planeación"),
        blank=True,
        help_text=_("El cuadro diagnóstico trimestral sobre los avances del plan de acción de la dependencia."),
    )
    recomendaciones = models.TextField(_("recomendaciones"), blank=True)
    history = HistoricalRecords()

    objects = SeguimientoQuerySet.as_manager()

    class Meta:
        verbose_name = _("seguimiento trimestral")
        verbose_name_plural = _("seguimientos trimestrales")
        ordering = ["-anio", "-trimestre", "dependencia__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["dependencia", "anio", "trimestre"], name="seguimiento_unico_por_dependencia"
            )
        ]

    def __str__(self) -> str:
        sigla = self.dependencia.sigla or self.dependencia.nombre
        return str(_("Seguimiento %(p)s · %(d)s") % {"p": self.periodo, "d": sigla})

    def get_absolute_url(self) -> str:
        return reverse("planes:seguimiento-detalle", args=[self.pk])

    @property
    def periodo(self) -> str:
        return f"{self.anio}-T{self.trimestre}"

    @property
    def abierto(self) -> bool:
        return self.estado == self.Estado.ABIERTO

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ABIERTO, target=Estado.ENVIADO)
    def enviar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.ENVIADO, Estado.REVISADO], target=Estado.ABIERTO)
    def devolver(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ENVIADO, target=Estado.REVISADO)
    def revisar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.REVISADO, target=Estado.CERRADO)
    def cerrar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.CERRADO, target=Estado.ABIERTO)
    def reabrir(self, by=None, description=None):
        pass


class AvanceQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(seguimiento__in=SeguimientoTrimestral.objects.visibles_para(usuario))


class AvanceActividad(ConVersion):
    """One activity in one quarter: the qualitative progress, the budget executed, the justification when it falls
    short of what was programmed (control point of activity 16). The quantitative progress is the indicator's
    measurement."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Sin reportar")
        REPORTADO = "reportado", _("Reportado")
        DEVUELTO = "devuelto", _("Devuelto por Planeación")

    seguimiento = models.ForeignKey(
        SeguimientoTrimestral, verbose_name=_("seguimiento"), on_delete=models.CASCADE, related_name="avances"
    )
    actividad = models.ForeignKey(
        "planes.Actividad", verbose_name=_("actividad"), on_delete=models.CASCADE, related_name="avances"
    )
    estado = models.CharField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.PENDIENTE)
    avance_cualitativo = models.TextField(_("avance cualitativo"), blank=True)
    presupuesto_ejecutado = models.DecimalField(
        _("presupuesto ejecutado en el trimestre (COP)"), max_digits=18, decimal_places=2, default=0
    )
    justificacion = models.TextField(
        _("justificación del incumplimiento"),
        blank=True,
        help_text=_("Obligatoria cuando el avance acumulado está por debajo de lo programado."),
    )
    observacion = models.TextField(_("observación de Planeación"), blank=True)
    reportado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reportado por"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    reportado_en = models.DateTimeField(_("reportado el"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AvanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("avance de actividad")
        verbose_name_plural = _("avances de actividades")
        ordering = ["seguimiento", "actividad__plan", "actividad__orden", "actividad__codigo"]
        constraints = [models.UniqueConstraint(fields=["seguimiento", "actividad"], name="avance_unico")]

    def __str__(self) -> str:
        return f"{self.actividad.codigo} · {self.seguimiento.periodo}"

    def get_absolute_url(self) -> str:
        return f"{self.seguimiento.get_absolute_url()}#avance-{self.pk}"


class ObservacionQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(seguimiento__in=SeguimientoTrimestral.objects.visibles_para(usuario))


class ObservacionControl(models.Model):
    """An observation of Control Interno on a dependencia's quarter."""

    seguimiento = models.ForeignKey(
        SeguimientoTrimestral, verbose_name=_("seguimiento"), on_delete=models.CASCADE, related_name="observaciones"
    )
    texto = models.TextField(_("observación"))
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrada por"), on_delete=models.PROTECT, related_name="+"
    )
    creada_en = models.DateTimeField(_("registrada el"), default=timezone.now)
    history = HistoricalRecords()

    objects = ObservacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("observación de Control Interno")
        verbose_name_plural = _("observaciones de Control Interno")
        ordering = ["seguimiento", "creada_en", "pk"]

    def __str__(self) -> str:
        return f"{self.seguimiento} · {self.creada_en:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return f"{self.seguimiento.get_absolute_url()}#observaciones"
