"""Agreements (convenios, acuerdos, memorandos de entendimiento), their commitments and their periodic review."""

from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import ruta_de_archivo, validar_documento
from cooperacion.core.fechas import validar_fecha
from cooperacion.core.models import ConVersion

from .alcance import AlcanceQuerySet
from .prioridades import monto_con_moneda

MENSAJE_FIN_ANTERIOR = _("El fin de la vigencia no puede ser anterior a la firma ni al inicio.")


class ConvenioQuerySet(AlcanceQuerySet, models.QuerySet):
    # The dependencia that answers for it, or one that is a party to it.
    rutas_de_alcance = ("dependencia_id", "dependencias_parte__id")

    def vigentes(self) -> Self:
        return self.filter(estado=Convenio.Estado.VIGENTE)


class Convenio(ConVersion):
    """An agreement signed with one or more actors (PR-CRI HACER), with its commitments and reviews."""

    # Set by convenio_editar for its checks: the line before the edit, still accepted when no longer active.
    _linea_anterior: int | None

    class Tipo(models.TextChoices):
        CONVENIO = "convenio", _("Convenio")
        ACUERDO = "acuerdo", _("Acuerdo")
        MEMORANDO = "memorando", _("Memorando de entendimiento")

    class Alcance(models.TextChoices):
        BILATERAL = "bilateral", _("Bilateral")
        MULTILATERAL = "multilateral", _("Multilateral")

    class Estado(models.TextChoices):
        VIGENTE = "vigente", _("Vigente")
        TERMINADO = "terminado", _("Terminado")

    numero = models.CharField(_("número"), max_length=60, unique=True)
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices, default=Tipo.CONVENIO)
    alcance = models.CharField(_("alcance"), max_length=20, choices=Alcance.choices, default=Alcance.BILATERAL)
    objeto = models.TextField(_("objeto"))
    actores = models.ManyToManyField("core.Actor", verbose_name=_("actores que lo suscriben"), related_name="convenios")
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia responsable"),
        on_delete=models.PROTECT,
        related_name="convenios",
    )
    dependencias_parte = models.ManyToManyField(
        "core.Dependencia",
        verbose_name=_("otras dependencias que son parte"),
        blank=True,
        related_name="convenios_en_que_participa",
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable"), on_delete=models.PROTECT, related_name="+"
    )
    fecha_firma = models.DateField(_("fecha de firma"), validators=[validar_fecha])
    fecha_inicio = models.DateField(_("inicio de la vigencia"), validators=[validar_fecha])
    fecha_fin = models.DateField(_("fin de la vigencia"), validators=[validar_fecha])
    monto = models.DecimalField(_("monto"), max_digits=18, decimal_places=2, null=True, blank=True)
    moneda = models.ForeignKey(
        "core.Moneda", verbose_name=_("moneda"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    documento = models.FileField(
        _("documento firmado"), upload_to=ruta_de_archivo, validators=[validar_documento], blank=True
    )
    linea = models.ForeignKey(
        "internacional.LineaPrioritaria",
        verbose_name=_("línea prioritaria"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="convenios",
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.VIGENTE)
    history = HistoricalRecords(m2m_fields=[actores, dependencias_parte])

    objects = ConvenioQuerySet.as_manager()

    class Meta:
        verbose_name = _("convenio")
        verbose_name_plural = _("convenios")
        ordering = ["fecha_fin", "numero"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=F("fecha_inicio")) & Q(fecha_fin__gte=F("fecha_firma")),
                name="convenio_fin_no_anterior",
                violation_error_message=MENSAJE_FIN_ANTERIOR,
            ),
            models.CheckConstraint(
                condition=Q(monto__isnull=True) | (Q(monto__gt=0) & Q(moneda__isnull=False)),
                name="convenio_monto_positivo_con_moneda",
                violation_error_message=_("El monto debe ser mayor que cero y llevar su moneda."),
            ),
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.numero}"

    def get_absolute_url(self) -> str:
        return reverse("internacional:convenio-detalle", args=[self.pk])

    @property
    def monto_display(self) -> str:
        return monto_con_moneda(self.monto, self.moneda) or "—"

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.VIGENTE, target=Estado.TERMINADO)
    def terminar(self, by=None, description=None):
        """Ended (expired, liquidated or terminated early), with the reason."""


class CompromisoConvenio(models.Model):
    """A commitment of an agreement, with its responsible and due date (a deadline of the engine)."""

    convenio = models.ForeignKey(
        Convenio, verbose_name=_("convenio"), on_delete=models.CASCADE, related_name="compromisos"
    )
    descripcion = models.TextField(_("compromiso"))
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable"), on_delete=models.PROTECT, related_name="+"
    )
    fecha_limite = models.DateField(_("fecha límite"), validators=[validar_fecha])
    cumplido_en = models.DateField(_("cumplido el"), null=True, blank=True, validators=[validar_fecha])
    observacion_cumplimiento = models.TextField(_("cómo se cumplió"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compromiso de convenio")
        verbose_name_plural = _("compromisos de convenio")
        ordering = ["fecha_limite", "pk"]

    def __str__(self):
        return self.descripcion[:80]

    def get_absolute_url(self) -> str:
        return self.convenio.get_absolute_url()

    @property
    def cumplido(self) -> bool:
        return self.cumplido_en is not None


class RevisionConvenio(models.Model):
    """The periodic review of an agreement's operation and effectiveness (PR-CRI VERIFICAR)."""

    class Calificacion(models.IntegerChoices):
        DEFICIENTE = 1, _("1 – Deficiente")
        INSUFICIENTE = 2, _("2 – Insuficiente")
        ACEPTABLE = 3, _("3 – Aceptable")
        BUENO = 4, _("4 – Bueno")
        EXCELENTE = 5, _("5 – Excelente")

    convenio = models.ForeignKey(
        Convenio, verbose_name=_("convenio"), on_delete=models.CASCADE, related_name="revisiones"
    )
    fecha = models.DateField(_("fecha de la revisión"), validators=[validar_fecha])
    calificacion = models.PositiveSmallIntegerField(
        _("calificación"), choices=Calificacion.choices, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comentario = models.TextField(_("comentario sobre el funcionamiento y la eficacia"))
    registrada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrada por"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("revisión de convenio")
        verbose_name_plural = _("revisiones de convenio")
        ordering = ["-fecha", "-pk"]

    def __str__(self):
        return f"{self.convenio} · {self.fecha:%d/%m/%Y}"
