"""The cooperation project born of an accepted call (tasks 8 and 9 of AI-P-003)."""

from decimal import Decimal
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import validar_documento as validar_archivo
from cooperacion.core.tipos import UsuarioOAnonimo

from ..archivos import ruta_de_archivo
from .convocatoria import (
    MENSAJE_MONTO_POSITIVO,
    MENSAJE_TASA_POSITIVA,
    Convocatoria,
    alcance_de_dependencia,
    equivalente_cop,
)

MENSAJE_PORCENTAJE_SECTOR = _("El porcentaje de cada sector debe ser mayor que 0 y no pasar de 100.")
MENSAJE_FIN_ANTERIOR = _("La fecha de finalización no puede ser anterior a la de inicio.")


class ProyectoQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        """The call's rule: transversal roles see all; Profesional and Jefe the projects of their dependencia
        (the office that applied, or the dependencia responsible for the execution)."""
        if not (usuario.is_authenticated and usuario.is_active):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        dependencia_id = alcance_de_dependencia(usuario)
        if dependencia_id is None:
            return self.none()
        return self.filter(Q(convocatoria__dependencia_id=dependencia_id) | Q(dependencia_id=dependencia_id))

    def en_ejecucion(self) -> Self:
        return self.filter(convocatoria__estado=Convocatoria.Estado.EN_EJECUCION)


