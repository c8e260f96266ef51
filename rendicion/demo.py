"""Demo data: the Ministerio del Trabajo's accountability strategy 2020 exactly as the seed writes it (texts, the four
objectives, every action of the three elements with its deliverable and responsible, the social-media metric
fields), run through the services as it happened in 2020: a few months of metrics, the public hearing with its
questions, and the first cut-off evaluated by Control Interno with its published report. Then the same strategy
copied to the current year (the «copy to a new year» action), published and running: an upcoming hearing whose
question form is open, with a published answer, a rejected question and one waiting for moderation.

Idempotent: a year whose strategy exists is left as it is.
"""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import cast

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django_fsm_log.models import StateLog

from cooperacion.core import roles
from cooperacion.core import services as servicios_nucleo
from cooperacion.core.models import Dependencia, Usuario
from cooperacion.core.services import aplicar_transicion

from . import services
from .models import (
    AccionRendicion,
    Corte,
    EspacioDialogo,
    Estrategia,
    MetricaDefinida,
    TextoConsentimiento,
)
from .services.seguimiento import INFORME_SEGUIMIENTO

SEMILLA = Path(__file__).parent / "datos" / "rendicion_2020.json"

# Dependencias the seed names that the core's demo organization does not have: (code, name, acronym, parent).
DEPENDENCIAS = [
    ("1010", "Grupo de Comunicaciones", "GCOM", "1000"),
    ("4000", "Secretaría General", "SG", "1000"),
    ("4100", "Subdirección Administrativa y Financiera", "SAF", "4000"),
    ("4110", "Grupo de Atención al Ciudadano", "GAC", "4100"),
    ("4300", "Subdirección de Talento Humano", "STH", "4000"),
]
# The seed's responsible units → the dependencias that take part (the first one of the first unit leads).
# Generic units are spread over the demo's real ones: «Dependencias Técnicas» are the technical directorates,
# «Viceministerios» the two vice-ministries; «Dependencias responsables» (of improvement plans) names none, so the
# Oficina Asesora de Planeación, which supports it, leads. The strategy's own text is kept as written on every action.
RESPONSABLES = {
    "Grupo de Comunicaciones": ["1010"],
    "Apoya Grupo de Comunicaciones": ["1010"],
    "Apoya Grupo de comunicaciones": ["1010"],
    "Dependencias Técnicas": ["2100", "3100"],
    "Subdirección de Talento Humano": ["4300"],
    "Oficina Asesora de Planeación": ["1200"],
    "apoya Oficina Asesora de Planeación": ["1200"],
    "Viceministerios": ["2000", "3000"],
    "Subdirección Administrativa y Financiera – Grupo de Atención al Ciudadano": ["4110"],
    "Oficina de Control Interno": ["1300"],
    "Dependencias responsables": [],
}
REDES = {"Facebook": "facebook", "Twitter": "twitter", "YouTube": "youtube", "LinkedIn": "linkedin"}

