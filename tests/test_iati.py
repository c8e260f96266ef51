"""IATI 2.03: the export validates against the official schema (copied into the project, read offline), an incomplete
project is reported instead of a file, and the results carry the indicators' figures from the one computation.
Who may download or edit what (roles, the outsider's 404, anonymous → login) is in the matrix of
test_convocatorias_vistas."""

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from convocatorias import iati, services
from convocatorias.models import Proyecto, SectorProyecto
from cooperacion.core import services as servicios_nucleo
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import ODS, Actor, Entidad, Moneda, Municipio, TipoOrganizacionIATI
from indicadores import selectors as selectores_indicadores
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, avanzar, datos_de_convocatoria
from tests.factories_indicadores import IndicadorFactory, MedicionFactory, con_metas

EJEMPLOS = sorted((Path(__file__).parent / "datos" / "iati-ejemplos").glob("*.xml"))


def test_los_58_ejemplos_oficiales_validan_sin_conexion():
    assert len(EJEMPLOS) == 58
    for ejemplo in EJEMPLOS:
        documento = etree.parse(str(ejemplo), etree.XMLParser(no_network=True))
        tipo = "organisations" if documento.getroot().tag == "iati-organisations" else "activities"
        assert iati.errores_de_esquema(documento, tipo) == [], ejemplo.name


# Words that betray a name left in English (none of them is Spanish).
PALABRAS_INGLESAS = {"and", "of", "the", "for", "in", "with", "policy", "management", "development", "services"}


def test_cada_sector_cad_tiene_su_nombre_en_espanol():
    """The IATI Sector codelist is English only: every row carries the project's Spanish name next to the untouched
    English one, for the same 295 codes, and `sectores()` (what the picker, the project page and Cíclope show)
    gives the Spanish one."""
    with open(iati.CARPETA / "sectores_cad.csv", encoding="utf-8", newline="") as archivo:
        lector = csv.DictReader(archivo)
        filas = list(lector)
    assert lector.fieldnames == ["codigo", "nombre", "nombre_es"]
    codigos = [f["codigo"] for f in filas]
    assert len(filas) == 295
    assert len(set(codigos)) == 295
    assert all(re.fullmatch(r"\d{5}", c) for c in codigos)
    assert {"11110", "15160", "16020", "41010", "99820"} <= set(codigos)
    for fila in filas:
        ingles, espanol = fila["nombre"], fila["nombre_es"]
        assert ingles.strip(), fila
        assert espanol.strip(), fila
        assert espanol == espanol.strip(), fila
        assert espanol[0].isupper(), fila
        assert espanol.casefold() != ingles.casefold(), fila
        assert not PALABRAS_INGLESAS & set(re.findall(r"[a-z]+", espanol.lower())), fila
    assert iati.sectores() == {f["codigo"]: f["nombre_es"] for f in filas}
    assert iati.sectores()["11110"] == "Política educativa y gestión administrativa"
    assert iati.sectores()["15220"] == "Consolidación de la paz civil, prevención y resolución de conflictos"
    assert iati.sectores()["13040"] == "Control de las ETS, incluido el VIH/sida"
    # The English source text is still there, as IATI publishes it.
    en_ingles = {f["codigo"]: f["nombre"] for f in filas}
    assert en_ingles["11110"] == "Education policy and administrative management"


def test_un_documento_invalido_da_sus_errores():
    errores = iati.errores_de_esquema(b'<iati-activities version="2.03"><iati-activity/></iati-activities>')
    assert errores
    assert "iati-identifier" in " ".join(errores)


@pytest.mark.django_db
def test_sin_proyectos_no_hay_archivo_sino_un_aviso():
    exportacion = iati.exportar_actividades(Proyecto.objects.none())
    assert not exportacion.valida
    assert exportacion.problemas == {None: ["No hay proyectos que exportar con los filtros elegidos."]}


@pytest.mark.django_db
def test_el_archivo_de_organizacion_es_valido():
    exportacion = iati.exportar_organizacion()
    assert exportacion.valida
    assert b"CO-RUE-" in exportacion.contenido


