"""Priority lines of the cooperation offer and demand, and the cooperation needs raised by the dependencias."""

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.models import CatalogoQuerySet, ConVersion
from cooperacion.core.numeros import formatear_numero

from .alcance import AlcanceQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ANIO_MINIMO = 1990
ANIO_MAXIMO = 2100


def anio_actual() -> int:
    return timezone.localdate().year


def monto_con_moneda(monto, moneda) -> str:
    if monto is None:
        return ""
    codigo = moneda.codigo if moneda is not None else ""
    return f"{formatear_numero(monto, 2)} {codigo}".strip()


class LineaPrioritariaQuerySet(CatalogoQuerySet):
    def vigentes(self) -> Self:
        """Approved and active: the lines calls, projects and needs are tagged with."""
        return self.filter(activa=True, estado=LineaPrioritaria.Estado.APROBADA)


class LineaPrioritaria(ConVersion):
    """A priority line of the cooperation offer or demand for a period (PR-CRI, planear row 1), proposed by the
    office and approved by the Jefe; calls, projects and needs are tagged with it."""

    class Tipo(models.TextChoices):
        DEMANDA = "demanda", _("Demanda (lo que la entidad necesita)")
        OFERTA = "oferta", _("Oferta (lo que la entidad ofrece: cooperación Sur-Sur)")

    class Estado(models.TextChoices):
        PROPUESTA = "propuesta", _("Propuesta")
        APROBADA = "aprobada", _("Aprobada")
        RECHAZADA = "rechazada", _("Rechazada")
        RETIRADA = "retirada", _("Retirada")

    nombre = models.CharField(_("nombre"), max_length=200)
    descripcion = models.TextField(_("descripción"), blank=True)
    tipo = models.CharField(_("tipo"), max_length=10, choices=Tipo.choices, default=Tipo.DEMANDA)
    periodo_inicio = models.PositiveSmallIntegerField(
        _("desde el año"),
        default=anio_actual,
        validators=[MinValueValidator(ANIO_MINIMO), MaxValueValidator(ANIO_MAXIMO)],
    )
    periodo_fin = models.PositiveSmallIntegerField(
        _("hasta el año"),
        default=anio_actual,
        validators=[MinValueValidator(ANIO_MINIMO), MaxValueValidator(ANIO_MAXIMO)],
    )
    activa = models.BooleanField(_("activa"), default=True)
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia que la lidera"),
        on_delete=models.PROTECT,
        related_name="lineas_prioritarias",
        null=True,
        blank=True,
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.PROPUESTA)
    aprobada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aprobada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aprobada_en = models.DateTimeField(_("aprobada el"), null=True, blank=True)
    history = HistoricalRecords()

    objects = LineaPrioritariaQuerySet.as_manager()

    class Meta:
        verbose_name = _("línea prioritaria")
        verbose_name_plural = _("líneas prioritarias")
        ordering = ["-periodo_inicio", "nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["nombre", "periodo_inicio"],
                name="linea_unica_por_nombre_y_periodo",
                violation_error_message=_("Ya existe una línea con ese nombre para ese periodo."),
            ),
            models.CheckConstraint(
                condition=Q(periodo_fin__gte=F("periodo_inicio")),
                name="linea_periodo_ordenado",
                violation_error_message=_("El año final del periodo no puede ser anterior al inicial."),
            ),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("internacional:linea-detalle", args=[self.pk])

    @property
    def activa_display(self) -> "StrOrPromise":
        return _("Sí") if self.activa else _("No")

    @property
    def periodo(self) -> str:
        if self.periodo_inicio == self.periodo_fin:
            return str(self.periodo_inicio)
        return f"{self.periodo_inicio}–{self.periodo_fin}"

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PROPUESTA, target=Estado.APROBADA)
    def aprobar(self, by=None, description=None):
        """The Jefe approves the line: it is offered to tag calls, projects and needs."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PROPUESTA, target=Estado.RECHAZADA)
    def rechazar(self, by=None, description=None):
        """The Jefe does not approve the line (with a reason)."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.APROBADA, target=Estado.RETIRADA)
    def retirar(self, by=None, description=None):
        """No longer a priority; what was tagged with it keeps the tag."""


