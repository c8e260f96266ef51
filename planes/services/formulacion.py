"""Writes of the formulation of plans (DE-PD-01 activities 1-15): the yearly call, the strategic plans, the
structure of a plan (objectives, strategies, activities and their programming), sending, verification against the
control points, approval, consolidation, presentation and publication."""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.fechas import exigir_en_ventana
from cooperacion.core.models import Dependencia, PoliticaMIPG, Usuario
from cooperacion.core.services import aplicar_transicion
from cooperacion.core.tipos import historia
from indicadores import services as indicadores
from indicadores.models import Indicador

from .. import permissions, reglas, selectors
from ..models import Actividad, Estrategia, Objetivo, Plan, RondaRevision, Vigencia
from .comun import avisar, guardar, personal_de, planeacion, requerido, texto, validar
from .seguimiento import seguimientos_asegurar

ANIOS_PLAN_ESTRATEGICO = 4


def _fechas_en_ventana(**fechas: date | None) -> None:
    for etiqueta, valor in fechas.items():
        if valor is not None:
            exigir_en_ventana(valor, etiqueta=etiqueta)


# The yearly call (activities 7-9) ---------------------------------------------------------------------------


@transaction.atomic
def vigencia_abrir(
    *,
    usuario: Usuario,
    anio: int,
    lineamientos: str,
    fecha_limite_formulacion: date,
    fecha_limite_cargue: date,
    fecha_limite_aprobacion: date,
    dependencias: Iterable[Dependencia],
    fecha_limite_publicacion: date | None = None,
    plan_superior: Plan | None = None,
) -> Vigencia:
    """Planeación opens the year: the commitments and guidelines (activity 7), the schedule of formulation, upload
    and approval (activity 8), and a draft action plan for each dependencia asked to formulate (activity 9)."""
    if not permissions.can_abrir_vigencia(usuario):
        raise ErrorDeDominio(_("Solo la Oficina Asesora de Planeación abre la formulación de los planes de acción."))
    if Vigencia.objects.filter(anio=anio).exists():
        raise ErrorDeDominio(_("La formulación de %(a)s ya está abierta.") % {"a": anio})
    exigir_en_ventana(date(anio, 1, 1), etiqueta=_("Vigencia"))
    fecha_limite_publicacion = fecha_limite_publicacion or date(anio, 1, 31)
    _fechas_en_ventana(
        **{
            _("Formulación"): fecha_limite_formulacion,
            _("Cargue"): fecha_limite_cargue,
            _("Aprobación"): fecha_limite_aprobacion,
            _("Publicación"): fecha_limite_publicacion,
        }
    )
    if not fecha_limite_formulacion <= fecha_limite_cargue <= fecha_limite_aprobacion <= fecha_limite_publicacion:
        raise ErrorDeDominio(_("El cronograma debe ir en orden: formulación, cargue, aprobación y publicación."))
    if fecha_limite_publicacion > date(anio, 1, 31):
        raise ErrorDeDominio(
            _("El plan de acción se publica a más tardar el 31 de enero de %(a)s (Decreto 612 de 2018).") % {"a": anio}
        )
    dependencias = list(dependencias)
    if not dependencias:
        raise ErrorDeDominio(_("Elija las dependencias que deben formular su plan de acción."))
    if plan_superior is not None and (
        plan_superior.tipo != Plan.Tipo.INSTITUCIONAL or not plan_superior.anio_inicio <= anio <= plan_superior.anio_fin
    ):
        raise ErrorDeDominio(_("El plan superior debe ser el Plan Estratégico Institucional que cubre el año."))
    vigencia = Vigencia(
        anio=anio,
        lineamientos=requerido(lineamientos, _("Escriba los lineamientos y compromisos de la formulación.")),
        fecha_limite_formulacion=fecha_limite_formulacion,
        fecha_limite_cargue=fecha_limite_cargue,
        fecha_limite_aprobacion=fecha_limite_aprobacion,
        fecha_limite_publicacion=fecha_limite_publicacion,
        plan_superior=plan_superior,
        abierta_por=usuario,
    )
    validar(vigencia)
    historia(vigencia)._history_user = usuario
    vigencia.save()
    vigencia.dependencias.set(dependencias)
    for dependencia in sorted(dependencias, key=lambda d: d.nombre):
        plan = Plan(
            tipo=Plan.Tipo.ACCION,
            nombre=_("Plan de Acción %(a)s – %(d)s") % {"a": anio, "d": dependencia.nombre},
            dependencia=dependencia,
            vigencia=vigencia,
            anio_inicio=anio,
            anio_fin=anio,
            plan_superior=plan_superior,
            alineacion_pnd=plan_superior.alineacion_pnd if plan_superior else "",
            creado_por=usuario,
        )
        historia(plan)._history_user = usuario
        plan.save()
        if plan_superior is not None:
            plan.politicas.set(plan_superior.politicas.all())
        avisar(
            personal_de(dependencia.pk),
            excepto=usuario,
            titulo=_("Formule el Plan de Acción %(a)s de su dependencia") % {"a": anio},
            mensaje=_(
                "La Oficina Asesora de Planeación abrió la formulación. Cárguelo y envíelo a más tardar el %(f)s. "
                "Lineamientos: %(l)s"
            )
            % {"f": fecha_limite_cargue.strftime("%d/%m/%Y"), "l": vigencia.lineamientos[:300]},
            url=plan.get_absolute_url(),
        )
    return vigencia