# MURC stages of 2020: planned dates and completion (Decreto 124 de 2016: the plan is published by 31 January).
ETAPAS_2020 = {
    "aprestamiento": (date(2020, 1, 8), date(2020, 1, 24), date(2020, 1, 24)),
    "diseno": (date(2020, 1, 13), date(2020, 1, 31), date(2020, 1, 31)),
    "preparacion": (date(2020, 2, 3), date(2020, 10, 30), date(2020, 10, 30)),
    "ejecucion": (date(2020, 2, 3), date(2020, 12, 18), date(2020, 12, 18)),
    "seguimiento": (date(2020, 4, 30), date(2021, 1, 15), None),
}
# Monthly values of the metric fields (January to April 2020), in the seed's order per network.
METRICAS_2020 = {
    ("facebook", "Total de seguidores"): [412_350, 418_920, 431_700, 468_215],
    ("facebook", "N° de impresiones en publicaciones"): [3_820_400, 3_415_900, 5_902_300, 9_871_650],
    ("twitter", "Total de seguidores"): [598_120, 603_450, 611_980, 634_870],
    ("twitter", "N° de nuevos seguidores"): [4_870, 5_330, 8_530, 22_890],
    ("twitter", "Impresiones en tweets"): [6_150_300, 5_870_120, 8_940_770, 14_205_600],
    ("youtube", "Total de suscriptores"): [21_480, 21_960, 22_730, 25_410],
    ("youtube", "N° de visualizaciones"): [96_340, 88_120, 143_560, 287_900],
    ("linkedin", "Total de seguidores"): [38_900, 39_640, 40_870, 43_120],
}
# Control Interno's evaluation at the first cut-off (30/04/2020), per element and number.
EVALUACION_2020 = {
    ("informacion", 1): ("cumplida", "Se reportaron las métricas de enero a abril con el análisis de los temas "
                         "de mayor interés (emergencia sanitaria, protección al cesante).",
                         "Reportes mensuales de métricas"),
    ("informacion", 2): ("cumplida", "", "Informe de publicaciones de boletines del primer cuatrimestre"),
    ("informacion", 3): ("cumplida", "Se publicaron los procesos de encargo abiertos en el periodo.",
                         "Publicaciones en la página web"),
    ("informacion", 4): ("cumplida", "", "Reporte de proyectos de norma publicados para comentarios"),
    ("informacion", 5): ("parcial", "El informe al Congreso se entrega en julio; a la fecha de corte se consolidaba "
                         "la información de las dependencias.", "Cronograma y solicitud de insumos"),
    ("informacion", 6): ("cumplida", "Informe de gestión 2019 publicado en enero.", "Publicación en la página web"),
    ("informacion", 7): ("no_cumplida", "No se encontró avance del informe de rendición de cuentas de paz.",
                         "Sin soportes"),
    ("dialogo", 1): ("parcial", "La audiencia pública está programada para el segundo semestre; se avanzó en el "
                     "aprestamiento.", "Acta de la mesa de trabajo de aprestamiento"),
    ("dialogo", 2): ("cumplida", "", "Formatos de informe de eventos de gestión diligenciados"),
    ("dialogo", 3): ("cumplida", "", "Formatos de informe de mesas técnicas diligenciados"),
    ("dialogo", 4): ("cumplida", "Transmisiones en vivo semanales sobre las medidas laborales de la emergencia.",
                     "Publicaciones en las redes sociales"),
    ("dialogo", 5): ("parcial", "Se ejecutó la pauta de marzo y abril; falta el informe consolidado.",
                     "Plan de medios"),
    ("dialogo", 6): ("parcial", "Es la misma audiencia de la acción D-1 (la estrategia la escribe dos veces).",
                     "Acta de la mesa de trabajo de aprestamiento"),
    ("responsabilidad", 1): ("cumplida", "", "Informe de gestión trimestral del contact center"),
    ("responsabilidad", 2): ("no_cumplida", "La capacitación presencial se aplazó por la emergencia sanitaria.",
                             "Sin soportes"),
    ("responsabilidad", 3): ("cumplida", "", "Informe de seguimiento a la estrategia 2019 publicado"),
    ("responsabilidad", 4): ("parcial", "Piezas de la campaña en diseño.", "Borradores de las piezas"),
    ("responsabilidad", 5): ("cumplida", "Se formularon las acciones de mejora de la evaluación 2019.",
                             "Plan de mejoramiento"),
}  # fmt: skip


def leer_semilla() -> dict:
    return json.loads(SEMILLA.read_text(encoding="utf-8"))


def _momento(dia: date, hora: int = 9, minuto: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(dia, time(hora, minuto)))


def _fechar(obj, **campos) -> None:
    """Give a record loaded through the services the dates it had in the story (the demo happened in the past)."""
    for campo, valor in campos.items():
        setattr(obj, campo, valor)
    obj.save(update_fields=list(campos))


def _fechar_transicion(obj: Model, transicion: str, momento: datetime | None) -> None:
    """The transition log row of a step of the story, with the date it had (the log keeps no field history)."""
    StateLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, transition=transicion
    ).update(timestamp=momento)


def _dependencias(dependencias: dict[str, Dependencia]) -> dict[str, Dependencia]:
    resultado = dict(dependencias)
    for codigo, nombre, sigla, padre in DEPENDENCIAS:
        resultado[codigo], _creada = Dependencia.objects.get_or_create(
            codigo=codigo, defaults={"nombre": nombre, "sigla": sigla, "padre": resultado.get(padre)}
        )
    return resultado


def _usuario_de_comunicaciones(usuarios, dependencias) -> Usuario:
    """A Profesional of the communications group, with the same password as the other demo users."""
    modelo = usuarios["profesional"]
    usuario, _creado = Usuario.objects.get_or_create(
        username="comunicaciones",
        defaults={
            "first_name": "Camila",
            "last_name": "Ortiz",
            "email": "comunicaciones@cooperacion.local",
            "dependencia": dependencias["1010"],
            "cargo": "Profesional del Grupo de Comunicaciones",
            "password": modelo.password,
        },
    )
    usuario.groups.add(Group.objects.get(name=roles.PROFESIONAL))
    return usuario


