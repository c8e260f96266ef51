"""Daily use: money and dates typed and shown the Colombian way, a readable history, every problem of a form at once,
preconditions said first, a page for action addresses opened by hand."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from convocatorias import services as servicios_convocatorias
from convocatorias.forms import MovimientoForm
from convocatorias.models import Convocatoria
from cooperacion.core.campos import CampoMonto, CampoTasa
from cooperacion.core.numeros import formatear_numero
from cooperacion.core.textos import resumir
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, avanzar, datos_de_convocatoria, pdf


@pytest.fixture(autouse=True)
def _archivos_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


class TestDinero:
    @pytest.mark.parametrize(
        ("texto", "valor"),
        [("1.500.000", "1500000"), ("4450,5", "4450.5"), ("1.500.000,50", "1500000.50"), ("$ 2.000", "2000")],
    )
    def test_se_lee_como_se_escribe_en_colombia(self, texto, valor):
        assert CampoMonto().clean(texto) == Decimal(valor)

    @pytest.mark.parametrize(
        ("texto", "mensaje"),
        [
            ("1,500", "es ambiguo: ¿1.500 o 1,5?"),
            ("4450.5", "los decimales se escriben con coma"),
            ("1,500,000", "una sola coma"),
            ("mil", "Escriba un número como 1.500.000"),
        ],
    )
    def test_lo_ambiguo_se_rechaza_diciendo_como_escribirlo(self, texto, mensaje):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError, match=mensaje):
            CampoTasa().clean(texto)

    def test_el_formulario_muestra_los_montos_con_puntos_y_coma(self):
        form = MovimientoForm(initial={"monto": Decimal("1200000.00")})
        assert 'value="1.200.000"' in str(form["monto"])
        assert formatear_numero(Decimal("4450.5000")) == "4.450,5"

    def test_el_equivalente_en_pesos_tiene_su_aviso_junto_al_monto(self, db):
        from convocatorias.forms import PresentacionForm

        asegurar_datos_de_convocatorias()
        campo = str(PresentacionForm(convocatoria=Convocatoria(moneda=None))["monto_solicitado"])
        assert 'data-monto="1"' in campo
        assert 'inputmode="decimal"' in campo


@pytest.fixture
def aprobada(usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    convocatoria = servicios_convocatorias.convocatoria_crear(
        usuario=usuarios["profesional"], **datos_de_convocatoria(monto=Decimal("100000"))
    )
    return avanzar(convocatoria, Convocatoria.Estado.APROBADA, usuarios=usuarios, dependencias=dependencias)


class TestFormulariosDeUnaVez:
    def test_presentar_muestra_todos_los_problemas_y_el_solicitado_no_supera_lo_ofrecido(self, cliente_de, aprobada):
        url = reverse("convocatorias:presentacion", args=[aprobada.pk])
        datos = {
            "fecha": (timezone.localdate() + timedelta(days=2)).isoformat(),
            "canal": "plataforma",
            "radicado": "RAD-9",
            "comprobante": pdf("radicado.pdf"),
            "monto_solicitado": "150.000",
        }
        respuesta = cliente_de("profesional").post(url, datos)
        assert respuesta.status_code == 200
        errores = respuesta.context["form"].errors
        assert "no puede ser posterior a hoy" in " ".join(errores["fecha"])
        assert "supera los recursos que ofrece la convocatoria (100.000 USD)" in " ".join(errores["monto_solicitado"])
        aprobada.refresh_from_db()
        assert aprobada.estado == Convocatoria.Estado.APROBADA

    def test_la_finalizacion_dice_de_entrada_que_falta(self, cliente_de, usuarios, dependencias):
        asegurar_datos_de_convocatorias()
        convocatoria = servicios_convocatorias.convocatoria_crear(
            usuario=usuarios["profesional"], **datos_de_convocatoria()
        )
        avanzar(convocatoria, Convocatoria.Estado.EN_EJECUCION, usuarios=usuarios, dependencias=dependencias)
        pagina = cliente_de("jefe").get(reverse("convocatorias:finalizar", args=[convocatoria.proyecto.pk]))
        assert "Hoy no se puede firmar: los informes de ejecución n.º 1" in pagina.content.decode()


class TestHistorialLegible:
    def test_fechas_locales_montos_con_moneda_etiquetas_y_acciones(self, cliente_de, usuarios, dependencias, aprobada):
        servicios_convocatorias.convocatoria_presentar(
            convocatoria=aprobada,
            usuario=usuarios["profesional"],
            fecha=timezone.localdate(),
            canal=Convocatoria.Canal.PLATAFORMA,
            radicado="RAD-77",
            comprobante=pdf("comprobante-final.pdf"),
            monto_solicitado=Decimal("90000"),
        )
        contenido = (
            cliente_de("jefe")
            .get(reverse("core:historial", args=["convocatorias", "convocatoria", aprobada.pk]))
            .content.decode()
        )
        assert "90.000 USD" in contenido
        assert "90000.00" not in contenido
        assert "comprobante-final.pdf" in contenido
        assert "convocatorias/" not in contenido.split('id="tabla-historial"')[1]  # no storage paths
        assert "+00:00" not in contenido
        assert timezone.localtime().strftime("%d/%m/%Y") in contenido

    def test_la_accion_se_muestra_con_su_nombre_y_no_con_su_codigo(self, cliente_de, usuarios, dependencias):
        from procesos import services as servicios_procesos
        from tests.factories_procesos import CaracterizacionFactory, ProcesoFactory, con_filas

        c = con_filas(CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"])))
        servicios_procesos.caracterizacion_enviar_revision(caracterizacion=c, usuario=usuarios["profesional"])
        contenido = (
            cliente_de("jefe")
            .get(reverse("core:historial", args=["procesos", "caracterizacion", c.pk]))
            .content.decode()
        )
        assert "Enviar a revisión" in contenido
        assert "enviar_revision" not in contenido

    def test_los_resumenes_cortan_en_palabra_completa(self):
        texto = "Se aplica porque responde a la línea prioritaria de empleo rural y a dos necesidades abiertas"
        assert resumir(texto, 40) == "Se aplica porque responde a la línea…"
        assert resumir("corto", 40) == "corto"


def test_una_direccion_de_accion_abierta_a_mano_explica_y_ofrece_volver(cliente_de, aprobada):
    url = reverse("convocatorias:transicion", args=[aprobada.pk, "aprobar_proyecto"])
    respuesta = cliente_de("jefe").get(url, HTTP_REFERER=f"http://testserver{aprobada.get_absolute_url()}")
    assert respuesta.status_code == 405
    contenido = respuesta.content.decode()
    assert "Esta dirección no se abre directamente" in contenido
    assert aprobada.get_absolute_url() in contenido
    assert respuesta["Allow"] == "POST"


class TestTareasYAvisos:
    @pytest.fixture
    def convocatoria(self, usuarios):
        asegurar_datos_de_convocatorias()
        return servicios_convocatorias.convocatoria_crear(usuario=usuarios["profesional"], **datos_de_convocatoria())

    def test_el_aviso_de_una_tarea_sale_de_la_campana_cuando_se_cumple(self, usuarios, convocatoria):
        from cooperacion.core.models import Notificacion

        servicios_convocatorias.convocatoria_priorizar(convocatoria=convocatoria, usuario=usuarios["profesional"])
        aviso = Notificacion.objects.get(usuario=usuarios["jefe"], titulo__startswith="Convocatoria por validar")
        assert aviso.leida_en is None
        servicios_convocatorias.convocatoria_aplicar(convocatoria=convocatoria, usuario=usuarios["jefe"], motivo="Sí")
        aviso.refresh_from_db()
        assert aviso.leida_en is not None

    def test_nadie_recibe_aviso_de_su_propia_accion(self, usuarios, convocatoria):
        from cooperacion.core.models import Notificacion

        servicios_convocatorias.convocatoria_priorizar(convocatoria=convocatoria, usuario=usuarios["jefe"])
        assert not Notificacion.objects.filter(usuario=usuarios["jefe"]).exists()


def test_el_control_de_cambios_sigue_las_ediciones_hasta_la_aprobacion(usuarios, dependencias):
    from procesos import services as servicios_procesos
    from procesos.models import Etapa
    from tests.factories_procesos import CaracterizacionFactory, ProcesoFactory, con_filas, fila

    vigente = con_filas(CaracterizacionFactory(proceso=ProcesoFactory(dependencia=dependencias["ocri"])))
    servicios_procesos.caracterizacion_enviar_revision(caracterizacion=vigente, usuario=usuarios["profesional"])
    servicios_procesos.caracterizacion_aprobar(caracterizacion=vigente, usuario=usuarios["jefe"])
    borrador = servicios_procesos.caracterizacion_nueva_version(
        caracterizacion=vigente, usuario=usuarios["profesional"]
    )
    servicios_procesos.caracterizacion_actualizar(
        caracterizacion=borrador, usuario=usuarios["profesional"], datos={"objetivo": "Un objetivo nuevo"}
    )
    servicios_procesos.caracterizacion_enviar_revision(caracterizacion=borrador, usuario=usuarios["profesional"])
    assert borrador.control_seccion == "Objetivo"
    servicios_procesos.caracterizacion_devolver(caracterizacion=borrador, usuario=usuarios["jefe"], motivo="Falta")
    filas = [fila(e, 1) for e in Etapa.values] + [fila(Etapa.HACER, 2)]
    servicios_procesos.caracterizacion_guardar_contenido(
        caracterizacion=borrador, usuario=usuarios["profesional"], contenido={"filas": filas}
    )
    servicios_procesos.caracterizacion_enviar_revision(caracterizacion=borrador, usuario=usuarios["profesional"])
    servicios_procesos.caracterizacion_aprobar(caracterizacion=borrador, usuario=usuarios["jefe"])
    fila_de_control = borrador.cambios.order_by("-orden").first()
    assert fila_de_control.seccion == "Objetivo, Ciclo PHVA: Hacer"
