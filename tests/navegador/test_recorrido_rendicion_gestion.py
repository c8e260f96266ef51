"""Journeys of the other capabilities of the accountability strategy, through the real forms, with axe-core on every
page: copying the strategy to a new year and the MURC checklist; the terms and the consent versions; each dependencia
reporting its part with evidence and the communications group's metrics; a dialogue space from its notice to its
survey and an improvement action born from it."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from conftest import CONTRASENA
from cooperacion.core.documentos_demo import pdf_simple
from rendicion.models import (
    AccionMejora,
    AccionRendicion,
    Configuracion,
    EspacioDialogo,
    Estrategia,
    MetricaDefinida,
    RegistroMetrica,
    TextoConsentimiento,
)
from tests.factories_rendicion import Escenario
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


@pytest.fixture
def escenario(usuarios, dependencias, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return Escenario(usuarios, dependencias)


def _confirmar(page, boton: str, motivo: str = "") -> None:
    page.get_by_role("button", name=boton, exact=True).click()
    dialogo = page.get_by_role("dialog", name=boton)
    expect(dialogo).to_be_visible()
    if motivo:
        dialogo.get_by_label(re.compile("^Motivo")).fill(motivo)
    dialogo.get_by_role("button", name=re.compile("Confirmar")).click()
    expect(page.get_by_text(f"Acción «{boton}» realizada.")).to_be_visible()


def test_planeacion_copia_la_estrategia_marca_las_etapas_y_ajusta_los_terminos(navegador, escenario, usuarios):
    page = navegador
    ingresar(page, "planeacion", CONTRASENA)
    page.goto(page.base + escenario.estrategia.get_absolute_url())
    revisar_accesibilidad(page)

    page.get_by_role("link", name="Registrar Aprestamiento").click()
    expect(page.get_by_role("heading", name="Etapa del MURC: Aprestamiento")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label("Inicio previsto").fill(f"{escenario.estrategia.anio}-01-08")
    page.get_by_label("Fin previsto").fill(f"{escenario.estrategia.anio}-01-24")
    page.get_by_label("Completada el").fill(f"{escenario.estrategia.anio}-01-24")
    page.get_by_role("button", name="Guardar la etapa").click()
    expect(page.get_by_text("Etapa actualizada.")).to_be_visible()
    expect(page.locator("#etapa-aprestamiento")).to_contain_text("24/01/")
    expect(page.locator("#etapa-aprestamiento")).to_contain_text(str(usuarios["planeacion"]))

    page.get_by_role("link", name="Copiar a un nuevo año").click()
    expect(page.get_by_role("heading", name="Copiar a un nuevo año")).to_be_visible()
    revisar_accesibilidad(page)
    expect(page.get_by_label(re.compile("Año de la nueva estrategia"))).to_have_value(
        str(escenario.estrategia.anio + 1)
    )
    page.get_by_role("button", name="Crear la copia").click()
    nueva = f"Estrategia Rendición de Cuentas {escenario.estrategia.anio + 1}"
    expect(page.get_by_role("heading", name=nueva, level=1)).to_be_visible()
    expect(page.locator("#estado-estrategia")).to_contain_text("En formulación")
    expect(page.locator("#etapa-aprestamiento")).to_contain_text("Pendiente")
    revisar_accesibilidad(page)
    copia = Estrategia.objects.get(anio=escenario.estrategia.anio + 1)
    assert [a.texto for a in copia.acciones.order_by("numero")] == [
        a.texto for a in escenario.estrategia.acciones.order_by("numero")
    ]
    assert set(copia.acciones.values_list("porcentaje_avance", flat=True)) == {0}
    _confirmar(page, "Publicar la estrategia")
    expect(page.locator("#estado-estrategia")).to_contain_text("Publicada")

    menu = page.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Planeación y gestión").click()
    menu.get_by_role("link", name="Configuración").click()
    expect(page.get_by_role("heading", name="Configuración de la rendición de cuentas")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label(re.compile("hábiles para responder")).fill("10")
    page.get_by_role("button", name="Guardar la configuración").click()
    expect(page.get_by_text("Configuración guardada.")).to_be_visible()
    assert Configuracion.vigente().dias_respuesta == 10
    page.get_by_role("link", name="Nueva versión").click()
    revisar_accesibilidad(page)
    page.get_by_label("Texto de la autorización").fill("Autorizo el tratamiento de mis datos (texto revisado).")
    page.get_by_role("button", name="Publicar la nueva versión").click()
    expect(page.get_by_text("Versión 2 del consentimiento publicada.")).to_be_visible()
    expect(page.locator("#versiones-consentimiento")).to_contain_text("Versión 2")
    revisar_accesibilidad(page)
    assert TextoConsentimiento.objects.vigente().version == 2


def test_cada_dependencia_reporta_su_parte_con_evidencia_y_comunicaciones_sus_metricas(
    navegador, escenario, usuarios, tmp_path
):
    page = navegador
    compartida = escenario.compartida
    MetricaDefinida.objects.create(
        estrategia=escenario.estrategia, accion=compartida, red="facebook", metrica="Total de seguidores", orden=1
    )
    evidencia = tmp_path / "informe-de-publicaciones.pdf"
    evidencia.write_bytes(pdf_simple("Informe de publicaciones", ["Boletines de marzo"]))

    # The co-responsible dependencia (DDFT) sees the shared action and reports its part with evidence.
    ingresar(page, "profesional2", CONTRASENA)
    menu = page.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Planeación y gestión").click()
    menu.get_by_role("link", name="Acciones", exact=True).click()
    expect(page.locator("#tabla-acciones tbody tr")).to_have_count(1)
    revisar_accesibilidad(page)
    page.get_by_role("link", name=compartida.texto).click()
    revisar_accesibilidad(page)
    expect(page.get_by_role("button", name="Iniciar la acción")).to_have_count(0)  # only the lead starts it
    page.get_by_role("link", name="Reportar el avance").click()
    revisar_accesibilidad(page)
    page.get_by_label("Avance", exact=True).or_(page.get_by_label(re.compile(r"^\s*Avance\*?\s*$"))).fill(
        "Publicamos los boletines de marzo en la página web."
    )
    page.get_by_label(re.compile("Avance de su parte")).fill("50")
    page.get_by_label(re.compile("^\\s*Evidencia")).set_input_files(str(evidencia))
    page.get_by_role("button", name="Registrar el avance").click()
    expect(page.get_by_text("Avance registrado.")).to_be_visible()
    expect(page.locator("#avance-accion")).to_contain_text("25 %")
    revisar_accesibilidad(page)
    with page.expect_download() as descarga:
        page.get_by_role("link", name=re.compile("Descargar la evidencia")).click()
    assert descarga.value.suggested_filename == "informe-de-publicaciones.pdf"

    # The communications group (the dependencias of the metrics' action) enters a month.
    page.goto(page.base + f"/rendicion/{escenario.estrategia.pk}/metricas/")
    revisar_accesibilidad(page)
    page.get_by_role("link", name="Enero").click()
    revisar_accesibilidad(page)
    page.get_by_label("Facebook: Total de seguidores").fill("412.350")
    page.get_by_role("button", name="Guardar las métricas del mes").click()
    expect(page.get_by_text("Métricas guardadas.")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Facebook: Total de seguidores"))).to_be_visible()
    expect(page.get_by_role("region", name="Métricas de Facebook por mes")).to_contain_text("412.350")
    revisar_accesibilidad(page)
    assert RegistroMetrica.objects.get().valor == 412_350
    page.context.clear_cookies()

    # The lead dependencia (OCRI) starts the action and, with its own part done, completes it.
    ingresar(page, "profesional", CONTRASENA)
    page.goto(page.base + compartida.get_absolute_url())
    _confirmar(page, "Iniciar la acción")
    page.get_by_role("link", name="Reportar el avance").click()
    page.get_by_label(re.compile(r"^\s*Avance\*?\s*$")).fill("Informe consolidado del primer semestre.")
    page.get_by_label(re.compile("Avance de su parte")).fill("100")
    page.get_by_role("button", name="Registrar el avance").click()
    expect(page.locator("#avance-accion")).to_contain_text("75 %")
    _confirmar(page, "Dar por cumplida")
    expect(page.locator("#estado-accion")).to_contain_text("Cumplida")
    revisar_accesibilidad(page)
    compartida.refresh_from_db()
    assert (compartida.estado, compartida.porcentaje_avance) == (AccionRendicion.Estado.CUMPLIDA, 100)


def test_un_espacio_de_dialogo_del_aviso_a_la_encuesta_y_su_accion_de_mejora(navegador, escenario, usuarios, tmp_path):
    page = navegador
    acta = tmp_path / "acta-mesa-tecnica.pdf"
    acta.write_bytes(pdf_simple("Acta de la mesa técnica", ["Asistencia y compromisos"]))
    cuando = timezone.localtime() + timedelta(days=2)

    ingresar(page, "profesional", CONTRASENA)
    page.goto(page.base + escenario.estrategia.get_absolute_url())
    page.get_by_role("link", name="Nuevo espacio de diálogo").click()
    expect(page.get_by_role("heading", name="Nuevo espacio de diálogo")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label(re.compile("Tipo de espacio")).select_option(
        label="Reunión o mesa técnica de concertación y diálogo"
    )
    page.get_by_label(re.compile(r"^\s*Nombre")).fill("Mesa técnica de formalización laboral rural")
    page.get_by_label(re.compile("Fecha y hora")).fill(cuando.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(re.compile(r"^\s*Lugar")).fill("Pasto, Dirección Territorial de Nariño")
    page.get_by_label(re.compile("Aviso público")).fill("Invitamos a las organizaciones rurales a la mesa técnica.")
    page.get_by_role("button", name="Crear el espacio").click()
    expect(page.get_by_text("Espacio «Mesa técnica de formalización laboral rural» creado.")).to_be_visible()
    revisar_accesibilidad(page)
    _confirmar(page, "Convocar y publicar el aviso")
    expect(page.locator("#aviso-desde")).to_have_text(timezone.localdate().strftime("%d/%m/%Y"))
    espacio = EspacioDialogo.objects.get(nombre="Mesa técnica de formalización laboral rural")
    page.goto(page.base + espacio.get_public_url())
    expect(page.get_by_role("heading", name="Haga su pregunta")).to_be_visible()
    revisar_accesibilidad(page)

    # Two days later the space took place.
    espacio.fecha = timezone.now() - timedelta(hours=1)
    espacio.save(update_fields=["fecha"])
    page.goto(page.base + espacio.get_absolute_url())
    _confirmar(page, "Registrar que se realizó")
    page.get_by_role("link", name="Registrar los resultados y la encuesta").click()
    expect(page.get_by_role("heading", name="Resultados del espacio")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label("Asistentes").fill("64")
    page.get_by_label("Conclusiones y compromisos").fill("Instalar una mesa permanente con las organizaciones rurales.")
    page.get_by_label(re.compile("respondieron la encuesta")).fill("40")
    page.get_by_label("Acta o memoria del espacio").set_input_files(str(acta))
    page.get_by_role("button", name="Guardar los resultados").click()
    expect(page.get_by_text("Resultados guardados.")).to_be_visible()
    page.get_by_label(re.compile(r"^\s*Pregunta de la encuesta")).fill("La mesa atendió sus inquietudes")
    page.get_by_label(re.compile(r"^\s*Excelente")).fill("20")
    page.get_by_label(re.compile(r"^\s*Bueno")).fill("12")
    page.get_by_label(re.compile(r"^\s*Regular")).fill("6")
    page.get_by_label(re.compile(r"^\s*Malo")).fill("2")
    page.get_by_role("button", name="Agregar a la encuesta").click()
    expect(page.get_by_text("Pregunta de la encuesta agregada.")).to_be_visible()
    expect(page.locator("#tabla-encuesta")).to_contain_text("80 %")
    revisar_accesibilidad(page)
    page.get_by_label(re.compile(r"^\s*Pregunta de la encuesta")).fill("Pregunta escrita por error")
    page.get_by_role("button", name="Agregar a la encuesta").click()
    page.get_by_role("button", name="Quitar Pregunta escrita por error").click()
    dialogo = page.get_by_role("dialog", name="Quitar la pregunta de la encuesta")
    expect(dialogo).to_contain_text("«Pregunta escrita por error»")
    revisar_accesibilidad(page)
    dialogo.get_by_role("button", name="Quitar", exact=True).click()
    expect(page.get_by_text("Pregunta de la encuesta quitada.")).to_be_visible()
    expect(page.locator("#tabla-encuesta tbody tr")).to_have_count(1)
    page.context.clear_cookies()

    # The citizen reads the results and downloads the minutes without an account.
    page.goto(page.base + espacio.get_public_url())
    expect(page.locator("#tabla-encuesta")).to_contain_text("La mesa atendió sus inquietudes")
    revisar_accesibilidad(page)
    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar el acta").click()
    assert descarga.value.suggested_filename.endswith(".pdf")

    # Control Interno records an improvement action born in the space.
    ingresar(page, "control", CONTRASENA)
    page.goto(page.base + espacio.get_absolute_url())
    page.get_by_role("link", name="Registrar una acción de mejora de este espacio").click()
    expect(page.get_by_role("heading", name="Nueva acción de mejora")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label(re.compile(r"^\s*Acción de mejora")).fill("Instalar la mesa permanente con actas trimestrales.")
    page.get_by_label(re.compile("Dependencia responsable")).select_option(
        label="Oficina de Cooperación y Relaciones Internacionales (OCRI)"
    )
    page.get_by_label(re.compile("Fecha límite")).fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Registrar la acción de mejora").click()
    expect(page.get_by_text("Acción de mejora registrada.")).to_be_visible()
    expect(page.locator("#estado-mejora")).to_contain_text("Abierta")
    revisar_accesibilidad(page)
    mejora = AccionMejora.objects.get()
    assert (mejora.origen, mejora.espacio) == ("dialogo", espacio)
