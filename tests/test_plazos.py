"""The deadline engine: thresholds, idempotent sweeps, notifications, digests, the calendar feed and the home page."""

import threading
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from cooperacion.core import plazos, salidas, services, tasks
from cooperacion.core.calendario import dias_habiles_entre, es_dia_habil, sumar_dias_habiles
from cooperacion.core.models import Notificacion, RecordatorioEnviado, TipoPlazo, Usuario
from tests.factories import ActorFactory

LUNES = date(2026, 9, 7)  # a week with no holidays
CIERRE = sumar_dias_habiles(LUNES, 20)


def dias_habiles(desde: date, hasta: date):
    dia = desde
    while dia <= hasta:
        if es_dia_habil(dia):
            yield dia
        dia += timedelta(days=1)


class TestUmbrales:
    @pytest.fixture
    def conf(self):
        return TipoPlazo(codigo="x", nombre="X", umbrales=[15, 5, 1], avisar_el_dia=True, repetir_vencido_cada=5)

    def test_cada_umbral_segun_los_dias_habiles_que_faltan(self, conf):
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, -16)) is None
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, -15)) == "-15"
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, -6)) == "-15"
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, -5)) == "-5"
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, -1)) == "-1"
        assert plazos.umbral_vigente(conf, CIERRE, CIERRE) == "0"
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, 1)) == "+1"
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, 5)) == "+1"
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, 6)) == "+6"
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, 11)) == "+11"

    def test_en_dias_calendario(self, conf):
        conf.dias_habiles = False
        assert plazos.umbral_vigente(conf, date(2026, 12, 31), date(2026, 12, 16)) == "-15"
        assert plazos.umbral_vigente(conf, date(2026, 12, 31), date(2026, 12, 26)) == "-5"

    def test_sin_repeticion_avisa_una_vez_vencido(self, conf):
        conf.repetir_vencido_cada = 0
        assert plazos.umbral_vigente(conf, CIERRE, sumar_dias_habiles(CIERRE, 12)) == "+1"


class TestBarrido:
    def test_cada_umbral_se_envia_una_sola_vez_aunque_se_barra_cada_dia_dos_veces(self, usuarios, plazos_de_prueba):
        actor = ActorFactory()
        plazos_de_prueba.agregar(actor, CIERRE, usuarios["profesional"], avisar_tambien=[usuarios["jefe"]])
        for dia in dias_habiles(LUNES, sumar_dias_habiles(CIERRE, 12)):
            plazos.barrer(hoy=dia)
            plazos.barrer(hoy=dia)
        enviados = list(RecordatorioEnviado.objects.order_by("enviado_en", "pk").values_list("umbral", flat=True))
        assert enviados == ["-15", "-5", "-1", "0", "+1", "+6", "+11"]
        for nombre in ("profesional", "jefe"):
            assert Notificacion.objects.filter(usuario=usuarios[nombre], recordatorio__isnull=False).count() == 7

    def test_un_barrido_atrasado_envia_solo_el_umbral_mas_urgente(self, usuarios, plazos_de_prueba):
        plazos_de_prueba.agregar(ActorFactory(), CIERRE, usuarios["profesional"])
        plazos.barrer(hoy=sumar_dias_habiles(CIERRE, -3))
        plazos.barrer(hoy=sumar_dias_habiles(CIERRE, -2))
        assert list(RecordatorioEnviado.objects.values_list("umbral", flat=True)) == ["-5"]

    def test_mover_la_fecha_vuelve_a_activar_los_recordatorios(self, usuarios, plazos_de_prueba):
        actor = ActorFactory()
        plazos_de_prueba.agregar(actor, CIERRE, usuarios["profesional"])
        hoy = sumar_dias_habiles(CIERRE, -5)
        plazos.barrer(hoy=hoy)
        plazos_de_prueba.agregar(actor, sumar_dias_habiles(CIERRE, 10), usuarios["profesional"])
        plazos.barrer(hoy=hoy)
        assert sorted(RecordatorioEnviado.objects.values_list("umbral", flat=True)) == ["-15", "-5"]

    def test_el_titulo_dice_cuanto_falta(self, usuarios, plazos_de_prueba):
        plazos_de_prueba.agregar(ActorFactory(nombre="OIT"), CIERRE, usuarios["profesional"])
        plazos.barrer(hoy=sumar_dias_habiles(CIERRE, -5))
        aviso = Notificacion.objects.get(usuario=usuarios["profesional"])
        assert (
            aviso.titulo == f"Informe de prueba: Informe para OIT — vence el {CIERRE:%d/%m/%Y} (faltan 5 días hábiles)"
        )

    def test_los_umbrales_los_edita_el_administrador(self, usuarios, plazos_de_prueba):
        plazos_de_prueba.agregar(ActorFactory(), CIERRE, usuarios["profesional"])
        plazos.tipos_configurados()
        TipoPlazo.objects.filter(codigo="plazo_de_prueba").update(umbrales=[10])
        plazos.barrer(hoy=sumar_dias_habiles(CIERRE, -10))
        assert list(RecordatorioEnviado.objects.values_list("umbral", flat=True)) == ["-10"]

    def test_el_comando_enviar_recordatorios(self, usuarios, plazos_de_prueba, capsys, monkeypatch):
        plazos_de_prueba.agregar(ActorFactory(), date.today() + timedelta(days=1), usuarios["profesional"])
        call_command("enviar_recordatorios")
        call_command("enviar_recordatorios")
        salida = capsys.readouterr().out
        assert "Recordatorios enviados: 1" in salida
        assert "Ya enviados antes: 1" in salida
        assert RecordatorioEnviado.objects.count() == 1

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="dos conexiones concurrentes: PostgreSQL")
    def test_dos_barridos_a_la_vez_envian_una_vez(self, transactional_db, usuarios, plazos_de_prueba):
        for i in range(5):
            plazos_de_prueba.agregar(ActorFactory(), sumar_dias_habiles(CIERRE, i), usuarios["profesional"])
        hoy = sumar_dias_habiles(CIERRE, -1)
        barrera = threading.Barrier(2)
        errores = []

        def barrer():
            try:
                barrera.wait(timeout=10)
                plazos.barrer(hoy=hoy)
            except Exception as error:  # collected and asserted below
                errores.append(error)
            finally:
                connections.close_all()

        hilos = [threading.Thread(target=barrer) for _ in range(2)]
        for hilo in hilos:
            hilo.start()
        for hilo in hilos:
            hilo.join(timeout=60)
        assert errores == []
        assert RecordatorioEnviado.objects.count() == 5
        assert Notificacion.objects.filter(usuario=usuarios["profesional"]).count() == 5


