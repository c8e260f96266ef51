"""Alliance and international-relations actions (Bogotá 4212000-CR-040, HACER): output type, allies, the sector
accompanied, monitoring during implementation, feedback to the sector and the publication of results."""

from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.fechas import validar_fecha
from cooperacion.core.models import ConVersion

from .alcance import AlcanceQuerySet


class AccionQuerySet(AlcanceQuerySet, models.QuerySet):
    def publicadas(self) -> Self:
        return self.filter(publicada=True, estado=AccionAlianza.Estado.FINALIZADA)


class AccionAlianza(ConVersion):
    class TipoProducto(models.TextChoices):
        ASISTENCIA_TECNICA = "asistencia_tecnica", _("Asistencia técnica")
        ALIANZA = "alianza", _("Alianza")
        BUENAS_PRACTICAS = "buenas_practicas", _("Buenas prácticas e intercambio de conocimientos")
        CONVENIO = "convenio", _("Convenio de cooperación")
        CURSOS = "cursos", _("Cursos / capacitación")
        PREMIOS = "premios", _("Premios")
        DONACIONES = "donaciones", _("Donaciones")
        EVENTOS = "eventos", _("Eventos / campañas")
        PUBLICACIONES = "publicaciones", _("Publicaciones")
        INSTRUMENTOS = "instrumentos", _("Instrumentos de cooperación internacional")

    class Estado(models.TextChoices):
        PLANEADA = "planeada", _("Planeada")
        EN_IMPLEMENTACION = "en_implementacion", _("En implementación")
        FINALIZADA = "finalizada", _("Finalizada")

    nombre = models.CharField(_("nombre"), max_length=250)
    tipo_producto = models.CharField(_("tipo de producto"), max_length=30, choices=TipoProducto.choices)
    descripcion = models.TextField(_("descripción"), blank=True)
    aliados = models.ManyToManyField("core.Actor", verbose_name=_("aliados"), related_name="acciones_de_alianza")
    sector_acompanado = models.CharField(_("sector o entidad acompañada"), max_length=250)
    dependencia = models.ForeignKey(
        "core.Dependencia", verbose_name=_("dependencia responsable"), on_delete=models.PROTECT, related_name="+"
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable"), on_delete=models.PROTECT, related_name="+"
    )
    fecha_inicio = models.DateField(_("inicio"), validators=[validar_fecha])
    fecha_fin = models.DateField(_("fin previsto"), validators=[validar_fecha])
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.PLANEADA)
    retroalimentacion = models.TextField(_("retroalimentación al sector"), blank=True)
    medio_publicacion = models.CharField(_("medio de publicación"), max_length=150, blank=True)
    fecha_publicacion = models.DateField(_("fecha de publicación"), null=True, blank=True, validators=[validar_fecha])
    enlace_publicacion = models.URLField(_("enlace a la publicación"), max_length=500, blank=True)
    publicada = models.BooleanField(_("publicada en transparencia"), default=False)
    history = HistoricalRecords(m2m_fields=[aliados])

    objects = AccionQuerySet.as_manager()

    class Meta:
        verbose_name = _("acción de alianza")
        verbose_name_plural = _("acciones de alianza y relaciones internacionales")
        ordering = ["-fecha_inicio", "nombre"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=F("fecha_inicio")),
                name="accion_alianza_fin_no_anterior",
                violation_error_message=_("El fin previsto no puede ser anterior al inicio."),
            ),
            models.CheckConstraint(
                condition=Q(publicada=False) | (~Q(medio_publicacion="") & Q(fecha_publicacion__isnull=False)),
                name="accion_alianza_publicada_con_medio_y_fecha",
                violation_error_message=_("Para publicarla indique el medio y la fecha de publicación."),
            ),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("internacional:accion-detalle", args=[self.pk])

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PLANEADA, target=Estado.EN_IMPLEMENTACION)
    def iniciar(self, by=None, description=None):
        """Implementation starts: monitoring entries are recorded."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_IMPLEMENTACION, target=Estado.FINALIZADA)
    def finalizar(self, by=None, description=None):
        """Finished with the feedback given to the sector."""


class SeguimientoAccion(models.Model):
    accion = models.ForeignKey(
        AccionAlianza, verbose_name=_("acción"), on_delete=models.CASCADE, related_name="seguimientos"
    )
    fecha = models.DateField(_("fecha"), validators=[validar_fecha])
    avance = models.TextField(_("avance"))
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrado por"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seguimiento de acción")
        verbose_name_plural = _("seguimientos de acciones")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        return f"{self.accion} · {self.fecha:%d/%m/%Y}"
