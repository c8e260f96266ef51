"""Priority lines approved by the Jefe in the browser, and needs through registrada → priorizada → presentada →
atendida / descartada, with the page of needs against the cooperation obtained."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Moneda
from cooperacion.internacional.models import LineaPrioritaria, Necesidad
from cooperacion.internacional.services import prioridades as servicios
from tests.factories_convocatorias import ConvocatoriaFactory, asegurar_datos_de_convocatorias
from tests.factories_internacional import LineaFactory, NecesidadFactory


@pytest.fixture
def linea(usuarios):
    return LineaFactory(nombre="Migración laboral")


@pytest.fixture
def necesidad(usuarios, dependencias, linea):
    return NecesidadFactory(dependencia=dependencias["ddft"], linea=linea, registrada_por=usuarios["profesional2"])


def _post(cliente, nombre, pk, datos):
    return cliente.post(reverse(f"internacional:{nombre}", args=[pk]), datos)


def test_el_jefe_aprueba_en_el_navegador_la_linea_que_propuso_la_oficina(cliente_de, usuarios):
    respuesta = cliente_de("profesional").post(
        reverse("internacional:linea-crear"),
        {
            "nombre": "Empleo verde",
            "tipo": "demanda",
            "periodo_inicio": 2026,
            "periodo_fin": 2029,
            "token_creacion": "t-linea-1",
        },
    )
    linea = LineaPrioritaria.objects.get(nombre="Empleo verde")
    assert respuesta.status_code == 302
    assert linea.estado == LineaPrioritaria.Estado.PROPUESTA
    assert not LineaPrioritaria.objects.vigentes().filter(pk=linea.pk).exists()
    # The Profesional sees no approve button and cannot approve by POST.
    assert "Aprobar la línea" not in cliente_de("profesional").get(linea.get_absolute_url()).content.decode()
    aprobar = reverse("internacional:linea-transicion", args=[linea.pk, "aprobar"])
    assert cliente_de("profesional").post(aprobar).status_code == 403
    assert "Aprobar la línea" in cliente_de("jefe").get(linea.get_absolute_url()).content.decode()
    assert cliente_de("jefe").post(aprobar).status_code == 302
    linea.refresh_from_db()
    assert (linea.estado, linea.aprobada_por) == (LineaPrioritaria.Estado.APROBADA, usuarios["jefe"])
    assert LineaPrioritaria.objects.vigentes().filter(pk=linea.pk).exists()
    log = StateLog.objects.for_(linea).get()
    assert (log.by, log.source_state, log.state) == (usuarios["jefe"], "propuesta", "aprobada")


def test_una_linea_con_periodo_al_reves_no_se_guarda(cliente_de):
    respuesta = cliente_de("profesional").post(
        reverse("internacional:linea-crear"),
        {"nombre": "Al revés", "tipo": "oferta", "periodo_inicio": 2028, "periodo_fin": 2026, "token_creacion": "t2"},
    )
    assert respuesta.status_code == 200
    assert "no puede ser anterior al inicial" in respuesta.content.decode()
    assert not LineaPrioritaria.objects.filter(nombre="Al revés").exists()


def test_rechazar_o_retirar_una_linea_exige_motivo(usuarios):
    linea = LineaFactory(estado=LineaPrioritaria.Estado.PROPUESTA)
    with pytest.raises(ErrorDeDominio, match="por qué"):
        servicios.linea_rechazar(linea=linea, usuario=usuarios["jefe"], motivo=" ")
    servicios.linea_aprobar(linea=linea, usuario=usuarios["jefe"])
    servicios.linea_retirar(linea=linea, usuario=usuarios["jefe"], motivo="Ya no es prioridad del sector.")
    linea.refresh_from_db()
    assert (linea.estado, linea.activa) == (LineaPrioritaria.Estado.RETIRADA, False)


def test_otra_dependencia_registra_su_necesidad_y_la_oficina_la_lleva_hasta_atendida(
    cliente_de, usuarios, dependencias, linea
):
    cop = Moneda.objects.get(codigo="COP")
    respuesta = cliente_de("profesional2").post(
        reverse("internacional:necesidad-crear"),
        {
            "titulo": "Inspección móvil en zonas rurales",
            "descripcion": "Dotar a los inspectores de unidades móviles.",
            "tema": "Inspección",
            "linea": linea.pk,
            "monto_estimado": "1.500.000.000",
            "moneda": cop.pk,
            "token_creacion": "t-nec-1",
        },
    )
    necesidad = Necesidad.objects.get(titulo="Inspección móvil en zonas rurales")
    assert respuesta.status_code == 302
    assert (necesidad.dependencia, necesidad.monto_estimado) == (dependencias["ddft"], Decimal("1500000000"))
    # Only the office prioritizes.
    assert (
        cliente_de("profesional2").get(reverse("internacional:necesidad-priorizar", args=[necesidad.pk])).status_code
        == 403
    )
    assert _post(cliente_de("profesional"), "necesidad-priorizar", necesidad.pk, {"prioridad": 2}).status_code == 302
    futuro = timezone.localdate() + timedelta(days=3)
    respuesta = _post(
        cliente_de("profesional"),
        "necesidad-presentar",
        necesidad.pk,
        {"presentada_a": "APC-Colombia", "fecha_presentacion": futuro.isoformat()},
    )
    assert "no puede ser posterior a hoy" in respuesta.content.decode()
    necesidad.refresh_from_db()
    assert (necesidad.estado, necesidad.prioridad) == (Necesidad.Estado.PRIORIZADA, 2)
    hoy = timezone.localdate().isoformat()
    _post(
        cliente_de("profesional"),
        "necesidad-presentar",
        necesidad.pk,
        {"presentada_a": "APC-Colombia", "fecha_presentacion": hoy},
    )
    asegurar_datos_de_convocatorias()
    convocatoria = ConvocatoriaFactory(dependencia=dependencias["ocri"])
    assert (
        _post(cliente_de("jefe"), "necesidad-atender", necesidad.pk, {"convocatoria": convocatoria.pk}).status_code
        == 302
    )
    necesidad.refresh_from_db()
    assert necesidad.estado == Necesidad.Estado.ATENDIDA
    assert list(convocatoria.necesidades.all()) == [necesidad]
    estados = [log.state for log in StateLog.objects.for_(necesidad).order_by("timestamp", "pk")]
    assert estados == ["priorizada", "presentada", "atendida"]
    pagina = cliente_de("profesional2").get(necesidad.get_absolute_url()).content.decode()
    assert convocatoria.nombre not in pagina  # a call of another dependencia stays out of the outsider's sight
    assert convocatoria.nombre in cliente_de("jefe").get(necesidad.get_absolute_url()).content.decode()


def test_una_necesidad_descartada_sin_motivo_se_rechaza(cliente_de, usuarios, necesidad):
    url = reverse("internacional:necesidad-transicion", args=[necesidad.pk, "descartar"])
    respuesta = cliente_de("jefe").post(url, {"motivo": "  "}, follow=True)
    assert "Escriba el motivo" in respuesta.content.decode()
    necesidad.refresh_from_db()
    assert necesidad.estado == Necesidad.Estado.REGISTRADA
    with pytest.raises(ErrorDeDominio, match="motivo del descarte"):
        servicios.necesidad_descartar(necesidad=necesidad, usuario=usuarios["jefe"], motivo="")
    cliente_de("jefe").post(url, {"motivo": "La atiende el presupuesto nacional."})
    necesidad.refresh_from_db()
    assert (necesidad.estado, necesidad.motivo_descarte) == ("descartada", "La atiende el presupuesto nacional.")
    assert necesidad.registrada_por.notificaciones.filter(titulo__startswith="Necesidad descartada").exists()


def test_el_monto_negativo_o_sin_moneda_no_se_guarda(cliente_de, linea):
    respuesta = cliente_de("profesional").post(
        reverse("internacional:necesidad-crear"),
        {"titulo": "Sin moneda", "monto_estimado": "5.000", "linea": linea.pk, "token_creacion": "t-nec-2"},
    )
    assert "llevar su moneda" in respuesta.content.decode()
    respuesta = cliente_de("profesional").post(
        reverse("internacional:necesidad-crear"),
        {"titulo": "Negativo", "monto_estimado": "-5", "token_creacion": "t-nec-3"},
    )
    assert "no puede ser negativo" in respuesta.content.decode()
    assert not Necesidad.objects.filter(titulo__in=["Sin moneda", "Negativo"]).exists()


def test_una_linea_no_aprobada_no_se_ofrece_ni_se_acepta(cliente_de, usuarios):
    propuesta = LineaFactory(estado=LineaPrioritaria.Estado.PROPUESTA, nombre="Sin aprobar")
    respuesta = cliente_de("profesional").post(
        reverse("internacional:necesidad-crear"), {"titulo": "X", "linea": propuesta.pk, "token_creacion": "t-nec-4"}
    )
    assert respuesta.status_code == 200
    assert not Necesidad.objects.filter(titulo="X").exists()


def test_el_resumen_cruza_necesidades_con_la_cooperacion_obtenida(cliente_de, usuarios, dependencias, necesidad):
    pagina = cliente_de("jefe").get(reverse("internacional:necesidad-resumen"))
    assert pagina.status_code == 200
    tabla = pagina.context["resumen"]["dependencia"]
    assert [(f["nombre"], f["total"]) for f in tabla] == [(str(dependencias["ddft"].nombre), 1)]
    # The outsider sees only their dependencia's needs; the office's are out of their summary.
    NecesidadFactory(dependencia=dependencias["ocri"])
    propias = cliente_de("profesional2").get(reverse("internacional:necesidad-resumen")).context["resumen"]
    assert [f["total"] for f in propias["dependencia"]] == [1]


@pytest.mark.parametrize(
    "nombre", ["internacional:necesidad-lista", "internacional:linea-lista", "internacional:necesidad-resumen"]
)
def test_las_listas_no_crecen_en_consultas(cliente_de, dependencias, linea, nombre, django_assert_max_num_queries):
    NecesidadFactory(dependencia=dependencias["ddft"], linea=linea)
    cliente = cliente_de("jefe")
    with django_assert_max_num_queries(40) as pocas:
        cliente.get(reverse(nombre))
    for _i in range(15):
        NecesidadFactory(dependencia=dependencias["ddft"], linea=LineaFactory())
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        cliente.get(reverse(nombre))


def test_la_exportacion_de_necesidades_respeta_filtros_y_alcance(usuarios, dependencias, linea):
    from cooperacion.core import reportes

    NecesidadFactory(dependencia=dependencias["ddft"], linea=linea, titulo="De DDFT")
    NecesidadFactory(dependencia=dependencias["ocri"], titulo="De la oficina")
    reporte = reportes.obtener("necesidades")
    titulos = lambda usuario, datos: [f[1] for f in reporte.filas(reporte.parametros(datos, usuario), usuario)]  # noqa: E731
    assert titulos(usuarios["jefe"], {}) == ["De DDFT", "De la oficina"]
    assert titulos(usuarios["jefe"], {"linea": str(linea.pk)}) == ["De DDFT"]
    assert titulos(usuarios["profesional2"], {}) == ["De DDFT"]
