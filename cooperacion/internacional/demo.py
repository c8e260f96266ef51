"""Demo ILO cases, dated relative to today so the list always shows every colour of the traffic light."""

from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.models import ODS, Actor, Dependencia, Moneda, Usuario
from cooperacion.core.tipos import historia

from . import services
from .models import AccionAlianza, CasoOIT, Comision, Convenio, InstrumentoInternacional, LineaPrioritaria, Necesidad
from .services import acciones as services_acciones
from .services import comisiones as services_comisiones
from .services import convenios as services_convenios
from .services import instrumentos as services_instrumentos
from .services import prioridades as services_prioridades

CUT = "Central Unitaria de Trabajadores de Colombia (CUT)"
CGT = "Confederación General del Trabajo (CGT)"
CTC = "Confederación de Trabajadores de Colombia (CTC)"


def _proximo_1_de_septiembre(hoy: date) -> date:
    """Memorias (art. 22) are due on 1 September; the next one at least six weeks away."""
    limite = date(hoy.year, 9, 1)
    return limite if limite >= sumar_dias_habiles(hoy, 30) else date(hoy.year + 1, 9, 1)


def _casos(hoy: date) -> list[dict]:
    septiembre = _proximo_1_de_septiembre(hoy)
    return [
        {
            "tipo": CasoOIT.Tipo.QUEJA_CLS,
            "numero": "3074",
            "convenios": "C087, C098",
            "asunto": (
                "Alegatos de despidos antisindicales y negativa a negociar colectivamente en empresas del sector "
                "palmero; el Comité de Libertad Sindical pide al Gobierno información sobre las investigaciones "
                "administrativas adelantadas por la inspección del trabajo."
            ),
            "organizacion_querellante": CUT,
            "fecha_recepcion": hoy - timedelta(days=45),
            "fecha_limite_respuesta": sumar_dias_habiles(hoy, 3),
            "oficina": "1100",
        },
        {
            "tipo": CasoOIT.Tipo.MEMORIA,
            "numero": f"C081-{septiembre.year}",
            "convenios": "C081",
            "asunto": (
                "Memoria sobre la aplicación del Convenio sobre la inspección del trabajo, 1947 (núm. 81): "
                "cobertura de la inspección, número de inspectores y resultados de las visitas."
            ),
            "organizacion_querellante": "",
            "fecha_recepcion": min(hoy, septiembre - timedelta(days=150)),
            "fecha_limite_respuesta": septiembre,
            "oficina": "1100",
        },
        {
            "tipo": CasoOIT.Tipo.CEACR,
            "numero": f"C111-OBS-{hoy.year}",
            "convenios": "C111",
            "asunto": (
                "Observación de la Comisión de Expertos sobre la discriminación en el empleo y la ocupación: "
                "medidas para la igualdad de oportunidades de las mujeres y de la población afrodescendiente."
            ),
            "organizacion_querellante": "",
            "fecha_recepcion": hoy - timedelta(days=60),
            "fecha_limite_respuesta": sumar_dias_habiles(hoy, -4),
            "oficina": "1100",
        },
        {
            "tipo": CasoOIT.Tipo.CEACR,
            "numero": f"C138-SD-{hoy.year}",
            "convenios": "C138, C182",
            "asunto": (
                "Solicitud directa sobre la edad mínima de admisión al empleo y la erradicación de las peores "
                "formas de trabajo infantil en la minería artesanal."
            ),
            "organizacion_querellante": "",
            "fecha_recepcion": hoy - timedelta(days=20),
            "fecha_limite_respuesta": sumar_dias_habiles(hoy, 10),
            "oficina": "1100",
        },
        {
            "tipo": CasoOIT.Tipo.QUEJA_CLS,
            "numero": "3150",
            "convenios": "C087",
            "asunto": (
                "Alegatos sobre la negativa del registro de una organización sindical de trabajadores de "
                "plataformas digitales de reparto."
            ),
            "organizacion_querellante": CGT,
            "fecha_recepcion": hoy - timedelta(days=90),
            "fecha_limite_respuesta": hoy - timedelta(days=10),
            "oficina": "1100",
            "respuesta": (hoy - timedelta(days=14), f"08SE{hoy.year}120300000451"),
        },
        {
            "tipo": CasoOIT.Tipo.MEMORIA,
            "numero": f"C100-{hoy.year - 1}",
            "convenios": "C100",
            "asunto": "Memoria sobre la aplicación del Convenio sobre igualdad de remuneración, 1951 (núm. 100).",
            "organizacion_querellante": "",
            "fecha_recepcion": date(hoy.year - 1, 3, 2),
            "fecha_limite_respuesta": date(hoy.year - 1, 9, 1),
            "oficina": "1100",
            "respuesta": (date(hoy.year - 1, 8, 25), f"08SE{hoy.year - 1}120300000122"),
            "cierre": "La Comisión de Expertos tomó nota de la memoria sin formular nuevas solicitudes.",
        },
        {
            "tipo": CasoOIT.Tipo.RECLAMACION,
            "numero": f"R-C087-{hoy.year}",
            "convenios": "C087, C154",
            "asunto": (
                "Reclamación sobre el alcance de la negociación colectiva en el sector público territorial; "
                "la Dirección de Derechos Fundamentales del Trabajo prepara los elementos de respuesta."
            ),
            "organizacion_querellante": CTC,
            "fecha_recepcion": hoy - timedelta(days=15),
            "fecha_limite_respuesta": sumar_dias_habiles(hoy, 20),
            "oficina": "2100",
        },
    ]