def _responsables(texto: list[str], dependencias) -> tuple[Dependencia, list[Dependencia]]:
    codigos = [c for unidad in texto for c in RESPONSABLES.get(unidad, [])]
    unicos = list(dict.fromkeys(codigos))
    return dependencias[unicos[0]], [dependencias[c] for c in unicos[1:]]


def _crear_estrategia_2020(semilla, *, planeacion, dependencias) -> Estrategia:
    textos = semilla["textos"]
    estrategia = services.estrategia_crear(
        usuario=planeacion,
        anio=semilla["anio"],
        titulo=semilla["titulo"],
        entidad=semilla["entidad"],
        version_documento=semilla["version"],
        plan=semilla["plan"],
        componente=semilla["componente"],
        introduccion=textos["introduccion"],
        marco_normativo=textos["marco_conpes_manual"],
        nota_pie=textos["nota_pie_conpes"],
        elementos_introduccion=textos["elementos_introduccion"],
        enfoque_titulo=textos["enfoque_paz_titulo"],
        enfoque=textos["enfoque_paz_1"] + "\n\n" + textos["enfoque_paz_2"],
        estrategia_introduccion=textos["estrategia_introduccion"],
        seguimiento_texto=semilla["seguimiento"]["texto"],
        objetivos=semilla["objetivos_estrategicos"],
        elementos={
            e["clave"]: {
                "definicion": e["definicion"],
                "descripcion": "\n\n".join(e["descripcion"]),
                "introduccion_acciones": e["introduccion_acciones"],
            }
            for e in semilla["elementos"]
        },
    )
    for elemento in semilla["elementos"]:
        creadas = {}
        for fila in elemento["acciones"]:
            lider, apoyo = _responsables(fila["responsables"], dependencias)
            accion = services.accion_crear(
                usuario=planeacion,
                estrategia=estrategia,
                elemento=elemento["clave"],
                numero=fila["numero"],
                texto=fila["accion"],
                entregable=fila["entregable"],
                responsable_texto=fila["responsable"],
                dependencia_lider=lider,
                dependencias_apoyo=apoyo,
            )
            creadas[fila["numero"]] = accion
            if fila.get("duplicado_de"):
                _fechar(accion, duplicado_de=creadas[fila["duplicado_de"]])
            for metrica in fila.get("metricas_redes_sociales", []):
                MetricaDefinida.objects.create(
                    estrategia=estrategia,
                    accion=accion,
                    red=REDES[metrica["network"]],
                    red_como_esta_escrita=metrica["network_as_written"],
                    metrica=metrica["metric"],
                    por_mes=metrica["frequency"] == "mes",
                    texto=metrica["text"],
                    orden=metrica["orden"],
                )
    for etapa in estrategia.etapas.all():
        inicio, fin, completada = ETAPAS_2020[etapa.etapa]
        services.etapa_registrar(
            etapa=etapa, usuario=planeacion, fecha_inicio=inicio, fecha_fin=fin, completada_en=completada
        )
    services.estrategia_publicar(estrategia=estrategia, usuario=planeacion)
    _fechar(estrategia, publicada_en=_momento(date(2020, 1, 31), 16))
    _fechar_transicion(estrategia, "publicar", estrategia.publicada_en)
    return estrategia


def _metricas(estrategia, valores: dict, meses: list[int], usuario) -> None:
    definiciones = {(d.red, d.metrica): d.pk for d in estrategia.metricas.all()}
    for indice, mes in enumerate(meses):
        services.metricas_registrar(
            estrategia=estrategia,
            usuario=usuario,
            mes=date(estrategia.anio, mes, 1),
            valores={definiciones[clave]: serie[indice] for clave, serie in valores.items() if clave in definiciones},
        )