@pytest.fixture
def proyecto(usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    convocatoria = services.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria())
    convocatoria.ods.add(ODS.objects.get(numero=8))
    avanzar(convocatoria, "en_ejecucion", usuarios=usuarios, dependencias=dependencias)
    proyecto = convocatoria.proyecto
    SectorProyecto.objects.create(proyecto=proyecto, codigo="16020", porcentaje=Decimal(100))
    proyecto.ods.add(ODS.objects.get(numero=8))
    proyecto.municipios.add(*Municipio.objects.filter(codigo__in=["52001", "05001"]))
    cooperante = convocatoria.cooperante
    cooperante.identificador_iati = "DE-1"
    cooperante.save()
    services.movimiento_registrar(
        proyecto=proyecto,
        usuario=usuarios["profesional"],
        tipo="3",
        fecha=timezone.localdate(),
        monto=Decimal("30000"),
        descripcion="Primer desembolso",
    )
    return proyecto


def _xml(exportacion):
    return etree.fromstring(exportacion.contenido)


def test_proyecto_completo_se_exporta_y_valida(proyecto):
    exportacion = iati.exportar_actividades(Proyecto.objects.all())
    assert exportacion.valida, exportacion.problemas
    raiz = _xml(exportacion)
    actividad = raiz.find("iati-activity")
    assert actividad.findtext("iati-identifier") == f"CO-RUE-830115226-{proyecto.codigo}"
    assert actividad.find("sector").get("percentage") == "100"
    assert actividad.find("activity-status").get("code") == "2"
    assert actividad.find("tag").get("code") == "8"
    assert len(actividad.findall("location")) == 2
    assert actividad.find("participating-org").get("ref") == "DE-1"
    tipos = [t.find("transaction-type").get("code") for t in actividad.findall("transaction")]
    assert tipos == ["2", "3"]
    presupuestos = sum(Decimal(b.findtext("value")) for b in actividad.findall("budget"))
    assert presupuestos == proyecto.monto_comprometido
    assert all(v.get("currency") == "USD" for v in actividad.iter("value"))


def test_proyecto_sin_sector_se_reporta_y_no_hay_archivo(proyecto):
    proyecto.sectores.all().delete()
    exportacion = iati.exportar_actividades(Proyecto.objects.all())
    assert not exportacion.valida
    assert exportacion.contenido is None
    (problemas,) = exportacion.problemas.values()
    assert any("sector CAD" in p for p in problemas)


def test_los_valores_reales_de_iati_son_los_del_calculo_de_indicadores(proyecto, dependencias):
    anio = timezone.localdate().year
    indicador = con_metas(IndicadorFactory(dependencia=dependencias["ocri"], linea_base=Decimal(2)), anio, 10, 12)
    MedicionFactory(indicador=indicador, anio=anio, trimestre=1, numerador=Decimal(7))
    MedicionFactory(indicador=indicador, anio=anio, trimestre=2, numerador=Decimal("13.5"))
    proyecto.indicadores.add(indicador)
    exportacion = iati.exportar_actividades(Proyecto.objects.all())
    assert exportacion.valida, exportacion.problemas
    periodos = _xml(exportacion).find("iati-activity/result/indicator").findall("period")
    serie = selectores_indicadores.serie(indicador, anio)
    esperados = [
        (r.meta_periodo, r.valor_periodo) for r in serie.resultados if r.meta_periodo is not None or r.reportado
    ]
    leidos = [
        (
            Decimal(p.find("target").get("value")) if p.find("target") is not None else None,
            Decimal(p.find("actual").get("value")) if p.find("actual") is not None else None,
        )
        for p in periodos
    ]
    assert leidos == esperados
    assert leidos[:2] == [(Decimal(10), Decimal(7)), (Decimal(12), Decimal("13.5"))]


