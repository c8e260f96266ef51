"""The call pipeline in the web: permission matrix (every URL, every role, the outsider), pages, forms,
downloads and query counts."""

import io
import uuid
from datetime import timedelta
from decimal import Decimal
from functools import cached_property

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from convocatorias import services
from convocatorias.models import Convocatoria, Destinatario, InformeEjecucion, SectorProyecto
from cooperacion.core import roles
from cooperacion.core.models import ODS, ReporteGenerado
from tests.factories import ActorFactory, DependenciaFactory, UsuarioFactory
from tests.factories_convocatorias import (
    ConvocatoriaFactory,
    asegurar_datos_de_convocatorias,
    avanzar,
    datos_de_convocatoria,
    modalidad,
    moneda,
    pdf,
)

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2", "externo"]


@pytest.fixture(autouse=True)
def _archivos_temporales(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def clientes(client, usuarios, dependencias):
    """`clientes("jefe")`: the test client logged in as that user; "externo" is a Profesional of a third
    dependencia that no call ever informed."""
    asegurar_datos_de_convocatorias()
    externo = UsuarioFactory(username="externo", dependencia=DependenciaFactory(codigo="5200", sigla="DT-NAR"))
    externo.groups.add(Group.objects.get(name=roles.PROFESIONAL))
    todos = {**usuarios, "externo": externo}

    def _cliente(nombre):
        client.logout()
        client.force_login(todos[nombre])
        return client

    return _cliente


class Objetos:
    """The records a row of the matrix needs, built on first use (each through the services)."""

    def __init__(self, usuarios, dependencias):
        self.usuarios, self.dependencias = usuarios, dependencias

    def _en(self, estado, **cambios):
        convocatoria = services.convocatoria_crear(
            usuario=self.usuarios["profesional"], **datos_de_convocatoria(**cambios)
        )
        return avanzar(convocatoria, estado, usuarios=self.usuarios, dependencias=self.dependencias)

    @cached_property
    def identificada(self):
        return self._en(Convocatoria.Estado.IDENTIFICADA, nombre="Identificada")

    @cached_property
    def priorizada(self):
        return self._en(Convocatoria.Estado.PRIORIZADA, nombre="Priorizada")

    @cached_property
    def validada(self):
        convocatoria = self._en(Convocatoria.Estado.VALIDADA, nombre="Validada")
        services.aviso_guardar(convocatoria=convocatoria, usuario=self.usuarios["profesional"], asunto="A", texto="T")
        services.destinatario_agregar(
            convocatoria=convocatoria, usuario=self.usuarios["profesional"], organizacion="ONG", correo="o@x.test"
        )
        return convocatoria

    @cached_property
    def informada(self):
        return self._en(Convocatoria.Estado.INFORMADA, nombre="Informada")

    @cached_property
    def destinatario(self):
        return self.informada.destinatarios.get()

    @cached_property
    def con_aceptacion(self):
        convocatoria = self._en(Convocatoria.Estado.INFORMADA, nombre="Con aceptación")
        services.destinatario_responder(
            destinatario=convocatoria.destinatarios.get(),
            usuario=self.usuarios["profesional2"],
            acepta=False,
            causas="Sin personal",
            oficio_respuesta=pdf("respuesta.pdf"),
        )
        services.destinatario_agregar(
            convocatoria=convocatoria, usuario=self.usuarios["profesional"], organizacion="ONG", correo="o@x.test"
        )
        services.convocatoria_informar(convocatoria=convocatoria, usuario=self.usuarios["profesional"])
        organizacion = convocatoria.destinatarios.get(organizacion="ONG")
        services.destinatario_responder(destinatario=organizacion, usuario=self.usuarios["profesional"], acepta=True)
        return convocatoria

    @cached_property
    def en_formulacion(self):
        return self._en(Convocatoria.Estado.EN_FORMULACION, nombre="En formulación")

    @cached_property
    def aprobada(self):
        return self._en(Convocatoria.Estado.APROBADA, nombre="Aprobada")

    @cached_property
    def presentada(self):
        return self._en(Convocatoria.Estado.PRESENTADA, nombre="Presentada")

    @cached_property
    def aceptada(self):
        return self._en(Convocatoria.Estado.ACEPTADA, nombre="Aceptada")

    @cached_property
    def proyecto(self):
        return self._en(Convocatoria.Estado.EN_EJECUCION, nombre="En ejecución").proyecto

    @cached_property
    def informe_recibido(self):
        informe = self.proyecto.informes.first()
        services.informe_recibir(informe=informe, usuario=self.usuarios["profesional"], archivo=pdf("informe.pdf"))
        return informe

    @cached_property
    def finalizado(self):
        return self._en(Convocatoria.Estado.FINALIZADA, nombre="Finalizada").proyecto

    @cached_property
    def compromiso(self):
        return services.compromiso_agregar(
            convocatoria=self.con_aceptacion,
            usuario=self.usuarios["profesional"],
            parte="ONG",
            obligaciones="Aportar la sede de los talleres",
            responsable="Su directora",
        )

    @cached_property
    def proyecto_iati(self):
        """A project with all that IATI asks for: its export validates (200), not a list of what to fix (422)."""
        proyecto = self._en(Convocatoria.Estado.EN_EJECUCION, nombre="Con datos IATI").proyecto
        SectorProyecto.objects.create(proyecto=proyecto, codigo="16020", porcentaje=Decimal(100))
        proyecto.ods.add(ODS.objects.get(numero=8))
        cooperante = proyecto.convocatoria.cooperante
        cooperante.identificador_iati = "DE-1"
        cooperante.save()
        return proyecto


@pytest.fixture
def objetos(usuarios, dependencias, clientes):
    return Objetos(usuarios, dependencias)


TODOS = dict.fromkeys(ROLES, 200)
LECTURA = {**TODOS, "profesional2": 404, "externo": 404}
OFICINA = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 403, "control": 403, "profesional2": 404,
           "externo": 404}  # fmt: skip
