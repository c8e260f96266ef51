"""The export engine: Excel streaming, PDF rendering and its sandbox, stored reports and the quarterly cut-off."""

import subprocess
import tracemalloc
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.template import engines
from django.urls import reverse
from openpyxl import load_workbook

from cooperacion.core import reportes, services, tasks
from cooperacion.core.models import CorteTrimestral, ReporteGenerado
from cooperacion.core.reportes import Columna, FetcherDeEstaticos, RecursoNoPermitido, Reporte
from tests.factories import ActorFactory


class ReporteSintetico(Reporte):
    codigo = "sintetico"
    titulo = "Reporte sintético"
    columnas = (
        Columna("Número", "entero", 10),
        Columna("Fecha", "fecha", 12),
        Columna("Monto", "decimal", 16),
        Columna("Descripción", ancho=40),
    )

    def __init__(self, n):
        self.n = n

    def puede_generar(self, usuario):
        return True

    def filas(self, parametros, usuario):
        for i in range(self.n):
            yield (i, date(2026, 1, 1 + i % 28), Decimal("1234.50") + i, f"Fila número {i} con algo de texto")


def estado_de_descarga(cliente, url) -> int:
    """GET a download and read it to the end, which closes its file (calling close() directly would also fire
    request_finished and close the test's database connection on PostgreSQL)."""
    respuesta = cliente.get(url)
    if respuesta.streaming:
        b"".join(respuesta.streaming_content)
    return respuesta.status_code


def texto_pdf(ruta) -> str:
    return subprocess.run(["pdftotext", "-layout", str(ruta), "-"], capture_output=True, text=True, check=True).stdout


class TestExcel:
    def test_cien_mil_filas_en_menos_de_80_mb(self, tmp_path):
        destino = tmp_path / "grande.xlsx"
        tracemalloc.start()
        try:
            escritas = reportes.escribir_xlsx(
                ReporteSintetico(100_000), ReporteSintetico(100_000).filas({}, None), destino
            )
            _actual, pico = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert escritas == 100_000
        assert pico < 80 * 1024 * 1024, f"pico de memoria {pico / 1024 / 1024:.1f} MB"
        libro = load_workbook(destino, read_only=True)
        assert sum(1 for _fila in libro.active.iter_rows(max_col=1, values_only=True)) == 100_001
        libro.close()

    def test_celdas_tipadas_encabezado_filtro_y_paneles(self, tmp_path):
        destino = tmp_path / "pequeno.xlsx"
        reportes.escribir_xlsx(ReporteSintetico(3), ReporteSintetico(3).filas({}, None), destino, titulo="Prueba: T/3")
        hoja = load_workbook(destino).active
        assert hoja.title == "Prueba- T-3"
        assert [c.value for c in hoja[1]] == ["Número", "Fecha", "Monto", "Descripción"]
        assert hoja["A1"].font.b
        assert hoja.freeze_panes == "A2"
        assert hoja.auto_filter.ref == "A1:D4"
        assert hoja.column_dimensions["D"].width == 40
        assert isinstance(hoja["B2"].value, datetime)
        assert hoja["B2"].number_format == "DD/MM/YYYY"
        assert hoja["C2"].value == 1234.5
        assert hoja["A3"].value == 1

    def test_los_enteros_se_ven_con_separador_de_miles_cuando_lo_necesitan(self, tmp_path):
        from openpyxl import Workbook

        destino = tmp_path / "enteros.xlsx"
        libro = Workbook(write_only=True)
        filas = [(5,), (-999,), (12345,), (-2500,), (None,), ("=1+1",)]
        reportes.escribir_hoja(libro, "Enteros", [Columna("Días", "entero")], filas)
        libro.save(destino)
        hoja = load_workbook(destino).active
        celdas = [hoja.cell(row=n, column=1) for n in range(2, 8)]
        assert [c.value for c in celdas] == [5, -999, 12345, -2500, None, "=1+1"]
        # Below a thousand General shows the same digits; from a thousand on, the thousands separator.
        assert [c.number_format for c in celdas[:4]] == ["General", "General", "#,##0", "#,##0"]
        assert celdas[5].data_type == "s"  # user text is never a formula