@pytest.mark.django_db
def test_identificador_iati_del_actor_con_espacios_no_es_valido():
    actor = Actor(nombre="X", tipo=Actor.Tipo.MULTILATERAL, identificador_iati="XM DAC")
    with pytest.raises(ValidationError, match="IATI"):
        actor.full_clean()


class TestVistas:
    def test_descarga_del_proyecto_y_de_la_lista(self, proyecto, cliente_de):
        respuesta = cliente_de("profesional").get(reverse("convocatorias:proyecto-iati", args=[proyecto.pk]))
        assert respuesta.status_code == 200
        assert respuesta["Content-Type"].startswith("application/xml")
        assert iati.errores_de_esquema(respuesta.content) == []
        respuesta = cliente_de("planeacion").get(reverse("convocatorias:proyectos-iati"), {"q": proyecto.codigo})
        assert respuesta.status_code == 200
        assert len(etree.fromstring(respuesta.content).findall("iati-activity")) == 1

    def test_proyecto_incompleto_muestra_que_corregir(self, proyecto, cliente_de):
        proyecto.sectores.all().delete()
        respuesta = cliente_de("profesional").get(reverse("convocatorias:proyectos-iati"))
        assert respuesta.status_code == 422
        assert "sector CAD" in respuesta.content.decode()
        assert proyecto.codigo in respuesta.content.decode()


def test_la_demo_se_exporta_a_iati_valido_con_el_presupuesto_de_la_entidad_y_a_ciclope(usuarios, dependencias):
    from convocatorias import ciclope
    from convocatorias.demo import cargar_demo
    from cooperacion.core.management.commands.cargar_demo import ACTORES
    from cooperacion.internacional.demo import cargar_prioridades

    asegurar_datos_de_convocatorias()
    for nombre, sigla, tipo, pais, _web in ACTORES:
        Actor.objects.get_or_create(nombre=nombre, defaults={"sigla": sigla, "tipo": tipo, "pais": pais})
    por_codigo = {d.codigo: d for d in dependencias.values()}
    cargar_prioridades(usuarios=usuarios, dependencias=por_codigo, hoy=timezone.localdate())
    cargar_demo(usuarios=usuarios, dependencias=por_codigo, hoy=timezone.localdate())

    exportacion = iati.exportar_actividades(Proyecto.objects.all())
    assert exportacion.valida, exportacion.problemas
    assert exportacion.total == 3
    actividades = etree.fromstring(exportacion.contenido).findall("iati-activity")
    assert {a.find("activity-status").get("code") for a in actividades} == {"2", "4"}
    assert any(a.find("participating-org").get("ref") for a in actividades)

    # The entity's file: one total-budget per year, the sum of the activities' budgets of that year in USD.
    tasas = {"USD": Decimal(1), **{p.moneda.codigo: p.tasa_usd for p in Proyecto.objects.select_related("moneda")}}
    esperado: dict[int, Decimal] = {}
    for presupuesto in etree.fromstring(exportacion.contenido).iter("budget"):
        anio = int(presupuesto.find("period-start").get("iso-date")[:4])
        valor = presupuesto.find("value")
        esperado[anio] = esperado.get(anio, Decimal(0)) + Decimal(valor.text) * tasas[valor.get("currency")]
    organizacion = iati.exportar_organizacion()
    assert organizacion.valida, organizacion.problemas
    assert iati.errores_de_esquema(organizacion.contenido, "organisations") == []
    totales = etree.fromstring(organizacion.contenido).findall("iati-organisation/total-budget")
    leidos = {
        int(t.find("period-start").get("iso-date")[:4]): (
            t.find("period-end").get("iso-date"),
            Decimal(t.findtext("value")),
            t.find("value").get("currency"),
            t.find("value").get("value-date"),
        )
        for t in totales
    }
    assert len(totales) == len(esperado) >= 2
    assert leidos == {
        anio: (f"{anio}-12-31", suma.quantize(Decimal("0.01")), "USD", f"{anio}-01-01")
        for anio, suma in esperado.items()
    }
    assert tasas["EUR"] == Decimal("1.08")  # a project in euros is added at its rate, not as raw euros

    filas = list(ciclope.filas(Proyecto.objects.order_by("codigo")))
    assert all(len(f) == 38 for f in filas)
    eur = Proyecto.objects.get(moneda__codigo="EUR")
    assert ciclope.valor_usd(eur) == (eur.monto_comprometido * Decimal("1.08")).quantize(Decimal("0.01"))


