from datetime import date

import factory
from factory.django import DjangoModelFactory

from procesos.models import Caracterizacion, Etapa, ParteInteresada, Proceso, Tipologia
from procesos.services import escribir_contenido
from tests.factories import DependenciaFactory


class ProcesoFactory(DjangoModelFactory):
    class Meta:
        model = Proceso
        django_get_or_create = ["codigo"]

    codigo = factory.Sequence(lambda n: f"PR-{n:03d}")
    nombre = factory.Sequence(lambda n: f"Proceso de prueba {n}")
    tipologia = Tipologia.MISIONAL
    dependencia = factory.SubFactory(DependenciaFactory)


class CaracterizacionFactory(DjangoModelFactory):
    class Meta:
        model = Caracterizacion

    proceso = factory.SubFactory(ProcesoFactory)
    dependencia = factory.LazyAttribute(lambda o: o.proceso.dependencia)
    version = "1"
    fecha = date(2026, 3, 9)
    entidad = "Ministerio del Trabajo"
    nombre = factory.LazyAttribute(lambda o: o.proceso.nombre)
    tipologia = factory.LazyAttribute(lambda o: o.proceso.tipologia)
    responsable = "Jefe de Oficina de Cooperación y Relaciones Internacionales"
    objetivo = "Gestionar la cooperación internacional del sector."
    alcance = "Inicia con la identificación de necesidades y termina con el seguimiento."
    estado = Caracterizacion.Estado.BORRADOR


def fila(etapa: int, n: int, *, partes: bool = True) -> dict:
    T = ParteInteresada.Tipo
    return {
        "etapa": etapa,
        "entradas": [f"Entrada {etapa}.{n}"],
        "actividades": [f"Actividad {Etapa(etapa).label} {n}"],
        "responsables": [f"Responsable {n}"],
        "salidas": [f"Salida {etapa}.{n}", f"Otra salida {etapa}.{n}"],
        "partes": [
            {"tipo": T.PROVEEDOR_EXTERNO, "texto": f"Proveedor externo {n}"},
            {"tipo": T.PROVEEDOR_INTERNO, "texto": f"Proveedor interno {n}"},
            {"tipo": T.CLIENTE_INTERNO, "texto": f"Cliente interno {n}"},
            {"tipo": T.CLIENTE_EXTERNO, "texto": f"Cliente externo {n}"},
        ]
        if partes
        else [],
    }


def con_filas(c: Caracterizacion, por_etapa: int = 1, usuario=None, **extra) -> Caracterizacion:
    """Give the characterization `por_etapa` rows in each PHVA stage (and any other section in `extra`)."""
    filas = [fila(etapa, n) for etapa in Etapa.values for n in range(1, por_etapa + 1)]
    escribir_contenido(caracterizacion=c, contenido={"filas": filas, **extra}, usuario=usuario, resolver=False)
    return c
