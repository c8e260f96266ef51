"""The quarterly follow-up report (DE-PD-01 activities 17-19), the headline output.

- Its PDF (read back with pdftotext) and its Excel book (read back with openpyxl) carry the database's figures for
  the quarter: weighted compliance of each plan, the diagnostic table, activities below target and their
  justification, indicators, budget, pending reports and the approved adjustments with their old and new values.
- One quarter's figure of one indicator is the same on the indicator's page, the plan's page, the quarter's page,
  the report's page, PDF and Excel, and the template tag: all come from calculo.calcular.
- The same number of queries for 10 activities × 4 quarters as for 200.
- Generated at the cut-off by the engine and remitted to Control Interno once; a Jefe's copy covers their
  dependencia and is not remitted.
"""

import io
import subprocess
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cooperacion.core import periodos, reportes, tasks
from cooperacion.core import services as nucleo
from cooperacion.core.models import CorteTrimestral, Dependencia, Notificacion, ReporteGenerado
from cooperacion.core.reportes import Reporte
from indicadores import calculo
from indicadores import selectors as indicadores
from indicadores.models import Indicador, Medicion, MetaTrimestral
from indicadores.templatetags.indicadores_tags import porcentaje
from planes import selectors, services
from planes.models import Actividad, AvanceActividad, Estrategia, Objetivo, Plan, RemisionInforme, SeguimientoTrimestral
from tests.factories import DependenciaFactory
from tests.factories_planes import ANIO, actividad, reportar, seguimiento, vigencia

D = Decimal
PERIODO = f"{ANIO}-T4"


def texto_pdf(ruta) -> str:
    return subprocess.run(["pdftotext", str(ruta), "-"], capture_output=True, text=True, check=True).stdout


def sin_espacios(texto: str) -> str:
    return " ".join(texto.split())


@pytest.fixture
def anio_reportado(usuarios, dependencias):
    """OCRI's and DDFT's action plans for ANIO, all four quarters reported (some below target, with their
    justification), quarters sent, reviewed and diagnosed, and one adjustment approved in T4."""
    v = vigencia(usuarios, dependencias, deps=("ocri", "ddft"))
    planes = {}
    for clave, usuario in (("ocri", usuarios["profesional"]), ("ddft", usuarios["profesional2"])):
        plan = v.planes.get(dependencia=dependencias[clave])
        superior = plan.plan_superior.objetivos.get(codigo="1")
        objetivo = services.objetivo_crear(
            plan=plan, usuario=usuario, codigo="1", descripcion="Objetivo", objetivo_superior=superior
        )
        estrategia = services.estrategia_crear(objetivo=objetivo, usuario=usuario, codigo="1.1", descripcion="E")
        actividad(plan, usuario, estrategia, "1.1.1", peso=D(60))
        actividad(plan, usuario, estrategia, "1.1.2", peso=D(40))
        services.plan_enviar(plan=plan, usuario=usuario)
        services.plan_aprobar(plan=plan, usuario=usuarios["planeacion"])
        planes[clave] = plan
    valores = {  # per activity, quarter by quarter (targets 3, 3, 3, 3)
        ("ocri", "1.1.1"): [3, 3, 2, 2],  # accumulated 10/12 = 83,3 %
        ("ocri", "1.1.2"): [3, 4, 3, 2],  # 12/12 = 100 %
        ("ddft", "1.1.1"): [1, 2, 3, 3],  # 9/12 = 75 %
        ("ddft", "1.1.2"): [3, 3, 3, 3],  # 100 %
    }
    quien = {"ocri": usuarios["profesional"], "ddft": usuarios["profesional2"]}
    primera = planes["ocri"].actividades.get(codigo="1.1.2")
    for t in (1, 2, 3, 4):
        if t == 4:
            solicitud = services.ajuste_solicitar(
                plan=planes["ocri"],
                usuario=usuarios["jefe"],
                causa="El cooperante adelantó un taller del cuarto trimestre; se ajusta la programación.",
                cambios=[{"actividad": primera, "campo": "meta_t4", "valor_nuevo": "2"}],
            )
            services.ajuste_revisar(solicitud=solicitud, usuario=usuarios["planeacion"], motivo="Pertinente.")
            services.ajuste_aprobar(
                solicitud=solicitud, usuario=usuarios["planeacion"], instancia_aprobacion="planeacion",
                acta_fecha=date(ANIO, 11, 20),
            )  # fmt: skip
        for clave, plan in planes.items():
            s = seguimiento(plan, t)
            for avance in s.avances.select_related("actividad"):
                valor = valores[(clave, avance.actividad.codigo)][t - 1]
                reportar(
                    avance, quien[clave], valor, ejecutado=D(500_000) * valor,
                    justificacion=f"Justificación {clave} {avance.actividad.codigo} T{t}",
                )  # fmt: skip
            services.seguimiento_enviar(seguimiento=s, usuario=quien[clave])
            if not (t == 4 and clave == "ddft"):
                services.seguimiento_revisar(seguimiento=s, usuario=usuarios["planeacion"])
                services.seguimiento_diagnosticar(
                    seguimiento=s, usuario=usuarios["planeacion"], diagnostico=f"Diagnóstico {clave} T{t}."
                )
    services.observacion_registrar(
        seguimiento=seguimiento(planes["ddft"], 4), usuario=usuarios["control"],
        texto_observacion="Control Interno: faltan soportes de la mesa de Cauca.",
    )  # fmt: skip
    return planes


