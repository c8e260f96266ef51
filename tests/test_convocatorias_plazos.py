"""Deadlines (call closing, execution reports, project end), the quarterly report, pending items, menu and demo."""

import io
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_fsm_log.models import StateLog
from openpyxl import load_workbook

from convocatorias import plazos as plazos_convocatorias
from convocatorias import services
from convocatorias.demo import cargar_demo
from convocatorias.models import Convocatoria, InformeEjecucion, Proyecto
from cooperacion.core import menu, pendientes, plazos, reportes, roles
from cooperacion.core import services as servicios_nucleo
from cooperacion.core.models import Notificacion, RecordatorioEnviado, ReporteGenerado
from cooperacion.core.plazos import FiltroPlazos
from cooperacion.internacional.demo import cargar_prioridades
from tests.factories_convocatorias import (
    ConvocatoriaFactory,
    asegurar_datos_de_convocatorias,
    avanzar,
    datos_de_convocatoria,
)
from tests.factories_oit import ProfesionalFactory


@pytest.fixture(autouse=True)
def _archivos_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _momento(dia: date) -> datetime:
    return timezone.make_aware(datetime.combine(dia, time(17, 0)))


class TestCierreDeConvocatorias:
    def test_el_proveedor_entrega_las_convocatorias_antes_de_presentar(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        abierta = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="A"))
        presentada = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="B"))
        avanzar(presentada, Convocatoria.Estado.PRESENTADA, usuarios=usuarios, dependencias=dependencias)
        (plazo,) = plazos_convocatorias.plazos_de_cierre(None)
        assert plazo.tipo == "cierre_convocatoria"
        assert plazo.objeto == abierta
        assert plazo.fecha == timezone.localtime(abierta.fecha_cierre).date()
        assert plazo.titulo == "GIZ: A"
        assert plazo.responsables == (usuarios["profesional"],)
        assert plazo.avisar_tambien == (usuarios["jefe"],)
        assert plazo.url == abierta.get_absolute_url()

    def test_el_proveedor_respeta_responsable_y_dependencias(self, usuarios, dependencias):
        propia = ConvocatoriaFactory(dependencia=dependencias["ocri"], responsable=usuarios["profesional"])
        otra = ConvocatoriaFactory(dependencia=dependencias["ddft"], responsable=usuarios["profesional2"])

        def objetos(filtro):
            return [f.object_id for f in plazos.consulta(filtro=filtro, tipos=["cierre_convocatoria"])]

        assert objetos(FiltroPlazos(responsable_id=usuarios["profesional"].pk)) == [propia.pk]
        assert objetos(FiltroPlazos(dependencia_ids=frozenset({dependencias["ddft"].pk}))) == [otra.pk]
        assert set(objetos(FiltroPlazos())) == {propia.pk, otra.pk}
        fila = plazos.consulta(tipos=["cierre_convocatoria"]).get(object_id=propia.pk)
        cierre = timezone.localtime(propia.fecha_cierre)
        assert (fila.fecha, fila.hora) == (cierre.date(), cierre.time().replace(second=0, microsecond=0))

    def test_consultas_constantes_con_3_o_30_convocatorias(self, dependencias, django_assert_max_num_queries):
        def leer():
            return [(p.titulo, p.dependencia.nombre, [str(u) for u in (*p.responsables, *p.avisar_tambien)])
                    for p in plazos_convocatorias.plazos_de_cierre(None)]  # fmt: skip

        for convocatoria in ConvocatoriaFactory.create_batch(3):
            ProfesionalFactory(dependencia=convocatoria.dependencia, rol=roles.JEFE)
        with django_assert_max_num_queries(2):
            assert len(leer()) == 3
        for convocatoria in ConvocatoriaFactory.create_batch(27):
            ProfesionalFactory(dependencia=convocatoria.dependencia, rol=roles.JEFE)
        with django_assert_max_num_queries(2):
            assert len(leer()) == 30

    def test_los_recordatorios_de_cierre_salen_una_vez_por_umbral(self, usuarios, dependencias):
        hoy = date(2026, 7, 1)
        convocatoria = ConvocatoriaFactory(
            dependencia=dependencias["ocri"],
            responsable=usuarios["profesional"],
            fecha_apertura=_momento(hoy - timedelta(days=30)),
            fecha_cierre=_momento(hoy + timedelta(days=7)),
        )

        def recordatorios():
            return list(
                RecordatorioEnviado.objects.filter(object_id=convocatoria.pk, tipo__codigo="cierre_convocatoria")
                .order_by("enviado_en")
                .values_list("umbral", flat=True)
            )

        plazos.barrer(hoy=hoy)
        plazos.barrer(hoy=hoy)
        assert recordatorios() == ["-7"]
        avisos = Notificacion.objects.filter(recordatorio__object_id=convocatoria.pk)
        assert {a.usuario for a in avisos} == {usuarios["profesional"], usuarios["jefe"]}
        assert all("Cierre de convocatoria" in a.titulo and "faltan 7 días" in a.titulo for a in avisos)
        plazos.barrer(hoy=hoy + timedelta(days=1))  # 6 days left: still the -7 threshold
        assert recordatorios() == ["-7"]
        for dia in (4, 4, 6, 7, 8, 12):
            plazos.barrer(hoy=hoy + timedelta(days=dia))
        assert recordatorios() == ["-7", "-3", "-1", "0", "+1"]

    def test_una_convocatoria_presentada_ya_no_recuerda_el_cierre(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        convocatoria = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria())
        avanzar(convocatoria, Convocatoria.Estado.PRESENTADA, usuarios=usuarios, dependencias=dependencias)
        plazos.barrer(hoy=timezone.localtime(convocatoria.fecha_cierre).date() - timedelta(days=1))
        assert not RecordatorioEnviado.objects.filter(object_id=convocatoria.pk, tipo__codigo="cierre_convocatoria")


