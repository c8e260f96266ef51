"""Journey of one action plan through DE-PD-01, through the real forms: Planeación opens the year, a Profesional
drafts the plan and sends it, Planeación returns it with an observation (a control point of activity 12 fails),
it is corrected and approved, a quarter is reported with its justification, and the quarterly report downloads."""

import csv
import io
import re
import subprocess

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from conftest import CONTRASENA
from cooperacion.core.documentos_demo import pdf_simple
from planes import services
from planes.models import AvanceActividad, Plan
from tests.carreras_planes import pes_en_concertacion
from tests.factories_planes import (
    ANIO,
    asegurar_datos_de_planes,
    pei,
    plan_de_accion,
    reportar_trimestre,
    seguimiento,
)
from tests.navegador.conftest import ingresar, revisar_accesibilidad

pytestmark = pytest.mark.navegador

OCRI = "Oficina de Cooperación y Relaciones Internacionales"


def _como(navegador, usuario):
    navegador.context.clear_cookies()
    ingresar(navegador, usuario, CONTRASENA)


def _campo(navegador, etiqueta):
    """A field by its whole label (crispy marks the required ones with an asterisk)."""
    return navegador.get_by_label(re.compile(rf"^\s*{re.escape(etiqueta)}\s*\*?\s*$"))


def _abrir_plan(navegador, nombre):
    navegador.goto(navegador.base + "/planes/")
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name=nombre).first.click()
    expect(navegador.get_by_role("heading", name=nombre, level=1)).to_be_visible()
    revisar_accesibilidad(navegador)


def _transicion(navegador, boton, *, motivo="", mensaje):
    navegador.get_by_role("button", name=re.compile(boton)).first.click()
    dialogo = navegador.get_by_role("dialog")
    expect(dialogo).to_be_visible()
    if motivo:
        dialogo.get_by_label(re.compile("^Motivo")).fill(motivo)
    revisar_accesibilidad(navegador)
    dialogo.get_by_role("button", name=re.compile("^Confirmar")).click()
    expect(navegador.get_by_text(mensaje)).to_be_visible()
    revisar_accesibilidad(navegador)


def _generar(navegador, titulo, periodo, formato, destino):
    navegador.goto(navegador.base + "/reportes/")
    revisar_accesibilidad(navegador)
    tarjeta = navegador.locator("form.card").filter(has=navegador.get_by_role("heading", name=re.compile(titulo)))
    tarjeta.get_by_label("Periodo").select_option(periodo)
    tarjeta.get_by_label("Formato").select_option(label=formato)
    tarjeta.get_by_role("button", name="Generar").click()
    expect(navegador.get_by_text("El reporte está listo.")).to_be_visible(timeout=60_000)
    revisar_accesibilidad(navegador)
    with navegador.expect_download() as descarga:
        navegador.get_by_role("link", name=f"Descargar {formato}").click()
    descarga.value.save_as(destino)
    return destino