class TestCiclope:
    def test_descarga_con_las_38_columnas_en_su_orden(self, proyecto, cliente_de):
        import io

        from openpyxl import load_workbook

        from convocatorias import ciclope

        respuesta = cliente_de("profesional").get(reverse("convocatorias:proyectos-ciclope"))
        assert respuesta.status_code == 200
        hoja = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content))).worksheets[0]
        filas = [[c.value for c in fila] for fila in hoja.iter_rows()]
        assert tuple(filas[0]) == ciclope.COLUMNAS
        fila = dict(zip(ciclope.COLUMNAS, filas[1], strict=True))
        assert fila["CODIGO INTERVENCION"] == proyecto.codigo
        assert fila["VALOR APORTE (USD)"] == 80000
        assert fila["DIVIPOLA_MUN"] == "05001; 52001"
        assert fila["CAD TERCER NIVEL"].startswith("16020")
        assert fila["PDET"] is None

    def test_csv_con_las_mismas_filas(self, proyecto, cliente_de):
        import csv
        import io

        from convocatorias import ciclope

        respuesta = cliente_de("jefe").get(reverse("convocatorias:proyectos-ciclope-csv"))
        assert respuesta.status_code == 200
        filas = list(csv.reader(io.StringIO(b"".join(respuesta.streaming_content).decode("utf-8-sig"))))
        assert tuple(filas[0]) == ciclope.COLUMNAS
        fila = dict(zip(ciclope.COLUMNAS, filas[1], strict=True))
        assert fila["CODIGO INTERVENCION"] == proyecto.codigo
        assert fila["VALOR APORTE (USD)"] == "80000.00"
        assert fila["PDET"] == ""

    def test_el_de_otra_dependencia_no_ve_los_proyectos_ajenos(self, proyecto, cliente_de):
        import io

        from openpyxl import load_workbook

        respuesta = cliente_de("profesional2").get(reverse("convocatorias:proyectos-ciclope"))
        hoja = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content))).worksheets[0]
        assert len(list(hoja.iter_rows())) == 1


def _con_sectores(filas, **datos):
    """The form's POST data with the sectors formset (five rows, the unused ones empty)."""
    post = {
        "sectores-TOTAL_FORMS": "5",
        "sectores-INITIAL_FORMS": "0",
        "sectores-MIN_NUM_FORMS": "5",
        "sectores-MAX_NUM_FORMS": "10",
        "tasa_usd": "",
        **datos,
    }
    for i, (codigo, porcentaje) in enumerate(filas):
        post[f"sectores-{i}-codigo"] = codigo
        post[f"sectores-{i}-porcentaje"] = porcentaje
    return post


def _sectores(proyecto):
    return [(s.codigo, s.porcentaje) for s in SectorProyecto.objects.filter(proyecto=proyecto)]