# Strategic plans (activities 1-6) ------------------------------------------------------------------------


@transaction.atomic
def plan_estrategico_crear(
    *,
    usuario: Usuario,
    tipo: str,
    nombre: str,
    dependencia: Dependencia,
    anio_inicio: int,
    anio_fin: int,
    descripcion: str = "",
    alineacion_pnd: str = "",
    politicas: Iterable[PoliticaMIPG] = (),
    plan_superior: Plan | None = None,
) -> Plan:
    """Record a strategic plan as its committee formulates it (activities 1 and 4); four years, aligned with the
    Plan Nacional de Desarrollo."""
    if not permissions.can_crear_plan_estrategico(usuario):
        raise ErrorDeDominio(_("Solo la Oficina Asesora de Planeación registra los planes estratégicos."))
    if tipo not in Plan.ESTRATEGICOS:
        raise ErrorDeDominio(_("Los planes de acción se crean al abrir la formulación del año."))
    if anio_fin - anio_inicio + 1 != ANIOS_PLAN_ESTRATEGICO:
        raise ErrorDeDominio(_("Un plan estratégico cubre cuatro años."))
    exigir_en_ventana(date(anio_inicio, 1, 1), etiqueta=_("Desde el año"))
    exigir_en_ventana(date(anio_fin, 12, 31), etiqueta=_("Hasta el año"))
    if tipo == Plan.Tipo.INSTITUCIONAL and plan_superior is not None and plan_superior.tipo != Plan.Tipo.SECTORIAL:
        raise ErrorDeDominio(_("El plan superior del Institucional es el Plan Estratégico Sectorial."))
    if tipo == Plan.Tipo.SECTORIAL:
        plan_superior = None
    plan = Plan(
        tipo=tipo,
        nombre=requerido(nombre, _("Escriba el nombre del plan.")),
        dependencia=dependencia,
        anio_inicio=anio_inicio,
        anio_fin=anio_fin,
        descripcion=texto(descripcion),
        alineacion_pnd=texto(alineacion_pnd),
        plan_superior=plan_superior,
        creado_por=usuario,
    )
    validar(plan)
    historia(plan)._history_user = usuario
    plan.save()
    plan.politicas.set(politicas)
    return plan


CAMPOS_ENCABEZADO = ("nombre", "descripcion", "alineacion_pnd", "plan_superior")


