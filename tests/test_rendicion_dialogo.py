"""Dialogue spaces and citizens' questions: the public form (consent, trap field, limit per address, repeats, size),
moderation and answers, personal data only for moderators, escaping of what citizens write, and the 404 of
everything not yet published."""

import json
import subprocess
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_fsm_log.models import StateLog

from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.models import Notificacion, PlazoAbierto, ReporteGenerado
from cooperacion.core.services import ErrorDeDominio
from rendicion import services
from rendicion.models import Configuracion, EspacioDialogo, Estrategia, PreguntaCiudadana, TextoConsentimiento
from tests.factories_rendicion import Escenario, EspacioFactory, PreguntaFactory

CARGA = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def _sin_contadores():
    cache.clear()  # the limit per address lives in the cache
    yield
    cache.clear()


@pytest.fixture
def escenario(usuarios, dependencias):
    return Escenario(usuarios, dependencias)


def _datos(escenario, **cambios):
    datos = {
        "nombre": "Ana Ciudadana",
        "correo": "ana@correo.test",
        "texto": "¿Cuántas personas atendió el contact center este año?",
        "acepta": "on",
        "version_consentimiento": TextoConsentimiento.objects.vigente().version,
        "sitio_web": "",
    }
    datos.update(cambios)
    return {k: v for k, v in datos.items() if v is not None}


def _url(espacio):
    return reverse("rendicion_publico:espacio", args=[espacio.pk])


