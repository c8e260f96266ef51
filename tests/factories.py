import factory
from factory.django import DjangoModelFactory

from cooperacion.core.models import Actor, Dependencia, Notificacion, Usuario


class DependenciaFactory(DjangoModelFactory):
    class Meta:
        model = Dependencia
        django_get_or_create = ["codigo"]

    codigo = factory.Sequence(lambda n: f"{9000 + n}")
    nombre = factory.Sequence(lambda n: f"Dependencia de prueba {n}")
    sigla = factory.Sequence(lambda n: f"DP{n}")


class UsuarioFactory(DjangoModelFactory):
    class Meta:
        model = Usuario
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"usuario{n}")
    first_name = factory.Faker("first_name", locale="es_CO")
    last_name = factory.Faker("last_name", locale="es_CO")
    email = factory.LazyAttribute(lambda u: f"{u.username}@cooperacion.test")
    dependencia = factory.SubFactory(DependenciaFactory)
    cargo = "Profesional especializado"
    password = factory.django.Password("Prueba.Segura.2026")


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    nombre = factory.Sequence(lambda n: f"Cooperante {n}")
    sigla = factory.Sequence(lambda n: f"C{n}")
    tipo = Actor.Tipo.MULTILATERAL
    pais = "Suiza"


class NotificacionFactory(DjangoModelFactory):
    class Meta:
        model = Notificacion

    usuario = factory.SubFactory(UsuarioFactory)
    titulo = factory.Sequence(lambda n: f"Aviso {n}")
    mensaje = "Revise el registro."
    url = "/perfil/"
