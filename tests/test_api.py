"""The read-only REST API: the web's roles and dependencia scope (outsider: 404), tokens created and revoked on the
profile, pagination, filters, throttling, constant queries, and an OpenAPI schema that generates without warnings."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import CONTRASENA
from cooperacion.core import services
from cooperacion.core.models import Municipio, TokenDeAPI
from cooperacion.core.models.tokens import digesto_de
from tests.factories import UsuarioFactory
from tests.factories_convocatorias import asegurar_datos_de_convocatorias, proyecto_de
from tests.factories_indicadores import IndicadorFactory, MedicionFactory, con_metas

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]


@pytest.fixture(autouse=True)
def _sin_limites_acumulados():
    cache.clear()  # the throttle counts live in the cache
    yield
    cache.clear()


@pytest.fixture
def datos(usuarios, dependencias):
    asegurar_datos_de_convocatorias()
    proyecto = proyecto_de(dependencias["ocri"], usuarios["profesional"])
    indicador = IndicadorFactory(dependencia=dependencias["ocri"])
    return {"proyecto": proyecto, "convocatoria": proyecto.convocatoria, "indicador": indicador}


def cliente_con_clave(clave: str) -> APIClient:
    cliente = APIClient()
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {clave}")
    return cliente


def cliente_con_token(usuario) -> APIClient:
    _token, clave = services.token_crear(usuario=usuario)
    return cliente_con_clave(clave)


def cliente_para_contar(usuario) -> APIClient:
    """A client whose token was already used: «último uso» is written once every few minutes, not in the count."""
    cliente = cliente_con_token(usuario)
    assert cliente.get("/api/v1/").status_code == 200
    return cliente


LISTAS = ["actores", "ods", "monedas", "dependencias", "municipios", "convocatorias", "proyectos", "planes",
          "indicadores", "rendicion/acciones", "convenios"]  # fmt: skip


@pytest.mark.parametrize("rol", ROLES)
def test_cada_rol_lee_las_listas_con_su_token(rol, usuarios, datos):
    cliente = cliente_con_token(usuarios[rol])
    for lista in LISTAS:
        respuesta = cliente.get(f"/api/v1/{lista}/")
        assert respuesta.status_code == 200, lista
        assert {"count", "next", "previous", "results"} <= set(respuesta.json())


# (url builder, {role: status}) over the records of the cooperation office (OCRI); profesional2 is the outsider.
FUERA_404 = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 200, "control": 200, "profesional2": 404}
DETALLES = [
    (lambda d: f"/api/v1/proyectos/{d['proyecto'].pk}/", FUERA_404),
    (lambda d: f"/api/v1/convocatorias/{d['convocatoria'].pk}/", FUERA_404),
    (lambda d: f"/api/v1/indicadores/{d['indicador'].pk}/", FUERA_404),
]


@pytest.mark.parametrize("indice", range(len(DETALLES)))
@pytest.mark.parametrize("rol", ROLES)
def test_matriz_de_permisos_de_los_detalles(indice, rol, usuarios, datos):
    url, esperados = DETALLES[indice]
    assert cliente_con_token(usuarios[rol]).get(url(datos)).status_code == esperados[rol]


def test_el_de_otra_dependencia_no_ve_los_proyectos_ajenos_en_la_lista(usuarios, datos):
    respuesta = cliente_con_token(usuarios["profesional2"]).get("/api/v1/proyectos/")
    assert respuesta.json()["count"] == 0
    respuesta = cliente_con_token(usuarios["profesional"]).get("/api/v1/proyectos/")
    assert [p["codigo"] for p in respuesta.json()["results"]] == [datos["proyecto"].codigo]


def test_sin_token_401_y_sin_rol_403(datos, db):
    respuesta = APIClient().get("/api/v1/proyectos/")
    assert respuesta.status_code == 401
    assert respuesta["WWW-Authenticate"].startswith("Token")
    sin_rol = UsuarioFactory(username="sinrol", password=CONTRASENA)
    TokenDeAPI.objects.create(usuario=sin_rol, prefijo="sinrol12", digesto=digesto_de("sinrol123"))  # from before
    assert cliente_con_clave("sinrol123").get("/api/v1/proyectos/").status_code == 403


class TestTokenPorDigesto:
    def test_la_clave_lee_y_una_clave_errada_da_401(self, usuarios, datos):
        token, clave = services.token_crear(usuario=usuarios["profesional"])
        assert token.ultimo_uso is None
        assert cliente_con_clave(clave).get("/api/v1/proyectos/").status_code == 200
        token.refresh_from_db()
        assert token.ultimo_uso is not None
        for errada in [clave[:-1], clave + "x", clave.upper(), token.digesto, token.prefijo, ""]:
            assert cliente_con_clave(errada).get("/api/v1/proyectos/").status_code == 401, errada

    def test_revocado_o_reemplazado_da_401(self, usuarios, datos):
        cliente = cliente_con_token(usuarios["profesional"])
        assert cliente.get("/api/v1/proyectos/").status_code == 200
        assert services.token_revocar(usuario=usuarios["profesional"])
        assert cliente.get("/api/v1/proyectos/").status_code == 401
        assert not services.token_revocar(usuario=usuarios["profesional"])
        anterior = cliente_con_token(usuarios["profesional"])
        nuevo = cliente_con_token(usuarios["profesional"])
        assert anterior.get("/api/v1/proyectos/").status_code == 401
        assert nuevo.get("/api/v1/proyectos/").status_code == 200
        assert TokenDeAPI.objects.filter(usuario=usuarios["profesional"]).count() == 1

    def test_la_base_de_datos_nunca_tiene_la_clave(self, cliente_de, usuarios, datos):
        from django.db import connection

        respuesta = cliente_de("profesional").post(reverse("core:token-crear"))
        clave = respuesta.context["token"]
        assert cliente_con_clave(clave).get("/api/v1/proyectos/").status_code == 200  # also writes «último uso»
        token = TokenDeAPI.objects.get(usuario=usuarios["profesional"])
        assert token.digesto == digesto_de(clave) != clave
        assert clave.startswith(token.prefijo)
        with connection.cursor() as cursor:
            for tabla in connection.introspection.table_names():
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabla)}")  # noqa: S608 (names from the schema)
                assert not any(clave in str(fila) for fila in cursor.fetchall()), tabla

    def test_creacion_y_revocacion_quedan_en_el_historial(self, usuarios):
        usuario = usuarios["profesional"]
        services.token_crear(usuario=usuario)
        services.token_crear(usuario=usuario)
        services.token_revocar(usuario=usuario)
        historial = TokenDeAPI.history.filter(usuario=usuario).order_by("history_date", "history_id")
        assert [(h.history_type, h.history_change_reason) for h in historial] == [
            ("+", "creado"),
            ("-", "reemplazado por uno nuevo"),
            ("+", "creado"),
            ("-", "revocado"),
        ]
        assert {h.history_user for h in historial} == {usuario}
        assert not hasattr(historial.first(), "digesto")

    def test_sin_rol_no_crea_tokens(self, db):
        from cooperacion.core.errores import ErrorDeDominio

        with pytest.raises(ErrorDeDominio):
            services.token_crear(usuario=UsuarioFactory(username="sinrol"))


def test_nada_se_escribe_por_la_api(usuarios, datos):
    cliente = cliente_con_token(usuarios["admin"])
    url = f"/api/v1/proyectos/{datos['proyecto'].pk}/"
    assert cliente.post("/api/v1/proyectos/", {}).status_code == 405
    assert cliente.put(url, {}).status_code == 405
    assert cliente.delete(url).status_code == 405


class TestTokenEnElPerfil:
    def test_la_clave_se_muestra_una_sola_vez_y_luego_su_prefijo(self, cliente_de, usuarios):
        cliente = cliente_de("profesional")
        respuesta = cliente.post(reverse("core:token-crear"))
        assert respuesta.status_code == 200
        assert "no-store" in respuesta["Cache-Control"]
        clave = respuesta.context["token"]
        assert clave in respuesta.content.decode()
        token = TokenDeAPI.objects.get(usuario=usuarios["profesional"])
        perfil = cliente.get(reverse("core:perfil")).content.decode()
        assert "token activo" in perfil
        assert f"<code>{token.prefijo}</code>" in perfil
        assert token.creado_en.astimezone().strftime("%d/%m/%Y") in perfil
        assert clave not in perfil
        nueva = cliente.post(reverse("core:token-crear")).context["token"]
        assert nueva != clave  # the old one stops working
        assert clave not in cliente.get(reverse("core:perfil")).content.decode()
        assert cliente.post(reverse("core:token-revocar")).status_code == 302
        assert not TokenDeAPI.objects.filter(usuario=usuarios["profesional"]).exists()
        assert "token activo" not in cliente.get(reverse("core:perfil")).content.decode()

    def test_get_no_crea_tokens_y_anonimo_va_al_ingreso(self, cliente_de, client, usuarios):
        assert cliente_de("profesional").get(reverse("core:token-crear")).status_code == 405
        client.logout()
        assert client.post(reverse("core:token-crear")).status_code == 302
        assert not TokenDeAPI.objects.exists()


def test_filtros_como_en_las_listas(usuarios, dependencias, datos):
    otro = proyecto_de(dependencias["ocri"], usuarios["profesional"], 1)
    cliente = cliente_con_token(usuarios["planeacion"])
    respuesta = cliente.get("/api/v1/proyectos/", {"q": otro.codigo})
    assert [p["codigo"] for p in respuesta.json()["results"]] == [otro.codigo]
    respuesta = cliente.get("/api/v1/proyectos/", {"tamano": 1})
    assert len(respuesta.json()["results"]) == 1
    assert respuesta.json()["next"]


def test_los_resultados_del_indicador_son_los_del_calculo(usuarios, dependencias):
    from indicadores import selectors

    indicador = con_metas(IndicadorFactory(dependencia=dependencias["ocri"]), 2026, 10, 10)
    MedicionFactory(indicador=indicador, anio=2026, trimestre=1, numerador=Decimal(8))
    MedicionFactory(indicador=indicador, anio=2026, trimestre=2, numerador=Decimal(11))
    respuesta = cliente_con_token(usuarios["jefe"]).get(f"/api/v1/indicadores/{indicador.pk}/", {"anio": 2026})
    resultados = respuesta.json()["resultados"]
    serie = selectors.serie(indicador, 2026)
    for leido, calculado in zip(resultados, serie.resultados, strict=True):
        assert Decimal(leido["valor_acumulado"] or "0") == (calculado.valor_acumulado or 0)
        assert leido["estado_acumulado"] == calculado.acumulado.estado
    assert Decimal(resultados[1]["valor_acumulado"]) == 19


def test_limite_de_solicitudes(usuarios, datos, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min", "anon": "2/min"})
    cliente = cliente_con_token(usuarios["profesional"])
    estados = [cliente.get("/api/v1/ods/").status_code for _i in range(3)]
    assert estados == [200, 200, 429]


class TestConsultasConstantes:
    """The same number of queries at two sizes on every list (no query per row)."""

    def _consultas(self, cliente, url, django_assert_max_num_queries):
        with django_assert_max_num_queries(40) as capturadas:
            assert cliente.get(url).status_code == 200
        return len(capturadas.captured_queries)

    def test_proyectos_convocatorias_e_indicadores(self, usuarios, dependencias, django_assert_max_num_queries):
        asegurar_datos_de_convocatorias()
        cliente = cliente_para_contar(usuarios["planeacion"])
        urls = ["/api/v1/proyectos/", "/api/v1/convocatorias/", "/api/v1/indicadores/?anio=2026"]

        def crear(n):
            for i in range(n):
                proyecto = proyecto_de(dependencias["ocri"], usuarios["profesional"], i)
                indicador = con_metas(IndicadorFactory(dependencia=dependencias["ocri"]), 2026, 5, 5)
                MedicionFactory(indicador=indicador, anio=2026, trimestre=1)
                proyecto.indicadores.add(indicador)
                proyecto.municipios.add(*Municipio.objects.all()[:2])

        crear(2)
        pocas = {url: self._consultas(cliente, url, django_assert_max_num_queries) for url in urls}
        crear(10)
        muchas = {url: self._consultas(cliente, url, django_assert_max_num_queries) for url in urls}
        assert muchas == pocas

    def test_planes_con_sus_actividades(self, usuarios, dependencias, django_assert_max_num_queries):
        from tests.factories_planes import ANIO, asegurar_datos_de_planes, plan_de_accion

        asegurar_datos_de_planes()
        cliente = cliente_para_contar(usuarios["profesional"])
        plan_de_accion(usuarios, dependencias, ANIO, actividades=2)  # and its strategic plan, without activities
        pocas = self._consultas(cliente, "/api/v1/planes/", django_assert_max_num_queries)
        plan_de_accion(usuarios, dependencias, ANIO + 1, actividades=6)
        respuesta = cliente.get("/api/v1/planes/")
        assert respuesta.json()["count"] == 4
        assert sorted(len(p["actividades"]) for p in respuesta.json()["results"]) == [0, 0, 2, 6]
        assert self._consultas(cliente, "/api/v1/planes/", django_assert_max_num_queries) == pocas

    def test_catalogos(self, usuarios, django_assert_max_num_queries):
        """Pages of 2 and of 10 rows (the fixed catalogs are loaded by the migrations)."""
        from tests.factories import ActorFactory, DependenciaFactory

        ActorFactory.create_batch(12)
        for i in range(12):
            DependenciaFactory(codigo=f"90{i:02d}", sigla=f"D{i}")
        cliente = cliente_para_contar(usuarios["profesional"])
        for catalogo in ["actores", "ods", "monedas", "dependencias", "municipios"]:
            url = f"/api/v1/{catalogo}/?tamano="
            assert len(cliente.get(f"{url}10").json()["results"]) == 10, catalogo  # monedas: 10 in the catalog
            pocas = self._consultas(cliente, f"{url}2", django_assert_max_num_queries)
            assert self._consultas(cliente, f"{url}10", django_assert_max_num_queries) == pocas, catalogo


def test_el_esquema_openapi_se_genera_sin_advertencias(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "esquema.yml"))
    assert "/api/v1/proyectos/" in (tmp_path / "esquema.yml").read_text()


def test_esquema_y_documentacion_para_el_personal(cliente_de, client, db, usuarios):
    cliente = cliente_de("control")
    assert cliente.get("/api/v1/schema/").status_code == 200
    docs = cliente.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "<script>" not in docs.content.decode()  # its start-up script is a file: it runs under the CSP
    assert "cdn" not in docs.content.decode().lower()
    client.logout()
    assert client.get("/api/v1/schema/").status_code == 401


def test_usuario_inactivo_no_lee(usuarios, datos):
    usuario = usuarios["profesional"]
    cliente = cliente_con_token(usuario)
    usuario.is_active = False
    usuario.save()
    assert cliente.get("/api/v1/proyectos/").status_code == 401


def test_acciones_de_rendicion_con_consultas_constantes(usuarios, dependencias, django_assert_max_num_queries):
    from tests.factories_rendicion import AccionFactory, EstrategiaFactory

    estrategia = EstrategiaFactory(anio=2031)
    cliente = cliente_para_contar(usuarios["profesional"])

    def consultas():
        with django_assert_max_num_queries(30) as capturadas:
            respuesta = cliente.get("/api/v1/rendicion/acciones/")
        assert respuesta.status_code == 200
        return len(capturadas.captured_queries), respuesta.json()["count"]

    for _i in range(2):
        AccionFactory(estrategia=estrategia, dependencias=[dependencias["ocri"], dependencias["ddft"]])
    pocas, vistas = consultas()
    assert vistas == 2
    for _i in range(10):
        AccionFactory(estrategia=estrategia, dependencias=[dependencias["ocri"]])
    AccionFactory(estrategia=estrategia, dependencias=[dependencias["ddft"]])  # not of the profesional's dependencia
    assert consultas() == (pocas, 12)


def test_convenios_con_sus_compromisos_en_el_alcance_y_con_consultas_constantes(
    usuarios, dependencias, django_assert_max_num_queries
):
    from tests.factories import ActorFactory
    from tests.factories_internacional import CompromisoFactory, ConvenioFactory

    cliente = cliente_para_contar(usuarios["profesional2"])  # DDFT
    oit = ActorFactory(nombre="Organización Internacional del Trabajo")

    def consultas():
        with django_assert_max_num_queries(30) as capturadas:
            respuesta = cliente.get("/api/v1/convenios/")
        assert respuesta.status_code == 200
        return len(capturadas.captured_queries), respuesta.json()

    propio = ConvenioFactory(dependencia=dependencias["ddft"], actores=[oit])
    CompromisoFactory(convenio=propio)
    ajeno = ConvenioFactory(dependencia=dependencias["ocri"], actores=[oit])
    pocas, datos = consultas()
    assert [c["numero"] for c in datos["results"]] == [propio.numero]
    assert datos["results"][0]["actores"] == [oit.nombre]
    assert len(datos["results"][0]["compromisos"]) == 1
    for _i in range(8):
        otro = ConvenioFactory(dependencia=dependencias["ddft"], actores=[oit, ActorFactory()])
        CompromisoFactory(convenio=otro)
        CompromisoFactory(convenio=otro)
    muchas, datos = consultas()
    assert (muchas, datos["count"]) == (pocas, 9)
    assert cliente.get(f"/api/v1/convenios/{ajeno.pk}/").status_code == 404


def test_la_migracion_borra_los_tokens_en_claro_de_authtoken(usuarios):
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    migracion = import_module("cooperacion.core.migrations.0012_token_de_api_por_digesto")
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint, created timestamp)")
        cursor.execute("INSERT INTO authtoken_token VALUES ('clave-en-claro', %s, '2026-01-01')", [usuarios["jefe"].pk])
        MigrationRecorder(connection).record_applied("authtoken", "0001_initial")
        # SQLite's schema editor cannot open inside the test's transaction: what the function uses of it.
        editor = SimpleNamespace(connection=connection, execute=cursor.execute, quote_name=connection.ops.quote_name)
        migracion.borrar_tokens_en_claro(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not MigrationRecorder(connection).migration_qs.filter(app="authtoken").exists()