class TestFormularioPublico:
    def test_sin_cuenta_la_pregunta_queda_recibida_con_la_version_del_consentimiento_y_la_hora(self, escenario, client):
        PreguntaCiudadana.objects.all().delete()
        antes = timezone.now()
        respuesta = client.post(_url(escenario.espacio), _datos(escenario), follow=True)
        pregunta = PreguntaCiudadana.objects.get()
        assert pregunta.estado == PreguntaCiudadana.Estado.RECIBIDA
        assert pregunta.consentimiento == TextoConsentimiento.objects.vigente()
        assert pregunta.consentimiento_en >= antes
        assert pregunta.fecha_limite_respuesta == sumar_dias_habiles(timezone.localdate(), 15)
        assert f"Recibimos su pregunta con el número {pregunta.referencia}" in respuesta.content.decode()
        assert respuesta["Cache-Control"] == "no-store"
        # Not published yet, and the organizers are told.
        assert pregunta.texto not in respuesta.content.decode().split("Preguntas de la ciudadanía")[1]
        assert Notificacion.objects.filter(titulo__contains="Nueva pregunta ciudadana").exists()
        assert PlazoAbierto.objects.filter(tipo="respuesta_pregunta_ciudadana", object_id=pregunta.pk).exists()

    def test_sin_consentimiento_se_rechaza_y_no_se_guarda_nada(self, escenario, client):
        PreguntaCiudadana.objects.all().delete()
        historicos = PreguntaCiudadana.history.count()
        avisos = Notificacion.objects.count()
        respuesta = client.post(_url(escenario.espacio), _datos(escenario, acepta=None))
        assert respuesta.status_code == 200
        assert "Sin su autorización no podemos recibir la pregunta" in respuesta.content.decode()
        assert PreguntaCiudadana.objects.count() == 0
        assert PreguntaCiudadana.history.count() == historicos
        assert Notificacion.objects.count() == avisos
        with pytest.raises(ErrorDeDominio):
            services.pregunta_recibir(
                espacio=escenario.espacio, nombre="A", correo="a@b.co", texto_pregunta="¿?",
                consentimiento=TextoConsentimiento.objects.vigente(), acepta=False,
            )  # fmt: skip
        assert PreguntaCiudadana.objects.count() == 0

    def test_si_el_consentimiento_cambio_mientras_escribia_debe_aceptarlo_de_nuevo(self, escenario, client, usuarios):
        PreguntaCiudadana.objects.all().delete()
        services.consentimiento_crear(usuario=usuarios["planeacion"], titulo="Autorización", texto_consentimiento="V2")
        respuesta = client.post(_url(escenario.espacio), _datos(escenario, version_consentimiento=1))
        assert "El texto de la autorización cambió" in respuesta.content.decode()
        assert PreguntaCiudadana.objects.count() == 0
        client.post(_url(escenario.espacio), _datos(escenario, version_consentimiento=2))
        assert PreguntaCiudadana.objects.get().consentimiento.version == 2

    def test_el_campo_trampa_hace_creer_al_robot_que_se_recibio_y_no_guarda_nada(self, escenario, client):
        PreguntaCiudadana.objects.all().delete()
        respuesta = client.post(_url(escenario.espacio), _datos(escenario, sitio_web="http://spam.test"), follow=True)
        assert "Recibimos su pregunta" in respuesta.content.decode()
        assert PreguntaCiudadana.objects.count() == 0

    def test_la_misma_pregunta_50_veces_se_guarda_una_y_el_limite_por_direccion_corta(self, escenario, client):
        PreguntaCiudadana.objects.all().delete()
        configuracion = Configuracion.vigente()
        limite = configuracion.preguntas_por_hora
        codigos = [client.post(_url(escenario.espacio), _datos(escenario)).status_code for _ in range(50)]
        assert codigos[:limite] == [302] * limite
        assert set(codigos[limite:]) == {429}
        assert PreguntaCiudadana.objects.count() == 1
        # Another address is not affected; behind the proxy, the address the proxy saw counts.
        otro = Client(REMOTE_ADDR="10.0.0.9")
        assert otro.post(_url(escenario.espacio), _datos(escenario, texto="Otra pregunta")).status_code == 302
        assert PreguntaCiudadana.objects.count() == 2

    def test_el_limite_por_hora_se_configura(self, escenario, client, usuarios):
        services.configuracion_editar(
            configuracion=Configuracion.vigente(), usuario=usuarios["control"], preguntas_por_hora=2
        )
        codigos = [
            client.post(_url(escenario.espacio), _datos(escenario, texto=f"Pregunta {i}")).status_code for i in range(3)
        ]
        assert codigos == [302, 302, 429]
        limite = client.post(_url(escenario.espacio), _datos(escenario, texto="Otra"))
        assert "Demasiados envíos desde su conexión" in limite.content.decode()
        assert limite["Retry-After"] == "3600"

    def test_un_megabyte_de_texto_no_se_guarda_ni_se_devuelve_entero(self, escenario, client):
        PreguntaCiudadana.objects.all().delete()
        respuesta = client.post(_url(escenario.espacio), _datos(escenario, texto="a" * 1_048_576))
        assert respuesta.status_code == 200
        assert "como máximo 2000" in respuesta.content.decode()
        assert len(respuesta.content) < 100_000
        assert PreguntaCiudadana.objects.count() == 0

    def test_el_formulario_exige_csrf(self, escenario):
        cliente = Client(enforce_csrf_checks=True)
        assert cliente.post(_url(escenario.espacio), _datos(escenario)).status_code == 403

    def test_un_espacio_que_ya_empezo_no_recibe_preguntas(self, escenario, client):
        espacio = escenario.espacio
        espacio.fecha = timezone.now() - timedelta(minutes=5)
        espacio.save(update_fields=["fecha"])
        pagina = client.get(_url(espacio))
        assert 'id="formulario-cerrado"' in pagina.content.decode()
        antes = PreguntaCiudadana.objects.count()
        client.post(_url(espacio), _datos(escenario))
        assert PreguntaCiudadana.objects.count() == antes