def generar(formato, usuario, capturar, periodo=PERIODO) -> ReporteGenerado:
    with capturar(execute=True):
        generado = nucleo.reporte_solicitar(
            codigo="seguimiento_planes", formato=formato, datos={"periodo": periodo}, usuario=usuario
        )
    generado.refresh_from_db()
    assert generado.estado == ReporteGenerado.Estado.LISTO, generado.error
    return generado


class TestContenido:
    def test_las_cifras_del_informe_son_las_de_la_base(
        self, anio_reportado, usuarios, django_capture_on_commit_callbacks
    ):
        inf = selectors.informe(ANIO, 4)
        # The database's figures, from the one computation.
        por_plan = {fp.plan.dependencia.sigla: fp.cumplimiento for fp in inf.planes}
        # OCRI: 1.1.1 accumulated 10/12 = 83,3 %; 1.1.2 12/11 (its T4 target adjusted to 2) capped at 100 %.
        assert calculo.redondear(por_plan["OCRI"].valor) == D("90.0")  # 60 % × 83,3 % + 40 % × 100 %
        assert calculo.redondear(por_plan["DDFT"].valor) == D("85.0")  # 60 % × 75 % + 40 % × 100 %
        assert calculo.redondear(inf.consolidado.valor) == D("87.5")  # each dependencia's plan weighs the same

        excel = generar("xlsx", usuarios["planeacion"], django_capture_on_commit_callbacks)
        libro = load_workbook(excel.archivo.path)
        assert libro.sheetnames == [
            "Resumen", "Cumplimiento por plan", "Cuadro diagnóstico", "Actividades", "Bajo la meta", "Indicadores",
            "Presupuesto", "Reportes pendientes", "Ajustes aprobados",
        ]  # fmt: skip
        for hoja in libro.worksheets:
            assert hoja.freeze_panes == "A2"
            assert hoja.auto_filter.ref.startswith("A1:")
        planes_hoja = {fila[2]: fila for fila in libro["Cumplimiento por plan"].iter_rows(min_row=2, values_only=True)}
        for fp in inf.planes:
            fila = planes_hoja[fp.plan.dependencia.nombre]
            assert fila[6] == pytest.approx(float(calculo.redondear(fp.cumplimiento.valor) / 100))
            assert fila[8] == float(fp.presupuesto)
            assert fila[9] == float(fp.ejecutado)
        assert libro["Cumplimiento por plan"]["G2"].number_format == "0.0%"
        diagnostico = list(libro["Cuadro diagnóstico"].iter_rows(min_row=2, values_only=True))
        assert [(f[0], f[1], f[2], f[4]) for f in diagnostico] == [
            (d.dependencia.nombre, d.estado, d.actividades, d.por_debajo) for d in inf.diagnostico
        ]
        assert "Control Interno: faltan soportes de la mesa de Cauca." in [f[13] for f in diagnostico]
        bajo = {(f[0], f[2]): f for f in libro["Bajo la meta"].iter_rows(min_row=2, values_only=True)}
        assert set(bajo) == {("OCRI", "1.1.1"), ("DDFT", "1.1.1")}
        assert bajo[("DDFT", "1.1.1")][6] == "Justificación ddft 1.1.1 T4"
        assert bajo[("DDFT", "1.1.1")][4] == pytest.approx(0.75)
        ajustes = list(libro["Ajustes aprobados"].iter_rows(min_row=2, values_only=True))
        assert [(f[4], f[6], f[7]) for f in ajustes] == [("Meta T4", "3", "2")]
        assert ajustes[0][0].date() == date(ANIO, 11, 20)
        actividades = {(f[0], f[2]): f for f in libro["Actividades"].iter_rows(min_row=2, values_only=True)}
        for fila in inf.actividades:
            hoja = actividades[(fila.actividad.dependencia_responsable.sigla, fila.actividad.codigo)]
            assert hoja[12] == pytest.approx(float(fila.resultado.valor_acumulado))
            assert hoja[13] == pytest.approx(float(calculo.redondear(fila.resultado.acumulado.valor) / 100))
        # The native chart of compliance per dependencia, on the diagnostic sheet's column I.
        with zipfile.ZipFile(excel.archivo.path) as paquete:
            graficos = [n for n in paquete.namelist() if n.startswith("xl/charts/chart")]
            assert len(graficos) == 1
            xml = paquete.read(graficos[0]).decode()
        assert "'Cuadro diagnóstico'!$I$2:$I$3" in xml
        assert "<barChart>" in xml

        pdf = generar("pdf", usuarios["planeacion"], django_capture_on_commit_callbacks)
        paginas = texto_pdf(pdf.archivo.path).split("\f")
        texto = sin_espacios(" ".join(paginas))
        assert "Código: DE-PD-01 v2.0" in texto
        assert f"INFORME DE SEGUIMIENTO A PLANES DE GESTIÓN {PERIODO}" in texto
        assert "Página 1 de" in texto
        for pagina in [p for p in paginas if p.strip()]:
            assert "DE-PD-01" in pagina  # the official header on every page
        assert f"{porcentaje(inf.consolidado.valor)} · En riesgo" in texto
        for fp in inf.planes:
            assert f"{porcentaje(fp.cumplimiento.valor)}" in texto
        for d in inf.diagnostico:
            assert d.diagnostico in texto
        assert "Justificación ddft 1.1.1 T4" in texto
        assert "Control Interno: faltan soportes de la mesa de Cauca." in texto
        assert f"20/11/{ANIO}" in texto  # the adjustment's decision date, with its old and new values
        assert "Cumplimiento del plan de acción por dependencia (%)" in texto  # the charts' captions

    def test_un_jefe_genera_el_de_su_dependencia(self, anio_reportado, usuarios, django_capture_on_commit_callbacks):
        generado = generar("xlsx", usuarios["jefe"], django_capture_on_commit_callbacks)
        assert generado.titulo.endswith("– OCRI")
        diagnostico = list(
            load_workbook(generado.archivo.path)["Cuadro diagnóstico"].iter_rows(min_row=2, values_only=True)
        )
        assert [f[0] for f in diagnostico] == ["Oficina de Cooperación y Relaciones Internacionales"]
        assert not RemisionInforme.objects.exists()  # a Jefe's own copy is not the entity's report

    def test_el_profesional_no_lo_genera(self, usuarios):
        with pytest.raises(nucleo.ErrorDeDominio):
            nucleo.reporte_solicitar(
                codigo="seguimiento_planes", formato="pdf", datos={"periodo": PERIODO}, usuario=usuarios["profesional"]
            )


