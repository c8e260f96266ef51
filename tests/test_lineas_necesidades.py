"""Priority lines and cooperation needs: international-relations master data the prioritization of calls uses."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from cooperacion.core import menu
from cooperacion.core.models import ODS
from cooperacion.internacional.demo import LINEA_PROPUESTA, LINEAS_PRIORITARIAS, NECESIDADES, cargar_prioridades
from cooperacion.internacional.models import LineaPrioritaria, Necesidad

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]


@pytest.fixture
def datos(usuarios, dependencias):
    migracion = importlib.import_module("cooperacion.internacional.migrations.0004_permisos_lineas_y_necesidades")
    migracion.dar_permisos(django_apps, None)  # a browser test's flush removes them
    por_codigo = {d.codigo: d for d in dependencias.values()}
    cargar_prioridades(usuarios=usuarios, dependencias=por_codigo, hoy=None)
    return {"linea": LineaPrioritaria.objects.get(nombre="Migración laboral")}


def test_la_demo_carga_las_lineas_del_ministerio_y_sus_necesidades_una_vez(usuarios, dependencias, datos):
    assert LineaPrioritaria.objects.count() == len(LINEAS_PRIORITARIAS) + 1 == 6
    assert LineaPrioritaria.objects.vigentes().count() == 5
    assert LineaPrioritaria.objects.get(nombre=LINEA_PROPUESTA[0]).estado == LineaPrioritaria.Estado.PROPUESTA
    assert set(LineaPrioritaria.objects.values_list("nombre", flat=True)) >= {
        "Trabajo decente y derechos fundamentales en el trabajo",
        "Formalización laboral y protección social",
        "Diálogo social y libertad sindical",
        "Erradicación del trabajo infantil y protección del adolescente trabajador",
        "Migración laboral",
    }
    assert Necesidad.objects.count() == len(NECESIDADES)
    cargar_prioridades(usuarios=usuarios, dependencias={d.codigo: d for d in dependencias.values()}, hoy=None)
    assert (LineaPrioritaria.objects.count(), Necesidad.objects.count()) == (6, len(NECESIDADES))
    necesidad = Necesidad.objects.get(titulo="Integración laboral de la población migrante venezolana")
    assert (necesidad.linea, necesidad.ods) == (datos["linea"], ODS.objects.get(numero=10))
    assert necesidad.history.get().history_user == usuarios["admin"]


def test_una_dependencia_no_repite_el_titulo_de_una_necesidad(datos):
    existente = Necesidad.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Necesidad.objects.create(titulo=existente.titulo, dependencia=existente.dependencia)


@pytest.mark.parametrize("rol", ROLES)
@pytest.mark.parametrize("nombre", ["internacional:linea-lista", "internacional:necesidad-lista"])
def test_todo_el_personal_lee_las_listas(cliente_de, datos, rol, nombre):
    assert cliente_de(rol).get(reverse(nombre)).status_code == 200


@pytest.mark.parametrize("nombre", ["internacional:linea-lista", "internacional:necesidad-lista"])
def test_el_anonimo_va_a_ingresar(client, nombre):
    respuesta = client.get(reverse(nombre))
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url", ["admin:internacional_lineaprioritaria_changelist", "admin:internacional_necesidad_changelist"]
)
@pytest.mark.parametrize("rol", ROLES)
def test_solo_el_administrador_edita_en_la_administracion(cliente_de, datos, url, rol):
    esperado = 200 if rol == "admin" else 302
    assert cliente_de(rol).get(reverse(url)).status_code == esperado


def test_el_administrador_agrega_una_linea_y_queda_en_el_historial(cliente_de, usuarios, datos):
    respuesta = cliente_de("admin").post(
        reverse("admin:internacional_lineaprioritaria_add"),
        {
            "nombre": "Empleo verde",
            "descripcion": "Transición justa",
            "tipo": "demanda",
            "periodo_inicio": 2026,
            "periodo_fin": 2027,
            "activa": "on",
        },
    )
    assert respuesta.status_code == 302
    linea = LineaPrioritaria.objects.get(nombre="Empleo verde")
    assert linea.history.get().history_user == usuarios["admin"]
    historial = cliente_de("profesional").get(
        reverse("core:historial", args=["internacional", "lineaprioritaria", linea.pk])
    )
    assert historial.status_code == 200


def test_filtros_de_las_listas(cliente_de, datos, dependencias):
    cliente = cliente_de("profesional")
    lineas = cliente.get(reverse("internacional:linea-lista"), {"q": "migración"}).context["object_list"]
    assert [linea.nombre for linea in lineas] == ["Migración laboral"]
    necesidades = cliente.get(
        reverse("internacional:necesidad-lista"), {"linea": datos["linea"].pk, "estado": "registrada"}
    ).context["object_list"]
    assert [n.titulo for n in necesidades] == ["Integración laboral de la población migrante venezolana"]
    contenido = cliente.get(reverse("internacional:linea-lista")).content.decode()
    assert "Sí" in contenido
    assert "Dirección de Derechos Fundamentales del Trabajo" in contenido


def test_las_listas_con_consultas_constantes(cliente_de, datos, django_assert_max_num_queries, dependencias):
    cliente = cliente_de("jefe")
    with django_assert_max_num_queries(14) as pocas:
        cliente.get(reverse("internacional:necesidad-lista"))
    linea = datos["linea"]
    for i in range(20):
        Necesidad.objects.create(titulo=f"Necesidad {i}", dependencia=dependencias["ddft"], linea=linea)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        cliente.get(reverse("internacional:necesidad-lista"))


def test_el_menu_internacional_ofrece_prioridades_y_convenios(usuarios):
    for usuario in usuarios.values():
        entrada = next(e for e in menu.menu_para(usuario) if str(e["etiqueta"]) == "Internacional")
        assert [h["url"] for h in entrada["hijos"]][:3] == [
            "/internacional/necesidades/",
            "/internacional/lineas-prioritarias/",
            "/internacional/convenios/",
        ]
