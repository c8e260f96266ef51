"""Demo ILO cases, dated relative to today so the list always shows every colour of the traffic light."""

from datetime import date, timedelta

from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.models import ODS, Dependencia, Usuario

from . import services
from .models import CasoOIT, LineaPrioritaria, Necesidad

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
        Necesidad.Estado.EN_GESTION,
    ),
    (
        "Caracterizar el trabajo infantil en la minería artesanal de oro",
        "Levantar una línea de base de niños, niñas y adolescentes en la minería de subsistencia del sur del país.",
        "2100",
        3,
        8,
        Necesidad.Estado.EN_GESTION,
    ),
    (
        "Ruta de formalización para trabajadores de plataformas digitales",
        "Diseñar y pilotear la afiliación a seguridad social de repartidores y conductores de plataformas.",
        "3100",
        1,
        8,
        Necesidad.Estado.IDENTIFICADA,
    ),
    (
        "Formación de negociadores para la negociación colectiva del sector público",
        "Programa de formación conjunta para negociadores de las entidades y de las organizaciones sindicales.",
        "2100",
        2,
        16,
        Necesidad.Estado.IDENTIFICADA,
    ),
    (
        "Integración laboral de la población migrante venezolana",
        "Servicios de empleo, certificación de competencias y rutas de atención para migrantes y retornados.",
        "3100",
        4,
        10,
        Necesidad.Estado.IDENTIFICADA,
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


def cargar_prioridades(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    """The priority lines and needs of the Ministry (idempotent: keyed by name and by dependencia + title)."""
    por_codigo = {d.codigo: d for d in dependencias.values()}
    oficina = por_codigo["1100"]
    lineas = []
    for nombre, descripcion, codigo in LINEAS_PRIORITARIAS:
        linea = LineaPrioritaria.objects.filter(nombre=nombre).first()
        if linea is None:
            linea = LineaPrioritaria(
                nombre=nombre, descripcion=descripcion, dependencia=por_codigo.get(codigo, oficina)
            )
            linea._history_user = usuarios["admin"]
            linea.save()
        lineas.append(linea)
    ods = {o.numero: o for o in ODS.objects.all()}
    for titulo, descripcion, codigo, linea, numero_ods, estado in NECESIDADES:
        dependencia = por_codigo.get(codigo, oficina)
        if Necesidad.objects.filter(dependencia=dependencia, titulo=titulo).exists():
            continue
        necesidad = Necesidad(
            titulo=titulo,
            descripcion=descripcion,
            dependencia=dependencia,
            linea=lineas[linea],
            ods=ods.get(numero_ods),
            estado=estado,
        )
        necesidad._history_user = usuarios["admin"]
        necesidad.save()