def _avanzar_acciones(estrategia, *, planeacion, comunicaciones, fecha: date, cumplir: bool, porcentaje: int) -> None:
    for accion in estrategia.acciones.prefetch_related("responsables__dependencia").order_by("elemento", "numero"):
        if accion.estado == AccionRendicion.Estado.CUMPLIDA:
            continue
        for responsable in accion.responsables_ordenados:
            quien = comunicaciones if responsable.dependencia.codigo == "1010" else planeacion
            services.avance_registrar(
                accion=accion,
                usuario=quien,
                dependencia=responsable.dependencia,
                descripcion=f"Avance de {responsable.dependencia.nombre}: {accion.entregable}",
                porcentaje=100 if cumplir else porcentaje,
                fecha=fecha,
            )
        if accion.estado == AccionRendicion.Estado.PROGRAMADA:
            services.accion_iniciar(accion=accion, usuario=planeacion)
        if accion.estado == AccionRendicion.Estado.EN_EJECUCION and fecha.year == 2020:
            _fechar_transicion(accion, "iniciar", _momento(fecha, 9))
        if cumplir:
            services.accion_completar(accion=accion, usuario=planeacion)
            _fechar(accion, cumplida_en=fecha)
            _fechar_transicion(accion, "completar", _momento(fecha, 17))


def _evaluar_y_publicar(corte: Corte, *, control, evaluacion: dict, publicado: date | None) -> None:
    for e in corte.evaluaciones.select_related("accion"):
        resultado, observaciones, evidencia = evaluacion.get(
            (e.accion.elemento, e.accion.numero), ("cumplida", "", "Soportes reportados por la dependencia")
        )
        services.evaluacion_registrar(
            evaluacion=e,
            usuario=control,
            resultado=resultado,
            observaciones=observaciones,
            evidencia_revisada=evidencia,
        )
    services.corte_cerrar(corte=corte, usuario=control)
    for formato in ("pdf", "xlsx"):
        generado = servicios_nucleo.reporte_solicitar(
            codigo=INFORME_SEGUIMIENTO, formato=formato, datos={"id": corte.pk}, usuario=control
        )
        # Generated now, not after the load's transaction commits: the publication below needs the file.
        servicios_nucleo.reporte_generar(generado_id=generado.pk)
    services.corte_publicar(corte=corte, usuario=control)
    if publicado:
        corte.refresh_from_db()
        _fechar(corte, cerrado_en=_momento(publicado - timedelta(days=3), 11), publicado_en=_momento(publicado, 15))
        _fechar_transicion(corte, "cerrar", corte.cerrado_en)
        _fechar_transicion(corte, "publicar", corte.publicado_en)


