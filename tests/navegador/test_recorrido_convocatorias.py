"""Journey of one call through procedure AI-P-003, from task 1 to task 9, through the forms, as Profesional and
Jefe (and the informed dependencia), downloading the oficio and the close-out act."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import CONTRASENA
from convocatorias.models import Convocatoria
from cooperacion.core.documentos_demo import pdf_simple
from cooperacion.core.models import Actor
from tests.factories_convocatorias import asegurar_datos_de_convocatorias
from tests.navegador.conftest import elegir, ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


def _como(navegador, usuario):
    navegador.context.clear_cookies()
    ingresar(navegador, usuario, CONTRASENA)


def _abrir_convocatoria(navegador, nombre):
    navegador.goto(navegador.base + "/convocatorias/")
    navegador.get_by_role("link", name=nombre).click()
    expect(navegador.get_by_role("heading", name=nombre, level=1)).to_be_visible()


def _transicion(navegador, boton, *, motivo="", mensaje):
    navegador.get_by_role("button", name=re.compile(boton)).first.click()
    dialogo = navegador.get_by_role("dialog")
    expect(dialogo).to_be_visible()
    if motivo:
        dialogo.get_by_label(re.compile("^Motivo")).fill(motivo)
    revisar_accesibilidad(navegador)
    dialogo.get_by_role("button", name=re.compile("^Confirmar")).click()
    expect(navegador.get_by_text(mensaje)).to_be_visible()


def _descargar_pdf(navegador, boton, destino):
    navegador.get_by_role("button", name=boton).click()
    expect(navegador.get_by_text("El reporte está listo.")).to_be_visible()
    revisar_accesibilidad(navegador)
    with navegador.expect_download() as descarga:
        navegador.get_by_role("link", name="Descargar PDF").click()
    descarga.value.save_as(destino)
    assert destino.read_bytes().startswith(b"%PDF")


def test_una_convocatoria_de_la_tarea_1_a_la_9(navegador, usuarios, tmp_path):
    asegurar_datos_de_convocatorias()
    Actor.objects.create(nombre="Organización Internacional del Trabajo", sigla="OIT", tipo=Actor.Tipo.MULTILATERAL)
    ahora = timezone.localtime()
    hoy = ahora.date()
    documento = tmp_path / "documento.pdf"
    documento.write_bytes(pdf_simple("Documento", ["Soporte de prueba"]))
    nombre = "Fondo Visión Cero: seguridad y salud en el trabajo"

    # Task 1: the Profesional registers the call (first with a closing date before the opening) and prioritizes it.
    _como(navegador, "profesional")
    menu = navegador.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Cooperación internacional").click()
    navegador.get_by_role("link", name="Matriz de convocatorias").click()
    expect(navegador.locator("#sin-convocatorias")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Nueva convocatoria").click()
    revisar_accesibilidad(navegador)
    elegir(navegador, "Cooperante", "Organización Internacional del Trabajo (OIT)", buscar="Internacional del")
    navegador.get_by_label("Nombre de la convocatoria").fill(nombre)
    navegador.get_by_label("Fuente").select_option(label="Página web")
    navegador.get_by_label("Modalidad").select_option(label="Técnica")
    navegador.get_by_label("ODS 8. Trabajo decente y crecimiento económico").check()
    navegador.get_by_label("Recursos ofrecidos").fill("350000")
    navegador.get_by_label("Tasa de cambio a COP").fill("4000")
    navegador.get_by_label("Apertura").fill((ahora - timedelta(days=2)).strftime("%Y-%m-%dT08:00"))
    navegador.get_by_label("Cierre", exact=False).last.fill((ahora - timedelta(days=3)).strftime("%Y-%m-%dT17:00"))
    navegador.get_by_role("button", name="Registrar una convocatoria").click()
    expect(navegador.get_by_text("La fecha de cierre no puede ser anterior a la de apertura.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Cierre", exact=False).last.fill((ahora + timedelta(days=30)).strftime("%Y-%m-%dT17:00"))
    navegador.get_by_role("button", name="Registrar una convocatoria").click()
    expect(navegador.get_by_text(f"Convocatoria «{nombre}» registrada.")).to_be_visible()
    expect(navegador.locator("#tarea-1")).to_contain_text("En curso")
    expect(navegador.locator("#tabla-puntaje")).to_contain_text("Recursos")
    revisar_accesibilidad(navegador)
    _transicion(
        navegador, "Priorizar y pasar a validación", mensaje="Acción «Priorizar y pasar a validación» realizada."
    )

    # Task 2: the Jefe decides to apply, with the reason.
    _como(navegador, "jefe")
    _abrir_convocatoria(navegador, nombre)
    _transicion(
        navegador, "^Aplicar$", motivo="Fortalece la inspección del trabajo.", mensaje="Acción «Aplicar» realizada."
    )
    expect(navegador.locator("#registro-validacion")).to_contain_text("Fortalece la inspección del trabajo.")

    # Task 3: the Profesional writes the oficio, adds the DDFT and asks the Jefe to sign it; the Jefe signs and
    # sends it by e-mail; the signed PDF is the one kept.
    _como(navegador, "profesional")
    _abrir_convocatoria(navegador, nombre)
    navegador.get_by_role("link", name="Preparar el oficio").click()
    expect(navegador.get_by_label("Texto del oficio")).to_have_value(re.compile("Respetados señores"))
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Número del oficio").fill("08SE2026110000001")
    navegador.get_by_role("button", name="Guardar el oficio").click()
    expect(navegador.get_by_text("Oficio guardado.")).to_be_visible()
    navegador.get_by_label("Dependencia de la entidad").select_option(
        label="Dirección de Derechos Fundamentales del Trabajo (DDFT)"
    )
    navegador.get_by_label("Correo electrónico").fill("ddft@cooperacion.test")
    navegador.get_by_role("button", name="Agregar", exact=True).click()
    expect(navegador.get_by_text("Destinatario agregado.")).to_be_visible()
    revisar_accesibilidad(navegador)
    _transicion(navegador, "Pedir la firma del jefe", mensaje="Acción «Pedir la firma del jefe» realizada.")
    expect(navegador.locator("#estado-oficio")).to_have_text("Por firmar")
    expect(navegador.get_by_label("Texto del oficio")).to_have_count(0)

    _como(navegador, "jefe")
    expect(navegador.get_by_text(re.compile("Firmar el oficio informativo"))).to_be_visible()
    _abrir_convocatoria(navegador, nombre)
    navegador.get_by_role("link", name="Revisar y firmar el oficio").click()
    revisar_accesibilidad(navegador)
    _transicion(navegador, "Firmar y enviar", mensaje="Acción «Firmar y enviar» realizada.")
    expect(navegador.locator("#estado-oficio")).to_have_text("Firmado y enviado")
    enlace = navegador.get_by_role("link", name=re.compile("Ver el oficio firmado"))
    respuesta = navegador.request.get(navegador.base + enlace.get_attribute("href"))
    assert respuesta.ok
    assert respuesta.body().startswith(b"%PDF")
    _abrir_convocatoria(navegador, nombre)
    expect(navegador.locator("#estado-convocatoria")).to_have_text("Informada")
    expect(navegador.get_by_text("no puede continuar sin al menos una aceptación")).to_be_visible()

    # The informed dependencia answers for itself: it accepts.
    _como(navegador, "profesional2")
    _abrir_convocatoria(navegador, nombre)
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Responder").click()
    navegador.get_by_label("Acepta participar").check()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("button", name="Registrar la respuesta").click()
    expect(navegador.get_by_text("Respuesta registrada.")).to_be_visible()
    expect(navegador.locator("#respuesta-propia")).to_contain_text("Acepta participar")

    # Task 4: commitments and their minutes; the critical control point is met.
    _como(navegador, "profesional")
    _abrir_convocatoria(navegador, nombre)
    navegador.get_by_role("link", name="Compromisos y acta").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("textbox", name="Parte").fill("Dirección de Derechos Fundamentales del Trabajo")
    navegador.get_by_role("textbox", name="Obligaciones y responsabilidades").fill(
        "Aportar el diagnóstico y revisar el marco lógico."
    )
    navegador.get_by_role("textbox", name="Responsable").fill("Enlace técnico de la DDFT")
    navegador.get_by_role("button", name="Agregar un compromiso").click()
    expect(navegador.get_by_text("Compromiso agregado.")).to_be_visible()
    navegador.get_by_label("Acta de reunión y compromisos, firmada").set_input_files(documento)
    navegador.get_by_role("button", name="Adjuntar el acta").click()
    expect(navegador.get_by_text("Acta de compromisos adjuntada.")).to_be_visible()
    navegador.get_by_role("link", name="Volver a la convocatoria").click()
    _transicion(navegador, "Formalizar los compromisos", mensaje="Acción «Formalizar los compromisos» realizada.")

    # Task 5: the project document, approved by the Jefe.
    navegador.get_by_role("link", name="Subir una versión del proyecto").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Documento del proyecto").set_input_files(documento)
    navegador.get_by_label("Comentario").fill("Primera versión en el formato de la OIT.")
    navegador.get_by_role("button", name="Subir una versión").click()
    expect(navegador.get_by_text("Versión del proyecto subida.")).to_be_visible()
    _como(navegador, "jefe")
    _abrir_convocatoria(navegador, nombre)
    _transicion(navegador, "Aprobar el proyecto", mensaje="Acción «Aprobar el proyecto» realizada.")

    # Tasks 6 and 7: submission and the donor's answer.
    _como(navegador, "profesional")
    _abrir_convocatoria(navegador, nombre)
    navegador.get_by_role("link", name="Registrar la presentación").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Fecha de presentación").fill(hoy.isoformat())
    navegador.get_by_label("Canal").select_option(label="Plataforma del cooperante")
    navegador.get_by_label("Número de radicado").fill("OIT-VZF-2026-015")
    navegador.get_by_label("Comprobante del envío").set_input_files(documento)
    navegador.get_by_label("Monto solicitado").fill("300000")
    navegador.get_by_role("button", name="Registrar la presentación").click()
    expect(navegador.locator("#registro-presentacion")).to_contain_text("OIT-VZF-2026-015")
    navegador.get_by_role("link", name="Registrar la respuesta del cooperante").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Aceptó el proyecto", exact=True).check()
    navegador.get_by_label("Fecha de la respuesta").fill(hoy.isoformat())
    navegador.get_by_label("Comunicación del cooperante").fill("El comité del fondo aprobó el proyecto.")
    navegador.get_by_label("Monto aprobado").fill("280000")
    navegador.get_by_role("button", name="Registrar la respuesta").click()
    expect(navegador.get_by_text("Respuesta del cooperante registrada")).to_be_visible()

    # Task 8: the project, its execution report received and accepted (critical control point).
    navegador.get_by_role("link", name="Crear el proyecto e iniciar la ejecución").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Código del proyecto").fill("CI-2026-020")
    navegador.get_by_label("Inicio").fill((hoy - timedelta(days=90)).isoformat())
    navegador.get_by_label("Finalización prevista").fill((hoy + timedelta(days=90)).isoformat())
    navegador.get_by_label("Informes cada (meses)").fill("")
    navegador.get_by_label("o fechas de los informes").fill((hoy - timedelta(days=5)).strftime("%d/%m/%Y"))
    navegador.get_by_role("button", name="Iniciar la ejecución").click()
    expect(navegador.get_by_text("Proyecto en ejecución, con su calendario de informes.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name=re.compile("^Entregar")).first.click()
    navegador.get_by_label("Informe de ejecución").set_input_files(documento)
    navegador.get_by_role("button", name="Entregar el informe").click()
    expect(navegador.get_by_text("Informe recibido")).to_be_visible()
    navegador.get_by_role("button", name=re.compile("^Aceptar el informe")).click()
    dialogo = navegador.get_by_role("dialog")
    expect(dialogo).to_contain_text("Seguimiento al proyecto")
    revisar_accesibilidad(navegador)
    dialogo.get_by_role("button", name=re.compile("^Confirmar")).click()
    expect(navegador.get_by_text("Acción «Aceptar el informe» realizada.")).to_be_visible()

    # Task 9: the Jefe signs the close-out act and downloads it.
    _como(navegador, "jefe")
    navegador.goto(navegador.base + "/convocatorias/proyectos/")
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="CI-2026-020").click()
    navegador.get_by_role("link", name="Acta de finalización").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Fecha de finalización").fill(hoy.isoformat())
    navegador.get_by_label("Resultados del proyecto").fill("Se capacitó a 300 caficultores en seguridad y salud.")
    navegador.get_by_label("Informe final").set_input_files(documento)
    navegador.get_by_role("button", name="Firmar el acta de finalización").click()
    expect(navegador.get_by_text("Acta de finalización firmada")).to_be_visible()
    _descargar_pdf(navegador, "Generar el acta de finalización (PDF)", tmp_path / "acta.pdf")

    convocatoria = Convocatoria.objects.get(nombre=nombre)
    assert convocatoria.estado == Convocatoria.Estado.FINALIZADA
    _abrir_convocatoria(navegador, nombre)
    for numero in range(1, 10):
        expect(navegador.locator(f"#tarea-{numero}")).to_contain_text("Hecha")
    revisar_accesibilidad(navegador)