class TestDatosIATI:
    def test_profesional_completa_sectores_tasa_e_indicadores(self, proyecto, cliente_de, dependencias, usuarios):
        indicador = IndicadorFactory(dependencia=dependencias["ocri"])
        url = reverse("convocatorias:proyecto-datos-iati", args=[proyecto.pk])
        cliente = cliente_de("profesional")
        pagina = cliente.get(url).content.decode()
        assert 'name="sectores-0-codigo"' in pagina
        assert 'name="sectores-4-porcentaje"' in pagina
        # The picker names the sectors in Spanish, after their code.
        assert ">11110 – Política educativa y gestión administrativa</option>" in pagina
        assert ">16020 – Creación de empleo</option>" in pagina
        assert "Education policy" not in pagina
        assert "Employment creation" not in pagina
        datos = _con_sectores([("16010", "60,5"), ("15110", "39,5")], indicadores=[indicador.pk], publicar="on")
        respuesta = cliente.post(url, datos)
        assert respuesta.status_code == 302
        proyecto.refresh_from_db()
        assert _sectores(proyecto) == [("16010", Decimal("60.5")), ("15110", Decimal("39.5"))]
        assert proyecto.tasa_usd == 1  # a project in USD
        assert list(proyecto.indicadores.all()) == [indicador]
        assert proyecto.publicado_en == timezone.localdate()
        # The sector the project had is gone, and its history says who removed it.
        borrado = SectorProyecto.history.filter(codigo="16020", history_type="-").get()
        assert borrado.history_user == usuarios["profesional"]
        assert (
            SectorProyecto.history.filter(codigo="16010", history_type="+").get().history_user
            == usuarios["profesional"]
        )
        ficha = cliente.get(proyecto.get_absolute_url()).content.decode()
        assert "16010 – Protección social" in ficha
        assert "15110 – Política de la administración pública y gestión administrativa" in ficha
        assert "Social Protection" not in ficha
        assert "(60,50 %)" in ficha

    def test_el_formulario_muestra_los_sectores_guardados(self, proyecto, cliente_de):
        url = reverse("convocatorias:proyecto-datos-iati", args=[proyecto.pk])
        formulario = cliente_de("profesional").get(url).context["sectores"]
        assert [f.initial for f in formulario.forms[:1]] == [{"codigo": "16020", "porcentaje": Decimal(100)}]
        assert len(formulario.forms) == 5

    @pytest.mark.parametrize(
        ("filas", "mensaje"),
        [
            ([("16010", "60"), ("15110", "30")], "suman 90 %; deben sumar exactamente 100 %"),
            ([("16010", "50"), ("16010", "50")], "El sector CAD 16010 está repetido"),
            ([("16010", "")], "Indique el sector y su porcentaje"),
            ([("16010", "100,5")], "menor o igual a 100"),
            ([("16010", "0"), ("15110", "100")], "mayor que 0"),
            ([("99999", "100")], "99999 no es una de las opciones"),
        ],
    )
    def test_sectores_invalidos_se_rechazan_con_su_mensaje(self, proyecto, cliente_de, filas, mensaje):
        url = reverse("convocatorias:proyecto-datos-iati", args=[proyecto.pk])
        respuesta = cliente_de("profesional").post(url, _con_sectores(filas))
        assert respuesta.status_code == 200
        assert mensaje in respuesta.content.decode()
        assert _sectores(proyecto) == [("16020", Decimal(100))]

    def test_sin_sectores_se_guarda_y_el_archivo_pide_completarlo(self, proyecto, cliente_de):
        url = reverse("convocatorias:proyecto-datos-iati", args=[proyecto.pk])
        assert cliente_de("profesional").post(url, _con_sectores([])).status_code == 302
        assert _sectores(proyecto) == []
        (problemas,) = iati.exportar_actividades(Proyecto.objects.all()).problemas.values()
        assert "Indique al menos un sector CAD de 5 dígitos en «Datos para IATI y Cíclope»." in problemas

    def test_el_servicio_tambien_exige_que_sumen_100(self, proyecto, usuarios):
        with pytest.raises(ErrorDeDominio, match="suman 80 %"):
            services.proyecto_datos_iati_editar(
                proyecto=proyecto,
                usuario=usuarios["profesional"],
                sectores=[("16010", Decimal(50)), ("15110", Decimal(30))],
                tasa_usd=None,
            )
        assert _sectores(proyecto) == [("16020", Decimal(100))]

    def test_el_de_otra_dependencia_recibe_404_y_control_403(self, proyecto, cliente_de):
        url = reverse("convocatorias:proyecto-datos-iati", args=[proyecto.pk])
        assert cliente_de("profesional2").get(url).status_code == 404
        assert cliente_de("control").get(url).status_code == 403