@transaction.atomic
def plan_editar(*, plan: Plan, usuario: Usuario, politicas: Iterable[PoliticaMIPG] | None = None, **datos: Any) -> Plan:
    if not permissions.can_editar_plan(usuario, plan):
        raise ErrorDeDominio(_("El plan no se puede editar en su estado actual o con su rol."))
    cambios = []
    for campo in CAMPOS_ENCABEZADO:
        if campo in datos:
            valor = datos[campo]
            valor = texto(valor) if isinstance(valor, str) else valor
            if getattr(plan, campo) != valor:
                setattr(plan, campo, valor)
                cambios.append(campo)
    if plan.plan_superior_id == plan.pk and plan.pk:
        raise ErrorDeDominio(_("Un plan no puede ser su propio plan superior."))
    esperados: dict[str, str] = {
        Plan.Tipo.ACCION: Plan.Tipo.INSTITUCIONAL,
        Plan.Tipo.INSTITUCIONAL: Plan.Tipo.SECTORIAL,
    }
    esperado = esperados.get(plan.tipo)
    if plan.plan_superior is not None and plan.plan_superior.tipo != esperado:
        raise ErrorDeDominio(_("El plan superior no corresponde al tipo de plan."))
    requerido(plan.nombre, _("Escriba el nombre del plan."))
    validar(plan)
    if cambios:
        guardar(plan, usuario, cambios)
    if politicas is not None:
        plan.politicas.set(politicas)
    return plan


def _editable(plan: Plan, usuario: Usuario) -> None:
    if not plan.editable:
        raise ErrorDeDominio(
            _("El plan está «%(e)s»: solo se edita en formulación o cuando Planeación lo devuelve.")
            % {"e": plan.get_estado_display()}
        )
    if not permissions.formula_el_plan(usuario, plan):
        raise ErrorDeDominio(_("Su rol no formula este plan."))


def _objetivo_superior_valido(plan: Plan, objetivo_superior: Objetivo | None) -> None:
    if objetivo_superior is not None and objetivo_superior.plan_id != plan.plan_superior_id:
        raise ErrorDeDominio(_("El objetivo superior debe ser del plan superior de este plan."))


@transaction.atomic
def objetivo_crear(
    *,
    plan: Plan,
    usuario: Usuario,
    codigo: str,
    descripcion: str,
    objetivo_superior: Objetivo | None = None,
    linea_pnd: str = "",
) -> Objetivo:
    _editable(plan, usuario)
    _objetivo_superior_valido(plan, objetivo_superior)
    objetivo = Objetivo(
        plan=plan,
        codigo=requerido(codigo, _("Escriba el código del objetivo.")),
        descripcion=requerido(descripcion, _("Escriba el objetivo.")),
        objetivo_superior=objetivo_superior,
        linea_pnd=texto(linea_pnd),
        orden=plan.objetivos.count() + 1,
    )
    if plan.objetivos.filter(codigo=objetivo.codigo).exists():
        raise ErrorDeDominio(_("Ya hay un objetivo con el código %(c)s.") % {"c": objetivo.codigo})
    validar(objetivo)
    historia(objetivo)._history_user = usuario
    objetivo.save()
    return objetivo


@transaction.atomic
def objetivo_editar(*, objetivo: Objetivo, usuario: Usuario, **datos: Any) -> Objetivo:
    _editable(objetivo.plan, usuario)
    _objetivo_superior_valido(objetivo.plan, datos.get("objetivo_superior", objetivo.objetivo_superior))
    for campo in ("codigo", "descripcion", "objetivo_superior", "linea_pnd"):
        if campo in datos:
            setattr(objetivo, campo, texto(datos[campo]) if isinstance(datos[campo], str) else datos[campo])
    requerido(objetivo.descripcion, _("Escriba el objetivo."))
    if objetivo.plan.objetivos.filter(codigo=objetivo.codigo).exclude(pk=objetivo.pk).exists():
        raise ErrorDeDominio(_("Ya hay un objetivo con el código %(c)s.") % {"c": objetivo.codigo})
    validar(objetivo)
    guardar(objetivo, usuario)
    return objetivo


