"""Follow-up by Control Interno: the cut-off calendar and its publication deadline in business days, the evaluation
of every action, closing, the report through the engine, publication (and the public download), improvement
actions, and the configurable terms."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog
from openpyxl import load_workbook

from cooperacion.core import plazos
from cooperacion.core.models import Notificacion, PlazoAbierto, ReporteGenerado
from cooperacion.core.services import ErrorDeDominio
from rendicion import services
from rendicion.models import AccionMejora, Configuracion, Corte, EvaluacionAccion
from tests.factories_rendicion import Escenario, corte_evaluado, informe_listo


@pytest.fixture
def escenario(usuarios, dependencias):
    return Escenario(usuarios, dependencias)


class TestPlazoDePublicacion:
    @pytest.mark.parametrize(
        ("corte", "limite"),
        [
            # 1 January and 12 January 2026 (Reyes Magos, moved to Monday) are holidays: 10 business days end on 16/01.
            (date(2025, 12, 31), date(2026, 1, 16)),
            # The seed's year: 1 May 2020 is a holiday.
            (date(2020, 4, 30), date(2020, 5, 15)),
            (date(2026, 8, 31), date(2026, 9, 14)),
        ],
    )
    def test_cuenta_10_dias_habiles_despues_del_corte_saltando_festivos(self, escenario, usuarios, corte, limite):
        creado = services.corte_crear(
            usuario=usuarios["control"], estrategia=escenario.estrategia, nombre="Corte", fecha_corte=corte
        )
        assert creado.fecha_limite_publicacion == limite
        fila = PlazoAbierto.objects.get(tipo="publicacion_seguimiento_rendicion", object_id=creado.pk)
        assert fila.fecha == limite
        assert set(fila.responsables.all()) == {usuarios["control"]}

    def test_el_plazo_se_configura_y_no_mueve_los_informes_ya_publicados(self, escenario, usuarios, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        publicado = corte_evaluado(escenario.estrategia, usuarios["control"])
        informe_listo(publicado, usuarios["control"])
        services.corte_publicar(corte=publicado, usuario=usuarios["control"])
        abierto = services.corte_crear(
            usuario=usuarios["control"], estrategia=escenario.estrategia, nombre="Segundo",
            fecha_corte=date(2025, 12, 31),
        )  # fmt: skip
        services.configuracion_editar(
            configuracion=Configuracion.vigente(), usuario=usuarios["control"], dias_publicacion_informe=5
        )
        abierto.refresh_from_db()
        publicado.refresh_from_db()
        assert abierto.fecha_limite_publicacion == date(2026, 1, 8)
        assert publicado.fecha_limite_publicacion == date(2026, 5, 15)
        assert PlazoAbierto.objects.get(tipo="publicacion_seguimiento_rendicion").fecha == date(2026, 1, 8)

    def test_el_barrido_recuerda_a_control_interno_antes_de_vencer(self, escenario, usuarios):
        corte = services.corte_crear(
            usuario=usuarios["control"], estrategia=escenario.estrategia, nombre="Corte",
            fecha_corte=date(2025, 12, 31),
        )  # fmt: skip
        resultado = plazos.barrer(hoy=date(2026, 1, 14))  # two business days before 16/01/2026
        assert resultado.enviados >= 1
        aviso = Notificacion.objects.get(usuario=usuarios["control"], titulo__contains="Informe de seguimiento")
        assert "16/01/2026" in aviso.titulo
        assert aviso.url == corte.get_absolute_url()
        assert plazos.barrer(hoy=date(2026, 1, 14)).enviados == 0  # never twice


class TestEvaluacion:
    def test_control_interno_evalua_cada_accion_y_cierra_solo_con_todas(self, escenario, usuarios, cliente_de):
        corte = services.corte_crear(
            usuario=usuarios["control"], estrategia=escenario.estrategia, nombre="Corte",
            fecha_corte=date(2026, 4, 30),
        )  # fmt: skip
        evaluaciones = list(corte.evaluaciones.order_by("accion__numero"))
        assert len(evaluaciones) == 2
        cliente = cliente_de("control")
        respuesta = cliente.post(
            reverse("rendicion:evaluacion", args=[evaluaciones[0].pk]),
            {"resultado": "parcial", "observaciones": "", "evidencia_revisada": "Informe"},
        )
        assert "Explique en las observaciones" in respuesta.content.decode()
        cliente.post(
            reverse("rendicion:evaluacion", args=[evaluaciones[0].pk]),
            {"resultado": "parcial", "observaciones": "Falta el informe final.", "evidencia_revisada": "Borrador"},
        )
        respuesta = cliente.post(reverse("rendicion:corte-transicion", args=[corte.pk, "cerrar"]), follow=True)
        assert "Faltan 1 acciones por evaluar" in respuesta.content.decode()
        cliente.post(reverse("rendicion:evaluacion", args=[evaluaciones[1].pk]), {"resultado": "cumplida"})
        cliente.post(reverse("rendicion:corte-transicion", args=[corte.pk, "cerrar"]))
        corte.refresh_from_db()
        assert corte.estado == Corte.Estado.CERRADO
        evaluacion = EvaluacionAccion.objects.get(pk=evaluaciones[0].pk)
        assert (evaluacion.resultado, evaluacion.evaluada_por) == ("parcial", usuarios["control"])
        # Closed: nobody changes an evaluation any more.
        respuesta = cliente.post(
            reverse("rendicion:evaluacion", args=[evaluaciones[1].pk]),
            {"resultado": "no_cumplida", "observaciones": "x"},
        )
        assert respuesta.status_code == 302
        assert EvaluacionAccion.objects.get(pk=evaluaciones[1].pk).resultado == "cumplida"

    def test_la_evaluacion_guarda_el_avance_que_tenia_la_accion(self, escenario, usuarios, dependencias):
        corte = services.corte_crear(
            usuario=usuarios["control"], estrategia=escenario.estrategia, nombre="Corte",
            fecha_corte=date(2026, 4, 30),
        )  # fmt: skip
        services.avance_registrar(
            accion=escenario.accion, usuario=usuarios["profesional"], dependencia=dependencias["ocri"],
            descripcion="Abril", porcentaje=40,
        )  # fmt: skip
        evaluacion = corte.evaluaciones.get(accion=escenario.accion)
        assert evaluacion.avance == 40  # not evaluated: the current progress
        services.evaluacion_registrar(evaluacion=evaluacion, usuario=usuarios["control"], resultado="cumplida")
        services.avance_registrar(
            accion=escenario.accion, usuario=usuarios["profesional"], dependencia=dependencias["ocri"],
            descripcion="Diciembre", porcentaje=100,
        )  # fmt: skip
        evaluacion.refresh_from_db()
        assert evaluacion.avance_al_evaluar == 40
        assert evaluacion.avance == 40

    def test_planeacion_no_evalua(self, escenario, usuarios, cliente_de):
        corte = services.corte_crear(
            usuario=usuarios["planeacion"], estrategia=escenario.estrategia, nombre="Corte",
            fecha_corte=date(2026, 4, 30),
        )  # fmt: skip
        evaluacion = corte.evaluaciones.first()
        assert cliente_de("planeacion").get(reverse("rendicion:evaluacion", args=[evaluacion.pk])).status_code == 403
        with pytest.raises(ErrorDeDominio):
            services.evaluacion_registrar(evaluacion=evaluacion, usuario=usuarios["planeacion"], resultado="cumplida")

    def test_una_accion_nueva_entra_al_corte_abierto(self, escenario, usuarios, dependencias):
        corte = services.corte_crear(
            usuario=usuarios["control"], estrategia=escenario.estrategia, nombre="Corte",
            fecha_corte=date(2026, 4, 30),
        )  # fmt: skip
        services.accion_crear(
            usuario=usuarios["planeacion"], estrategia=escenario.estrategia, elemento="responsabilidad",
            texto="Nueva", entregable="Informe", dependencia_lider=dependencias["ocri"],
        )  # fmt: skip
        assert corte.evaluaciones.count() == 3


class TestInformeYPublicacion:
    def test_el_informe_se_genera_por_el_motor_y_se_publica_con_su_fecha_y_descarga_sin_ingresar(
        self, escenario, usuarios, cliente_de, client, django_capture_on_commit_callbacks, settings, tmp_path
    ):
        settings.MEDIA_ROOT = tmp_path
        corte = corte_evaluado(escenario.estrategia, usuarios["control"], resultado="parcial")
        publica = reverse("rendicion_publico:informe", args=[corte.pk])
        descarga = reverse("rendicion_publico:informe-descarga", args=[corte.pk, "pdf"])
        assert client.get(publica).status_code == 404
        assert client.get(descarga).status_code == 404

        cliente = cliente_de("control")
        respuesta = cliente.post(reverse("rendicion:corte-transicion", args=[corte.pk, "publicar"]), follow=True)
        assert "Genere primero el informe de seguimiento en PDF" in respuesta.content.decode()
        for formato in ("pdf", "xlsx"):
            with django_capture_on_commit_callbacks(execute=True):
                cliente.post(reverse("rendicion:corte-informe", args=[corte.pk]), {"formato": formato})
        generados = ReporteGenerado.objects.filter(codigo="seguimiento_rendicion", parametros__id=corte.pk)
        assert sorted(generados.values_list("formato", "estado")) == [("pdf", "listo"), ("xlsx", "listo")]
        libro = load_workbook(generados.get(formato="xlsx").archivo.path, read_only=True)
        filas = list(libro.worksheets[0].iter_rows(values_only=True))
        assert filas[0][6] == "Resultado"
        assert {f[6] for f in filas[1:]} == {"Cumplida parcialmente"}
        libro.close()

        cliente.post(reverse("rendicion:corte-transicion", args=[corte.pk, "publicar"]))
        corte.refresh_from_db()
        assert corte.estado == Corte.Estado.PUBLICADO
        assert corte.publicado_a_tiempo is False  # cut-off 30/04/2026: its 10 business days passed long ago
        assert StateLog.objects.filter(content_type__model="corte", object_id=corte.pk).count() == 2
        client.logout()
        pagina = client.get(publica).content.decode()
        assert f'Publicado el <time datetime="{timezone.localdate():%Y-%m-%d}"' in pagina
        archivo = client.get(descarga)
        assert archivo.status_code == 200
        assert archivo["Content-Type"] == "application/pdf"
        # Reading the whole file lets the test client close the response (an explicit close() would send
        # request_finished, which closes the test's PostgreSQL connection inside its transaction).
        assert b"".join(archivo.streaming_content).startswith(b"%PDF-")
        excel = client.get(reverse("rendicion_publico:informe-descarga", args=[corte.pk, "xlsx"]))
        assert excel.status_code == 200
        assert b"".join(excel.streaming_content).startswith(b"PK")
        lista = client.get(reverse("rendicion_publico:informes")).content.decode()
        assert corte.nombre in lista
        assert not PlazoAbierto.objects.filter(tipo="publicacion_seguimiento_rendicion", object_id=corte.pk).exists()

    def test_un_informe_generado_antes_de_cerrar_no_sirve_para_publicar(self, escenario, usuarios, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        corte = services.corte_crear(
            usuario=usuarios["control"], estrategia=escenario.estrategia, nombre="Corte",
            fecha_corte=date(2026, 4, 30),
        )  # fmt: skip
        informe_listo(corte, usuarios["control"])
        for evaluacion in corte.evaluaciones.all():
            services.evaluacion_registrar(evaluacion=evaluacion, usuario=usuarios["control"], resultado="cumplida")
        services.corte_cerrar(corte=corte, usuario=usuarios["control"])
        with pytest.raises(ErrorDeDominio, match="Genere primero"):
            services.corte_publicar(corte=corte, usuario=usuarios["control"])


class TestMejoras:
    def test_mejora_desde_la_evaluacion_con_responsable_y_fecha_y_su_plazo(
        self, escenario, usuarios, dependencias, cliente_de
    ):
        corte = corte_evaluado(escenario.estrategia, usuarios["control"], resultado="no_cumplida")
        evaluacion = corte.evaluaciones.first()
        cliente = cliente_de("control")
        url = reverse("rendicion:mejora-crear", args=[escenario.estrategia.pk])
        formulario = cliente.get(url + f"?evaluacion={evaluacion.pk}")
        token = formulario.context["form"].fields["token_creacion"].initial
        respuesta = cliente.post(
            url,
            {
                "origen": "evaluacion",
                "evaluacion": evaluacion.pk,
                "descripcion": "Ajustar el cronograma.",
                "dependencia": dependencias["ddft"].pk,
                "fecha_limite": "2026-12-20",
                "token_creacion": token,
            },
        )
        mejora = AccionMejora.objects.get()
        assert respuesta["Location"] == mejora.get_absolute_url()
        assert PlazoAbierto.objects.get(tipo="accion_mejora_rendicion").fecha == date(2026, 12, 20)
        # The responsible dependencia sees it and reports it done; another does not see it.
        assert cliente_de("profesional").get(mejora.get_absolute_url()).status_code == 404
        otro = cliente_de("profesional2")
        otro.post(
            reverse("rendicion:mejora-transicion", args=[mejora.pk, "cumplir"]), {"motivo": "Cronograma ajustado"}
        )
        mejora.refresh_from_db()
        assert (mejora.estado, mejora.resultado) == ("cumplida", "Cronograma ajustado")
        assert not PlazoAbierto.objects.filter(tipo="accion_mejora_rendicion").exists()
