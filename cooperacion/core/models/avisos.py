from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organizacion import Usuario


class NotificacionQuerySet(models.QuerySet["Notificacion"]):
    def no_leidas(self) -> Self:
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
    # A notice that asks for an action ("Convocatoria por validar") names that task; once it is done by anyone, the
    # notice is marked read for everyone who got it (services.tarea_cumplida).
    tarea = models.CharField(_("tarea"), max_length=120, blank=True, db_index=True)
    recordatorio = models.ForeignKey(
        "RecordatorioEnviado",
        verbose_name=_("recordatorio"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notificaciones",
    )

    objects = NotificacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("notificación")
        verbose_name_plural = _("notificaciones")
        ordering = ["-creada_en", "-pk"]
        indexes = [models.Index(fields=["usuario", "leida_en"], name="notif_usuario_leida")]

    def __str__(self) -> str:
        return self.titulo

    @property
    def leida(self) -> bool:
        return self.leida_en is not None


def _lista_de_enteros_positivos(valor: object) -> None:
    if not isinstance(valor, list) or not all(isinstance(v, int) and v > 0 for v in valor):
        raise ValidationError(_("Escriba días enteros positivos, por ejemplo 15, 5, 1."))


class TipoPlazo(models.Model):
    """A kind of deadline ("cierre de convocatoria", "respuesta a la OIT"...) and when to remind about it.

    The kinds are declared in code by the apps (see plazos.py); the Administrador edits the thresholds.
    """

    codigo = models.SlugField(_("código"), max_length=60, unique=True)
    nombre = models.CharField(_("nombre"), max_length=150)
    dias_habiles = models.BooleanField(
        _("contar en días hábiles"), default=True, help_text=_("Si no, se cuentan días calendario.")
    )
    umbrales = models.JSONField(
        _("avisar con estos días de anticipación"),
        default=list,
        validators=[_lista_de_enteros_positivos],
        help_text=_("Lista de días antes del vencimiento, por ejemplo [15, 5, 1]."),
    )
    avisar_el_dia = models.BooleanField(_("avisar el día del vencimiento"), default=True)
    repetir_vencido_cada = models.PositiveSmallIntegerField(
        _("repetir el aviso de vencido cada (días)"),
        default=5,
        help_text=_("0 = avisar una sola vez cuando se vence."),
    )
    dias_alerta = models.PositiveSmallIntegerField(
        _("días para el semáforo amarillo"),
        default=5,
        help_text=_("Con estos días o menos para vencer, el plazo se muestra en amarillo."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tipo de plazo")
        verbose_name_plural = _("tipos de plazo")
        ordering = ["nombre"]

    def __str__(self) -> str:
        return self.nombre

    def clean(self) -> None:
        if isinstance(self.umbrales, list):
            self.umbrales = sorted(set(self.umbrales), reverse=True)


class RecordatorioEnviado(models.Model):
    """One reminder sent for one deadline at one threshold: the unique key makes every sweep idempotent.

    `umbral` reads "-15" (15 days before), "0" (on the day) or "+6" (overdue for 6 days); `fecha_plazo`
    is part of the key so that a moved deadline is reminded about again.
    """

    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    tipo = models.ForeignKey(TipoPlazo, verbose_name=_("tipo de plazo"), on_delete=models.CASCADE)
    umbral = models.CharField(_("umbral"), max_length=10)
    fecha_plazo = models.DateField(_("fecha del plazo"))
    titulo = models.CharField(_("plazo"), max_length=300)
    enviado_en = models.DateTimeField(_("enviado"), default=timezone.now, db_index=True)
    destinatarios = models.ManyToManyField(Usuario, verbose_name=_("destinatarios"), blank=True)

    class Meta:
        verbose_name = _("recordatorio enviado")
        verbose_name_plural = _("recordatorios enviados")
        ordering = ["-enviado_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "tipo", "umbral", "fecha_plazo"],
                name="recordatorio_unico_por_umbral",
            )
        ]

    def __str__(self) -> str:
        return f"{self.titulo} ({self.umbral})"


class PlazoAbierto(models.Model):
    """One open deadline, kept by the engine from the apps' providers whenever its record changes (plazos.py).

    Lists, the home page, the calendar, reports and the reminder sweep read this table: they filter, order and
    page in the database, so their cost does not grow with the deadlines they do not show.
    """

    tipo = models.CharField(_("tipo de plazo"), max_length=60)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    fecha = models.DateField(_("fecha límite"))
    hora = models.TimeField(_("hora"), null=True, blank=True)
    titulo = models.CharField(_("plazo"), max_length=300)
    detalle = models.CharField(_("detalle"), max_length=500, blank=True)
    url = models.CharField(_("enlace"), max_length=500, blank=True)
    dependencia = models.ForeignKey(
        "Dependencia", verbose_name=_("dependencia"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    dependencia_otra = models.ForeignKey(
        "Dependencia",
        verbose_name=_("otra dependencia a cargo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responsables = models.ManyToManyField(Usuario, verbose_name=_("responsables"), related_name="plazos_a_cargo")
    avisados = models.ManyToManyField(Usuario, verbose_name=_("también avisar a"), related_name="plazos_avisados")
    actualizado_en = models.DateTimeField(_("actualizado"), auto_now=True)

    class Meta:
        verbose_name = _("plazo abierto")
        verbose_name_plural = _("plazos abiertos")
        ordering = ["fecha", "hora", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tipo", "content_type", "object_id"], name="plazo_abierto_unico"),
        ]
        indexes = [
            models.Index(fields=["fecha", "id"], name="plazo_por_fecha"),
            models.Index(fields=["dependencia", "fecha"], name="plazo_dependencia_fecha"),
            models.Index(fields=["dependencia_otra", "fecha"], name="plazo_otra_dependencia_fecha"),
            models.Index(fields=["tipo", "fecha"], name="plazo_tipo_fecha"),
        ]

    def __str__(self) -> str:
        return f"{self.titulo} ({self.fecha:%d/%m/%Y})"
