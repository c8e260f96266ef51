"""Reports in the browser: ask for one, watch its progress, download it."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from conftest import CONTRASENA
from cooperacion.core import services
from cooperacion.core.models import ReporteGenerado
from tests.factories import ActorFactory
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


def test_exportar_la_lista_filtrada_y_descargar_el_excel(navegador, usuarios, tmp_path):
    ActorFactory(nombre="Agencia Filtrada", tipo="academia")
    ActorFactory(nombre="Agencia Fuera del Filtro", tipo="multilateral")
    ingresar(navegador, "profesional", CONTRASENA)
    navegador.goto(navegador.base + "/catalogos/actores/?tipo=academia")
    navegador.get_by_role("button", name="Exportar a Excel").click()
    expect(navegador.get_by_text("El reporte está listo.")).to_be_visible()
    revisar_accesibilidad(navegador)
    with navegador.expect_download() as descarga:
        navegador.get_by_role("link", name="Descargar Excel").click()
    ruta = tmp_path / descarga.value.suggested_filename
    descarga.value.save_as(ruta)
    filas = list(load_workbook(ruta).active.iter_rows(min_row=2, values_only=True))
    assert [fila[0] for fila in filas] == ["Agencia Filtrada"]


def test_la_pagina_muestra_el_avance_y_se_actualiza_sola(navegador, usuarios, tmp_path):
    for i in range(30):
        ActorFactory(nombre=f"Cooperante {i:02d}")
    # Queued but not yet taken by a worker: the page must show it waiting, then update by itself.
    generado = ReporteGenerado.objects.create(
        codigo="actores", titulo="Actores y cooperantes", formato="pdf", solicitado_por=usuarios["planeacion"]
    )
    ingresar(navegador, "planeacion", CONTRASENA)
    navegador.get_by_role("link", name="Reportes").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Actores y cooperantes").first.click()
    expect(navegador.get_by_role("progressbar", name="Avance de la generación")).to_be_visible()
    expect(navegador.get_by_text("En cola… 0 %")).to_be_visible()
    revisar_accesibilidad(navegador)

    services.reporte_generar(generado_id=generado.pk)  # the worker's part

    expect(navegador.get_by_text("El reporte está listo.")).to_be_visible(timeout=10_000)
    with navegador.expect_download() as descarga:
        navegador.get_by_role("link", name="Descargar PDF").click()
    ruta = tmp_path / "reporte.pdf"
    descarga.value.save_as(ruta)
    assert ruta.read_bytes().startswith(b"%PDF")


def test_un_reporte_fallido_muestra_el_error_y_se_reintenta(navegador, usuarios, monkeypatch):
    generado = ReporteGenerado.objects.create(
        codigo="actores",
        titulo="Actores y cooperantes",
        formato="xlsx",
        solicitado_por=usuarios["jefe"],
        estado=ReporteGenerado.Estado.FALLIDO,
        error="RuntimeError: disco lleno",
    )
    ingresar(navegador, "jefe", CONTRASENA)
    navegador.goto(navegador.base + generado.get_absolute_url())
    expect(navegador.get_by_role("alert")).to_contain_text("disco lleno")
    revisar_accesibilidad(navegador)
    navegador.get_by_role("button", name="Reintentar").click()
    expect(navegador.get_by_text("El reporte está listo.")).to_be_visible()
