"""Follow-up by Control Interno: the cut-off calendar, the evaluation of every action at each cut-off, the published
follow-up report, and the improvement actions (Responsabilidad element)."""

from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import ValidadorDeArchivo, ruta_de_archivo
from cooperacion.core.models import ConVersion
from cooperacion.core.tipos import UsuarioOAnonimo

from .acciones import AccionRendicion
from .comun import dependencia_de_trabajo
from .estrategia import Estrategia

validar_informe = ValidadorDeArchivo(("pdf", "xlsx"), 50 * 1024 * 1024)


class CorteQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        """Transversal roles follow every cut-off; other staff read the published ones."""
        if not (usuario.is_authenticated and usuario.is_active):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        if dependencia_de_trabajo(usuario) is None:
            return self.none()
        return self.filter(estado=Corte.Estado.PUBLICADO)

    def publicados(self) -> Self:
        return self.filter(estado=Corte.Estado.PUBLICADO, estrategia__estado=Estrategia.Estado.PUBLICADA)


class Corte(ConVersion):
    """A cut-off date of the follow-up: Control Interno evaluates every action, closes the evaluation and publishes
    the report within the configured business days after the cut-off."""

    class Estado(models.TextChoices):
        ABIERTO = "abierto", _("En evaluación")
        CERRADO = "cerrado", _("Evaluación cerrada")
        PUBLICADO = "publicado", _("Informe publicado")

    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.PROTECT, related_name="cortes"
    )
    nombre = models.CharField(_("nombre del corte"), max_length=150)
    fecha_corte = models.DateField(_("fecha de corte"))
    fecha_limite_publicacion = models.DateField(_("publicar a más tardar el"), editable=False)
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.ABIERTO)
    cerrado_en = models.DateTimeField(_("evaluación cerrada el"), null=True, blank=True, editable=False)
    publicado_en = models.DateTimeField(_("publicado el"), null=True, blank=True, editable=False)
    informe_pdf = models.FileField(
        _("informe en PDF"), upload_to=ruta_de_archivo, blank=True, max_length=300, editable=False,
        validators=[validar_informe],
    )  # fmt: skip
    informe_xlsx = models.FileField(
        _("informe en Excel"), upload_to=ruta_de_archivo, blank=True, max_length=300, editable=False,
        validators=[validar_informe],
    )  # fmt: skip
    history = HistoricalRecords()

    objects = CorteQuerySet.as_manager()

    class Meta:
        verbose_name = _("corte de seguimiento")
        verbose_name_plural = _("cortes de seguimiento")
        ordering = ["-fecha_corte", "-pk"]
        constraints = [models.UniqueConstraint(fields=["estrategia", "fecha_corte"], name="corte_unico_por_fecha")]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.fecha_corte:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("rendicion:corte", args=[self.pk])

    def get_public_url(self):
        return reverse("rendicion_publico:informe", args=[self.pk])

    @property
    def publicado(self) -> bool:
        return self.estado == self.Estado.PUBLICADO

    @property
    def publicado_a_tiempo(self) -> bool | None:
        if not self.publicado_en:
            return None
        return timezone.localtime(self.publicado_en).date() <= self.fecha_limite_publicacion

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ABIERTO, target=Estado.CERRADO)
    def cerrar(self, by=None, description=None):
        """Every action is evaluated; the report can be generated."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.CERRADO, target=Estado.ABIERTO)
    def reabrir(self, by=None, description=None):
        """An evaluation must be corrected before publishing."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.CERRADO, target=Estado.PUBLICADO)
    def publicar(self, by=None, description=None):
        """The report is on the public pages, with its publication date."""


class EvaluacionQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(
            corte__in=Corte.objects.visibles_para(usuario),
            accion__in=AccionRendicion.objects.visibles_para(usuario),
        )


