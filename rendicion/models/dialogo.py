"""Dialogue spaces (public hearing, management event, technical table, streaming) and the citizens' questions."""

from datetime import date
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import DOCUMENTOS_DE_OFICINA, ValidadorDeArchivo, ruta_de_archivo
from cooperacion.core.models import ConVersion
from cooperacion.core.tipos import UsuarioOAnonimo

from .comun import dependencia_de_trabajo
from .configuracion import TextoConsentimiento
from .estrategia import Estrategia

validar_acta = ValidadorDeArchivo(DOCUMENTOS_DE_OFICINA)


class EspacioQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        """Transversal roles see every space; a Profesional or Jefe, those their dependencia organizes."""
        if not (usuario.is_authenticated and usuario.is_active):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        dependencia_id = dependencia_de_trabajo(usuario)
        if dependencia_id is None:
            return self.none()
        return self.filter(dependencia_id=dependencia_id)

    def publicos(self, hoy: date | None = None) -> Self:
        """What a citizen may see: convened or held spaces of a published strategy, once their notice is out."""
        hoy = hoy or timezone.localdate()
        return self.filter(
            estado__in=[EspacioDialogo.Estado.CONVOCADO, EspacioDialogo.Estado.REALIZADO],
            aviso_desde__lte=hoy,
            estrategia__estado=Estrategia.Estado.PUBLICADA,
        )


