"""Factories and helpers for the accountability strategy: a strategy with its elements and stages, actions with their
responsible dependencias, dialogue spaces already convened, questions as the public form stores them, cut-offs."""

import importlib
from datetime import date, timedelta

import factory
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.documentos_demo import archivo_pdf
from cooperacion.core.models import ReporteGenerado
from rendicion import services
from rendicion.models import (
    AccionRendicion,
    Corte,
    Elemento,
    ElementoEstrategia,
    EspacioDialogo,
    Estrategia,
    Etapa,
    EtapaMURC,
    ObjetivoEstrategico,
    PreguntaCiudadana,
    ResponsableAccion,
    TextoConsentimiento,
)
from rendicion.services.dialogo import huella


def asegurar_datos_de_rendicion() -> None:
    """The consent text, the configuration and the roles' permissions as the data migration loads them (a browser
    test's flush removes them); idempotent."""
    importlib.import_module("rendicion.migrations.0002_datos_iniciales").cargar_todo(django_apps, None)


class EstrategiaFactory(DjangoModelFactory):
    class Meta:
        model = Estrategia
        django_get_or_create = ["anio"]
        skip_postgeneration_save = True

    anio = factory.Sequence(lambda n: 2030 + n)
    titulo = factory.LazyAttribute(lambda o: f"Estrategia Rendición de Cuentas {o.anio}")
    entidad = "Ministerio del Trabajo"
    introduccion = "La estrategia está enmarcada en los elementos información, diálogo y responsabilidad."

    @factory.post_generation
    def completa(self, create, extracted, **kwargs):
        """The three elements, the five MURC stages and two objectives, as the service creates them."""
        if not create:
            return
        for clave in Elemento.values:
            ElementoEstrategia.objects.get_or_create(estrategia=self, clave=clave, defaults={"definicion": clave})
        for etapa in Etapa.values:
            EtapaMURC.objects.get_or_create(estrategia=self, etapa=etapa)
        for numero, texto in ((1, "Diseñar espacios de diálogo innovadores."), (2, "Mejorar la información.")):
            ObjetivoEstrategico.objects.get_or_create(estrategia=self, numero=numero, defaults={"texto": texto})


def publicada(estrategia: Estrategia) -> Estrategia:
    estrategia.estado = Estrategia.Estado.PUBLICADA
    estrategia.publicada_en = timezone.now()
    estrategia.save(update_fields=["estado", "publicada_en"])
    return estrategia


class AccionFactory(DjangoModelFactory):
    class Meta:
        model = AccionRendicion
        skip_postgeneration_save = True

    estrategia = factory.SubFactory(EstrategiaFactory)
    elemento = Elemento.INFORMACION
    numero = factory.Sequence(lambda n: n + 1)
    texto = factory.Sequence(lambda n: f"Publicar boletines de la gestión número {n}")
    entregable = "Informe de publicaciones"
    responsable_texto = "Oficina de Cooperación / Dirección de Derechos Fundamentales"

    @factory.post_generation
    def dependencias(self, create, extracted, **kwargs):
        """`dependencias=[lider, apoyo...]`: the first leads."""
        if create and extracted:
            for orden, dependencia in enumerate(extracted):
                ResponsableAccion.objects.create(accion=self, dependencia=dependencia, lidera=orden == 0, orden=orden)


class EspacioFactory(DjangoModelFactory):
    """A public hearing already convened: its notice is public from yesterday and it takes place in ten days."""

    class Meta:
        model = EspacioDialogo

    estrategia = factory.SubFactory(EstrategiaFactory)
    tipo = EspacioDialogo.Tipo.AUDIENCIA
    nombre = factory.Sequence(lambda n: f"Audiencia pública de rendición de cuentas {n}")
    fecha = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    lugar = "Auditorio principal"
    aviso = "La entidad invita a la ciudadanía a su audiencia pública."
    estado = EspacioDialogo.Estado.CONVOCADO
    aviso_desde = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    convocado_en = factory.LazyFunction(timezone.now)