def cargar_demo(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    """Create the demo cases once (keyed by tipo and número); running it again changes nothing."""
    por_codigo = {d.codigo: d for d in dependencias.values()}
    responsables = {"1100": usuarios["profesional"], "2100": usuarios["profesional2"]}
    jefe = usuarios["jefe"]
    for datos in _casos(hoy):
        datos = dict(datos)
        oficina = datos.pop("oficina")
        respuesta = datos.pop("respuesta", None)
        cierre = datos.pop("cierre", None)
        if CasoOIT.objects.filter(tipo=datos["tipo"], numero=datos["numero"]).exists():
            continue
        responsable = responsables[oficina]
        caso = services.caso_crear(
            usuario=responsable, responsable=responsable, dependencia=por_codigo[oficina], **datos
        )
        if respuesta:
            fecha, radicado = respuesta
            services.caso_registrar_respuesta(caso=caso, usuario=jefe, fecha_respuesta=fecha, radicado=radicado)
        if cierre:
            services.caso_cerrar(caso=caso, usuario=jefe, motivo=cierre)


# PR-CRI, planear row 1: its output is "Líneas prioritarias de oferta y demanda de Cooperación Internacional".
LINEAS_PRIORITARIAS = [
    (
        "Trabajo decente y derechos fundamentales en el trabajo",
        "Promoción del trabajo decente, la igualdad de oportunidades y la vigilancia de los derechos fundamentales "
        "en el trabajo, con énfasis en la inspección laboral en zonas rurales.",
        "2100",
    ),
    (
        "Formalización laboral y protección social",
        "Tránsito a la formalidad de trabajadores rurales, independientes y de plataformas digitales; "
        "ampliación de la cobertura de la protección social.",
        "3100",
    ),
    (
        "Diálogo social y libertad sindical",
        "Fortalecimiento de las instancias de concertación, de la negociación colectiva y de las garantías "
        "para el ejercicio de la libertad sindical.",
        "2100",
    ),
    (
        "Erradicación del trabajo infantil y protección del adolescente trabajador",
        "Prevención y erradicación del trabajo infantil y de sus peores formas, en particular en la minería "
        "artesanal y la agricultura.",
        "2100",
    ),
    (
        "Migración laboral",
        "Integración laboral de la población migrante y retornada, reconocimiento de competencias y "
        "portabilidad de la seguridad social.",
        "3100",
    ),
]

NECESIDADES = [
    (
        "Fortalecer la inspección del trabajo en las zonas rurales de Nariño",
        "Dotar y capacitar a los inspectores de la Dirección Territorial para visitas móviles a fincas y minas.",
        "5200",
        0,
        8,
        Necesidad.Estado.PRIORIZADA,
    ),
    (
        "Caracterizar el trabajo infantil en la minería artesanal de oro",
        "Levantar una línea de base de niños, niñas y adolescentes en la minería de subsistencia del sur del país.",
        "2100",
        3,
        8,
        Necesidad.Estado.PRIORIZADA,
    ),
    (
        "Ruta de formalización para trabajadores de plataformas digitales",
        "Diseñar y pilotear la afiliación a seguridad social de repartidores y conductores de plataformas.",
        "3100",
        1,
        8,
        Necesidad.Estado.REGISTRADA,
    ),
    (
        "Formación de negociadores para la negociación colectiva del sector público",
        "Programa de formación conjunta para negociadores de las entidades y de las organizaciones sindicales.",
        "2100",
        2,
        16,
        Necesidad.Estado.REGISTRADA,
    ),
    (
        "Integración laboral de la población migrante venezolana",
        "Servicios de empleo, certificación de competencias y rutas de atención para migrantes y retornados.",
        "3100",
        4,
        10,
        Necesidad.Estado.REGISTRADA,
    ),
    (
        "Reconocimiento del trabajo doméstico remunerado",
        "Campaña y acompañamiento para la formalización de las trabajadoras domésticas remuneradas.",
        "2100",
        0,
        5,
        Necesidad.Estado.ATENDIDA,
    ),
]


# A line of the offer (South-South cooperation) that the office proposed and the Jefe has yet to approve.
LINEA_PROPUESTA = (
    "Cooperación Sur-Sur en inspección del trabajo",
    "Intercambio con ministerios de trabajo de la región sobre inspección móvil y rural, desde la experiencia "
    "colombiana.",
    "1100",
)
# Estimated amounts (COP) and the office's ranking of the open needs, in the order of NECESIDADES.
MONTOS_ESTIMADOS = [900_000_000, 450_000_000, 1_200_000_000, 300_000_000, 2_500_000_000, None]


def cargar_prioridades(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    """The priority lines and needs of the Ministry (idempotent: keyed by name and by dependencia + title)."""
    hoy = hoy or timezone.localdate()
    por_codigo = {d.codigo: d for d in dependencias.values()}
    oficina = por_codigo["1100"]
    lineas = []
    for nombre, descripcion, codigo in [*LINEAS_PRIORITARIAS, LINEA_PROPUESTA]:
        linea = LineaPrioritaria.objects.filter(nombre=nombre).first()
        if linea is None:
            linea = services_prioridades.linea_crear(
                usuario=usuarios["admin"],
                nombre=nombre,
                descripcion=descripcion,
                tipo=LineaPrioritaria.Tipo.OFERTA if codigo == "1100" else LineaPrioritaria.Tipo.DEMANDA,
                periodo_inicio=hoy.year - 1,
                periodo_fin=hoy.year + 2,
                dependencia=por_codigo.get(codigo, oficina),
            )
            if nombre != LINEA_PROPUESTA[0]:
                services_prioridades.linea_aprobar(
                    linea=linea, usuario=usuarios["jefe"], motivo="Plan Estratégico Sectorial."
                )
        lineas.append(linea)
    ods = {o.numero: o for o in ODS.objects.all()}
    cop = Moneda.objects.filter(codigo="COP").first()
    prioridad = 0
    for (titulo, descripcion, codigo, indice_linea, numero_ods, estado), monto in zip(
        NECESIDADES, MONTOS_ESTIMADOS, strict=True
    ):
        dependencia = por_codigo.get(codigo, oficina)
        if Necesidad.objects.filter(dependencia=dependencia, titulo=titulo).exists():
            continue
        necesidad = Necesidad(
            titulo=titulo,
            descripcion=descripcion,
            dependencia=dependencia,
            linea=lineas[indice_linea],
            ods=ods.get(numero_ods),
            estado=estado,
            monto_estimado=monto if cop else None,
            moneda=cop if monto else None,
            tema=lineas[indice_linea].nombre.split(" y ")[0],
            registrada_por=usuarios["profesional"],
        )
        if estado != Necesidad.Estado.REGISTRADA:
            prioridad += 1
            necesidad.prioridad = prioridad
        historia(necesidad)._history_user = usuarios["admin"]
        necesidad.save()


# PR-CRI, hacer: "Convenios y acuerdos" of the office with the ILO and the donors; dates relative to today so that one
# expiry falls inside the 60-day warning of the engine.
class DatosConvenio(TypedDict):
    numero: str
    tipo: str
    alcance: str
    objeto: str
    actores: list[str]  # siglas of the catalog's actors
    firma_hace: int  # days
    vence_en: int  # days
    monto: tuple[int, str] | None  # (amount, currency code)
    compromisos: list[tuple[str, int]]  # (description, due in days)
    revision: tuple[int, str] | None  # (rating, comment)


CONVENIOS: list[DatosConvenio] = [
    {
        "numero": "MDE-OIT-001",
        "tipo": "memorando",
        "alcance": "bilateral",
        "objeto": (
            "Memorando de entendimiento con la OIT para la asistencia técnica en trabajo decente, inspección del "
            "trabajo y diálogo social (Programa de Trabajo Decente por País)."
        ),
        "actores": ["OIT"],
        "firma_hace": 700,
        "vence_en": 45,
        "monto": None,
        "compromisos": [
            (
                "Informe anual de avance del Programa de Trabajo Decente a la Oficina de la OIT para los Países "
                "Andinos",
                20,
            ),
            ("Reunión tripartita de seguimiento del memorando", 40),
        ],
        "revision": (4, "El memorando funciona: la asistencia técnica de la OIT llegó a tiempo a la inspección móvil."),
    },
    {
        "numero": "CONV-AECID-2025-07",
        "tipo": "convenio",
        "alcance": "bilateral",
        "objeto": "Convenio de cooperación para la formalización laboral de trabajadoras domésticas remuneradas.",
        "actores": ["AECID"],
        "firma_hace": 200,
        "vence_en": 500,
        "monto": (850_000, "EUR"),
        "compromisos": [("Entrega del plan operativo anual aprobado por el comité técnico", 10)],
        "revision": None,
    },
    {
        "numero": "AC-UE-GIZ-2024-03",
        "tipo": "acuerdo",
        "alcance": "multilateral",
        "objeto": "Acuerdo para la integración laboral de la población migrante y retornada.",
        "actores": ["UE", "GIZ"],
        "firma_hace": 400,
        "vence_en": 300,
        "monto": (1_200_000, "USD"),
        "compromisos": [],
        "revision": (3, "Avanza con retrasos en la contratación del operador; se acordó un plan de choque."),
    },
]


def cargar_convenios(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    """The office's agreements with the ILO and the donors (idempotent: keyed by number)."""
    hoy = hoy or timezone.localdate()
    por_codigo = {d.codigo: d for d in dependencias.values()}
    oficina = por_codigo["1100"]
    actores = {a.sigla: a for a in Actor.objects.exclude(sigla="")}
    monedas: dict[str | None, Moneda] = {m.codigo: m for m in Moneda.objects.all()}  # .get(None): no currency
    for datos in CONVENIOS:
        if Convenio.objects.filter(numero=datos["numero"]).exists():
            continue
        partes = [actores[s] for s in datos["actores"] if s in actores]
        if len(partes) != len(datos["actores"]):
            continue
        monto, codigo = datos["monto"] or (None, None)
        convenio = services_convenios.convenio_registrar(
            usuario=usuarios["profesional"],
            numero=datos["numero"],
            tipo=datos["tipo"],
            alcance=datos["alcance"],
            objeto=datos["objeto"],
            actores=partes,
            dependencia=oficina,
            dependencias_parte=[d for c, d in por_codigo.items() if c == "2100"],
            responsable=usuarios["profesional"],
            fecha_firma=hoy - timedelta(days=datos["firma_hace"]),
            fecha_inicio=hoy - timedelta(days=datos["firma_hace"]),
            fecha_fin=hoy + timedelta(days=datos["vence_en"]),
            monto=Decimal(monto) if monto else None,
            moneda=monedas.get(codigo),
        )
        for descripcion, dias in datos["compromisos"]:
            services_convenios.compromiso_agregar(
                convenio=convenio,
                usuario=usuarios["profesional"],
                descripcion=descripcion,
                responsable=usuarios["profesional"],
                fecha_limite=hoy + timedelta(days=dias),
            )
        if datos["revision"]:
            calificacion, comentario = datos["revision"]
            services_convenios.convenio_revisar(
                convenio=convenio,
                usuario=usuarios["jefe"],
                fecha=hoy - timedelta(days=30),
                calificacion=calificacion,
                comentario=comentario,
            )


# PR-CRI: "Convenios OIT" studied, adopted and ratified, and the memorias on their application (art. 22).
INSTRUMENTOS = [
    (
        "C087",
        "Convenio sobre la libertad sindical y la protección del derecho de sindicación, 1948",
        date(1948, 7, 9),
        date(1976, 11, 16),
    ),
    (
        "C098",
        "Convenio sobre el derecho de sindicación y de negociación colectiva, 1949",
        date(1949, 7, 1),
        date(1976, 11, 16),
    ),
    ("C081", "Convenio sobre la inspección del trabajo, 1947", date(1947, 7, 11), date(1967, 11, 13)),
    (
        "C189",
        "Convenio sobre las trabajadoras y los trabajadores domésticos, 2011",
        date(2011, 6, 16),
        date(2014, 5, 9),
    ),
    ("C190", "Convenio sobre la violencia y el acoso, 2019", date(2019, 6, 21), None),
]


def cargar_instrumentos(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    """ILO conventions with their dates for Colombia, a study for C190 and the memorias (idempotent by code)."""
    hoy = hoy or timezone.localdate()
    oit = Actor.objects.filter(sigla="OIT").first()
    if oit is None:
        return
    por_codigo = {d.codigo: d for d in dependencias.values()}
    oficina, ddft = por_codigo["1100"], por_codigo.get("2100", por_codigo["1100"])
    jefe = usuarios["jefe"]
    for codigo, nombre, adopcion, ratificacion in INSTRUMENTOS:
        if InstrumentoInternacional.objects.filter(codigo=codigo).exists():
            continue
        instrumento = services_instrumentos.instrumento_registrar(
            usuario=usuarios["profesional"], codigo=codigo, nombre=nombre, organizacion=oit, dependencia=oficina
        )
        services_instrumentos.instrumento_fechar(
            instrumento=instrumento, usuario=jefe, transicion="adoptar", fecha=adopcion
        )
        if ratificacion:
            services_instrumentos.instrumento_fechar(
                instrumento=instrumento, usuario=jefe, transicion="ratificar", fecha=ratificacion
            )
            services_instrumentos.memoria_programar(
                instrumento=instrumento,
                usuario=usuarios["profesional"],
                periodo=str(hoy.year),
                fecha_solicitud=hoy - timedelta(days=20),
                dias_habiles=40 if codigo != "C087" else 10,
                dependencia=ddft if codigo in ("C087", "C098") else oficina,
            )
        else:
            services_instrumentos.estudio_agregar(
                instrumento=instrumento,
                usuario=usuarios["profesional"],
                titulo="Estudio de viabilidad jurídica para la ratificación del Convenio 190",
                proposito="ratificacion",
                fecha=hoy - timedelta(days=60),
                documento=_pdf_de_estudio(),
            )


def _pdf_de_estudio() -> SimpleUploadedFile:
    """A one-page PDF standing in for the study (the demo has no real file)."""
    contenido = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return SimpleUploadedFile("estudio-c190.pdf", contenido, content_type="application/pdf")


# Bogotá 4212000-CR-040, HACER: outputs of the alliance and international-relations actions, with allies of the
# actor catalog; one finished and published, one in implementation, one planned.
class DatosAccion(TypedDict):
    nombre: str
    tipo_producto: str
    aliados: list[str]  # siglas of the catalog's actors
    sector: str
    inicio_hace: int  # days (negative: starts in the future)
    dura: int  # days
    estado: str
    seguimiento: str
    retroalimentacion: str
    visibilizacion: tuple[str, int, str] | None  # (medium, days ago, link) of a finished action


ACCIONES: list[DatosAccion] = [
    {
        "nombre": "Intercambio de buenas prácticas en inspección móvil con la OIT",
        "tipo_producto": "buenas_practicas",
        "aliados": ["OIT"],
        "sector": "Dirección Territorial de Nariño",
        "inicio_hace": 150,
        "dura": 90,
        "estado": "finalizada",
        "seguimiento": "Se realizaron dos jornadas técnicas con inspectores de tres direcciones territoriales.",
        "retroalimentacion": (
            "Se entregó a la Dirección Territorial la guía de inspección móvil y las lecciones aprendidas."
        ),
        "visibilizacion": ("Portal institucional", 20, "https://www.mintrabajo.gov.co/"),
    },
    {
        "nombre": "Curso virtual de formalización laboral con la AECID",
        "tipo_producto": "cursos",
        "aliados": ["AECID"],
        "sector": "Dirección de Generación y Protección del Empleo",
        "inicio_hace": 30,
        "dura": 60,
        "estado": "en_implementacion",
        "seguimiento": "Primera cohorte de 40 funcionarios inscrita.",
        "retroalimentacion": "",
        "visibilizacion": None,
    },
    {
        "nombre": "Campaña contra el trabajo infantil con la Unión Europea y la GIZ",
        "tipo_producto": "eventos",
        "aliados": ["UE", "GIZ"],
        "sector": "Dirección de Derechos Fundamentales del Trabajo",
        "inicio_hace": -20,
        "dura": 45,
        "estado": "planeada",
        "seguimiento": "",
        "retroalimentacion": "",
        "visibilizacion": None,
    },
]


def cargar_acciones(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    """The alliance actions of the demo (idempotent by name)."""
    hoy = hoy or timezone.localdate()
    oficina = {d.codigo: d for d in dependencias.values()}["1100"]
    actores = {a.sigla: a for a in Actor.objects.exclude(sigla="")}
    profesional = usuarios["profesional"]
    for datos in ACCIONES:
        if AccionAlianza.objects.filter(nombre=datos["nombre"]).exists():
            continue
        aliados = [actores[s] for s in datos["aliados"] if s in actores]
        if not aliados:
            continue
        inicio = hoy - timedelta(days=datos["inicio_hace"])
        accion = services_acciones.accion_registrar(
            usuario=profesional,
            nombre=datos["nombre"],
            tipo_producto=datos["tipo_producto"],
            aliados=aliados,
            sector_acompanado=datos["sector"],
            dependencia=oficina,
            responsable=profesional,
            fecha_inicio=inicio,
            fecha_fin=inicio + timedelta(days=datos["dura"]),
        )
        if datos["estado"] == "planeada":
            continue
        services_acciones.accion_iniciar(accion=accion, usuario=profesional)
        services_acciones.seguimiento_registrar(
            accion=accion, usuario=profesional, fecha=min(hoy, inicio + timedelta(days=10)), avance=datos["seguimiento"]
        )
        if datos["estado"] == "finalizada":
            services_acciones.accion_finalizar(
                accion=accion, usuario=profesional, retroalimentacion=datos["retroalimentacion"]
            )
            visibilizacion = datos["visibilizacion"]
            assert visibilizacion is not None  # every finished action of the demo has its visibilización
            medio, hace, enlace = visibilizacion
            services_acciones.accion_visibilizar(
                accion=accion,
                usuario=profesional,
                medio_publicacion=medio,
                fecha_publicacion=hoy - timedelta(days=hace),
                enlace_publicacion=enlace,
                publicada=True,
            )


# PR-CRI, HACER: the office holds the technical secretariat of these commissions.
COMISIONES = [
    (
        "Subcomisión de Asuntos Internacionales",
        "Subcomisión de la Comisión Permanente de Concertación de Políticas Salariales y Laborales que sigue los "
        "asuntos ante la OIT y los compromisos internacionales en materia laboral.",
    ),
    (
        "Comisión Especial de Tratamiento de Conflictos ante la OIT (CETCOIT)",
        "Instancia tripartita que trata los casos presentados ante el Comité de Libertad Sindical antes de que "
        "lleguen a Ginebra.",
    ),
]


def cargar_comisiones(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    """The commissions of PR-CRI with one session and its commitments (idempotent by name)."""
    hoy = hoy or timezone.localdate()
    oficina = {d.codigo: d for d in dependencias.values()}["1100"]
    profesional = usuarios["profesional"]
    for i, (nombre, descripcion) in enumerate(COMISIONES):
        if Comision.objects.filter(nombre=nombre).exists():
            continue
        comision = services_comisiones.comision_registrar(
            usuario=profesional, nombre=nombre, descripcion=descripcion, dependencia=oficina
        )
        sesion = services_comisiones.sesion_registrar(
            comision=comision,
            usuario=profesional,
            fecha=hoy - timedelta(days=15 + 10 * i),
            lugar="Sede del Ministerio del Trabajo, Bogotá",
            temas="Seguimiento de los casos ante el Comité de Libertad Sindical y de las memorias pendientes.",
        )
        services_comisiones.compromiso_de_sesion_agregar(
            sesion=sesion,
            usuario=profesional,
            descripcion="Enviar a las organizaciones sindicales el informe de avance de los casos tratados.",
            responsable=usuarios["jefe"],
            fecha_limite=hoy + timedelta(days=8 + 5 * i),
        )