def test_un_plan_de_accion_de_la_apertura_al_informe_trimestral(navegador, usuarios, dependencias, tmp_path):
    asegurar_datos_de_planes()
    anio = timezone.localdate().year  # its first quarter is over: it can be reported
    superior = pei(usuarios, dependencias, anio)
    nombre_plan = f"Plan de Acción {anio} – {OCRI}"

    # Activities 7-9: Planeación opens the year with its schedule and asks OCRI for its action plan.
    _como(navegador, "planeacion")
    navegador.goto(navegador.base + "/planes/")
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Abrir la formulación del año").click()
    revisar_accesibilidad(navegador)
    _campo(navegador, "Vigencia (año)").fill(str(anio))
    navegador.get_by_label("Lineamientos", exact=False).fill("Incluir los compromisos del PEI y de la cooperación.")
    navegador.get_by_label("Formulación hasta").fill(f"{anio - 1}-11-30")
    navegador.get_by_label("Cargue y envío hasta").fill(f"{anio - 1}-12-15")
    navegador.get_by_label("Verificación y aprobación hasta").fill(f"{anio}-01-20")
    navegador.get_by_label("Publicación hasta").fill(f"{anio}-02-15")
    navegador.get_by_label("Plan estratégico institucional").select_option(str(superior.pk))
    navegador.get_by_label(OCRI).check()
    navegador.get_by_role("button", name="Abrir la formulación y solicitar los planes").click()
    expect(navegador.get_by_text(f"a más tardar el 31 de enero de {anio}")).to_be_visible()  # Decreto 612 de 2018
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Publicación hasta").fill(f"{anio}-01-31")
    navegador.get_by_role("button", name="Abrir la formulación y solicitar los planes").click()
    expect(
        navegador.get_by_text(f"Formulación {anio} abierta: 1 dependencias recibieron la solicitud.")
    ).to_be_visible()
    expect(navegador.get_by_role("link", name=OCRI)).to_be_visible()
    revisar_accesibilidad(navegador)

    # Activity 10: the Profesional drafts the plan: an objective aligned with the PEI, a strategy, an activity with
    # its indicator (weight 60 %: the weights will not add up to 100 %) and its quarterly programming; then sends it.
    _como(navegador, "profesional")
    _abrir_plan(navegador, nombre_plan)
    navegador.get_by_role("link", name="Agregar un objetivo").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Código").fill("1")
    _campo(navegador, "Objetivo").fill("Fortalecer la cooperación internacional del sector trabajo.")
    navegador.get_by_label("Objetivo del plan superior").select_option(index=1)
    navegador.get_by_role("button", name=re.compile("^Agregar")).click()
    expect(navegador.get_by_text("Objetivo agregado.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Agregar una estrategia 1").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Código").fill("1.1")
    navegador.get_by_label("Estrategia o iniciativa").fill("Acompañar a las direcciones territoriales.")
    navegador.get_by_role("button", name=re.compile("^Agregar")).click()
    expect(navegador.get_by_text("Estrategia agregada.")).to_be_visible()
    navegador.get_by_role("link", name="Agregar una actividad 1.1").click()
    revisar_accesibilidad(navegador)
    _campo(navegador, "Actividad").fill("Realizar talleres de cooperación con las territoriales.")
    navegador.get_by_label("Producto o entregable").fill("Memorias y listas de asistencia de los talleres")
    navegador.get_by_label("Peso (%)").fill("60")
    navegador.get_by_label("Presupuesto (COP)").fill("12.000.000")
    _campo(navegador, "Responsable").select_option(str(usuarios["profesional"].pk))
    navegador.get_by_label("Nombre del indicador").fill("Talleres de cooperación realizados")
    navegador.get_by_label("Fórmula de cálculo").fill("Número de talleres realizados")
    navegador.get_by_label("Variable (o numerador)").fill("Talleres realizados")
    navegador.get_by_label("Unidad de medida").fill("talleres")
    navegador.get_by_label("Fuente de información").fill("Listas de asistencia de la oficina")
    navegador.get_by_role("button", name="Agregar la actividad").click()
    expect(navegador.get_by_text("Actividad agregada con su indicador.")).to_be_visible()
    revisar_accesibilidad(navegador)
    for trimestre in (1, 2, 3, 4):
        navegador.get_by_label(f"{anio} · T{trimestre}").fill("3")
    navegador.get_by_role("button", name="Guardar la programación").click()
    expect(navegador.get_by_text("Programación guardada.")).to_be_visible()
    revisar_accesibilidad(navegador)
    _transicion(navegador, "Enviar a verificación", mensaje="Acción «Enviar a verificación» realizada.")

    # Activity 12: Planeación sees the failed control point computed from the data, cannot approve, and returns it.
    _como(navegador, "planeacion")
    _abrir_plan(navegador, nombre_plan)
    puntos = navegador.get_by_role("region", name=re.compile("Puntos de control"))
    expect(puntos).to_contain_text("1 punto de control no se cumple")
    expect(puntos).to_contain_text("60")
    navegador.get_by_role("button", name=re.compile("Verificar y aprobar")).first.click()
    navegador.get_by_role("dialog").get_by_role("button", name=re.compile("^Confirmar")).click()
    expect(navegador.get_by_role("alert").filter(has_text="100")).to_be_visible()
    revisar_accesibilidad(navegador)
    _transicion(
        navegador,
        "Devolver con observaciones",
        motivo="Los pesos de las actividades deben sumar 100 %.",
        mensaje="Acción «Devolver con observaciones» realizada.",
    )
    expect(navegador.locator("#tabla-rondas")).to_contain_text("Los pesos de las actividades deben sumar 100 %.")

    # Activity 10 again: the Profesional reads the observation, corrects the weight and sends the plan again.
    _como(navegador, "profesional")
    _abrir_plan(navegador, nombre_plan)
    expect(navegador.locator("#tabla-rondas")).to_contain_text("Los pesos de las actividades deben sumar 100 %.")
    navegador.get_by_role("link", name="Editar 1.1.1").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Peso (%)").fill("100")
    navegador.get_by_role("button", name="Guardar los cambios").click()
    expect(navegador.get_by_text("Actividad actualizada.")).to_be_visible()
    _transicion(navegador, "Enviar a verificación", mensaje="Acción «Enviar a verificación» realizada.")

    # Planeación verifies and approves: the quarters of follow-up open.
    _como(navegador, "planeacion")
    _abrir_plan(navegador, nombre_plan)
    expect(navegador.get_by_text("Todos los puntos de control se cumplen.")).to_be_visible()
    _transicion(navegador, "Verificar y aprobar", mensaje="Acción «Verificar y aprobar» realizada.")
    plan = Plan.objects.get(nombre=nombre_plan)
    assert plan.estado == Plan.Estado.APROBADO
    assert list(plan.rondas.order_by("numero").values_list("resultado", flat=True)) == ["devuelto", "aprobado"]

    # Activity 16: the Profesional reports the first quarter below what was programmed: the justification is asked
    # for, given, and the quarter goes to Planeación.
    _como(navegador, "profesional")
    navegador.goto(navegador.base + "/planes/seguimiento/")
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name=re.compile(f"{anio}-T1")).first.click()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Reportar 1.1.1").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label(re.compile(r"^\s*Avance cuantitativo")).fill("2")
    navegador.get_by_label("Avance cualitativo").fill("Se realizaron dos talleres; el de Cauca se aplazó.")
    navegador.get_by_label("Presupuesto ejecutado en el trimestre (COP)").fill("2.000.000")
    navegador.get_by_role("button", name=re.compile("^Guardar")).click()
    expect(navegador.get_by_text("está por debajo de la meta: escriba la justificación")).to_be_visible()
    revisar_accesibilidad(navegador)
    justificacion = "El taller de Cauca se aplazó por el paro regional; se hará en el segundo trimestre."
    navegador.get_by_label("Justificación del incumplimiento").fill(justificacion)
    navegador.get_by_role("button", name=re.compile("^Guardar")).click()
    expect(navegador.locator("#titulo-avances")).to_be_visible()
    expect(navegador.get_by_text(justificacion)).to_be_visible()
    revisar_accesibilidad(navegador)
    _transicion(navegador, "Enviar a Planeación", mensaje="Acción «Enviar a Planeación» realizada.")
    avance = AvanceActividad.objects.get(actividad__plan=plan, seguimiento__trimestre=1)
    assert avance.justificacion == justificacion

    # Activity 17: Planeación generates the quarterly follow-up report and downloads it (PDF and Excel).
    _como(navegador, "planeacion")
    pdf = _generar(navegador, "Informe de seguimiento a planes", f"{anio}-T1", "PDF", tmp_path / "informe.pdf")
    texto = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "DE-PD-01" in texto
    assert "66,7 %" in texto  # 2 talleres of the 3 programmed
    assert justificacion in texto
    excel = _generar(navegador, "Informe de seguimiento a planes", f"{anio}-T1", "Excel", tmp_path / "informe.xlsx")
    bajo = list(load_workbook(excel)["Bajo la meta"].iter_rows(min_row=2, values_only=True))
    assert [(f[0], f[2], f[6]) for f in bajo] == [("OCRI", "1.1.1", justificacion)]

    # Activity 18: Control Interno was notified with the link and downloads the remitted report.
    _como(navegador, "control")
    navegador.goto(navegador.base + "/notificaciones/")
    expect(navegador.get_by_text(re.compile(f"Informe de seguimiento.*{anio}-T1")).first).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.goto(navegador.base + "/planes/informes/")
    revisar_accesibilidad(navegador)
    with navegador.expect_download() as descarga:
        navegador.get_by_role("link", name=re.compile("^Descargar")).first.click()
    assert descarga.value.suggested_filename.endswith((".pdf", ".xlsx"))