class EspacioDialogo(ConVersion):
    """A space where the entity explains its management and answers citizens' questions."""

    class Tipo(models.TextChoices):
        AUDIENCIA = "audiencia_publica", _("Audiencia pública de rendición de cuentas")
        EVENTO = "evento_gestion", _("Evento de gestión")
        MESA = "mesa_tecnica", _("Reunión o mesa técnica de concertación y diálogo")
        STREAMING = "streaming", _("Transmisión en vivo (streaming) en redes sociales")

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("En preparación")
        CONVOCADO = "convocado", _("Convocado")
        REALIZADO = "realizado", _("Realizado")
        CANCELADO = "cancelado", _("Cancelado")

    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.PROTECT, related_name="espacios"
    )
    accion = models.ForeignKey(
        "rendicion.AccionRendicion",
        verbose_name=_("acción de la estrategia que cumple"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="espacios",
    )
    tipo = models.CharField(_("tipo de espacio"), max_length=30, choices=Tipo.choices)
    nombre = models.CharField(_("nombre"), max_length=250)
    descripcion = models.TextField(_("temas y objetivo"), blank=True)
    fecha = models.DateTimeField(_("fecha y hora"))
    lugar = models.CharField(_("lugar"), max_length=250, blank=True)
    enlace = models.URLField(_("enlace de la transmisión o reunión virtual"), max_length=500, blank=True)
    dependencia = models.ForeignKey(
        "core.Dependencia", verbose_name=_("dependencia que lo organiza"), on_delete=models.PROTECT, related_name="+"
    )
    aviso = models.TextField(
        _("aviso público"),
        blank=True,
        help_text=_("El texto de la convocatoria que se publica en las páginas de transparencia."),
    )
    aviso_desde = models.DateField(_("aviso publicado desde"), null=True, blank=True, editable=False)
    asistentes = models.PositiveIntegerField(_("asistentes"), null=True, blank=True)
    acta = models.FileField(
        _("acta o memoria"), upload_to=ruta_de_archivo, blank=True, max_length=300, validators=[validar_acta]
    )
    conclusiones = models.TextField(_("conclusiones y compromisos"), blank=True)
    encuesta_respuestas = models.PositiveIntegerField(_("personas que respondieron la encuesta"), null=True, blank=True)
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.BORRADOR)
    convocado_en = models.DateTimeField(_("convocado el"), null=True, blank=True, editable=False)
    realizado_en = models.DateTimeField(_("registrado como realizado el"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = EspacioQuerySet.as_manager()

    class Meta:
        verbose_name = _("espacio de diálogo")
        verbose_name_plural = _("espacios de diálogo")
        ordering = ["-fecha", "-pk"]
        indexes = [models.Index(fields=["estado", "aviso_desde"], name="espacio_publico")]

    def __str__(self) -> str:
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("rendicion:espacio", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("rendicion_publico:espacio", args=[self.pk])

    def recibe_preguntas(self, ahora=None) -> bool:
        """Citizens may ask while the space is convened, its notice is out, and it has not started."""
        ahora = ahora or timezone.now()
        return (
            self.estado == self.Estado.CONVOCADO
            and self.aviso_desde is not None
            and self.aviso_desde <= timezone.localtime(ahora).date()
            and ahora < self.fecha
        )

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.BORRADOR, target=Estado.CONVOCADO)
    def convocar(self, by=None, description=None):
        """The notice is approved: it appears on the public pages from `aviso_desde`."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.CONVOCADO, target=Estado.REALIZADO)
    def realizar(self, by=None, description=None):
        """The space took place; attendance, minutes and survey are recorded afterwards."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.BORRADOR, Estado.CONVOCADO], target=Estado.CANCELADO)
    def cancelar(self, by=None, description=None):
        """The space will not take place."""


class ItemEncuesta(models.Model):
    """One question of the evaluation survey of a space, with how many answered each option."""

    espacio = models.ForeignKey(
        EspacioDialogo, verbose_name=_("espacio"), on_delete=models.CASCADE, related_name="encuesta"
    )
    pregunta = models.CharField(_("pregunta de la encuesta"), max_length=300)
    excelente = models.PositiveIntegerField(_("excelente"), default=0)
    bueno = models.PositiveIntegerField(_("bueno"), default=0)
    regular = models.PositiveIntegerField(_("regular"), default=0)
    malo = models.PositiveIntegerField(_("malo"), default=0)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords()

    OPCIONES = (("excelente", _("Excelente")), ("bueno", _("Bueno")), ("regular", _("Regular")), ("malo", _("Malo")))

    class Meta:
        verbose_name = _("pregunta de la encuesta de evaluación")
        verbose_name_plural = _("encuesta de evaluación")
        ordering = ["espacio", "orden", "pk"]

    def __str__(self) -> str:
        return self.pregunta

    @property
    def total(self) -> int:
        return self.excelente + self.bueno + self.regular + self.malo

    @property
    def resultados(self) -> list[tuple[str, int, int]]:
        """(option, count, percent rounded) for each option."""
        total = self.total
        return [
            (str(etiqueta), getattr(self, campo), round(100 * getattr(self, campo) / total) if total else 0)
            for campo, etiqueta in self.OPCIONES
        ]

    @property
    def favorables(self) -> int:
        """Percent of «Excelente» and «Bueno»."""
        return round(100 * (self.excelente + self.bueno) / self.total) if self.total else 0


class PreguntaQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(espacio__in=EspacioDialogo.objects.visibles_para(usuario))

    def publicadas(self, hoy: date | None = None) -> Self:
        """Questions a citizen may read: accepted or answered, in a space on the public pages."""
        return self.filter(
            estado__in=[PreguntaCiudadana.Estado.ACEPTADA, PreguntaCiudadana.Estado.RESPONDIDA],
            espacio__in=EspacioDialogo.objects.publicos(hoy),
        )


class PreguntaCiudadana(models.Model):
    """A citizen's question for a dialogue space, sent through the public form. Moderated before it is published;
    the answer is due within the configured business days. Name and e-mail are shown only to the moderators."""

    class Estado(models.TextChoices):
        RECIBIDA = "recibida", _("Recibida (por moderar)")
        ACEPTADA = "aceptada", _("Publicada, por responder")
        RECHAZADA = "rechazada", _("Rechazada")
        RESPONDIDA = "respondida", _("Respondida")

    class Motivo(models.TextChoices):
        SPAM = "spam", _("Publicidad o mensaje automático (spam)")
        OFENSIVA = "ofensiva", _("Lenguaje ofensivo")
        FUERA_DE_ALCANCE = "fuera_de_alcance", _("Fuera del alcance del espacio")

    POR_ATENDER = (Estado.RECIBIDA, Estado.ACEPTADA)
    LARGO_MAXIMO = 2000

    espacio = models.ForeignKey(
        EspacioDialogo, verbose_name=_("espacio de diálogo"), on_delete=models.PROTECT, related_name="preguntas"
    )
    nombre = models.CharField(_("nombre"), max_length=150)
    correo = models.EmailField(_("correo electrónico"), max_length=254)
    texto = models.TextField(_("pregunta"))
    huella = models.CharField(_("huella"), max_length=64, editable=False)
    consentimiento = models.ForeignKey(
        TextoConsentimiento,
        verbose_name=_("versión del consentimiento aceptada"),
        on_delete=models.PROTECT,
        related_name="preguntas",
    )
    consentimiento_en = models.DateTimeField(_("consentimiento dado el"))
    recibida_en = models.DateTimeField(_("recibida el"), default=timezone.now)
    fecha_limite_respuesta = models.DateField(_("fecha límite de respuesta"))
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.RECIBIDA)
    motivo_rechazo = models.CharField(_("motivo del rechazo"), max_length=20, choices=Motivo.choices, blank=True)
    nota_moderacion = models.TextField(_("nota de moderación"), blank=True)
    moderada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    moderada_en = models.DateTimeField(_("moderada el"), null=True, blank=True)
    respuesta = models.TextField(_("respuesta"), blank=True)
    respondida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondida por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    respondida_en = models.DateTimeField(_("respondida el"), null=True, blank=True)
    respuesta_enviada_en = models.DateTimeField(
        _("respuesta enviada por correo el"), null=True, blank=True, editable=False
    )
    # Ley 1581: the history keeps no copy of the citizen's personal data.
    history = HistoricalRecords(excluded_fields=["nombre", "correo"])

    objects = PreguntaQuerySet.as_manager()

    class Meta:
        verbose_name = _("pregunta ciudadana")
        verbose_name_plural = _("preguntas ciudadanas")
        ordering = ["-recibida_en", "-pk"]
        constraints = [
            # The same person sending the same question twice (a double click, a resend) stores it once.
            models.UniqueConstraint(fields=["espacio", "huella"], name="pregunta_sin_repetir"),
            models.CheckConstraint(
                condition=~Q(estado="rechazada") | ~Q(motivo_rechazo=""),
                name="pregunta_rechazada_con_motivo",
            ),
        ]
        indexes = [models.Index(fields=["estado", "recibida_en"], name="pregunta_por_estado")]

    def __str__(self) -> str:
        return self.referencia

    def get_absolute_url(self) -> str:
        return reverse("rendicion:pregunta", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("rendicion_publico:pregunta", args=[self.pk])

    @property
    def referencia(self) -> str:
        """The number the citizen receives: PC-<year>-<id>."""
        fecha = timezone.localtime(self.recibida_en) if self.recibida_en else timezone.localtime()
        return f"PC-{fecha.year}-{self.pk or 0:06d}"

    @property
    def publicada(self) -> bool:
        return self.estado in (self.Estado.ACEPTADA, self.Estado.RESPONDIDA)

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.RECIBIDA, target=Estado.ACEPTADA)
    def aceptar(self, by=None, description=None):
        """The question is published on the space's public page; its answer is still due."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.RECIBIDA, Estado.ACEPTADA], target=Estado.RECHAZADA)
    def rechazar(self, by=None, description=None):
        """Not published: spam, offensive or out of scope (the reason code is set by the service)."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.RECIBIDA, Estado.ACEPTADA], target=Estado.RESPONDIDA)
    def responder(self, by=None, description=None):
        """The answer is published with the question."""
