"""Journey of a process characterization: the Profesional drafts it through the forms, the Jefe approves it,
and its PDF in the official format downloads."""

import re
import subprocess

import pytest
from playwright.sync_api import expect

from conftest import CONTRASENA
from procesos.models import Caracterizacion, Etapa
from tests.factories import ActorFactory
from tests.factories_procesos import ProcesoFactory
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador

ETAPAS = [(e.name.lower(), str(e.label)) for e in Etapa]


def escribir_fila(page, prefijo: str, indice: int, etiqueta: str) -> None:
    base = f"#id_{prefijo}-{indice}-"
    page.locator(base + "fuentes").fill(f"Fuente de {etiqueta} {indice + 1}")
    page.locator(base + "entradas").fill(f"Entrada de {etiqueta} {indice + 1}\nOtra entrada de {etiqueta}")
    page.locator(base + "actividades").fill(f"Actividad de {etiqueta} número {indice + 1}")
    page.locator(base + "salidas").fill(f"Salida de {etiqueta} {indice + 1}")
    page.locator(base + "receptores").fill(f"Receptor de {etiqueta} {indice + 1}")


def test_profesional_elabora_jefe_aprueba_y_se_descarga_el_pdf(navegador, usuarios, dependencias, tmp_path):
    page = navegador
    ProcesoFactory(codigo="PR-PRB", nombre="Cooperación de prueba", dependencia=dependencias["ocri"])
    ActorFactory(nombre="Organización Internacional del Trabajo", sigla="OIT", tipo="multilateral")

    ingresar(page, "profesional", CONTRASENA)
    menu = page.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Planeación y gestión").click()
    page.get_by_role("link", name="Caracterizaciones").click()
    expect(page.get_by_role("heading", name="Caracterizaciones de proceso")).to_be_visible()
    revisar_accesibilidad(page)

    page.get_by_role("link", name="Nueva caracterización").click()
    page.get_by_label("Proceso del catálogo").select_option(label="PR-PRB · Cooperación de prueba")
    page.get_by_label("Responsable (cargo)").fill("Jefe de Oficina de Cooperación y Relaciones Internacionales")
    page.get_by_label("Objetivo").fill("Gestionar la cooperación internacional del sector trabajo.")
    page.get_by_label("Alcance").fill("Inicia con la identificación de necesidades y termina con el seguimiento.")
    revisar_accesibilidad(page)
    page.get_by_role("button", name="Guardar").click()

    expect(page.get_by_role("heading", name=re.compile("^Ciclo PHVA"))).to_be_visible()
    for prefijo, etiqueta in ETAPAS:
        escribir_fila(page, prefijo, 0, etiqueta)
        page.get_by_role("button", name=f"Agregar fila a {etiqueta}").click()
        escribir_fila(page, prefijo, 1, etiqueta)
    # A supplier picked from the catalog lands in the chosen column.
    fila = page.locator("[data-formset=planear] [data-fila]").first
    fila.locator("summary").click()
    fila.get_by_label("Entrada del catálogo").fill("Organización Internacional del Trabajo (OIT)")
    fila.get_by_label("Agregar como").select_option(label="Proveedor externo")
    fila.get_by_role("button", name="Agregar", exact=True).click()
    expect(page.locator("#id_planear-0-proveedores_externos")).to_have_value(
        "Organización Internacional del Trabajo (OIT)"
    )
    # Reorder: the second row of Hacer goes first.
    page.locator("[data-formset=hacer] [data-fila]").nth(1).get_by_role("button", name="Subir").click()
    # A row with an error: everything typed stays.
    page.locator("#id_actuar-1-actividades").fill("")
    revisar_accesibilidad(page)
    page.get_by_role("button", name="Guardar el ciclo PHVA").click()

    expect(page.get_by_text("Escriba al menos una actividad.")).to_be_visible()
    expect(page.locator("#id_planear-1-actividades")).to_have_value("Actividad de Planear número 2")
    expect(page.locator("#id_actuar-1-entradas")).to_have_value("Entrada de Actuar 2\nOtra entrada de Actuar")
    revisar_accesibilidad(page)
    page.locator("#id_actuar-1-actividades").fill("Actividad de Actuar número 2")
    page.get_by_role("button", name="Guardar el ciclo PHVA").click()

    expect(page.get_by_text("Actividades del ciclo PHVA guardadas.")).to_be_visible()
    tabla = page.locator("#tabla-phva")
    for _prefijo, etiqueta in ETAPAS:
        expect(tabla).to_contain_text(f"Actividad de {etiqueta} número 1")
        expect(tabla).to_contain_text(f"Actividad de {etiqueta} número 2")
    expect(tabla.get_by_text("Actor")).to_be_visible()
    revisar_accesibilidad(page)
    c = Caracterizacion.objects.get(proceso__codigo="PR-PRB")
    assert [f.actividades[0] for f in c.filas.filter(etapa=Etapa.HACER)] == [
        "Actividad de Hacer número 2",
        "Actividad de Hacer número 1",
    ]

    page.get_by_role("button", name="Enviar a revisión").click()
    dialogo = page.get_by_role("dialog", name="Enviar a revisión")
    expect(dialogo).to_be_visible()
    revisar_accesibilidad(page)
    dialogo.get_by_role("button", name=re.compile("Confirmar")).click()
    expect(page.locator("#estado-caracterizacion")).to_have_text("En revisión")
    expect(page.locator("#tabla-aprobacion")).to_contain_text(usuarios["profesional"].get_full_name())

    page.context.clear_cookies()
    ingresar(page, "jefe", CONTRASENA)
    tareas = page.locator("#pendientes")
    expect(tareas).to_contain_text("Caracterización por revisar")
    tareas.get_by_role("link", name="Revisar: PR-PRB v1 · Cooperación de prueba").click()
    revisar_accesibilidad(page)
    page.get_by_role("button", name="Aprobar").click()
    dialogo = page.get_by_role("dialog", name="Aprobar")
    dialogo.get_by_role("button", name=re.compile("Confirmar")).click()
    expect(page.locator("#estado-caracterizacion")).to_have_text("Vigente")
    expect(page.locator("#tabla-cambios")).to_contain_text("Todo el documento")
    expect(page.locator("#tabla-aprobacion")).to_contain_text(usuarios["jefe"].get_full_name())
    revisar_accesibilidad(page)

    page.get_by_role("button", name="PDF").click()
    expect(page.get_by_text("El reporte está listo.")).to_be_visible()
    revisar_accesibilidad(page)
    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar PDF").click()
    ruta = tmp_path / "caracterizacion.pdf"
    descarga.value.save_as(ruta)
    texto = subprocess.run(["pdftotext", "-raw", str(ruta), "-"], capture_output=True, text=True, check=True).stdout
    assert "Página 1 de" in texto
    for _prefijo, etiqueta in ETAPAS:
        assert f"Actividad de {etiqueta} número 2" in texto