class TestProyectos:
    @pytest.fixture
    def proyecto(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        convocatoria = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria())
        avanzar(convocatoria, Convocatoria.Estado.EN_EJECUCION, usuarios=usuarios, dependencias=dependencias)
        return convocatoria.proyecto

    def test_los_informes_por_entregar_y_el_fin_del_proyecto_son_plazos(self, usuarios, proyecto):
        informes = list(plazos_convocatorias.plazos_de_informes(None))
        assert [p.objeto for p in informes] == list(proyecto.informes.order_by("pk"))
        assert informes[0].responsables == (usuarios["profesional"],)
        assert informes[0].url.endswith(f"#informe-{informes[0].objeto.pk}")
        (fin,) = plazos_convocatorias.plazos_de_fin(None)
        assert (fin.objeto, fin.fecha) == (proyecto, proyecto.fecha_fin)

    def test_un_informe_recibido_o_aceptado_deja_de_ser_plazo(self, usuarios, proyecto):
        from tests.factories_convocatorias import pdf

        primero = proyecto.informes.first()
        services.informe_recibir(informe=primero, usuario=usuarios["profesional"], archivo=pdf())
        guardados = plazos.consulta(tipos=["informe_ejecucion"])
        assert primero.pk not in {f.object_id for f in guardados}
        services.informe_devolver(informe=primero, usuario=usuarios["jefe"], motivo="Incompleto")
        assert primero.pk in {f.object_id for f in guardados.all()}

    def test_el_informe_vencido_se_recuerda_y_se_repite_cada_5_dias(self, usuarios, proyecto):
        informe = proyecto.informes.first()
        plazos.barrer(hoy=informe.fecha_limite + timedelta(days=1))
        plazos.barrer(hoy=informe.fecha_limite + timedelta(days=3))
        plazos.barrer(hoy=informe.fecha_limite + timedelta(days=6))
        umbrales = RecordatorioEnviado.objects.filter(object_id=informe.pk, tipo__codigo="informe_ejecucion")
        assert sorted(umbrales.values_list("umbral", flat=True)) == ["+1", "+6"]

    def test_un_proyecto_finalizado_no_tiene_plazos(self, usuarios, dependencias, proyecto):
        avanzar(proyecto.convocatoria, Convocatoria.Estado.FINALIZADA, usuarios=usuarios, dependencias=dependencias)
        assert list(plazos_convocatorias.plazos_de_fin(None)) == []
        assert list(plazos_convocatorias.plazos_de_informes(None)) == []
        # The stored deadlines followed the call's transition (a dependent model) without a rebuild.
        assert not plazos.consulta(tipos=["fin_proyecto", "informe_ejecucion"]).exists()

    def test_los_pendientes_del_jefe_y_del_supervisor(self, usuarios, proyecto):
        from tests.factories_convocatorias import pdf

        services.informe_recibir(informe=proyecto.informes.first(), usuario=usuarios["profesional"], archivo=pdf())
        titulos = [p.titulo for p in pendientes.pendientes_de(usuarios["profesional"]) if p.origen == "convocatorias"]
        assert titulos == [f"Revisar: {proyecto.informes.first()} – {proyecto.codigo}"]
        assert any(p.origen == "convocatorias" for p in pendientes.pendientes_de(usuarios["jefe"]))