@transaction.atomic
def objetivo_quitar(*, objetivo: Objetivo, usuario: Usuario) -> None:
    _editable(objetivo.plan, usuario)
    if objetivo.estrategias.exists():
        raise ErrorDeDominio(_("Quite primero las estrategias del objetivo."))
    historia(objetivo)._history_user = usuario
    objetivo.delete()


@transaction.atomic
def estrategia_crear(*, objetivo: Objetivo, usuario: Usuario, codigo: str, descripcion: str) -> Estrategia:
    plan = objetivo.plan
    _editable(plan, usuario)
    estrategia = Estrategia(
        plan=plan,
        objetivo=objetivo,
        codigo=requerido(codigo, _("Escriba el código de la estrategia.")),
        descripcion=requerido(descripcion, _("Escriba la estrategia o iniciativa.")),
        orden=objetivo.estrategias.count() + 1,
    )
    if plan.estrategias.filter(codigo=estrategia.codigo).exists():
        raise ErrorDeDominio(_("Ya hay una estrategia con el código %(c)s.") % {"c": estrategia.codigo})
    validar(estrategia)
    historia(estrategia)._history_user = usuario
    estrategia.save()
    return estrategia


@transaction.atomic
def estrategia_editar(*, estrategia: Estrategia, usuario: Usuario, codigo: str, descripcion: str) -> Estrategia:
    _editable(estrategia.plan, usuario)
    estrategia.codigo = requerido(codigo, _("Escriba el código de la estrategia."))
    estrategia.descripcion = requerido(descripcion, _("Escriba la estrategia o iniciativa."))
    if estrategia.plan.estrategias.filter(codigo=estrategia.codigo).exclude(pk=estrategia.pk).exists():
        raise ErrorDeDominio(_("Ya hay una estrategia con el código %(c)s.") % {"c": estrategia.codigo})
    guardar(estrategia, usuario)
    return estrategia


@transaction.atomic
def estrategia_quitar(*, estrategia: Estrategia, usuario: Usuario) -> None:
    _editable(estrategia.plan, usuario)
    if estrategia.actividades.exists():
        raise ErrorDeDominio(_("Quite primero las actividades de la estrategia."))
    historia(estrategia)._history_user = usuario
    estrategia.delete()


CAMPOS_ACTIVIDAD = (
    "codigo",
    "descripcion",
    "producto",
    "peso",
    "fuente_recursos",
    "presupuesto",
    "bpin",
    "proyecto_inversion",
    "responsable",
    "dependencia_responsable",
    "fecha_inicio",
    "fecha_fin",
    "objetivo_superior",
)


def _revisar_actividad(actividad: Actividad) -> None:
    plan = actividad.plan
    _fechas_en_ventana(**{_("Inicio"): actividad.fecha_inicio, _("Fin"): actividad.fecha_fin})
    if actividad.fecha_inicio > actividad.fecha_fin:
        raise ErrorDeDominio(_("La actividad no puede terminar antes de empezar."))
    if actividad.peso is None or not Decimal(0) <= actividad.peso <= Decimal(100):
        raise ErrorDeDominio(_("El peso es un porcentaje entre 0 y 100."))
    if actividad.presupuesto is not None and actividad.presupuesto < 0:
        raise ErrorDeDominio(_("El presupuesto no puede ser negativo."))
    if not plan.estrategico:
        actividad.dependencia_responsable = plan.dependencia
    responsable = actividad.responsable
    if responsable is not None and (
        responsable.dependencia_id != actividad.dependencia_responsable_id
        or not responsable.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    ):
        raise ErrorDeDominio(_("El responsable debe ser un profesional o jefe de la dependencia que ejecuta."))
    _objetivo_superior_valido(plan, actividad.objetivo_superior)
    actividad.bpin = texto(actividad.bpin).replace(" ", "")


