"""Journeys of the foundation: every role logs in through the real form and lands on its home page."""

import re

import pytest
from playwright.sync_api import expect

from conftest import CONTRASENA
from tests.factories import ActorFactory
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


@pytest.mark.parametrize("rol", ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"])
def test_cada_rol_ingresa_y_ve_sus_pendientes(navegador, usuarios, rol):
    ingresar(navegador, rol, CONTRASENA)
    expect(navegador.get_by_role("heading", name="Mis pendientes")).to_be_visible()
    menu = navegador.get_by_role("navigation", name="Navegación principal")
    expect(menu.get_by_role("link", name="Mis pendientes")).to_be_visible()
    administracion = menu.get_by_role("link", name="Administración")
    if rol == "admin":
        expect(administracion).to_be_visible()
    else:
        expect(administracion).to_have_count(0)
    revisar_accesibilidad(navegador)


def test_contrasena_errada_muestra_error_en_espanol(navegador, usuarios):
    ingresar(navegador, "profesional", "no-es-la-clave")
    expect(navegador.get_by_text(re.compile("nombre de usuario y clave correctos", re.IGNORECASE))).to_be_visible()
    revisar_accesibilidad(navegador)


def test_admin_desactiva_un_actor_con_motivo_y_ve_su_historial(navegador, usuarios):
    actor = ActorFactory(nombre="Agencia de Prueba", sigla="AP")
    ingresar(navegador, "admin", CONTRASENA)
    navegador.get_by_role("button", name="Catálogos").click()
    navegador.get_by_role("link", name="Actores y cooperantes").click()
    navegador.get_by_label("Buscar").fill("Agencia de Prueba")
    navegador.get_by_role("button", name="Filtrar").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Agencia de Prueba").click()
    expect(navegador.get_by_text("Este registro aún no ha cambiado de estado.")).to_be_visible()
    revisar_accesibilidad(navegador)

    navegador.get_by_role("button", name="Desactivar").click()
    dialogo = navegador.get_by_role("dialog", name="Desactivar")
    expect(dialogo).to_be_visible()
    dialogo.get_by_label(re.compile("^Motivo")).fill("Cerró su oficina en Colombia.")
    revisar_accesibilidad(navegador)
    dialogo.get_by_role("button", name=re.compile("Confirmar")).click()

    expect(navegador.get_by_text("Acción «Desactivar» realizada.")).to_be_visible()
    expect(navegador.locator("#estado-actor")).to_have_text("Inactivo")
    registro = navegador.get_by_role("region", name="Acciones y trazabilidad")
    expect(registro.get_by_role("cell", name="Cerró su oficina en Colombia.")).to_be_visible()

    navegador.get_by_role("link", name="Historial").click()
    expect(navegador.locator("#tabla-historial")).to_contain_text("Activo")
    expect(navegador.locator("#tabla-historial")).to_contain_text("Inactivo")
    expect(navegador.locator("#tabla-historial")).to_contain_text(usuarios["admin"].get_full_name())
    revisar_accesibilidad(navegador)
    actor.refresh_from_db()
    assert actor.estado == "inactivo"


def test_la_campana_lleva_a_las_notificaciones_y_se_marcan_leidas(navegador, usuarios):
    from cooperacion.core.services import notificar

    notificar(usuario=usuarios["jefe"], titulo="Convocatoria por validar", url="/perfil/")
    ingresar(navegador, "jefe", CONTRASENA)
    expect(navegador.locator("#campana-contador")).to_contain_text("1")
    # Notifications live in the bell, not among the to-dos of the home page.
    expect(navegador.get_by_text("Convocatoria por validar")).to_have_count(0)
    navegador.locator("#campana").click()
    expect(navegador.get_by_text("Convocatoria por validar")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("button", name="Marcar como leída").click()
    expect(navegador.locator("#campana-contador")).to_have_count(0)
    navegador.get_by_role("link", name="Mis pendientes").first.click()
    expect(navegador.locator("#sin-pendientes")).to_be_visible()
