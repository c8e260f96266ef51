"""What the offices configure in the browser: the terms of the strategy and the versioned consent texts."""

from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperacion.core.models import ConVersion
from cooperacion.core.tipos import UsuarioOAnonimo

from .comun import es_personal


class DeLaEntidadQuerySet(models.QuerySet):
    """Institutional records every member of staff may read."""

    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.all() if es_personal(usuario) else self.none()


class Configuracion(ConVersion):
    """One row: the terms of the accountability strategy (Planeación, Control Interno and the Administrador edit it)."""

    dias_respuesta = models.PositiveSmallIntegerField(
        _("días hábiles para responder una pregunta ciudadana"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Ley 1755 de 2015: 15 días hábiles desde que se recibe la petición."),
    )
    dias_aviso_espacio = models.PositiveSmallIntegerField(
        _("días de anticipación del aviso de un espacio de diálogo"),
        default=30,
        validators=[MaxValueValidator(180)],
        help_text=_("Días calendario antes del espacio en que su aviso aparece en las páginas públicas."),
    )
    dias_publicacion_informe = models.PositiveSmallIntegerField(
        _("días hábiles para publicar el informe de seguimiento"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Contados desde el día siguiente a la fecha de corte."),
    )
    preguntas_por_hora = models.PositiveSmallIntegerField(
        _("envíos del formulario de preguntas por hora desde una misma dirección"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    history = HistoricalRecords()

    objects = DeLaEntidadQuerySet.as_manager()

    class Meta:
        verbose_name = _("configuración de la rendición de cuentas")
        verbose_name_plural = _("configuración de la rendición de cuentas")

    def __str__(self) -> str:
        return str(_("Configuración de la rendición de cuentas"))

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("rendicion:configuracion")

    @classmethod
    def vigente(cls) -> "Configuracion":
        configuracion = cls.objects.order_by("pk").first()
        if configuracion is None:
            configuracion, _creada = cls.objects.get_or_create(pk=1)
        return configuracion


class TextoConsentimientoQuerySet(DeLaEntidadQuerySet):
    def vigente(self):
        return self.order_by("-version").first()


class TextoConsentimiento(models.Model):
    """A version of the consent text shown on the public question form (Ley 1581 de 2012). Never edited: a change
    is a new version, and every question keeps the version its author accepted."""

    version = models.PositiveIntegerField(_("versión"), unique=True)
    titulo = models.CharField(_("título"), max_length=200)
    texto = models.TextField(_("texto"))
    vigente_desde = models.DateTimeField(_("vigente desde"), default=timezone.now)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("creado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = TextoConsentimientoQuerySet.as_manager()

    class Meta:
        verbose_name = _("texto de consentimiento")
        verbose_name_plural = _("textos de consentimiento")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.titulo} (v{self.version})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("rendicion:configuracion")


TEXTO_CONSENTIMIENTO_INICIAL = (
    "Al enviar su pregunta autoriza a la entidad a tratar su nombre y su correo electrónico con la única "
    "finalidad de responder su pregunta en el marco de la rendición de cuentas y de comunicarle la respuesta, "
    "conforme a la Ley 1581 de 2012 y al Decreto 1074 de 2015. Su correo no se publica: en las páginas "
    "públicas aparecen solo la pregunta y la respuesta. Usted puede conocer, actualizar, rectificar y "
    "suprimir sus datos, y revocar esta autorización, escribiendo a los canales de atención al ciudadano "
    "de la entidad."
)