class TestSectores:
    def test_la_base_de_datos_rechaza_porcentajes_fuera_de_rango_y_repetidos(self, proyecto):
        from django.db import IntegrityError, transaction

        for porcentaje in (Decimal(0), Decimal("-5"), Decimal("100.01")):
            with pytest.raises(IntegrityError), transaction.atomic():
                SectorProyecto.objects.create(proyecto=proyecto, codigo="15110", porcentaje=porcentaje)
        with pytest.raises(IntegrityError), transaction.atomic():
            SectorProyecto.objects.create(proyecto=proyecto, codigo="16020", porcentaje=Decimal(10))

    def test_varios_sectores_salen_con_su_porcentaje(self, proyecto):
        proyecto.sectores.update(porcentaje=Decimal("62.5"))
        SectorProyecto.objects.create(proyecto=proyecto, codigo="15110", porcentaje=Decimal("37.5"))
        exportacion = iati.exportar_actividades(Proyecto.objects.all())
        assert exportacion.valida, exportacion.problemas
        sectores = _xml(exportacion).findall("iati-activity/sector")
        assert [(s.get("vocabulary"), s.get("code"), s.get("percentage")) for s in sectores] == [
            ("1", "16020", "62.5"),
            ("1", "15110", "37.5"),
        ]
        from convocatorias import ciclope, publico

        fila = dict(zip(ciclope.COLUMNAS, next(ciclope.filas(Proyecto.objects.all())), strict=True))
        assert fila["CAD TERCER NIVEL"] == (
            "16020 – Creación de empleo; 15110 – Política de la administración pública y gestión administrativa"
        )
        proyecto.publicado_en = timezone.localdate()
        proyecto.save()
        (publicado,) = publico.filas_publicadas()
        assert publicado["sectores_cad"] == "16020:62.5; 15110:37.5"

    def test_porcentajes_que_no_suman_100_se_reportan(self, proyecto):
        proyecto.sectores.update(porcentaje=Decimal(50))
        SectorProyecto.objects.create(proyecto=proyecto, codigo="15110", porcentaje=Decimal(30))
        exportacion = iati.exportar_actividades(Proyecto.objects.all())
        assert not exportacion.valida
        (problemas,) = exportacion.problemas.values()
        assert "Los porcentajes de los sectores CAD suman 80 %; deben sumar exactamente 100 %." in problemas

    def test_la_exportacion_hace_las_mismas_consultas_con_mas_proyectos(self, usuarios, dependencias):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from tests.factories_convocatorias import proyecto_de

        asegurar_datos_de_convocatorias()

        def consultas():
            with CaptureQueriesContext(connection) as contexto:
                exportacion = iati.exportar_actividades(Proyecto.objects.all())
            assert exportacion.valida, exportacion.problemas
            return len(contexto.captured_queries)

        primero = proyecto_de(dependencias["ocri"], usuarios["profesional"], 0)
        SectorProyecto.objects.create(proyecto=primero, codigo="15110", porcentaje=Decimal(1))
        primero.sectores.filter(codigo="16020").update(porcentaje=Decimal(99))
        con_uno = consultas()
        for n in (1, 2, 3):
            proyecto_de(dependencias["ocri"], usuarios["profesional"], n)
        assert consultas() == con_uno