@transaction.atomic
def actividad_crear(
    *,
    estrategia: Estrategia,
    usuario: Usuario,
    indicador: Indicador | None = None,
    ficha_indicador: dict[str, Any] | None = None,
    **datos: Any,
) -> Actividad:
    """Add an activity with its indicator: an existing one of the dependencia, or a new sheet created with it."""
    plan = estrategia.plan
    _editable(plan, usuario)
    desconocidos = set(datos) - set(CAMPOS_ACTIVIDAD)
    if desconocidos:
        raise TypeError(f"Campos desconocidos: {sorted(desconocidos)}")
    actividad = Actividad(
        plan=plan,
        estrategia=estrategia,
        orden=plan.actividades.count() + 1,
        **{k: texto(v) if isinstance(v, str) else v for k, v in datos.items()},
    )
    if actividad.dependencia_responsable_id is None:
        actividad.dependencia_responsable = plan.dependencia
    requerido(actividad.codigo, _("Escriba el código de la actividad."))
    requerido(actividad.descripcion, _("Describa la actividad."))
    requerido(actividad.producto, _("Escriba el producto o entregable."))
    if plan.actividades.filter(codigo=actividad.codigo).exists():
        raise ErrorDeDominio(_("Ya hay una actividad con el código %(c)s.") % {"c": actividad.codigo})
    _revisar_actividad(actividad)
    if indicador is None:
        if not ficha_indicador:
            raise ErrorDeDominio(_("Elija un indicador existente o describa el indicador nuevo."))
        indicador = indicadores.indicador_crear(
            usuario=usuario,
            dependencia=actividad.dependencia_responsable,
            codigo=indicadores.siguiente_codigo(plan.prefijo_indicadores),
            **ficha_indicador,
        )
    elif Actividad.objects.filter(indicador=indicador).exists():
        raise ErrorDeDominio(_("Ese indicador ya mide otra actividad: cree uno propio para esta."))
    actividad.indicador = indicador
    validar(actividad, excluir=["plan", "estrategia"])
    historia(actividad)._history_user = usuario
    actividad.save()
    return actividad


@transaction.atomic
def actividad_editar(*, actividad: Actividad, usuario: Usuario, **datos: Any) -> Actividad:
    _editable(actividad.plan, usuario)
    cambios = []
    for campo in CAMPOS_ACTIVIDAD:
        if campo in datos:
            valor = texto(datos[campo]) if isinstance(datos[campo], str) else datos[campo]
            if getattr(actividad, campo) != valor:
                setattr(actividad, campo, valor)
                cambios.append(campo)
    if actividad.plan.actividades.filter(codigo=actividad.codigo).exclude(pk=actividad.pk).exists():
        raise ErrorDeDominio(_("Ya hay una actividad con el código %(c)s.") % {"c": actividad.codigo})
    _revisar_actividad(actividad)
    validar(actividad, excluir=["plan", "estrategia", "indicador"])
    if cambios:
        guardar(actividad, usuario, [*cambios, "bpin", "dependencia_responsable"])
    return actividad


@transaction.atomic
def actividad_quitar(*, actividad: Actividad, usuario: Usuario) -> None:
    """Remove an activity of a plan in formulation; its indicator goes with it when nothing else uses it."""
    _editable(actividad.plan, usuario)
    indicador = actividad.indicador
    historia(actividad)._history_user = usuario
    actividad.delete()
    if not indicador.mediciones.exists():
        historia(indicador)._history_user = usuario
        indicador.delete()


