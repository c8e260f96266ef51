"""The official format in PDF: every activity of both seeds, the header block with "Página X de Y" on every page."""

import re
import subprocess

import pytest
from django.urls import reverse

from cooperacion.core.models import ReporteGenerado
from procesos.demo import cargar_demo, leer_semilla


def texto_pdf(ruta, *opciones) -> str:
    return subprocess.run(["pdftotext", *opciones, str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def normalizar(texto: str) -> str:
    return re.sub(r"-\s+", "-", " ".join(texto.split()))


@pytest.fixture
def demo(usuarios, dependencias):
    return cargar_demo(usuarios=usuarios, dependencias={d.codigo: d for d in dependencias.values()})


def pdf_desde_la_pagina(cliente, c, capturar):
    with capturar(execute=True):
        respuesta = cliente.post(reverse("procesos:pdf", args=[c.pk]))
    # The PDF is followed on the characterization's own page, anchored at its progress.
    pagina, _almohadilla, ancla = respuesta["Location"].partition("#documento-")
    assert pagina == c.get_absolute_url()
    generado = ReporteGenerado.objects.get(pk=int(ancla))
    assert generado.estado == ReporteGenerado.Estado.LISTO, generado.error
    return generado.archivo.path


def test_el_pdf_de_pr_cri_tiene_todas_sus_actividades_y_encabezado_en_cada_pagina(
    demo, cliente_de, django_capture_on_commit_callbacks
):
    ruta = pdf_desde_la_pagina(cliente_de("profesional2"), demo["pr_cri"], django_capture_on_commit_callbacks)
    texto = normalizar(texto_pdf(ruta, "-raw"))
    semilla = leer_semilla("pr_cri.json")
    for fila in semilla["phva_rows"]:
        for actividad in fila["actividades"]:
            assert normalizar(actividad) in texto
    for documento in semilla["documentos_del_proceso"]:
        assert documento["codigo"] in texto
    assert "CRI-01" in texto
    paginas = [p for p in texto_pdf(ruta, "-layout").split("\f") if p.strip()]
    assert "Página 1 de" in paginas[0]
    for numero, pagina in enumerate(paginas, start=1):
        assert "CARACTERIZACIÓN DE PROCESO" in pagina
        assert "Código: PR-CRI" in pagina
        assert "Versión: 5.0" in pagina
        assert "Fecha: 23/11/2022" in pagina
        assert f"Página {numero} de {len(paginas)}" in pagina
    assert "FUENTES DE" in paginas[1] or "ENTRADAS" in paginas[1]  # PHVA header repeated


def test_el_pdf_de_bogota_tiene_actividades_aprobacion_y_control_de_cambios(
    demo, cliente_de, django_capture_on_commit_callbacks
):
    ruta = pdf_desde_la_pagina(cliente_de("jefe"), demo["bogota"], django_capture_on_commit_callbacks)
    texto = normalizar(texto_pdf(ruta, "-raw"))
    semilla = leer_semilla("bogota_4212000_cr_040.json")
    for fila in semilla["phva_rows"]:
        assert normalizar(fila["actividad"]) in texto
    assert "Secretaría General de la Alcaldía Mayor de Bogotá D.C." in texto
    for paso in ("ELABORÓ", "REVISÓ", "APROBÓ"):
        assert paso in texto
    assert "Jefe Oficina—Consejería Distrital de Relaciones Internacionales (E)" in texto
    for cambio in semilla["control_de_cambios"]:
        assert normalizar(cambio["cambio"])[:80] in texto
    assert "Página 1 de" in texto_pdf(ruta, "-layout")
    info = subprocess.run(["pdfinfo", str(ruta)], capture_output=True, text=True, check=True).stdout
    assert "792 x 612" in info  # Letter, landscape
