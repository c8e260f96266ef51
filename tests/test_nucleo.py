"""The core: catalogs, audit history, transitions, notifications and "Mis pendientes"."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError
from django.urls import reverse
from django_fsm_log.models import StateLog

from cooperacion.core import services
from cooperacion.core.models import (
    ODS,
    Actor,
    Departamento,
    Entidad,
    Moneda,
    Municipio,
    Notificacion,
    PoliticaMIPG,
    Usuario,
)
from cooperacion.core.selectors import historial_de
from tests.factories import ActorFactory, DependenciaFactory, NotificacionFactory


class TestCatalogosDeReferencia:
    def test_divipola_completa_con_codigos_como_texto(self, db):
        assert Departamento.objects.count() == 33
        assert Municipio.objects.count() == 1121
        medellin = Municipio.objects.select_related("departamento").get(codigo="05001")
        assert medellin.nombre == "MEDELLÍN"
        assert medellin.departamento.codigo == "05"

    def test_municipio_con_codigo_de_otro_departamento_es_rechazado(self, db):
        antioquia = Departamento.objects.get(codigo="05")
        municipio = Municipio(codigo="76001", nombre="Equivocado", departamento=antioquia)
        with pytest.raises(ValidationError, match="debe empezar por el de su departamento"):
            municipio.full_clean()

    def test_diecisiete_ods_y_el_numero_fuera_de_rango_lo_impide_la_base(self, db):
        assert list(ODS.objects.values_list("numero", flat=True)) == list(range(1, 18))
        assert ODS.objects.get(numero=8).nombre == "Trabajo decente y crecimiento económico"
        with pytest.raises(IntegrityError):
            ODS.objects.create(numero=18, nombre="No existe", color="#000000")

    def test_monedas_y_politicas_mipg(self, db):
        assert {"COP", "USD", "EUR"} <= set(Moneda.objects.values_list("codigo", flat=True))
        assert PoliticaMIPG.objects.count() == 19

    def test_actor_se_mapea_al_codigo_iati(self, db):
        assert ActorFactory(tipo=Actor.Tipo.MULTILATERAL).tipo_iati == "40"
        assert ActorFactory(tipo=Actor.Tipo.GOBIERNO_LOCAL).tipo_iati == "11"
        assert ActorFactory(tipo=Actor.Tipo.ACADEMIA).tipo_iati_display == "80 – Academia, formación e investigación"

    def test_dependencia_no_puede_depender_de_su_hija(self, db):
        madre = DependenciaFactory()
        hija = DependenciaFactory(padre=madre)
        madre.padre = hija
        with pytest.raises(ValidationError, match="no puede depender de sí misma"):
            madre.full_clean()


class TestTransicionesYAuditoria:
    def test_desactivar_actor_registra_quien_cuando_y_por_que(self, usuarios):
        actor = ActorFactory()
        services.actor_desactivar(actor=actor, usuario=usuarios["admin"], motivo="Cerró su oficina")
        actor.refresh_from_db()
        assert actor.estado == Actor.Estado.INACTIVO
        log = StateLog.objects.for_(actor).get()
        assert (log.source_state, log.state, log.by, log.description) == (
            "activo",
            "inactivo",
            usuarios["admin"],
            "Cerró su oficina",
        )

    def test_desactivar_sin_motivo_es_rechazado(self, usuarios):
        actor = ActorFactory()
        with pytest.raises(services.ErrorDeDominio, match="motivo"):
            services.actor_desactivar(actor=actor, usuario=usuarios["admin"], motivo="  ")
        actor.refresh_from_db()
        assert actor.estado == Actor.Estado.ACTIVO
        assert not StateLog.objects.for_(actor).exists()

    def test_profesional_no_puede_desactivar_actores(self, usuarios):
        actor = ActorFactory()
        with pytest.raises(services.ErrorDeDominio, match="Administrador"):
            services.actor_desactivar(actor=actor, usuario=usuarios["profesional"], motivo="No me gusta")

    def test_desactivar_un_actor_inactivo_no_es_posible(self, usuarios):
        actor = ActorFactory()
        services.actor_desactivar(actor=actor, usuario=usuarios["admin"], motivo="Primera vez")
        with pytest.raises(services.ErrorDeDominio, match="estado actual"):
            services.actor_desactivar(actor=actor, usuario=usuarios["admin"], motivo="Segunda vez")

    def test_historial_muestra_campo_antes_y_despues_con_nombres_legibles(self, usuarios):
        madre_a = DependenciaFactory(nombre="Despacho A", sigla="")
        madre_b = DependenciaFactory(nombre="Despacho B", sigla="")
        dependencia = DependenciaFactory(nombre="Oficina", padre=madre_a)
        dependencia.padre = madre_b
        dependencia.tipo = "territorial"
        dependencia._history_user = usuarios["jefe"]
        dependencia.save()

        ultima, creacion = historial_de(dependencia)
        assert creacion.tipo == "Creación"
        assert ultima.usuario == usuarios["jefe"]
        cambios = {c.campo: (c.antes, c.despues) for c in ultima.cambios}
        assert cambios == {
            "Dependencia superior": ("Despacho A", "Despacho B"),
            "Tipo": ("Nivel central", "Territorial"),
        }

    def test_la_vista_de_historial_registra_al_usuario_de_la_peticion(self, cliente_de, usuarios):
        actor = ActorFactory()
        cliente = cliente_de("admin")
        respuesta = cliente.post(
            reverse("core:actor-transicion", args=[actor.pk, "desactivar"]), {"motivo": "Fusionado con otro"}
        )
        assert respuesta.status_code == 302
        pagina = cliente.get(reverse("core:historial", args=["core", "actor", actor.pk]))
        contenido = pagina.content.decode()
        assert usuarios["admin"].get_full_name() in contenido
        assert "Fusionado con otro" in contenido

    def test_transicion_sin_motivo_desde_la_web_muestra_el_error_y_no_cambia_nada(self, cliente_de):
        actor = ActorFactory()
        respuesta = cliente_de("admin").post(
            reverse("core:actor-transicion", args=[actor.pk, "desactivar"]), {"motivo": ""}, follow=True
        )
        assert "Escriba el motivo para continuar." in respuesta.content.decode()
        actor.refresh_from_db()
        assert actor.estado == Actor.Estado.ACTIVO

    def test_botones_de_accion_solo_para_quien_puede(self, cliente_de):
        actor = ActorFactory()
        url = reverse("core:actor-detalle", args=[actor.pk])
        boton = f'data-bs-target="#modal-actor-{actor.pk}-desactivar"'
        assert boton in cliente_de("admin").get(url).content.decode()
        assert boton not in cliente_de("jefe").get(url).content.decode()


class TestNotificacionesYPendientes:
    def test_la_lista_de_notificaciones_muestra_solo_las_del_usuario(self, cliente_de, usuarios):
        NotificacionFactory(usuario=usuarios["jefe"], titulo="Validar convocatoria OIT")
        NotificacionFactory(usuario=usuarios["profesional"], titulo="De otra persona")
        contenido = cliente_de("jefe").get(reverse("core:notificaciones")).content.decode()
        assert "Validar convocatoria OIT" in contenido
        assert "De otra persona" not in contenido

    def test_marcar_leida_la_saca_de_pendientes_y_del_contador(self, cliente_de, usuarios):
        notificacion = NotificacionFactory(usuario=usuarios["jefe"], titulo="Aviso único")
        cliente = cliente_de("jefe")
        assert 'id="campana-contador">1' in cliente.get(reverse("core:inicio")).content.decode()
        cliente.post(reverse("core:notificacion-leer", args=[notificacion.pk]))
        contenido = cliente.get(reverse("core:notificaciones"), {"estado": "sin_leer"}).content.decode()
        assert "Aviso único" not in contenido
        assert "campana-contador" not in contenido

    def test_abrir_no_redirige_fuera_del_sitio(self, cliente_de, usuarios):
        notificacion = NotificacionFactory(usuario=usuarios["jefe"], url="https://malicioso.example/robo")
        respuesta = cliente_de("jefe").post(reverse("core:notificacion-leer", args=[notificacion.pk]), {"abrir": "1"})
        assert "malicioso" not in respuesta["Location"]

    def test_notificar_envia_copia_por_correo_si_el_usuario_la_quiere_inmediata(
        self, usuarios, mailoutbox, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.notificar(usuario=usuarios["jefe"], titulo="Cierre mañana", url="/perfil/")
        assert len(mailoutbox) == 1
        assert mailoutbox[0].subject == "Cierre mañana"
        assert "http://127.0.0.1:8000/perfil/" in mailoutbox[0].body
        assert Notificacion.objects.get(titulo="Cierre mañana").correo_enviado_en is not None

    def test_quien_prefiere_resumen_no_recibe_correo_inmediato(
        self, usuarios, mailoutbox, django_capture_on_commit_callbacks
    ):
        usuario = usuarios["jefe"]
        usuario.preferencia_correo = Usuario.Notificaciones.RESUMEN_DIARIO
        usuario.save()
        with django_capture_on_commit_callbacks(execute=True):
            services.notificar(usuario=usuario, titulo="Para el resumen")
        assert mailoutbox == []
        assert Notificacion.objects.filter(usuario=usuario, titulo="Para el resumen").exists()


class TestListas:
    def test_lista_de_actores_filtra_ordena_y_pagina(self, cliente_de):
        for i in range(30):
            ActorFactory(nombre=f"Cooperante {i:02d}", tipo=Actor.Tipo.MULTILATERAL)
        ActorFactory(nombre="Universidad X", tipo=Actor.Tipo.ACADEMIA)
        cliente = cliente_de("profesional")
        url = reverse("core:actor-lista")
        academia = cliente.get(url, {"tipo": "academia"}).context["object_list"]
        assert [a.nombre for a in academia] == ["Universidad X"]
        pagina = cliente.get(url, {"orden": "-nombre"})
        assert pagina.context["object_list"][0].nombre == "Universidad X"
        assert pagina.context["page_obj"].paginator.num_pages == 2
        assert cliente.get(url, {"orden": "password"}).context["orden"] == "nombre"

    def test_lista_de_actores_filtra_por_tipo_de_organizacion_iati(self, cliente_de):
        ActorFactory(nombre="Banco Regional", tipo=Actor.Tipo.MULTILATERAL)
        ActorFactory(nombre="Fondo Local", tipo=Actor.Tipo.ESAL, tipo_iati="22")
        ActorFactory(nombre="Fundación Andina", tipo=Actor.Tipo.ESAL)
        pagina = cliente_de("profesional").get(reverse("core:actor-lista"), {"tipo_iati": "22"})
        assert [a.nombre for a in pagina.context["object_list"]] == ["Fondo Local"]
        assert "22 – ONG nacional" in pagina.content.decode()
        multilaterales = cliente_de("profesional").get(reverse("core:actor-lista"), {"tipo_iati": "40"})
        assert [a.nombre for a in multilaterales.context["object_list"]] == ["Banco Regional"]

    def test_lista_de_actores_con_consultas_constantes(self, cliente_de, django_assert_max_num_queries):
        cliente = cliente_de("profesional")
        ActorFactory.create_batch(3)
        with django_assert_max_num_queries(12) as pocas:
            cliente.get(reverse("core:actor-lista"))
        ActorFactory.create_batch(22)
        with django_assert_max_num_queries(len(pocas.captured_queries)):
            cliente.get(reverse("core:actor-lista"))

    def test_municipios_con_consultas_constantes_y_filtro_por_departamento(
        self, cliente_de, django_assert_max_num_queries
    ):
        cliente = cliente_de("control")
        narino = Departamento.objects.get(codigo="52")
        with django_assert_max_num_queries(14):
            respuesta = cliente.get(reverse("core:municipio-lista"), {"departamento": narino.pk})
        assert all(m.departamento_id == narino.pk for m in respuesta.context["object_list"])
        assert "PASTO" in respuesta.content.decode()

    def test_lista_vacia_muestra_mensaje(self, cliente_de):
        respuesta = cliente_de("jefe").get(reverse("core:actor-lista"), {"q": "nada-coincide"})
        assert "No hay actores que coincidan" in respuesta.content.decode()

    def test_fechas_en_formato_dd_mm_aaaa(self, cliente_de, usuarios):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        NotificacionFactory(
            usuario=usuarios["jefe"], creada_en=datetime(2026, 3, 9, 15, 30, tzinfo=ZoneInfo("America/Bogota"))
        )
        assert "09/03/2026" in cliente_de("jefe").get(reverse("core:notificaciones")).content.decode()


class TestDatosDemo:
    def test_cargar_demo_es_idempotente(self, db, settings):
        settings.DEBUG = True
        entidad = Entidad.actual()
        entidad.identificador_iati = ""
        entidad.save()
        call_command("cargar_demo", verbosity=0)
        assert Entidad.actual().identificador_iati == "CO-RUE-830115226"
        assert Entidad.actual().history.first().history_user.username == "admin"
        conteos = (Usuario.objects.count(), Actor.objects.count(), Notificacion.objects.count())
        call_command("cargar_demo", verbosity=0)
        assert (Usuario.objects.count(), Actor.objects.count(), Notificacion.objects.count()) == conteos
        profesional2 = Usuario.objects.get(username="profesional2")
        assert profesional2.dependencia.sigla == "DDFT"
        assert profesional2.roles == {"Profesional"}
        assert Usuario.objects.get(username="jefe").check_password("Cooperacion.2026")
        assert Actor.objects.get(sigla="USAID").estado == Actor.Estado.INACTIVO

    def test_sin_debug_exige_contrasena_para_usuarios_demo(self, db, settings):
        settings.DEBUG = False
        settings.DEMO_PASSWORD = ""
        with pytest.raises(CommandError, match="DEMO_PASSWORD"):
            call_command("cargar_demo", verbosity=0)
        assert not Usuario.objects.filter(username="admin").exists()
        call_command("cargar_demo", "--password", "Otra.Clave.Segura1", verbosity=0)
        assert Usuario.objects.get(username="admin").check_password("Otra.Clave.Segura1")


def test_accion_sobre_un_estado_que_ya_cambio_avisa_en_vez_de_prohibir(cliente_de, usuarios):
    actor = ActorFactory()
    services.actor_desactivar(actor=actor, usuario=usuarios["admin"], motivo="Otra pestaña")
    respuesta = cliente_de("admin").post(
        reverse("core:actor-transicion", args=[actor.pk, "desactivar"]), {"motivo": "De nuevo"}, follow=True
    )
    assert respuesta.status_code == 200
    assert "no es posible en el estado actual" in respuesta.content.decode()
