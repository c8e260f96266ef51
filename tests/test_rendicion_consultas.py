"""Lists, dashboards, public pages and open data of the accountability strategy keep a constant number of queries as
the data grows: each page is measured with a few records and again with many more."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from rendicion import services
from rendicion.models import AccionMejora, EspacioDialogo, EvaluacionAccion, MetricaDefinida, RegistroMetrica
from tests.factories_rendicion import AccionFactory, CorteFactory, Escenario, EspacioFactory, PreguntaFactory


@pytest.fixture
def escenario(usuarios, dependencias):
    cache.clear()
    return Escenario(usuarios, dependencias)


def poblar(escenario, usuarios, dependencias, n: int) -> None:
    """n more actions (two dependencias each, with progress), spaces, questions in every state, improvement actions,
    cut-offs with their evaluations, and metric values."""
    estrategia = escenario.estrategia
    base = estrategia.acciones.count()
    ocri, ddft = dependencias["ocri"], dependencias["ddft"]
    for i in range(n):
        accion = AccionFactory(
            estrategia=estrategia, elemento=["informacion", "dialogo", "responsabilidad"][i % 3],
            numero=100 + base + i, dependencias=[ocri, ddft], fecha_fin=date(2026, 12, 20),
        )  # fmt: skip
        services.avance_registrar(
            accion=accion, usuario=usuarios["profesional"], dependencia=ocri, descripcion="Avance", porcentaje=50
        )
        espacio = EspacioFactory(estrategia=estrategia, dependencia=ocri)
        for estado in ("recibida", "aceptada", "respondida"):
            pregunta = PreguntaFactory(espacio=espacio)
            if estado != "recibida":
                services.pregunta_aceptar(pregunta=pregunta, usuario=usuarios["profesional"])
            if estado == "respondida":
                services.pregunta_responder(pregunta=pregunta, usuario=usuarios["profesional"], respuesta="Sí.")
        PreguntaFactory(espacio=escenario.espacio)
        AccionMejora.objects.create(
            estrategia=estrategia, origen="dialogo", espacio=espacio, descripcion=f"Mejora {i}", dependencia=ocri,
            fecha_limite=timezone.localdate() + timedelta(days=i + 1),
        )  # fmt: skip
        corte = CorteFactory(estrategia=estrategia, fecha_corte=date(2026, 1, 1) + timedelta(days=base * 10 + i))
        EvaluacionAccion.objects.create(corte=corte, accion=accion, resultado="cumplida")
        definicion = MetricaDefinida.objects.create(
            estrategia=estrategia, accion=accion, red="twitter", metrica=f"Métrica {base + i}", orden=i
        )
        RegistroMetrica.objects.create(
            definicion=definicion, mes=date(2026, 1, 1), valor=i, registrado_por=usuarios["admin"]
        )


def _paginas(escenario):
    e = escenario.estrategia
    corte = e.cortes.order_by("pk").first()
    return {
        "admin": [
            reverse("rendicion:inicio"),
            reverse("rendicion:estrategia", args=[e.pk]),
            reverse("rendicion:acciones"),
            reverse("rendicion:acciones") + "?elemento=dialogo&orden=-avance",
            reverse("rendicion:espacios"),
            reverse("rendicion:espacio", args=[escenario.espacio.pk]),
            reverse("rendicion:preguntas"),
            reverse("rendicion:preguntas") + f"?estado=recibida&espacio={escenario.espacio.pk}&orden=limite",
            reverse("rendicion:cortes"),
            reverse("rendicion:corte", args=[corte.pk]),
            reverse("rendicion:mejoras"),
            reverse("rendicion:metricas", args=[e.pk]),
            reverse("core:inicio"),
        ],
        "profesional": [
            reverse("rendicion:acciones"),
            reverse("rendicion:preguntas"),
            reverse("rendicion:mejoras"),
            reverse("core:inicio"),
        ],
        None: [
            reverse("rendicion_publico:inicio"),
            reverse("rendicion_publico:estrategia", args=[e.anio]),
            reverse("rendicion_publico:espacios"),
            reverse("rendicion_publico:espacio", args=[escenario.espacio.pk]),
            reverse("rendicion_publico:preguntas"),
            reverse("rendicion_publico:informes"),
            reverse("publico:inicio"),
            reverse("publico:datos-descarga", args=["rendicion-acciones", "csv"]),
            reverse("publico:datos-descarga", args=["rendicion-respuestas", "json"]),
        ],
    }


def _consultas(cliente, url, django_assert_max_num_queries, tope):
    with django_assert_max_num_queries(tope) as capturadas:
        respuesta = cliente.get(url)
        if respuesta.streaming:
            b"".join(respuesta.streaming_content)
    assert respuesta.status_code == 200, url
    return len(capturadas.captured_queries)


@pytest.mark.parametrize("rol", ["admin", "profesional", None])
def test_consultas_constantes_con_pocos_y_con_muchos_registros(
    escenario, usuarios, dependencias, cliente_de, django_assert_max_num_queries, rol
):
    from django.db import connection

    poblar(escenario, usuarios, dependencias, 3)
    cliente = cliente_de(rol)
    pocas = {url: _consultas(cliente, url, django_assert_max_num_queries, 60) for url in _paginas(escenario)[rol]}
    poblar(escenario, usuarios, dependencias, 30)
    cliente = cliente_de(rol)
    for url, tope in pocas.items():
        # The open-data streams read their rows in chunks of 500: one more chunk is allowed only past that size.
        _consultas(cliente, url, django_assert_max_num_queries, tope)
    assert connection.vendor in ("sqlite", "postgresql")


def test_la_lista_de_espacios_publicos_es_de_los_publicados(escenario, client):
    EspacioFactory(
        estrategia=escenario.estrategia, dependencia=escenario.espacio.dependencia,
        estado=EspacioDialogo.Estado.BORRADOR, aviso_desde=None, nombre="Espacio en preparación",
    )  # fmt: skip
    pagina = client.get(reverse("rendicion_publico:espacios")).content.decode()
    assert escenario.espacio.nombre in pagina
    assert "Espacio en preparación" not in pagina