class TestMismaCifraEnTodasPartes:
    def test_un_trimestre_de_un_indicador_en_todas_las_salidas(
        self, anio_reportado, usuarios, cliente_de, django_capture_on_commit_callbacks
    ):
        from django.template import engines

        actividad_ocri = anio_reportado["ocri"].actividades.get(codigo="1.1.1")
        indicador = actividad_ocri.indicador
        resultado = indicadores.serie(indicador, ANIO).en(4)
        cifra = porcentaje(resultado.acumulado.valor)
        assert cifra == "83,3 %"  # (3 + 3 + 2 + 2) / (3 + 3 + 3 + 3)
        esperado = f"En riesgo · {cifra}"
        cliente = cliente_de("planeacion")
        assert esperado in cliente.get(f"{indicador.get_absolute_url()}?anio={ANIO}").content.decode()
        assert esperado in cliente.get(f"{anio_reportado['ocri'].get_absolute_url()}?anio={ANIO}").content.decode()
        assert esperado in cliente.get(seguimiento(anio_reportado["ocri"], 4).get_absolute_url()).content.decode()
        html = engines["django"].from_string("{% load indicadores_tags %}{% tabla_indicadores i a 4 %}")
        assert esperado in html.render({"i": [indicador], "a": ANIO})
        pagina = cliente.get(reverse("core:reporte-ver", args=["seguimiento_planes"]) + f"?periodo={PERIODO}")
        assert f"{cifra} · En riesgo" in sin_espacios(pagina.content.decode())
        pdf = generar("pdf", usuarios["planeacion"], django_capture_on_commit_callbacks)
        assert f"{cifra} · En riesgo" in sin_espacios(texto_pdf(pdf.archivo.path))
        excel = generar("xlsx", usuarios["planeacion"], django_capture_on_commit_callbacks)
        filas = load_workbook(excel.archivo.path)["Indicadores"].iter_rows(min_row=2, values_only=True)
        fila = next(f for f in filas if f[0] == indicador.codigo)
        assert round(fila[12] * 100, 1) == 83.3
        assert fila[13] == "En riesgo"


