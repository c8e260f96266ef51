"""Demo data: the nine tasks of AI-P-003 as they play out for a dozen calls, driven through the services so that
every transition log and history exists. Dates are relative to today. Idempotent: a call already loaded (same
donor and name) is left as it is."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from cooperacion.core.documentos_demo import archivo_pdf
from cooperacion.core.models import ODS, Actor, Dependencia, Moneda, Municipio, Usuario
from cooperacion.internacional.models import LineaPrioritaria, Necesidad

from . import services
from .models import Convocatoria, Modalidad, ParticipanteProyecto

# The order in which each call goes through the pipeline: it stops at its `hasta` step.
PASOS = [
    "priorizar",
    "validar",
    "informar",
    "compromisos",
    "formular",
    "aprobar",
    "presentar",
    "decision",
    "ejecutar",
    "finalizar",
]


def _momento(dia: date, hora: int = 17) -> datetime:
    return timezone.make_aware(datetime.combine(dia, time(hora, 0)))


def _convocatorias(hoy: date) -> list[dict]:
    d = lambda n: hoy + timedelta(days=n)  # noqa: E731
    return [
        {
            "clave": "eurosocial",
            "cooperante": "UE",
            "nombre": "Programa EUROsociAL+: fortalecimiento de la inspección del trabajo",
            "fuente": "boletin",
            "enlace": "https://eurosocial.eu/convocatorias/",
            "modalidad": "tecnica",
            "lineas_tematicas": "Inspección laboral; diálogo social; cohesión social",
            "ods": [8, 16],
            "lineas": [0, 2],
            "necesidades": [0],
            "actores_elegibles": "Ministerios de Trabajo e instituciones públicas de América Latina",
            "elegibilidad": "directa",
            "territorio": "Nacional, con pilotos en Nariño",
            "monto": Decimal("480000"),
            "moneda": "EUR",
            "tasa": Decimal("4450"),
            "apertura": d(-320),
            "cierre": d(-250),
            "impacto": "Protocolos de inspección móvil y 120 inspectores formados en zonas rurales.",
            "nivel": "alto",
            "oficina": "1100",
            "destinatarios": [("5200", "", "acepta"), ("", "Banco de Proyectos del Ministerio", "acepta")],
            "presentacion": (d(-255), "plataforma", "EUS-2025-COL-0147", Decimal("450000")),
            "decision": (
                True,
                d(-210),
                "El comité de EUROsociAL+ aprobó la acción con un aporte de 420.000 euros.",
                Decimal("420000"),
            ),
            "proyecto": {
                "codigo": "CI-2025-007",
                "inicio": d(-190),
                "fin": d(365),
                "fechas": [d(-100), d(-25), d(12), d(150), d(365)],
                "dependencia": "5200",
                "municipios": ["52001", "52835", "52356"],
                "contrapartida": Decimal("180000000"),
                "informes": ["aceptado", "recibido"],
                "movimientos": [
                    ("3", d(-170), Decimal("210000"), "Primer desembolso de la UE"),
                    ("4", d(-60), Decimal("96350.75"), "Talleres de inspección móvil en Pasto y Tumaco"),
                ],
            },
            "hasta": "ejecutar",
        },
        {
            "clave": "usdol",
            "cooperante": "USDOL",
            "nombre": "Erradicación del trabajo infantil en la minería artesanal de oro",
            "fuente": "apc",
            "modalidad": "financiera_no_reembolsable",
            "lineas_tematicas": "Trabajo infantil; minería artesanal; educación",
            "ods": [8, 4],
            "lineas": [3],
            "necesidades": [1],
            "actores_elegibles": "Entidades públicas y ONG con presencia en zonas mineras",
            "elegibilidad": "alianza",
            "territorio": "Nariño, Cauca y Antioquia",
            "monto": Decimal("1500000"),
            "moneda": "USD",
            "tasa": Decimal("4100"),
            "apertura": d(-520),
            "cierre": d(-440),
            "impacto": "2.000 niños, niñas y adolescentes retirados o prevenidos del trabajo en minas.",
            "nivel": "alto",
            "oficina": "1100",
            "destinatarios": [("2100", "", "acepta"), ("5200", "", "acepta")],
            "presentacion": (d(-445), "correo", "08SE2025120300000311", Decimal("1500000")),
            "decision": (
                True,
                d(-415),
                "USDOL aprobó el proyecto por 1,2 millones de dólares en tres años.",
                Decimal("1200000"),
            ),
            "proyecto": {
                "codigo": "CI-2025-004",
                "inicio": d(-400),
                "fin": d(40),
                "fechas": [d(-300), d(-150), d(-10), d(40)],
                "dependencia": "2100",
                "municipios": ["52001", "52051", "19698"],
                "informes": ["aceptado", "aceptado", "devuelto"],
                "movimientos": [
                    ("3", d(-380), Decimal("400000"), "Primer desembolso"),
                    ("3", d(-190), Decimal("400000"), "Segundo desembolso"),
                    ("4", d(-100), Decimal("512430.20"), "Centros de interés y becas escolares"),
                ],
            },
            "hasta": "ejecutar",
        },
        {
            "clave": "vision_cero",
            "cooperante": "OIT",
            "nombre": "Fondo Visión Cero: seguridad y salud en el trabajo en cadenas de suministro",
            "fuente": "web",
            "enlace": "https://www.ilo.org/vision-zero-fund",
            "modalidad": "tecnica",
            "lineas_tematicas": "Seguridad y salud en el trabajo; cadenas de suministro agrícolas",
            "ods": [8, 3],
            "lineas": [0],
            "necesidades": [],
            "actores_elegibles": "Gobiernos de países productores de café",
            "elegibilidad": "directa",
            "territorio": "Eje cafetero y Nariño",
            "monto": Decimal("350000"),
            "moneda": "USD",
            "tasa": Decimal("3950"),
            "apertura": d(-820),
            "cierre": d(-760),
            "impacto": "Política sectorial de SST en la cadena del café.",
            "nivel": "medio",
            "oficina": "1100",
            "destinatarios": [("5200", "", "acepta")],
            "presentacion": (d(-765), "correo", "08SE2024120300000921", Decimal("350000")),
            "decision": (
                True,
                d(-735),
                "La OIT incluyó a Colombia en la fase II del Fondo Visión Cero.",
                Decimal("300000"),
            ),
            "proyecto": {
                "codigo": "CI-2024-002",
                "inicio": d(-720),
                "fin": d(-60),
                "fechas": [d(-540), d(-360), d(-180), d(-60)],
                "dependencia": "1100",
                "municipios": ["52001", "17001"],
                "informes": ["aceptado", "aceptado", "aceptado", "aceptado"],
                "movimientos": [
                    ("3", d(-700), Decimal("300000"), "Desembolso único de la OIT"),
                    ("4", d(-90), Decimal("287640"), "Ejecución total del plan de trabajo"),
                ],
                "finalizacion": (
                    d(-45),
                    "Se formuló la política sectorial de SST para el café, se capacitó a 1.350 "
                    "caficultores y se redujo en 18 % la accidentalidad reportada en las fincas piloto.",
                ),
            },
            "hasta": "finalizar",
        },
        {
            "clave": "koica",
            "cooperante": "KOICA",
            "nombre": "Empleo y emprendimiento para población migrante y retornada",
            "fuente": "correo",
            "modalidad": "financiera_no_reembolsable",
            "lineas_tematicas": "Migración; empleo; emprendimiento",
            "ods": [8, 10],
            "lineas": [4],
            "necesidades": [4],
            "actores_elegibles": "Entidades nacionales con socio implementador coreano",
            "elegibilidad": "alianza",
            "territorio": "Bogotá, Cúcuta y Pasto",
            "monto": Decimal("2000000"),
            "moneda": "USD",
            "tasa": Decimal("4180"),
            "apertura": d(-200),
            "cierre": d(-130),
            "impacto": "5.000 migrantes con ruta de empleo.",
            "nivel": "alto",
            "oficina": "1100",
            "destinatarios": [("3100", "", "acepta")],
            "presentacion": (d(-132), "plataforma", "KOICA-CO-2026-033", Decimal("1800000")),
            "decision": (False, d(-60), "KOICA priorizó proyectos del sector salud en esta convocatoria.", None),
            "hasta": "decision",
        },
        {
            "clave": "aecid",
            "cooperante": "AECID",
            "nombre": "Convocatoria de innovación para el diálogo social",
            "fuente": "web",
            "modalidad": "financiera_no_reembolsable",
            "lineas_tematicas": "Diálogo social; innovación pública",
            "ods": [16, 8],
            "lineas": [2],
            "necesidades": [],
            "actores_elegibles": "Administraciones públicas con contrapartida del 50 %",
            "elegibilidad": "directa",
            "territorio": "Nacional",
            "monto": Decimal("250000"),
            "moneda": "EUR",
            "tasa": Decimal("4460"),
            "apertura": d(-40),
            "cierre": d(20),
            "impacto": "Laboratorio de diálogo social tripartito.",
            "nivel": "medio",
            "oficina": "1100",
            "validacion": (
                False,
                "Exige una contrapartida del 50 % que no está prevista en el presupuesto de la vigencia.",
            ),
            "hasta": "validar",
        },
        {
            "clave": "jica",
            "cooperante": "JICA",
            "nombre": "Programa de capacitación KCCP 2027: gestión de la inspección laboral",
            "fuente": "apc",
            "modalidad": "tecnica",
            "lineas_tematicas": "Capacitación; inspección del trabajo",
            "ods": [8],
            "lineas": [0],
            "necesidades": [],
            "actores_elegibles": "Servidores públicos (becas individuales)",
            "elegibilidad": "terceros",
            "territorio": "Japón (curso presencial)",
            "apertura": d(-30),
            "cierre": d(25),
            "impacto": "Dos servidores capacitados.",
            "nivel": "bajo",
            "oficina": "1100",
            "validacion": (
                False,
                "Son becas individuales que no fortalecen capacidades institucionales; se difunden por Talento Humano.",
            ),
            "hasta": "validar",
        },
        {
            "clave": "giz",
            "cooperante": "GIZ",
            "nombre": "Formalización laboral rural y protección social",
            "fuente": "boletin",
            "modalidad": "financiera_no_reembolsable",
            "lineas_tematicas": "Formalización; protección social rural",
            "ods": [8, 1],
            "lineas": [1],
            "necesidades": [],
            "actores_elegibles": "Entidades públicas nacionales y territoriales",
            "elegibilidad": "directa",
            "territorio": "Nariño y Cauca",
            "monto": Decimal("800000"),
            "moneda": "EUR",
            "tasa": Decimal("4455"),
            "apertura": d(-90),
            "cierre": d(-20),
            "impacto": "Modelo de afiliación a seguridad social de trabajadores rurales.",
            "nivel": "alto",
            "oficina": "1100",
            "destinatarios": [("3100", "", "acepta"), ("5200", "", "acepta")],
            "presentacion": (d(-22), "correo", "08SE2026120300000588", Decimal("750000")),
            "hasta": "presentar",
        },
        {
            "clave": "pnud",
            "cooperante": "PNUD",
            "nombre": "Empleos verdes y transición justa en territorios PDET",
            "fuente": "web",
            "modalidad": "tecnica",
            "lineas_tematicas": "Empleo verde; transición justa; territorios PDET",
            "ods": [8, 13],
            "lineas": [0, 1],
            "necesidades": [],
            "actores_elegibles": "Entidades públicas en alianza con gobiernos locales",
            "elegibilidad": "alianza",
            "territorio": "Municipios PDET de Nariño",
            "monto": Decimal("600000"),
            "moneda": "USD",
            "tasa": Decimal("4150"),
            "apertura": d(-25),
            "cierre": d(30),
            "impacto": "Ruta de empleos verdes para 800 jóvenes rurales.",
            "nivel": "medio",
            "oficina": "1100",
            "destinatarios": [("5200", "", "acepta")],
            "versiones": 2,
            "hasta": "formular",
        },
        {
            "clave": "bid",
            "cooperante": "BID",
            "nombre": "Bienes públicos regionales: portabilidad de la seguridad social",
            "fuente": "correo",
            "modalidad": "financiera_no_reembolsable",
            "lineas_tematicas": "Seguridad social; migración laboral; integración regional",
            "ods": [10, 8],
            "lineas": [4, 1],
            "necesidades": [4],
            "actores_elegibles": "Al menos tres países de la región",
            "elegibilidad": "alianza",
            "territorio": "Colombia, Ecuador y Perú",
            "monto": Decimal("1000000"),
            "moneda": "USD",
            "tasa": Decimal("4120"),
            "apertura": d(-20),
            "cierre": d(9),
            "impacto": "Acuerdo técnico de portabilidad de cotizaciones.",
            "nivel": "alto",
            "oficina": "1100",
            "destinatarios": [
                ("2100", "", "acepta"),
                ("5200", "", "declina"),
                ("", "Banco de Proyectos del Ministerio", None),
            ],
            "reunion": True,
            "hasta": "informar",
        },
        {
            "clave": "ford",
            "cooperante": "Fundación Ford",
            "nombre": "Trabajo digno para trabajadoras domésticas remuneradas",
            "fuente": "web",
            "modalidad": "financiera_no_reembolsable",
            "lineas_tematicas": "Trabajo doméstico; género; formalización",
            "ods": [5, 8],
            "lineas": [0],
            "necesidades": [],
            "actores_elegibles": "Entidades públicas y organizaciones de trabajadoras",
            "elegibilidad": "alianza",
            "territorio": "Nacional",
            "monto": Decimal("300000"),
            "moneda": "USD",
            "tasa": Decimal("4130"),
            "apertura": d(-10),
            "cierre": d(40),
            "impacto": "Campaña nacional y ruta de formalización.",
            "nivel": "medio",
            "oficina": "1100",
            "borrador_aviso": [("2100", ""), ("", "Unión de Trabajadoras Afrocolombianas del Servicio Doméstico")],
            "hasta": "validar",
        },
        {
            "clave": "apc",
            "cooperante": "APC-Colombia",
            "nombre": "Cooperación Sur-Sur con Chile: inspección del trabajo en plataformas digitales",
            "fuente": "apc",
            "modalidad": "sur_sur",
            "lineas_tematicas": "Economía de plataformas; inspección",
            "ods": [8],
            "lineas": [1],
            "necesidades": [2],
            "actores_elegibles": "Entidades del orden nacional",
            "elegibilidad": "directa",
            "territorio": "Colombia y Chile",
            "monto": Decimal("85000000"),
            "moneda": "COP",
            "apertura": d(-5),
            "cierre": d(18),
            "impacto": "Protocolo de inspección para trabajo en plataformas.",
            "nivel": "alto",
            "oficina": "1100",
            "hasta": "priorizar",
        },
        {
            "clave": "ue_dialogo",
            "cooperante": "UE",
            "nombre": "Diálogo social y libertad sindical en las regiones",
            "fuente": "boletin",
            "modalidad": "financiera_no_reembolsable",
            "lineas_tematicas": "Libertad sindical; negociación colectiva; regiones",
            "ods": [16, 8],
            "lineas": [2],
            "necesidades": [3],
            "actores_elegibles": "Autoridades públicas y organizaciones sindicales",
            "elegibilidad": "alianza",
            "territorio": "Seis regiones del país",
            "monto": Decimal("900000"),
            "moneda": "EUR",
            "tasa": Decimal("4450"),
            "apertura": d(-2),
            "cierre": d(55),
            "impacto": "Mesas regionales de diálogo social funcionando.",
            "nivel": "alto",
            "oficina": "1100",
            "hasta": None,
        },
    ]


def _llega(datos: dict, paso: str) -> bool:
    hasta = datos["hasta"]
    return hasta is not None and PASOS.index(paso) <= PASOS.index(hasta)


# The donors' IATI organisation identifiers (IATI registry) and the DAC sector and USD rate of each demo project.
IDENTIFICADORES_IATI = {
    "OIT": "XM-DAC-41302",
    "UE": "XI-IATI-EC_INTPA",
    "AECID": "ES-DIR3-E04585801",
    "GIZ": "XM-DAC-5-7",
    "JICA": "XM-DAC-701-8",
}
# A project may work in several sectors: the shares add up to 100 %.
SECTORES_DEMO = {
    "CI-2025-007": [("16020", Decimal(70)), ("15110", Decimal(30))],
    "CI-2025-004": [("16010", Decimal(100))],
    "CI-2024-002": [("15110", Decimal(60)), ("16020", Decimal(25)), ("16010", Decimal(15))],
}
TASAS_USD = {"EUR": Decimal("1.08"), "COP": Decimal("0.00025")}


def _identificadores_iati(actores: dict) -> None:
    for sigla, identificador in IDENTIFICADORES_IATI.items():
        actor = actores.get(sigla)
        if actor is not None and not actor.identificador_iati:
            actor.identificador_iati = identificador
            actor.save(update_fields=["identificador_iati"])


def cargar_demo(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    por_codigo = {d.codigo: d for d in dependencias.values()}
    oficina = por_codigo["1100"]
    actores = {a.sigla or a.nombre: a for a in Actor.objects.all()}
    _identificadores_iati(actores)
    modalidades = {m.codigo: m for m in Modalidad.objects.all()}
    monedas = {m.codigo: m for m in Moneda.objects.all()}
    ods = {o.numero: o for o in ODS.objects.all()}
    lineas = list(LineaPrioritaria.objects.order_by("pk"))
    necesidades = list(Necesidad.objects.order_by("pk"))
    profesional, jefe = usuarios["profesional"], usuarios["jefe"]
    for datos in _convocatorias(hoy):
        cooperante = actores.get(datos["cooperante"])
        if cooperante is None or Convocatoria.objects.filter(cooperante=cooperante, nombre=datos["nombre"]).exists():
            continue
        _cargar(
            datos,
            hoy=hoy,
            cooperante=cooperante,
            oficina=oficina,
            por_codigo=por_codigo,
            usuarios=usuarios,
            modalidades=modalidades,
            monedas=monedas,
            ods=ods,
            lineas=lineas,
            necesidades=necesidades,
            profesional=profesional,
            jefe=jefe,
        )


def _cargar(
    datos,
    *,
    hoy,
    cooperante,
    oficina,
    por_codigo,
    usuarios,
    modalidades,
    monedas,
    ods,
    lineas,
    necesidades,
    profesional,
    jefe,
):
    convocatoria = services.convocatoria_crear(
        usuario=profesional,
        cooperante=cooperante,
        nombre=datos["nombre"],
        fuente=datos["fuente"],
        enlace=datos.get("enlace", ""),
        modalidad=modalidades[datos["modalidad"]],
        lineas_tematicas=datos["lineas_tematicas"],
        ods=[ods[n] for n in datos["ods"] if n in ods],
        lineas_prioritarias=[lineas[i] for i in datos["lineas"] if i < len(lineas)],
        necesidades=[necesidades[i] for i in datos["necesidades"] if i < len(necesidades)],
        actores_elegibles=datos["actores_elegibles"],
        elegibilidad=datos["elegibilidad"],
        territorio=datos["territorio"],
        monto=datos.get("monto"),
        moneda=monedas.get(datos.get("moneda")) if datos.get("moneda") else None,
        tasa_cop=datos.get("tasa"),
        fecha_apertura=_momento(datos["apertura"], 8),
        fecha_cierre=_momento(datos["cierre"], 17),
        impacto_esperado=datos["impacto"],
        nivel_impacto=datos["nivel"],
        responsable=profesional,
    )
    if not _llega(datos, "priorizar"):
        return
    services.convocatoria_priorizar(convocatoria=convocatoria, usuario=profesional)
    if not _llega(datos, "validar"):
        return
    aplicar, motivo = datos.get(
        "validacion", (True, "La convocatoria responde a las líneas prioritarias del Ministerio.")
    )
    services.convocatoria_validar(convocatoria=convocatoria, usuario=jefe, aplicar=aplicar, motivo=motivo)
    if datos.get("borrador_aviso"):
        asunto, texto = services.oficio_por_defecto(convocatoria)
        services.aviso_guardar(convocatoria=convocatoria, usuario=profesional, asunto=asunto, texto=texto)
        for codigo, organizacion in datos["borrador_aviso"]:
            _agregar_destinatario(convocatoria, profesional, por_codigo, oficina, codigo, organizacion)
        # Written by the Profesional, waiting for the Jefe's signature: one of the Jefe's to-dos in the demo.
        services.aviso_solicitar_firma(aviso=convocatoria.aviso, usuario=profesional)
    if not aplicar or not _llega(datos, "informar"):
        return

    asunto, texto = services.oficio_por_defecto(convocatoria)
    services.aviso_guardar(
        convocatoria=convocatoria,
        usuario=profesional,
        asunto=asunto,
        texto=texto,
        numero_oficio=f"08SE{hoy.year}1100{convocatoria.pk:06d}",
    )
    respuestas = []
    for codigo, organizacion, respuesta in datos.get("destinatarios", []):
        destinatario = _agregar_destinatario(convocatoria, profesional, por_codigo, oficina, codigo, organizacion)
        if destinatario is not None:
            respuestas.append((destinatario, respuesta))
    services.aviso_solicitar_firma(aviso=convocatoria.aviso, usuario=profesional)
    services.convocatoria_informar(convocatoria=convocatoria, usuario=jefe)
    for destinatario, respuesta in respuestas:
        if respuesta is None:
            continue
        quien = (
            usuarios["profesional2"]
            if destinatario.dependencia_id == por_codigo.get("2100", oficina).pk
            else profesional
        )
        if respuesta == "acepta":
            services.destinatario_responder(
                destinatario=destinatario,
                usuario=quien,
                acepta=True,
                observaciones="Designamos un profesional como enlace para la formulación.",
            )
        else:
            services.destinatario_responder(
                destinatario=destinatario,
                usuario=quien,
                acepta=False,
                causas="La Dirección Territorial no tiene personal disponible para formular antes del cierre.",
                oficio_respuesta=archivo_pdf(
                    "oficio-respuesta.pdf",
                    "Oficio de respuesta",
                    destinatario.nombre,
                    "No participamos en la convocatoria por falta de personal.",
                ),
            )
    if datos.get("reunion"):
        services.reunion_registrar(
            convocatoria=convocatoria,
            usuario=profesional,
            fecha=timezone.now() - timedelta(hours=26),
            lugar="Sala de juntas de la OCRI y enlace virtual",
            acta=archivo_pdf("acta-reunion.pdf", "Acta de reunion informativa", convocatoria.nombre),
            asistencia=archivo_pdf("asistencia.pdf", "Registro de asistencia", "12 asistentes de 4 dependencias"),
        )
    if not _llega(datos, "compromisos"):
        return

    for destinatario, respuesta in respuestas:
        if respuesta == "acepta":
            services.compromiso_agregar(
                convocatoria=convocatoria,
                usuario=profesional,
                parte=destinatario.nombre,
                obligaciones="Aportar el diagnóstico territorial, revisar el marco lógico y designar un enlace.",
                responsable="Enlace técnico designado",
                fecha_limite=datos.get("presentacion", (hoy,))[0] - timedelta(days=10)
                if datos.get("presentacion")
                else None,
            )
    services.compromiso_agregar(
        convocatoria=convocatoria,
        usuario=profesional,
        parte=oficina.nombre,
        obligaciones="Coordinar la formulación, consolidar el documento y presentarlo al cooperante.",
        responsable=str(profesional),
    )
    services.acta_compromisos_subir(
        convocatoria=convocatoria,
        usuario=profesional,
        archivo=archivo_pdf("acta-compromisos.pdf", "Acta de reunion y compromisos", convocatoria.nombre),
    )
    services.convocatoria_formalizar_compromisos(convocatoria=convocatoria, usuario=profesional)
    for numero in range(1, datos.get("versiones", 1) + 1):
        services.version_subir(
            convocatoria=convocatoria,
            usuario=profesional,
            archivo=archivo_pdf(f"proyecto-v{numero}.pdf", f"Documento del proyecto v{numero}", convocatoria.nombre),
            comentario="Primera versión en el formato del cooperante." if numero == 1 else "Ajustes al presupuesto.",
        )
    if not _llega(datos, "aprobar"):
        return
    services.convocatoria_aprobar_proyecto(convocatoria=convocatoria, usuario=jefe)
    if not _llega(datos, "presentar"):
        return
    fecha, canal, radicado, solicitado = datos["presentacion"]
    services.convocatoria_presentar(
        convocatoria=convocatoria,
        usuario=profesional,
        fecha=fecha,
        canal=canal,
        radicado=radicado,
        comprobante=archivo_pdf("radicado.pdf", "Comprobante de radicacion", radicado),
        monto_solicitado=solicitado,
    )
    if not _llega(datos, "decision"):
        return
    aceptada, fecha, comunicacion, aprobado = datos["decision"]
    services.convocatoria_registrar_decision(
        convocatoria=convocatoria,
        usuario=profesional,
        aceptada=aceptada,
        fecha=fecha,
        comunicacion=comunicacion,
        soporte=archivo_pdf("respuesta-cooperante.pdf", "Comunicacion del cooperante", comunicacion[:80]),
        monto_aprobado=aprobado,
    )
    if not aceptada or not _llega(datos, "ejecutar"):
        return
    _ejecutar(
        convocatoria,
        datos["proyecto"],
        por_codigo=por_codigo,
        oficina=oficina,
        usuarios=usuarios,
        ods=ods,
        modalidades=modalidades,
    )


def _agregar_destinatario(convocatoria, usuario, por_codigo, oficina, codigo, organizacion):
    if codigo:
        # A shorter organization (the tests load only some dependencias) falls back to the DDFT.
        dependencia = por_codigo.get(codigo) or por_codigo.get("2100")
        if dependencia is None or dependencia == oficina:
            return None
        if convocatoria.destinatarios.filter(dependencia=dependencia).exists():
            return None
        correo = f"{(dependencia.sigla or dependencia.codigo).lower()}@cooperacion.local"
        return services.destinatario_agregar(
            convocatoria=convocatoria, usuario=usuario, dependencia=dependencia, correo=correo
        )
    return services.destinatario_agregar(
        convocatoria=convocatoria,
        usuario=usuario,
        organizacion=organizacion,
        correo="bancodeproyectos@cooperacion.local",
    )


def _ejecutar(convocatoria, datos, *, por_codigo, oficina, usuarios, ods, modalidades):
    profesional, jefe = usuarios["profesional"], usuarios["jefe"]
    dependencia = por_codigo.get(datos["dependencia"], oficina)
    proyecto = services.proyecto_crear(
        convocatoria=convocatoria,
        usuario=profesional,
        codigo=datos["codigo"],
        nombre=convocatoria.nombre,
        modalidad=convocatoria.modalidad,
        monto_comprometido=convocatoria.monto_aprobado,
        moneda=convocatoria.moneda,
        tasa_cop=convocatoria.tasa_cop,
        contrapartida_cop=datos.get("contrapartida"),
        contrapartida_descripcion="Horas de inspectores y espacios de capacitación"
        if datos.get("contrapartida")
        else "",
        fecha_inicio=datos["inicio"],
        fecha_fin=datos["fin"],
        dependencia=dependencia,
        supervisor=profesional,
        participantes=[(convocatoria.cooperante, ParticipanteProyecto.Rol.FINANCIADOR)],
        ods=list(convocatoria.ods.all()),
        municipios=list(Municipio.objects.filter(codigo__in=datos["municipios"])),
        fechas_informes=datos["fechas"],
    )
    services.proyecto_datos_iati_editar(
        proyecto=proyecto,
        usuario=profesional,
        sectores=SECTORES_DEMO.get(datos["codigo"], [("16020", Decimal(100))]),
        tasa_usd=TASAS_USD.get(proyecto.moneda.codigo),
        publicar=True,
    )
    entrega = usuarios["profesional2"] if dependencia.codigo == "2100" else profesional
    for informe, estado in zip(proyecto.informes.order_by("numero"), datos["informes"], strict=False):
        services.informe_recibir(
            informe=informe,
            usuario=entrega,
            archivo=archivo_pdf(
                f"informe-{informe.numero}.pdf",
                f"Informe de ejecucion {informe.numero}",
                proyecto.codigo,
                proyecto.nombre,
            ),
            comentario="Informe del periodo con sus anexos.",
        )
        if estado == "aceptado":
            services.informe_aceptar(informe=informe, usuario=profesional, motivo="Cumple con el plan de trabajo.")
        elif estado == "devuelto":
            services.informe_devolver(
                informe=informe,
                usuario=profesional,
                motivo="Faltan los soportes de asistencia de los talleres y la ejecución presupuestal del trimestre.",
            )
    for tipo, fecha, monto, descripcion in datos["movimientos"]:
        services.movimiento_registrar(
            proyecto=proyecto, usuario=profesional, tipo=tipo, fecha=fecha, monto=monto, descripcion=descripcion
        )
    if "finalizacion" in datos:
        fecha, resultados = datos["finalizacion"]
        services.proyecto_finalizar(
            proyecto=proyecto,
            usuario=jefe,
            fecha=fecha,
            resultados=resultados,
            informe_final=archivo_pdf("informe-final.pdf", "Informe final", proyecto.codigo, resultados[:90]),
        )