OFICINA_INFORMADA = {
    **OFICINA,
    "profesional2": 403,
}  # DDFT received the oficio: it sees the call, not the office's pages
JEFE = {**OFICINA, "profesional": 403}
JEFE_INFORMADA = {**JEFE, "profesional2": 403}
REGISTRAN = {"admin": 200, "jefe": 200, "profesional": 200, "planeacion": 403, "control": 403, "profesional2": 200,
             "externo": 200}  # fmt: skip
SOLO_ADMIN = {rol: 200 if rol == "admin" else 302 for rol in ROLES}


def _hecho(esperado):
    return {rol: 302 if estado == 200 else estado for rol, estado in esperado.items()}


def _convocatoria_nueva(o):
    datos = datos_de_convocatoria(nombre="Nueva desde la web")
    return {
        "cooperante": datos["cooperante"].pk,
        "nombre": datos["nombre"],
        "fuente": datos["fuente"],
        "modalidad": datos["modalidad"].pk,
        "elegibilidad": "directa",
        "nivel_impacto": "medio",
        "monto": "250000",
        "moneda": datos["moneda"].pk,
        "tasa_cop": "4100",
        "fecha_apertura": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "fecha_cierre": (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "dependencia": o.dependencias["ocri"].pk,
        "responsable": o.usuarios["profesional"].pk,
        "token_creacion": uuid.uuid4().hex,
    }


def _edicion(o):
    return {**_convocatoria_nueva(o), "nombre": "Identificada y editada"}


def _motivo(o):
    return {"motivo": "Prueba de permisos"}


def _oficio(o):
    return {"asunto": "Nuevo asunto", "texto": "Nuevo texto"}


def _respuesta(o):
    return {"respuesta": "acepta"}


def _archivo_version(o):
    return {"archivo": pdf("v.pdf"), "comentario": "v2"}


def _informe(o):
    return {"archivo": pdf("informe.pdf")}


def _url(nombre, *args):
    return reverse(f"convocatorias:{nombre}", args=args)


# The «Datos para IATI y Cíclope» form with one DAC sector at 100 % (its formset of five rows, four left empty).
SECTOR_UNICO = {
    "sectores-TOTAL_FORMS": "5",
    "sectores-INITIAL_FORMS": "0",
    "sectores-MIN_NUM_FORMS": "5",
    "sectores-MAX_NUM_FORMS": "10",
    "sectores-0-codigo": "16010",
    "sectores-0-porcentaje": "100",
}

MATRIZ = [
    (lambda o: _url("matriz"), "get", None, TODOS),
    (lambda o: _url("exportar"), "get", None, TODOS),
    (lambda o: _url("crear"), "get", None, REGISTRAN),
    # The others cannot name an OCRI profesional as responsible: the form comes back with the error.
    (lambda o: _url("crear"), "post", _convocatoria_nueva, {**_hecho(REGISTRAN), "profesional2": 200, "externo": 200}),
    (lambda o: _url("importar"), "get", None, REGISTRAN),
    (lambda o: _url("detalle", o.identificada.pk), "get", None, LECTURA),
    (lambda o: _url("detalle", o.informada.pk), "get", None, {**LECTURA, "profesional2": 200}),
    (lambda o: _url("editar", o.identificada.pk), "get", None, OFICINA),
    (lambda o: _url("editar", o.identificada.pk), "post", _edicion, _hecho(OFICINA)),
    (lambda o: _url("transicion", o.identificada.pk, "priorizar"), "post", _motivo, _hecho(OFICINA)),
    (lambda o: _url("transicion", o.priorizada.pk, "aplicar"), "post", _motivo, _hecho(JEFE)),
    (lambda o: _url("transicion", o.priorizada.pk, "no_aplicar"), "post", _motivo, _hecho(JEFE)),
    (lambda o: _url("transicion", o.identificada.pk, "priorizar"), "get", None, dict.fromkeys(ROLES, 405)),
    (
        lambda o: _url("transicion", o.identificada.pk, "no-existe"),
        "post",
        _motivo,
        dict.fromkeys(ROLES, 404),
    ),
    (lambda o: _url("aviso", o.validada.pk), "get", None, OFICINA),
    (lambda o: _url("aviso", o.validada.pk), "post", _oficio, _hecho(OFICINA)),
    (
        lambda o: _url("destinatario-agregar", o.validada.pk),
        "post",
        lambda o: {"organizacion": "Gobernación", "correo": "g@x.test"},
        _hecho(OFICINA),
    ),
    (lambda o: _url("aviso-enviar", o.validada.pk), "post", None, _hecho(OFICINA)),
    (lambda o: _url("oficio-pdf", o.informada.pk), "get", None, {**LECTURA, "profesional2": 200}),
    (
        lambda o: _url("responder", o.informada.pk, o.destinatario.pk),
        "get",
        None,
        {**OFICINA_INFORMADA, "profesional2": 200},
    ),
    (
        lambda o: _url("responder", o.informada.pk, o.destinatario.pk),
        "post",
        _respuesta,
        _hecho({**OFICINA_INFORMADA, "profesional2": 200}),
    ),
    (lambda o: _url("reunion", o.informada.pk), "get", None, OFICINA_INFORMADA),
    (lambda o: _url("compromisos", o.con_aceptacion.pk), "get", None, OFICINA_INFORMADA),
    (
        lambda o: _url("acta-compromisos-pdf", o.con_aceptacion.pk),
        "post",
        None,
        _hecho({**LECTURA, "profesional2": 404}),
    ),
    (lambda o: _url("version", o.en_formulacion.pk), "get", None, OFICINA_INFORMADA),
    (lambda o: _url("version", o.en_formulacion.pk), "post", _archivo_version, _hecho(OFICINA_INFORMADA)),
    (lambda o: _url("transicion", o.en_formulacion.pk, "aprobar_proyecto"), "post", _motivo, _hecho(JEFE_INFORMADA)),
    (lambda o: _url("presentacion", o.aprobada.pk), "get", None, OFICINA_INFORMADA),
    (lambda o: _url("decision", o.presentada.pk), "get", None, OFICINA_INFORMADA),
    (lambda o: _url("ejecucion", o.aceptada.pk), "get", None, OFICINA_INFORMADA),
    (lambda o: _url("proyecto-lista"), "get", None, TODOS),
    (lambda o: _url("proyecto-detalle", o.proyecto.pk), "get", None, LECTURA),
    (lambda o: _url("informe-recibir", o.proyecto.pk, o.proyecto.informes.last().pk), "get", None, OFICINA),
    (
        lambda o: _url("informe-recibir", o.proyecto.pk, o.proyecto.informes.last().pk),
        "post",
        _informe,
        _hecho(OFICINA),
    ),
    (lambda o: _url("informe-transicion", o.informe_recibido.pk, "aceptar"), "post", _motivo, _hecho(OFICINA)),
    (lambda o: _url("informe-transicion", o.informe_recibido.pk, "devolver"), "post", _motivo, _hecho(OFICINA)),
    (lambda o: _url("movimiento", o.proyecto.pk), "get", None, OFICINA),
    (lambda o: _url("finalizar", o.proyecto.pk), "get", None, JEFE),
    (lambda o: _url("acta-finalizacion-pdf", o.finalizado.pk), "post", None, _hecho(LECTURA)),
    (lambda o: _url("archivo", "version", o.en_formulacion.versiones.get().pk), "get", None, LECTURA),
    (
        lambda o: _url("archivo", "oficio-respuesta", o.con_aceptacion.destinatarios.first().pk),
        "get",
        None,
        {**LECTURA, "profesional2": 200},
    ),
    (lambda o: _url("archivo", "no-existe", 1), "get", None, dict.fromkeys(ROLES, 404)),
    (
        lambda o: reverse("core:historial", args=["convocatorias", "convocatoria", o.identificada.pk]),
        "get",
        None,
        LECTURA,
    ),
    (lambda o: reverse("core:historial", args=["convocatorias", "proyecto", o.proyecto.pk]), "get", None, LECTURA),
    (lambda o: reverse("admin:convocatorias_convocatoria_changelist"), "get", None, SOLO_ADMIN),
    (lambda o: reverse("admin:convocatorias_pesospriorizacion_changelist"), "get", None, SOLO_ADMIN),
    (lambda o: reverse("admin:convocatorias_modalidad_changelist"), "get", None, SOLO_ADMIN),
    (
        lambda o: _url("destinatario-quitar", o.validada.pk, o.validada.destinatarios.get().pk),
        "post",
        None,
        _hecho(OFICINA),
    ),
    (lambda o: _url("aviso-transicion", o.validada.aviso.pk, "solicitar_firma"), "post", _motivo, _hecho(OFICINA)),
    (
        lambda o: _url("compromiso-quitar", o.con_aceptacion.pk, o.compromiso.pk),
        "post",
        None,
        _hecho(OFICINA_INFORMADA),
    ),
    (
        lambda o: _url("acta-compromisos", o.con_aceptacion.pk),
        "post",
        lambda o: {"archivo": pdf("acta.pdf")},
        _hecho(OFICINA_INFORMADA),
    ),
    # Open data: the list's exports take its filters on the user's scope; nothing in it → 422 with the reason.
    (
        lambda o: _url("proyectos-iati"),
        "get",
        lambda o: {"q": o.proyecto_iati.codigo},
        {**TODOS, "profesional2": 422, "externo": 422},
    ),
    (lambda o: _url("proyecto-iati", o.proyecto_iati.pk), "get", None, LECTURA),
    (lambda o: _url("organizacion-iati"), "get", None, TODOS),
    (lambda o: _url("proyectos-ciclope"), "get", None, TODOS),  # the outsider's file has no rows (test_iati)
    (lambda o: _url("proyectos-ciclope-csv"), "get", None, TODOS),
    (lambda o: _url("proyecto-datos-iati", o.proyecto.pk), "get", None, OFICINA),
    (lambda o: _url("proyecto-datos-iati", o.proyecto.pk), "post", lambda o: SECTOR_UNICO, _hecho(OFICINA)),
]

CASOS_MATRIZ = [
    pytest.param(indice, rol, id=f"{rol}-{metodo}-{indice}")
    for indice, (_url_, metodo, _datos, esperado) in enumerate(MATRIZ)
    for rol in esperado
]


@pytest.mark.parametrize(("indice", "rol"), CASOS_MATRIZ)
def test_matriz_de_permisos(clientes, objetos, indice, rol):
    construir_url, metodo, construir_datos, esperado = MATRIZ[indice]
    url = construir_url(objetos)
    datos = construir_datos(objetos) if construir_datos else None
    if metodo == "post" and datos is not None:
        datos = {"token_creacion": uuid.uuid4().hex, **datos}  # create forms carry a one-time token
    respuesta = getattr(clientes(rol), metodo)(url, datos)
    if respuesta.streaming:  # read a download to the end: that closes its file
        b"".join(respuesta.streaming_content)
    assert respuesta.status_code == esperado[rol]


@pytest.mark.parametrize("indice", range(len(MATRIZ)))
def test_anonimo_va_a_la_pagina_de_ingreso(client, objetos, indice):
    construir_url, metodo, construir_datos, _esperado = MATRIZ[indice]
    url = construir_url(objetos)
    respuesta = getattr(client, metodo)(url, construir_datos(objetos) if construir_datos else None)
    assert respuesta.status_code == 302
    destino = "/administracion/login/" if url.startswith("/administracion/") else reverse("login")
    assert respuesta["Location"].startswith(destino)


class TestMatriz:
    @pytest.fixture
    def varias(self, usuarios, dependencias, clientes):
        ocri, ddft = dependencias["ocri"], dependencias["ddft"]
        profesional = usuarios["profesional"]
        ods8 = ODS.objects.get(numero=8)
        ue = ActorFactory(nombre="Unión Europea", sigla="UE")
        koica = ActorFactory(nombre="Agencia de Cooperación de Corea", sigla="KOICA")
        ahora = timezone.now()
        cercana = ConvocatoriaFactory(
            nombre="Inspección laboral rural", cooperante=ue, dependencia=ocri, responsable=profesional,
            fecha_cierre=ahora + timedelta(days=20), monto=Decimal("2000000"),
        )  # fmt: skip
        cercana.ods.add(ods8)
        lejana = ConvocatoriaFactory(
            nombre="Becas de formación", cooperante=koica, dependencia=ocri, responsable=profesional,
            fecha_cierre=ahora + timedelta(days=200), modalidad=modalidad("tecnica"), monto=None, moneda=None,
            tasa_cop=None,
        )  # fmt: skip
        for convocatoria in (cercana, lejana):
            services.convocatoria_recalcular_puntaje(convocatoria=convocatoria)
        otra = ConvocatoriaFactory(nombre="Diálogo social", dependencia=ddft, responsable=usuarios["profesional2"])
        return {"cercana": cercana, "lejana": lejana, "otra": otra}

    def _nombres(self, cliente, **parametros):
        respuesta = cliente.get(reverse("convocatorias:matriz"), parametros)
        return [c.nombre for c, _prioridad, _oficina in respuesta.context["filas"]]

    def test_filtros_y_orden_por_puntaje(self, clientes, varias, dependencias):
        admin = clientes("admin")
        assert self._nombres(admin, q="rural") == ["Inspección laboral rural"]
        assert self._nombres(admin, q="KOICA") == ["Becas de formación"]
        assert self._nombres(admin, ods=ODS.objects.get(numero=8).pk) == ["Inspección laboral rural"]
        assert self._nombres(admin, modalidad=modalidad("tecnica").pk) == ["Becas de formación"]
        hasta = (timezone.localdate() + timedelta(days=30)).isoformat()
        assert set(self._nombres(admin, cierre_hasta=hasta)) == {"Inspección laboral rural", "Diálogo social"}
        assert self._nombres(admin, estado="priorizada") == []
        assert self._nombres(admin, dependencia=dependencias["ddft"].pk) == ["Diálogo social"]
        assert self._nombres(admin, prioridad="alta") == []
        assert self._nombres(admin, prioridad="media") == ["Inspección laboral rural"]
        assert self._nombres(clientes("jefe"))[0] == "Inspección laboral rural"  # sorted by score
        assert self._nombres(clientes("jefe"), orden="-cierre") == ["Becas de formación", "Inspección laboral rural"]

    def test_jefe_y_profesional_solo_ven_su_dependencia_sin_filtro_de_dependencia(self, clientes, varias):
        respuesta = clientes("profesional").get(reverse("convocatorias:matriz"))
        assert "dependencia" not in respuesta.context["filter"].form.fields
        assert self._nombres(clientes("profesional2")) == ["Diálogo social"]
        assert self._nombres(clientes("externo")) == []

    def test_la_matriz_muestra_puntaje_moneda_y_equivalente(self, clientes, varias):
        contenido = clientes("jefe").get(reverse("convocatorias:matriz")).content.decode()
        assert "USD 2.000.000,00" in contenido
        assert "≈ COP 8.000.000.000" in contenido
        assert "Media" in contenido

    def test_consultas_constantes_con_10_y_500_convocatorias(
        self, clientes, usuarios, dependencias, django_assert_max_num_queries
    ):
        cliente = clientes("admin")
        ods = list(ODS.objects.all()[:3])
        actores = [ActorFactory() for _ in range(5)]

        def crear(cuantas):
            for i in range(cuantas):
                convocatoria = ConvocatoriaFactory(
                    cooperante=actores[i % 5], dependencia=dependencias["ocri"], responsable=usuarios["profesional"]
                )
                convocatoria.ods.add(ods[i % 3])

        crear(10)
        with django_assert_max_num_queries(25) as con_10:
            respuesta = cliente.get(reverse("convocatorias:matriz"))
        assert len(respuesta.context["filas"]) == 10
        with django_assert_max_num_queries(15) as exportar_10:
            b"".join(cliente.get(reverse("convocatorias:exportar")).streaming_content)
        crear(490)
        with django_assert_max_num_queries(len(con_10.captured_queries)):
            respuesta = cliente.get(reverse("convocatorias:matriz"), {"estado": "identificada", "orden": "-cierre"})
        assert len(respuesta.context["filas"]) == 25
        with django_assert_max_num_queries(len(exportar_10.captured_queries)):
            exportada = b"".join(cliente.get(reverse("convocatorias:exportar")).streaming_content)
        assert len(load_workbook(io.BytesIO(exportada)).worksheets[0]["A"]) == 501


class TestDetalle:
    def test_la_pagina_muestra_las_nueve_tareas_con_su_estado(self, clientes, objetos):
        convocatoria = objetos.informada
        respuesta = clientes("jefe").get(convocatoria.get_absolute_url())
        pasos = respuesta.context["pasos"]
        assert [p.tarea.numero for p in pasos] == list(range(1, 10))
        assert [p.estado for p in pasos] == ["hecha", "hecha", "actual"] + ["pendiente"] * 6
        contenido = respuesta.content.decode()
        assert "Punto crítico: Aplicación de la convocatoria" in contenido
        assert "Punto crítico: Seguimiento al proyecto" in contenido
        assert "la convocatoria no puede continuar sin al menos una aceptación" in contenido
        assert "Procedimiento AI-P-003 (versión 01): avance" in contenido

    def test_no_aplicar_marca_el_resto_como_no_aplicable(self, clientes, usuarios, objetos):
        services.convocatoria_no_aplicar(convocatoria=objetos.priorizada, usuario=usuarios["jefe"], motivo="No encaja.")
        pasos = clientes("jefe").get(objetos.priorizada.get_absolute_url()).context["pasos"]
        assert [p.estado for p in pasos] == ["hecha", "hecha"] + ["omitida"] * 7

    def test_el_puntaje_muestra_sus_partes(self, clientes, objetos):
        respuesta = clientes("profesional").get(objetos.identificada.get_absolute_url())
        partes = respuesta.context["partes"]
        assert len(partes) == 5
        assert 'id="tabla-puntaje"' in respuesta.content.decode()

    @pytest.mark.parametrize(
        ("rol", "priorizar", "editar"),
        [("admin", True, True), ("jefe", True, True), ("profesional", True, True), ("planeacion", False, False),
         ("control", False, False)],
    )  # fmt: skip
    def test_botones_solo_para_quien_puede(self, clientes, objetos, rol, priorizar, editar):
        convocatoria = objetos.identificada
        contenido = clientes(rol).get(convocatoria.get_absolute_url()).content.decode()
        assert (f'data-bs-target="#modal-convocatoria-{convocatoria.pk}-priorizar"' in contenido) is priorizar
        assert (_url("editar", convocatoria.pk) in contenido) is editar
        assert reverse("core:historial", args=["convocatorias", "convocatoria", convocatoria.pk]) in contenido

    def test_la_validacion_solo_la_ofrece_al_jefe(self, clientes, objetos):
        url = objetos.priorizada.get_absolute_url()
        boton = f'data-bs-target="#modal-convocatoria-{objetos.priorizada.pk}-aplicar"'
        assert boton in clientes("jefe").get(url).content.decode()
        assert boton not in clientes("profesional").get(url).content.decode()

    def test_la_dependencia_informada_ve_solo_su_registro_y_responde(self, clientes, objetos):
        convocatoria = objetos.con_aceptacion
        respuesta = clientes("profesional2").get(convocatoria.get_absolute_url())
        assert respuesta.templates[0].name == "convocatorias/detalle_destinatario.html"
        contenido = respuesta.content.decode()
        assert "Sin personal" in contenido
        assert "ONG" not in contenido  # another addressee's record
        assert "tabla-puntaje" not in contenido

    def test_responder_declinando_sin_causas_muestra_el_error(self, clientes, objetos):
        url = _url("responder", objetos.informada.pk, objetos.destinatario.pk)
        respuesta = clientes("profesional2").post(url, {"respuesta": "declina", "causas": " "})
        assert respuesta.status_code == 200
        assert "Explique las causas de la no participación." in respuesta.content.decode()
        objetos.destinatario.refresh_from_db()
        assert objetos.destinatario.respuesta == Destinatario.Respuesta.PENDIENTE

    def test_formalizar_no_se_ofrece_sin_aceptacion_y_por_la_web_no_avanza(self, clientes, objetos):
        convocatoria = objetos.informada
        cliente = clientes("profesional")
        boton = f'data-bs-target="#modal-convocatoria-{convocatoria.pk}-formalizar"'
        assert boton not in cliente.get(convocatoria.get_absolute_url()).content.decode()
        respuesta = cliente.post(_url("transicion", convocatoria.pk, "formalizar"), {"motivo": ""}, follow=True)
        # The service's own message names the critical control point that is not met.
        assert "ninguna dependencia u organización ha aceptado participar" in respuesta.content.decode()
        convocatoria.refresh_from_db()
        assert convocatoria.estado == Convocatoria.Estado.INFORMADA


class TestFormularios:
    def test_cierre_anterior_a_la_apertura_en_el_formulario(self, clientes, objetos):
        datos = _convocatoria_nueva(objetos)
        datos["fecha_cierre"] = (timezone.localtime() - timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
        respuesta = clientes("profesional").post(_url("crear"), datos)
        assert respuesta.status_code == 200
        assert "La fecha de cierre no puede ser anterior a la de apertura." in respuesta.content.decode()
        assert not Convocatoria.objects.filter(nombre="Nueva desde la web").exists()

    def test_monto_negativo_en_el_formulario(self, clientes, objetos):
        respuesta = clientes("profesional").post(_url("crear"), {**_convocatoria_nueva(objetos), "monto": "-10"})
        assert "El monto no puede ser negativo." in respuesta.content.decode()

    def test_registrar_por_la_web_lleva_a_la_convocatoria(self, clientes, objetos, dependencias):
        respuesta = clientes("profesional").post(_url("crear"), _convocatoria_nueva(objetos))
        convocatoria = Convocatoria.objects.get(nombre="Nueva desde la web")
        assert respuesta["Location"] == convocatoria.get_absolute_url()
        assert convocatoria.dependencia == dependencias["ocri"]
        assert convocatoria.monto_cop == Decimal("250000") * Decimal("4100")

    def test_un_archivo_falso_es_rechazado_en_el_formulario(self, clientes, objetos):
        from django.core.files.uploadedfile import SimpleUploadedFile

        falso = SimpleUploadedFile("proyecto.pdf", b"MZ ejecutable disfrazado")
        respuesta = clientes("profesional").post(_url("version", objetos.en_formulacion.pk), {"archivo": falso})
        assert "no corresponde a un archivo PDF" in respuesta.content.decode()
        assert objetos.en_formulacion.versiones.count() == 1

    def test_crear_el_proyecto_por_la_web(self, clientes, objetos, usuarios, dependencias):
        convocatoria = objetos.aceptada
        hoy = timezone.localdate()
        datos = {
            "codigo": "CI-2026-100",
            "nombre": "Proyecto de prueba",
            "modalidad": convocatoria.modalidad_id,
            "monto_comprometido": "80000",
            "moneda": moneda("USD").pk,
            "tasa_cop": "4000",
            "fecha_inicio": hoy.isoformat(),
            "fecha_fin": (hoy + timedelta(days=365)).isoformat(),
            "dependencia": dependencias["ocri"].pk,
            "supervisor": usuarios["profesional"].pk,
            "periodicidad_meses": "4",
            "participantes-TOTAL_FORMS": "4",
            "participantes-INITIAL_FORMS": "0",
            "participantes-MIN_NUM_FORMS": "4",
            "participantes-MAX_NUM_FORMS": "8",
            "participantes-0-actor": convocatoria.cooperante_id,
            "participantes-0-rol": "1",
        }
        respuesta = clientes("profesional").post(_url("ejecucion", convocatoria.pk), datos)
        convocatoria.refresh_from_db()
        assert respuesta["Location"] == convocatoria.proyecto.get_absolute_url()
        assert convocatoria.estado == Convocatoria.Estado.EN_EJECUCION
        assert convocatoria.proyecto.informes.count() == 3

    def test_el_proyecto_sin_financiador_muestra_el_error(self, clientes, objetos, usuarios, dependencias):
        convocatoria = objetos.aceptada
        hoy = timezone.localdate()
        datos = {
            "codigo": "CI-2026-101", "nombre": "P", "modalidad": convocatoria.modalidad_id,
            "monto_comprometido": "80000", "moneda": moneda("USD").pk, "tasa_cop": "4000",
            "fecha_inicio": hoy.isoformat(), "fecha_fin": (hoy + timedelta(days=30)).isoformat(),
            "dependencia": dependencias["ocri"].pk, "supervisor": usuarios["profesional"].pk,
            "periodicidad_meses": "1", "participantes-TOTAL_FORMS": "4", "participantes-INITIAL_FORMS": "0",
            "participantes-0-actor": convocatoria.cooperante_id, "participantes-0-rol": "4",
        }  # fmt: skip
        respuesta = clientes("profesional").post(_url("ejecucion", convocatoria.pk), datos)
        assert "Indique al menos un financiador del proyecto." in respuesta.content.decode()


class TestDocumentos:
    def test_el_oficio_firmado_se_descarga_tal_como_se_guardo(self, clientes, objetos):
        convocatoria = objetos.informada
        aviso = convocatoria.aviso
        with aviso.pdf_firmado.open("rb") as archivo:
            guardado = archivo.read()
        respuesta = clientes("profesional2").get(_url("oficio-pdf", convocatoria.pk))
        assert b"".join(respuesta.streaming_content) == guardado
        assert not ReporteGenerado.objects.exists()  # a record's document is not one of the user's reports

    def test_el_borrador_solo_lo_ve_la_oficina(self, clientes, objetos):
        convocatoria = objetos.validada
        services.aviso_guardar(
            convocatoria=convocatoria, usuario=objetos.usuarios["profesional"], asunto="A", texto="T"
        )
        borrador = clientes("profesional").get(_url("oficio-pdf", convocatoria.pk))
        assert borrador["Content-Type"] == "application/pdf"
        assert borrador.content.startswith(b"%PDF")

    def test_el_acta_de_finalizacion_solo_para_proyectos_finalizados(
        self, clientes, objetos, django_capture_on_commit_callbacks
    ):
        respuesta = clientes("jefe").post(_url("acta-finalizacion-pdf", objetos.proyecto.pk), follow=True)
        assert "El acta se genera cuando el jefe firma la finalización del proyecto." in respuesta.content.decode()
        finalizado = objetos.finalizado
        with django_capture_on_commit_callbacks(execute=True):
            clientes("jefe").post(_url("acta-finalizacion-pdf", finalizado.pk))
        generado = ReporteGenerado.objects.get(codigo="acta_finalizacion")
        generado.refresh_from_db()
        assert generado.estado == ReporteGenerado.Estado.LISTO, generado.error

    def test_volver_no_lleva_fuera_del_sitio(self, clientes, objetos):
        url = _url("acta-finalizacion-pdf", objetos.proyecto.pk)
        respuesta = clientes("jefe").post(url, {"volver": "https://malicioso.example/"})
        assert respuesta["Location"] == objetos.proyecto.get_absolute_url()  # the record's own page, never off-site
        respuesta = clientes("jefe").post(url, {"volver": objetos.proyecto.get_absolute_url()})
        assert respuesta["Location"] == objetos.proyecto.get_absolute_url()

    def test_un_archivo_se_descarga_con_su_nombre(self, clientes, objetos):
        version = objetos.en_formulacion.versiones.get()
        respuesta = clientes("control").get(_url("archivo", "version", version.pk))
        assert b"".join(respuesta.streaming_content).startswith(b"%PDF")
        assert respuesta["Content-Disposition"].startswith('attachment; filename="proyecto.pdf"')


def test_el_informe_aceptado_por_la_web_marca_el_punto_critico(clientes, objetos):
    informe = objetos.informe_recibido
    contenido = clientes("profesional").get(objetos.proyecto.get_absolute_url()).content.decode()
    assert f'data-bs-target="#modal-informe-{informe.pk}-aceptar"' in contenido
    assert "Punto crítico: Seguimiento al proyecto" in contenido
    clientes("profesional").post(_url("informe-transicion", informe.pk, "aceptar"), {"motivo": ""})
    informe.refresh_from_db()
    assert informe.estado == InformeEjecucion.Estado.ACEPTADO


class TestCooperantePropuesto:
    """Issue 10: a call from a new donor is registered without waiting for the Administrador."""

    def _nueva(self, objetos, **cambios):
        datos = {**_convocatoria_nueva(objetos), "cooperante": "", **cambios}
        return datos

    def test_el_profesional_propone_el_cooperante_desde_el_formulario(self, clientes, objetos, usuarios):
        from cooperacion.core.models import Actor, Notificacion

        datos = self._nueva(objetos, cooperante_nuevo="  Fundación   Ejemplo ", cooperante_nuevo_tipo=Actor.Tipo.ESAL)
        respuesta = clientes("profesional").post(_url("crear"), datos)
        convocatoria = Convocatoria.objects.get(nombre="Nueva desde la web")
        assert respuesta["Location"] == convocatoria.get_absolute_url()
        actor = convocatoria.cooperante
        assert actor.nombre == "Fundación Ejemplo"
        assert actor.por_revisar
        assert actor.propuesto_por == usuarios["profesional"]
        aviso = Notificacion.objects.get(usuario=usuarios["admin"])
        assert "Fundación Ejemplo" in aviso.titulo
        # The Administrador sees it marked and clears the mark; the notice leaves the bell.
        pagina = clientes("admin").get(actor.get_absolute_url()).content.decode()
        assert "Por revisar" in pagina
        clientes("admin").post(reverse("core:actor-transicion", args=[actor.pk, "revisar"]), {"motivo": ""})
        actor.refresh_from_db()
        assert not actor.por_revisar
        aviso.refresh_from_db()
        assert aviso.leida_en is not None

    def test_un_nombre_que_ya_existe_reutiliza_el_actor(self, clientes, objetos):
        from cooperacion.core.models import Actor

        existente = ActorFactory(nombre="Agencia Existente")
        datos = self._nueva(objetos, cooperante_nuevo="agencia existente", cooperante_nuevo_tipo=Actor.Tipo.ESAL)
        clientes("jefe").post(_url("crear"), datos)
        assert Convocatoria.objects.get(nombre="Nueva desde la web").cooperante == existente
        assert Actor.objects.filter(nombre__iexact="agencia existente").count() == 1

    def test_sin_cooperante_ni_propuesta_todos_los_errores_a_la_vez(self, clientes, objetos):
        from cooperacion.core.models import Actor

        datos = self._nueva(objetos, nombre="", cooperante_nuevo="Sin tipo")
        html = clientes("profesional").post(_url("crear"), datos).content.decode()
        assert "Indique el tipo del nuevo cooperante." in html
        assert "Este campo es requerido." in html  # the name, in the same answer
        datos = self._nueva(objetos)
        html = clientes("profesional").post(_url("crear"), datos).content.decode()
        assert "Elija el cooperante de la lista o escriba el nombre de uno nuevo." in html
        assert not Actor.objects.filter(nombre="Sin tipo").exists()
        assert not Convocatoria.objects.filter(nombre="Nueva desde la web").exists()

    def test_el_administrador_no_deja_nada_por_revisar(self, clientes, objetos):
        from cooperacion.core.models import Actor

        datos = self._nueva(objetos, cooperante_nuevo="Banco Nuevo", cooperante_nuevo_tipo=Actor.Tipo.MULTILATERAL)
        clientes("admin").post(_url("crear"), datos)
        assert not Actor.objects.get(nombre="Banco Nuevo").por_revisar


def test_un_archivo_elegido_se_pide_de_nuevo_por_su_nombre_si_hay_errores(clientes, objetos):
    from django.core.files.uploadedfile import SimpleUploadedFile

    acta = SimpleUploadedFile("acta-reunion.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")
    respuesta = clientes("profesional").post(_url("reunion", objetos.informada.pk), {"lugar": "Sala 3", "acta": acta})
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Elija de nuevo «acta-reunion.pdf»" in html
    assert "Este campo es requerido." in html