class TestCorreos:
    def test_recordatorio_por_correo_inmediato(self, usuarios, plazos_de_prueba, django_capture_on_commit_callbacks):
        plazos_de_prueba.agregar(ActorFactory(), CIERRE, usuarios["profesional"])
        with django_capture_on_commit_callbacks(execute=True):
            plazos.barrer(hoy=CIERRE)
        assert len(mail.outbox) == 1
        assert "vence hoy" in mail.outbox[0].subject
        assert mail.outbox[0].alternatives[0][1] == "text/html"

    def test_resumen_diario_agrupa_y_no_repite(self, usuarios, plazos_de_prueba, django_capture_on_commit_callbacks):
        profesional = usuarios["profesional"]
        profesional.preferencia_correo = Usuario.Notificaciones.RESUMEN_DIARIO
        profesional.save()
        for i in range(3):
            plazos_de_prueba.agregar(ActorFactory(), sumar_dias_habiles(CIERRE, i), profesional)
        with django_capture_on_commit_callbacks(execute=True):
            plazos.barrer(hoy=sumar_dias_habiles(CIERRE, -1))
        assert mail.outbox == []
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.enviar_resumenes_diarios() == 1
        assert len(mail.outbox) == 1
        assert "3 avisos" in mail.outbox[0].subject
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.enviar_resumenes_diarios() == 0
        assert len(mail.outbox) == 1

    def test_con_el_broker_caido_el_barrido_guarda_y_luego_se_pone_al_dia(
        self, usuarios, plazos_de_prueba, monkeypatch, django_capture_on_commit_callbacks
    ):
        from kombu.exceptions import OperationalError

        plazos_de_prueba.agregar(ActorFactory(), CIERRE, usuarios["profesional"])

        def broker_caido(*args, **kwargs):
            raise OperationalError("Error 111 connecting to redis")

        with monkeypatch.context() as parche:
            parche.setattr(tasks.procesar_salida, "apply_async", broker_caido)
            with django_capture_on_commit_callbacks(execute=True):
                plazos.barrer(hoy=CIERRE)
        aviso = Notificacion.objects.get(usuario=usuarios["profesional"])
        assert aviso.correo_enviado_en is None
        assert mail.outbox == []
        # The broker is back: the outbox sweep publishes what waited (after its grace period).
        assert salidas.barrer(ahora=timezone.now() + timedelta(minutes=5)) == 1
        aviso.refresh_from_db()
        assert aviso.correo_enviado_en is not None
        assert len(mail.outbox) == 1