class TestPDF:
    def test_el_fetcher_rechaza_archivos_del_servidor_y_la_red(self):
        fetcher = FetcherDeEstaticos()
        for url in [
            "file:///etc/passwd",
            "http://127.0.0.1:8000/",
            "https://ejemplo.org/logo.png",
            "https://reportes.cooperacion.interno/static/../../../../etc/passwd",
            "https://reportes.cooperacion.interno/media/reportes/otro.pdf",
        ]:
            with pytest.raises(RecursoNoPermitido):
                fetcher.fetch(url)
        css = fetcher.fetch("https://reportes.cooperacion.interno/static/css/reporte.css")
        assert b"@page" in css.read()

    def test_una_plantilla_no_puede_incrustar_etc_passwd(self, tmp_path, settings):
        plantilla = engines["django"].from_string(
            '<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>'
            '<p>Hola</p><img src="file:///etc/passwd" alt="">'
            '<a rel="attachment" href="file:///etc/passwd">adjunto</a></body></html>'
        )
        destino = tmp_path / "intento.pdf"
        from weasyprint import HTML

        HTML(string=plantilla.render({}), base_url=reportes.ORIGEN_PDF, url_fetcher=FetcherDeEstaticos()).write_pdf(
            destino
        )
        contenido = destino.read_bytes()
        assert b"root:x:0:0" not in contenido
        assert "Hola" in texto_pdf(destino)

    def test_pdf_con_encabezado_paginas_y_encabezados_de_tabla_repetidos(self, usuarios, tmp_path):
        for i in range(120):
            ActorFactory(nombre=f"Cooperante {i:03d}")
        reporte = reportes.obtener("actores")
        contexto = services.contexto_de_reporte(reporte, {}, usuarios["planeacion"], para_pdf=True)
        destino = tmp_path / "actores.pdf"
        reportes.escribir_pdf(reporte.plantilla, contexto, destino)
        paginas = texto_pdf(destino).split("\f")
        assert len([p for p in paginas if p.strip()]) >= 3
        assert "Página 1 de" in paginas[0]
        for pagina in [p for p in paginas if p.strip()]:
            assert "ACTORES Y COOPERANTES" in pagina  # the @page header on every page
        assert "Tipo de actor" in paginas[1]  # the table header repeated
        fuentes = subprocess.run(["pdffonts", str(destino)], capture_output=True, text=True).stdout
        assert "DejaVu-Sans" in fuentes  # the font shipped in static/fuentes, embedded


class TestReportesGenerados:
    def test_solicitar_genera_el_archivo_y_lo_deja_listo(self, usuarios, django_capture_on_commit_callbacks):
        ActorFactory(nombre="Agencia Uno")
        with django_capture_on_commit_callbacks(execute=True):
            generado = services.reporte_solicitar(
                codigo="actores", formato="xlsx", datos={"q": "Uno"}, usuario=usuarios["profesional"]
            )
        generado.refresh_from_db()
        assert generado.estado == ReporteGenerado.Estado.LISTO
        assert generado.progreso == 100
        assert generado.duracion is not None
        hoja = load_workbook(generado.archivo.path).active
        assert [fila[0] for fila in hoja.iter_rows(min_row=2, values_only=True)] == ["Agencia Uno"]

    def test_una_falla_queda_registrada_sin_archivo_y_se_puede_reintentar(
        self, usuarios, monkeypatch, django_capture_on_commit_callbacks
    ):
        reporte = reportes.obtener("actores")

        def falla(*args, **kwargs):
            raise RuntimeError("disco lleno")

        with monkeypatch.context() as parche:
            parche.setattr(reporte, "filas", falla)
            with django_capture_on_commit_callbacks(execute=True):
                generado = services.reporte_solicitar(
                    codigo="actores", formato="xlsx", datos={}, usuario=usuarios["jefe"]
                )
            generado.refresh_from_db()
            assert generado.estado == ReporteGenerado.Estado.FALLIDO
            assert "disco lleno" in generado.error
            assert not generado.archivo
        with django_capture_on_commit_callbacks(execute=True):
            services.reporte_reintentar(generado=generado, usuario=usuarios["jefe"])
        generado.refresh_from_db()
        assert generado.estado == ReporteGenerado.Estado.LISTO
        assert generado.error == ""

    def test_parametros_invalidos_no_crean_nada(self, usuarios):
        with pytest.raises(services.ErrorDeDominio, match="AAAA-T#"):
            services.reporte_solicitar(
                codigo="plazos", formato="pdf", datos={"periodo": "2026-Q5"}, usuario=usuarios["planeacion"]
            )
        assert not ReporteGenerado.objects.exists()

    def test_profesional_no_genera_el_de_plazos(self, usuarios):
        with pytest.raises(services.ErrorDeDominio, match="permiso"):
            services.reporte_solicitar(codigo="plazos", formato="pdf", datos={}, usuario=usuarios["profesional"])

    def test_cada_quien_descarga_lo_suyo(self, cliente_de, usuarios, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            generado = services.reporte_solicitar(
                codigo="actores", formato="xlsx", datos={}, usuario=usuarios["profesional"]
            )
        url = reverse("core:reporte-descargar", args=[generado.pk])
        respuesta = cliente_de("profesional").get(url)
        assert respuesta.status_code == 200
        assert b"".join(respuesta.streaming_content).startswith(b"PK")  # an .xlsx is a zip
        assert respuesta["Content-Disposition"].startswith('attachment; filename="actores-y-cooperantes')
        assert estado_de_descarga(cliente_de("profesional2"), url) == 404
        assert estado_de_descarga(cliente_de("jefe"), url) == 404


class TestCorteTrimestral:
    def test_al_corte_se_generan_una_vez_los_trimestrales(
        self, usuarios, monkeypatch, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2026, 10, 1))
        with django_capture_on_commit_callbacks(execute=True):
            primeros = tasks.generar_reportes_trimestrales()
        with django_capture_on_commit_callbacks(execute=True):
            segundos = tasks.generar_reportes_trimestrales()
        assert len(primeros) == len([f for r in reportes.trimestrales() for f in r.formatos]) >= 2
        assert segundos == []
        generados = ReporteGenerado.objects.filter(automatico=True)
        assert set(generados.values_list("periodo", flat=True)) == {"2026-T3"}
        assert set(generados.values_list("estado", flat=True)) == {ReporteGenerado.Estado.LISTO}

    def test_un_corte_configurado_mas_tarde_espera_a_su_fecha(
        self, db, monkeypatch, django_capture_on_commit_callbacks
    ):
        CorteTrimestral.objects.create(anio=2026, trimestre=3, fecha_corte=date(2026, 10, 15))
        monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2026, 10, 1))
        assert tasks.generar_reportes_trimestrales() == []
        monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2026, 10, 15))
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.generar_reportes_trimestrales()

    def test_los_automaticos_los_ven_planeacion_y_control_no_el_profesional(
        self, cliente_de, db, usuarios, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            (generado, *_resto) = services.reportes_trimestrales_generar(periodo="2026-T3")
        url = reverse("core:reporte-descargar", args=[generado.pk])
        assert estado_de_descarga(cliente_de("planeacion"), url) == 200
        assert estado_de_descarga(cliente_de("control"), url) == 200
        assert estado_de_descarga(cliente_de("profesional"), url) == 404

    def test_el_corte_no_puede_ser_dentro_del_trimestre(self, db):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError, match="posterior al último día"):
            CorteTrimestral(anio=2026, trimestre=3, fecha_corte=date(2026, 9, 15)).full_clean()


