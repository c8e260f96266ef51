"""Journey of one action plan through DE-PD-01, through the real forms: Planeación opens the year, a Profesional
drafts the plan and sends it, Planeación returns it with an observation (a control point of activity 12 fails),
it is corrected and approved, a quarter is reported with its justification, and the quarterly report downloads."""

import re
import subprocess

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from conftest import CONTRASENA
from planes.models import AvanceActividad, Plan
from tests.factories_planes import asegurar_datos_de_planes, pei
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
    navegador.get_by_role("link", name="Agregar estrategia 1").click()
    revisar_accesibilidad(navegador)
    navegador.get_by_label("Código").fill("1.1")
    navegador.get_by_label("Estrategia o iniciativa").fill("Acompañar a las direcciones territoriales.")
    navegador.get_by_role("button", name=re.compile("^Agregar")).click()
    expect(navegador.get_by_text("Estrategia agregada.")).to_be_visible()
    navegador.get_by_role("link", name="Agregar actividad 1.1").click()
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
    navegador.get_by_role("button", name="Guardar cambios").click()
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
