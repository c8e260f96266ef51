"""Access hardening: who grants what in the admin, sign-in behind a proxy, password rules, session cap, key, caching."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from conftest import CONTRASENA
from cooperacion.core import roles
from cooperacion.core.acceso import ip_del_cliente
from cooperacion.core.models import Usuario
from tests.factories import UsuarioFactory

RAIZ = Path(__file__).resolve().parent.parent
PROXY = "10.0.0.2"
NUEVA = "Guayacan-Rio-Verde-47"


@pytest.fixture(autouse=True)
def cache_propia(settings):
    """A cache of this module's own: the attempt counters must not meet another test's (or another worker's Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": __name__}}
    cache.clear()


def formulario_de_usuario(usuario: Usuario, **cambios) -> dict:
    """The admin change form of a user as the browser posts it, with the given fields changed."""
    alta = timezone.localtime(usuario.date_joined)
    datos = {
        "username": usuario.username,
        "first_name": usuario.first_name,
        "last_name": usuario.last_name,
        "email": usuario.email,
        "is_active": "on",
        "groups": [grupo.pk for grupo in usuario.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": alta.strftime("%d/%m/%Y"),
        "date_joined_1": alta.strftime("%H:%M:%S"),
        "dependencia": usuario.dependencia_id,
        "cargo": usuario.cargo,
        "preferencia_correo": usuario.preferencia_correo,
        "_save": "Guardar",
    }
    return {**datos, **cambios}


def cambiar_en_admin(cliente, usuario: Usuario, **cambios):
    return cliente.post(
        reverse("admin:core_usuario_change", args=[usuario.pk]), formulario_de_usuario(usuario, **cambios)
    )


class TestAdministracionDeUsuarios:
    def test_el_administrador_no_se_hace_superusuario_a_si_mismo(self, cliente_de, usuarios):
        admin = usuarios["admin"]
        respuesta = cambiar_en_admin(
            cliente_de("admin"), admin, first_name="Renombrado", is_superuser="on", is_staff="on"
        )
        assert respuesta.status_code == 302  # saved: the other fields went through
        admin.refresh_from_db()
        assert admin.first_name == "Renombrado"
        assert not admin.is_superuser

    def test_el_administrador_no_hace_superusuario_ni_staff_a_otro(self, cliente_de, usuarios):
        jefe = usuarios["jefe"]
        permiso = Permission.objects.get(codename="delete_usuario")
        respuesta = cambiar_en_admin(
            cliente_de("admin"),
            jefe,
            first_name="Otro",
            is_superuser="on",
            is_staff="on",
            user_permissions=[permiso.pk],
        )
        assert respuesta.status_code == 302
        jefe.refresh_from_db()
        assert jefe.first_name == "Otro"
        assert not jefe.is_superuser
        assert not jefe.is_staff
        assert not jefe.user_permissions.exists()

    def test_el_administrador_no_ve_los_campos_de_superusuario_como_editables(self, cliente_de, usuarios):
        respuesta = cliente_de("admin").get(reverse("admin:core_usuario_change", args=[usuarios["jefe"].pk]))
        assert respuesta.status_code == 200
        formulario = respuesta.context["adminform"].form
        assert {"is_superuser", "is_staff", "user_permissions"}.isdisjoint(formulario.fields)
        assert 'name="is_superuser"' not in respuesta.content.decode()

    def test_el_administrador_no_crea_superusuarios_desde_el_formulario_de_alta(
        self, cliente_de, usuarios, dependencias
    ):
        respuesta = cliente_de("admin").post(
            reverse("admin:core_usuario_add"),
            {
                "username": "nuevo",
                "usable_password": "true",
                "password1": "Guayacan-Rio-Verde-47",
                "password2": "Guayacan-Rio-Verde-47",
                "first_name": "Nuevo",
                "last_name": "Usuario",
                "email": "nuevo@cooperacion.test",
                "dependencia": dependencias["ocri"].pk,
                "groups": [Group.objects.get(name=roles.PROFESIONAL).pk],
                "is_superuser": "on",
                "is_staff": "on",
                "_save": "Guardar",
            },
        )
        assert respuesta.status_code == 302
        nuevo = Usuario.objects.get(username="nuevo")
        assert not nuevo.is_superuser
        assert not nuevo.is_staff
        assert set(nuevo.groups.values_list("name", flat=True)) == {roles.PROFESIONAL}

    def test_el_administrador_solo_asigna_los_roles_del_producto(self, cliente_de, usuarios):
        ajeno = Group.objects.create(name="Grupo ajeno")
        respuesta = cliente_de("admin").get(reverse("admin:core_usuario_change", args=[usuarios["jefe"].pk]))
        opciones = set(respuesta.context["adminform"].form.fields["groups"].queryset.values_list("name", flat=True))
        assert opciones == set(roles.TODOS)

        respuesta = cambiar_en_admin(cliente_de("admin"), usuarios["jefe"], groups=[ajeno.pk])
        assert respuesta.status_code == 200  # the form refuses the choice
        assert not usuarios["jefe"].groups.filter(pk=ajeno.pk).exists()

    def test_guardar_como_administrador_conserva_los_grupos_que_no_ve(self, cliente_de, usuarios):
        jefe = usuarios["jefe"]
        ajeno = Group.objects.create(name="Grupo ajeno")
        jefe.groups.add(ajeno)
        cambios = {"groups": [Group.objects.get(name=roles.JEFE).pk], "cargo": "Jefe"}
        assert cambiar_en_admin(cliente_de("admin"), jefe, **cambios).status_code == 302
        assert set(jefe.groups.values_list("name", flat=True)) == {roles.JEFE, "Grupo ajeno"}

    def test_el_administrador_no_abre_la_cuenta_ni_la_clave_de_un_superusuario(self, cliente_de, usuarios):
        dueno = UsuarioFactory(username="dueno", is_superuser=True, is_staff=True)
        cliente = cliente_de("admin")
        assert cliente.get(reverse("admin:core_usuario_change", args=[dueno.pk])).status_code != 200
        clave = reverse("admin:auth_user_password_change", args=[dueno.pk])
        assert cliente.get(clave).status_code in (403, 404)
        cliente.post(clave, {"password1": "Guayacan-Rio-Verde-47", "password2": "Guayacan-Rio-Verde-47"})
        cambio = cambiar_en_admin(cliente, dueno, is_superuser="", is_staff="", is_active="")
        assert (cambio.status_code, cambio.get("Location")) in {(403, None), (302, reverse("admin:index"))}
        dueno.refresh_from_db()
        assert dueno.is_superuser
        assert dueno.is_active
        assert dueno.check_password("Prueba.Segura.2026")
        lista = cliente.get(reverse("admin:core_usuario_changelist"))
        assert "dueno" not in {u.username for u in lista.context["cl"].result_list}

    def test_el_administrador_no_revierte_un_usuario_a_una_version_anterior(self, cliente_de, usuarios):
        jefe = usuarios["jefe"]
        jefe.is_staff = True
        jefe.save()
        version = jefe.history.latest().history_id
        jefe.is_staff = False
        jefe.save()
        url = reverse("admin:core_usuario_simple_history", args=[jefe.pk, version])
        respuesta = cliente_de("admin").post(url, formulario_de_usuario(jefe))
        assert respuesta.status_code == 403
        jefe.refresh_from_db()
        assert not jefe.is_staff

    def test_un_superusuario_si_concede_superusuario_y_staff(self, client, usuarios):
        client.force_login(UsuarioFactory(username="dueno", is_superuser=True, is_staff=True))
        profesional = usuarios["profesional"]
        respuesta = cambiar_en_admin(client, profesional, is_superuser="on", is_staff="on")
        assert respuesta.status_code == 302
        profesional.refresh_from_db()
        assert profesional.is_superuser
        assert profesional.is_staff


def ingresar(client, usuario, contrasena, **cabeceras):
    return client.post(reverse("login"), {"username": usuario, "password": contrasena}, **cabeceras)


def detras_del_proxy(cliente_ip: str) -> dict:
    """What our reverse proxy sends: its own address, and the client's appended to X-Forwarded-For."""
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": cliente_ip}


class TestDireccionDetrasDelProxy:
    @pytest.mark.parametrize(
        ("proxies", "reenviada", "esperada"),
        [
            (0, "190.1.1.1", PROXY),
            (1, "", PROXY),
            (1, "190.1.1.1", "190.1.1.1"),
            (1, "6.6.6.6, 190.1.1.1", "190.1.1.1"),
            (1, "6.6.6.6,190.1.1.1 ", "190.1.1.1"),
            (2, "6.6.6.6, 190.1.1.1, 172.16.0.5", "190.1.1.1"),
            (2, "190.1.1.1", "190.1.1.1"),
            (1, "6.6.6.6, no-es-una-ip", PROXY),
            (1, "2800:e2:2a80::1", "2800:e2:2a80::1"),
        ],
    )
    def test_solo_se_cree_a_los_proxies_configurados(self, settings, proxies, reenviada, esperada):
        settings.TRUSTED_PROXY_COUNT = proxies
        request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=reenviada)
        assert ip_del_cliente(request) == esperada

    def test_detras_del_mismo_proxy_el_bloqueo_no_alcanza_a_otra_conexion(self, client, usuarios, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        for _ in range(settings.AXES_FAILURE_LIMIT):
            ingresar(client, "profesional", "equivocada", **detras_del_proxy("190.1.1.1"))
        assert ingresar(client, "profesional", CONTRASENA, **detras_del_proxy("190.1.1.1")).status_code == 429
        # Same user, same proxy, but the real person at another address still signs in.
        respuesta = ingresar(client, "profesional", CONTRASENA, **detras_del_proxy("181.2.2.2"))
        assert respuesta.status_code == 302
        assert respuesta["Location"] == reverse("core:inicio")

    def test_un_x_forwarded_for_falsificado_no_esquiva_el_bloqueo(self, client, usuarios, settings):
        from axes.models import AccessAttempt

        settings.TRUSTED_PROXY_COUNT = 1
        for intento in range(settings.AXES_FAILURE_LIMIT):
            # The attacker makes up a new left part each time; our proxy appends the real address.
            ingresar(client, "profesional", "equivocada", **detras_del_proxy(f"6.6.6.{intento}, 190.1.1.1"))
        bloqueado = ingresar(client, "profesional", CONTRASENA, **detras_del_proxy("6.6.6.99, 190.1.1.1"))
        assert bloqueado.status_code == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"190.1.1.1"}


def cambiar_clave(cliente, actual, nueva=NUEVA):
    return cliente.post(
        reverse("password_change"), {"old_password": actual, "new_password1": nueva, "new_password2": nueva}
    )


class TestLimiteAlCambioDeClave:
    def test_tras_cinco_claves_actuales_equivocadas_se_cierra_la_sesion_y_se_bloquea(
        self, cliente_de, usuarios, settings
    ):
        cliente = cliente_de("jefe")
        for _ in range(settings.CAMBIO_CLAVE_INTENTOS - 1):
            respuesta = cambiar_clave(cliente, "equivocada")
            assert respuesta.status_code == 200
            assert respuesta.context["form"].has_error("old_password", "password_incorrect")
        ultimo = cambiar_clave(cliente, "equivocada")
        assert ultimo.status_code == 302
        assert ultimo["Location"].startswith(reverse("login"))
        assert "cerramos su sesión" in cliente.get(ultimo["Location"]).content.decode()
        assert cliente.get(reverse("core:inicio")).status_code == 302  # logged out

        # Signed in again (by whoever knows the password), the form stays refused, even with the right one.
        cliente.force_login(usuarios["jefe"])
        pagina = cliente.get(reverse("password_change"))
        assert pagina.status_code == 429
        assert "Cambio de contraseña bloqueado temporalmente" in pagina.content.decode()
        assert cambiar_clave(cliente, CONTRASENA).status_code == 429
        usuarios["jefe"].refresh_from_db()
        assert usuarios["jefe"].check_password(CONTRASENA)

    def test_el_bloqueo_es_por_usuario(self, cliente_de, usuarios, settings):
        cliente = cliente_de("jefe")
        for _ in range(settings.CAMBIO_CLAVE_INTENTOS):
            cambiar_clave(cliente, "equivocada")
        cliente = cliente_de("profesional")
        assert cambiar_clave(cliente, CONTRASENA).status_code == 302
        usuarios["profesional"].refresh_from_db()
        assert usuarios["profesional"].check_password(NUEVA)

    def test_el_bloqueo_se_levanta_al_terminar_la_espera(self, cliente_de, usuarios, settings):
        cliente = cliente_de("jefe")
        for _ in range(settings.CAMBIO_CLAVE_INTENTOS):
            cambiar_clave(cliente, "equivocada")
        cache.clear()  # what the counter's timeout (CAMBIO_CLAVE_ESPERA) does
        cliente.force_login(usuarios["jefe"])
        assert cambiar_clave(cliente, CONTRASENA).status_code == 302

    def test_un_cambio_correcto_reinicia_la_cuenta(self, cliente_de, usuarios, settings):
        cliente = cliente_de("jefe")
        for _ in range(settings.CAMBIO_CLAVE_INTENTOS - 1):
            cambiar_clave(cliente, "equivocada")
        assert cambiar_clave(cliente, CONTRASENA).status_code == 302
        for _ in range(settings.CAMBIO_CLAVE_INTENTOS - 1):
            assert cambiar_clave(cliente, "equivocada").status_code == 200
        assert cambiar_clave(cliente, NUEVA, nueva="Tortuga!Lampara#93").status_code == 302

    def test_la_clave_nueva_invalida_no_cuenta_como_intento(self, cliente_de, usuarios, settings):
        cliente = cliente_de("jefe")
        for _ in range(settings.CAMBIO_CLAVE_INTENTOS + 1):
            assert cambiar_clave(cliente, CONTRASENA, nueva="corta").status_code == 200
        assert cambiar_clave(cliente, CONTRASENA).status_code == 302

    def test_el_cambio_de_clave_del_admin_lleva_al_formulario_con_limite(self, cliente_de):
        respuesta = cliente_de("admin").get("/administracion/password_change/")
        assert respuesta.status_code == 302
        assert respuesta["Location"] == reverse("password_change")


def errores_de_clave(contrasena: str, usuario=None) -> set[str]:
    try:
        validate_password(contrasena, usuario)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


class TestContrasenasPredecibles:
    @pytest.mark.parametrize(
        "contrasena",
        [
            "contraseña",
            "Contraseña2026!",
            "Te Amo 2026",
            "Millonarios1!",
            "P4ssw0rd2026",
            "J4v13r2026",
            "1qaz2wsxEDC",
            "Bendiciones.2026",
        ],
    )
    def test_rechaza_las_comunes_en_colombia(self, contrasena):
        assert "password_too_common" in errores_de_clave(contrasena)

    @pytest.mark.parametrize(
        "contrasena",
        [
            "Ministerio2026",
            "Colombia2026",
            "MinisterioDelTrabajo*",
            "Trabajo.2026!",
            "Cooperación#2026",
            "C00P3R4C10N.2026",
            "Diciembre.2025",
            "ministeriodeltrabajocolombia2026",
        ],
    )
    def test_rechaza_las_palabras_de_la_entidad_con_anio_o_simbolos(self, contrasena):
        assert "password_entity_words" in errores_de_clave(contrasena)

    def test_las_palabras_salen_del_nombre_de_la_entidad_configurada(self, settings):
        assert errores_de_clave("Pereira.Risaralda.26") == set()
        settings.ENTIDAD_NOMBRE = "Gobernación de Risaralda"
        assert "password_entity_words" in errores_de_clave("Risaralda2026*")

    @pytest.mark.parametrize(
        "contrasena", ["Guayacan-Rio-Verde-47", "Tortuga!Lampara#93", "Colombia.Perro.Azul.7", CONTRASENA]
    )
    def test_acepta_una_fuerte(self, contrasena):
        assert errores_de_clave(contrasena) == set()

    def test_siguen_los_validadores_de_django(self, usuarios):
        assert "password_too_short" in errores_de_clave("Xk2#pQ")
        assert "password_entirely_numeric" in errores_de_clave("8302749165")
        assert "password_too_similar" in errores_de_clave(usuarios["jefe"].email, usuarios["jefe"])

    def test_el_formulario_de_cambio_rechaza_colombia2026(self, cliente_de, usuarios):
        cliente = cliente_de("jefe")
        respuesta = cambiar_clave(cliente, CONTRASENA, nueva="Colombia2026")
        assert respuesta.status_code == 200
        assert "nombre de la entidad" in respuesta.content.decode()
        assert cambiar_clave(cliente, CONTRASENA).status_code == 302
        usuarios["jefe"].refresh_from_db()
        assert usuarios["jefe"].check_password(NUEVA)


class Reloj:
    """time.time() of the session middleware, moved by hand."""

    def __init__(self):
        self.ahora = time.time()

    def time(self):
        return self.ahora


class TestDuracionMaximaDeLaSesion:
    def test_activo_cada_10_minutos_igual_se_cierra_a_las_12_horas(self, client, usuarios, monkeypatch, settings):
        from cooperacion.core import middleware

        reloj = Reloj()
        monkeypatch.setattr(middleware, "time", reloj)
        client.force_login(usuarios["jefe"])
        inicio = reloj.ahora
        while reloj.ahora - inicio + 600 <= settings.SESSION_DURACION_MAXIMA:
            reloj.ahora += 600
            assert client.get(reverse("core:notificaciones")).status_code == 200
        reloj.ahora += 600
        respuesta = client.get(reverse("core:notificaciones"))
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))
        assert "máximo de 12 horas" in client.get(respuesta["Location"]).content.decode()
        assert client.get(reverse("core:notificaciones")).status_code == 302

    def test_la_hora_de_ingreso_queda_en_la_sesion_y_manda_sobre_la_actividad(self, cliente_de):
        cliente = cliente_de("jefe")
        ahora = int(time.time())
        assert ahora - cliente.session["_inicio_sesion"] < 60
        sesion = cliente.session
        sesion["_inicio_sesion"] = ahora - 12 * 60 * 60 - 60
        sesion["_ultima_actividad"] = ahora - 60
        sesion.save()
        respuesta = cliente.get(reverse("core:inicio"))
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))

    def test_una_sesion_anterior_sin_hora_de_ingreso_empieza_a_contar(self, cliente_de):
        cliente = cliente_de("jefe")
        sesion = cliente.session
        del sesion["_inicio_sesion"]
        sesion.save()
        assert cliente.get(reverse("core:inicio")).status_code == 200
        assert int(time.time()) - cliente.session["_inicio_sesion"] < 60

    def test_ingresar_por_el_formulario_guarda_la_hora(self, client, usuarios):
        assert ingresar(client, "jefe", CONTRASENA, REMOTE_ADDR="190.1.1.1").status_code == 302
        assert int(time.time()) - client.session["_inicio_sesion"] < 60


