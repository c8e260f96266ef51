"""Plans of procedure DE-PD-01: the strategic plans (sectorial and institutional, four years) and the annual action
plans of each dependencia, formulated in a yearly call (Vigencia), with their objectives, strategies and activities."""

from datetime import date
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import DOCUMENTOS, ValidadorDeArchivo, ruta_de_archivo
from cooperacion.core.models import ConVersion, Dependencia, PoliticaMIPG
from cooperacion.core.permissions import es_personal
from cooperacion.core.tipos import UsuarioOAnonimo

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

validar_acta = ValidadorDeArchivo(DOCUMENTOS)


class SesionDeComite(models.Model):
    """The committee session that approved (or was presented) a document: committee, minutes number, date, file."""

    comite = models.CharField(_("comité"), max_length=200, blank=True)
    acta_numero = models.CharField(_("número del acta"), max_length=60, blank=True)
    acta_fecha = models.DateField(_("fecha de la sesión"), null=True, blank=True)
    acta_archivo = models.FileField(
        _("acta"), upload_to=ruta_de_archivo, blank=True, validators=[validar_acta], max_length=300
    )

    class Meta:
        abstract = True

    @property
    def sesion_registrada(self) -> bool:
        return bool(self.acta_numero and self.acta_fecha)


class VigenciaQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.all() if es_personal(usuario) else self.none()


class Vigencia(ConVersion, SesionDeComite):
    """The yearly formulation of the action plans (activities 7-15): Planeación opens it with a schedule and the
    dependencias that must formulate; the approved plans are consolidated, presented and published."""

    class Estado(models.TextChoices):
        ABIERTA = "abierta", _("En formulación")
        CONSOLIDADA = "consolidada", _("Consolidada")
        PRESENTADA = "presentada", _("Presentada al comité")
        PUBLICADA = "publicada", _("Publicada")

    anio = models.PositiveSmallIntegerField(
        _("vigencia (año)"), unique=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    lineamientos = models.TextField(
        _("lineamientos y compromisos"),
        help_text=_("Los compromisos de cada dependencia y las directrices de la Oficina Asesora de Planeación."),
    )
    fecha_limite_formulacion = models.DateField(_("formulación hasta"))
    fecha_limite_cargue = models.DateField(_("cargue y envío hasta"))
    fecha_limite_aprobacion = models.DateField(_("verificación y aprobación hasta"))
    fecha_limite_publicacion = models.DateField(_("publicación hasta"))
    plan_superior = models.ForeignKey(
        "planes.Plan",
        verbose_name=_("plan estratégico institucional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vigencias",
    )
    dependencias = models.ManyToManyField(
        Dependencia, verbose_name=_("dependencias que formulan"), related_name="vigencias_de_planes"
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.ABIERTA, protected=False)
    abierta_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("abierta por"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    abierta_en = models.DateTimeField(_("abierta el"), default=timezone.now)
    fecha_publicacion = models.DateField(_("fecha de publicación"), null=True, blank=True)
    history = HistoricalRecords()

    objects = VigenciaQuerySet.as_manager()

    class Meta:
        verbose_name = _("vigencia de planes de acción")
        verbose_name_plural = _("vigencias de planes de acción")
        ordering = ["-anio"]

    def __str__(self) -> str:
        return str(_("Planes de Acción %(a)s") % {"a": self.anio})

    def get_absolute_url(self) -> str:
        return reverse("planes:vigencia-detalle", args=[self.pk])

    @property
    def nombre_consolidado(self) -> str:
        return str(_("Plan de Acción Institucional %(a)s") % {"a": self.anio})

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ABIERTA, target=Estado.CONSOLIDADA)
    def consolidar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.CONSOLIDADA, target=Estado.PRESENTADA)
    def presentar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PRESENTADA, target=Estado.PUBLICADA)
    def publicar(self, by=None, description=None):
        pass


class PlanQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        """Published plans are readable by all staff; drafts only inside their dependencia (and by the roles that
        see every dependencia)."""
        if not (usuario.is_authenticated and es_personal(usuario)):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        return self.filter(Q(estado=Plan.Estado.PUBLICADO) | Q(dependencia_id=usuario.dependencia_id))

    def publicados(self) -> Self:
        return self.filter(estado=Plan.Estado.PUBLICADO, fecha_publicacion__isnull=False)

    def en_vigor(self, anio: int):
        """Approved or published plans that cover the year (their activities are followed up quarterly)."""
        return self.filter(
            estado__in=[Plan.Estado.APROBADO, Plan.Estado.PUBLICADO], anio_inicio__lte=anio, anio_fin__gte=anio
        )


class Plan(ConVersion, SesionDeComite):
    class Tipo(models.TextChoices):
        SECTORIAL = "sectorial", _("Plan Estratégico Sectorial")
        INSTITUCIONAL = "institucional", _("Plan Estratégico Institucional")
        ACCION = "accion", _("Plan de Acción")

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("En formulación")
        ENVIADO = "enviado", _("Enviado a verificación")
        DEVUELTO = "devuelto", _("Devuelto con observaciones")
        APROBADO = "aprobado", _("Verificado y aprobado")
        PUBLICADO = "publicado", _("Publicado")

    ESTRATEGICOS = (Tipo.SECTORIAL, Tipo.INSTITUCIONAL)
    EDITABLES = (Estado.BORRADOR, Estado.DEVUELTO)
    EN_VIGOR = (Estado.APROBADO, Estado.PUBLICADO)
    # The activity of DE-PD-01 whose control points verify each type of plan.
    ACTIVIDAD_DE_CONTROL: dict[str, int] = {Tipo.SECTORIAL: 2, Tipo.INSTITUCIONAL: 5, Tipo.ACCION: 12}
    COMITE: dict[str, "StrOrPromise"] = {
        Tipo.SECTORIAL: _("Comité Sectorial de Desarrollo Administrativo del Sector Trabajo"),
        Tipo.INSTITUCIONAL: _("Comité Directivo"),
        Tipo.ACCION: _("Comité Institucional de Desarrollo Administrativo"),
    }

    tipo = models.CharField(_("tipo de plan"), max_length=20, choices=Tipo.choices)
    nombre = models.CharField(_("nombre"), max_length=250)
    dependencia = models.ForeignKey(
        Dependencia, verbose_name=_("dependencia"), on_delete=models.PROTECT, related_name="planes"
    )
    vigencia = models.ForeignKey(
        Vigencia, verbose_name=_("vigencia"), on_delete=models.PROTECT, null=True, blank=True, related_name="planes"
    )
    anio_inicio = models.PositiveSmallIntegerField(_("desde el año"))
    anio_fin = models.PositiveSmallIntegerField(_("hasta el año"))
    plan_superior = models.ForeignKey(
        "self",
        verbose_name=_("plan superior"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="planes_derivados",
        help_text=_(
            "El plan cuyos objetivos sirve: el Sectorial para el Institucional, el Institucional para el de Acción."
        ),
    )
    descripcion = models.TextField(_("descripción"), blank=True)
    alineacion_pnd = models.TextField(
        _("lineamientos y objetivos del Plan Nacional de Desarrollo"),
        blank=True,
        help_text=_("Los pactos, transformaciones u objetivos del Plan Nacional de Desarrollo que el plan incluye."),
    )
    politicas = models.ManyToManyField(
        PoliticaMIPG, verbose_name=_("políticas de gestión y desempeño (MIPG)"), blank=True, related_name="planes"
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.BORRADOR, protected=False)
    version_plan = models.PositiveSmallIntegerField(_("versión del plan"), default=1, editable=False)
    aprobado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aprobado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aprobado_en = models.DateTimeField(_("aprobado el"), null=True, blank=True)
    fecha_publicacion = models.DateField(_("fecha de publicación"), null=True, blank=True)
    creado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("creado por"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    creado_en = models.DateTimeField(_("creado el"), default=timezone.now)
    history = HistoricalRecords()

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planes")
        ordering = ["-anio_inicio", "tipo", "dependencia__nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["vigencia", "dependencia"], condition=Q(tipo="accion"), name="plan_accion_uno_por_dependencia"
            ),
            models.CheckConstraint(condition=Q(anio_fin__gte=models.F("anio_inicio")), name="plan_anios_ordenados"),
        ]

    def __str__(self) -> str:
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("planes:detalle", args=[self.pk])

    @property
    def estrategico(self) -> bool:
        return self.tipo in self.ESTRATEGICOS

    @property
    def editable(self) -> bool:
        return self.estado in self.EDITABLES

    @property
    def en_vigor(self) -> bool:
        return self.estado in self.EN_VIGOR

    @property
    def anios(self) -> list[int]:
        return list(range(self.anio_inicio, self.anio_fin + 1))

    @property
    def actividad_de_control(self) -> int:
        return self.ACTIVIDAD_DE_CONTROL[self.tipo]

    @property
    def comite_competente(self) -> str:
        return str(self.COMITE[self.tipo])

    @property
    def prefijo_indicadores(self) -> str:
        siglas: dict[str, str] = {self.Tipo.SECTORIAL: "PES", self.Tipo.INSTITUCIONAL: "PEI", self.Tipo.ACCION: "PA"}
        sigla = siglas[self.tipo]
        codigo = self.dependencia.sigla or self.dependencia.codigo
        return f"{sigla}{self.anio_inicio}-{codigo}" if self.tipo == self.Tipo.ACCION else f"{sigla}{self.anio_inicio}"

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.BORRADOR, Estado.DEVUELTO], target=Estado.ENVIADO)
    def enviar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ENVIADO, target=Estado.DEVUELTO)
    def devolver(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ENVIADO, target=Estado.APROBADO)
    def aprobar(self, by=None, description=None):
        pass

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.APROBADO, target=Estado.PUBLICADO)
    def publicar(self, by=None, description=None):
        pass


class ParteDelPlanQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(plan__in=Plan.objects.visibles_para(usuario))


class Objetivo(models.Model):
    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="objetivos")
    codigo = models.CharField(_("código"), max_length=20)
    descripcion = models.TextField(_("objetivo"))
    objetivo_superior = models.ForeignKey(
        "self",
        verbose_name=_("objetivo del plan superior"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objetivos_derivados",
    )
    linea_pnd = models.CharField(
        _("línea del Plan Nacional de Desarrollo"),
        max_length=300,
        blank=True,
        help_text=_("El pacto, transformación o línea del PND que el objetivo desarrolla."),
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords()

    objects = ParteDelPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("objetivo")
        verbose_name_plural = _("objetivos")
        ordering = ["plan", "orden", "codigo", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "codigo"], name="objetivo_codigo_unico")]

    def __str__(self) -> str:
        return f"{self.codigo}. {self.descripcion}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#objetivo-{self.pk}"


class Estrategia(models.Model):
    """A strategy or initiative under an objective."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="estrategias")
    objetivo = models.ForeignKey(
        Objetivo, verbose_name=_("objetivo"), on_delete=models.CASCADE, related_name="estrategias"
    )
    codigo = models.CharField(_("código"), max_length=20)
    descripcion = models.TextField(_("estrategia o iniciativa"))
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords()

    objects = ParteDelPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("estrategia o iniciativa")
        verbose_name_plural = _("estrategias o iniciativas")
        ordering = ["plan", "orden", "codigo", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "codigo"], name="estrategia_codigo_unica")]

    def __str__(self) -> str:
        return f"{self.codigo}. {self.descripcion}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#estrategia-{self.pk}"


class Actividad(ConVersion):
    """An activity of a plan: what it delivers, its indicator (targets per quarter live there), weight, budget."""

    class Fuente(models.TextChoices):
        FUNCIONAMIENTO = "funcionamiento", _("Funcionamiento")
        INVERSION = "inversion", _("Inversión (proyecto BPIN)")
        COOPERACION = "cooperacion", _("Cooperación internacional")
        SIN_COSTO = "sin_costo", _("Sin costo (gestión)")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actividades")
    estrategia = models.ForeignKey(
        Estrategia, verbose_name=_("estrategia o iniciativa"), on_delete=models.CASCADE, related_name="actividades"
    )
    codigo = models.CharField(_("código"), max_length=20)
    descripcion = models.TextField(_("actividad"))
    producto = models.CharField(_("producto o entregable"), max_length=300)
    indicador = models.ForeignKey(
        "indicadores.Indicador", verbose_name=_("indicador"), on_delete=models.PROTECT, related_name="actividades"
    )
    peso = models.DecimalField(
        _("peso (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Los pesos de las actividades del plan suman 100 %."),
    )
    fuente_recursos = models.CharField(
        _("fuente de los recursos"), max_length=20, choices=Fuente.choices, default=Fuente.FUNCIONAMIENTO
    )
    presupuesto = models.DecimalField(_("presupuesto (COP)"), max_digits=18, decimal_places=2, null=True, blank=True)
    bpin = models.CharField(
        _("código BPIN"), max_length=20, blank=True, help_text=_("Los 13 dígitos del proyecto de inversión, si lo hay.")
    )
    proyecto_inversion = models.CharField(_("proyecto de inversión"), max_length=300, blank=True)
    dependencia_responsable = models.ForeignKey(
        Dependencia, verbose_name=_("dependencia que ejecuta"), on_delete=models.PROTECT, related_name="actividades"
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsable"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actividades_de_plan",
    )
    fecha_inicio = models.DateField(_("inicio"))
    fecha_fin = models.DateField(_("fin"))
    objetivo_superior = models.ForeignKey(
        Objetivo,
        verbose_name=_("objetivo del plan superior que sirve"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actividades_alineadas",
    )
    retirada = models.BooleanField(_("retirada por ajuste"), default=False, editable=False)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    history = HistoricalRecords()

    objects = ParteDelPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("actividad")
        verbose_name_plural = _("actividades")
        ordering = ["plan", "orden", "codigo", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "codigo"], name="actividad_codigo_unica"),
            models.UniqueConstraint(fields=["indicador"], name="actividad_un_indicador_propio"),
        ]

    def __str__(self) -> str:
        return f"{self.codigo}. {self.descripcion}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#actividad-{self.pk}"

    @property
    def alineada_con(self) -> Objetivo | None:
        """The higher plan's objective the activity serves: its own link, or its objective's."""
        return self.objetivo_superior or self.estrategia.objetivo.objetivo_superior


class RondaRevision(models.Model):
    """One round of a plan's verification (activities 10-12): sent, then returned with observations or approved,
    with the control points as they stood."""

    class Resultado(models.TextChoices):
        PENDIENTE = "pendiente", _("En verificación")
        DEVUELTO = "devuelto", _("Devuelto con observaciones")
        APROBADO = "aprobado", _("Verificado y aprobado")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="rondas")
    numero = models.PositiveSmallIntegerField(_("ronda"))
    enviado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("enviado por"), on_delete=models.PROTECT, related_name="+"
    )
    enviado_en = models.DateTimeField(_("enviado el"), default=timezone.now)
    resultado = models.CharField(_("resultado"), max_length=12, choices=Resultado.choices, default=Resultado.PENDIENTE)
    observaciones = models.TextField(_("observaciones"), blank=True)
    verificacion = models.JSONField(_("puntos de control"), default=list, blank=True)
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revisado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revisado_en = models.DateTimeField(_("revisado el"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ronda de verificación")
        verbose_name_plural = _("rondas de verificación")
        ordering = ["plan", "numero"]
        constraints = [models.UniqueConstraint(fields=["plan", "numero"], name="ronda_unica_por_plan")]

    def __str__(self) -> str:
        return f"{self.plan} · ronda {self.numero}"


def fin_de_anio(anio: int) -> date:
    return date(anio, 12, 31)