class EvaluacionAccion(ConVersion):
    """Control Interno's evaluation of one action at one cut-off (empty result: not evaluated yet)."""

    class Resultado(models.TextChoices):
        CUMPLIDA = "cumplida", _("Cumplida")
        PARCIAL = "parcial", _("Cumplida parcialmente")
        NO_CUMPLIDA = "no_cumplida", _("No cumplida")

    corte = models.ForeignKey(Corte, verbose_name=_("corte"), on_delete=models.CASCADE, related_name="evaluaciones")
    accion = models.ForeignKey(
        AccionRendicion, verbose_name=_("acción"), on_delete=models.CASCADE, related_name="evaluaciones"
    )
    resultado = models.CharField(_("resultado"), max_length=20, choices=Resultado.choices, blank=True)
    observaciones = models.TextField(_("observaciones"), blank=True)
    evidencia_revisada = models.TextField(_("evidencia revisada"), blank=True)
    avance_al_evaluar = models.PositiveSmallIntegerField(
        _("avance reportado al evaluar (%)"), null=True, blank=True, editable=False
    )
    evaluada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    evaluada_en = models.DateTimeField(_("evaluada el"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = EvaluacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluación de una acción")
        verbose_name_plural = _("evaluaciones de las acciones")
        ordering = ["corte", "accion__elemento", "accion__numero"]
        constraints = [models.UniqueConstraint(fields=["corte", "accion"], name="evaluacion_unica_por_corte")]

    def __str__(self) -> str:
        return f"{self.accion.codigo} – {self.corte}"

    def get_absolute_url(self) -> str:
        return reverse("rendicion:evaluacion", args=[self.pk])

    @property
    def evaluada(self) -> bool:
        return bool(self.resultado)

    @property
    def avance(self) -> int:
        """The progress the action had when it was evaluated (its current progress while not evaluated yet)."""
        return self.avance_al_evaluar if self.avance_al_evaluar is not None else self.accion.porcentaje_avance


class MejoraQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        if not (usuario.is_authenticated and usuario.is_active):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        dependencia_id = dependencia_de_trabajo(usuario)
        if dependencia_id is None:
            return self.none()
        return self.filter(dependencia_id=dependencia_id)


class AccionMejora(ConVersion):
    """An improvement action (Responsabilidad element) from the follow-up or from a dialogue space."""

    class Origen(models.TextChoices):
        EVALUACION = "evaluacion", _("Evaluación de Control Interno")
        DIALOGO = "dialogo", _("Espacio de diálogo con la ciudadanía")

    class Estado(models.TextChoices):
        ABIERTA = "abierta", _("Abierta")
        CUMPLIDA = "cumplida", _("Cumplida")

    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia"), on_delete=models.PROTECT, related_name="mejoras"
    )
    origen = models.CharField(_("origen"), max_length=20, choices=Origen.choices)
    evaluacion = models.ForeignKey(
        EvaluacionAccion,
        verbose_name=_("evaluación que la origina"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mejoras",
    )
    espacio = models.ForeignKey(
        "rendicion.EspacioDialogo",
        verbose_name=_("espacio de diálogo que la origina"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mejoras",
    )
    descripcion = models.TextField(_("acción de mejora"))
    dependencia = models.ForeignKey(
        "core.Dependencia", verbose_name=_("dependencia responsable"), on_delete=models.PROTECT, related_name="+"
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persona responsable"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fecha_limite = models.DateField(_("fecha límite"))
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.ABIERTA)
    resultado = models.TextField(_("resultado"), blank=True, editable=False)
    cumplida_en = models.DateTimeField(_("cumplida el"), null=True, blank=True, editable=False)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    creada_en = models.DateTimeField(_("registrada el"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = MejoraQuerySet.as_manager()

    class Meta:
        verbose_name = _("acción de mejora")
        verbose_name_plural = _("acciones de mejora")
        ordering = ["fecha_limite", "pk"]

    def __str__(self) -> str:
        return self.descripcion[:100]

    def get_absolute_url(self) -> str:
        return reverse("rendicion:mejora", args=[self.pk])

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ABIERTA, target=Estado.CUMPLIDA)
    def cumplir(self, by=None, description=None):
        """Done; the result is the reason given."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.CUMPLIDA, target=Estado.ABIERTA)
    def reabrir(self, by=None, description=None):
        """Control Interno found it not done."""