def en_produccion(tmp_path, argumentos: list[str], **entorno) -> subprocess.CompletedProcess:
    """Run Python in the project with DEBUG off and only the given environment (no SECRET_KEY unless given)."""
    return subprocess.run(
        [sys.executable, *argumentos],
        cwd=RAIZ,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "cooperacion.settings",
            "DEBUG": "False",
            "ALLOWED_HOSTS": "cooperacion.example.gov.co",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'produccion.sqlite3'}",
            **entorno,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


CLAVES_INSERVIBLES = {
    "sin_clave": {},
    "la_de_env_example": {"SECRET_KEY": "reemplazar-por-una-clave-secreta-larga-y-aleatoria"},
    "la_local_de_respaldo": {"SECRET_KEY": "django-insecure-solo-para-pruebas-locales-no-usar-en-produccion"},
    "corta": {"SECRET_KEY": "k7#p2Lq9!vZ4xR8wT1yN"},
}


class TestClaveSecretaEnProduccion:
    @pytest.mark.parametrize("entorno", CLAVES_INSERVIBLES.values(), ids=CLAVES_INSERVIBLES.keys())
    def test_check_deploy_falla_con_una_clave_inservible(self, tmp_path, entorno):
        resultado = en_produccion(tmp_path, ["manage.py", "check", "--deploy"], **entorno)
        assert resultado.returncode != 0
        assert "core.E001" in resultado.stderr + resultado.stdout

    @pytest.mark.parametrize("entorno", CLAVES_INSERVIBLES.values(), ids=CLAVES_INSERVIBLES.keys())
    def test_el_servidor_no_arranca_con_una_clave_inservible(self, tmp_path, entorno):
        resultado = en_produccion(tmp_path, ["-c", "import cooperacion.wsgi"], **entorno)
        assert resultado.returncode != 0
        assert "ImproperlyConfigured" in resultado.stderr
        assert "SECRET_KEY" in resultado.stderr

    def test_con_una_clave_aleatoria_de_50_caracteres_todo_pasa(self, tmp_path):
        clave = secrets.token_urlsafe(38)[:50]
        revision = en_produccion(tmp_path, ["manage.py", "check", "--deploy"], SECRET_KEY=clave)
        assert revision.returncode == 0, revision.stdout + revision.stderr
        assert "core.E001" not in revision.stdout + revision.stderr
        servidor = en_produccion(tmp_path, ["-c", "import cooperacion.wsgi, cooperacion.asgi"], SECRET_KEY=clave)
        assert servidor.returncode == 0, servidor.stderr

    def test_en_desarrollo_arranca_sin_clave(self, tmp_path):
        resultado = en_produccion(tmp_path, ["-c", "import cooperacion.wsgi"], DEBUG="True")
        assert resultado.returncode == 0, resultado.stderr