class TestEntidad:
    """The entity's IATI identifier and type are set by the Administrador in the catalogs, not in a setting."""

    def test_la_migracion_la_crea_con_el_valor_inicial(self, db):
        entidad = Entidad.actual()
        assert (entidad.pk, entidad.identificador_iati, entidad.tipo_iati) == (1, "CO-RUE-830115226", "10")

    def test_el_archivo_usa_el_identificador_y_el_tipo_del_catalogo(self, proyecto, usuarios):
        servicios_nucleo.entidad_configurar(
            usuario=usuarios["admin"], identificador_iati=" CO-RUE-890399029 ", tipo_iati="11"
        )
        exportacion = iati.exportar_actividades(Proyecto.objects.all())
        assert exportacion.valida, exportacion.problemas
        actividad = _xml(exportacion).find("iati-activity")
        assert actividad.findtext("iati-identifier") == f"CO-RUE-890399029-{proyecto.codigo}"
        reporta = actividad.find("reporting-org")
        assert (reporta.get("ref"), reporta.get("type")) == ("CO-RUE-890399029", "11")
        organizacion = etree.fromstring(iati.exportar_organizacion().contenido)
        assert organizacion.findtext("iati-organisation/organisation-identifier") == "CO-RUE-890399029"
        assert Entidad.actual().history.first().history_user == usuarios["admin"]

    def test_sin_identificador_se_reporta_que_lo_registre_el_administrador(self, proyecto):
        entidad = Entidad.actual()
        entidad.identificador_iati = ""
        entidad.save()
        exportacion = iati.exportar_actividades(Proyecto.objects.all())
        assert not exportacion.valida
        (problemas,) = exportacion.problemas.values()
        assert any("Catálogos → Entidad" in p for p in problemas)
        assert not iati.exportar_organizacion().valida

    def test_identificador_con_espacios_se_rechaza(self, usuarios):
        with pytest.raises(ErrorDeDominio, match="formato de IATI"):
            servicios_nucleo.entidad_configurar(
                usuario=usuarios["admin"], identificador_iati="CO RUE 1", tipo_iati="10"
            )
        with pytest.raises(ErrorDeDominio):
            servicios_nucleo.entidad_configurar(
                usuario=usuarios["admin"], identificador_iati="CO-RUE-1", tipo_iati="99"
            )
        assert Entidad.actual().identificador_iati == "CO-RUE-830115226"

    def test_solo_el_administrador_la_configura(self, usuarios):
        with pytest.raises(ErrorDeDominio, match="Administrador"):
            servicios_nucleo.entidad_configurar(usuario=usuarios["jefe"], identificador_iati="CO-RUE-1", tipo_iati="10")

    def test_el_administrador_la_edita_en_administracion_y_queda_en_el_historial(self, cliente_de, usuarios):
        cliente = cliente_de("admin")
        url = reverse("admin:core_entidad_change", args=[Entidad.actual().pk])
        respuesta = cliente.post(url, {"identificador_iati": "CO-RUE-899999061", "tipo_iati": "10"})
        assert respuesta.status_code == 302
        assert Entidad.actual().identificador_iati == "CO-RUE-899999061"
        assert Entidad.actual().history.first().history_user == usuarios["admin"]
        respuesta = cliente.post(url, {"identificador_iati": "CO RUE", "tipo_iati": "10"})
        assert respuesta.status_code == 200
        assert "formato de IATI" in respuesta.content.decode()
        assert cliente.get(reverse("admin:core_entidad_add")).status_code == 403
        assert cliente.get(reverse("admin:core_entidad_delete", args=[1])).status_code == 403

    def test_la_pagina_del_catalogo_la_muestra(self, cliente_de):
        respuesta = cliente_de("profesional").get(reverse("core:entidad"))
        assert respuesta.status_code == 200
        assert "CO-RUE-830115226" in respuesta.content.decode()
        assert reverse("admin:core_entidad_change", args=[1]) not in respuesta.content.decode()
        assert (
            reverse("admin:core_entidad_change", args=[1])
            in cliente_de("admin").get(reverse("core:entidad")).content.decode()
        )