class NecesidadQuerySet(AlcanceQuerySet, models.QuerySet):
    def abiertas(self) -> Self:
        return self.filter(estado__in=Necesidad.ABIERTAS)


class Necesidad(ConVersion):
    """A cooperation need raised by a dependencia or attached entity; the office prioritizes it, presents it to
    donors or APC-Colombia, and it ends attended (by a call or its project) or discarded with a reason."""

    class Estado(models.TextChoices):
        REGISTRADA = "registrada", _("Registrada")
        PRIORIZADA = "priorizada", _("Priorizada")
        PRESENTADA = "presentada", _("Presentada")
        ATENDIDA = "atendida", _("Atendida")
        DESCARTADA = "descartada", _("Descartada")

    ABIERTAS = (Estado.REGISTRADA, Estado.PRIORIZADA, Estado.PRESENTADA)

    titulo = models.CharField(_("título"), max_length=250)
    descripcion = models.TextField(_("descripción"), blank=True)
    tema = models.CharField(_("tema"), max_length=150, blank=True)
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia que la solicita"),
        on_delete=models.PROTECT,
        related_name="necesidades",
    )
    linea = models.ForeignKey(
        LineaPrioritaria,
        verbose_name=_("línea prioritaria"),
        on_delete=models.PROTECT,
        related_name="necesidades",
        null=True,
        blank=True,
    )
    ods = models.ForeignKey(
        "core.ODS", verbose_name=_("ODS"), on_delete=models.PROTECT, related_name="necesidades", null=True, blank=True
    )
    monto_estimado = models.DecimalField(_("monto estimado"), max_digits=18, decimal_places=2, null=True, blank=True)
    moneda = models.ForeignKey(
        "core.Moneda", verbose_name=_("moneda"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.REGISTRADA)
    prioridad = models.PositiveSmallIntegerField(
        _("prioridad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text=_("Puesto en la priorización de la oficina: 1 es la más prioritaria."),
    )
    presentada_a = models.CharField(_("presentada a"), max_length=250, blank=True)
    fecha_presentacion = models.DateField(_("fecha de presentación"), null=True, blank=True)
    motivo_descarte = models.TextField(_("motivo del descarte"), blank=True)
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registrada_en = models.DateTimeField(_("registrada el"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = NecesidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("necesidad de cooperación")
        verbose_name_plural = _("necesidades de cooperación")
        ordering = ["titulo"]
        constraints = [
            models.UniqueConstraint(
                fields=["dependencia", "titulo"],
                name="necesidad_unica_por_dependencia",
                violation_error_message=_("La dependencia ya registró una necesidad con ese título."),
            ),
            models.CheckConstraint(
                condition=~Q(estado="descartada") | ~Q(motivo_descarte=""),
                name="necesidad_descartada_con_motivo",
                violation_error_message=_("Una necesidad descartada debe tener el motivo del descarte."),
            ),
            models.CheckConstraint(
                condition=Q(monto_estimado__isnull=True) | (Q(monto_estimado__gt=0) & Q(moneda__isnull=False)),
                name="necesidad_monto_positivo_con_moneda",
                violation_error_message=_("El monto estimado debe ser mayor que cero y llevar su moneda."),
            ),
        ]

    def __str__(self):
        return self.titulo

    def get_absolute_url(self) -> str:
        return reverse("internacional:necesidad-detalle", args=[self.pk])

    @property
    def abierta(self) -> bool:
        return self.estado in self.ABIERTAS

    @property
    def monto_display(self) -> str:
        return monto_con_moneda(self.monto_estimado, self.moneda) or "—"

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.REGISTRADA, target=Estado.PRIORIZADA)
    def priorizar(self, by=None, description=None):
        """The office ranks the need among the others."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PRIORIZADA, target=Estado.PRESENTADA)
    def presentar(self, by=None, description=None):
        """Presented to donors or to APC-Colombia."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PRESENTADA, target=Estado.ATENDIDA)
    def atender(self, by=None, description=None):
        """A call (and, when accepted, its project) attends the need."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=ABIERTAS, target=Estado.DESCARTADA)
    def descartar(self, by=None, description=None):
        """No longer pursued; the reason is kept."""
