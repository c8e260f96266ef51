"""Open data of the cooperation projects on /transparencia/datos/: only what the office published, as CSV and JSON
with its data dictionary, in constant queries."""

import csv
import io
import json
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from convocatorias import publico as publico_convocatorias
from convocatorias import services
from cooperacion.core.models import Municipio
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, proyecto_de

CODIGO = "proyectos-de-cooperacion"


def _publicado(dependencias, usuarios, n=0):
    proyecto = proyecto_de(dependencias["ocri"], usuarios["profesional"], n)
    proyecto.municipios.add(Municipio.objects.get(codigo="52001"))
    services.proyecto_datos_iati_editar(
        proyecto=proyecto,
        usuario=usuarios["profesional"],
        sectores=[("16020", Decimal(100))],
        tasa_usd=None,
        publicar=True,
    )
    return proyecto


def _csv(client):
    respuesta = client.get(reverse("publico:datos-descarga", args=[CODIGO, "csv"]))
    assert respuesta.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(respuesta.streaming_content).decode("utf-8-sig"))))


def test_el_ciudadano_descarga_solo_los_proyectos_publicados(client, usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    publicado = _publicado(dependencias, usuarios)
    proyecto_de(dependencias["ocri"], usuarios["profesional"], 1)  # not published
    filas = _csv(client)
    assert [f["codigo"] for f in filas] == [publicado.codigo]
    assert filas[0]["municipios_divipola"] == "52001"
    assert filas[0]["monto_comprometido_usd"] == "1000.00"
    assert filas[0]["fecha_publicacion"] == timezone.localdate().isoformat()
    assert set(filas[0]) == {c.nombre for c in publico_convocatorias.CAMPOS}
    respuesta = client.get(reverse("publico:datos-descarga", args=[CODIGO, "json"]))
    datos = json.loads(b"".join(respuesta.streaming_content))
    assert publicado.codigo in json.dumps(datos)


def test_la_pagina_de_datos_y_el_diccionario(client, db):
    pagina = client.get(reverse("publico:datos")).content.decode()
    assert "Proyectos de cooperación internacional" in pagina
    diccionario = client.get(reverse("publico:diccionario", args=[CODIGO])).content.decode()
    for campo in publico_convocatorias.CAMPOS:
        assert campo.nombre in diccionario


def test_despublicar_lo_retira(client, usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    proyecto = _publicado(dependencias, usuarios)
    services.proyecto_datos_iati_editar(
        proyecto=proyecto,
        usuario=usuarios["profesional"],
        sectores=[("16020", Decimal(100))],
        tasa_usd=None,
        publicar=False,
    )
    assert _csv(client) == []


def test_consultas_constantes_con_2_y_12_proyectos(client, usuarios, dependencias, django_assert_max_num_queries):
    asegurar_datos_de_convocatorias()
    for n in range(2):
        _publicado(dependencias, usuarios, n)
    with django_assert_max_num_queries(20) as pocas:
        assert len(_csv(client)) == 2
    for n in range(2, 12):
        _publicado(dependencias, usuarios, n)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        assert len(_csv(client)) == 12
