"""International instruments (ILO conventions and others): their state for Colombia as a workflow with dates, the
studies for adoption or ratification (PLANEAR), and the periodic reports on their application (memorias)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import ruta_de_archivo, validar_documento
from cooperacion.core.fechas import validar_fecha, validar_fecha_historica
from cooperacion.core.models import ConVersion

from .alcance import AlcanceQuerySet


class InstrumentoQuerySet(AlcanceQuerySet, models.QuerySet):
    # The dependencia that follows it, or one that answers one of its memorias.
    rutas_de_alcance = ("dependencia_id", "memorias__dependencia_id")


class InstrumentoInternacional(ConVersion):
    """A convention, protocol or treaty and where Colombia stands with it."""

    class Estado(models.TextChoices):
        EN_ESTUDIO = "en_estudio", _("En estudio")
        EN_NEGOCIACION = "en_negociacion", _("En negociación")
        ADOPTADO = "adoptado", _("Adoptado")
        RATIFICADO = "ratificado", _("Ratificado por Colombia")
        DENUNCIADO = "denunciado", _("Denunciado")

    codigo = models.CharField(_("código"), max_length=30, unique=True, help_text=_("P. ej. C087, C190, P029."))
    nombre = models.CharField(_("nombre"), max_length=300)
    organizacion = models.ForeignKey(
        "core.Actor", verbose_name=_("organización"), on_delete=models.PROTECT, related_name="instrumentos"
    )
    descripcion = models.TextField(_("descripción"), blank=True)
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia que le hace seguimiento"),
        on_delete=models.PROTECT,
        related_name="instrumentos_internacionales",
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.EN_ESTUDIO)
    fecha_adopcion = models.DateField(
        _("fecha de adopción"), null=True, blank=True, validators=[validar_fecha_historica]
    )
    fecha_ratificacion = models.DateField(
        _("fecha de ratificación"), null=True, blank=True, validators=[validar_fecha_historica]
    )
    fecha_denuncia = models.DateField(
        _("fecha de denuncia"), null=True, blank=True, validators=[validar_fecha_historica]
    )
    history = HistoricalRecords()

    objects = InstrumentoQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrumento internacional")
        verbose_name_plural = _("instrumentos internacionales")
        ordering = ["codigo"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_ratificacion__isnull=True)
                | Q(fecha_adopcion__isnull=True)
                | Q(fecha_ratificacion__gte=models.F("fecha_adopcion")),
                name="instrumento_ratificado_despues_de_adoptado",
                violation_error_message=_("La ratificación no puede ser anterior a la adopción."),
            )
        ]

    def __str__(self):
        return f"{self.codigo} – {self.nombre}"

    def get_absolute_url(self) -> str:
        return reverse("internacional:instrumento-detalle", args=[self.pk])

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_ESTUDIO, target=Estado.EN_NEGOCIACION)
    def negociar(self, by=None, description=None):
        """The text is being negotiated."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.EN_ESTUDIO, Estado.EN_NEGOCIACION], target=Estado.ADOPTADO)
    def adoptar(self, by=None, description=None):
        """Adopted by the organization (the date is set by the service)."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ADOPTADO, target=Estado.RATIFICADO)
    def ratificar(self, by=None, description=None):
        """Ratified by Colombia (the date is set by the service)."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.RATIFICADO, target=Estado.DENUNCIADO)
    def denunciar(self, by=None, description=None):
        """Denounced by Colombia (the date is set by the service)."""


class EstudioInstrumento(models.Model):
    """A study for the adoption or the ratification of an instrument (PR-CRI, PLANEAR), with its document."""

    class Proposito(models.TextChoices):
        ADOPCION = "adopcion", _("Para la adopción")
        RATIFICACION = "ratificacion", _("Para la ratificación")

    instrumento = models.ForeignKey(
        InstrumentoInternacional, verbose_name=_("instrumento"), on_delete=models.CASCADE, related_name="estudios"
    )
    titulo = models.CharField(_("título"), max_length=250)
    proposito = models.CharField(_("propósito"), max_length=20, choices=Proposito.choices)
    fecha = models.DateField(_("fecha"), validators=[validar_fecha])
    documento = models.FileField(_("documento"), upload_to=ruta_de_archivo, validators=[validar_documento])
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrado por"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("estudio de instrumento")
        verbose_name_plural = _("estudios de instrumentos")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        return self.titulo


class MemoriaInstrumento(models.Model):
    """A periodic report on the application of an instrument, due on a date counted in business days."""

    instrumento = models.ForeignKey(
        InstrumentoInternacional, verbose_name=_("instrumento"), on_delete=models.CASCADE, related_name="memorias"
    )
    periodo = models.CharField(_("periodo"), max_length=30, help_text=_("P. ej. 2026 o 2024-2026."))
    fecha_solicitud = models.DateField(_("fecha de la solicitud"), validators=[validar_fecha])
    dias_habiles = models.PositiveSmallIntegerField(
        _("plazo en días hábiles"), null=True, blank=True, help_text=_("Si lo indica, la fecha límite se calcula.")
    )
    fecha_limite = models.DateField(_("fecha límite"), validators=[validar_fecha])
    dependencia = models.ForeignKey(
        "core.Dependencia", verbose_name=_("dependencia responsable"), on_delete=models.PROTECT, related_name="+"
    )
    fecha_envio = models.DateField(_("fecha de envío"), null=True, blank=True, validators=[validar_fecha])
    radicado = models.CharField(_("radicado del envío"), max_length=60, blank=True)
    soporte = models.FileField(
        _("soporte del envío"), upload_to=ruta_de_archivo, validators=[validar_documento], blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("memoria de instrumento")
        verbose_name_plural = _("memorias de instrumentos")
        ordering = ["fecha_limite", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_limite__gte=models.F("fecha_solicitud")),
                name="memoria_limite_no_anterior_a_solicitud",
                violation_error_message=_("La fecha límite no puede ser anterior a la solicitud."),
            ),
            models.CheckConstraint(
                condition=Q(fecha_envio__isnull=True) | ~Q(radicado=""),
                name="memoria_enviada_con_radicado",
                violation_error_message=_("Una memoria enviada debe tener su radicado."),
            ),
        ]

    def __str__(self):
        return f"{self.instrumento.codigo} · {self.periodo}"

    def get_absolute_url(self) -> str:
        return self.instrumento.get_absolute_url()

    @property
    def enviada(self) -> bool:
        return self.fecha_envio is not None
