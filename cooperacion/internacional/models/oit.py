from datetime import date
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core import roles
from cooperacion.core.archivos import ruta_de_archivo, validar_documento

if TYPE_CHECKING:
    from cooperacion.core.tipos import UsuarioOAnonimo

MENSAJE_LIMITE_ANTERIOR = _("La fecha límite de respuesta no puede ser anterior a la de recepción.")


class CasoOITQuerySet(models.QuerySet):
    def visibles_para(self, usuario: "UsuarioOAnonimo") -> Self:
        """Transversal roles see every case; Jefe and Profesional only those of their dependencia."""
        if not (usuario.is_authenticated and usuario.is_active):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        if usuario.dependencia_id and usuario.tiene_rol(roles.JEFE, roles.PROFESIONAL):
            return self.filter(dependencia_id=usuario.dependencia_id)
        return self.none()

    def en_tramite(self) -> Self:
        return self.filter(estado=CasoOIT.Estado.EN_TRAMITE)

    def vencidos(self, hoy: date | None = None) -> Self:
        return self.en_tramite().filter(fecha_limite_respuesta__lt=hoy or timezone.localdate())


class CasoOIT(models.Model):
    """A case before the ILO supervisory bodies that the Ministry must answer (procedure CRI-PD-03)."""

    class Tipo(models.TextChoices):
        QUEJA_CLS = "queja_cls", _("Queja ante el Comité de Libertad Sindical")
        MEMORIA = "memoria", _("Memoria sobre convenio ratificado (art. 22)")
        CEACR = "ceacr", _("Observación o solicitud directa de la CEACR")
        RECLAMACION = "reclamacion", _("Reclamación (art. 24)")
        QUEJA_ART26 = "queja_art26", _("Queja (art. 26)")
        OTRA = "otra", _("Otra solicitud de la OIT")

    class Estado(models.TextChoices):
        EN_TRAMITE = "en_tramite", _("En trámite")
        RESPONDIDO = "respondido", _("Respondido")
        CERRADO = "cerrado", _("Cerrado")

    numero = models.CharField(
        _("número"),
        max_length=30,
        help_text=_("Número del caso en la OIT (p. ej. 3074) o código de la memoria (p. ej. C087-2026)."),
    )
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    convenios = models.CharField(
        _("convenios"), max_length=200, help_text=_("Convenios de la OIT relacionados, p. ej. C087, C098.")
    )
    asunto = models.TextField(_("asunto"))
    organizacion_querellante = models.CharField(_("organización querellante"), max_length=250, blank=True)
    fecha_recepcion = models.DateField(_("fecha de recepción"))
    fecha_limite_respuesta = models.DateField(_("fecha límite de respuesta"))
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia que responde"),
        on_delete=models.PROTECT,
        related_name="casos_oit",
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.PROTECT,
        related_name="casos_oit",
        help_text=_("Profesional o jefe que prepara la respuesta."),
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.EN_TRAMITE)
    fecha_respuesta = models.DateField(_("fecha de la respuesta"), null=True, blank=True)
    radicado_respuesta = models.CharField(_("radicado de la respuesta"), max_length=60, blank=True)
    history = HistoricalRecords()

    objects = CasoOITQuerySet.as_manager()

    class Meta:
        verbose_name = _("caso OIT")
        verbose_name_plural = _("casos OIT")
        ordering = ["fecha_limite_respuesta", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "numero"],
                name="caso_oit_unico_por_tipo_y_numero",
                violation_error_message=_("Ya existe un caso de ese tipo con ese número."),
            ),
            models.CheckConstraint(
                condition=Q(fecha_limite_respuesta__gte=F("fecha_recepcion")),
                name="caso_oit_limite_no_anterior_a_recepcion",
                violation_error_message=MENSAJE_LIMITE_ANTERIOR,
            ),
            models.CheckConstraint(
                condition=Q(estado="en_tramite") | (Q(fecha_respuesta__isnull=False) & ~Q(radicado_respuesta="")),
                name="caso_oit_respondido_con_fecha_y_radicado",
                violation_error_message=_("Un caso respondido debe tener fecha y radicado de la respuesta."),
            ),
        ]
        indexes = [models.Index(fields=["estado", "fecha_limite_respuesta"], name="caso_oit_estado_limite")]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.numero}"

    def get_absolute_url(self) -> str:
        return reverse("internacional:caso-detalle", args=[self.pk])

    def clean(self):
        errores = {}
        if self.fecha_recepcion and self.fecha_limite_respuesta and self.fecha_limite_respuesta < self.fecha_recepcion:
            errores["fecha_limite_respuesta"] = MENSAJE_LIMITE_ANTERIOR
        if self.responsable_id and self.dependencia_id and self.responsable.dependencia_id != self.dependencia_id:
            errores["responsable"] = _("El responsable debe pertenecer a la dependencia del caso.")
        if errores:
            raise ValidationError(errores)

    @property
    def asunto_abreviado(self) -> str:
        return Truncator(" ".join(self.asunto.split())).chars(80)

    @property
    def titulo(self) -> str:
        return f"Caso {self.numero} – {self.asunto_abreviado}"

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_TRAMITE, target=Estado.RESPONDIDO)
    def registrar_respuesta(self, by=None, description=None):
        """The answer was approved and filed; `fecha_respuesta` and `radicado_respuesta` are set by the service."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.RESPONDIDO, target=Estado.CERRADO)
    def cerrar(self, by=None, description=None):
        """Archived: the ILO body closed the case or took note of the answer."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.RESPONDIDO, target=Estado.EN_TRAMITE)
    def reabrir(self, by=None, description=None):
        """The ILO asked for more information: a new deadline runs."""


class DocumentoCaso(models.Model):
    """A document of an ILO case: the communication received, each draft of the answer (numbered versions) and the
    answer as sent (filed by the Jefe with the answer)."""

    class Tipo(models.TextChoices):
        COMUNICACION = "comunicacion", _("Comunicación recibida")
        BORRADOR = "borrador", _("Borrador de respuesta")
        RESPUESTA = "respuesta", _("Respuesta enviada")

    caso = models.ForeignKey(CasoOIT, verbose_name=_("caso"), on_delete=models.CASCADE, related_name="documentos")
    tipo = models.CharField(_("tipo de documento"), max_length=20, choices=Tipo.choices)
    version = models.PositiveSmallIntegerField(_("versión"), default=1)
    archivo = models.FileField(_("archivo"), upload_to=ruta_de_archivo, validators=[validar_documento])
    descripcion = models.CharField(_("descripción"), max_length=250, blank=True)
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("subido por"), on_delete=models.PROTECT, related_name="+"
    )
    subido_en = models.DateTimeField(_("subido el"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("documento de caso OIT")
        verbose_name_plural = _("documentos de casos OIT")
        ordering = ["tipo", "version", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["caso", "tipo", "version"],
                name="documento_caso_version_unica",
                violation_error_message=_("Esa versión del documento ya existe."),
            )
        ]

    def __str__(self):
        if self.tipo == self.Tipo.BORRADOR:
            return _("Borrador de respuesta, versión %(v)s") % {"v": self.version}
        return self.get_tipo_display()

    def get_absolute_url(self) -> str:
        return self.caso.get_absolute_url()
