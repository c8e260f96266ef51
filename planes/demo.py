"""Demo data: a realistic year of procedure DE-PD-01 (Ministerio del Trabajo), driven through the services so that
every transition log, history row, deadline and notification exists.

- The Plan Estratégico Sectorial and Institucional of the four years that contain the demo year (approved by their
  committees and published), with annual targets measured at the end of each past year.
- The year's call: the cooperation office (OCRI), the Dirección de Derechos Fundamentales del Trabajo (DDFT) and the
  Dirección Territorial de Nariño formulate their action plans (the DDFT's is returned once with observations),
  Planeación approves, consolidates, presents to the committee and publishes them by 31 January.
- Three quarters reported: some activities below target with their justification, one item returned by Planeación
  and corrected, Planeación's diagnoses, Control Interno's observations, and one approved adjustment.
- Indicators of the six accumulation types with their measurements, and the next year's formulation under way.

The procedure's 24 activities are shown from planes/datos/de_pd_01.json (the seed, copied). Dates are relative to
today: the demo year is the current one from October, the previous one before. Idempotent: nothing is loaded twice.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils.translation import gettext as _

from cooperacion.core import periodos, roles
from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.documentos_demo import archivo_pdf
from cooperacion.core.models import Dependencia, PoliticaMIPG, Usuario
from cooperacion.core.models.reportes import fin_de_trimestre

from . import services
from .models import AvanceActividad, Plan, SeguimientoTrimestral

D = Decimal
PND = (
    "Plan Nacional de Desarrollo 2022-2026 «Colombia, potencia mundial de la vida» (Ley 2294 de 2023): "
    "transformación Seguridad humana y justicia social (trabajo digno y decente, formalización laboral, "
    "protección de la niñez); catalizador de política exterior y cooperación internacional."
)
POLITICAS = (1, 2, 7, 18)  # Planeación institucional, gestión presupuestal, fortalecimiento, seguimiento


def anio_demo(hoy: date) -> int:
    """The year whose first three quarters are over."""
    return hoy.year if periodos.trimestre_de(hoy)[1] == 4 else hoy.year - 1


def _ficha(nombre, unidad, acumulacion, *, medida="numero", sentido="creciente", frecuencia="trimestral", **extra):
    return {
        "nombre": nombre,
        "objetivo": extra.pop("objetivo", f"Medir: {nombre.lower()}."),
        "tipo": extra.pop("tipo", "eficacia"),
        "formula": extra.pop("formula", nombre),
        "variable_numerador": extra.pop("numerador", nombre),
        "variable_denominador": extra.pop("denominador", ""),
        "unidad": unidad,
        "medida": medida,
        "sentido": sentido,
        "acumulacion": acumulacion,
        "frecuencia": frecuencia,
        "linea_base": extra.pop("linea_base", None),
        "linea_base_fecha": extra.pop("linea_base_fecha", None),
        "fuente": extra.pop("fuente", "Registros administrativos de la dependencia"),
        **extra,
    }


def _usuarios(usuarios, dependencias) -> dict[str, Usuario]:
    """The demo's users plus the Nariño territorial liaison (no known password: it only appears as the author of
    its reports)."""
    nar = dependencias["5200"]
    enlace, creado = Usuario.objects.get_or_create(
        username="enlace.nar",
        defaults={
            "first_name": "Lucía",
            "last_name": "Benavides",
            "email": "enlace.nar@cooperacion.local",
            "dependencia": nar,
            "cargo": "Inspectora de trabajo, enlace de planeación",
        },
    )
    if creado:
        enlace.set_unusable_password()
        enlace.save()
    enlace.groups.add(Group.objects.get(name=roles.PROFESIONAL))
    return {**usuarios, "enlace": enlace}


def cargar_demo(*, usuarios: dict[str, Usuario], dependencias: dict[str, Dependencia], hoy: date) -> None:
    anio = anio_demo(hoy)
    inicio = anio - ((anio - 2023) % 4)
    nombre_pes = f"Plan Estratégico Sectorial {inicio}–{inicio + 3} del Sector Trabajo"
    if Plan.objects.filter(nombre=nombre_pes).exists():
        return
    u = _usuarios(usuarios, dependencias)
    deps = {"ocri": dependencias["1100"], "oap": dependencias["1200"], "ddft": dependencias["2100"],
            "nar": dependencias["5200"]}  # fmt: skip
    pes, pei = _estrategicos(u, deps, inicio, anio, nombre_pes)
    _calendario(u, anio)
    vigencia = _vigencia(u, deps, anio, pei)
    planes = {p.dependencia_id: p for p in vigencia.planes.all()}
    _trimestres(u, deps, anio, planes)
    _historia_estrategica(u, deps, inicio, anio, pes, pei)
    if anio == hoy.year and hoy.month >= 9:
        _siguiente_vigencia(u, deps, anio + 1, pei)


# Strategic plans (activities 1-6) ---------------------------------------------------------------------------


def _estructura(plan, usuario, objetivos, *, responsables, superiores=None):
    """objetivos: [(codigo, texto, linea_pnd or superior code, [(est_codigo, est_texto, [actividad dicts])])]."""
    creadas = {}
    for codigo, texto, alineacion, estrategias in objetivos:
        objetivo = services.objetivo_crear(
            plan=plan,
            usuario=usuario,
            codigo=codigo,
            descripcion=texto,
            objetivo_superior=superiores.get(alineacion) if superiores else None,
            linea_pnd="" if superiores else alineacion,
        )
        for est_codigo, est_texto, actividades in estrategias:
            estrategia = services.estrategia_crear(
                objetivo=objetivo, usuario=usuario, codigo=est_codigo, descripcion=est_texto
            )
            for datos in actividades:
                datos = dict(datos)
                metas = datos.pop("metas")
                ficha = datos.pop("ficha")
                responsable = responsables[datos.pop("responsable")]
                actividad = services.actividad_crear(
                    estrategia=estrategia,
                    usuario=usuario,
                    ficha_indicador={**ficha, "responsable": responsable},
                    responsable=responsable,
                    dependencia_responsable=datos.pop("dependencia", responsable.dependencia),
                    **datos,
                )
                services.programacion_fijar(actividad=actividad, usuario=usuario, valores=metas)
                creadas[actividad.codigo] = actividad
    return creadas


def _anuales(inicio, valores):
    return {inicio + i: {4: D(str(v))} for i, v in enumerate(valores)}


def _estrategicos(u, deps, inicio, anio, nombre_pes):
    planeacion = u["planeacion"]
    politicas = list(PoliticaMIPG.objects.filter(numero__in=POLITICAS))
    fin = inicio + 3
    pes = services.plan_estrategico_crear(
        usuario=planeacion,
        tipo=Plan.Tipo.SECTORIAL,
        nombre=nombre_pes,
        dependencia=deps["oap"],
        anio_inicio=inicio,
        anio_fin=fin,
        descripcion="Compromisos del Sector Trabajo con el Plan Nacional de Desarrollo, concertados por el Comité "
        "Sectorial de Desarrollo Administrativo con las entidades adscritas y vinculadas.",
        alineacion_pnd=PND,
        politicas=politicas,
    )
    responsables = {"ocri": u["jefe"], "ddft": u["profesional2"], "nar": u["enlace"]}
    _estructura(
        pes,
        planeacion,
        [
            ("1", "Generar condiciones para el trabajo digno y decente en el territorio nacional",
             "Seguridad humana y justicia social: trabajo digno y decente",
             [("1.1", "Formalización laboral", [{
                 "codigo": "1.1.1", "descripcion": "Promover la formalización laboral de los trabajadores del país",
                 "producto": "Estrategia nacional de formalización laboral", "peso": D(50), "presupuesto": None,
                 "fecha_inicio": date(inicio, 1, 1), "fecha_fin": date(fin, 12, 31), "responsable": "ddft",
                 "ficha": _ficha("Tasa de informalidad laboral", "%", "reduccion", sentido="decreciente",
                                 frecuencia="anual", linea_base=D("58.2"), linea_base_fecha=date(inicio - 1, 12, 31),
                                 fuente="DANE, Gran Encuesta Integrada de Hogares", tipo="efectividad"),
                 "metas": _anuales(inicio, ["57.5", "56.8", "56.0", "55.2"])}])]),
            ("2", "Posicionar al sector trabajo en la agenda internacional y la cooperación",
             "Catalizador: política exterior y cooperación internacional",
             [("2.1", "Cooperación internacional del sector", [{
                 "codigo": "2.1.1", "descripcion": "Gestionar recursos de cooperación internacional para el sector",
                 "producto": "Proyectos de cooperación aprobados por los cooperantes", "peso": D(50),
                 "presupuesto": None, "fecha_inicio": date(inicio, 1, 1), "fecha_fin": date(fin, 12, 31),
                 "responsable": "ocri",
                 "ficha": _ficha("Recursos de cooperación gestionados", "millones de USD", "acumulado",
                                 frecuencia="anual", fuente="Matriz de convocatorias y proyectos de la OCRI"),
                 "metas": _anuales(inicio, [4, 5, 5, 6])}])]),
        ],
        responsables=responsables,
    )  # fmt: skip
    _aprobar_y_publicar(pes, planeacion, "Comité Sectorial de Desarrollo Administrativo del Sector Trabajo",
                        f"CSDA-01-{inicio}", date(inicio, 2, 15), date(inicio, 2, 28))  # fmt: skip

    pei = services.plan_estrategico_crear(
        usuario=planeacion,
        tipo=Plan.Tipo.INSTITUCIONAL,
        nombre=f"Plan Estratégico Institucional {inicio}–{fin} del Ministerio del Trabajo",
        dependencia=deps["oap"],
        anio_inicio=inicio,
        anio_fin=fin,
        descripcion="Objetivos institucionales del Ministerio del Trabajo para el cuatrienio, formulados por el "
        "Comité Directivo según la guía para la formulación del Plan Estratégico.",
        alineacion_pnd=PND,
        politicas=politicas,
        plan_superior=pes,
    )
    superiores = {o.codigo: o for o in pes.objetivos.all()}
    _estructura(
        pei,
        planeacion,
        [
            ("1", "Ampliar la cobertura de la inspección, vigilancia y control del trabajo", "1",
             [("1.1", "Inspección móvil del trabajo en zonas rurales", [{
                 "codigo": "1.1.1", "descripcion": "Llevar la inspección móvil a los municipios rurales",
                 "producto": "Municipios con inspección móvil", "peso": D(35), "presupuesto": None,
                 "fecha_inicio": date(inicio, 1, 1), "fecha_fin": date(fin, 12, 31), "responsable": "nar",
                 "ficha": _ficha("Municipios con inspección móvil del trabajo", "municipios", "stock",
                                 frecuencia="anual", linea_base=D(120), linea_base_fecha=date(inicio - 1, 12, 31),
                                 fuente="Sistema de inspección del trabajo"),
                 "metas": _anuales(inicio, [180, 240, 300, 360])}])]),
            ("2", "Gestionar cooperación técnica y financiera para las prioridades del Ministerio", "2",
             [("2.1", "Portafolio de cooperación del Ministerio", [{
                 "codigo": "2.1.1", "descripcion": "Consolidar el portafolio de proyectos de cooperación en ejecución",
                 "producto": "Portafolio de proyectos de cooperación", "peso": D(35), "presupuesto": None,
                 "fecha_inicio": date(inicio, 1, 1), "fecha_fin": date(fin, 12, 31), "responsable": "ocri",
                 "ficha": _ficha("Proyectos de cooperación en ejecución", "proyectos", "capacidad",
                                 frecuencia="anual", fuente="Matriz de proyectos de cooperación"),
                 "metas": _anuales(inicio, [6, 8, 10, 12])}])]),
            ("3", "Promover los derechos fundamentales en el trabajo", "1",
             [("3.1", "Prevención y erradicación del trabajo infantil", [{
                 "codigo": "3.1.1", "descripcion": "Reducir el trabajo infantil en los territorios priorizados",
                 "producto": "Estrategia de erradicación del trabajo infantil", "peso": D(30), "presupuesto": None,
                 "fecha_inicio": date(inicio, 1, 1), "fecha_fin": date(fin, 12, 31), "responsable": "ddft",
                 "ficha": _ficha("Tasa de trabajo infantil", "%", "reduccion_anual", sentido="decreciente",
                                 frecuencia="anual", linea_base=D("5.4"), linea_base_fecha=date(inicio - 1, 12, 31),
                                 fuente="DANE, módulo de trabajo infantil de la GEIH", tipo="efectividad"),
                 "metas": _anuales(inicio, ["5.1", "4.8", "4.5", "4.2"])}])]),
        ],
        responsables=responsables,
        superiores=superiores,
    )  # fmt: skip
    _aprobar_y_publicar(pei, planeacion, "Comité Directivo", f"CD-03-{inicio}", date(inicio, 3, 10),
                        date(inicio, 3, 20))  # fmt: skip
    return pes, pei


def _aprobar_y_publicar(plan, planeacion, comite, acta, fecha_acta, fecha_publicacion):
    services.plan_enviar(plan=plan, usuario=planeacion, motivo=_("Presentado al comité para su concertación."))
    services.plan_aprobar_comite(
        plan=plan,
        usuario=planeacion,
        comite=comite,
        acta_numero=acta,
        acta_fecha=fecha_acta,
        acta_archivo=archivo_pdf(f"acta-{acta}.pdf", f"Acta {acta}", comite, f"Aprobación de «{plan.nombre}»."),
    )
    services.plan_publicar(plan=plan, usuario=planeacion, fecha_publicacion=fecha_publicacion)


# The cut-off calendar and the year's call (activities 7-15) -------------------------------------------------


def _calendario(u, anio):
    filas = {}
    for t in (1, 2, 3, 4):
        fin = fin_de_trimestre(anio, t)
        reporte = sumar_dias_habiles(fin, 10)
        filas[t] = {
            "fecha_corte": sumar_dias_habiles(fin, 1),
            "fecha_limite_reporte": reporte,
            "fecha_limite_revision": sumar_dias_habiles(reporte, 10),
        }
    services.calendario_fijar(usuario=u["planeacion"], anio=anio, filas=filas)


def _accion(anio, codigo, descripcion, producto, peso, presupuesto, responsable, ficha, metas, **extra):
    return {
        "codigo": codigo,
        "descripcion": descripcion,
        "producto": producto,
        "peso": D(peso),
        "presupuesto": D(presupuesto),
        "fecha_inicio": date(anio, 1, 15),
        "fecha_fin": date(anio, 12, 15),
        "responsable": responsable,
        "ficha": ficha,
        "metas": {anio: {t: D(str(v)) for t, v in enumerate(metas, start=1)}},
        **extra,
    }


def _actividades_de_accion(anio):
    ocri = [
        (
            "1",
            "Gestionar la cooperación internacional para las prioridades del Ministerio",
            "2",
            [
                (
                    "1.1",
                    "Identificación y gestión de convocatorias de cooperación",
                    [
                        _accion(
                            anio,
                            "1.1.1",
                            "Identificar y priorizar convocatorias de cooperación en la matriz",
                            "Matriz de convocatorias priorizadas",
                            25,
                            45_000_000,
                            "ocri",
                            _ficha(
                                "Convocatorias priorizadas en la matriz",
                                "convocatorias",
                                "acumulado",
                                fuente="Matriz de convocatorias (AI-P-003)",
                            ),
                            [6, 6, 6, 6],
                        ),
                        _accion(
                            anio,
                            "1.1.2",
                            "Formular y presentar proyectos a los cooperantes",
                            "Proyectos presentados con radicado",
                            25,
                            80_000_000,
                            "ocri",
                            _ficha(
                                "Proyectos presentados frente a los formulados",
                                "%",
                                "acumulado",
                                medida="porcentaje",
                                formula="(Proyectos presentados / Proyectos formulados) × 100",
                                numerador="Proyectos presentados",
                                denominador="Proyectos formulados",
                                fuente="Matriz de convocatorias (AI-P-003)",
                            ),
                            [80, 80, 80, 80],
                            fuente_recursos="inversion",
                            bpin="2023011000212",
                            proyecto_inversion="Fortalecimiento de la gestión de la cooperación internacional del "
                            "Ministerio del Trabajo Nacional",
                        ),
                    ],
                ),
                (
                    "1.2",
                    "Relacionamiento con la OIT y los organismos multilaterales",
                    [
                        _accion(
                            anio,
                            "1.2.1",
                            "Preparar a tiempo las respuestas del Gobierno a los órganos de control de la OIT",
                            "Memorias y respuestas radicadas ante la OIT",
                            25,
                            0,
                            "ocri",
                            _ficha(
                                "Respuestas a la OIT presentadas a tiempo",
                                "%",
                                "flujo",
                                medida="porcentaje",
                                formula="(Respuestas presentadas a tiempo / Respuestas que vencían) × 100",
                                numerador="Respuestas presentadas a tiempo",
                                denominador="Respuestas que vencían",
                                fuente="Casos OIT del sistema",
                            ),
                            [100, 100, 100, 100],
                            fuente_recursos="sin_costo",
                        ),
                        _accion(
                            anio,
                            "1.2.2",
                            "Realizar talleres de cooperación con las direcciones territoriales",
                            "Talleres con memorias y listas de asistencia",
                            25,
                            30_000_000,
                            "ocri",
                            _ficha("Talleres de cooperación realizados", "talleres", "acumulado"),
                            [2, 3, 3, 2],
                        ),
                    ],
                ),
            ],
        ),
    ]
    ddft = [
        (
            "1",
            "Prevenir y erradicar el trabajo infantil y proteger al adolescente trabajador",
            "3",
            [
                (
                    "1.1",
                    "Política pública de prevención y erradicación del trabajo infantil",
                    [
                        _accion(
                            anio,
                            "1.1.1",
                            "Realizar mesas territoriales de erradicación del trabajo infantil",
                            "Actas de las mesas territoriales",
                            40,
                            120_000_000,
                            "ddft",
                            _ficha("Mesas territoriales realizadas", "mesas", "acumulado"),
                            [8, 8, 8, 8],
                            fuente_recursos="inversion",
                            bpin="2023011000348",
                            proyecto_inversion="Implementación de la política de prevención y erradicación del trabajo "
                            "infantil Nacional",
                        ),
                        _accion(
                            anio,
                            "1.1.2",
                            "Responder a tiempo las solicitudes de permiso de trabajo de adolescentes",
                            "Permisos de trabajo resueltos",
                            30,
                            20_000_000,
                            "ddft",
                            _ficha(
                                "Días promedio de respuesta a los permisos de trabajo",
                                "días",
                                "flujo",
                                sentido="decreciente",
                                linea_base=D(15),
                                linea_base_fecha=date(anio - 1, 12, 31),
                                tipo="eficiencia",
                                fuente="Sistema de permisos de trabajo de adolescentes",
                            ),
                            [12, 10, 8, 8],
                        ),
                        _accion(
                            anio,
                            "1.1.3",
                            "Certificar empresas con el sello libre de trabajo infantil",
                            "Empresas certificadas",
                            25,
                            50_000_000,
                            "ddft",
                            _ficha("Empresas certificadas con el sello", "empresas", "capacidad"),
                            [10, 15, 20, 25],
                        ),
                    ],
                ),
            ],
        ),
    ]
    nar = [
        (
            "1",
            "Ampliar la inspección del trabajo en los municipios de Nariño",
            "1",
            [
                (
                    "1.1",
                    "Inspección móvil del trabajo",
                    [
                        _accion(
                            anio,
                            "1.1.1",
                            "Realizar visitas de inspección móvil a municipios rurales de Nariño",
                            "Actas de visita de inspección",
                            50,
                            60_000_000,
                            "nar",
                            _ficha("Visitas de inspección móvil realizadas", "visitas", "acumulado"),
                            [30, 40, 40, 30],
                        ),
                        _accion(
                            anio,
                            "1.1.2",
                            "Reducir la accidentalidad laboral en las empresas inspeccionadas",
                            "Planes de mejora de seguridad y salud en el trabajo",
                            50,
                            15_000_000,
                            "nar",
                            _ficha(
                                "Tasa de accidentalidad laboral en empresas inspeccionadas",
                                "%",
                                "reduccion",
                                sentido="decreciente",
                                linea_base=D("6.5"),
                                linea_base_fecha=date(anio - 1, 12, 31),
                                tipo="efectividad",
                                fuente="Reportes de las ARL de Nariño",
                            ),
                            ["6.3", "6.1", "5.9", "5.7"],
                        ),
                    ],
                ),
            ],
        ),
    ]
    return {"ocri": ocri, "ddft": ddft, "nar": nar}


def _vigencia(u, deps, anio, pei):
    planeacion = u["planeacion"]
    vigencia = services.vigencia_abrir(
        usuario=planeacion,
        anio=anio,
        lineamientos=(
            "1. Cada dependencia incluye en su plan de acción los compromisos del Plan Estratégico Institucional "
            "que le corresponden y las funciones propias de la dependencia.\n2. Toda actividad tiene un indicador "
            "con metas trimestrales medibles, peso, presupuesto y responsable; las de proyectos de inversión, su "
            "código BPIN.\n3. Los pesos de las actividades suman 100 % y las metas trimestrales de las direcciones "
            "territoriales se fijan según su cobertura."
        ),
        fecha_limite_formulacion=date(anio - 1, 11, 28),
        fecha_limite_cargue=date(anio - 1, 12, 12),
        fecha_limite_aprobacion=date(anio, 1, 20),
        fecha_limite_publicacion=date(anio, 1, 31),
        dependencias=[deps["ocri"], deps["ddft"], deps["nar"]],
        plan_superior=pei,
    )
    superiores = {o.codigo: o for o in pei.objetivos.all()}
    responsables = {"ocri": u["profesional"], "ddft": u["profesional2"], "nar": u["enlace"]}
    formula = {"ocri": u["profesional"], "ddft": u["profesional2"], "nar": u["enlace"]}
    for clave, objetivos in _actividades_de_accion(anio).items():
        plan = vigencia.planes.get(dependencia=deps[clave])
        _estructura(plan, formula[clave], objetivos, responsables=responsables, superiores=superiores)
        services.plan_enviar(plan=plan, usuario=formula[clave])
    planeacion_ddft = vigencia.planes.get(dependencia=deps["ddft"])
    services.plan_devolver(
        plan=planeacion_ddft,
        usuario=planeacion,
        motivo="Los pesos de las actividades suman 95 % (punto de control de la actividad 12): ajuste el peso de la "
        "actividad 1.1.3 para que sumen 100 %.",
    )
    services.actividad_editar(
        actividad=planeacion_ddft.actividades.get(codigo="1.1.3"), usuario=u["profesional2"], peso=D(30)
    )
    services.plan_enviar(plan=planeacion_ddft, usuario=u["profesional2"], motivo="Pesos corregidos.")
    for plan in vigencia.planes.order_by("pk"):
        services.plan_aprobar(plan=plan, usuario=planeacion, motivo="Cumple los puntos de control de la actividad 12.")
    services.vigencia_consolidar(vigencia=vigencia, usuario=planeacion)
    services.vigencia_presentar(
        vigencia=vigencia,
        usuario=planeacion,
        comite="Comité Institucional de Gestión y Desempeño",
        acta_numero=f"CIGD-01-{anio}",
        acta_fecha=date(anio, 1, 24),
        acta_archivo=archivo_pdf("acta-cigd.pdf", f"Acta CIGD-01-{anio}", "Presentación del Plan de Acción."),
    )
    services.vigencia_publicar(vigencia=vigencia, usuario=planeacion, fecha_publicacion=date(anio, 1, 30))
    return vigencia


# Three quarters of follow-up (activity 16), an item returned, an adjustment ------------------------------------

# (dependencia, activity) → T1..T3: (numerator, denominator or None, budget executed, justification when short).
REPORTES = {
    ("ocri", "1.1.1"): [
        (5, None, 10_000_000, "Dos convocatorias de la Unión Europea se publicaron en abril y se priorizan en el T2."),
        (8, None, 12_000_000, ""),
        (6, None, 11_000_000, ""),
    ],
    ("ocri", "1.1.2"): [
        (3, 4, 5_000_000, "Un proyecto con KOICA quedó en ajustes de presupuesto pedidos por el cooperante."),
        (4, 5, 20_000_000, "El proyecto con KOICA se presentó en julio; el acumulado se recupera en el T3."),
        (2, 4, 35_000_000, "Dos convocatorias cerraron antes de completar la contrapartida de la entidad."),
    ],
    ("ocri", "1.2.1"): [
        (2, 2, 0, ""),
        (3, 3, 0, ""),
        (
            1,
            2,
            0,
            "La memoria del Convenio 81 esperó información de la Dirección de Inspección; se envió 5 días "
            "después del plazo.",
        ),
    ],
    ("ocri", "1.2.2"): [(2, None, 8_000_000, ""), (3, None, 10_000_000, ""), (1, None, 4_000_000, "")],
    ("ddft", "1.1.1"): [
        (8, None, 20_000_000, ""),
        (6, None, 30_000_000, "Las mesas de Cauca y Chocó se aplazaron por la situación de orden público."),
        (9, None, 30_000_000, "El acumulado sigue por debajo por las mesas aplazadas del T2; se recuperan en el T4."),
    ],
    ("ddft", "1.1.2"): [
        ("12.5", None, 5_000_000, "La plataforma de permisos estuvo fuera de servicio dos semanas en febrero."),
        ("9.8", None, 5_000_000, ""),
        ("8.4", None, 5_000_000, "Aumentaron 30 % las solicitudes por la temporada de cosecha de café."),
    ],
    ("ddft", "1.1.3"): [
        (10, None, 12_000_000, ""),
        (14, None, 12_000_000, "Una empresa certificada no renovó el sello por cambio de razón social."),
        (21, None, 12_000_000, ""),
    ],
    ("nar", "1.1.1"): [
        (30, None, 15_000_000, ""),
        (25, None, 15_000_000, "El invierno cerró las vías a Barbacoas y Magüí Payán durante seis semanas."),
        (20, None, 15_000_000, "Los inspectores apoyaron la atención de la emergencia minera de Santa Bárbara."),
    ],
    ("nar", "1.1.2"): [
        ("6.4", None, 5_000_000, "Las empresas inspeccionadas en el T1 son de sectores de alto riesgo (minería)."),
        ("6.0", None, 4_000_000, ""),
        ("5.95", None, 4_000_000, "Se reportaron tres accidentes graves en una obra vial de la vía al mar."),
    ],
}
DIAGNOSTICOS = {
    "ocri": "La oficina cumple lo programado en convocatorias y talleres; la presentación de proyectos va por debajo "
    "de la meta por trámites de contrapartida. La ejecución presupuestal es coherente con el avance.",
    "ddft": "Las mesas territoriales se recuperan parcialmente; el tiempo de respuesta de los permisos mejora cada "
    "trimestre. Se recomienda reprogramar las mesas aplazadas con las gobernaciones.",
    "nar": "La inspección móvil va por debajo de la meta por el invierno y la emergencia minera; la ejecución "
    "presupuestal va por delante del avance de las visitas: revisar la programación del T4.",
}


def _reportar(u, deps, anio, trimestre, clave, usuario):
    seguimiento = SeguimientoTrimestral.objects.get(dependencia=deps[clave], anio=anio, trimestre=trimestre)
    for avance in seguimiento.avances.select_related("actividad", "actividad__indicador").order_by("actividad__codigo"):
        datos = REPORTES.get((clave, avance.actividad.codigo))
        if datos is None or avance.actividad.plan.tipo != Plan.Tipo.ACCION:
            continue
        numerador, denominador, ejecutado, justificacion = datos[trimestre - 1]
        codigo = avance.actividad.codigo
        services.avance_reportar(
            avance=avance,
            usuario=usuario,
            numerador=D(str(numerador)),
            denominador=D(denominador) if denominador else None,
            avance_cualitativo=f"T{trimestre}: {avance.actividad.descripcion.lower()}. Resultado del trimestre: "
            f"{numerador}{'/' + str(denominador) if denominador else ''} ({avance.actividad.indicador.unidad}).",
            presupuesto_ejecutado=D(ejecutado),
            justificacion=justificacion,
            evidencia=archivo_pdf(
                f"evidencia-{clave}-{codigo}-t{trimestre}.pdf",
                f"Evidencia {codigo} T{trimestre}",
                avance.actividad.producto,
            ),
        )
    return seguimiento


def _revisar_y_cerrar(u, seguimiento, clave, *, cerrar=True):
    planeacion = u["planeacion"]
    services.seguimiento_revisar(seguimiento=seguimiento, usuario=planeacion)
    services.seguimiento_diagnosticar(
        seguimiento=seguimiento,
        usuario=planeacion,
        diagnostico=DIAGNOSTICOS[clave],
        recomendaciones="Adjuntar las evidencias firmadas y mantener la justificación de cada desviación.",
    )
    if cerrar:
        services.seguimiento_cerrar(seguimiento=seguimiento, usuario=planeacion)


def _trimestres(u, deps, anio, planes):
    reporta = {"ocri": u["profesional"], "ddft": u["profesional2"], "nar": u["enlace"]}
    for trimestre in (1, 2, 3):
        if trimestre == 3:
            _ajuste(u, deps, anio, planes)
        for clave in ("ocri", "ddft", "nar"):
            seguimiento = _reportar(u, deps, anio, trimestre, clave, reporta[clave])
            if trimestre == 3 and clave == "nar":
                continue  # reported, not yet sent: a pending report
            services.seguimiento_enviar(seguimiento=seguimiento, usuario=reporta[clave])
            if trimestre == 2 and clave == "ddft":
                _devolver_y_corregir(u, seguimiento, reporta[clave])
            if trimestre == 3 and clave == "ddft":
                continue  # sent, waiting for Planeación's review
            _revisar_y_cerrar(u, seguimiento, clave, cerrar=trimestre < 3)
        if trimestre == 2:
            seguimiento = SeguimientoTrimestral.objects.get(dependencia=deps["ocri"], anio=anio, trimestre=2)
            services.observacion_registrar(
                seguimiento=seguimiento,
                usuario=u["control"],
                texto_observacion="Se verificaron las evidencias de las actividades 1.1.1 y 1.2.1. Se recomienda "
                "adjuntar las listas de asistencia firmadas de los talleres (actividad 1.2.2).",
            )
    seguimiento = SeguimientoTrimestral.objects.get(dependencia=deps["nar"], anio=anio, trimestre=1)
    services.observacion_registrar(
        seguimiento=seguimiento,
        usuario=u["control"],
        texto_observacion="La ejecución presupuestal de las visitas de inspección no está soportada con las "
        "órdenes de comisión de los inspectores.",
    )


def _devolver_y_corregir(u, seguimiento, usuario):
    planeacion = u["planeacion"]
    avance = seguimiento.avances.select_related("actividad").get(actividad__codigo="1.1.1")
    services.avance_devolver(
        avance=avance,
        usuario=planeacion,
        observacion="La justificación no dice qué mesas se aplazaron ni cuándo se recuperan; adjunte las actas.",
    )
    services.seguimiento_devolver(
        seguimiento=seguimiento, usuario=planeacion, motivo="Corregir la justificación de la actividad 1.1.1."
    )
    avance.refresh_from_db()
    services.avance_reportar(
        avance=avance,
        usuario=usuario,
        numerador=D(6),
        avance_cualitativo="T2: se realizaron 6 de las 8 mesas programadas (Nariño, Antioquia, Bolívar, Meta, "
        "Boyacá y Tolima).",
        presupuesto_ejecutado=D(30_000_000),
        justificacion="Las mesas de Cauca y Chocó se aplazaron por orden público; se realizarán en octubre con las "
        "gobernaciones (actas de aplazamiento adjuntas).",
        evidencia=archivo_pdf("actas-mesas-t2.pdf", "Actas de las mesas T2", "Actas y aplazamientos."),
    )
    seguimiento.refresh_from_db()
    services.seguimiento_enviar(seguimiento=seguimiento, usuario=usuario, motivo="Justificación corregida.")


def _ajuste(u, deps, anio, planes):
    """Activities 22-24: the OCRI's Jefe moves a workshop of T3 to T4; Planeación finds it pertinent and approves."""
    plan = planes[deps["ocri"].pk]
    talleres = plan.actividades.get(codigo="1.2.2")
    solicitud = services.ajuste_solicitar(
        plan=plan,
        usuario=u["jefe"],
        causa="La Agencia Presidencial de Cooperación reprogramó para octubre dos de los talleres territoriales del "
        "tercer trimestre; la meta anual no cambia.",
        cambios=[
            {"actividad": talleres, "campo": "meta_t3", "valor_nuevo": "1", "anio": anio},
            {"actividad": talleres, "campo": "meta_t4", "valor_nuevo": "4", "anio": anio},
        ],
    )
    services.ajuste_revisar(
        solicitud=solicitud,
        usuario=u["planeacion"],
        motivo="Causa externa documentada; la meta anual y el objetivo no cambian.",
    )
    services.ajuste_aprobar(
        solicitud=solicitud,
        usuario=u["planeacion"],
        instancia_aprobacion="planeacion",
        acta_fecha=date(anio, 8, 14),
        motivo="Aprobado por la Oficina Asesora de Planeación.",
    )


