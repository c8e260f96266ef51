"""Permission matrix of the international-relations pages: (role, url, method) → status for every new URL.

The records belong to the cooperation office (OCRI): its Profesional and Jefe manage them, the transversal roles read,
and profesional2 (DDFT) is the outsider and gets 404 on them. Lines are reference data every member of staff reads.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperacion.internacional.models import (
    AccionAlianza,
    Comision,
    CompromisoSesion,
    EstudioInstrumento,
    InstrumentoInternacional,
    LineaPrioritaria,
    MemoriaInstrumento,
    Necesidad,
    SesionComision,
)
from tests.factories import ActorFactory
from tests.factories_convocatorias import pdf
from tests.factories_internacional import CompromisoFactory, ConvenioFactory, LineaFactory, NecesidadFactory

ROLES = ["admin", "jefe", "profesional", "planeacion", "control", "profesional2"]
TODOS = dict.fromkeys(ROLES, 200)


def roles(**estados):
    """{role: status} by group: `admin`, `jefe`, `profesional` (the office), `lectores` (planeacion, control),
    `fuera` (profesional2)."""
    grupos = {
        "admin": ("admin",),
        "jefe": ("jefe",),
        "profesional": ("profesional",),
        "lectores": ("planeacion", "control"),
        "fuera": ("profesional2",),
    }
    return {rol: estado for grupo, estado in estados.items() for rol in grupos[grupo]}


@pytest.fixture
def o(usuarios, dependencias):
    actor = ActorFactory()
    convenio = ConvenioFactory(
        dependencia=dependencias["ocri"], responsable=usuarios["profesional"], actores=[actor], documento=pdf()
    )
    oit = ActorFactory(sigla="OIT")
    en_estudio = InstrumentoInternacional.objects.create(
        codigo="C190", nombre="Violencia y acoso", organizacion=oit, dependencia=dependencias["ocri"]
    )
    ratificado = InstrumentoInternacional.objects.create(
        codigo="C081",
        nombre="Inspección del trabajo",
        organizacion=oit,
        dependencia=dependencias["ocri"],
        estado=InstrumentoInternacional.Estado.RATIFICADO,
    )
    hoy = timezone.localdate()
    memoria = MemoriaInstrumento.objects.create(
        instrumento=ratificado,
        periodo="2026",
        fecha_solicitud=hoy,
        fecha_limite=hoy + timedelta(days=30),
        dependencia=dependencias["ocri"],
        radicado="R-1",
        fecha_envio=hoy,
        soporte=pdf(),
    )
    pendiente = MemoriaInstrumento.objects.create(
        instrumento=ratificado,
        periodo="2027",
        fecha_solicitud=hoy,
        fecha_limite=hoy + timedelta(days=30),
        dependencia=dependencias["ocri"],
    )
    estudio = EstudioInstrumento.objects.create(
        instrumento=en_estudio,
        titulo="Estudio",
        proposito="ratificacion",
        fecha=hoy,
        documento=pdf(),
        registrado_por=usuarios["profesional"],
    )
    planeada = AccionAlianza.objects.create(
        nombre="Curso",
        tipo_producto="cursos",
        sector_acompanado="Sector",
        dependencia=dependencias["ocri"],
        responsable=usuarios["profesional"],
        fecha_inicio=hoy,
        fecha_fin=hoy,
    )
    en_curso = AccionAlianza.objects.create(
        nombre="Evento",
        tipo_producto="eventos",
        sector_acompanado="Sector",
        dependencia=dependencias["ocri"],
        responsable=usuarios["profesional"],
        fecha_inicio=hoy,
        fecha_fin=hoy,
        estado=AccionAlianza.Estado.EN_IMPLEMENTACION,
    )
    finalizada = AccionAlianza.objects.create(
        nombre="Premio",
        tipo_producto="premios",
        sector_acompanado="Sector",
        dependencia=dependencias["ocri"],
        responsable=usuarios["profesional"],
        fecha_inicio=hoy,
        fecha_fin=hoy,
        estado=AccionAlianza.Estado.FINALIZADA,
    )
    comision = Comision.objects.create(nombre="Subcomisión", dependencia=dependencias["ocri"])
    sesion = SesionComision.objects.create(comision=comision, fecha=hoy, acta=pdf())
    compromiso_sesion = CompromisoSesion.objects.create(
        sesion=sesion, descripcion="Informe", responsable=usuarios["profesional"], fecha_limite=hoy
    )
    return {
        "comision": comision,
        "sesion": sesion,
        "compromiso_sesion": compromiso_sesion,
        "planeada": planeada,
        "en_curso": en_curso,
        "finalizada": finalizada,
        "en_estudio": en_estudio,
        "ratificado": ratificado,
        "memoria": memoria,
        "pendiente": pendiente,
        "estudio": estudio,
        "linea": LineaFactory(estado=LineaPrioritaria.Estado.PROPUESTA),
        "necesidad": NecesidadFactory(dependencia=dependencias["ocri"]),
        "priorizada": NecesidadFactory(dependencia=dependencias["ocri"], estado=Necesidad.Estado.PRIORIZADA),
        "presentada": NecesidadFactory(dependencia=dependencias["ocri"], estado=Necesidad.Estado.PRESENTADA),
        "convenio": convenio,
        "compromiso": CompromisoFactory(convenio=convenio),
    }


def u(nombre, clave=None, *extra):
    return lambda o: reverse(f"internacional:{nombre}", args=([o[clave].pk] if clave else []) + list(extra))


GESTION_GET = roles(admin=200, jefe=200, profesional=200, lectores=403, fuera=404)
SOLO_JEFE_POST = roles(admin=302, jefe=302, profesional=403, lectores=403, fuera=403)
OFICINA_CREA = roles(admin=200, jefe=200, profesional=200, lectores=403, fuera=403)

MATRIZ = [
    (u("linea-lista"), "get", TODOS),
    (u("linea-crear"), "get", OFICINA_CREA),
    (u("linea-detalle", "linea"), "get", TODOS),
    (u("linea-editar", "linea"), "get", roles(admin=200, jefe=200, profesional=200, lectores=403, fuera=403)),
    (u("linea-transicion", "linea", "aprobar"), "post", SOLO_JEFE_POST),
    (u("linea-transicion", "linea", "aprobar"), "get", dict.fromkeys(ROLES, 405)),
    (u("necesidad-lista"), "get", TODOS),
    (u("necesidad-resumen"), "get", TODOS),
    (u("necesidad-crear"), "get", roles(admin=200, jefe=200, profesional=200, lectores=403, fuera=200)),
    (u("necesidad-detalle", "necesidad"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (u("necesidad-editar", "necesidad"), "get", GESTION_GET),
    (u("necesidad-priorizar", "necesidad"), "get", GESTION_GET),
    (u("necesidad-presentar", "priorizada"), "get", GESTION_GET),
    (u("necesidad-atender", "presentada"), "get", GESTION_GET),
    (
        u("necesidad-transicion", "necesidad", "descartar"),
        "post",
        roles(admin=302, jefe=302, profesional=302, lectores=403, fuera=404),
    ),
    (u("convenio-lista"), "get", TODOS),
    (u("convenio-crear"), "get", OFICINA_CREA),
    (u("convenio-detalle", "convenio"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (u("convenio-editar", "convenio"), "get", GESTION_GET),
    (u("convenio-documento", "convenio"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (u("compromiso-agregar", "convenio"), "get", GESTION_GET),
    (u("convenio-revision", "convenio"), "get", GESTION_GET),
    (u("compromiso-cumplir", "compromiso"), "get", GESTION_GET),
    (
        u("convenio-transicion", "convenio", "terminar"),
        "post",
        roles(admin=302, jefe=302, profesional=403, lectores=403, fuera=404),
    ),
    (u("instrumento-lista"), "get", TODOS),
    (u("instrumento-crear"), "get", OFICINA_CREA),
    (
        u("instrumento-detalle", "en_estudio"),
        "get",
        roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404),
    ),
    (
        u("instrumento-transicion", "en_estudio", "negociar"),
        "post",
        roles(admin=302, jefe=302, profesional=403, lectores=403, fuera=404),
    ),
    (
        u("instrumento-estado", "en_estudio", "adoptar"),
        "get",
        roles(admin=200, jefe=200, profesional=403, lectores=403, fuera=404),
    ),
    (u("estudio-agregar", "en_estudio"), "get", GESTION_GET),
    (u("estudio-documento", "estudio"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (u("memoria-programar", "ratificado"), "get", GESTION_GET),
    (u("memoria-envio", "pendiente"), "get", GESTION_GET),
    (u("memoria-soporte", "memoria"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (u("accion-lista"), "get", TODOS),
    (u("accion-crear"), "get", OFICINA_CREA),
    (u("accion-detalle", "planeada"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (
        u("accion-transicion", "planeada", "iniciar"),
        "post",
        roles(admin=302, jefe=302, profesional=302, lectores=403, fuera=404),
    ),
    (u("accion-seguimiento", "en_curso"), "get", GESTION_GET),
    (u("accion-finalizar", "en_curso"), "get", GESTION_GET),
    (u("accion-visibilizacion", "finalizada"), "get", GESTION_GET),
    (u("comision-lista"), "get", TODOS),
    (u("comision-crear"), "get", OFICINA_CREA),
    (u("comision-detalle", "comision"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (u("sesion-registrar", "comision"), "get", GESTION_GET),
    (u("sesion-acta", "sesion"), "get", roles(admin=200, jefe=200, profesional=200, lectores=200, fuera=404)),
    (u("sesion-compromiso", "sesion"), "get", GESTION_GET),
    (u("compromiso-sesion-cumplir", "compromiso_sesion"), "get", GESTION_GET),
]


@pytest.mark.parametrize("rol", ROLES)
@pytest.mark.parametrize("indice", range(len(MATRIZ)))
def test_matriz_de_permisos(cliente_de, o, indice, rol):
    construir_url, metodo, esperado = MATRIZ[indice]
    respuesta = getattr(cliente_de(rol), metodo)(
        construir_url(o), {"motivo": "Motivo de prueba"} if metodo == "post" else {}
    )
    assert respuesta.status_code == esperado[rol]
    if hasattr(respuesta, "close"):
        respuesta.close()  # file downloads stream from an open file


@pytest.mark.parametrize("indice", range(len(MATRIZ)))
def test_el_anonimo_va_a_ingresar(client, o, indice):
    construir_url, metodo, _esperado = MATRIZ[indice]
    respuesta = getattr(client, metodo)(construir_url(o))
    if metodo == "get" and "transicion" in construir_url(o):
        assert respuesta.status_code in (302, 405)
    else:
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))


def test_cada_url_nueva_esta_en_la_matriz():
    from cooperacion.internacional.urls import urlpatterns

    cubiertas = set()
    for construir_url, *_resto in MATRIZ:
        for celda in construir_url.__closure__ or ():
            if isinstance(celda.cell_contents, str):
                cubiertas.add(celda.cell_contents)
    nuevas = {p.name for p in urlpatterns if not p.name.startswith("caso-")}
    assert nuevas - cubiertas == set()
