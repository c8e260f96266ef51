"""Security defaults: password guessing, CSP, deploy checks, session expiry, error pages."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.urls import reverse

from conftest import CONTRASENA

RAIZ = Path(__file__).resolve().parent.parent


def intentar(client, usuario, contrasena, ip):
    return client.post(reverse("login"), {"username": usuario, "password": contrasena}, REMOTE_ADDR=ip)


class TestBloqueoPorIntentos:
    def test_cinco_fallos_bloquean_al_usuario_desde_esa_ip(self, client, usuarios, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert intentar(client, "profesional", "equivocada", "190.1.1.1").status_code == 200
        assert intentar(client, "profesional", "equivocada", "190.1.1.1").status_code == 429
        bloqueado = intentar(client, "profesional", CONTRASENA, "190.1.1.1")
        assert bloqueado.status_code == 429
        assert "Acceso bloqueado temporalmente" in bloqueado.content.decode()
        assert "Espere 15 minutos" in bloqueado.content.decode()

    def test_un_colega_en_la_misma_oficina_sigue_ingresando(self, client, usuarios, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            intentar(client, "profesional", "equivocada", "190.1.1.1")
        colega = intentar(client, "jefe", CONTRASENA, "190.1.1.1")
        assert colega.status_code == 302
        assert colega["Location"] == reverse("core:inicio")

    def test_el_bloqueo_se_levanta_tras_el_periodo_de_espera(self, client, usuarios, settings):
        from axes.models import AccessAttempt

        for _ in range(settings.AXES_FAILURE_LIMIT):
            intentar(client, "profesional", "equivocada", "190.1.1.1")
        assert intentar(client, "profesional", CONTRASENA, "190.1.1.1").status_code == 429
        # The cool-off has passed: the attempts are older than AXES_COOLOFF_TIME.
        for intento in AccessAttempt.objects.all():
            intento.attempt_time -= settings.AXES_COOLOFF_TIME * 2
            intento.save()
        assert intentar(client, "profesional", CONTRASENA, "190.1.1.1").status_code == 302


class TestCabecerasYSesion:
    def test_csp_sin_inline_en_cada_pagina(self, cliente_de):
        respuesta = cliente_de("jefe").get(reverse("core:inicio"))
        csp = respuesta["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert respuesta["X-Frame-Options"] == "DENY"

    def test_la_sesion_se_cierra_tras_30_minutos_sin_actividad(self, cliente_de):
        cliente = cliente_de("jefe")
        assert cliente.get(reverse("core:inicio")).status_code == 200
        sesion = cliente.session
        sesion["_ultima_actividad"] = int(time.time()) - 31 * 60
        sesion.save()
        respuesta = cliente.get(reverse("core:inicio"))
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))
        assert cliente.get(reverse("core:inicio")).status_code == 302

    def test_la_sesion_dura_como_maximo_12_horas(self, settings):
        assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60

    def test_salir_exige_post(self, cliente_de):
        cliente = cliente_de("jefe")
        assert cliente.get(reverse("logout")).status_code == 405
        assert cliente.post(reverse("logout")).status_code == 302
        assert cliente.get(reverse("core:inicio")).status_code == 302

    def test_pagina_404_en_espanol_con_el_diseno(self, cliente_de):
        respuesta = cliente_de("jefe").get("/no-existe/")
        assert respuesta.status_code == 404
        assert "No encontramos lo que busca" in respuesta.content.decode()
        assert "Mis pendientes" in respuesta.content.decode()

    def test_pagina_500_no_depende_de_la_base_de_datos(self):
        from django.template.loader import get_template

        html = get_template("500.html").render()
        assert "Algo falló de nuestro lado" in html


def check_deploy(entorno: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "cooperacion.settings", **entorno},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_limpio_con_valores_de_produccion(tmp_path):
    resultado = check_deploy(
        {
            "DEBUG": "False",
            "SECRET_KEY": "k7#p2Lq9!vZ4xR8wT1yN6mB3cF5hJ0dG2sA9eU7iO4pK1lQ8zX",
            "ALLOWED_HOSTS": "cooperacion.example.gov.co",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'produccion.sqlite3'}",
        }
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr
    assert "no issues" in resultado.stdout


def test_check_deploy_detecta_la_clave_de_desarrollo(tmp_path):
    resultado = check_deploy(
        {
            "DEBUG": "False",
            "ALLOWED_HOSTS": "cooperacion.example.gov.co",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'produccion.sqlite3'}",
        }
    )
    assert resultado.returncode != 0
    assert "security.W009" in resultado.stdout + resultado.stderr