# Strategic plans measured at the end of each past year ---------------------------------------------------------

HISTORIA = {  # activity code → measured value at T4 of each year of the four
    ("PES", "1.1.1"): ["57.9", "56.7", "56.3"],
    ("PES", "2.1.1"): ["4.2", "5.5", "4.1"],
    ("PEI", "1.1.1"): [175, 246, 290],
    ("PEI", "2.1.1"): [6, 9, 9],
    ("PEI", "3.1.1"): ["5.0", "4.9", "4.5"],
}


def _historia_estrategica(u, deps, inicio, anio, pes, pei):
    reporta = {deps["ocri"].pk: u["jefe"], deps["ddft"].pk: u["profesional2"], deps["nar"].pk: u["enlace"]}
    clave_de = {deps["ocri"].pk: "ocri", deps["ddft"].pk: "ddft", deps["nar"].pk: "nar"}
    for indice, anio_pasado in enumerate(range(inicio, anio)):
        tocados = set()
        for sigla, plan in (("PES", pes), ("PEI", pei)):
            for actividad in plan.actividades.select_related("indicador"):
                valores = HISTORIA.get((sigla, actividad.codigo))
                if not valores or indice >= len(valores):
                    continue
                avance = AvanceActividad.objects.get(
                    actividad=actividad, seguimiento__anio=anio_pasado, seguimiento__trimestre=4
                )
                meta = actividad.indicador.metas.get(anio=anio_pasado, trimestre=4, dependencia__isnull=True).valor
                valor = D(str(valores[indice]))
                creciente = actividad.indicador.sentido == "creciente"
                corto = valor < meta if creciente else valor > meta
                services.avance_reportar(
                    avance=avance,
                    usuario=reporta[actividad.dependencia_responsable_id],
                    numerador=valor,
                    avance_cualitativo=f"Resultado de {anio_pasado}: {valor} {actividad.indicador.unidad}.",
                    presupuesto_ejecutado=D(0),
                    justificacion="Resultado anual por debajo de la meta; se reforzó la estrategia el año siguiente."
                    if corto
                    else "",
                )
                tocados.add(avance.seguimiento_id)
        for seguimiento in SeguimientoTrimestral.objects.filter(pk__in=tocados).order_by("pk"):
            services.seguimiento_enviar(seguimiento=seguimiento, usuario=reporta[seguimiento.dependencia_id])
            _revisar_y_cerrar(u, seguimiento, clave_de[seguimiento.dependencia_id])