class TestPaginas:
    def test_ver_en_pantalla_usa_la_misma_plantilla(self, cliente_de, usuarios):
        ActorFactory(nombre="Visible en pantalla")
        respuesta = cliente_de("profesional").get(reverse("core:reporte-ver", args=["actores"]))
        contenido = respuesta.content.decode()
        assert "Visible en pantalla" in contenido
        assert 'class="tabla-reporte"' in contenido
        assert "data:image/svg+xml;base64," in contenido

    def test_el_progreso_se_consulta_por_htmx(self, cliente_de, usuarios):
        generado = ReporteGenerado.objects.create(
            codigo="actores", titulo="Actores", formato="xlsx", solicitado_por=usuarios["jefe"], progreso=40
        )
        cliente = cliente_de("jefe")
        fragmento = cliente.get(reverse("core:reporte-detalle", args=[generado.pk]), headers={"HX-Request": "true"})
        html = fragmento.content.decode()
        assert "<html" not in html
        assert 'hx-trigger="every 1s"' in html
        assert "40 %" in html


class TestLotesDeIds:
    def test_en_lote_trae_exactamente_esos_ids_y_nada_con_la_lista_vacia(self, db):
        from cooperacion.core.models import Actor

        primero, _segundo, tercero = ActorFactory(), ActorFactory(), ActorFactory()
        elegidos = Actor.objects.filter(pk__en_lote=[tercero.pk, primero.pk]).order_by("pk")
        assert list(elegidos) == [primero, tercero]
        assert list(Actor.objects.filter(pk__en_lote=[])) == []
        assert Actor.objects.filter(pk__en_lote=[str(primero.pk)]).get() == primero  # ids as text are ids

    def test_en_lote_sobre_una_llave_foranea(self, db, usuarios):
        from convocatorias.models import Convocatoria
        from tests.factories_convocatorias import ConvocatoriaFactory

        una, otra = ConvocatoriaFactory(), ConvocatoriaFactory()
        assert list(Convocatoria.objects.filter(cooperante_id__en_lote=[otra.cooperante_id])) == [otra]
        assert una not in Convocatoria.objects.filter(cooperante_id__en_lote=[otra.cooperante_id])