def _mundo_grande(n: int, anio: int) -> Dependencia:
    """n activities of two dependencias' action plans with their four quarters reported (built in bulk: the point
    is the report's reading, not the services')."""
    dependencias = [
        DependenciaFactory(codigo=f"77{i}", nombre=f"Dirección de prueba {i}", sigla=f"DP{i}") for i in range(2)
    ]
    indicadores_ = Indicador.objects.bulk_create(
        [
            Indicador(
                codigo=f"G{anio}-{i:04d}", nombre=f"Indicador {i}", objetivo="x", formula="x", variable_numerador="x",
                variable_denominador="y" if i % 3 == 0 else "", medida="porcentaje" if i % 3 == 0 else "numero",
                unidad="u", fuente="f", dependencia=dependencias[i % 2],
                acumulacion=["acumulado", "flujo", "stock", "capacidad"][i % 4],
                linea_base=D(1), linea_base_fecha=date(anio - 1, 12, 31),
            )
            for i in range(n)
        ]
    )  # fmt: skip
    MetaTrimestral.objects.bulk_create(
        [MetaTrimestral(indicador=i, anio=anio, trimestre=t, valor=D(50)) for i in indicadores_ for t in (1, 2, 3, 4)]
    )
    Medicion.objects.bulk_create(
        [
            Medicion(indicador=i, anio=anio, trimestre=t, numerador=D(40 + t), denominador=D(100) if i.con_denominador
                     else None, analisis="x")
            for i in indicadores_ for t in (1, 2, 3, 4)
        ]
    )  # fmt: skip
    actividades = []
    for d in dependencias:
        plan = Plan.objects.create(
            tipo="accion", nombre=f"Plan {d.sigla}", dependencia=d, anio_inicio=anio, anio_fin=anio, estado="aprobado"
        )
        objetivo = Objetivo.objects.create(plan=plan, codigo="1", descripcion="o")
        estrategia = Estrategia.objects.create(plan=plan, objetivo=objetivo, codigo="1.1", descripcion="e")
        propios = [i for i in indicadores_ if i.dependencia_id == d.pk]
        actividades += Actividad.objects.bulk_create(
            [
                Actividad(
                    plan=plan, estrategia=estrategia, codigo=f"1.1.{k}", descripcion="a", producto="p", indicador=i,
                    peso=D(100) / len(propios), presupuesto=D(1000), dependencia_responsable=d,
                    fecha_inicio=date(anio, 1, 1), fecha_fin=date(anio, 12, 31),
                )
                for k, i in enumerate(propios)
            ]
        )  # fmt: skip
    seguimientos = {
        (d.pk, t): SeguimientoTrimestral.objects.create(dependencia=d, anio=anio, trimestre=t, estado="enviado")
        for d in dependencias
        for t in (1, 2, 3, 4)
    }
    AvanceActividad.objects.bulk_create(
        [
            AvanceActividad(
                seguimiento=seguimientos[(a.dependencia_responsable_id, t)], actividad=a, estado="reportado",
                presupuesto_ejecutado=D(100), justificacion="j", avance_cualitativo="c",
            )
            for a in actividades for t in (1, 2, 3, 4)
        ]
    )  # fmt: skip
    return dependencias[0]


