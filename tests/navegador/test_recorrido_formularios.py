"""Issue 10, forms: every problem at once, a file chosen before an error asked again by name, a cooperante proposed
in place and reviewed by the Administrador, long lists searched by typing (municipalities), Colombian amounts."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import CONTRASENA
from convocatorias import services
from convocatorias.models import Convocatoria
from cooperacion.core.documentos_demo import pdf_simple
from cooperacion.core.models import Actor
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, avanzar, datos_de_convocatoria
from tests.navegador.conftest import elegir, ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


def test_un_cooperante_nuevo_se_propone_desde_la_convocatoria_y_el_administrador_lo_revisa(navegador, usuarios):
    asegurar_datos_de_convocatorias()
    ahora = timezone.localtime()
    ingresar(navegador, "profesional", CONTRASENA)
    navegador.goto(navegador.base + "/convocatorias/nueva/")
    navegador.get_by_role("button", name="Registrar una convocatoria").click()
    # Every problem in one answer, each next to its field.
    expect(navegador.get_by_text("Elija el cooperante de la lista o escriba el nombre de uno nuevo.")).to_be_visible()
    assert navegador.locator(".invalid-feedback:visible").count() >= 4
    revisar_accesibilidad(navegador)

    navegador.get_by_label("¿No está en la lista? Nombre del nuevo cooperante").fill("Fundación Nueva Esperanza")
    navegador.get_by_label("Tipo del nuevo cooperante").select_option(label="ESAL / ONG / fundación")
    navegador.get_by_label("Nombre de la convocatoria").fill("Jóvenes rurales con empleo formal")
    navegador.get_by_label("Fuente").select_option(label="Página web")
    navegador.get_by_label("Modalidad").select_option(label="Técnica")
    navegador.get_by_label("Recursos ofrecidos").fill("350.000,50")
    navegador.get_by_label("Tasa de cambio a COP").fill("4.000")
    expect(navegador.locator(".equivalente-cop").first).to_contain_text("1.400.002.000")
    navegador.get_by_label("Apertura").fill((ahora - timedelta(days=2)).strftime("%Y-%m-%dT08:00"))
    navegador.get_by_label("Cierre", exact=False).last.fill((ahora + timedelta(days=20)).strftime("%Y-%m-%dT17:00"))
    navegador.get_by_role("button", name="Registrar una convocatoria").click()
    expect(navegador.get_by_text("Convocatoria «Jóvenes rurales con empleo formal» registrada.")).to_be_visible()
    expect(navegador.get_by_text("Fundación Nueva Esperanza").first).to_be_visible()
    revisar_accesibilidad(navegador)
    actor = Actor.objects.get(nombre="Fundación Nueva Esperanza")
    assert actor.por_revisar

    navegador.context.clear_cookies()
    ingresar(navegador, "admin", CONTRASENA)
    navegador.goto(navegador.base + "/catalogos/actores/?por_revisar=1")
    expect(navegador.get_by_role("link", name="Fundación Nueva Esperanza")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Fundación Nueva Esperanza").click()
    expect(navegador.locator("#revision-actor")).to_contain_text("Propuesto por")
    navegador.get_by_role("button", name="Marcar como revisado").click()
    dialogo = navegador.get_by_role("dialog", name="Marcar como revisado")
    revisar_accesibilidad(navegador)
    dialogo.get_by_role("button", name=re.compile("Confirmar")).click()
    expect(navegador.get_by_text("Acción «Marcar como revisado» realizada.")).to_be_visible()
    expect(navegador.locator("#revision-actor")).to_have_count(0)
    actor.refresh_from_db()
    assert not actor.por_revisar


def test_el_territorio_se_busca_escribiendo(navegador, usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    convocatoria = services.convocatoria_crear(
        usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="Empleo verde en Nariño")
    )
    avanzar(convocatoria, Convocatoria.Estado.ACEPTADA, usuarios=usuarios, dependencias=dependencias)
    ingresar(navegador, "profesional", CONTRASENA)
    navegador.goto(navegador.base + f"/convocatorias/{convocatoria.pk}/ejecucion/")
    revisar_accesibilidad(navegador)
    elegir(navegador, "Municipios (DIVIPOLA)", re.compile(r"^Pasto \(Nariño\)"), buscar="Pasto")
    elegir(navegador, "Municipios (DIVIPOLA)", re.compile(r"Tumaco \(Nariño\)"), buscar="Tumaco")
    seleccion = navegador.locator("select[name=municipios]")
    assert len(seleccion.evaluate("s => [...s.selectedOptions].map(o => o.value)")) == 2
    revisar_accesibilidad(navegador)


def test_un_archivo_elegido_se_pide_de_nuevo_cuando_hay_errores(navegador, usuarios, dependencias, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    asegurar_datos_de_convocatorias()
    convocatoria = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria())
    avanzar(convocatoria, Convocatoria.Estado.INFORMADA, usuarios=usuarios, dependencias=dependencias)
    acta = tmp_path / "acta-reunion.pdf"
    acta.write_bytes(pdf_simple("Acta", ["Reunión informativa"]))
    ingresar(navegador, "profesional", CONTRASENA)
    navegador.goto(navegador.base + f"/convocatorias/{convocatoria.pk}/reunion/")
    navegador.get_by_label("Fecha y hora de la reunión").fill("")
    navegador.get_by_label("Acta de la reunión").set_input_files(acta)
    navegador.get_by_role("button", name="Registrar la reunión").click()
    expect(navegador.get_by_text(re.compile("Elija de nuevo «acta-reunion.pdf»"))).to_be_visible()
    revisar_accesibilidad(navegador)
