"""Factories and helpers for the call pipeline (AI-P-003): calls, and a helper that takes a call through the
services up to a given state, as the office would."""

import importlib
import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from convocatorias import services
from convocatorias.models import Convocatoria, Modalidad, ParticipanteProyecto, Proyecto, SectorProyecto
from cooperacion.core.documentos_demo import pdf_simple
from cooperacion.core.models import Actor, Moneda
from tests.factories import ActorFactory, DependenciaFactory
from tests.factories_oit import ProfesionalFactory

DATOS_DE_MIGRACIONES = [
    ("cooperacion.internacional.migrations.0004_permisos_lineas_y_necesidades", "dar_permisos"),
    ("convocatorias.migrations.0002_modalidades", "cargar"),
    ("convocatorias.migrations.0003_permisos_de_roles", "dar_permisos"),
]


def asegurar_datos_de_convocatorias() -> None:
    """The codelist and the roles' permissions as the data migrations load them (a browser test's flush removes
    them); idempotent."""
    for modulo, funcion in DATOS_DE_MIGRACIONES:
        getattr(importlib.import_module(modulo), funcion)(django_apps, None)


def modalidad(codigo: str = "financiera_no_reembolsable") -> Modalidad:
    return Modalidad.objects.get_or_create(codigo=codigo, defaults={"nombre": codigo.replace("_", " ").capitalize()})[0]


def moneda(codigo: str = "USD") -> Moneda:
    return Moneda.objects.get_or_create(codigo=codigo, defaults={"nombre": codigo, "decimales": 2})[0]


class ConvocatoriaFactory(DjangoModelFactory):
    """A call as registered (state «identificada»); the score parts are not computed (use the services for that)."""

    class Meta:
        model = Convocatoria

    cooperante = factory.SubFactory(ActorFactory)
    nombre = factory.Sequence(lambda n: f"Convocatoria de cooperación número {n}")
    fuente = Convocatoria.Fuente.WEB
    modalidad = factory.LazyFunction(modalidad)
    fecha_apertura = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    fecha_cierre = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    monto = Decimal("100000")
    moneda = factory.LazyFunction(moneda)
    tasa_cop = Decimal("4000")
    monto_cop = factory.LazyAttribute(lambda o: o.monto * o.tasa_cop if o.monto else None)
    dependencia = factory.SubFactory(DependenciaFactory)
    responsable = factory.SubFactory(ProfesionalFactory, dependencia=factory.SelfAttribute("..dependencia"))


def pdf(nombre: str = "documento.pdf", texto: str = "Documento de prueba") -> SimpleUploadedFile:
    return SimpleUploadedFile(nombre, pdf_simple(texto, [texto]), content_type="application/pdf")


def docx(nombre: str = "documento.docx") -> SimpleUploadedFile:
    contenido = io.BytesIO()
    with zipfile.ZipFile(contenido, "w") as paquete:
        paquete.writestr("[Content_Types].xml", "<Types/>")
        paquete.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(nombre, contenido.getvalue())


def datos_de_convocatoria(**cambios) -> dict:
    datos = {
        "cooperante": None,
        "nombre": "Programa de empleo rural para jóvenes",
        "fuente": Convocatoria.Fuente.APC,
        "modalidad": None,
        "fecha_apertura": timezone.now() - timedelta(days=5),
        "fecha_cierre": timezone.now() + timedelta(days=40),
        "monto": Decimal("250000"),
        "moneda": None,
        "tasa_cop": Decimal("4100"),
        "lineas_tematicas": "Empleo rural; juventud",
        "territorio": "Nariño",
        "impacto_esperado": "500 jóvenes con empleo formal",
    }
    datos.update(cambios)
    datos["cooperante"] = (
        datos["cooperante"]
        or Actor.objects.get_or_create(
            nombre="Cooperación Alemana (GIZ)", defaults={"sigla": "GIZ", "tipo": Actor.Tipo.GOBIERNO_INTERNACIONAL}
        )[0]
    )
    datos["modalidad"] = datos["modalidad"] or modalidad()
    if datos["moneda"] is None and datos["monto"] is not None:
        datos["moneda"] = moneda("USD")
    return datos


ORDEN = [
    Convocatoria.Estado.IDENTIFICADA,
    Convocatoria.Estado.PRIORIZADA,
    Convocatoria.Estado.VALIDADA,
    Convocatoria.Estado.INFORMADA,
    Convocatoria.Estado.COMPROMISOS,
    Convocatoria.Estado.EN_FORMULACION,
    Convocatoria.Estado.APROBADA,
    Convocatoria.Estado.PRESENTADA,
    Convocatoria.Estado.ACEPTADA,
    Convocatoria.Estado.EN_EJECUCION,
    Convocatoria.Estado.FINALIZADA,
]


