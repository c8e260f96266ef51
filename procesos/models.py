"""Process characterizations as data: the catalog of processes and, for each, the versions of its
characterization (PHVA rows, documents, legal requirements, risks, policies, approval block, change control)."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from django_fsm_log.decorators import fsm_log_by, fsm_log_description
from simple_history.models import HistoricalRecords

from cooperacion.core.archivos import DOCUMENTOS_DE_OFICINA, ValidadorDeArchivo
from cooperacion.core.models import Actor, CatalogoQuerySet, ConVersion, Dependencia, PoliticaMIPG
from cooperacion.core.permissions import es_personal


class Tipologia(models.TextChoices):
    ESTRATEGICO = "estrategico", _("Estratégico")
    MISIONAL = "misional", _("Misional")
    APOYO = "apoyo", _("Apoyo")
    EVALUACION = "evaluacion", _("Evaluación")


class Proceso(models.Model):
    """An entry of the process map, maintained by the Administrador; its characterizations are versioned."""

    codigo = models.CharField(_("código"), max_length=40, unique=True)
    nombre = models.CharField(_("nombre"), max_length=250)
    tipologia = models.CharField(_("tipología"), max_length=20, choices=Tipologia.choices, blank=True)
    dependencia = models.ForeignKey(
        Dependencia, verbose_name=_("dependencia responsable"), on_delete=models.PROTECT, related_name="procesos"
    )
    activo = models.BooleanField(_("activo"), default=True)
    history = HistoricalRecords()

    objects = CatalogoQuerySet.as_manager()

    class Meta:
        verbose_name = _("proceso")
        verbose_name_plural = _("procesos")
        ordering = ["codigo"]

    def __str__(self):
        return f"{self.codigo} · {self.nombre}"

    def activo_display(self) -> str:
        return str(_("Sí") if self.activo else _("No"))


class CaracterizacionQuerySet(models.QuerySet):
    def visibles_para(self, usuario):
        """Approved versions are readable by all staff; drafts only inside their dependencia (and by the
        roles that see every dependencia)."""
        if not es_personal(usuario):
            return self.none()
        if usuario.ve_todas_las_dependencias:
            return self.all()
        return self.filter(Q(estado__in=Caracterizacion.PUBLICADOS) | Q(dependencia_id=usuario.dependencia_id))


class Caracterizacion(ConVersion):
    """One version of the characterization of a process, laid out as the official document."""

    class Estado(models.TextChoices):
        BORRADOR = "borrador", _("Borrador")
        EN_REVISION = "en_revision", _("En revisión")
        VIGENTE = "vigente", _("Vigente")
        OBSOLETO = "obsoleto", _("Obsoleta")

    PUBLICADOS = (Estado.VIGENTE, Estado.OBSOLETO)
    ABIERTOS = (Estado.BORRADOR, Estado.EN_REVISION)

    proceso = models.ForeignKey(
        Proceso, verbose_name=_("proceso"), on_delete=models.PROTECT, related_name="caracterizaciones"
    )
    # As written by the source ("5.0", "12"): the office's own numbering is kept, not normalized.
    version = models.CharField(_("versión"), max_length=20)
    fecha = models.DateField(_("fecha"), default=timezone.localdate)
    entidad = models.CharField(_("entidad"), max_length=250)
    # The name and typology as this version states them (a later version may rename the process).
    nombre = models.CharField(_("nombre del proceso"), max_length=250)
    tipologia = models.CharField(_("tipología"), max_length=20, choices=Tipologia.choices, blank=True)
    dependencia = models.ForeignKey(
        Dependencia,
        verbose_name=_("dependencia responsable"),
        on_delete=models.PROTECT,
        related_name="caracterizaciones",
    )
    responsable = models.CharField(_("responsable (cargo)"), max_length=250)
    objetivo = models.TextField(_("objetivo"))
    alcance = models.TextField(_("alcance"))
    estado = FSMField(_("estado"), max_length=20, choices=Estado.choices, default=Estado.BORRADOR)
    version_anterior = models.ForeignKey(
        "self",
        verbose_name=_("versión anterior"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="versiones_siguientes",
    )

    rol_lineas_defensa = models.TextField(_("rol en el esquema de líneas de defensa"), blank=True)
    mecanismos_seguimiento = models.JSONField(_("mecanismos de seguimiento y medición"), default=list, blank=True)
    indicadores = models.TextField(_("indicadores"), blank=True)
    politicas_operacion = models.TextField(_("políticas de operación"), blank=True)
    productos_servicios = models.TextField(_("productos y/o servicios"), blank=True)
    # "Seguimiento y control" notes, as the 4212000-CR-040 format writes them next to each aspect.
    nota_normatividad = models.TextField(_("normatividad"), blank=True)
    nota_documentos = models.TextField(_("documentos (nota)"), blank=True)
    nota_riesgos = models.TextField(_("riesgos y controles (nota)"), blank=True)
    nota_acciones = models.TextField(_("acciones"), blank=True)
    nota_politicas = models.TextField(_("políticas de gestión y desempeño (nota)"), blank=True)
    recursos_humanos = models.TextField(_("recursos humanos"), blank=True)
    recursos_financieros = models.TextField(_("recursos financieros"), blank=True)
    recursos_tecnologicos = models.TextField(_("recursos tecnológicos"), blank=True)
    recursos_infraestructura = models.TextField(_("recursos de infraestructura"), blank=True)

    # The change-control row this version will add when approved (computed from the differences, editable).
    control_seccion = models.TextField(_("sección modificada"), blank=True)
    control_cambio = models.TextField(_("cambio realizado"), blank=True)
    # False: the change-control row is the one computed from the differences with the version in force, again at
    # every save until approval; True once someone wrote it by hand.
    control_manual = models.BooleanField(_("control de cambios escrito a mano"), default=False)
    creada_en = models.DateTimeField(_("creada"), default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = CaracterizacionQuerySet.as_manager()

    class Meta:
        verbose_name = _("caracterización de proceso")
        verbose_name_plural = _("caracterizaciones de proceso")
        ordering = ["proceso__codigo", "-creada_en", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proceso"], condition=Q(estado="vigente"), name="caracterizacion_una_vigente_por_proceso"
            ),
            models.UniqueConstraint(
                fields=["proceso"],
                condition=Q(estado__in=["borrador", "en_revision"]),
                name="caracterizacion_un_borrador_por_proceso",
            ),
            models.UniqueConstraint(fields=["proceso", "version"], name="caracterizacion_version_unica"),
        ]

    def __str__(self):
        return f"{self.proceso.codigo} v{self.version} · {self.nombre}"

    def get_absolute_url(self) -> str:
        return reverse("procesos:detalle", args=[self.pk])

    @property
    def codigo(self) -> str:
        return self.proceso.codigo

    @property
    def publicada(self) -> bool:
        return self.estado in self.PUBLICADOS

    @property
    def de_otra_entidad(self) -> bool:
        """A reference characterization of another entity (Bogotá's): our dependencia keeps it, it is not its owner."""
        from django.conf import settings

        return bool(self.entidad) and self.entidad.strip().casefold() != settings.ENTIDAD_NOMBRE.strip().casefold()

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.BORRADOR, target=Estado.EN_REVISION)
    def enviar_revision(self, by=None, description=None):
        """The draft goes to the Jefe de oficina."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_REVISION, target=Estado.BORRADOR)
    def devolver(self, by=None, description=None):
        """Back to the drafter, with the reason."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.EN_REVISION, target=Estado.VIGENTE)
    def aprobar(self, by=None, description=None):
        """This version becomes the one in force."""

    @fsm_log_by
    @fsm_log_description
    @transition(field=estado, source=Estado.VIGENTE, target=Estado.OBSOLETO)
    def marcar_obsoleta(self, by=None, description=None):
        """Replaced by a newer approved version; still readable."""


