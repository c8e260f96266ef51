"""Alliance actions (Bogotá, HACER): registered with allies of the actor catalog, monitored during implementation,
finished only with feedback to the sector, and their results published on the public pages when asked."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperacion.core import publico
from cooperacion.internacional.models import AccionAlianza, SeguimientoAccion
from tests.factories import ActorFactory


@pytest.fixture
def aliado(usuarios):
    return ActorFactory(nombre="Organización Internacional del Trabajo", sigla="OIT")


def _registrar(cliente, usuarios, dependencias, aliados, **cambios):
    hoy = timezone.localdate()
    datos = {
        "nombre": "Intercambio de buenas prácticas en inspección móvil",
        "tipo_producto": "buenas_practicas",
        "aliados": [a.pk for a in aliados],
        "sector_acompanado": "Dirección Territorial de Nariño",
        "dependencia": dependencias["ocri"].pk,
        "responsable": usuarios["profesional"].pk,
        "fecha_inicio": hoy.isoformat(),
        "fecha_fin": (hoy + timedelta(days=60)).isoformat(),
        "token_creacion": "t-acc",
        **cambios,
    }
    return cliente.post(reverse("internacional:accion-crear"), datos)


def test_recorrido_de_una_accion_hasta_su_publicacion(cliente_de, usuarios, dependencias, aliado, client):
    assert _registrar(cliente_de("profesional"), usuarios, dependencias, [aliado]).status_code == 302
    accion = AccionAlianza.objects.get()
    assert list(accion.aliados.all()) == [aliado]
    url = lambda nombre: reverse(f"internacional:{nombre}", args=[accion.pk])  # noqa: E731
    # Monitoring only during implementation.
    assert cliente_de("profesional").get(url("accion-seguimiento"), follow=True).redirect_chain
    cliente_de("profesional").post(reverse("internacional:accion-transicion", args=[accion.pk, "iniciar"]))
    hoy = timezone.localdate().isoformat()
    cliente_de("profesional").post(url("accion-seguimiento"), {"fecha": hoy, "avance": "Primera jornada técnica."})
    assert SeguimientoAccion.objects.filter(accion=accion).count() == 1
    # No feedback, no end.
    respuesta = cliente_de("profesional").post(url("accion-finalizar"), {"retroalimentacion": " "})
    assert "retroalimentación dada al sector" in respuesta.content.decode()
    cliente_de("profesional").post(url("accion-finalizar"), {"retroalimentacion": "Guía entregada al sector."})
    accion.refresh_from_db()
    assert accion.estado == AccionAlianza.Estado.FINALIZADA
    # Not public until published.
    client.logout()
    assert list(client.get(reverse("internacional_publico:acciones")).context["page_obj"]) == []
    cliente_de("profesional").post(
        url("accion-visibilizacion"),
        {
            "medio_publicacion": "Portal institucional",
            "fecha_publicacion": hoy,
            "enlace_publicacion": "https://example.org/x",
            "publicada": "on",
        },
    )
    accion.refresh_from_db()
    assert accion.publicada
    client.logout()
    publica = client.get(reverse("internacional_publico:acciones")).content.decode()
    assert "Intercambio de buenas prácticas en inspección móvil" in publica
    assert "Organización Internacional del Trabajo" in publica
    assert any(d.titulo == accion.nombre for d in publico.recientes(20))


def test_sin_aliados_o_con_fechas_al_reves_no_se_guarda(cliente_de, usuarios, dependencias, aliado):
    hoy = timezone.localdate()
    respuesta = _registrar(
        cliente_de("profesional"),
        usuarios,
        dependencias,
        [],
        fecha_fin=(hoy - timedelta(days=1)).isoformat(),
    )
    assert respuesta.status_code == 200
    assert not AccionAlianza.objects.exists()


def test_la_lista_de_acciones_no_crece_en_consultas(
    cliente_de, usuarios, dependencias, aliado, django_assert_max_num_queries
):
    _registrar(cliente_de("profesional"), usuarios, dependencias, [aliado])
    with django_assert_max_num_queries(40) as pocas:
        cliente_de("jefe").get(reverse("internacional:accion-lista"))
    with django_assert_max_num_queries(60) as pagina_del_actor:
        cliente_de("jefe").get(aliado.get_absolute_url())
    hoy = timezone.localdate()
    for i in range(15):
        accion = AccionAlianza.objects.create(
            nombre=f"Acción {i}",
            tipo_producto="cursos",
            sector_acompanado="Sector",
            dependencia=dependencias["ddft"],
            responsable=usuarios["profesional2"],
            fecha_inicio=hoy,
            fecha_fin=hoy,
        )
        accion.aliados.add(aliado)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        cliente_de("jefe").get(reverse("internacional:accion-lista"))
    with django_assert_max_num_queries(len(pagina_del_actor.captured_queries)):
        respuesta = cliente_de("jefe").get(aliado.get_absolute_url())
    assert "Acción 14" in respuesta.content.decode()
