from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from cooperacion.internacional.models import CompromisoConvenio, Convenio, LineaPrioritaria, Necesidad
from tests.factories import DependenciaFactory
from tests.factories_oit import ProfesionalFactory


class LineaFactory(DjangoModelFactory):
    class Meta:
        model = LineaPrioritaria

    nombre = factory.Sequence(lambda n: f"Línea prioritaria {n}")
    estado = LineaPrioritaria.Estado.APROBADA
    periodo_inicio = factory.LazyFunction(lambda: timezone.localdate().year)
    periodo_fin = factory.LazyFunction(lambda: timezone.localdate().year + 1)


class NecesidadFactory(DjangoModelFactory):
    class Meta:
        model = Necesidad

    titulo = factory.Sequence(lambda n: f"Necesidad de cooperación {n}")
    descripcion = "Fortalecer la inspección del trabajo en zonas rurales."
    dependencia = factory.SubFactory(DependenciaFactory)


class ConvenioFactory(DjangoModelFactory):
    class Meta:
        model = Convenio
        skip_postgeneration_save = True

    numero = factory.Sequence(lambda n: f"CONV-{n:04d}")
    objeto = "Cooperación técnica para la inspección del trabajo."
    dependencia = factory.SubFactory(DependenciaFactory)
    responsable = factory.SubFactory(ProfesionalFactory, dependencia=factory.SelfAttribute("..dependencia"))
    fecha_firma = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    fecha_inicio = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    fecha_fin = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))
    monto = None

    @factory.post_generation
    def actores(self, create, extracted, **kwargs):
        if create and extracted:
            self.actores.set(extracted)


class CompromisoFactory(DjangoModelFactory):
    class Meta:
        model = CompromisoConvenio

    convenio = factory.SubFactory(ConvenioFactory)
    descripcion = factory.Sequence(lambda n: f"Entregar el informe de avance número {n}")
    responsable = factory.SelfAttribute("convenio.responsable")
    fecha_limite = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))


MONTO = Decimal("150000000")