class TestSinCacheParaUsuarios:
    def test_una_pagina_autenticada_es_privada_y_no_se_guarda(self, cliente_de):
        respuesta = cliente_de("jefe").get(reverse("core:inicio"))
        assert respuesta.status_code == 200
        assert respuesta["Cache-Control"] == "private, no-store"

    def test_una_descarga_es_privada_y_no_se_guarda(self, cliente_de, usuarios, django_capture_on_commit_callbacks):
        from cooperacion.core import services

        with django_capture_on_commit_callbacks(execute=True):
            generado = services.reporte_solicitar(
                codigo="actores", formato="xlsx", datos={}, usuario=usuarios["profesional"]
            )
        respuesta = cliente_de("profesional").get(reverse("core:reporte-descargar", args=[generado.pk]))
        assert respuesta.status_code == 200
        assert b"".join(respuesta.streaming_content).startswith(b"PK")
        assert respuesta["Cache-Control"] == "private, no-store"

    def test_una_cabecera_propia_de_la_vista_se_respeta(self, cliente_de, usuarios):
        jefe = usuarios["jefe"]
        jefe.token_calendario = secrets.token_urlsafe(32)
        jefe.save(update_fields=["token_calendario"])
        cliente = cliente_de("jefe")
        respuesta = cliente.get(reverse("core:calendario", args=[jefe.token_calendario]))
        assert respuesta["Cache-Control"] == "private, max-age=900"
        admin = cliente_de("admin").get(reverse("admin:index"))
        assert "no-store" in admin["Cache-Control"]
        assert "private" in admin["Cache-Control"]

    def test_a_un_anonimo_no_se_le_agrega(self, client):
        # The sign-in page already carries Django's never_cache (LoginView); other public answers are left as they are.
        assert (
            client.get(reverse("login"))["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
        )
        assert not client.get("/no-existe/").has_header("Cache-Control")
