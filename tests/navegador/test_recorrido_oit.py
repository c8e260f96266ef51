"""Journey of an ILO case: the Profesional registers it, the Jefe files the answer and closes it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import CONTRASENA
from cooperacion.internacional.models import CasoOIT
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


def abrir_casos_oit(navegador):
    """Casos OIT lives in the «Cooperación internacional» dropdown of the main navigation."""
    menu = navegador.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Cooperación internacional").click()
    menu.get_by_role("link", name="Casos OIT").click()


def test_profesional_registra_un_caso_y_el_jefe_lo_responde_y_lo_cierra(navegador, usuarios):
    hoy = timezone.localdate()
    recepcion = hoy - timedelta(days=3)

    # The Profesional registers the case, first with an impossible deadline.
    ingresar(navegador, "profesional", CONTRASENA)
    abrir_casos_oit(navegador)
    expect(navegador.get_by_role("heading", name="Casos ante los órganos de control de la OIT")).to_be_visible()
    expect(navegador.locator("#sin-casos")).to_be_visible()
    revisar_accesibilidad(navegador)

    navegador.get_by_role("link", name="Nuevo caso").click()
    expect(navegador.get_by_role("heading", name="Nuevo caso OIT")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Tipo").select_option(label="Queja ante el Comité de Libertad Sindical")
    navegador.get_by_label("Número").fill("3074")
    navegador.get_by_label("Convenios").fill("C087, C098")
    navegador.get_by_label("Asunto").fill("Despidos antisindicales en empresas del sector palmero.")
    navegador.get_by_label("Organización querellante").fill("Central Unitaria de Trabajadores de Colombia (CUT)")
    navegador.get_by_label("Fecha de recepción").fill(recepcion.isoformat())
    navegador.get_by_label("Fecha límite de respuesta").fill((recepcion - timedelta(days=1)).isoformat())
    navegador.get_by_role("button", name="Registrar un caso").click()

    expect(
        navegador.get_by_text("La fecha límite de respuesta no puede ser anterior a la de recepción.")
    ).to_be_visible()
    expect(navegador.get_by_label("Fecha límite de respuesta")).to_be_focused()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Fecha límite de respuesta").fill((hoy + timedelta(days=30)).isoformat())
    navegador.get_by_role("button", name="Registrar un caso").click()

    expect(navegador.get_by_text("Caso 3074 registrado.")).to_be_visible()
    expect(navegador.get_by_role("heading", name=re.compile("^Caso 3074"))).to_be_visible()
    expect(navegador.get_by_role("link", name="Registrar la respuesta")).to_have_count(0)
    revisar_accesibilidad(navegador)
    navegador.get_by_role("navigation", name="Ruta").get_by_role("link", name="Casos OIT").click()
    fila = navegador.locator("#tabla-casos tbody tr")
    expect(fila).to_have_count(1)
    expect(fila).to_contain_text("3074")
    expect(fila).to_contain_text("Despidos antisindicales")
    expect(fila).to_contain_text("En trámite")
    revisar_accesibilidad(navegador)

    # The Jefe files the answer and then closes the case.
    navegador.context.clear_cookies()
    ingresar(navegador, "jefe", CONTRASENA)
    abrir_casos_oit(navegador)
    navegador.get_by_role("link", name="3074", exact=True).click()
    expect(navegador.locator("#estado-caso")).to_have_text("En trámite")
    expect(navegador.get_by_text("Este registro aún no ha cambiado de estado.")).to_be_visible()
    revisar_accesibilidad(navegador)

    navegador.get_by_role("link", name="Registrar la respuesta").click()
    expect(navegador.get_by_role("heading", name=re.compile("Registrar la respuesta enviada"))).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Fecha de envío de la respuesta").fill(hoy.isoformat())
    navegador.get_by_label("Radicado de la respuesta").fill("08SE2026120300000451")
    navegador.get_by_role("button", name="Registrar la respuesta").click()

    expect(navegador.get_by_text("Respuesta del caso 3074 registrada.")).to_be_visible()
    expect(navegador.locator("#estado-caso")).to_have_text("Respondido")
    expect(navegador.locator("#respuesta")).to_contain_text("08SE2026120300000451")
    revisar_accesibilidad(navegador)

    navegador.get_by_role("button", name="Cerrar el caso", exact=True).click()
    dialogo = navegador.get_by_role("dialog", name="Cerrar el caso")
    expect(dialogo).to_be_visible()
    dialogo.get_by_label(re.compile("^Motivo")).fill("El Comité de Libertad Sindical dio por cerrado el caso.")
    revisar_accesibilidad(navegador)
    dialogo.get_by_role("button", name=re.compile("Confirmar")).click()

    expect(navegador.get_by_text("Acción «Cerrar el caso» realizada.")).to_be_visible()
    expect(navegador.locator("#estado-caso")).to_have_text("Cerrado")
    registro = navegador.get_by_role("region", name="Acciones y trazabilidad")
    filas = registro.locator("tbody tr")
    expect(filas).to_have_count(2)
    expect(filas.nth(0)).to_contain_text("Respondido")
    expect(filas.nth(0)).to_contain_text("08SE2026120300000451")
    expect(filas.nth(1)).to_contain_text("Cerrado")
    expect(filas.nth(1)).to_contain_text("El Comité de Libertad Sindical dio por cerrado el caso.")
    revisar_accesibilidad(navegador)

    caso = CasoOIT.objects.get(numero="3074")
    assert caso.estado == CasoOIT.Estado.CERRADO
    assert caso.dependencia == usuarios["profesional"].dependencia
    assert caso.responsable == usuarios["profesional"]