class Proyecto(models.Model):
    """A cooperation project in execution (task 8) until its close-out act (task 9)."""

    convocatoria = models.OneToOneField(
        Convocatoria, verbose_name=_("convocatoria"), on_delete=models.PROTECT, related_name="proyecto"
    )
    codigo = models.CharField(_("código del proyecto"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre del proyecto"), max_length=250)
    modalidad = models.ForeignKey(
        "convocatorias.Modalidad", verbose_name=_("modalidad"), on_delete=models.PROTECT, related_name="proyectos"
    )
    monto_comprometido = models.DecimalField(_("monto comprometido"), max_digits=18, decimal_places=2)
    moneda = models.ForeignKey("core.Moneda", verbose_name=_("moneda"), on_delete=models.PROTECT, related_name="+")
    tasa_cop = models.DecimalField(_("tasa de cambio a COP"), max_digits=18, decimal_places=4)
    monto_comprometido_cop = models.DecimalField(
        _("monto comprometido en COP"), max_digits=20, decimal_places=2, editable=False
    )
    contrapartida_cop = models.DecimalField(
        _("contrapartida de la entidad (COP)"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    contrapartida_descripcion = models.CharField(
        _("descripción de la contrapartida"), max_length=250, blank=True, help_text=_("En dinero o en especie.")
    )
    fecha_inicio = models.DateField(_("inicio"))
    fecha_fin = models.DateField(_("finalización prevista"))
    tasa_usd = models.DecimalField(
        _("tasa de cambio a USD"),
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Dólares por una unidad de la moneda, a la fecha del registro (1 si es USD)."),
    )
    publicado_en = models.DateField(
        _("publicado en transparencia el"),
        null=True,
        blank=True,
        help_text=_("Vacío: sus datos no salen en los datos abiertos de /transparencia/datos/."),
    )
    ods = models.ManyToManyField("core.ODS", verbose_name=_("ODS"), blank=True, related_name="proyectos")
    indicadores = models.ManyToManyField(
        "indicadores.Indicador",
        verbose_name=_("indicadores del proyecto"),
        blank=True,
        related_name="proyectos_de_cooperacion",
        help_text=_("Sus resultados se publican en IATI con el cálculo de Indicadores."),
    )
    municipios = models.ManyToManyField(
        "core.Municipio", verbose_name=_("municipios (DIVIPOLA)"), blank=True, related_name="proyectos"
    )
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia responsable"),
        on_delete=models.PROTECT,
        related_name="proyectos_de_cooperacion",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("supervisor"), on_delete=models.PROTECT, related_name="+"
    )
    periodicidad_meses = models.PositiveSmallIntegerField(
        _("informes cada (meses)"), null=True, blank=True, help_text=_("O bien una lista de fechas.")
    )
    # Task 9: the close-out act.
    fecha_finalizacion = models.DateField(_("fecha de finalización"), null=True, blank=True)
    resultados = models.TextField(_("resultados del proyecto"), blank=True)
    informe_final = models.FileField(
        _("informe final"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo]
    )
    acta_firmada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acta firmada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    acta_firmada_en = models.DateTimeField(_("acta firmada el"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ProyectoQuerySet.as_manager()

    class Meta:
        verbose_name = _("proyecto de cooperación")
        verbose_name_plural = _("proyectos de cooperación")
        ordering = ["fecha_fin", "codigo"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_fin__gte=F("fecha_inicio")),
                name="proyecto_fin_no_anterior_a_inicio",
                violation_error_message=MENSAJE_FIN_ANTERIOR,
            ),
            models.CheckConstraint(
                condition=Q(monto_comprometido__gt=0),
                name="proyecto_monto_positivo",
                violation_error_message=MENSAJE_MONTO_POSITIVO,
            ),
            models.CheckConstraint(
                condition=Q(tasa_cop__gt=0),
                name="proyecto_tasa_positiva",
                violation_error_message=MENSAJE_TASA_POSITIVA,
            ),
            models.CheckConstraint(
                condition=Q(contrapartida_cop__isnull=True) | Q(contrapartida_cop__gt=0),
                name="proyecto_contrapartida_positiva",
                violation_error_message=MENSAJE_MONTO_POSITIVO,
            ),
        ]

    def __str__(self):
        return f"{self.codigo} – {self.nombre}"

    def get_absolute_url(self) -> str:
        return reverse("convocatorias:proyecto-detalle", args=[self.pk])

    def convocatoria_para_archivos(self):
        return self.convocatoria

    @property
    def en_ejecucion(self) -> bool:
        return self.convocatoria.estado == Convocatoria.Estado.EN_EJECUCION

    @property
    def finalizado(self) -> bool:
        return self.convocatoria.estado == Convocatoria.Estado.FINALIZADA

    def clean(self):
        errores = {}
        if self.fecha_inicio and self.fecha_fin and self.fecha_fin < self.fecha_inicio:
            errores["fecha_fin"] = MENSAJE_FIN_ANTERIOR
        if self.monto_comprometido is not None and self.monto_comprometido <= 0:
            errores["monto_comprometido"] = MENSAJE_MONTO_POSITIVO
        if self.contrapartida_cop is not None and self.contrapartida_cop <= 0:
            errores["contrapartida_cop"] = MENSAJE_MONTO_POSITIVO
        if self.moneda_id and self.moneda.codigo == "COP":
            self.tasa_cop = 1
        if self.tasa_cop is not None and self.tasa_cop <= 0:
            errores["tasa_cop"] = MENSAJE_TASA_POSITIVA
        if self.supervisor_id and not self.supervisor.is_active:
            errores["supervisor"] = _("El supervisor debe ser un usuario activo.")
        if errores:
            raise ValidationError(errores)
        self.monto_comprometido_cop = equivalente_cop(self.monto_comprometido, self.tasa_cop)


class ParticipanteProyecto(models.Model):
    """A donor or partner of the project with its IATI OrganisationRole."""

    class Rol(models.TextChoices):
        FINANCIADOR = "1", _("Financiador")
        RESPONSABLE = "2", _("Responsable ante el cooperante")
        ADMINISTRADOR = "3", _("Administrador de los recursos")
        IMPLEMENTADOR = "4", _("Implementador")

    # IATI OrganisationRole codelist (https://iatistandard.org/en/iati-standard/203/codelists/organisationrole/):
    # the code goes into the IATI file; people read its name in Spanish.
    ROL_IATI = {"1": _("Financiación"), "2": _("Rendición de cuentas"), "3": _("Extensión"), "4": _("Ejecución")}

    proyecto = models.ForeignKey(
        Proyecto, verbose_name=_("proyecto"), on_delete=models.CASCADE, related_name="participantes"
    )
    actor = models.ForeignKey("core.Actor", verbose_name=_("actor"), on_delete=models.PROTECT, related_name="+")
    rol = models.CharField(_("rol"), max_length=1, choices=Rol.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participante del proyecto")
        verbose_name_plural = _("participantes del proyecto")
        ordering = ["rol", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proyecto", "actor", "rol"],
                name="participante_unico_por_rol",
                violation_error_message=_("Ese actor ya tiene ese rol en el proyecto."),
            )
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_rol_display()})"

    @property
    def rol_iati_display(self) -> str:
        return f"{self.rol} – {self.ROL_IATI[self.rol]}"


class SectorProyecto(models.Model):
    """One DAC 5-digit sector of the project with its share: the shares of a project add up to 100 %."""

    proyecto = models.ForeignKey(
        Proyecto, verbose_name=_("proyecto"), on_delete=models.CASCADE, related_name="sectores"
    )
    codigo = models.CharField(
        _("sector CAD"),
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", _("Use un código CAD de 5 dígitos."))],
        help_text=_("Código de 5 dígitos del Comité de Ayuda al Desarrollo (OCDE), para IATI y Cíclope."),
    )
    porcentaje = models.DecimalField(
        _("porcentaje"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(100)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sector CAD del proyecto")
        verbose_name_plural = _("sectores CAD del proyecto")
        ordering = ["-porcentaje", "codigo"]
        constraints = [
            models.CheckConstraint(
                condition=Q(porcentaje__gt=0) & Q(porcentaje__lte=100),
                name="sector_porcentaje_entre_0_y_100",
                violation_error_message=MENSAJE_PORCENTAJE_SECTOR,
            ),
            models.UniqueConstraint(
                fields=["proyecto", "codigo"],
                name="sector_unico_por_proyecto",
                violation_error_message=_("Ese sector CAD ya está en el proyecto."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.codigo} ({self.porcentaje} %)"


class InformeEjecucionQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(proyecto__in=Proyecto.objects.visibles_para(usuario))

    def por_entregar(self) -> Self:
        return self.filter(estado__in=(InformeEjecucion.Estado.PENDIENTE, InformeEjecucion.Estado.DEVUELTO))


class InformeEjecucion(models.Model):
    """An execution report due on a date of the project's schedule: received, reviewed, accepted or returned."""

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", _("Pendiente")
        RECIBIDO = "recibido", _("Recibido, en revisión")
        ACEPTADO = "aceptado", _("Aceptado")
        DEVUELTO = "devuelto", _("Devuelto con observaciones")

    proyecto = models.ForeignKey(
        Proyecto, verbose_name=_("proyecto"), on_delete=models.CASCADE, related_name="informes"
    )
    numero = models.PositiveSmallIntegerField(_("número"))
    fecha_limite = models.DateField(_("fecha de entrega"))
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.PENDIENTE)
    archivo = models.FileField(_("informe"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo])
    comentario_entrega = models.TextField(_("comentario de la entrega"), blank=True)
    recibido_en = models.DateTimeField(_("recibido el"), null=True, blank=True)
    recibido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recibido por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    observaciones = models.TextField(_("observaciones de la revisión"), blank=True)
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

    objects = InformeEjecucionQuerySet.as_manager()

    class Meta:
        verbose_name = _("informe de ejecución")
        verbose_name_plural = _("informes de ejecución")
        ordering = ["proyecto", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["proyecto", "numero"], name="informe_ejecucion_unico"),
            models.CheckConstraint(
                condition=Q(estado="pendiente") | ~Q(archivo=""),
                name="informe_recibido_con_archivo",
                violation_error_message=_("Un informe recibido debe tener su archivo."),
            ),
        ]

    def __str__(self):
        return _("Informe de ejecución %(n)s (%(f)s)") % {"n": self.numero, "f": f"{self.fecha_limite:%d/%m/%Y}"}

    def get_absolute_url(self) -> str:
        return reverse("convocatorias:proyecto-detalle", args=[self.proyecto_id]) + f"#informe-{self.pk}"

    def convocatoria_para_archivos(self):
        return self.proyecto.convocatoria

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.PENDIENTE, Estado.DEVUELTO], target=Estado.RECIBIDO)
    def recibir(self, by=None, description=None):
        """The report arrived (uploaded)."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.RECIBIDO, target=Estado.ACEPTADO)
    def aceptar(self, by=None, description=None):
        """Reviewed and accepted (critical control point «Seguimiento al proyecto»)."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.RECIBIDO, target=Estado.DEVUELTO)
    def devolver(self, by=None, description=None):
        """Reviewed and returned with observations: a corrected report is due."""


class MovimientoFinanciero(models.Model):
    """A disbursement received or an expenditure made, in the project's currency (IATI TransactionType)."""

    class Tipo(models.TextChoices):
        DESEMBOLSO = "3", _("Desembolso recibido")
        GASTO = "4", _("Gasto ejecutado")

    proyecto = models.ForeignKey(
        Proyecto, verbose_name=_("proyecto"), on_delete=models.CASCADE, related_name="movimientos"
    )
    tipo = models.CharField(_("tipo"), max_length=1, choices=Tipo.choices)
    fecha = models.DateField(_("fecha"))
    monto = models.DecimalField(_("monto"), max_digits=18, decimal_places=2)
    descripcion = models.CharField(_("descripción"), max_length=250)
    soporte = models.FileField(_("soporte"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo])
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrado por"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("movimiento financiero")
        verbose_name_plural = _("movimientos financieros")
        ordering = ["fecha", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(monto__gt=0),
                name="movimiento_monto_positivo",
                violation_error_message=MENSAJE_MONTO_POSITIVO,
            )
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.fecha:%d/%m/%Y}"

    def convocatoria_para_archivos(self):
        return self.proyecto.convocatoria

    def clean(self):
        if self.monto is not None and self.monto <= 0:
            raise ValidationError({"monto": MENSAJE_MONTO_POSITIVO})


def informes_sin_aceptar():
    """Subquery: the project has an execution report not yet accepted."""
    return Exists(
        InformeEjecucion.objects.filter(proyecto=OuterRef("pk")).exclude(estado=InformeEjecucion.Estado.ACEPTADO)
    )
