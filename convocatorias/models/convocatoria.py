"""The call (Convocatoria) and its pipeline of procedure AI-P-003, tasks 1 to 7."""

from decimal import ROUND_HALF_UP, Decimal
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core import roles
from cooperacion.core.archivos import validar_documento as validar_archivo
from cooperacion.core.models import ConVersion, Usuario
from cooperacion.core.tipos import UsuarioOAnonimo

from ..archivos import ruta_de_archivo

MENSAJE_CIERRE_ANTERIOR = _("La fecha de cierre no puede ser anterior a la de apertura.")
MENSAJE_MONTO_POSITIVO = _("El monto debe ser mayor que cero.")
MENSAJE_TASA_POSITIVA = _("La tasa de cambio debe ser mayor que cero.")
DOS_DECIMALES = Decimal("0.01")


def equivalente_cop(monto, tasa) -> Decimal | None:
    if monto is None or tasa is None:
        return None
    return (Decimal(monto) * Decimal(tasa)).quantize(DOS_DECIMALES, rounding=ROUND_HALF_UP)


def alcance_de_dependencia(usuario: Usuario) -> int | None:
    """The dependencia whose records a Profesional or Jefe works on; None for any other role."""
    if usuario.dependencia_id and usuario.tiene_rol(roles.JEFE, roles.PROFESIONAL):
        return usuario.dependencia_id
    return None


class ConvocatoriaQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        """Transversal roles see every call; Profesional and Jefe those of their dependencia, plus those whose
        notice (task 3) their dependencia received (and of which they see only their own addressee record)."""
        if not (usuario.is_authenticated and usuario.is_active):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        dependencia_id = alcance_de_dependencia(usuario)
        if dependencia_id is None:
            return self.none()
        recibio_aviso = Destinatario.objects.filter(
            convocatoria=OuterRef("pk"), dependencia_id=dependencia_id, notificado_en__isnull=False
        )
        ejecuta = Q(proyecto__dependencia_id=dependencia_id)
        return self.filter(Q(dependencia_id=dependencia_id) | Exists(recibio_aviso) | ejecuta)


