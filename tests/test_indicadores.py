"""Indicators through their services and pages: the sheet's rules, targets, measurements, locks registered by the
upper apps, stale edits, the template tag, and constant queries on the list."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cooperacion.core import roles
from cooperacion.core.models import Dependencia
from cooperacion.core.services import ErrorDeDominio
from indicadores import calculo, selectors, services, vinculos
from indicadores.models import Indicador, Medicion
from tests.factories import DependenciaFactory, UsuarioFactory
from tests.factories_indicadores import IndicadorFactory, RazonFactory, con_metas, pdf

ANIO = timezone.localdate().year - 1  # a year whose four quarters are over
D = Decimal


def ficha(**cambios) -> dict:
    datos = {
        "codigo": "OCRI-01",
        "nombre": "Solicitudes de cooperación tramitadas",
        "objetivo": "Medir la capacidad de respuesta de la oficina.",
        "tipo": Indicador.Tipo.EFICACIA,
        "formula": "(Solicitudes tramitadas / Solicitudes recibidas) × 100",
        "variable_numerador": "Solicitudes tramitadas",
        "variable_denominador": "Solicitudes recibidas",
        "unidad": "%",
        "medida": Indicador.Medida.PORCENTAJE,
        "sentido": Indicador.Sentido.CRECIENTE,
        "acumulacion": Indicador.Acumulacion.ACUMULADO,
        "frecuencia": Indicador.Frecuencia.TRIMESTRAL,
        "fuente": "Sistema de gestión documental",
    }
    return {**datos, **cambios}


@pytest.fixture
def territorial(db):
    nar = DependenciaFactory(
        codigo="5200", nombre="Dirección Territorial de Nariño", sigla="DT-NAR", tipo=Dependencia.Tipo.TERRITORIAL
    )
    usuario = UsuarioFactory(username="enlace_nar", dependencia=nar)
    usuario.groups.add(Group.objects.get(name=roles.PROFESIONAL))
    return nar, usuario


class TestFicha:
    def test_profesional_crea_para_su_dependencia(self, usuarios, dependencias):
        indicador = services.indicador_crear(
            usuario=usuarios["profesional"], dependencia=dependencias["ddft"], **ficha()
        )
        assert indicador.dependencia == dependencias["ocri"]  # only transversal roles choose another
        assert indicador.con_denominador
        assert indicador.history.count() == 1

    def test_decreciente_sin_linea_base_se_rechaza(self, usuarios):
        with pytest.raises(ErrorDeDominio, match="línea base"):
            services.indicador_crear(usuario=usuarios["profesional"], **ficha(sentido="decreciente"))

    def test_stock_necesita_linea_base_y_su_fecha(self, usuarios):
        with pytest.raises(ErrorDeDominio, match="línea base"):
            services.indicador_crear(usuario=usuarios["profesional"], **ficha(acumulacion="stock"))
        with pytest.raises(ErrorDeDominio, match="fecha de la línea base"):
            services.indicador_crear(usuario=usuarios["profesional"], **ficha(acumulacion="stock", linea_base=D(5)))

    def test_razon_sin_denominador(self, usuarios):
        with pytest.raises(ErrorDeDominio, match="denominador"):
            services.indicador_crear(usuario=usuarios["profesional"], **ficha(medida="razon", variable_denominador=""))

    def test_umbrales_ordenados(self, usuarios):
        with pytest.raises(ErrorDeDominio, match="umbral amarillo"):
            services.indicador_crear(
                usuario=usuarios["profesional"], **ficha(umbral_verde=D(70), umbral_amarillo=D(80))
            )

    def test_control_interno_no_crea(self, usuarios):
        with pytest.raises(ErrorDeDominio):
            services.indicador_crear(usuario=usuarios["control"], **ficha())


class TestMetas:
    def test_fija_cambia_y_quita_con_historial(self, usuarios, dependencias):
        indicador = IndicadorFactory(dependencia=dependencias["ocri"])
        services.metas_fijar(
            indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, valores={1: D(3), 2: D(3)}
        )
        services.metas_fijar(
            indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, valores={1: D(4), 2: None}
        )
        assert {m.trimestre: m.valor for m in indicador.metas.all()} == {1: D(4)}
        assert indicador.metas.get().history.count() == 2

    def test_negativa_y_porcentaje_mayor_a_cien(self, usuarios, dependencias):
        indicador = RazonFactory(dependencia=dependencias["ocri"])
        for valor, mensaje in ((D(-1), "negativa"), (D(101), "100")):
            with pytest.raises(ErrorDeDominio, match=mensaje):
                services.metas_fijar(
                    indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, valores={1: valor}
                )

    def test_frecuencia_semestral_no_lleva_meta_en_t1(self, usuarios, dependencias):
        indicador = IndicadorFactory(dependencia=dependencias["ocri"], frecuencia="semestral")
        with pytest.raises(ErrorDeDominio, match="semestral"):
            services.metas_fijar(indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, valores={1: D(2)})

    def test_otra_dependencia_no_fija_metas(self, usuarios, dependencias):
        indicador = IndicadorFactory(dependencia=dependencias["ocri"])
        with pytest.raises(ErrorDeDominio):
            services.metas_fijar(indicador=indicador, usuario=usuarios["profesional2"], anio=ANIO, valores={1: D(2)})

    def test_la_territorial_fija_sus_propias_metas(self, usuarios, dependencias, territorial):
        nar, enlace = territorial
        indicador = IndicadorFactory(dependencia=dependencias["ocri"])
        indicador.territoriales.add(nar)
        services.metas_fijar(indicador=indicador, usuario=enlace, anio=ANIO, valores={1: D(2)}, dependencia=nar)
        assert indicador.metas.get().dependencia == nar
        with pytest.raises(ErrorDeDominio):  # but not the general ones
            services.metas_fijar(indicador=indicador, usuario=enlace, anio=ANIO, valores={1: D(2)})


class TestMediciones:
    def test_registra_valor_calculado_y_evidencia(self, usuarios, dependencias):
        indicador = RazonFactory(dependencia=dependencias["ocri"])
        medicion = services.medicion_registrar(
            indicador=indicador,
            usuario=usuarios["profesional"],
            anio=ANIO,
            trimestre=2,
            numerador=D(27),
            denominador=D(30),
            analisis="Se tramitaron 27 de las 30 solicitudes recibidas.",
            evidencia=pdf(),
        )
        assert medicion.valor == D(90)
        assert medicion.evidencia.name.endswith("evidencia.pdf")

    @pytest.mark.parametrize(
        ("datos", "mensaje"),
        [
            ({"numerador": D(5), "denominador": None}, "denominador"),
            ({"numerador": D(5), "denominador": D(0)}, "mayor que cero"),
            ({"numerador": D(40), "denominador": D(30)}, "numerador no puede ser mayor"),
            ({"numerador": D(-1), "denominador": D(3)}, "negativo"),
            ({"numerador": D(1), "denominador": D(3), "analisis": "  "}, "análisis"),
        ],
    )
    def test_validaciones(self, usuarios, dependencias, datos, mensaje):
        indicador = RazonFactory(dependencia=dependencias["ocri"])
        datos = {"analisis": "Análisis del trimestre.", **datos}
        with pytest.raises(ErrorDeDominio, match=mensaje):
            services.medicion_registrar(
                indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=1, **datos
            )

    def test_no_se_reporta_un_trimestre_futuro(self, usuarios, dependencias):
        indicador = IndicadorFactory(dependencia=dependencias["ocri"])
        with pytest.raises(ErrorDeDominio, match="aún no ha empezado"):
            services.medicion_registrar(
                indicador=indicador,
                usuario=usuarios["profesional"],
                anio=ANIO + 2,
                trimestre=1,
                numerador=D(1),
                analisis="x",
            )

    def test_con_territoriales_cada_una_reporta_y_el_total_suma(self, usuarios, dependencias, territorial):
        nar, enlace = territorial
        bog = DependenciaFactory(codigo="5110", sigla="DT-BOG", tipo=Dependencia.Tipo.TERRITORIAL)
        indicador = RazonFactory(dependencia=dependencias["ocri"])
        indicador.territoriales.add(nar, bog)
        con_metas(indicador, ANIO, 80)
        with pytest.raises(ErrorDeDominio, match="direcciones territoriales"):
            services.medicion_registrar(
                indicador=indicador,
                usuario=usuarios["profesional"],
                anio=ANIO,
                trimestre=1,
                numerador=D(1),
                denominador=D(1),
                analisis="x",
            )
        services.medicion_registrar(
            indicador=indicador, usuario=enlace, anio=ANIO, trimestre=1, numerador=D(9), denominador=D(10),
            analisis="Nariño", dependencia=nar,
        )  # fmt: skip
        services.medicion_registrar(
            indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=1, numerador=D(20),
            denominador=D(100), analisis="Bogotá", dependencia=bog,
        )  # fmt: skip
        total = selectors.serie(indicador, ANIO).en(1)
        assert total.valor_periodo.quantize(D("0.01")) == D("26.36")  # 29/110, not the average 55 %
        assert selectors.serie_territorial(indicador, ANIO, nar).en(1).valor_periodo == D(90)


class TestBloqueos:
    def test_un_periodo_bloqueado_por_la_app_superior_rechaza_y_dice_por_que(self, usuarios, dependencias):
        indicador = IndicadorFactory(dependencia=dependencias["ocri"])

        def bloqueo(ids, *, que, anio, trimestre, dependencia_id):
            if que == vinculos.MEDICION and trimestre == 1:
                return dict.fromkeys(ids, "El seguimiento del T1 está cerrado.")
            return {}

        vinculos.registrar_bloqueo(bloqueo)
        try:
            with pytest.raises(ErrorDeDominio, match="T1 está cerrado"):
                services.medicion_registrar(
                    indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=1, numerador=D(1),
                    analisis="x",
                )  # fmt: skip
            services.medicion_registrar(
                indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=2, numerador=D(1),
                analisis="x",
            )  # fmt: skip
            services.medicion_registrar(
                indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=1, numerador=D(1),
                analisis="x", ignorar_bloqueo=True,
            )  # fmt: skip
        finally:
            vinculos._bloqueos.remove(bloqueo)
        assert indicador.mediciones.count() == 2

    def test_la_ficha_bloqueada_solo_en_lo_que_cambia_el_calculo(self, usuarios, dependencias):
        indicador = IndicadorFactory(dependencia=dependencias["ocri"])

        def bloqueo(ids, *, que, **kwargs):
            return dict.fromkeys(ids, "Hace parte de un plan aprobado.") if que == vinculos.FICHA else {}

        vinculos.registrar_bloqueo(bloqueo)
        try:
            services.indicador_editar(indicador=indicador, usuario=usuarios["profesional"], fuente="Otra fuente")
            with pytest.raises(ErrorDeDominio, match="plan aprobado"):
                services.indicador_editar(indicador=indicador, usuario=usuarios["profesional"], acumulacion="flujo")
        finally:
            vinculos._bloqueos.remove(bloqueo)


class TestPaginas:
    def test_la_ficha_muestra_las_cifras_del_calculo(self, cliente_de, dependencias):
        indicador = con_metas(IndicadorFactory(dependencia=dependencias["ocri"]), ANIO, 3, 3, 3, 3)
        for trimestre, valor in ((1, 2), (2, 4), (3, 0), (4, 3)):
            Medicion.objects.create(
                indicador=indicador, anio=ANIO, trimestre=trimestre, numerador=D(valor), analisis="x"
            )
        respuesta = cliente_de("profesional").get(f"{indicador.get_absolute_url()}?anio={ANIO}")
        assert respuesta.status_code == 200
        fila = respuesta.content.decode()
        assert "Crítico · 66,7 %" in fila  # T1 and T3 accumulated
        assert "En riesgo · 75,0 %" in fila  # T4 accumulated 9/12
        assert "data:image/svg+xml;base64," in fila

    def test_crear_desde_el_formulario(self, cliente_de):
        cliente = cliente_de("profesional")
        pagina = cliente.get(reverse("indicadores:crear"))
        token = pagina.context["form"]["token_creacion"].initial
        datos = ficha()
        datos.update({"token_creacion": token, "umbral_verde": "95", "umbral_amarillo": "71"})
        respuesta = cliente.post(reverse("indicadores:crear"), datos)
        indicador = Indicador.objects.get(codigo="OCRI-01")
        assert respuesta.status_code == 302
        assert respuesta["Location"] == indicador.get_absolute_url()
        # The same form sent twice creates one indicator.
        cliente.post(reverse("indicadores:crear"), datos)
        assert Indicador.objects.filter(codigo="OCRI-01").count() == 1

    def test_reportar_la_medicion_con_evidencia_y_descargarla(self, cliente_de, dependencias, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        indicador = con_metas(RazonFactory(dependencia=dependencias["ocri"]), ANIO, 80, 80, 80, 80)
        url = reverse("indicadores:medicion", args=[indicador.pk, ANIO, 2])
        respuesta = cliente_de("profesional").post(
            url, {"numerador": "27", "denominador": "30", "analisis": "Buen trimestre.", "evidencia": pdf()}
        )
        assert respuesta.status_code == 302, respuesta.context and respuesta.context["form"].errors
        medicion = indicador.mediciones.get()
        assert medicion.valor == D(90)
        evidencia = reverse("indicadores:evidencia", args=[medicion.pk])
        assert cliente_de("profesional2").get(evidencia).status_code == 404
        descarga = cliente_de("control").get(evidencia)
        assert descarga.status_code == 200
        b"".join(descarga.streaming_content)

    def test_una_correccion_sobre_una_pagina_vieja_se_rechaza_con_lo_que_cambio(
        self, cliente_de, dependencias, usuarios
    ):
        indicador = con_metas(IndicadorFactory(dependencia=dependencias["ocri"]), ANIO, 3)
        medicion = services.medicion_registrar(
            indicador=indicador, usuario=usuarios["profesional"], anio=ANIO, trimestre=1, numerador=D(2),
            analisis="Primer análisis.",
        )  # fmt: skip
        url = reverse("indicadores:medicion", args=[indicador.pk, ANIO, 1])
        cliente = cliente_de("profesional")
        version_leida = cliente.get(url).context["form"]["version_registro"].initial
        services.medicion_registrar(
            indicador=indicador, usuario=usuarios["jefe"], anio=ANIO, trimestre=1, numerador=D(3),
            analisis="Corregido por el jefe.",
        )  # fmt: skip
        respuesta = cliente.post(url, {"numerador": "1", "analisis": "Mi versión.", "version_registro": version_leida})
        assert respuesta.status_code == 200
        errores = " ".join(respuesta.context["form"].non_field_errors())
        assert "Corregido por el jefe." in errores
        medicion.refresh_from_db()
        assert medicion.numerador == D(3)

    def test_la_lista_hace_las_mismas_consultas_con_3_o_30_indicadores(
        self, cliente_de, dependencias, django_assert_max_num_queries
    ):
        def crear(cuantos):
            for _ in range(cuantos):
                indicador = con_metas(IndicadorFactory(dependencia=dependencias["ocri"]), ANIO, 3, 3, 3, 3)
                Medicion.objects.create(indicador=indicador, anio=ANIO, trimestre=1, numerador=D(2), analisis="x")

        cliente = cliente_de("planeacion")
        url = reverse("indicadores:lista") + f"?periodo={ANIO}-T4"
        crear(3)
        with django_assert_max_num_queries(20) as pocas:
            assert cliente.get(url).status_code == 200
        crear(22)
        with django_assert_max_num_queries(len(pocas.captured_queries)):
            respuesta = cliente.get(url)
        assert len(respuesta.context["filas"]) == 25

    def test_la_etiqueta_de_plantilla_lista_los_indicadores_de_un_registro(self, dependencias):
        from django.template import engines

        indicador = con_metas(IndicadorFactory(dependencia=dependencias["ocri"], codigo="X-1"), ANIO, 4)
        Medicion.objects.create(indicador=indicador, anio=ANIO, trimestre=1, numerador=D(3), analisis="x")
        html = (
            engines["django"]
            .from_string("{% load indicadores_tags %}{% tabla_indicadores indicadores anio 1 %}")
            .render({"indicadores": [indicador], "anio": ANIO})
        )
        assert "X-1" in html
        assert "En riesgo · 75,0 %" in html


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    iniciales=st.lists(st.integers(0, 50), min_size=4, max_size=4),
    trimestre=st.integers(1, 3),
    nuevo=st.integers(0, 50),
    razon=st.booleans(),
)
def test_editar_un_trimestre_anterior_cambia_los_acumulados_siguientes_en_la_pagina(
    usuarios, dependencias, iniciales, trimestre, nuevo, razon
):
    """Through the service and the selector every page uses: after correcting an earlier quarter, each later quarter's
    accumulated result is recomputed from the stored measurements (nothing cumulative is stored)."""
    fabrica = RazonFactory if razon else IndicadorFactory
    indicador = con_metas(fabrica(dependencia=dependencias["ocri"]), ANIO, 40, 40, 40, 40)
    profesional = usuarios["profesional"]

    def medir(t, valor):
        services.medicion_registrar(
            indicador=indicador, usuario=profesional, anio=ANIO, trimestre=t, numerador=D(valor),
            denominador=D(50) if razon else None, analisis=f"T{t}",
        )  # fmt: skip

    for t, valor in enumerate(iniciales, start=1):
        medir(t, valor)
    antes = selectors.serie(indicador, ANIO)
    medir(trimestre, nuevo)
    despues = selectors.serie(indicador, ANIO)
    valores = {**dict(enumerate(iniciales, start=1)), trimestre: nuevo}
    for t in range(1, 5):
        acumulado_esperado = D(sum(valores[k] for k in range(1, t + 1)))
        if razon:
            acumulado_esperado = acumulado_esperado / (50 * t) * 100  # Σ numerador / Σ denominador
        assert despues.en(t).valor_acumulado == acumulado_esperado
        if t < trimestre:
            assert despues.en(t) == antes.en(t)
    assert despues.resultados == calculo.calcular(indicador.ficha, despues.metas, despues.mediciones)
    indicador.delete()