def test_los_tipos_de_plazo_quedan_registrados():
    codigos = {t.codigo for t in plazos.tipos_registrados()}
    assert {"cierre_convocatoria", "informe_ejecucion", "fin_proyecto"} <= codigos


class TestReporteTrimestral:
    @pytest.fixture
    def datos(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        aceptada = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="A"))
        avanzar(aceptada, Convocatoria.Estado.EN_EJECUCION, usuarios=usuarios, dependencias=dependencias)
        rechazada = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="R"))
        avanzar(rechazada, Convocatoria.Estado.PRESENTADA, usuarios=usuarios, dependencias=dependencias)
        services.convocatoria_registrar_decision(
            convocatoria=rechazada,
            usuario=usuarios["profesional"],
            aceptada=False,
            fecha=timezone.localdate(),
            comunicacion="No",
        )
        services.convocatoria_crear(usuario=usuarios["profesional2"], **datos_de_convocatoria(nombre="DDFT"))

    def test_esta_registrado_como_trimestral_y_lo_piden_jefe_y_transversales(self, usuarios):
        reporte = reportes.obtener("convocatorias_trimestral")
        assert reporte.trimestral
        assert set(reporte.formatos) == {"xlsx", "pdf"}
        assert [r.codigo for r in reportes.trimestrales() if r.codigo == "convocatorias_trimestral"]
        assert reporte.puede_generar(usuarios["jefe"])
        assert reporte.puede_generar(usuarios["planeacion"])
        assert not reporte.puede_generar(usuarios["profesional"])
        assert not reportes.obtener("oficio_convocatoria").en_lista

    def test_el_excel_trae_tres_hojas_y_el_pdf_sus_cifras(self, usuarios, datos, django_capture_on_commit_callbacks):
        periodo = "{}-T{}".format(
            *__import__("cooperacion.core.periodos", fromlist=["x"]).trimestre_de(timezone.localdate())
        )
        with django_capture_on_commit_callbacks(execute=True):
            excel = servicios_nucleo.reporte_solicitar(
                codigo="convocatorias_trimestral", formato="xlsx", datos={"periodo": periodo}, usuario=usuarios["admin"]
            )
            pdf = servicios_nucleo.reporte_solicitar(
                codigo="convocatorias_trimestral", formato="pdf", datos={"periodo": periodo}, usuario=usuarios["admin"]
            )
        excel.refresh_from_db()
        pdf.refresh_from_db()
        assert (excel.estado, pdf.estado) == ("listo", "listo"), (excel.error, pdf.error)
        with excel.archivo.open("rb") as archivo:
            libro = load_workbook(io.BytesIO(archivo.read()))
        assert libro.sheetnames == ["Convocatorias", "Proyectos", "Informes de ejecución"]
        assert libro["Convocatorias"].max_row == 4
        assert libro["Proyectos"]["A2"].value.startswith("CI-")
        with pdf.archivo.open("rb") as archivo:
            assert archivo.read(5) == b"%PDF-"
        contexto = reportes.obtener("convocatorias_trimestral").contexto({"periodo": periodo}, usuarios["admin"])
        resumen = dict(contexto["resumen"])
        assert resumen["Aceptadas / rechazadas"] == "1 / 1"
        assert resumen["Tasa de éxito"] == "50%"
        assert resumen["Proyectos en ejecución"] == 1
        assert len(contexto["graficos"]) == 3

    def test_la_hoja_de_proyectos_cuenta_los_informes_por_estado(self, usuarios, datos):
        reporte = reportes.obtener("convocatorias_trimestral")
        proyecto = Proyecto.objects.get(convocatoria__nombre="A")
        hoy = timezone.localdate()
        for numero, (estado, limite) in enumerate(
            [
                (InformeEjecucion.Estado.ACEPTADO, hoy - timedelta(days=90)),
                (InformeEjecucion.Estado.RECIBIDO, hoy - timedelta(days=30)),
                (InformeEjecucion.Estado.DEVUELTO, hoy - timedelta(days=5)),  # due and not delivered: overdue
                (InformeEjecucion.Estado.PENDIENTE, hoy + timedelta(days=60)),  # not yet due
            ],
            start=100,
        ):
            InformeEjecucion.objects.create(
                proyecto=proyecto, numero=numero, fecha_limite=limite, estado=estado, archivo="informes/x.pdf"
            )
        informes = InformeEjecucion.objects.filter(proyecto=proyecto)
        esperado = (
            informes.filter(estado=InformeEjecucion.Estado.ACEPTADO).count(),
            informes.count(),
            informes.filter(estado=InformeEjecucion.Estado.RECIBIDO).count(),
            informes.filter(estado__in=["pendiente", "devuelto"], fecha_limite__lt=hoy).count(),
        )
        assert esperado[0] >= 1
        assert esperado[3] >= 1
        proyectos = reporte._proyectos({"periodo": "2099-T1"}, None)
        with CaptureQueriesContext(connection) as consultas:
            filas = list(reporte.filas_proyectos(proyectos))
        assert len(consultas) <= 2  # the projects, then one grouped count per chunk
        (fila,) = [f for f in filas if f[0] == proyecto.codigo]
        assert fila[7:11] == esperado
        assert fila[11] == "En ejecución"

    def test_el_jefe_recibe_solo_su_dependencia(self, usuarios, datos):
        reporte = reportes.obtener("convocatorias_trimestral")
        filas = list(reporte.filas({"periodo": "2099-T1"}, usuarios["jefe"]))
        assert {f[1] for f in filas} == {"A", "R"}
        assert len(list(reporte.filas({"periodo": "2099-T1"}, None))) == 3

    def test_el_corte_trimestral_lo_genera_una_vez(self, datos):
        primeros = servicios_nucleo.reportes_trimestrales_generar(periodo="2026-T2")
        segundos = servicios_nucleo.reportes_trimestrales_generar(periodo="2026-T2")
        assert {g.codigo for g in primeros} >= {"convocatorias_trimestral"}
        assert not [g for g in segundos if g.codigo == "convocatorias_trimestral"]
        assert ReporteGenerado.objects.filter(codigo="convocatorias_trimestral", automatico=True).count() == 2