class TestCalendario:
    def test_el_feed_se_lee_y_solo_tiene_lo_del_usuario(self, client, cliente_de, usuarios, plazos_de_prueba):
        plazos_de_prueba.agregar(ActorFactory(nombre="Suyo"), CIERRE, usuarios["profesional"])
        plazos_de_prueba.agregar(ActorFactory(nombre="Ajeno"), CIERRE, usuarios["profesional2"])
        cliente_de("profesional").post(reverse("core:calendario-regenerar"))
        token = Usuario.objects.get(username="profesional").token_calendario
        client.logout()
        respuesta = client.get(reverse("core:calendario", args=[token]))
        assert respuesta["Content-Type"].startswith("text/calendar")
        eventos = [c for c in Calendar.from_ical(respuesta.content).walk() if c.name == "VEVENT"]
        assert [str(e["summary"]) for e in eventos] == ["Informe de prueba: Informe para Suyo"]
        assert eventos[0].decoded("dtstart") == CIERRE

    def test_regenerar_invalida_la_direccion_anterior(self, client, cliente_de, usuarios):
        cliente = cliente_de("jefe")
        cliente.post(reverse("core:calendario-regenerar"))
        viejo = Usuario.objects.get(username="jefe").token_calendario
        cliente.post(reverse("core:calendario-regenerar"))
        nuevo = Usuario.objects.get(username="jefe").token_calendario
        assert viejo != nuevo
        assert client.get(reverse("core:calendario", args=[viejo])).status_code == 404
        assert client.get(reverse("core:calendario", args=[nuevo])).status_code == 200