class TestTipoIATIDelActor:
    def test_los_codigos_son_los_de_la_lista_oficial_copiada(self):
        copia = (
            Path(__file__).resolve().parent.parent / "cooperacion" / "core" / "datos" / "iati" / "OrganisationType.xml"
        )
        codigos = [item.findtext("code") for item in etree.parse(str(copia)).iter("codelist-item")]
        assert TipoOrganizacionIATI.values == codigos

    def test_vacio_se_toma_del_tipo_de_actor(self, db):
        actor = Actor.objects.create(nombre="Fundación X", tipo=Actor.Tipo.ESAL)
        assert actor.tipo_iati == "21"
        actor.tipo_iati = ""
        actor.save(update_fields=["tipo_iati"])
        actor.refresh_from_db()
        assert actor.tipo_iati == "21"

    def test_el_elegido_en_el_catalogo_sale_en_el_archivo(self, proyecto):
        cooperante = proyecto.convocatoria.cooperante
        cooperante.tipo_iati = TipoOrganizacionIATI.FUNDACION
        cooperante.save()
        exportacion = iati.exportar_actividades(Proyecto.objects.all())
        assert exportacion.valida, exportacion.problemas
        financiador = _xml(exportacion).find("iati-activity/participating-org[@role='1']")
        assert financiador.get("type") == "60"

    def test_el_administrador_lo_edita_en_el_formulario_del_actor(self, cliente_de, db):
        actor = Actor.objects.create(nombre="Banco Y", tipo=Actor.Tipo.EMPRESA_PRIVADA)
        cliente = cliente_de("admin")
        url = reverse("admin:core_actor_change", args=[actor.pk])
        contenido = cliente.get(url).content.decode()
        assert 'name="tipo_iati"' in contenido
        assert "Sector privado del país donante" in contenido
        datos = {"nombre": actor.nombre, "tipo": actor.tipo, "tipo_iati": "71"}
        assert cliente.post(url, datos).status_code == 302
        actor.refresh_from_db()
        assert actor.tipo_iati == "71"
        assert actor.history.first().tipo_iati == "71"
        assert cliente.post(url, {**datos, "tipo_iati": "99"}).status_code == 200


class TestPresupuestoDeLaEntidad:
    def test_suma_por_anio_los_presupuestos_de_los_proyectos_en_dolares(self, proyecto, usuarios, dependencias):
        from tests.factories_convocatorias import proyecto_de

        otro = proyecto_de(dependencias["ddft"], usuarios["profesional2"])  # another dependencia's project counts
        otro.moneda = Moneda.objects.get(codigo="EUR")
        otro.tasa_usd = Decimal("1.1")
        otro.save()
        esperado: dict[int, Decimal] = {}
        for p, tasa in ((proyecto, Decimal(1)), (otro, Decimal("1.1"))):
            for inicio, _fin, monto in iati.periodos_de_presupuesto(p):
                esperado[inicio.year] = esperado.get(inicio.year, Decimal(0)) + monto * tasa
        exportacion = iati.exportar_organizacion()
        assert exportacion.valida, exportacion.problemas
        totales = etree.fromstring(exportacion.contenido).findall("iati-organisation/total-budget")
        assert {int(t.find("period-start").get("iso-date")[:4]): Decimal(t.findtext("value")) for t in totales} == {
            anio: suma.quantize(Decimal("0.01")) for anio, suma in esperado.items()
        }
        assert all(t.get("status") == "2" for t in totales)

    def test_un_proyecto_en_otra_moneda_sin_tasa_se_reporta(self, proyecto, cliente_de):
        proyecto.moneda = Moneda.objects.get(codigo="EUR")
        proyecto.tasa_usd = None
        proyecto.save()
        exportacion = iati.exportar_organizacion()
        assert not exportacion.valida
        assert list(exportacion.problemas) == [proyecto]
        assert "tasa de cambio a USD" in exportacion.problemas[proyecto][0]
        url = reverse("convocatorias:organizacion-iati")
        respuesta = cliente_de("profesional").get(url)
        assert respuesta.status_code == 422
        assert proyecto.codigo in respuesta.content.decode()
        # Someone of another dependencia is told how many, not which.
        ajeno = cliente_de("profesional2").get(url).content.decode()
        assert proyecto.codigo not in ajeno
        assert "1 proyecto(s) de otras dependencias" in ajeno

    def test_sin_proyectos_el_archivo_no_tiene_presupuestos(self, db):
        exportacion = iati.exportar_organizacion()
        assert exportacion.valida
        assert etree.fromstring(exportacion.contenido).find("iati-organisation/total-budget") is None