@transaction.atomic
def programacion_fijar(*, actividad: Actividad, usuario: Usuario, valores: dict[int, dict[int, Decimal]]) -> None:
    """The quarterly programming of an activity for each year of its plan: its indicator's general targets."""
    plan = actividad.plan
    _editable(plan, usuario)
    for anio, metas in valores.items():
        if anio not in plan.anios:
            raise ErrorDeDominio(_("El año %(a)s está fuera del plan.") % {"a": anio})
        indicadores.metas_fijar(indicador=actividad.indicador, usuario=usuario, anio=anio, valores=metas)


# Sending, verification and approval (activities 10-12) ------------------------------------------------------


def _ronda_abierta(plan: Plan) -> RondaRevision | None:
    return plan.rondas.filter(resultado=RondaRevision.Resultado.PENDIENTE).order_by("-numero").first()


def _puntos(plan: Plan) -> list[reglas.PuntoDeControl]:
    return selectors.verificacion(plan)


@transaction.atomic
def plan_enviar(*, plan: Plan, usuario: Usuario, motivo: str = "") -> Plan:
    """The dependencia sends its plan to Planeación (activities 10-11); a returned plan is sent again, corrected.
    For a strategic plan, Planeación presents it to its committee for concertation (activities 2 and 5)."""
    if not permissions.formula_el_plan(usuario, plan):
        raise ErrorDeDominio(_("Su rol no envía este plan."))
    if not plan.actividades.filter(retirada=False).exists():
        raise ErrorDeDominio(_("Agregue al menos una actividad antes de enviar el plan."))
    aplicar_transicion(plan, "enviar", usuario=usuario, motivo=motivo)
    numero = plan.rondas.count() + 1
    RondaRevision.objects.create(
        plan=plan,
        numero=numero,
        enviado_por=usuario,
        verificacion=[p.como_dato() for p in _puntos(plan)],
        observaciones=texto(motivo),
    )
    if not plan.estrategico:
        avisar(
            planeacion(),
            excepto=usuario,
            titulo=_("Verificar: %(p)s (ronda %(n)s)") % {"p": plan, "n": numero},
            mensaje=_("La dependencia envió su plan de acción para verificación (actividad 12 de DE-PD-01)."),
            url=plan.get_absolute_url(),
        )
    return plan


@transaction.atomic
def plan_devolver(*, plan: Plan, usuario: Usuario, motivo: str) -> Plan:
    """Planeación returns the plan with its observations (activity 12: «no cumple, regresa a la actividad 10»)."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación devuelve los planes."))
    observaciones = requerido(motivo, _("Escriba las observaciones para la dependencia."))
    aplicar_transicion(plan, "devolver", usuario=usuario, motivo=observaciones)
    ronda = _ronda_abierta(plan)
    if ronda is not None:
        ronda.resultado = RondaRevision.Resultado.DEVUELTO
        ronda.observaciones = observaciones
        ronda.revisado_por = usuario
        ronda.revisado_en = timezone.now()
        ronda.verificacion = [p.como_dato() for p in _puntos(plan)]
        guardar(ronda, usuario)
    if not plan.estrategico:
        avisar(
            personal_de(plan.dependencia_id),
            excepto=usuario,
            titulo=_("Planeación devolvió su plan con observaciones: %(p)s") % {"p": plan},
            mensaje=observaciones,
            url=plan.get_absolute_url(),
        )
    return plan


def _exigir_puntos_de_control(plan: Plan) -> list[reglas.PuntoDeControl]:
    puntos = _puntos(plan)
    fallas = reglas.fallidos(puntos)
    if fallas:
        detalle = " ".join(f"{p.nombre}: {' '.join(p.fallas[:3])}" for p in fallas)
        raise ErrorDeDominio(
            _(
                "No se puede aprobar: no cumple los puntos de control de la actividad %(a)s de DE-PD-01. %(d)s "
                "Devuélvalo con observaciones."
            )
            % {"a": plan.actividad_de_control, "d": detalle}
        )
    return puntos


def _cerrar_ronda(
    plan: Plan, usuario: Usuario, puntos: Sequence[reglas.PuntoDeControl], observaciones: str = ""
) -> None:
    ronda = _ronda_abierta(plan)
    if ronda is not None:
        ronda.resultado = RondaRevision.Resultado.APROBADO
        ronda.revisado_por = usuario
        ronda.revisado_en = timezone.now()
        ronda.verificacion = [p.como_dato() for p in puntos]
        if observaciones:
            ronda.observaciones = observaciones
        guardar(ronda, usuario)


@transaction.atomic
def plan_aprobar(*, plan: Plan, usuario: Usuario, motivo: str = "") -> Plan:
    """Planeación verifies an action plan against the control points of activity 12 and approves it (record
    «Planes de Acción verificados y aprobados»). Its quarters open for follow-up."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación verifica y aprueba los planes de acción."))
    if plan.tipo != Plan.Tipo.ACCION:
        raise ErrorDeDominio(_("Un plan estratégico lo aprueba su comité: registre la sesión de aprobación."))
    puntos = _exigir_puntos_de_control(plan)
    plan.aprobado_por = usuario
    plan.aprobado_en = timezone.now()
    aplicar_transicion(
        plan, "aprobar", usuario=usuario, motivo=motivo, campos=("estado", "aprobado_por", "aprobado_en")
    )
    _cerrar_ronda(plan, usuario, puntos, texto(motivo))
    seguimientos_asegurar(plan=plan, usuario=usuario)
    avisar(
        personal_de(plan.dependencia_id),
        excepto=usuario,
        titulo=_("Plan verificado y aprobado: %(p)s") % {"p": plan},
        url=plan.get_absolute_url(),
    )
    return plan


