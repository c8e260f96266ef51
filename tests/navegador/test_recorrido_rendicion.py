"""Journey of the accountability strategy: Planeación builds an action, a citizen asks a question on the public page
with the keyboard only, the organizing office moderates and answers it and it appears published, Control Interno
evaluates the cut-off and the report downloads — axe-core on every page visited."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from conftest import CONTRASENA
from rendicion import services
from rendicion.models import AccionRendicion, Corte, EspacioDialogo, ItemEncuesta, MetricaDefinida, PreguntaCiudadana
from tests.factories_rendicion import Escenario, EspacioFactory, corte_evaluado, informe_listo
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador


def _salir(page):
    page.context.clear_cookies()


def _tab_hasta(page, texto: str, maximo: int = 40) -> None:
    """Press Tab until the focused element's accessible text contains `texto` (the keyboard is the only input)."""
    for _ in range(maximo):
        page.keyboard.press("Tab")
        actual = page.evaluate("document.activeElement.innerText || document.activeElement.value || ''")
        if texto in actual:
            return
    raise AssertionError(f"El foco nunca llegó a «{texto}»")


def _foco(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_recorrido_de_la_rendicion_de_cuentas(navegador, usuarios, dependencias, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    escenario = Escenario(usuarios, dependencias)
    escenario.pregunta.delete()
    services.corte_crear(
        usuario=usuarios["control"],
        estrategia=escenario.estrategia,
        nombre="Seguimiento con corte a hoy",
        fecha_corte=timezone.localdate() - timedelta(days=1),
    )
    page = navegador

    # 1. Planeación builds an action of the Diálogo element.
    ingresar(page, "planeacion", CONTRASENA)
    menu = page.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Planeación y gestión").click()
    menu.get_by_role("link", name="Estrategias por año").click()
    expect(page.get_by_role("heading", name="Estrategias de rendición de cuentas")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_role("link", name=escenario.estrategia.titulo).click()
    expect(page.get_by_role("heading", name=escenario.estrategia.titulo, level=1)).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_role("link", name="Nueva acción de Diálogo").click()
    expect(page.get_by_role("heading", name="Nueva acción")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label(re.compile(r"^\s*Acción\*?\s*$")).fill(
        "Realizar Transmisiones streaming en redes sociales del Ministerio"
    )
    page.get_by_label("Entregable").fill("Publicación de la acción en la Red Social")
    page.get_by_label("Dependencia que lidera").select_option(
        label="Oficina de Cooperación y Relaciones Internacionales (OCRI)"
    )
    page.get_by_label("Dirección de Derechos Fundamentales del Trabajo (DDFT)").check()
    page.get_by_label("Fecha de inicio").fill(f"{escenario.estrategia.anio}-03-01")
    page.get_by_label("Fecha de terminación").fill(f"{escenario.estrategia.anio}-02-01")
    page.get_by_role("button", name="Agregar la acción").click()
    expect(page.get_by_text("La fecha de terminación no puede ser anterior a la de inicio.")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label("Fecha de terminación").fill(f"{escenario.estrategia.anio}-12-18")
    page.get_by_role("button", name="Agregar la acción").click()
    expect(page.get_by_text("Acción D-1 agregada.")).to_be_visible()
    expect(page.locator("#estado-accion")).to_contain_text("Programada")
    expect(page.get_by_role("heading", name="Dirección de Derechos Fundamentales del Trabajo")).to_be_visible()
    revisar_accesibilidad(page)
    accion = AccionRendicion.objects.get(estrategia=escenario.estrategia, elemento="dialogo")
    assert accion.lider.dependencia == dependencias["ocri"]
    _salir(page)

    # 2. A citizen asks, with the keyboard only, on the public page (no account).
    page.goto(page.base + "/transparencia/")
    revisar_accesibilidad(page)
    _tab_hasta(page, "Rendición de cuentas")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Rendición de cuentas", level=1)).to_be_visible()
    revisar_accesibilidad(page)
    _tab_hasta(page, escenario.espacio.nombre)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=escenario.espacio.nombre)).to_be_visible()
    revisar_accesibilidad(page)
    _tab_hasta(page, "Ir al formulario para hacer su pregunta")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert _foco(page) == "id_nombre"
    page.keyboard.type("Ana María Pérez")
    page.keyboard.press("Tab")
    assert _foco(page) == "id_correo"
    page.keyboard.type("ana.perez@correo.test")
    page.keyboard.press("Tab")
    assert _foco(page) == "id_texto"
    page.keyboard.type("¿Cuántos jóvenes consiguieron su primer empleo con los programas del Ministerio este año?")
    page.keyboard.press("Tab")
    assert _foco(page) == "texto-consentimiento"  # the consent text can be scrolled with the keyboard
    page.keyboard.press("Tab")
    assert _foco(page) == "id_acepta"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # sent without the consent: refused, nothing stored
    expect(page.get_by_text("Sin su autorización no podemos recibir la pregunta: marque la casilla.")).to_be_visible()
    assert PreguntaCiudadana.objects.count() == 0
    assert _foco(page) == "id_acepta"  # the keyboard lands on what must be fixed
    revisar_accesibilidad(page)
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("Recibimos su pregunta con el número PC-"))).to_be_visible()
    pregunta = PreguntaCiudadana.objects.get()
    expect(page.get_by_text(f"Recibimos su pregunta con el número {pregunta.referencia}")).to_be_visible()
    expect(page.locator("#sin-preguntas-publicadas")).to_be_visible()  # not published before moderation
    revisar_accesibilidad(page)
    assert pregunta.nombre == "Ana María Pérez"
    assert pregunta.consentimiento.version == 1

    # 3. The organizing office moderates and answers it from «Mis pendientes».
    ingresar(page, "profesional", CONTRASENA)
    tarea = page.locator("#pendientes li", has_text=f"Moderar la pregunta {pregunta.referencia}")
    tarea.get_by_role("link", name="Moderar").click()
    expect(page.get_by_role("heading", name=f"Pregunta {pregunta.referencia}")).to_be_visible()
    expect(page.locator("#datos-personales")).to_contain_text("ana.perez@correo.test")
    revisar_accesibilidad(page)
    page.get_by_role("button", name="Aceptar y publicar").click()
    dialogo = page.get_by_role("dialog", name="Aceptar y publicar")
    expect(dialogo).to_be_visible()
    revisar_accesibilidad(page)
    dialogo.get_by_role("button", name=re.compile("Confirmar")).click()
    expect(page.get_by_text("Acción «Aceptar y publicar» realizada.")).to_be_visible()
    expect(page.locator("#estado-pregunta")).to_contain_text("Publicada, por responder")
    revisar_accesibilidad(page)
    page.get_by_role("link", name="Responder", exact=True).click()
    expect(page.get_by_role("heading", name="Responder la pregunta")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_label("Respuesta").fill("Este año 18.400 jóvenes consiguieron su primer empleo con Estado Joven.")
    page.get_by_role("button", name="Publicar la respuesta").click()
    expect(page.get_by_text("Respuesta publicada; se enviará al correo del ciudadano.")).to_be_visible()
    expect(page.locator("#estado-pregunta")).to_contain_text("Respondida")
    revisar_accesibilidad(page)
    _salir(page)

    # 4. It appears published, without the citizen's name or e-mail.
    page.goto(page.base + escenario.espacio.get_public_url())
    publicadas = page.locator("#preguntas-publicadas")
    expect(publicadas).to_contain_text("¿Cuántos jóvenes consiguieron su primer empleo")
    expect(publicadas).to_contain_text("18.400 jóvenes")
    expect(page.locator("body")).not_to_contain_text("ana.perez@correo.test")
    expect(page.locator("body")).not_to_contain_text("Ana María Pérez")
    revisar_accesibilidad(page)
    page.get_by_role("navigation", name="Rendición de cuentas").get_by_role(
        "link", name="Respuestas publicadas"
    ).click()
    page.get_by_role("link", name=f"Pregunta {pregunta.referencia}").click()
    expect(page.locator("#texto-respuesta")).to_contain_text("18.400 jóvenes")
    revisar_accesibilidad(page)

    # 5. Control Interno evaluates every action of the cut-off, closes it and the report downloads.
    ingresar(page, "control", CONTRASENA)
    menu = page.get_by_role("navigation", name="Navegación principal")
    menu.get_by_role("button", name="Planeación y gestión").click()
    menu.get_by_role("link", name="Seguimiento de Control Interno").click()
    revisar_accesibilidad(page)
    page.get_by_role("link", name="Seguimiento con corte a hoy").click()
    expect(page.get_by_text("Faltan 3 acciones por evaluar.")).to_be_visible()
    revisar_accesibilidad(page)
    resultados = ["Cumplida", "Cumplida parcialmente", "No cumplida"]
    for indice, resultado in enumerate(resultados):
        page.locator("#tabla-evaluaciones").get_by_role("link", name=re.compile("^Evaluar")).first.click()
        expect(page.get_by_role("heading", name="Evaluar la acción")).to_be_visible()
        if indice == 0:
            revisar_accesibilidad(page)
        page.get_by_label(resultado, exact=True).check()
        page.get_by_label("Observaciones").fill("" if resultado == "Cumplida" else "Falta el informe consolidado.")
        page.get_by_label("Evidencia revisada").fill("Informes y publicaciones reportados")
        page.get_by_role("button", name="Guardar la evaluación").click()
        expect(page.get_by_text("Evaluación guardada.")).to_be_visible()
    expect(page.get_by_text("Todas las acciones están evaluadas.")).to_be_visible()
    revisar_accesibilidad(page)
    page.get_by_role("button", name="Cerrar la evaluación").click()
    page.get_by_role("dialog", name="Cerrar la evaluación").get_by_role("button", name=re.compile("Confirmar")).click()
    expect(page.locator("#estado-corte")).to_contain_text("Evaluación cerrada")
    page.get_by_label("Formato").select_option("pdf")
    page.get_by_role("button", name="Generar el informe").click()
    expect(page.get_by_text("El reporte está listo.")).to_be_visible()
    expect(page.locator("#estado-corte")).to_contain_text("Evaluación cerrada")  # still on the cut-off's own page
    revisar_accesibilidad(page)
    with page.expect_download() as descarga:
        page.get_by_role("link", name="Descargar PDF").click()
    ruta = tmp_path / "informe.pdf"
    descarga.value.save_as(ruta)
    assert ruta.read_bytes().startswith(b"%PDF")
    corte = Corte.objects.get(nombre="Seguimiento con corte a hoy")
    page.goto(page.base + corte.get_absolute_url())
    page.get_by_role("button", name="Publicar el informe").click()
    page.get_by_role("dialog", name="Publicar el informe").get_by_role("button", name=re.compile("Confirmar")).click()
    expect(page.locator("#estado-corte")).to_contain_text("Informe publicado")
    revisar_accesibilidad(page)
    _salir(page)

    # The citizen finds it, with its publication date, and downloads it without an account.
    page.goto(page.base + "/transparencia/rendicion/seguimiento/")
    expect(page.locator("#tabla-informes")).to_contain_text(timezone.localdate().strftime("%d/%m/%Y"))
    revisar_accesibilidad(page)
    page.get_by_role("link", name=re.compile("Seguimiento .*: Seguimiento con corte a hoy")).click()
    expect(page.locator("#publicado-el")).to_have_text(timezone.localdate().strftime("%d/%m/%Y"))
    revisar_accesibilidad(page)
    respuesta = page.request.get(page.base + f"/transparencia/rendicion/seguimiento/{corte.pk}/informe.pdf")
    assert respuesta.status == 200
    assert respuesta.body().startswith(b"%PDF")


@pytest.mark.parametrize(("ancho", "alto", "escala"), [(390, 844, 1), (640, 450, 2)], ids=["telefono", "zoom-200"])
def test_las_paginas_publicas_caben_en_un_telefono_y_al_200(
    navegador, usuarios, dependencias, settings, tmp_path, ancho, alto, escala
):
    settings.MEDIA_ROOT = tmp_path
    escenario = Escenario(usuarios, dependencias)
    services.pregunta_aceptar(pregunta=escenario.pregunta, usuario=usuarios["profesional"])
    corte = corte_evaluado(escenario.estrategia, usuarios["control"], resultado="parcial")
    informe_listo(corte, usuarios["control"])
    services.corte_publicar(corte=corte, usuario=usuarios["control"])
    realizado = EspacioFactory(
        estrategia=escenario.estrategia, dependencia=dependencias["ocri"], estado=EspacioDialogo.Estado.REALIZADO,
        fecha=timezone.now() - timedelta(days=2), asistentes=80, conclusiones="Compromisos del espacio.",
    )  # fmt: skip
    ItemEncuesta.objects.create(espacio=realizado, pregunta="La información fue clara", excelente=30, bueno=12)
    MetricaDefinida.objects.create(
        estrategia=escenario.estrategia, accion=escenario.accion, red="youtube", metrica="Total de suscriptores"
    ).registros.create(mes=date(escenario.estrategia.anio, 1, 1), valor=21_480, registrado_por=usuarios["admin"])
    page = navegador
    page.set_viewport_size({"width": ancho, "height": alto})
    rutas = [
        "/transparencia/",
        "/transparencia/rendicion/",
        escenario.estrategia.get_public_url(),
        "/transparencia/rendicion/espacios/",
        escenario.espacio.get_public_url(),
        "/transparencia/rendicion/respuestas/",
        "/transparencia/rendicion/seguimiento/",
        corte.get_public_url(),
        realizado.get_public_url(),
        "/transparencia/datos/",
    ]
    for ruta in rutas:
        page.goto(page.base + ruta)
        desborde = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert desborde <= 0, f"{ruta} es {desborde} px más ancha que la pantalla de {ancho} px"
        revisar_accesibilidad(page)
    assert escala in (1, 2)