class TestModeracion:
    def test_aceptar_publica_rechazar_guarda_el_motivo_y_responder_publica_y_envia_el_correo(
        self, escenario, cliente_de, client, django_capture_on_commit_callbacks
    ):
        pregunta = escenario.pregunta
        otra = PreguntaFactory(espacio=escenario.espacio)
        publica = reverse("rendicion_publico:pregunta", args=[pregunta.pk])
        assert client.get(publica).status_code == 404
        moderador = cliente_de("profesional")
        moderador.post(reverse("rendicion:pregunta-transicion", args=[pregunta.pk, "aceptar"]))
        pregunta.refresh_from_db()
        assert pregunta.estado == PreguntaCiudadana.Estado.ACEPTADA
        moderador.post(
            reverse("rendicion:pregunta-transicion", args=[otra.pk, "rechazar_ofensiva"]), {"motivo": "Insultos."}
        )
        otra.refresh_from_db()
        assert (otra.estado, otra.motivo_rechazo, otra.nota_moderacion) == ("rechazada", "ofensiva", "Insultos.")
        client.logout()
        assert client.get(publica).status_code == 200
        assert client.get(reverse("rendicion_publico:pregunta", args=[otra.pk])).status_code == 404

        moderador = cliente_de("profesional")
        with django_capture_on_commit_callbacks(execute=True):
            respuesta = moderador.post(
                reverse("rendicion:pregunta-responder", args=[pregunta.pk]), {"respuesta": "Atendimos 1,2 millones."}
            )
        assert respuesta.status_code == 302
        pregunta.refresh_from_db()
        assert pregunta.estado == PreguntaCiudadana.Estado.RESPONDIDA
        assert pregunta.respuesta_enviada_en is not None
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [pregunta.correo]
        assert "Atendimos 1,2 millones." in mail.outbox[0].body
        assert StateLog.objects.filter(content_type__model="preguntaciudadana", object_id=pregunta.pk).count() == 2
        assert not PlazoAbierto.objects.filter(tipo="respuesta_pregunta_ciudadana", object_id=pregunta.pk).exists()
        client.logout()
        pagina = client.get(reverse("rendicion_publico:preguntas")).content.decode()
        assert "Atendimos 1,2 millones." not in pagina  # the list shows the question; the answer is on its page
        assert pregunta.referencia in pagina
        assert "Atendimos 1,2 millones." in client.get(publica).content.decode()

    def test_solo_quien_modera_ve_el_nombre_y_el_correo(self, escenario, cliente_de):
        url = escenario.pregunta.get_absolute_url()
        assert escenario.pregunta.correo in cliente_de("profesional").get(url).content.decode()
        assert escenario.pregunta.correo in cliente_de("planeacion").get(url).content.decode()
        control = cliente_de("control").get(url).content.decode()
        assert escenario.pregunta.correo not in control
        assert escenario.pregunta.nombre not in control
        assert "Reservado" in control
        assert (
            cliente_de("control")
            .post(reverse("rendicion:pregunta-transicion", args=[escenario.pregunta.pk, "aceptar"]))
            .status_code
            == 403
        )
        assert cliente_de("profesional2").get(url).status_code == 404
        lista = cliente_de("control").get(reverse("rendicion:preguntas")).content.decode()
        assert escenario.pregunta.nombre not in lista

    def test_la_respuesta_vence_en_dias_habiles_y_se_recuerda_a_quien_organiza(self, escenario, usuarios):
        from cooperacion.core import plazos

        pregunta = escenario.pregunta
        fila = PlazoAbierto.objects.get(tipo="respuesta_pregunta_ciudadana", object_id=pregunta.pk)
        assert fila.fecha == pregunta.fecha_limite_respuesta
        assert set(fila.responsables.all()) >= {usuarios["profesional"], usuarios["jefe"]}
        assert usuarios["profesional2"] not in fila.responsables.all()
        plazos.barrer(hoy=sumar_dias_habiles(pregunta.fecha_limite_respuesta, -1))
        aviso = Notificacion.objects.get(usuario=usuarios["profesional"], titulo__contains=pregunta.referencia)
        assert aviso.url == pregunta.get_absolute_url()
        assert pregunta.correo not in aviso.titulo + aviso.mensaje

    def test_el_historial_no_guarda_los_datos_personales(self, escenario):
        registro = escenario.pregunta.history.first()
        assert not hasattr(registro, "correo")
        assert not hasattr(registro, "nombre")


def _todas_las_paginas(escenario, pregunta, cliente_de, client):
    paginas = {
        "publica del espacio": client.get(_url(escenario.espacio)),
        "publica de la pregunta": client.get(reverse("rendicion_publico:pregunta", args=[pregunta.pk])),
        "respuestas publicadas": client.get(reverse("rendicion_publico:preguntas")),
        "inicio de rendicion": client.get(reverse("rendicion_publico:inicio")),
    }
    moderador = cliente_de("profesional")
    paginas["lista de moderacion"] = moderador.get(reverse("rendicion:preguntas"))
    paginas["ficha de la pregunta"] = moderador.get(pregunta.get_absolute_url())
    return paginas