@transaction.atomic
def plan_aprobar_comite(
    *,
    plan: Plan,
    usuario: Usuario,
    comite: str,
    acta_numero: str,
    acta_fecha: date,
    acta_archivo: File[bytes] | None = None,
    motivo: str = "",
) -> Plan:
    """Record the committee session that approved a strategic plan (activities 3 and 6), after its control points
    (activities 2 and 5)."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación registra la aprobación de los comités."))
    if not plan.estrategico:
        raise ErrorDeDominio(_("Un plan de acción lo verifica y aprueba Planeación."))
    puntos = _exigir_puntos_de_control(plan)
    exigir_en_ventana(acta_fecha, etiqueta=_("Fecha de la sesión"))
    if acta_fecha > timezone.localdate():
        raise ErrorDeDominio(_("La sesión del comité no puede tener una fecha futura."))
    plan.comite = requerido(comite, _("Indique el comité que aprobó el plan."))
    plan.acta_numero = requerido(acta_numero, _("Indique el número del acta."))
    plan.acta_fecha = acta_fecha
    campos = ["estado", "comite", "acta_numero", "acta_fecha", "aprobado_por", "aprobado_en"]
    if acta_archivo:
        plan.acta_archivo = acta_archivo
        campos.append("acta_archivo")
    plan.aprobado_por = usuario
    plan.aprobado_en = timezone.now()
    aplicar_transicion(plan, "aprobar", usuario=usuario, motivo=motivo or plan.acta_numero, campos=tuple(campos))
    _cerrar_ronda(plan, usuario, puntos, texto(motivo))
    seguimientos_asegurar(plan=plan, usuario=usuario)
    return plan


def _fecha_de_publicacion(fecha: date | None) -> date:
    hoy = timezone.localdate()
    if fecha is None:
        return hoy
    exigir_en_ventana(fecha, etiqueta=_("Fecha de publicación"))
    if fecha > hoy:
        raise ErrorDeDominio(_("La fecha de publicación no puede ser futura."))
    return fecha


@transaction.atomic
def plan_publicar(
    *,
    plan: Plan,
    usuario: Usuario,
    motivo: str = "",
    con_la_vigencia: bool = False,
    fecha_publicacion: date | None = None,
) -> Plan:
    """Publish a plan on the public transparency pages (activities 3, 6 and 15), today or on the date it was put on
    the web; action plans are published with their year's consolidated plan."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación publica los planes."))
    if plan.tipo == Plan.Tipo.ACCION and not con_la_vigencia:
        raise ErrorDeDominio(_("Los planes de acción se publican con el Plan de Acción Institucional del año."))
    plan.fecha_publicacion = _fecha_de_publicacion(fecha_publicacion)
    aplicar_transicion(plan, "publicar", usuario=usuario, motivo=motivo, campos=("estado", "fecha_publicacion"))
    indicadores.indicadores_publicar(ids=plan.actividades.values_list("indicador_id", flat=True), usuario=usuario)
    return plan