class TestMisPendientes:
    @pytest.fixture
    def tres_plazos(self, usuarios, plazos_de_prueba):
        hoy = date.today()
        plazos_de_prueba.agregar(ActorFactory(nombre="Vencido"), hoy - timedelta(days=3), usuarios["profesional"])
        plazos_de_prueba.agregar(ActorFactory(nombre="Cercano"), sumar_dias_habiles(hoy, 2), usuarios["jefe"])
        plazos_de_prueba.agregar(ActorFactory(nombre="Ajeno"), hoy + timedelta(days=60), usuarios["profesional2"])

    def _titulos_inicio(self, respuesta):
        return [i.plazo.titulo for grupo in respuesta.context["grupos"] for i in grupo["items"]]

    def _titulos(self, respuesta):
        return [i.plazo.titulo for i in respuesta.context["page_obj"].object_list]

    def test_profesional_ve_los_suyos_con_semaforo(self, cliente_de, tres_plazos):
        respuesta = cliente_de("profesional").get(reverse("core:inicio"))
        assert respuesta.context["alcance"] == "mios"
        assert self._titulos_inicio(respuesta) == ["Informe para Vencido"]
        assert 'class="badge semaforo-rojo">Vencido' in respuesta.content.decode()

    def test_profesional_no_puede_ver_todas_las_dependencias(self, cliente_de, tres_plazos):
        respuesta = cliente_de("profesional").get(reverse("core:inicio"), {"alcance": "todos"})
        assert respuesta.context["alcance"] == "mios"
        assert "Informe para Ajeno" not in respuesta.content.decode()
        respuesta = cliente_de("profesional").get(reverse("core:plazos"), {"alcance": "todos"})
        assert "Informe para Ajeno" not in respuesta.content.decode()

    def test_jefe_empieza_por_su_dependencia(self, cliente_de, tres_plazos):
        respuesta = cliente_de("jefe").get(reverse("core:inicio"))
        assert respuesta.context["alcance"] == "dependencia"
        assert self._titulos_inicio(respuesta) == ["Informe para Vencido", "Informe para Cercano"]

    @pytest.mark.parametrize("rol", ["planeacion", "control", "admin"])
    def test_los_roles_transversales_empiezan_por_todas(self, cliente_de, tres_plazos, rol):
        respuesta = cliente_de(rol).get(reverse("core:inicio"))
        assert respuesta.context["alcance"] == "todos"
        assert len(self._titulos_inicio(respuesta)) == 3
        assert respuesta.context["conteo"] == {"rojo": 1, "amarillo": 1, "verde": 1}

    def test_planeacion_filtra_la_lista_por_semaforo_y_dependencia(self, cliente_de, tres_plazos, dependencias):
        cliente = cliente_de("planeacion")
        assert len(self._titulos(cliente.get(reverse("core:plazos")))) == 3
        amarillos = cliente.get(reverse("core:plazos"), {"semaforo": "amarillo"})
        assert self._titulos(amarillos) == ["Informe para Cercano"]
        ddft = cliente.get(reverse("core:plazos"), {"dependencia": dependencias["ddft"].pk})
        assert self._titulos(ddft) == ["Informe para Ajeno"]

    def test_cada_columna_cuenta_en_una_sola_unidad(self, cliente_de, usuarios, plazos_de_prueba):
        hoy = date.today()
        fecha = hoy + timedelta(days=40)
        plazos_de_prueba.agregar(ActorFactory(nombre="Lejano"), fecha, usuarios["profesional"])
        (item,) = cliente_de("profesional").get(reverse("core:plazos")).context["page_obj"].object_list
        assert item.restantes_calendario == 40
        assert item.restantes_habiles == dias_habiles_entre(hoy, fecha)

    def test_el_inicio_muestra_los_primeros_de_cada_grupo_y_ver_todos(self, cliente_de, usuarios, plazos_de_prueba):
        for i in range(8):
            plazos_de_prueba.agregar(ActorFactory(), date.today() - timedelta(days=i + 1), usuarios["profesional"])
        respuesta = cliente_de("profesional").get(reverse("core:inicio"))
        (grupo,) = respuesta.context["grupos"]
        assert (grupo["clave"], grupo["total"], len(grupo["items"])) == ("rojo", 8, 5)
        assert "semaforo=rojo" in respuesta.content.decode()
        assert "Ver los 8 plazos" in respuesta.content.decode()

    def test_las_notificaciones_no_estan_en_el_inicio(self, cliente_de, usuarios):
        services.notificar(usuario=usuarios["profesional"], titulo="Un aviso cualquiera")
        respuesta = cliente_de("profesional").get(reverse("core:inicio"))
        assert "Un aviso cualquiera" not in respuesta.content.decode()
        assert 'id="campana-contador">1' in respuesta.content.decode()

    @pytest.mark.parametrize("vista", ["core:inicio", "core:plazos"])
    def test_consultas_constantes(self, cliente_de, usuarios, plazos_de_prueba, django_assert_max_num_queries, vista):
        cliente = cliente_de("planeacion")

        def crear(n):
            for i in range(n):
                plazos_de_prueba.agregar(
                    ActorFactory(), date.today() + timedelta(days=i - n // 3), usuarios["profesional"]
                )

        crear(3)
        with django_assert_max_num_queries(40) as pocas:
            cliente.get(reverse(vista))
        crear(60)
        with django_assert_max_num_queries(len(pocas.captured_queries)):
            respuesta = cliente.get(reverse(vista))
        assert sum(respuesta.context["conteo"].values()) == 63


def test_los_tipos_de_plazo_existen_despues_de_migrar(db):
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    assert TipoPlazo.objects.filter(codigo="respuesta_oit", umbrales=[15, 5, 1]).exists()


class TestReporteDePlazos:
    """The deadlines report streams plain rows: each deadline once, with all its responsables and its state."""

    def _filas(self, usuario):
        from cooperacion.core import reportes

        reporte = reportes.obtener("plazos")
        parametros = reporte.parametros({}, usuario)
        return list(reporte.filas(parametros, usuario))

    def test_cada_plazo_una_fila_con_sus_responsables_y_su_semaforo(self, usuarios, plazos_de_prueba):
        hoy = timezone.localdate()
        plazos_de_prueba.agregar(
            ActorFactory(nombre="Compartido"), hoy - timedelta(days=2), usuarios["profesional"], usuarios["jefe"]
        )
        plazos_de_prueba.agregar(ActorFactory(nombre="Lejano"), hoy + timedelta(days=90), usuarios["jefe"])
        filas = {fila[5]: fila for fila in self._filas(usuarios["planeacion"])}
        vencido, lejano = filas["Informe para Compartido"], filas["Informe para Lejano"]
        assert (vencido[3], lejano[3]) == ("Vencido", "A tiempo")
        assert (vencido[1], vencido[4]) == (-2, "Informe de prueba")
        assert sorted(vencido[7].split(", ")) == sorted([str(usuarios["profesional"]), str(usuarios["jefe"])])
        assert vencido[6] == str(usuarios["profesional"].dependencia)

    def test_las_consultas_no_crecen_con_las_filas(self, usuarios, plazos_de_prueba):
        hoy = timezone.localdate()
        for i in range(3):
            plazos_de_prueba.agregar(ActorFactory(), hoy + timedelta(days=i), usuarios["profesional"])
        self._filas(usuarios["planeacion"])  # caches filled once per process (kinds of deadline)
        with CaptureQueriesContext(connection) as pocas:
            assert len(self._filas(usuarios["planeacion"])) == 3
        for i in range(30):
            plazos_de_prueba.agregar(ActorFactory(), hoy + timedelta(days=i), usuarios["jefe"], usuarios["profesional"])
        with CaptureQueriesContext(connection) as muchas:
            assert len(self._filas(usuarios["planeacion"])) == 33
        assert len(muchas) == len(pocas)