def test_el_menu_ofrece_convocatorias_al_personal(usuarios):
    for usuario in usuarios.values():
        entradas = {str(e["etiqueta"]): e for e in menu.menu_para(usuario)}
        assert entradas["Convocatorias"]["url"] == "/convocatorias/"
        assert [str(h["etiqueta"]) for h in entradas["Convocatorias"]["hijos"]] == [
            "Matriz de convocatorias",
            "Proyectos de cooperación",
        ]


class TestDemo:
    def test_la_demo_recorre_el_procedimiento_y_es_idempotente(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        from cooperacion.core.management.commands.cargar_demo import ACTORES
        from cooperacion.core.models import Actor

        for nombre, sigla, tipo, pais, _web in ACTORES:
            Actor.objects.get_or_create(nombre=nombre, defaults={"sigla": sigla, "tipo": tipo, "pais": pais})
        por_codigo = {d.codigo: d for d in dependencias.values()}
        hoy = timezone.localdate()
        cargar_prioridades(usuarios=usuarios, dependencias=por_codigo, hoy=hoy)
        cargar_demo(usuarios=usuarios, dependencias=por_codigo, hoy=hoy)
        conteos = (Convocatoria.objects.count(), StateLog.objects.count(), Notificacion.objects.count())
        cargar_demo(usuarios=usuarios, dependencias=por_codigo, hoy=hoy)
        assert (Convocatoria.objects.count(), StateLog.objects.count(), Notificacion.objects.count()) == conteos

        estados = list(Convocatoria.objects.values_list("estado", flat=True))
        assert len(estados) == 12
        assert estados.count("no_aplicada") == 2
        assert estados.count("rechazada") == 1
        assert estados.count("en_ejecucion") == 2
        assert estados.count("finalizada") == 1
        assert {"identificada", "priorizada", "validada", "informada", "en_formulacion", "presentada"} <= set(estados)
        assert all(c.motivo_validacion for c in Convocatoria.objects.filter(estado="no_aplicada"))
        finalizado = Proyecto.objects.get(convocatoria__estado="finalizada")
        assert finalizado.acta_firmada_por == usuarios["jefe"]
        informes = InformeEjecucion.objects.filter(proyecto__convocatoria__estado="en_ejecucion")
        assert {"aceptado", "recibido", "devuelto", "pendiente"} <= set(informes.values_list("estado", flat=True))
        assert (
            Convocatoria.objects.get(cooperante__sigla="OIT").cooperante.nombre
            == "Organización Internacional del Trabajo"
        )
        assert Decimal(0) < Proyecto.objects.get(codigo="CI-2025-004").monto_comprometido
