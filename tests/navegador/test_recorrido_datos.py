"""Journeys of open data and interoperability: a citizen finds the projects' open data and its dictionary; a
professional creates an API token on the profile, reads the API documentation (under the CSP) and revokes it."""

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import CONTRASENA
from convocatorias import services
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, proyecto_de
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


def test_ciudadano_descarga_los_proyectos_publicados(navegador, usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    proyecto = proyecto_de(dependencias["ocri"], usuarios["profesional"])
    services.proyecto_datos_iati_editar(
        proyecto=proyecto,
        usuario=usuarios["profesional"],
        sectores=[("16020", Decimal(100))],
        tasa_usd=None,
        publicar=True,
    )
    navegador.goto(navegador.base + "/transparencia/datos/")
    expect(navegador.get_by_role("heading", name="Datos abiertos")).to_be_visible()
    revisar_accesibilidad(navegador)
    fila = navegador.get_by_role("row").filter(has_text="Proyectos de cooperación internacional")
    with navegador.expect_download() as descarga:
        fila.get_by_role("link", name="CSV Proyectos de cooperación internacional").click()
    assert proyecto.codigo in Path(descarga.value.path()).read_text(encoding="utf-8-sig")
    fila.get_by_role("link", name="Diccionario Proyectos de cooperación internacional").click()
    expect(navegador.get_by_text("municipios_divipola")).to_be_visible()
    revisar_accesibilidad(navegador)


def test_profesional_crea_su_token_lee_la_documentacion_y_lo_revoca(navegador, usuarios):
    ingresar(navegador, "profesional", CONTRASENA)
    navegador.goto(navegador.base + "/perfil/")
    navegador.get_by_role("button", name="Crear un token").click()
    expect(navegador.get_by_role("heading", name="Token de la API")).to_be_visible()
    token = navegador.get_by_label("Token").input_value()
    assert len(token) == 43  # 32 random bytes in URL-safe base64; the database keeps only its SHA-256
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Documentación de la API").click()
    expect(navegador.get_by_text("/api/v1/proyectos/").first).to_be_visible()
    navegador.goto(navegador.base + "/perfil/")
    expect(navegador.locator("#token-activo")).to_contain_text(token[:8])  # its prefix, never the whole key
    expect(navegador.locator("#token-activo")).not_to_contain_text(token)
    revisar_accesibilidad(navegador)
    navegador.get_by_role("button", name="Revocar el token").click()
    expect(navegador.get_by_text("Token revocado")).to_be_visible()
    expect(navegador.locator("#token-activo")).to_have_count(0)