@pytest.mark.parametrize("salida", ["pagina", "pdf", "excel"])
def test_el_informe_hace_las_mismas_consultas_con_10_o_200_actividades(
    salida, usuarios, cliente_de, django_assert_max_num_queries
):
    reporte = reportes.obtener("seguimiento_planes")
    cliente = cliente_de("planeacion")

    def producir(anio):
        parametros = {"periodo": periodos.periodo(anio, 4)}
        if salida == "pagina":
            respuesta = cliente.get(reverse("core:reporte-ver", args=["seguimiento_planes"]) + f"?periodo={anio}-T4")
            assert respuesta.status_code == 200
            return respuesta.content.decode()
        if salida == "pdf":
            contexto = nucleo.contexto_de_reporte(reporte, parametros, usuarios["planeacion"], para_pdf=True)
            return reportes.html_de_reporte(reporte.plantilla, contexto, para_pdf=True)
        destino = io.BytesIO()
        reporte.escribir_excel(parametros, usuarios["planeacion"], destino, titulo="x")
        return destino.getvalue()

    _mundo_grande(10, ANIO - 3)
    _mundo_grande(200, ANIO - 2)
    with django_assert_max_num_queries(40) as pocas:
        chico = producir(ANIO - 3)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        grande = producir(ANIO - 2)
    assert len(grande) > len(chico)
    if salida == "pagina":
        assert grande.count("Indicador ") >= 200  # every activity's indicator is in the report


class TestCorteYRemision:
    def test_se_genera_en_el_corte_y_se_remite_a_control_interno_una_vez(
        self, usuarios, dependencias, django_capture_on_commit_callbacks, cliente_de
    ):
        from django.utils import timezone

        anio, trimestre = periodos.trimestre_anterior(*periodos.trimestre_de(timezone.localdate()))
        CorteTrimestral.objects.update_or_create(
            anio=anio, trimestre=trimestre, defaults={"fecha_corte": timezone.localdate()}
        )
        with django_capture_on_commit_callbacks(execute=True):
            tasks.generar_reportes_trimestrales()
        generados = ReporteGenerado.objects.filter(codigo="seguimiento_planes", automatico=True)
        assert sorted(generados.values_list("formato", "estado")) == [("pdf", "listo"), ("xlsx", "listo")]
        assert RemisionInforme.objects.count() == 2
        avisos = Notificacion.objects.filter(usuario=usuarios["control"], titulo__startswith="Informe de seguimiento")
        assert avisos.count() == 2
        assert {a.url for a in avisos} == {reverse("planes:informes")}
        with django_capture_on_commit_callbacks(execute=True):
            tasks.generar_reportes_trimestrales()  # the next day's run: nothing twice
            services.remitir_informe(generados.first().pk)  # the outbox's repeat: no second notice
        assert RemisionInforme.objects.count() == 2
        assert avisos.count() == 2
        pagina = cliente_de("control").get(reverse("planes:informes")).content.decode()
        assert "Corte trimestral" in pagina
        remision = RemisionInforme.objects.first()
        descarga = cliente_de("control").get(reverse("planes:informe-descargar", args=[remision.pk]))
        assert descarga.status_code == 200
        b"".join(descarga.streaming_content)

    def test_el_de_planeacion_tambien_se_remite(self, usuarios, dependencias, django_capture_on_commit_callbacks):
        generar("pdf", usuarios["planeacion"], django_capture_on_commit_callbacks)
        assert RemisionInforme.objects.count() == 1
        assert Notificacion.objects.filter(usuario=usuarios["control"], titulo__contains=PERIODO).exists()


class TestGanchoDelNucleo:
    """Reporte.al_terminar, the core's hook this app uses: called once the file is ready, and never failing it."""

    class Sintetico(Reporte):
        codigo = "sintetico_gancho"
        titulo = "Sintético"
        llamados: list = []

        def puede_generar(self, usuario):
            return True

        def filas(self, parametros, usuario):
            yield ("a",)

        def al_terminar(self, generado):
            self.llamados.append(generado.pk)
            raise RuntimeError("el aviso falló")

    def test_se_llama_al_terminar_y_su_falla_no_tumba_el_reporte(self, usuarios, django_capture_on_commit_callbacks):
        reporte = reportes.registrar(self.Sintetico())
        try:
            with django_capture_on_commit_callbacks(execute=True):
                generado = nucleo.reporte_solicitar(
                    codigo="sintetico_gancho", formato="xlsx", datos={}, usuario=usuarios["jefe"]
                )
            generado.refresh_from_db()
            assert generado.estado == ReporteGenerado.Estado.LISTO
            assert reporte.llamados == [generado.pk]
        finally:
            reportes._registro.pop("sintetico_gancho")


def test_el_diagnostico_en_pantalla_es_el_del_informe(anio_reportado, cliente_de):
    inf = selectors.informe(ANIO, 4)
    pagina = cliente_de("control").get(reverse("planes:diagnostico") + f"?periodo={PERIODO}").content.decode()
    for fila in inf.diagnostico:
        assert fila.dependencia.nombre in pagina
        assert porcentaje(fila.cumplimiento.valor) in pagina
    assert porcentaje(inf.consolidado.valor) in pagina