def _audiencia_2020(estrategia, *, planeacion, comunicaciones, dependencias) -> EspacioDialogo:
    accion = estrategia.acciones.get(elemento="dialogo", numero=1)
    espacio = services.espacio_crear(
        usuario=planeacion,
        estrategia=estrategia,
        tipo=EspacioDialogo.Tipo.AUDIENCIA,
        nombre="Audiencia pública de rendición de cuentas 2020 del Ministerio del Trabajo",
        fecha=_momento(date(2020, 12, 10), 10),
        dependencia=dependencias["1010"],
        accion=accion,
        descripcion="La gestión del sector trabajo en 2020: protección del empleo y de los ingresos durante la "
        "emergencia sanitaria, inspección laboral, formalización y diálogo social.",
        lugar="Virtual (por la emergencia sanitaria)",
        enlace="https://www.youtube.com/@MinTrabajoCol",
        aviso="El Ministerio del Trabajo invita a la ciudadanía, a las organizaciones sindicales y de empleadores "
        "y a los grupos de valor a su audiencia pública de rendición de cuentas. Envíe sus preguntas con "
        "anticipación en esta página; se responden durante la audiencia y quedan publicadas aquí.",
    )
    espacio.aviso_desde = date(2020, 11, 10)
    espacio.convocado_en = _momento(date(2020, 11, 10), 8)
    aplicar_transicion(
        espacio, "convocar", usuario=planeacion, motivo="Aviso publicado desde el 10/11/2020",
        campos=("estado", "aviso_desde", "convocado_en"),
    )  # fmt: skip
    consentimiento = TextoConsentimiento.objects.vigente()
    preguntas = [
        ("María Fernanda Rojas", "maria.rojas@correo.test", "¿Cuántas empresas recibieron el subsidio a la nómina "
         "(PAEF) y cuántos empleos protegió?", "respondida",
         "Con corte a noviembre de 2020 el Programa de Apoyo al Empleo Formal (PAEF) benefició a más de 140.000 "
         "empleadores y protegió cerca de 3,9 millones de empleos formales. El detalle por departamento se publica "
         "en el informe de gestión."),
        ("Jorge Iván Castaño", "jorge.castano@correo.test", "¿Qué medidas tomó el Ministerio para vigilar los "
         "despidos durante la emergencia?", "respondida",
         "Se dispuso la inspección laboral virtual y se priorizaron las quejas por despidos y licencias no "
         "remuneradas; las actuaciones se reportan en el informe de gestión al Congreso."),
        ("Ofertas Express", "ventas@correo.test", "Gane dinero desde casa, visite nuestro sitio y reciba un bono.",
         "spam", ""),
    ]  # fmt: skip
    for minuto, (nombre, correo, texto, destino, respuesta) in enumerate(preguntas):
        pregunta, _nueva = services.pregunta_recibir(
            espacio=espacio,
            nombre=nombre,
            correo=correo,
            texto_pregunta=texto,
            consentimiento=consentimiento,
            acepta=True,
            ahora=_momento(date(2020, 11, 20 + minuto), 9, 15),
        )
        moderada = _momento(date(2020, 11, 25), 9)
        if destino == "spam":
            services.pregunta_rechazar_spam(pregunta=pregunta, usuario=comunicaciones)
            _fechar(pregunta, moderada_en=moderada)
            _fechar_transicion(pregunta, "rechazar", moderada)
        else:
            services.pregunta_aceptar(pregunta=pregunta, usuario=comunicaciones)
            services.pregunta_responder(pregunta=pregunta, usuario=comunicaciones, respuesta=respuesta)
            respondida = _momento(date(2020, 12, 10), 11, 30 + minuto)
            _fechar(pregunta, moderada_en=moderada, respondida_en=respondida)
            _fechar_transicion(pregunta, "aceptar", moderada)
            _fechar_transicion(pregunta, "responder", respondida)
    services.espacio_realizar(espacio=espacio, usuario=comunicaciones)
    _fechar(espacio, realizado_en=_momento(date(2020, 12, 10), 13))
    _fechar_transicion(espacio, "convocar", espacio.convocado_en)
    _fechar_transicion(espacio, "realizar", espacio.realizado_en)
    services.espacio_registrar_resultados(
        espacio=espacio,
        usuario=comunicaciones,
        asistentes=2_310,
        conclusiones="Se presentó la gestión de 2020 y se respondieron las preguntas recibidas. Compromiso: publicar "
        "el detalle territorial del PAEF y programar una mesa técnica con las centrales obreras.",
        encuesta_respuestas=412,
    )
    for texto_pregunta, valores in (
        ("La información presentada fue clara y suficiente", (188, 161, 49, 14)),
        ("Las respuestas atendieron las preguntas de la ciudadanía", (152, 170, 66, 24)),
        ("El medio de transmisión fue adecuado", (231, 139, 31, 11)),
    ):
        services.encuesta_agregar(
            espacio=espacio, usuario=comunicaciones, pregunta=texto_pregunta,
            excelente=valores[0], bueno=valores[1], regular=valores[2], malo=valores[3],
        )  # fmt: skip
    return espacio


