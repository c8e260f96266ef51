"""Race scenarios of the international-relations workflows (see tests/carreras.py): for each action of each Flujo,
a record on which it is possible now and who takes it (the office is OCRI, code 1100)."""

from django.utils import timezone

from cooperacion.core.models import Actor
from cooperacion.internacional.models import AccionAlianza, InstrumentoInternacional, LineaPrioritaria
from tests.carreras import escenario
from tests.factories_internacional import ConvenioFactory, LineaFactory, NecesidadFactory


@escenario("internacional:linea-transicion", "aprobar")
def linea_propuesta_aprobar(usuarios, dependencias):
    return LineaFactory(estado=LineaPrioritaria.Estado.PROPUESTA), usuarios["jefe"], {"motivo": ""}


@escenario("internacional:linea-transicion", "rechazar")
def linea_propuesta_rechazar(usuarios, dependencias):
    linea = LineaFactory(estado=LineaPrioritaria.Estado.PROPUESTA)
    return linea, usuarios["jefe"], {"motivo": "Fuera del plan de la entidad"}


@escenario("internacional:linea-transicion", "retirar")
def linea_aprobada(usuarios, dependencias):
    linea = LineaFactory(estado=LineaPrioritaria.Estado.APROBADA)
    return linea, usuarios["jefe"], {"motivo": "Cambió el periodo"}


@escenario("internacional:necesidad-transicion", "descartar")
def necesidad_registrada(usuarios, dependencias):
    necesidad = NecesidadFactory(dependencia=dependencias["ocri"])
    return necesidad, usuarios["profesional"], {"motivo": "La atiende el presupuesto nacional"}


@escenario("internacional:convenio-transicion", "terminar")
def convenio_vigente(usuarios, dependencias):
    convenio = ConvenioFactory(dependencia=dependencias["ocri"], responsable=usuarios["profesional"])
    return convenio, usuarios["jefe"], {"motivo": "Se cumplió su objeto"}


@escenario("internacional:instrumento-transicion", "negociar")
def instrumento_en_estudio(usuarios, dependencias):
    oit = Actor.objects.create(nombre="Organización Internacional del Trabajo", tipo=Actor.Tipo.MULTILATERAL)
    instrumento = InstrumentoInternacional.objects.create(
        codigo="C190", nombre="Convenio sobre la violencia y el acoso", organizacion=oit,
        dependencia=dependencias["ocri"],
    )  # fmt: skip
    return instrumento, usuarios["jefe"], {"motivo": ""}


@escenario("internacional:accion-transicion", "iniciar")
def accion_planeada(usuarios, dependencias):
    hoy = timezone.localdate()
    accion = AccionAlianza.objects.create(
        nombre="Curso de inspección laboral", tipo_producto=AccionAlianza.TipoProducto.values[0],
        sector_acompanado="Secretaría de Desarrollo Económico", dependencia=dependencias["ocri"],
        responsable=usuarios["profesional"], fecha_inicio=hoy, fecha_fin=hoy,
    )  # fmt: skip
    return accion, usuarios["profesional"], {"motivo": ""}