class Convocatoria(ConVersion):
    """An open call of a donor that the office identifies, prioritizes and may apply to (AI-P-003)."""

    class Estado(models.TextChoices):
        IDENTIFICADA = "identificada", _("Identificada")
        PRIORIZADA = "priorizada", _("Priorizada")
        VALIDADA = "validada", _("Validada: se aplica")
        NO_APLICADA = "no_aplicada", _("No aplicada")
        INFORMADA = "informada", _("Informada")
        COMPROMISOS = "compromisos", _("Compromisos formalizados")
        EN_FORMULACION = "en_formulacion", _("En formulación")
        APROBADA = "aprobada", _("Aprobada internamente")
        PRESENTADA = "presentada", _("Presentada al cooperante")
        ACEPTADA = "aceptada", _("Aceptada por el cooperante")
        RECHAZADA = "rechazada", _("Rechazada por el cooperante")
        EN_EJECUCION = "en_ejecucion", _("En ejecución")
        FINALIZADA = "finalizada", _("Finalizada")
        DESISTIDA = "desistida", _("No presentada (desistida)")

    # States in which the call is still being worked on before it reaches the donor: its closing date matters.
    ANTES_DE_PRESENTAR = (
        Estado.IDENTIFICADA,
        Estado.PRIORIZADA,
        Estado.VALIDADA,
        Estado.INFORMADA,
        Estado.COMPROMISOS,
        Estado.EN_FORMULACION,
        Estado.APROBADA,
    )
    TERMINALES = (Estado.NO_APLICADA, Estado.RECHAZADA, Estado.FINALIZADA, Estado.DESISTIDA)
    DESISTIBLES = (
        Estado.IDENTIFICADA,
        Estado.VALIDADA,
        Estado.INFORMADA,
        Estado.COMPROMISOS,
        Estado.EN_FORMULACION,
        Estado.APROBADA,
    )

    class Fuente(models.TextChoices):
        WEB = "web", _("Página web")
        BOLETIN = "boletin", _("Boletín informativo del cooperante")
        APC = "apc", _("APC-Colombia")
        CORREO = "correo", _("Correo electrónico")
        OTRA = "otra", _("Otra fuente")

    class Elegibilidad(models.TextChoices):
        DIRECTA = "directa", _("La entidad aplica directamente")
        ALIANZA = "alianza", _("Aplica en alianza con otros actores")
        TERCEROS = "terceros", _("Solo a través de terceros (ONG, academia, gremios)")

    class Impacto(models.TextChoices):
        ALTO = "alto", _("Alto")
        MEDIO = "medio", _("Medio")
        BAJO = "bajo", _("Bajo")

    class Canal(models.TextChoices):
        CORREO = "correo", _("Correo electrónico")
        FISICO = "fisico", _("Correo físico")
        PLATAFORMA = "plataforma", _("Plataforma del cooperante")

    # Task 1: identification.
    cooperante = models.ForeignKey(
        "core.Actor", verbose_name=_("cooperante"), on_delete=models.PROTECT, related_name="convocatorias"
    )
    nombre = models.CharField(_("nombre de la convocatoria"), max_length=250)
    fuente = models.CharField(_("fuente"), max_length=20, choices=Fuente.choices)
    enlace = models.URLField(_("enlace"), max_length=500, blank=True)
    modalidad = models.ForeignKey(
        "convocatorias.Modalidad", verbose_name=_("modalidad"), on_delete=models.PROTECT, related_name="convocatorias"
    )
    lineas_tematicas = models.CharField(
        _("líneas temáticas"), max_length=500, blank=True, help_text=_("Los temas que financia la convocatoria.")
    )
    ods = models.ManyToManyField("core.ODS", verbose_name=_("ODS"), blank=True, related_name="convocatorias")
    lineas_prioritarias = models.ManyToManyField(
        "internacional.LineaPrioritaria",
        verbose_name=_("líneas prioritarias de la entidad"),
        blank=True,
        related_name="convocatorias",
    )
    necesidades = models.ManyToManyField(
        "internacional.Necesidad",
        verbose_name=_("necesidades que atiende"),
        blank=True,
        related_name="convocatorias",
    )
    actores_elegibles = models.TextField(_("actores elegibles"), blank=True)
    elegibilidad = models.CharField(
        _("cómo puede aplicar la entidad"), max_length=20, choices=Elegibilidad.choices, default=Elegibilidad.DIRECTA
    )
    territorio = models.CharField(_("territorio"), max_length=250, blank=True)
    monto = models.DecimalField(_("recursos ofrecidos"), max_digits=18, decimal_places=2, null=True, blank=True)
    moneda = models.ForeignKey(
        "core.Moneda", verbose_name=_("moneda"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    tasa_cop = models.DecimalField(
        _("tasa de cambio a COP"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Pesos colombianos por una unidad de la moneda, a la fecha del registro."),
    )
    monto_cop = models.DecimalField(
        _("equivalente en COP"), max_digits=20, decimal_places=2, null=True, blank=True, editable=False
    )
    fecha_apertura = models.DateTimeField(_("apertura"))
    fecha_cierre = models.DateTimeField(_("cierre"))
    impacto_esperado = models.TextField(_("impacto esperado"), blank=True)
    nivel_impacto = models.CharField(
        _("nivel de impacto"), max_length=10, choices=Impacto.choices, default=Impacto.MEDIO
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("responsable"), on_delete=models.PROTECT, related_name="convocatorias"
    )
    dependencia = models.ForeignKey(
        "core.Dependencia", verbose_name=_("dependencia"), on_delete=models.PROTECT, related_name="convocatorias"
    )
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.IDENTIFICADA)

    # Prioritization parts (0-100) that depend only on the call's data; the closing part is computed in SQL.
    puntaje_recursos = models.PositiveSmallIntegerField(_("puntaje por recursos"), default=0, editable=False)
    puntaje_alineacion = models.PositiveSmallIntegerField(_("puntaje por alineación"), default=0, editable=False)
    puntaje_actores = models.PositiveSmallIntegerField(_("puntaje por actores"), default=0, editable=False)
    puntaje_impacto = models.PositiveSmallIntegerField(_("puntaje por impacto"), default=0, editable=False)
    # The closing-date points and the weighted total, stored so the matrix sorts by an index; recomputed when an
    # input changes and every hour (the closing-date points move with time). Derived: not kept in the history.
    puntos_cierre = models.PositiveSmallIntegerField(_("puntaje por cierre"), default=0, editable=False)
    puntaje = models.FloatField(_("puntaje de priorización"), default=0, editable=False)

    # Task 2: validation by the Jefe.
    motivo_validacion = models.TextField(_("motivo de la decisión"), blank=True)
    validada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decidida por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    validada_en = models.DateTimeField(_("decidida el"), null=True, blank=True)

    # Task 4: commitments minutes.
    acta_compromisos = models.FileField(
        _("acta de reunión y compromisos"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo]
    )
    compromisos_formalizados_en = models.DateTimeField(_("compromisos formalizados el"), null=True, blank=True)

    # Task 5: internal approval of the project document.
    version_aprobada = models.ForeignKey(
        "convocatorias.VersionDocumento",
        verbose_name=_("versión aprobada"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proyecto_aprobado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proyecto aprobado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proyecto_aprobado_en = models.DateTimeField(_("proyecto aprobado el"), null=True, blank=True)

    # Task 6: submission to the donor.
    fecha_presentacion = models.DateField(_("fecha de presentación"), null=True, blank=True)
    canal_presentacion = models.CharField(_("canal"), max_length=20, choices=Canal.choices, blank=True)
    radicado_presentacion = models.CharField(_("número de radicado"), max_length=80, blank=True)
    comprobante_presentacion = models.FileField(
        _("comprobante de envío"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo]
    )
    monto_solicitado = models.DecimalField(
        _("monto solicitado"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    monto_solicitado_cop = models.DecimalField(
        _("monto solicitado en COP"), max_digits=20, decimal_places=2, null=True, blank=True, editable=False
    )

    # Task 7: the donor's decision.
    fecha_decision = models.DateField(_("fecha de la respuesta del cooperante"), null=True, blank=True)
    comunicacion_decision = models.TextField(_("comunicación del cooperante"), blank=True)
    soporte_decision = models.FileField(
        _("soporte de la respuesta"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo]
    )
    monto_aprobado = models.DecimalField(_("monto aprobado"), max_digits=18, decimal_places=2, null=True, blank=True)
    monto_aprobado_cop = models.DecimalField(
        _("monto aprobado en COP"), max_digits=20, decimal_places=2, null=True, blank=True, editable=False
    )
    estado_al_desistir = models.CharField(
        _("estado al desistir"), max_length=20, choices=Estado.choices, blank=True, editable=False
    )

    creada_en = models.DateTimeField(_("registrada el"), default=timezone.now, editable=False)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords(excluded_fields=["puntos_cierre", "puntaje"])

    objects = ConvocatoriaQuerySet.as_manager()

    class Meta:
        verbose_name = _("convocatoria")
        verbose_name_plural = _("convocatorias")
        ordering = ["fecha_cierre", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fecha_cierre__gte=F("fecha_apertura")),
                name="convocatoria_cierre_no_anterior_a_apertura",
                violation_error_message=MENSAJE_CIERRE_ANTERIOR,
            ),
            models.CheckConstraint(
                condition=Q(monto__isnull=True) | Q(monto__gt=0),
                name="convocatoria_monto_positivo",
                violation_error_message=MENSAJE_MONTO_POSITIVO,
            ),
            models.CheckConstraint(
                condition=Q(tasa_cop__isnull=True) | Q(tasa_cop__gt=0),
                name="convocatoria_tasa_positiva",
                violation_error_message=MENSAJE_TASA_POSITIVA,
            ),
            models.CheckConstraint(
                condition=Q(monto_solicitado__isnull=True) | Q(monto_solicitado__gt=0),
                name="convocatoria_monto_solicitado_positivo",
                violation_error_message=MENSAJE_MONTO_POSITIVO,
            ),
            models.CheckConstraint(
                condition=Q(monto_aprobado__isnull=True) | Q(monto_aprobado__gt=0),
                name="convocatoria_monto_aprobado_positivo",
                violation_error_message=MENSAJE_MONTO_POSITIVO,
            ),
        ]
        indexes = [
            models.Index(fields=["estado", "fecha_cierre"], name="convocatoria_estado_cierre"),
            # The matrix sorts by the stored score: an index scan, not a score computed for every visible call.
            models.Index(fields=["-puntaje", "id"], name="convocatoria_por_puntaje"),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self) -> str:
        return reverse("convocatorias:detalle", args=[self.pk])

    def convocatoria_para_archivos(self):
        return self

    @property
    def titulo(self) -> str:
        sigla = self.cooperante.sigla or self.cooperante.nombre
        return f"{sigla}: {self.nombre}"

    @property
    def terminada(self) -> bool:
        return self.estado in self.TERMINALES

    @property
    def editable(self) -> bool:
        return self.estado in self.ANTES_DE_PRESENTAR

    def calcular_equivalentes(self) -> None:
        """The COP equivalents of the amounts, at the rate recorded on the call."""
        if self.moneda is not None and self.moneda.codigo == "COP":
            self.tasa_cop = Decimal(1)
        self.monto_cop = equivalente_cop(self.monto, self.tasa_cop)
        self.monto_solicitado_cop = equivalente_cop(self.monto_solicitado, self.tasa_cop)
        self.monto_aprobado_cop = equivalente_cop(self.monto_aprobado, self.tasa_cop)

    def clean(self):
        errores = {}
        if self.fecha_apertura and self.fecha_cierre and self.fecha_cierre < self.fecha_apertura:
            errores["fecha_cierre"] = MENSAJE_CIERRE_ANTERIOR
        for campo in ("monto", "monto_solicitado", "monto_aprobado"):
            valor = getattr(self, campo)
            if valor is not None and valor <= 0:
                errores[campo] = MENSAJE_MONTO_POSITIVO
        if self.tasa_cop is not None and self.tasa_cop <= 0:
            errores["tasa_cop"] = MENSAJE_TASA_POSITIVA
        if self.monto is not None and "monto" not in errores:
            if not self.moneda_id:
                errores["moneda"] = _("Indique la moneda de los recursos ofrecidos.")
            elif self.moneda.codigo != "COP" and self.tasa_cop is None:
                errores["tasa_cop"] = _("Indique la tasa de cambio a pesos colombianos (COP).")
        if self.responsable_id and self.dependencia_id and self.responsable.dependencia_id != self.dependencia_id:
            errores["responsable"] = _("El responsable debe pertenecer a la dependencia de la convocatoria.")
        if errores:
            raise ValidationError(errores)
        self.calcular_equivalentes()

    # Transitions. Each runs only through a service (services/), which checks the role and the preconditions.

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.IDENTIFICADA, target=Estado.PRIORIZADA)
    def priorizar(self, by=None, description=None):
        """Task 1 done: the call is analysed and scored, ready for the Jefe."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PRIORIZADA, target=Estado.VALIDADA)
    def aplicar(self, by=None, description=None):
        """Task 2, a): the Jefe decides to apply."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PRIORIZADA, target=Estado.NO_APLICADA)
    def no_aplicar(self, by=None, description=None):
        """Task 2, b): the Jefe decides not to apply; the procedure ends."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.VALIDADA, target=Estado.INFORMADA)
    def informar(self, by=None, description=None):
        """Task 3: the oficio informativo went to the interested dependencias and organizations."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.INFORMADA, target=Estado.COMPROMISOS)
    def formalizar_compromisos(self, by=None, description=None):
        """Task 4: obligations and responsibilities agreed (needs at least one acceptance: critical point)."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.COMPROMISOS, target=Estado.EN_FORMULACION)
    def iniciar_formulacion(self, by=None, description=None):
        """Task 5 starts with the first version of the project document."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_FORMULACION, target=Estado.APROBADA)
    def aprobar_proyecto(self, by=None, description=None):
        """Task 5 done: the project document is approved by the responsible of the dependencia."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.APROBADA, target=Estado.PRESENTADA)
    def presentar(self, by=None, description=None):
        """Task 6: the project was sent to the donor."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PRESENTADA, target=Estado.ACEPTADA)
    def registrar_aceptacion(self, by=None, description=None):
        """Task 7: the donor accepted the project."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.PRESENTADA, target=Estado.RECHAZADA)
    def registrar_rechazo(self, by=None, description=None):
        """Task 7: the donor rejected the project; the procedure ends."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.ACEPTADA, target=Estado.EN_EJECUCION)
    def iniciar_ejecucion(self, by=None, description=None):
        """Task 8 starts: the accepted call becomes a cooperation project."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_EJECUCION, target=Estado.FINALIZADA)
    def finalizar(self, by=None, description=None):
        """Task 9: the close-out act is signed by the Jefe."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=DESISTIBLES, target=Estado.DESISTIDA)
    def desistir(self, by=None, description=None):
        """The office stops before submitting (no one accepted, the call closed, the donor withdrew it)."""


class AvisoQuerySet(models.QuerySet):
    def visibles_para(self, usuario: UsuarioOAnonimo) -> Self:
        return self.filter(convocatoria__in=Convocatoria.objects.visibles_para(usuario))


class Aviso(models.Model):
    """Task 3: the oficio informativo of a call and the optional meeting.

    The office writes it (borrador), asks the Jefe to sign it (por firmar), and the Jefe signs and sends it
    (firmado): the PDF signed in their name is stored and is what every addressee receives and downloads.
    """

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        POR_FIRMAR = "por_firmar", _("Por firmar")
        FIRMADO = "firmado", _("Firmado y enviado")

    convocatoria = models.OneToOneField(
        Convocatoria, verbose_name=_("convocatoria"), on_delete=models.CASCADE, related_name="aviso"
    )
    estado = FSMField(_("estado del oficio"), max_length=12, choices=Estado.choices, default=Estado.BORRADOR)
    firmado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("firmado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    firmado_en = models.DateTimeField(_("firmado el"), null=True, blank=True)
    pdf_firmado = models.FileField(_("oficio firmado (PDF)"), upload_to=ruta_de_archivo, blank=True, editable=False)
    numero_oficio = models.CharField(_("número del oficio"), max_length=60, blank=True)
    asunto = models.CharField(_("asunto"), max_length=250)
    texto = models.TextField(_("texto del oficio"))
    enviado_en = models.DateTimeField(_("enviado el"), null=True, blank=True)
    enviado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enviado por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reunion_fecha = models.DateTimeField(_("fecha de la reunión informativa"), null=True, blank=True)
    reunion_lugar = models.CharField(_("lugar o enlace de la reunión"), max_length=250, blank=True)
    acta_reunion = models.FileField(
        _("acta de la reunión"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo]
    )
    asistencia_reunion = models.FileField(
        _("registro de asistencia"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo]
    )
    history = HistoricalRecords()

    objects = AvisoQuerySet.as_manager()

    class Meta:
        verbose_name = _("oficio informativo")
        verbose_name_plural = _("oficios informativos")

    def __str__(self):
        return self.asunto

    def get_absolute_url(self) -> str:
        return reverse("convocatorias:aviso", args=[self.convocatoria_id])

    def convocatoria_para_archivos(self):
        return self.convocatoria

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.BORRADOR, target=Estado.POR_FIRMAR)
    def solicitar_firma(self, by=None, description=None):
        """The office asks the Jefe to sign the oficio in their name."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.POR_FIRMAR, target=Estado.BORRADOR)
    def devolver(self, by=None, description=None):
        """The Jefe returns it with observations."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=[Estado.BORRADOR, Estado.POR_FIRMAR], target=Estado.FIRMADO)
    def firmar(self, by=None, description=None):
        """The Jefe signs it and it is sent; its text no longer changes."""


class DestinatarioQuerySet(models.QuerySet):
    def aceptaron(self) -> Self:
        return self.filter(respuesta=Destinatario.Respuesta.ACEPTA)


class Destinatario(models.Model):
    """One addressee of the notice (a dependencia or an outside organization) and its answer."""

    class Respuesta(models.TextChoices):
        PENDIENTE = "pendiente", _("Sin respuesta")
        ACEPTA = "acepta", _("Acepta participar")
        DECLINA = "declina", _("No participa")

    convocatoria = models.ForeignKey(
        Convocatoria, verbose_name=_("convocatoria"), on_delete=models.CASCADE, related_name="destinatarios"
    )
    dependencia = models.ForeignKey(
        "core.Dependencia",
        verbose_name=_("dependencia"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="avisos_de_convocatoria",
    )
    organizacion = models.CharField(_("organización"), max_length=250, blank=True)
    correo = models.EmailField(_("correo electrónico"), blank=True)
    respuesta = models.CharField(_("respuesta"), max_length=10, choices=Respuesta.choices, default=Respuesta.PENDIENTE)
    causas = models.TextField(_("causas de la no participación"), blank=True)
    observaciones = models.TextField(_("observaciones"), blank=True)
    oficio_respuesta = models.FileField(
        _("oficio de respuesta"), upload_to=ruta_de_archivo, blank=True, validators=[validar_archivo]
    )
    respondido_en = models.DateTimeField(_("respondido el"), null=True, blank=True)
    respondido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respuesta registrada por"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notificado_en = models.DateTimeField(_("notificado el"), null=True, blank=True)
    correo_enviado_en = models.DateTimeField(_("correo enviado el"), null=True, blank=True)
    history = HistoricalRecords()

    objects = DestinatarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("destinatario del oficio")
        verbose_name_plural = _("destinatarios del oficio")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(respuesta="declina") | ~Q(causas=""),
                name="destinatario_declina_con_causas",
                violation_error_message=_("Explique las causas de la no participación."),
            ),
            models.CheckConstraint(
                condition=(Q(dependencia__isnull=False) & Q(organizacion=""))
                | (Q(dependencia__isnull=True) & ~Q(organizacion="")),
                name="destinatario_dependencia_u_organizacion",
                violation_error_message=_("Indique una dependencia o una organización, no ambas."),
            ),
            models.UniqueConstraint(
                fields=["convocatoria", "dependencia"],
                condition=Q(dependencia__isnull=False),
                name="destinatario_dependencia_unica",
                violation_error_message=_("Esa dependencia ya está entre los destinatarios."),
            ),
        ]

    def __str__(self):
        return self.nombre

    def get_absolute_url(self) -> str:
        return f"{self.convocatoria.get_absolute_url()}#destinatario-{self.pk}"

    @property
    def nombre(self) -> str:
        return str(self.dependencia) if self.dependencia_id else self.organizacion

    def convocatoria_para_archivos(self):
        return self.convocatoria

    def clean(self):
        if self.respuesta == self.Respuesta.DECLINA and not self.causas.strip():
            raise ValidationError({"causas": _("Explique las causas de la no participación.")})


class Compromiso(models.Model):
    """Task 4: an obligation agreed between the office and a party."""

    convocatoria = models.ForeignKey(
        Convocatoria, verbose_name=_("convocatoria"), on_delete=models.CASCADE, related_name="compromisos"
    )
    parte = models.CharField(_("parte"), max_length=250, help_text=_("Dependencia, banco de proyectos u organización."))
    obligaciones = models.TextField(_("obligaciones y responsabilidades"))
    responsable = models.CharField(_("responsable"), max_length=200)
    fecha_limite = models.DateField(_("fecha límite"), null=True, blank=True)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrado por"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.parte}: {self.obligaciones[:60]}"


class VersionDocumento(models.Model):
    """Task 5: one version of the project document, with who uploaded it, when, and why."""

    convocatoria = models.ForeignKey(
        Convocatoria, verbose_name=_("convocatoria"), on_delete=models.CASCADE, related_name="versiones"
    )
    numero = models.PositiveSmallIntegerField(_("versión"))
    archivo = models.FileField(_("documento"), upload_to=ruta_de_archivo, validators=[validar_archivo])
    comentario = models.TextField(_("comentario"), blank=True)
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("subido por"), on_delete=models.PROTECT, related_name="+"
    )
    subido_en = models.DateTimeField(_("subido el"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("versión del documento del proyecto")
        verbose_name_plural = _("versiones del documento del proyecto")
        ordering = ["convocatoria", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["convocatoria", "numero"], name="version_documento_unica"),
        ]

    def __str__(self):
        return f"v{self.numero}"

    def convocatoria_para_archivos(self):
        return self.convocatoria