def _audiencia_actual(estrategia, *, planeacion, comunicaciones, dependencias, hoy: date) -> EspacioDialogo:
    accion = estrategia.acciones.get(elemento="dialogo", numero=1)
    espacio = services.espacio_crear(
        usuario=planeacion,
        estrategia=estrategia,
        tipo=EspacioDialogo.Tipo.AUDIENCIA,
        nombre=f"Audiencia pública de rendición de cuentas {estrategia.anio}",
        fecha=_momento(hoy + timedelta(days=21), 9),
        dependencia=dependencias["1010"],
        accion=accion,
        descripcion="Resultados de la gestión del año: empleo, formalización, inspección laboral, trabajo infantil y "
        "diálogo social. Después de la presentación se responden las preguntas de la ciudadanía.",
        lugar="Auditorio del Ministerio del Trabajo, Carrera 14 n.º 99-33, Bogotá D.C.",
        enlace="https://www.youtube.com/@MinTrabajoCol",
        aviso="El Ministerio del Trabajo invita a la ciudadanía a su audiencia pública de rendición de cuentas. "
        "Puede asistir en persona o seguirla en vivo. Envíe su pregunta en este formulario antes de la audiencia: "
        "la publicamos cuando el equipo la revise y la respondemos en la audiencia y por correo.",
    )
    services.espacio_convocar(espacio=espacio, usuario=planeacion)
    consentimiento = TextoConsentimiento.objects.vigente()
    ahora = timezone.now()
    preguntas = [
        ("Luz Marina Quintero", "luz.quintero@correo.test", "¿Cuántas visitas de inspección se hicieron este año en "
         "el sector rural y cuántas terminaron en sanción?", "respondida",
         "Este año se realizaron 4.820 visitas de inspección en zonas rurales; 612 terminaron en procesos "
         "sancionatorios. El detalle por dirección territorial está en el informe de gestión."),
        ("Promociones Ya", "info@correo.test", "Compre seguidores baratos para sus redes sociales, escríbanos ya.",
         "spam", ""),
        ("Andrés Felipe Mora", "andres.mora@correo.test", "¿Qué avances hay en la política de trabajo decente para "
         "jóvenes y cómo pueden participar las organizaciones juveniles?", "recibida", ""),
    ]  # fmt: skip
    for horas, (nombre, correo, texto, destino, respuesta) in zip((3, 2, 1), preguntas, strict=True):
        pregunta, _nueva = services.pregunta_recibir(
            espacio=espacio,
            nombre=nombre,
            correo=correo,
            texto_pregunta=texto,
            consentimiento=consentimiento,
            acepta=True,
            ahora=max(ahora - timedelta(hours=horas), _momento(cast(date, espacio.aviso_desde), 0, 5)),
        )
        if destino == "spam":
            services.pregunta_rechazar_spam(pregunta=pregunta, usuario=comunicaciones)
        elif destino == "respondida":
            services.pregunta_aceptar(pregunta=pregunta, usuario=comunicaciones)
            services.pregunta_responder(pregunta=pregunta, usuario=comunicaciones, respuesta=respuesta)
    return espacio


def cargar_demo(*, usuarios, dependencias, hoy: date):
    dependencias = _dependencias({d.codigo: d for d in dependencias.values()})
    comunicaciones = _usuario_de_comunicaciones(usuarios, dependencias)
    planeacion, control = usuarios["planeacion"], usuarios["control"]
    semilla = leer_semilla()
    creado = {}

    estrategia = Estrategia.objects.filter(anio=semilla["anio"]).first()
    if estrategia is None:
        estrategia = _crear_estrategia_2020(semilla, planeacion=planeacion, dependencias=dependencias)
        _metricas(estrategia, METRICAS_2020, [1, 2, 3, 4], comunicaciones)
        _avanzar_acciones(
            estrategia, planeacion=planeacion, comunicaciones=comunicaciones, fecha=date(2020, 4, 24),
            cumplir=False, porcentaje=40,
        )  # fmt: skip
        corte = services.corte_crear(
            usuario=control,
            estrategia=estrategia,
            nombre="Primer seguimiento (corte al 30 de abril)",
            fecha_corte=date(2020, 4, 30),
        )
        _evaluar_y_publicar(corte, control=control, evaluacion=EVALUACION_2020, publicado=date(2020, 5, 14))
        _mejoras_2020(estrategia, corte, control=control, planeacion=planeacion, dependencias=dependencias)
        _audiencia_2020(estrategia, planeacion=planeacion, comunicaciones=comunicaciones, dependencias=dependencias)
        _avanzar_acciones(
            estrategia, planeacion=planeacion, comunicaciones=comunicaciones, fecha=date(2020, 12, 18),
            cumplir=True, porcentaje=100,
        )  # fmt: skip
        creado["2020"] = estrategia

    if hoy.year != semilla["anio"] and not Estrategia.objects.filter(anio=hoy.year).exists():
        creado["actual"] = _estrategia_actual(
            estrategia, hoy=hoy, planeacion=planeacion, control=control, comunicaciones=comunicaciones,
            dependencias=dependencias,
        )  # fmt: skip
    return creado


def _mejoras_2020(estrategia, corte, *, control, planeacion, dependencias) -> None:
    evaluacion = corte.evaluaciones.get(accion__elemento="responsabilidad", accion__numero=2)
    mejora = services.mejora_crear(
        usuario=control,
        estrategia=estrategia,
        origen="evaluacion",
        evaluacion=evaluacion,
        descripcion="Programar la capacitación sobre rendición de cuentas en modalidad virtual para la DT Bogotá y el "
        "nivel central, con listado de asistencia digital.",
        dependencia=dependencias["4300"],
        fecha_limite=date(2020, 7, 31),
    )
    services.mejora_cumplir(
        mejora=mejora,
        usuario=planeacion,
        motivo="Capacitación virtual realizada el 23/07/2020 con 184 servidores; listado de asistencia digital.",
    )
    _fechar(mejora, cumplida_en=_momento(date(2020, 7, 24), 10))
    _fechar_transicion(mejora, "cumplir", mejora.cumplida_en)