# Consolidation, presentation and publication (activities 13-15) ---------------------------------------------


@transaction.atomic
def vigencia_consolidar(*, vigencia: Vigencia, usuario: Usuario, motivo: str = "") -> Vigencia:
    """Consolidate the year's approved action plans into the institutional action plan (activity 13)."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación consolida los planes."))
    faltan = [
        f"{p.dependencia.sigla or p.dependencia.nombre} ({p.get_estado_display().lower()})"
        for p in vigencia.planes.select_related("dependencia").order_by("dependencia__nombre")
        if p.estado != Plan.Estado.APROBADO
    ]
    if faltan:
        raise ErrorDeDominio(
            _("Aún no se puede consolidar: faltan por verificar y aprobar los planes de %(f)s.")
            % {"f": ", ".join(faltan)}
        )
    if not vigencia.planes.exists():
        raise ErrorDeDominio(_("No hay planes de acción que consolidar."))
    aplicar_transicion(vigencia, "consolidar", usuario=usuario, motivo=motivo)
    return vigencia


@transaction.atomic
def vigencia_presentar(
    *,
    vigencia: Vigencia,
    usuario: Usuario,
    comite: str,
    acta_numero: str,
    acta_fecha: date,
    acta_archivo: File[bytes] | None = None,
) -> Vigencia:
    """Record the session where the consolidated plan was presented to the committee (activity 14)."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación presenta el plan consolidado."))
    exigir_en_ventana(acta_fecha, etiqueta=_("Fecha de la sesión"))
    if acta_fecha > timezone.localdate():
        raise ErrorDeDominio(_("La sesión del comité no puede tener una fecha futura."))
    vigencia.comite = requerido(comite, _("Indique el comité."))
    vigencia.acta_numero = requerido(acta_numero, _("Indique el número del acta."))
    vigencia.acta_fecha = acta_fecha
    campos = ["estado", "comite", "acta_numero", "acta_fecha"]
    if acta_archivo:
        vigencia.acta_archivo = acta_archivo
        campos.append("acta_archivo")
    aplicar_transicion(vigencia, "presentar", usuario=usuario, motivo=vigencia.acta_numero, campos=tuple(campos))
    return vigencia


@transaction.atomic
def vigencia_publicar(
    *, vigencia: Vigencia, usuario: Usuario, motivo: str = "", fecha_publicacion: date | None = None
) -> Vigencia:
    """Publish the institutional action plan and each dependencia's plan on the transparency pages (activity 15)."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación publica el plan."))
    vigencia.fecha_publicacion = _fecha_de_publicacion(fecha_publicacion)
    aplicar_transicion(vigencia, "publicar", usuario=usuario, motivo=motivo, campos=("estado", "fecha_publicacion"))
    for plan in vigencia.planes.filter(estado=Plan.Estado.APROBADO).order_by("pk"):
        plan_publicar(
            plan=plan,
            usuario=usuario,
            motivo=motivo,
            con_la_vigencia=True,
            fecha_publicacion=vigencia.fecha_publicacion,
        )
    return vigencia


def politicas_mipg() -> QuerySet[PoliticaMIPG]:
    return PoliticaMIPG.objects.order_by("numero")