def test_un_trimestre_se_revisa_se_cierra_y_un_ajuste_lo_reabre(navegador, usuarios, dependencias):
    """Planeación sets the cut-off calendar, returns an item, reviews and diagnoses the quarter; Control Interno
    records an observation; the closed quarter refuses edits and says why; the Jefe asks for an adjustment that
    reopens it, Planeación finds the causes pertinent and approves it: the plan shows its old and new values."""
    asegurar_datos_de_planes()
    plan = plan_de_accion(usuarios, dependencias, ANIO)
    reportar_trimestre(plan, 1, usuarios["profesional"], {"1.1.1": 3, "1.1.2": 3})
    services.seguimiento_enviar(seguimiento=seguimiento(plan, 1), usuario=usuarios["profesional"])
    periodo = f"{ANIO}-T1"

    # The cut-off calendar and the follow-up deadlines, set by Planeación in the browser.
    _como(navegador, "planeacion")
    navegador.goto(navegador.base + f"/planes/calendario/{ANIO}/")
    revisar_accesibilidad(navegador)
    fechas = {1: (4, 10, 4, 20), 2: (7, 10, 7, 20), 3: (10, 10, 10, 20)}
    for t, (mes_r, dia_r, mes_v, dia_v) in fechas.items():
        navegador.get_by_label(f"Las dependencias reportan hasta (T{t})").fill(f"{ANIO}-{mes_r:02d}-{dia_r:02d}")
        navegador.get_by_label(f"Planeación revisa hasta (T{t})").fill(f"{ANIO}-{mes_v:02d}-{dia_v:02d}")
    navegador.get_by_label("Las dependencias reportan hasta (T4)").fill(f"{ANIO + 1}-01-20")
    navegador.get_by_label("Planeación revisa hasta (T4)").fill(f"{ANIO + 1}-01-15")
    navegador.get_by_role("button", name=re.compile("^Guardar")).click()
    expect(navegador.get_by_text("T4: Planeación revisa después de que las dependencias reportan.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Planeación revisa hasta (T4)").fill(f"{ANIO + 1}-01-30")
    navegador.get_by_role("button", name=re.compile("^Guardar")).click()
    expect(navegador.get_by_text(f"Calendario {ANIO} guardado")).to_be_visible()
    revisar_accesibilidad(navegador)

    # Planeación returns one item with its observation and the quarter to the dependencia.
    navegador.goto(navegador.base + "/planes/seguimiento/")
    navegador.get_by_role("link", name=periodo).first.click()
    expect(navegador.get_by_text(f"reportan hasta 10/04/{ANIO}")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Devolver el ítem 1.1.1").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Observación para la dependencia").fill("Adjunte las listas de asistencia del taller.")
    navegador.get_by_role("button", name="Devolver el ítem").click()
    expect(navegador.get_by_text("Ítem devuelto.")).to_be_visible()
    _transicion(
        navegador,
        "Devolver a la dependencia",
        motivo="Corrija el ítem 1.1.1.",
        mensaje="Acción «Devolver a la dependencia» realizada.",
    )

    # The dependencia corrects the returned item and sends the quarter again.
    _como(navegador, "profesional")
    navegador.goto(navegador.base + seguimiento(plan, 1).get_absolute_url())
    expect(navegador.get_by_text("Adjunte las listas de asistencia del taller.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Corregir 1.1.1").click()
    navegador.get_by_label("Avance cualitativo").fill("Tres talleres; las listas de asistencia están en la evidencia.")
    navegador.get_by_role("button", name="Guardar el avance").click()
    expect(navegador.get_by_text("Avance guardado.")).to_be_visible()
    _transicion(navegador, "Enviar a Planeación", mensaje="Acción «Enviar a Planeación» realizada.")

    # Planeación reviews it and writes the diagnostic table.
    _como(navegador, "planeacion")
    navegador.goto(navegador.base + seguimiento(plan, 1).get_absolute_url())
    _transicion(navegador, "Marcar como revisado", mensaje="Acción «Marcar como revisado» realizada.")
    navegador.get_by_role("link", name="Cuadro diagnóstico").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Diagnóstico del trimestre").fill("La oficina cumplió lo programado en el trimestre.")
    navegador.get_by_role("button", name="Guardar el diagnóstico").click()
    expect(navegador.get_by_text("Diagnóstico guardado.")).to_be_visible()
    revisar_accesibilidad(navegador)

    # Control Interno records its observation.
    _como(navegador, "control")
    navegador.goto(navegador.base + seguimiento(plan, 1).get_absolute_url())
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Registrar una observación").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Observación de Control Interno").fill("Verificar la custodia de las evidencias.")
    navegador.get_by_role("button", name="Registrar la observación").click()
    expect(navegador.get_by_text("Observación registrada")).to_be_visible()
    expect(navegador.get_by_text("Verificar la custodia de las evidencias.")).to_be_visible()

    # The diagnostic table of the quarter, and the quarterly report on screen, as Control Interno reads them.
    navegador.goto(navegador.base + f"/planes/diagnostico/?periodo={periodo}")
    expect(navegador.get_by_text("La oficina cumplió lo programado en el trimestre.")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.goto(navegador.base + f"/reportes/ver/seguimiento_planes/?periodo={periodo}")
    expect(navegador.get_by_text("Verificar la custodia de las evidencias.")).to_be_visible()
    revisar_accesibilidad(navegador)

    # Planeación closes the quarter; the dependencia can no longer edit it and reads why.
    _como(navegador, "planeacion")
    navegador.goto(navegador.base + seguimiento(plan, 1).get_absolute_url())
    _transicion(navegador, "Cerrar el trimestre", mensaje="Acción «Cerrar el trimestre» realizada.")
    _como(navegador, "profesional")
    navegador.goto(navegador.base + seguimiento(plan, 1).get_absolute_url())
    expect(navegador.locator("#motivo-cerrado")).to_contain_text("ajuste")
    expect(navegador.get_by_role("link", name="Corregir 1.1.1")).to_have_count(0)
    revisar_accesibilidad(navegador)
    avance = AvanceActividad.objects.get(seguimiento=seguimiento(plan, 1), actividad__codigo="1.1.1")
    navegador.goto(navegador.base + f"/planes/seguimiento/avances/{avance.pk}/")
    expect(navegador.get_by_text("cerrado", exact=False).first).to_be_visible()
    expect(navegador.get_by_role("button", name="Guardar el avance")).to_have_count(0)
    revisar_accesibilidad(navegador)

    # Activities 20-24: the Jefe asks for an adjustment that reopens T1 and changes a target.
    _como(navegador, "jefe")
    _abrir_plan(navegador, plan.nombre)
    navegador.get_by_role("link", name="Solicitar un ajuste").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Causa del ajuste").fill("El cooperante aplazó el segundo taller; se reprograma la meta.")
    navegador.get_by_label("Reabrir el seguimiento de un trimestre cerrado").select_option("1")
    cambio = navegador.get_by_role("group", name="Cambio 1")
    cambio.get_by_label("Actividad").select_option(str(plan.actividades.get(codigo="1.1.2").pk))
    cambio.get_by_label("Qué cambia").select_option(label="Meta T2")
    cambio.get_by_label("Año (metas)").select_option(str(ANIO))
    cambio.get_by_label("Valor nuevo").fill("2")
    navegador.get_by_role("button", name="Enviar la solicitud").click()
    expect(navegador.get_by_text("Solicitud enviada a la Oficina Asesora de Planeación.")).to_be_visible()
    revisar_accesibilidad(navegador)

    _como(navegador, "planeacion")
    _abrir_plan(navegador, plan.nombre)
    navegador.locator("#ajustes a").first.click()
    revisar_accesibilidad(navegador)
    _transicion(
        navegador,
        "Causas pertinentes",
        motivo="La causa es externa y no afecta el objetivo.",
        mensaje="Acción «Causas pertinentes: pasar a aprobación» realizada.",
    )
    navegador.get_by_role("link", name="Registrar la aprobación").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Acta", exact=True).fill("OAP-07")
    navegador.get_by_role("button", name="Aprobar y versionar el plan").click()
    expect(navegador.get_by_text("Ajuste aprobado")).to_be_visible()
    revisar_accesibilidad(navegador)

    # The plan shows its new version with the old and the new value; T1 is open again for the dependencia.
    _abrir_plan(navegador, plan.nombre)
    expect(navegador.locator("#version-plan")).to_have_text("Versión 2")
    expect(navegador.locator(".cambios-ajuste")).to_contain_text("Meta T2")
    expect(navegador.locator(".cambios-ajuste del")).to_have_text("3")
    expect(navegador.locator(".cambios-ajuste ins")).to_have_text("2")
    _como(navegador, "profesional")
    navegador.goto(navegador.base + seguimiento(plan, 1).get_absolute_url())
    expect(navegador.get_by_role("link", name="Corregir 1.1.1")).to_be_visible()
    revisar_accesibilidad(navegador)


def test_consolidar_presentar_y_publicar_en_transparencia(navegador, usuarios, dependencias, tmp_path):
    """Activities 1-6 and 13-15: the sectorial plan approved by its committee and published; the year's action plans
    consolidated, presented and published; an anonymous citizen finds both, with their publication dates."""
    plan = plan_de_accion(usuarios, dependencias, ANIO)
    pes = pes_en_concertacion(usuarios, dependencias)
    acta = tmp_path / "acta.pdf"
    acta.write_bytes(pdf_simple("Acta", ["Sesión del comité"]))
    hoy = timezone.localdate().strftime("%d/%m/%Y")

    _como(navegador, "planeacion")
    _abrir_plan(navegador, pes.nombre)
    navegador.get_by_role("link", name="Registrar la aprobación del comité").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Número del acta").fill("02")
    navegador.get_by_label("Fecha de la sesión").fill(f"{ANIO - 1}-02-10")
    navegador.get_by_label("Acta (archivo)").set_input_files(acta)
    navegador.get_by_role("button", name=re.compile("^Registrar")).click()
    expect(navegador.locator(".alert-success").first).to_be_visible()
    revisar_accesibilidad(navegador)
    _transicion(navegador, "^Publicar$", mensaje="Acción «Publicar» realizada.")

    navegador.goto(navegador.base + plan.vigencia.get_absolute_url())
    revisar_accesibilidad(navegador)
    _transicion(navegador, "Consolidar los planes", mensaje="Acción «Consolidar los planes» realizada.")
    navegador.get_by_role("link", name="Ver el plan consolidado").click()
    expect(navegador.get_by_text("Realizar talleres de cooperación internacional (1.1.1)")).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.go_back()
    navegador.get_by_role("link", name="Registrar la presentación al comité").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Número del acta").fill("4")
    navegador.get_by_label("Acta (archivo)").set_input_files(acta)
    navegador.get_by_role("button", name="Registrar la sesión").click()
    expect(navegador.get_by_text("Presentación registrada. Ya se puede publicar.")).to_be_visible()
    _transicion(
        navegador,
        "Publicar el Plan de Acción Institucional",
        mensaje="Acción «Publicar el Plan de Acción Institucional» realizada.",
    )

    # A citizen, without logging in.
    navegador.context.clear_cookies()
    navegador.goto(navegador.base + "/transparencia/")
    revisar_accesibilidad(navegador)
    navegador.goto(navegador.base + "/transparencia/planes/")
    revisar_accesibilidad(navegador)
    expect(navegador.locator("#vigencias-publicadas")).to_contain_text(hoy)
    expect(navegador.get_by_role("link", name=pes.nombre)).to_be_visible()
    expect(navegador.get_by_role("link", name=plan.nombre)).to_be_visible()
    navegador.get_by_role("link", name=plan.nombre).click()
    expect(navegador.get_by_role("heading", name=plan.nombre, level=1)).to_be_visible()
    expect(navegador.get_by_text(hoy).first).to_be_visible()
    revisar_accesibilidad(navegador)
    navegador.goto(navegador.base + "/transparencia/datos/")
    revisar_accesibilidad(navegador)
    with navegador.expect_download() as descarga:
        navegador.locator('a[href$="/datos/planes.csv"]').click()
    destino = tmp_path / "planes.csv"
    descarga.value.save_as(destino)
    filas = list(csv.DictReader(io.StringIO(destino.read_text(encoding="utf-8-sig"))))
    assert {f["plan"] for f in filas} == {pes.nombre, plan.nombre}
    assert {f["codigo_actividad"] for f in filas if f["plan"] == plan.nombre} == {"1.1.1", "1.1.2"}


def test_la_hoja_de_vida_de_un_indicador_sus_metas_y_mediciones(navegador, usuarios, tmp_path):
    """A Profesional creates an indicator sheet (a ratio), sets its quarterly targets, reports two quarters with an
    evidence file, then corrects the first: the accumulated result of the second quarter follows (Σ/Σ)."""
    asegurar_datos_de_planes()
    anio = timezone.localdate().year
    evidencia = tmp_path / "evidencia.pdf"
    evidencia.write_bytes(pdf_simple("Evidencia", ["Respuestas enviadas"]))

    _como(navegador, "profesional")
    navegador.goto(navegador.base + "/indicadores/")
    revisar_accesibilidad(navegador)
    navegador.get_by_role("link", name="Nuevo indicador").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Nombre del indicador").fill("Solicitudes de cooperación respondidas a tiempo")
    navegador.get_by_label("Objetivo del indicador").fill("Medir la oportunidad de la respuesta a los cooperantes.")
    navegador.get_by_label("Fórmula de cálculo").fill("Respondidas a tiempo / recibidas × 100")
    navegador.get_by_label("Variable (numerador)").fill("Solicitudes respondidas a tiempo")
    navegador.get_by_label("Variable del denominador").fill("Solicitudes recibidas")
    navegador.get_by_label("Unidad de medida").fill("%")
    _campo(navegador, "Medida").select_option(label="Porcentaje")
    navegador.get_by_label("Fuente de información").fill("Sistema de gestión documental")
    navegador.get_by_role("button", name="Crear el indicador").click()
    expect(navegador.get_by_role("heading", name=re.compile("Solicitudes de cooperación respondidas"))).to_be_visible()
    revisar_accesibilidad(navegador)

    navegador.get_by_role("link", name=f"Metas {anio}").click()
    revisar_accesibilidad(navegador)
    for t in (1, 2, 3, 4):
        _campo(navegador, f"Meta T{t}").fill("90")
    navegador.get_by_role("button", name="Guardar las metas").click()
    expect(navegador.get_by_text("Metas guardadas.")).to_be_visible()

    def medir(trimestre, numerador, denominador, *, archivo=None):
        navegador.get_by_role("link", name=re.compile(rf"^(Reportar|Corregir) T{trimestre}$")).click()
        revisar_accesibilidad(navegador)
        _campo(navegador, "Solicitudes respondidas a tiempo").fill(numerador)
        _campo(navegador, "Solicitudes recibidas").fill(denominador)
        navegador.get_by_label("Análisis cualitativo").fill(f"Respuestas del T{trimestre}.")
        if archivo:
            navegador.get_by_label("Evidencia").set_input_files(archivo)
        navegador.get_by_role("button", name="Guardar la medición").click()
        expect(navegador.get_by_text("Medición guardada")).to_be_visible()
        revisar_accesibilidad(navegador)

    medir(1, "45", "50", archivo=evidencia)  # 90 % of 90 %: 100 %
    medir(2, "30", "50")  # accumulated (45 + 30) / (50 + 50) = 75 %: 83,3 % of 90 %
    expect(navegador.locator("#trimestre-2")).to_contain_text("En riesgo · 83,3 %")
    medir(1, "50", "50")  # the earlier quarter corrected: (50 + 30) / 100 = 80 %: 88,9 %
    expect(navegador.locator("#trimestre-2")).to_contain_text("En riesgo · 88,9 %")
    expect(navegador.locator("#trimestre-1")).to_contain_text("Cumple · 111,1 %")  # 100 % of 90 %
    expect(navegador.get_by_role("img", name=re.compile("Semáforo del cumplimiento acumulado"))).to_be_visible()
    with navegador.expect_download() as descarga:
        navegador.get_by_role("link", name="Descargar la evidencia T1").click()
    assert descarga.value.suggested_filename.endswith(".pdf")