def consentimiento() -> TextoConsentimiento:
    asegurar_datos_de_rendicion()
    return TextoConsentimiento.objects.vigente()


class PreguntaFactory(DjangoModelFactory):
    """A question as the public form stores it, with the current consent version."""

    class Meta:
        model = PreguntaCiudadana

    espacio = factory.SubFactory(EspacioFactory)
    nombre = "Ciudadana de prueba"
    correo = factory.Sequence(lambda n: f"ciudadana{n}@correo.test")
    texto = factory.Sequence(lambda n: f"¿Cuántas visitas de inspección se hicieron en la región {n}?")
    huella = factory.LazyAttribute(lambda o: huella(o.correo, o.texto))
    consentimiento = factory.LazyFunction(consentimiento)
    consentimiento_en = factory.LazyFunction(timezone.now)
    recibida_en = factory.LazyFunction(timezone.now)
    fecha_limite_respuesta = factory.LazyFunction(lambda: sumar_dias_habiles(timezone.localdate(), 15))


class CorteFactory(DjangoModelFactory):
    class Meta:
        model = Corte

    estrategia = factory.SubFactory(EstrategiaFactory)
    nombre = factory.Sequence(lambda n: f"Seguimiento {n}")
    fecha_corte = factory.Sequence(lambda n: date(2026, 4, 30) + timedelta(days=n))
    fecha_limite_publicacion = factory.LazyAttribute(lambda o: sumar_dias_habiles(o.fecha_corte, 10))


def pdf(nombre: str = "evidencia.pdf"):
    return archivo_pdf(nombre, "Evidencia", "Soporte de la acción")


def informe_listo(corte: Corte, usuario, formato: str = "pdf") -> ReporteGenerado:
    """A follow-up report already generated after the evaluation was closed (what publishing needs)."""
    generado = ReporteGenerado.objects.create(
        codigo="seguimiento_rendicion",
        titulo="Informe de seguimiento",
        formato=formato,
        parametros={"id": corte.pk},
        solicitado_por=usuario,
        estado=ReporteGenerado.Estado.LISTO,
    )
    contenido = pdf().read() if formato == "pdf" else b"PK\x03\x04 hoja de prueba"
    generado.archivo.save(f"informe.{formato}", ContentFile(contenido))
    return generado


def corte_evaluado(estrategia, usuario_control, *, resultado="cumplida") -> Corte:
    """A cut-off created, every action evaluated and the evaluation closed (through the services)."""
    corte = services.corte_crear(
        usuario=usuario_control, estrategia=estrategia, nombre="Primer seguimiento", fecha_corte=date(2026, 4, 30)
    )
    for evaluacion in corte.evaluaciones.all():
        services.evaluacion_registrar(
            evaluacion=evaluacion, usuario=usuario_control, resultado=resultado, observaciones="Revisado."
        )
    services.corte_cerrar(corte=corte, usuario=usuario_control)
    return corte


class Escenario:
    """A published strategy of the cooperation office (OCRI) with what the tests of the app need:

    - `accion`: led by OCRI; `compartida`: led by OCRI and shared with DDFT (profesional2's dependencia);
    - `espacio`: a hearing organized by OCRI, convened, its notice public; `pregunta`: received on it.
    """

    def __init__(self, usuarios, dependencias, *, anio: int = 2026):
        asegurar_datos_de_rendicion()
        self.estrategia = publicada(EstrategiaFactory(anio=anio))
        self.accion = AccionFactory(
            estrategia=self.estrategia, numero=1, dependencias=[dependencias["ocri"]], fecha_fin=date(anio, 12, 15)
        )
        self.compartida = AccionFactory(
            estrategia=self.estrategia,
            numero=2,
            dependencias=[dependencias["ocri"], dependencias["ddft"]],
            fecha_fin=date(anio, 12, 15),
        )
        self.espacio = EspacioFactory(estrategia=self.estrategia, dependencia=dependencias["ocri"])
        self.pregunta = PreguntaFactory(espacio=self.espacio)