class Etapa(models.IntegerChoices):
    PLANEAR = 1, _("Planear")
    HACER = 2, _("Hacer")
    VERIFICAR = 3, _("Verificar")
    ACTUAR = 4, _("Actuar")


class FilaPHVA(models.Model):
    """A row of the PHVA table: who supplies what, the activities, who does them, what comes out and for whom.

    Inputs, activities, responsibles and outputs are JSON lists of strings: they are short ordered texts
    without identity of their own (nothing links to "the second input"), so a list keeps their order, travels
    as one Excel cell, costs no extra query, and the row's history shows the whole list before and after.
    Suppliers and clients are rows of their own (ParteInteresada) because they may link to the catalogs.
    """

    caracterizacion = models.ForeignKey(
        Caracterizacion, verbose_name=_("caracterización"), on_delete=models.CASCADE, related_name="filas"
    )
    etapa = models.PositiveSmallIntegerField(_("etapa"), choices=Etapa.choices)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    entradas = models.JSONField(_("entradas"), default=list, blank=True)
    actividades = models.JSONField(_("actividades"), default=list)
    responsables = models.JSONField(_("responsables"), default=list, blank=True)
    salidas = models.JSONField(_("salidas"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fila del ciclo PHVA")
        verbose_name_plural = _("filas del ciclo PHVA")
        ordering = ["etapa", "orden", "pk"]

    def __str__(self):
        primera = self.actividades[0] if self.actividades else ""
        return f"{self.get_etapa_display()} {self.orden}: {primera[:80]}"


class ParteInteresada(models.Model):
    """A supplier or a client of a PHVA row: a catalog entry (dependencia, process or actor) or free text.

    `texto` always keeps the wording of the document; the link, when there is one, points to the catalog.
    The PR-CRI format has a single "fuentes de entradas" / "receptores de salidas" column: those are the
    `fuente` and `receptor` kinds, so both formats are kept without forcing an internal/external split.
    """

    class Tipo(models.TextChoices):
        PROVEEDOR_EXTERNO = "proveedor_externo", _("Proveedor externo")
        PROVEEDOR_INTERNO = "proveedor_interno", _("Proveedor interno")
        FUENTE = "fuente", _("Fuente de entradas")
        CLIENTE_INTERNO = "cliente_interno", _("Cliente interno")
        CLIENTE_EXTERNO = "cliente_externo", _("Cliente externo")
        RECEPTOR = "receptor", _("Receptor de salidas")

    fila = models.ForeignKey(FilaPHVA, verbose_name=_("fila"), on_delete=models.CASCADE, related_name="partes")
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    texto = models.CharField(_("texto"), max_length=300)
    dependencia = models.ForeignKey(
        Dependencia, verbose_name=_("dependencia"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proceso = models.ForeignKey(
        Proceso, verbose_name=_("proceso"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        Actor, verbose_name=_("actor"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proveedor o cliente")
        verbose_name_plural = _("proveedores y clientes")
        ordering = ["fila", "tipo", "orden", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(texto=""), name="parte_interesada_con_texto"),
            models.CheckConstraint(
                condition=(
                    Q(dependencia__isnull=True, proceso__isnull=True)
                    | Q(dependencia__isnull=True, actor__isnull=True)
                    | Q(proceso__isnull=True, actor__isnull=True)
                ),
                name="parte_interesada_un_solo_catalogo",
            ),
        ]

    def __str__(self):
        return self.texto

    @property
    def enlace(self):
        """The catalog entry it points to, if any."""
        return self.dependencia or self.proceso or self.actor


class Documento(models.Model):
    class Clase(models.TextChoices):
        PROCESO = "proceso", _("Documento del proceso")
        ASOCIADO = "asociado", _("Documento asociado")

    caracterizacion = models.ForeignKey(
        Caracterizacion, verbose_name=_("caracterización"), on_delete=models.CASCADE, related_name="documentos"
    )
    clase = models.CharField(_("clase"), max_length=10, choices=Clase.choices, default=Clase.PROCESO)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    codigo = models.CharField(_("código"), max_length=60, blank=True)
    nombre = models.CharField(_("nombre"), max_length=300)
    archivo = models.FileField(
        _("archivo"),
        upload_to="procesos/documentos/%Y/%m/",
        blank=True,
        validators=[ValidadorDeArchivo(DOCUMENTOS_DE_OFICINA)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documentos")
        ordering = ["orden", "pk"]

    def __str__(self):
        return f"{self.codigo} {self.nombre}".strip()


class RequisitoLegal(models.Model):
    """A row of the normograma: norm, article, description."""

    caracterizacion = models.ForeignKey(
        Caracterizacion, verbose_name=_("caracterización"), on_delete=models.CASCADE, related_name="requisitos"
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    norma = models.CharField(_("norma"), max_length=300)
    articulo = models.CharField(_("artículo"), max_length=200, blank=True)
    descripcion = models.TextField(_("descripción"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("requisito legal")
        verbose_name_plural = _("requisitos legales")
        ordering = ["orden", "pk"]

    def __str__(self):
        return self.norma


class Riesgo(models.Model):
    caracterizacion = models.ForeignKey(
        Caracterizacion, verbose_name=_("caracterización"), on_delete=models.CASCADE, related_name="riesgos"
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    codigo = models.CharField(_("código"), max_length=40, blank=True)
    descripcion = models.TextField(_("descripción"))
    controles = models.TextField(_("controles"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("riesgo")
        verbose_name_plural = _("riesgos")
        ordering = ["orden", "pk"]

    def __str__(self):
        return f"{self.codigo} {self.descripcion[:80]}".strip()


class PoliticaAsociada(models.Model):
    """A MIPG policy the process takes part in (a row of its own so that its changes keep history)."""

    caracterizacion = models.ForeignKey(
        Caracterizacion, verbose_name=_("caracterización"), on_delete=models.CASCADE, related_name="politicas"
    )
    politica = models.ForeignKey(
        PoliticaMIPG, verbose_name=_("política MIPG"), on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("política MIPG asociada")
        verbose_name_plural = _("políticas MIPG asociadas")
        ordering = ["politica__numero"]
        constraints = [
            models.UniqueConstraint(fields=["caracterizacion", "politica"], name="politica_asociada_unica"),
        ]

    def __str__(self):
        return str(self.politica)


class Firma(models.Model):
    """A step of the approval block. Filled by the workflow (user, cargo and date); the seeds bring only
    the cargo and the date, so those are kept as text next to the optional user."""

    class Paso(models.IntegerChoices):
        ELABORO = 1, _("Elaboró")
        REVISO = 2, _("Revisó")
        APROBO = 3, _("Aprobó")

    caracterizacion = models.ForeignKey(
        Caracterizacion, verbose_name=_("caracterización"), on_delete=models.CASCADE, related_name="firmas"
    )
    paso = models.PositiveSmallIntegerField(_("paso"), choices=Paso.choices)
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    usuario = models.ForeignKey(
        "core.Usuario", verbose_name=_("usuario"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    nombre = models.CharField(_("nombre"), max_length=250, blank=True)
    cargo = models.CharField(_("cargo"), max_length=250, blank=True)
    fecha = models.DateField(_("fecha"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("firma del bloque de aprobación")
        verbose_name_plural = _("bloque de aprobación")
        ordering = ["paso", "orden", "pk"]

    def __str__(self):
        return f"{self.get_paso_display()}: {self.nombre or self.cargo}"


class ControlCambio(models.Model):
    """A row of the change-control table (section modified, change made, date, version as written)."""

    caracterizacion = models.ForeignKey(
        Caracterizacion, verbose_name=_("caracterización"), on_delete=models.CASCADE, related_name="cambios"
    )
    orden = models.PositiveSmallIntegerField(_("orden"), default=0)
    version = models.CharField(_("versión"), max_length=20)
    seccion = models.TextField(_("sección modificada"))
    cambio = models.TextField(_("cambio realizado"))
    fecha = models.DateField(_("fecha"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("control de cambios")
        verbose_name_plural = _("control de cambios")
        ordering = ["orden", "pk"]

    def __str__(self):
        return f"v{self.version} · {self.fecha:%d/%m/%Y}"
