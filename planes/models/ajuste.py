"""Adjustment requests (activities 20-24): who asks, what changes and why; Planeación reviews whether the causes are
pertinent (control point of activity 23) and the competent instance approves. Approving versions the plan: every
change keeps the value before and after, with the cause."""

from typing import Self

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.models import ConVersion
from cooperacion.core.tipos import UsuarioOAnonimo

from .plan import Plan


class SolicitudQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(plan__in=Plan.objects.visibles_para(usuario))


class SolicitudAjuste(ConVersion):
    class Estado(models.TextChoices):
        SOLICITADO = "solicitado", _("Solicitado")
        REVISADO = "revisado", _("Revisado: causas pertinentes")
        APROBADO = "aprobado", _("Aprobado")
        RECHAZADO = "rechazado", _("Rechazado")

    class Instancia(models.TextChoices):
        COMITE_SECTORIAL = "comite_sectorial", _("Comité Sectorial de Desarrollo Administrativo")
        COMITE_INSTITUCIONAL = "comite_institucional", _("Comité Institucional de Desarrollo Administrativo")
        PLANEACION = "planeacion", _("Funcionarios Oficina Asesora de Planeación")
        JEFE = "jefe", _("Directores y jefes de oficina del Ministerio")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="ajustes")
    solicitada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("solicitada por"), on_delete=models.PROTECT, related_name="+"
    )
    instancia_solicitante = models.CharField(_("quién lo solicita"), max_length=30, choices=Instancia.choices)
    causa = models.TextField(_("causa del ajuste"))
    reabrir_trimestre = models.PositiveSmallIntegerField(
        _("reabrir el seguimiento del trimestre"),
        null=True,
        blank=True,
        choices=[(1, "T1"), (2, "T2"), (3, "T3"), (4, "T4")],
        help_text=_("Si el ajuste corrige un trimestre ya cerrado, al aprobarlo se reabre para la dependencia."),
    )
    anio_reabrir = models.PositiveSmallIntegerField(_("año del trimestre a reabrir"), null=True, blank=True)
    creada_en = models.DateTimeField(_("solicitada el"), default=timezone.now)
    estado = FSMField(_("estado"), max_length=12, choices=Estado.choices, default=Estado.SOLICITADO)
    concepto = models.TextField(_("concepto de Planeación (actividad 23)"), blank=True)
    verificacion = models.JSONField(_("verificación"), default=list, blank=True)
    revisada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revisada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revisada_en = models.DateTimeField(_("revisada el"), null=True, blank=True)
    instancia_aprobacion = models.CharField(
        _("instancia que aprueba"), max_length=30, choices=Instancia.choices, blank=True
    )
    acta_numero = models.CharField(_("acta"), max_length=60, blank=True)
    acta_fecha = models.DateField(_("fecha de la decisión"), null=True, blank=True)
    decidida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decidida por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decidida_en = models.DateTimeField(_("decidida el"), null=True, blank=True)
    motivo_decision = models.TextField(_("motivo de la decisión"), blank=True)
    version_resultante = models.PositiveSmallIntegerField(_("versión del plan que resulta"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SolicitudQuerySet.as_manager()

    class Meta:
        verbose_name = _("solicitud de ajuste")
        verbose_name_plural = _("solicitudes de ajuste")
        ordering = ["-creada_en", "-pk"]

    def __str__(self) -> str:
        return str(_("Ajuste n.º %(n)s a %(p)s") % {"n": self.pk, "p": self.plan})

    def get_absolute_url(self) -> str:
        return reverse("planes:ajuste-detalle", args=[self.pk])

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.SOLICITADO, target=Estado.REVISADO)
    def revisar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.SOLICITADO, Estado.REVISADO], target=Estado.RECHAZADO)
    def rechazar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.REVISADO, target=Estado.APROBADO)
    def aprobar(self, by=None, description=None):
        pass


class CambioAjuste(models.Model):
    """One change of an adjustment: a field of an activity, its value before and the one requested."""

    class Campo(models.TextChoices):
        META_T1 = "meta_t1", _("Meta T1")
        META_T2 = "meta_t2", _("Meta T2")
        META_T3 = "meta_t3", _("Meta T3")
        META_T4 = "meta_t4", _("Meta T4")
        FECHA_INICIO = "fecha_inicio", _("Fecha de inicio")
        FECHA_FIN = "fecha_fin", _("Fecha de fin")
        PRODUCTO = "producto", _("Producto o entregable")
        DESCRIPCION = "descripcion", _("Descripción de la actividad")
        PESO = "peso", _("Peso (%)")
        PRESUPUESTO = "presupuesto", _("Presupuesto (COP)")
        RETIRAR = "retirar", _("Retirar la actividad")

    METAS: dict[str, int] = {Campo.META_T1: 1, Campo.META_T2: 2, Campo.META_T3: 3, Campo.META_T4: 4}

    solicitud = models.ForeignKey(
        SolicitudAjuste, verbose_name=_("solicitud"), on_delete=models.CASCADE, related_name="cambios"
    )
    actividad = models.ForeignKey(
        "planes.Actividad", verbose_name=_("actividad"), on_delete=models.PROTECT, related_name="cambios"
    )
    campo = models.CharField(_("qué cambia"), max_length=20, choices=Campo.choices)
    anio = models.PositiveSmallIntegerField(_("año de la meta"), null=True, blank=True)
    valor_anterior = models.CharField(_("valor anterior"), max_length=500, blank=True)
    valor_nuevo = models.CharField(_("valor nuevo"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cambio de un ajuste")
        verbose_name_plural = _("cambios de un ajuste")
        ordering = ["solicitud", "actividad__codigo", "campo", "pk"]

    def __str__(self) -> str:
        return f"{self.actividad.codigo} · {self.get_campo_display()}"

    @property
    def trimestre(self) -> int | None:
        return self.METAS.get(self.campo)