# The next year's formulation, under way ------------------------------------------------------------------------


def _siguiente_vigencia(u, deps, anio, pei):
    superior = pei if pei.anio_inicio <= anio <= pei.anio_fin else None  # a new four-year plan is being formulated
    vigencia = services.vigencia_abrir(
        usuario=u["planeacion"],
        anio=anio,
        lineamientos="Formular el plan de acción con los resultados del seguimiento del año anterior y los "
        "compromisos del Plan Estratégico Institucional que se concerta para el nuevo cuatrienio.",
        fecha_limite_formulacion=date(anio - 1, 12, 4),
        fecha_limite_cargue=date(anio - 1, 12, 18),
        fecha_limite_aprobacion=date(anio, 1, 22),
        fecha_limite_publicacion=date(anio, 1, 31),
        dependencias=[deps["ocri"], deps["ddft"], deps["nar"]],
        plan_superior=superior,
    )
    plan = vigencia.planes.get(dependencia=deps["ocri"])
    objetivo = services.objetivo_crear(
        plan=plan,
        usuario=u["profesional"],
        codigo="1",
        descripcion="Gestionar la cooperación internacional para las prioridades del Ministerio",
        objetivo_superior=superior.objetivos.get(codigo="2") if superior else None,
    )
    services.estrategia_crear(
        objetivo=objetivo,
        usuario=u["profesional"],
        codigo="1.1",
        descripcion="Identificación y gestión de convocatorias de cooperación",
    )
