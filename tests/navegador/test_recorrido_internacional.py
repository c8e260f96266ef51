"""Journey of a cooperation need and an agreement: another dependencia raises the need, the office prioritizes it,
presents it and links it to a call; the office registers an agreement with the ILO and a commitment; both appear on
the ILO's page in the actor directory. axe-core on every page visited."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import CONTRASENA
from cooperacion.core.models import Actor, Moneda
from cooperacion.internacional.models import LineaPrioritaria
from tests.factories_convocatorias import ConvocatoriaFactory, asegurar_datos_de_convocatorias
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


def _como(navegador, usuario):
    navegador.context.clear_cookies()
    ingresar(navegador, usuario, CONTRASENA)


def _ir(navegador, etiqueta):
    menu = navegador.get_by_role("navigation", name="Navegación principal")
    # The international pages are a section of the «Cooperación internacional» dropdown.
    menu.get_by_role("button", name="Cooperación internacional", exact=True).click()
    menu.get_by_role("link", name=etiqueta, exact=True).click()
    revisar_accesibilidad(navegador)


def test_necesidad_atendida_y_convenio_con_la_oit_en_la_pagina_del_actor(navegador, usuarios, dependencias):
    hoy = timezone.localdate()
    asegurar_datos_de_convocatorias()
    oit = Actor.objects.create(
        nombre="Organización Internacional del Trabajo", sigla="OIT", tipo=Actor.Tipo.MULTILATERAL
    )
    LineaPrioritaria.objects.create(
        nombre="Trabajo decente", estado=LineaPrioritaria.Estado.APROBADA, periodo_inicio=hoy.year, periodo_fin=hoy.year
    )
    convocatoria = ConvocatoriaFactory(
        cooperante=oit,
        dependencia=dependencias["ocri"],
        nombre="Fondo Visión Cero",
        responsable=usuarios["profesional"],
    )
    cop = Moneda.objects.get(codigo="COP")

    # 1. Another dependencia raises a need; a negative amount is refused first.
    _como(navegador, "profesional2")
    _ir(navegador, "Necesidades de cooperación")
    navegador.get_by_role("link", name="Registrar una necesidad").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Título").fill("Inspección móvil en zonas rurales")
    navegador.get_by_label("Tema").fill("Inspección del trabajo")
    navegador.get_by_label("Línea prioritaria").select_option(label="Trabajo decente")
    navegador.get_by_label("Monto estimado").fill("-5")
    navegador.get_by_label("Moneda").select_option(value=str(cop.pk))
    navegador.get_by_role("button", name="Registrar una necesidad").click()
    expect(navegador.get_by_text("El monto no puede ser negativo.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Monto estimado").fill("900.000.000")
    navegador.get_by_role("button", name="Registrar una necesidad").click()
    expect(navegador.get_by_text("Necesidad «Inspección móvil en zonas rurales» registrada.")).to_be_visible()
    expect(navegador.locator("#estado-necesidad")).to_have_text("Registrada")
    expect(navegador.get_by_role("link", name="Priorizar")).to_have_count(0)
    revisar_accesibilidad(navegador)

    # 2. The office prioritizes it, presents it to APC-Colombia and links it to the call.
    _como(navegador, "jefe")
    _ir(navegador, "Necesidades de cooperación")
    navegador.get_by_role("link", name="Inspección móvil en zonas rurales").click()
    navegador.get_by_role("link", name="Priorizar").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Puesto en la priorización").fill("1")
    navegador.get_by_role("button", name="Priorizar").click()
    expect(navegador.locator("#estado-necesidad")).to_have_text("Priorizada")
    navegador.get_by_role("link", name="Registrar la presentación").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Fecha de presentación").fill(hoy.isoformat())
    navegador.get_by_role("button", name="Registrar la presentación").click()
    expect(navegador.locator("#estado-necesidad")).to_have_text("Presentada")
    navegador.get_by_role("link", name="Vincular una convocatoria o un proyecto").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Convocatoria o proyecto que la atiende").select_option(value=str(convocatoria.pk))
    navegador.get_by_role("button", name="Marcar como atendida").click()
    expect(navegador.locator("#estado-necesidad")).to_have_text("Atendida")
    expect(navegador.locator("#atendida-por")).to_contain_text("Fondo Visión Cero")
    expect(navegador.get_by_role("cell", name="Presentada a APC-Colombia", exact=False)).to_be_visible()
    revisar_accesibilidad(navegador)

    # 3. The office registers a memorandum with the ILO and a commitment.
    _ir(navegador, "Convenios")
    navegador.get_by_role("link", name="Registrar un convenio").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Número").fill("MDE-OIT-2026")
    navegador.get_by_label("Tipo").select_option(label="Memorando de entendimiento")
    navegador.get_by_label("Objeto").fill("Asistencia técnica en trabajo decente e inspección.")
    navegador.get_by_label("Actores que lo suscriben").select_option(value=str(oit.pk))
    navegador.get_by_label("Fecha de firma").fill((hoy - timedelta(days=10)).isoformat())
    navegador.get_by_label("Inicio de la vigencia").fill((hoy - timedelta(days=10)).isoformat())
    navegador.get_by_label("Fin de la vigencia").fill((hoy - timedelta(days=20)).isoformat())
    navegador.get_by_role("button", name="Registrar un convenio").click()
    expect(navegador.get_by_text("El fin de la vigencia no puede ser anterior al inicio.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Fin de la vigencia").fill((hoy + timedelta(days=365)).isoformat())
    navegador.get_by_role("button", name="Registrar un convenio").click()
    expect(navegador.get_by_role("heading", name=re.compile("Memorando de entendimiento MDE-OIT-2026"))).to_be_visible()
    navegador.get_by_role("link", name="Agregar un compromiso").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Compromiso").fill("Informe anual del Programa de Trabajo Decente")
    navegador.get_by_label("Fecha límite").fill((hoy + timedelta(days=30)).isoformat())
    navegador.get_by_role("button", name="Agregar un compromiso").click()
    expect(navegador.locator("#compromisos")).to_contain_text("Informe anual del Programa de Trabajo Decente")
    revisar_accesibilidad(navegador)

    # 4. The ILO's page lists the call and the agreement.
    navegador.get_by_role("link", name=str(oit)).click()
    expect(navegador.get_by_role("heading", name=re.compile("Organización Internacional del Trabajo"))).to_be_visible()
    expect(navegador.get_by_role("link", name="Fondo Visión Cero")).to_be_visible()
    expect(navegador.get_by_role("link", name="Memorando de entendimiento MDE-OIT-2026")).to_be_visible()
    expect(navegador.get_by_text("Total en USD")).to_be_visible()
    revisar_accesibilidad(navegador)