def test_una_carga_de_script_se_guarda_tal_cual_y_sale_escapada_en_cada_pagina_y_en_el_pdf(
    escenario, usuarios, cliente_de, client, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.post(_url(escenario.espacio), _datos(escenario, nombre=CARGA, texto=CARGA))
    pregunta = PreguntaCiudadana.objects.get(texto=CARGA)
    assert pregunta.nombre == CARGA
    services.pregunta_aceptar(pregunta=pregunta, usuario=usuarios["profesional"])
    responder = cliente_de("profesional").get(reverse("rendicion:pregunta-responder", args=[pregunta.pk]))
    assert "<script>alert" not in responder.content.decode()
    services.pregunta_responder(pregunta=pregunta, usuario=usuarios["profesional"], respuesta="Respuesta: " + CARGA)
    client.logout()
    for nombre, respuesta in _todas_las_paginas(escenario, pregunta, cliente_de, client).items():
        contenido = respuesta.content.decode()
        assert respuesta.status_code == 200, nombre
        assert "<script>alert" not in contenido, nombre
        assert "<img src=x" not in contenido, nombre
        assert "&lt;script&gt;alert" in contenido, nombre
    datos = client.get(reverse("publico:datos-descarga", args=["rendicion-respuestas", "json"]))
    filas = json.loads(b"".join(datos.streaming_content))["filas"]
    assert filas[0]["pregunta"] == CARGA  # data, not HTML: a consumer escapes it for its own page

    with django_capture_on_commit_callbacks(execute=True):
        respuesta = cliente_de("profesional").post(
            reverse("rendicion:preguntas-informe", args=[escenario.espacio.pk]), {"formato": "pdf"}
        )
    generado = ReporteGenerado.objects.get(codigo="preguntas_espacio")
    # The user stays on the space's page, where the document's progress and download show.
    pagina_del_espacio = reverse("rendicion:espacio", args=[escenario.espacio.pk])
    assert respuesta["Location"] == f"{pagina_del_espacio}#documento-{generado.pk}"
    assert generado.estado == ReporteGenerado.Estado.LISTO, generado.error
    assert (
        reverse("core:reporte-descargar", args=[generado.pk])
        in cliente_de("profesional").get(pagina_del_espacio).content.decode()
    )
    texto = subprocess.run(["pdftotext", generado.archivo.path, "-"], capture_output=True, text=True, check=True).stdout
    plano = " ".join(texto.split())
    assert '<script>alert("x")</script>' in plano  # shown as text: the markup was escaped, never interpreted
    assert CARGA.split("<img")[1][:12] in plano
    assert "ana@correo.test" not in plano


class TestLoNoPublicadoDa404:
    def test_preguntas_respuestas_espacios_e_informes_sin_publicar(self, escenario, client, usuarios):
        pregunta = escenario.pregunta
        url_pregunta = reverse("rendicion_publico:pregunta", args=[pregunta.pk])
        assert client.get(url_pregunta).status_code == 404  # received, not moderated
        services.pregunta_rechazar_spam(pregunta=pregunta, usuario=usuarios["profesional"])
        assert client.get(url_pregunta).status_code == 404
        aceptada = PreguntaFactory(espacio=escenario.espacio)
        services.pregunta_aceptar(pregunta=aceptada, usuario=usuarios["profesional"])
        url_aceptada = reverse("rendicion_publico:pregunta", args=[aceptada.pk])
        pagina = client.get(url_aceptada).content.decode()
        assert "Pendiente de respuesta" in pagina
        # A space in preparation, or whose notice is not out yet, does not exist for the public.
        borrador = EspacioFactory(
            estrategia=escenario.estrategia, dependencia=escenario.espacio.dependencia,
            estado=EspacioDialogo.Estado.BORRADOR, aviso_desde=None,
        )  # fmt: skip
        futuro = EspacioFactory(
            estrategia=escenario.estrategia, dependencia=escenario.espacio.dependencia,
            aviso_desde=timezone.localdate() + timedelta(days=3),
        )  # fmt: skip
        for espacio in (borrador, futuro):
            assert client.get(_url(espacio)).status_code == 404
            assert client.post(_url(espacio), _datos(escenario)).status_code == 404
        # Withdrawing the strategy takes its spaces and answers off the public pages.
        services.estrategia_retirar(estrategia=escenario.estrategia, usuario=usuarios["planeacion"], motivo="Ajustes")
        assert client.get(_url(escenario.espacio)).status_code == 404
        assert client.get(url_aceptada).status_code == 404
        assert client.get(reverse("rendicion_publico:estrategia", args=[escenario.estrategia.anio])).status_code == 404
        datos = client.get(reverse("publico:datos-descarga", args=["rendicion-acciones", "csv"]))
        assert escenario.accion.texto not in b"".join(datos.streaming_content).decode()

    def test_la_estrategia_en_formulacion_no_esta_en_las_paginas_publicas(self, escenario, client):
        estrategia = escenario.estrategia
        assert client.get(estrategia.get_public_url()).status_code == 200
        estrategia.estado = Estrategia.Estado.BORRADOR
        estrategia.save(update_fields=["estado"])
        assert client.get(estrategia.get_public_url()).status_code == 404


class TestEspacios:
    def test_convocar_publica_el_aviso_los_dias_configurados_antes(self, usuarios, dependencias, escenario):
        fecha = timezone.now() + timedelta(days=60)
        espacio = services.espacio_crear(
            usuario=usuarios["profesional"], estrategia=escenario.estrategia, tipo="mesa_tecnica",
            nombre="Mesa técnica de formalización", fecha=fecha, lugar="Sala 3", aviso="Convocatoria abierta.",
        )  # fmt: skip
        assert espacio.dependencia == dependencias["ocri"]
        services.espacio_convocar(espacio=espacio, usuario=usuarios["profesional"])
        assert espacio.aviso_desde == timezone.localtime(fecha).date() - timedelta(days=30)
        assert not EspacioDialogo.objects.publicos().filter(pk=espacio.pk).exists()
        services.configuracion_editar(
            configuracion=Configuracion.vigente(), usuario=usuarios["planeacion"], dias_aviso_espacio=90
        )
        espacio.refresh_from_db()
        assert espacio.aviso_desde == timezone.localdate()
        assert EspacioDialogo.objects.publicos().filter(pk=espacio.pk).exists()

    def test_convocar_exige_aviso_y_una_fecha_futura(self, usuarios, escenario):
        espacio = services.espacio_crear(
            usuario=usuarios["profesional"], estrategia=escenario.estrategia, tipo="evento_gestion",
            nombre="Evento", fecha=timezone.now() + timedelta(days=5), lugar="Pasto",
        )  # fmt: skip
        with pytest.raises(ErrorDeDominio, match="aviso público"):
            services.espacio_convocar(espacio=espacio, usuario=usuarios["profesional"])

    def test_realizar_y_registrar_resultados_y_encuesta(self, usuarios, escenario, cliente_de, client, settings,
                                                        tmp_path):  # fmt: skip
        from tests.factories_rendicion import pdf

        settings.MEDIA_ROOT = tmp_path
        espacio = escenario.espacio
        with pytest.raises(ErrorDeDominio, match="aún no ha llegado"):
            services.espacio_realizar(espacio=espacio, usuario=usuarios["profesional"])
        espacio.fecha = timezone.now() - timedelta(hours=2)
        espacio.save(update_fields=["fecha"])
        services.espacio_realizar(espacio=espacio, usuario=usuarios["profesional"])
        cliente = cliente_de("profesional")
        url = reverse("rendicion:espacio-resultados", args=[espacio.pk])
        cliente.post(url, {"asistentes": 120, "conclusiones": "Compromisos.", "encuesta_respuestas": 40, "acta": pdf()})
        token = cliente.get(url).context["form_encuesta"].fields["token_creacion"].initial
        for _vez in range(2):  # a double submit adds the question once
            cliente.post(
                reverse("rendicion:encuesta-agregar", args=[espacio.pk]),
                {
                    "pregunta": "Claridad de la información",
                    "excelente": 20,
                    "bueno": 10,
                    "regular": 6,
                    "malo": 4,
                    "token_creacion": token,
                },
            )
        espacio.refresh_from_db()
        assert (espacio.asistentes, espacio.encuesta_respuestas) == (120, 40)
        item = espacio.encuesta.get()
        assert item.favorables == 75
        pagina = client.get(_url(espacio)).content.decode()
        assert "Claridad de la información" in pagina
        assert "75 %" in pagina
        acta = client.get(reverse("rendicion_publico:acta", args=[espacio.pk]))
        assert acta.status_code == 200
        assert b"".join(acta.streaming_content).startswith(b"%PDF-")
        acta.close()