def _estrategia_actual(origen, *, hoy, planeacion, control, comunicaciones, dependencias) -> Estrategia:
    """The 2020 strategy copied to this year in one action, dated, published and under way."""
    estrategia = services.estrategia_copiar(estrategia=origen, usuario=planeacion, anio=hoy.year)
    fin_de_anio = date(hoy.year, 12, 31)
    plazos_por_elemento = {
        "informacion": (date(hoy.year, 2, 1), min(hoy + timedelta(days=12), fin_de_anio)),
        "dialogo": (date(hoy.year, 3, 1), min(hoy + timedelta(days=25), fin_de_anio)),
        "responsabilidad": (date(hoy.year, 2, 1), fin_de_anio),
    }
    for accion in estrategia.acciones.all():
        inicio, fin = plazos_por_elemento[accion.elemento]
        services.accion_editar(accion=accion, usuario=planeacion, fecha_inicio=min(inicio, hoy), fecha_fin=fin)
    for etapa in estrategia.etapas.all():
        completada = etapa.fecha_fin if etapa.fecha_fin and etapa.fecha_fin < hoy else None
        services.etapa_registrar(
            etapa=etapa, usuario=planeacion, fecha_inicio=etapa.fecha_inicio, fecha_fin=etapa.fecha_fin,
            completada_en=completada,
        )  # fmt: skip
    services.estrategia_publicar(estrategia=estrategia, usuario=planeacion)
    publicada = date(hoy.year, 1, 31)
    if publicada < hoy:
        _fechar(estrategia, publicada_en=_momento(publicada, 16))
        _fechar_transicion(estrategia, "publicar", estrategia.publicada_en)
    meses = list(range(1, hoy.month))
    if meses:
        crecimiento = {clave: [round(serie[-1] * (1 + 0.03 * (i + 1))) for i in range(len(meses))]
                       for clave, serie in METRICAS_2020.items()}  # fmt: skip
        _metricas(estrategia, crecimiento, meses, comunicaciones)
    _avanzar_acciones(
        estrategia, planeacion=planeacion, comunicaciones=comunicaciones, fecha=hoy - timedelta(days=5),
        cumplir=False, porcentaje=60,
    )  # fmt: skip
    for elemento, numero in (("informacion", 6), ("responsabilidad", 3), ("dialogo", 2)):
        accion = estrategia.acciones.get(elemento=elemento, numero=numero)
        services.accion_completar(accion=accion, usuario=planeacion)
    primer_corte = estrategia.cortes.order_by("fecha_corte").first()
    if primer_corte is not None and primer_corte.fecha_limite_publicacion < hoy:
        evaluacion = dict.fromkeys(EVALUACION_2020, ("cumplida", "", "Soportes reportados por la dependencia"))
        evaluacion[("informacion", 7)] = (
            "parcial", "El informe de rendición de cuentas de paz está en consolidación.", "Borrador del informe",
        )  # fmt: skip
        _evaluar_y_publicar(
            primer_corte, control=control, evaluacion=evaluacion, publicado=primer_corte.fecha_limite_publicacion
        )
        services.mejora_crear(
            usuario=control,
            estrategia=estrategia,
            origen="evaluacion",
            evaluacion=primer_corte.evaluaciones.get(accion__elemento="informacion", accion__numero=7),
            descripcion="Fijar con las dependencias misionales el cronograma de insumos del informe de rendición de "
            "cuentas de paz y publicarlo antes del cierre del año.",
            dependencia=dependencias["1200"],
            fecha_limite=min(hoy + timedelta(days=20), fin_de_anio),
        )
    ultimo = date(hoy.year, 12, 31)
    if not estrategia.cortes.filter(fecha_corte=ultimo).exists():
        services.corte_crear(
            usuario=control, estrategia=estrategia, nombre="Seguimiento con corte al 31 de diciembre",
            fecha_corte=ultimo,
        )  # fmt: skip
    _audiencia_actual(
        estrategia, planeacion=planeacion, comunicaciones=comunicaciones, dependencias=dependencias, hoy=hoy
    )
    return estrategia