def avanzar(convocatoria: Convocatoria, hasta: str, *, usuarios, dependencias) -> Convocatoria:
    """Take a call of the office (OCRI) through the services up to the state `hasta`, the way the office would:
    DDFT receives the oficio and accepts."""
    profesional, jefe = usuarios["profesional"], usuarios["jefe"]
    hoy = timezone.localdate()
    pasos = ORDEN[ORDEN.index(convocatoria.estado) + 1 : ORDEN.index(hasta) + 1]
    for estado in pasos:
        if estado == Convocatoria.Estado.PRIORIZADA:
            services.convocatoria_priorizar(convocatoria=convocatoria, usuario=profesional)
        elif estado == Convocatoria.Estado.VALIDADA:
            services.convocatoria_aplicar(convocatoria=convocatoria, usuario=jefe, motivo="Responde a las prioridades.")
        elif estado == Convocatoria.Estado.INFORMADA:
            services.aviso_guardar(
                convocatoria=convocatoria, usuario=profesional, asunto="Convocatoria abierta", texto="Les informamos."
            )
            services.destinatario_agregar(
                convocatoria=convocatoria, usuario=profesional, dependencia=dependencias["ddft"], correo="ddft@x.test"
            )
            services.aviso_solicitar_firma(aviso=convocatoria.aviso, usuario=profesional)
            services.convocatoria_informar(convocatoria=convocatoria, usuario=jefe)
        elif estado == Convocatoria.Estado.COMPROMISOS:
            destinatario = convocatoria.destinatarios.get(dependencia=dependencias["ddft"])
            services.destinatario_responder(destinatario=destinatario, usuario=usuarios["profesional2"], acepta=True)
            services.compromiso_agregar(
                convocatoria=convocatoria,
                usuario=profesional,
                parte="DDFT",
                obligaciones="Aportar el diagnóstico",
                responsable="Enlace DDFT",
            )
            services.acta_compromisos_subir(convocatoria=convocatoria, usuario=profesional, archivo=pdf("acta.pdf"))
            services.convocatoria_formalizar_compromisos(convocatoria=convocatoria, usuario=profesional)
        elif estado == Convocatoria.Estado.EN_FORMULACION:
            services.version_subir(convocatoria=convocatoria, usuario=profesional, archivo=pdf("proyecto.pdf"))
        elif estado == Convocatoria.Estado.APROBADA:
            services.convocatoria_aprobar_proyecto(convocatoria=convocatoria, usuario=jefe)
        elif estado == Convocatoria.Estado.PRESENTADA:
            services.convocatoria_presentar(
                convocatoria=convocatoria,
                usuario=profesional,
                fecha=hoy,
                canal=Convocatoria.Canal.PLATAFORMA,
                radicado="RAD-001",
                comprobante=pdf("radicado.pdf"),
                monto_solicitado=Decimal("90000"),
                moneda=moneda("USD"),
                tasa_cop=Decimal("4000"),
            )
        elif estado == Convocatoria.Estado.ACEPTADA:
            services.convocatoria_registrar_decision(
                convocatoria=convocatoria,
                usuario=profesional,
                aceptada=True,
                fecha=hoy,
                comunicacion="Aprobado por el comité.",
                monto_aprobado=Decimal("80000"),
            )
        elif estado == Convocatoria.Estado.EN_EJECUCION:
            services.proyecto_crear(
                convocatoria=convocatoria,
                usuario=profesional,
                codigo=f"CI-{convocatoria.pk:04d}",
                nombre=convocatoria.nombre,
                modalidad=convocatoria.modalidad,
                monto_comprometido=Decimal("80000"),
                moneda=convocatoria.moneda,
                tasa_cop=convocatoria.tasa_cop,
                fecha_inicio=hoy - timedelta(days=200),
                fecha_fin=hoy + timedelta(days=165),
                dependencia=dependencias["ocri"],
                supervisor=profesional,
                participantes=[(convocatoria.cooperante, ParticipanteProyecto.Rol.FINANCIADOR)],
                periodicidad_meses=6,
            )
        elif estado == Convocatoria.Estado.FINALIZADA:
            proyecto = convocatoria.proyecto
            for informe in proyecto.informes.filter(fecha_limite__lte=hoy):
                services.informe_recibir(informe=informe, usuario=profesional, archivo=pdf("informe.pdf"))
                services.informe_aceptar(informe=informe, usuario=profesional)
            services.proyecto_finalizar(
                proyecto=proyecto,
                usuario=jefe,
                fecha=hoy,
                resultados="Se cumplieron las metas.",
                informe_final=pdf("final.pdf"),
            )
        convocatoria.refresh_from_db()
    return convocatoria


def proyecto_de(dependencia, supervisor, n: int = 0) -> Proyecto:
    """A project in execution written straight to the database (fast; for reads, exports and the API)."""
    convocatoria = ConvocatoriaFactory(
        dependencia=dependencia, responsable=supervisor, estado=Convocatoria.Estado.EN_EJECUCION
    )
    proyecto = Proyecto.objects.create(
        convocatoria=convocatoria,
        codigo=f"P-{convocatoria.pk:04d}",
        nombre=f"Proyecto {n}",
        modalidad=convocatoria.modalidad,
        monto_comprometido=Decimal(1000),
        moneda=convocatoria.moneda,
        tasa_cop=Decimal(4000),
        monto_comprometido_cop=Decimal(4000000),
        fecha_inicio=date(2026, 1, 1),
        fecha_fin=date(2026, 12, 31),
        dependencia=dependencia,
        supervisor=supervisor,
    )
    SectorProyecto.objects.create(proyecto=proyecto, codigo="16020", porcentaje=Decimal(100))
    ParticipanteProyecto.objects.create(proyecto=proyecto, actor=convocatoria.cooperante, rol="1")
    return proyecto
