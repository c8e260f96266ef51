from datetime import timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from cooperacion.core import roles
from cooperacion.internacional.models import CasoOIT
from tests.factories import DependenciaFactory, UsuarioFactory


class ProfesionalFactory(UsuarioFactory):
    """A Profesional of the given dependencia (the case's responsable by default)."""

    @factory.post_generation
    def rol(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name=extracted or roles.PROFESIONAL))


class CasoOITFactory(DjangoModelFactory):
    class Meta:
        model = CasoOIT

    tipo = CasoOIT.Tipo.QUEJA_CLS
    numero = factory.Sequence(lambda n: f"{3100 + n}")
    convenios = "C087, C098"
    asunto = factory.Sequence(lambda n: f"Alegatos de violación de la libertad sindical número {n}")
    organizacion_querellante = "Central Unitaria de Trabajadores de Colombia (CUT)"
    fecha_recepcion = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    fecha_limite_respuesta = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    dependencia = factory.SubFactory(DependenciaFactory)
    responsable = factory.SubFactory(ProfesionalFactory, dependencia=factory.SelfAttribute("..dependencia"))
