"""Adjustments of plans in force (DE-PD-01 activities 20-24): the request with its changes and cause, Planeación's
review of whether the causes are pertinent (control point of activity 23), and the competent instance's approval,
which versions the plan keeping each value before and after."""

import copy
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.fechas import exigir_en_ventana
from cooperacion.core.models import Usuario
from cooperacion.core.services import aplicar_transicion
from cooperacion.core.tipos import historia
from indicadores import services as indicadores
from indicadores.models import MetaTrimestral

from .. import permissions, reglas, selectors
from ..models import Actividad, CambioAjuste, Plan, SeguimientoTrimestral, SolicitudAjuste
from .comun import avisar, guardar, personal_de, planeacion, requerido, texto
from .seguimiento import seguimiento_reabrir

Campo = CambioAjuste.Campo
Instancia = SolicitudAjuste.Instancia
SOLICITANTE: dict[str, SolicitudAjuste.Instancia] = {
    Plan.Tipo.SECTORIAL: Instancia.COMITE_SECTORIAL,  # activity 20
    Plan.Tipo.INSTITUCIONAL: Instancia.COMITE_INSTITUCIONAL,  # activity 21
    Plan.Tipo.ACCION: Instancia.JEFE,  # activity 22
}
COMPETENTES: dict[str, tuple[SolicitudAjuste.Instancia, ...]] = {  # activity 24: the competent instance approves
    Plan.Tipo.SECTORIAL: (Instancia.COMITE_SECTORIAL,),
    Plan.Tipo.INSTITUCIONAL: (Instancia.COMITE_INSTITUCIONAL,),
    Plan.Tipo.ACCION: (Instancia.PLANEACION, Instancia.COMITE_INSTITUCIONAL),
}
COMITES = (Instancia.COMITE_SECTORIAL, Instancia.COMITE_INSTITUCIONAL)


def _plano(numero: Decimal) -> str:
    """A number as stored in a change: plain digits, no exponent, no trailing zeros (10000000, 2.5)."""
    return f"{numero.normalize():f}"


def _decimal(valor: object, etiqueta: str) -> Decimal:
    try:
        numero = Decimal(str(valor).strip())
    except (InvalidOperation, ValueError) as error:
        raise ErrorDeDominio(_("%(e)s: escriba un número.") % {"e": etiqueta}) from error
    if numero < 0:
        raise ErrorDeDominio(_("%(e)s: no puede ser negativo.") % {"e": etiqueta})
    return numero


def _fecha(valor: object, etiqueta: str) -> date:
    if isinstance(valor, date):
        fecha = valor
    else:
        try:
            fecha = date.fromisoformat(str(valor).strip())
        except ValueError as error:
            raise ErrorDeDominio(_("%(e)s: escriba una fecha válida.") % {"e": etiqueta}) from error
    exigir_en_ventana(fecha, etiqueta=etiqueta)
    return fecha


def _valor_actual(actividad: Actividad, campo: str, anio: int | None) -> str:
    if campo in CambioAjuste.METAS:
        if anio is None:
            return ""  # no year: no stored target (anio is never null)
        meta = MetaTrimestral.objects.filter(
            indicador_id=actividad.indicador_id,
            anio=anio,
            trimestre=CambioAjuste.METAS[campo],
            dependencia__isnull=True,
        ).first()
        return "" if meta is None else _plano(meta.valor)
    if campo == Campo.RETIRAR:
        return _("Activa")
    valor = getattr(actividad, campo)
    if isinstance(valor, date):
        return valor.isoformat()
    if isinstance(valor, Decimal):
        return _plano(valor)
    return "" if valor is None else str(valor)


def _normalizar(actividad: Actividad, campo: str, valor: Any, anio: int | None) -> str:
    etiqueta = f"{actividad.codigo} · {Campo(campo).label}"
    if campo in CambioAjuste.METAS or campo in (Campo.PESO, Campo.PRESUPUESTO):
        numero = _decimal(valor, etiqueta)
        if campo == Campo.PESO and numero > 100:
            raise ErrorDeDominio(_("%(e)s: el peso es un porcentaje hasta 100.") % {"e": etiqueta})
        return _plano(numero)
    if campo in (Campo.FECHA_INICIO, Campo.FECHA_FIN):
        return _fecha(valor, etiqueta).isoformat()
    if campo == Campo.RETIRAR:
        return _("Retirada")
    return requerido(valor, _("%(e)s: escriba el nuevo valor.") % {"e": etiqueta})


@transaction.atomic
def ajuste_solicitar(
    *,
    plan: Plan,
    usuario: Usuario,
    causa: str,
    cambios: list[dict[str, Any]],
    reabrir_trimestre: int | None = None,
    anio_reabrir: int | None = None,
) -> SolicitudAjuste:
    """Ask for an adjustment of a plan in force: the Jefe for the dependencia's action plan (activity 22), Planeación
    for the committees' strategic plans (activities 20 and 21). Each change keeps the current value."""
    if not permissions.can_solicitar_ajuste(usuario, plan):
        raise ErrorDeDominio(
            _("Solo se ajusta un plan aprobado o publicado; lo solicita el jefe de la dependencia o, para los planes "
              "estratégicos, Planeación en nombre del comité.")
        )  # fmt: skip
    if not cambios:
        raise ErrorDeDominio(_("Indique al menos un cambio."))
    if reabrir_trimestre is not None:
        anio_reabrir = anio_reabrir or plan.anio_inicio
        if anio_reabrir not in plan.anios or reabrir_trimestre not in (1, 2, 3, 4):
            raise ErrorDeDominio(_("El trimestre a reabrir debe ser de un año del plan."))
    solicitud = SolicitudAjuste(
        plan=plan,
        solicitada_por=usuario,
        instancia_solicitante=SOLICITANTE[plan.tipo],
        causa=requerido(causa, _("Escriba la causa del ajuste.")),
        reabrir_trimestre=reabrir_trimestre,
        anio_reabrir=anio_reabrir if reabrir_trimestre else None,
    )
    historia(solicitud)._history_user = usuario
    solicitud.save()
    vistos = set()
    for cambio in cambios:
        actividad: Actividad = cambio["actividad"]
        campo = cambio["campo"]
        if actividad.plan_id != plan.pk or actividad.retirada:
            raise ErrorDeDominio(_("La actividad %(a)s no está activa en este plan.") % {"a": actividad.codigo})
        if campo not in Campo.values:
            raise ErrorDeDominio(_("Ese cambio no existe."))
        anio = cambio.get("anio") or plan.anio_inicio if campo in CambioAjuste.METAS else None
        if anio is not None and anio not in plan.anios:
            raise ErrorDeDominio(_("%(a)s: el año de la meta está fuera del plan.") % {"a": actividad.codigo})
        clave = (actividad.pk, campo, anio)
        if clave in vistos:
            raise ErrorDeDominio(_("%(a)s: el mismo cambio está dos veces.") % {"a": actividad.codigo})
        vistos.add(clave)
        fila = CambioAjuste(
            solicitud=solicitud,
            actividad=actividad,
            campo=campo,
            anio=anio,
            valor_anterior=_valor_actual(actividad, campo, anio),
            valor_nuevo=_normalizar(actividad, campo, cambio.get("valor_nuevo"), anio),
        )
        historia(fila)._history_user = usuario
        fila.save()
    avisar(
        planeacion(),
        excepto=usuario,
        titulo=_("Revisar la solicitud de ajuste: %(p)s") % {"p": plan},
        mensaje=solicitud.causa[:500],
        url=solicitud.get_absolute_url(),
    )
    return solicitud


def plan_con_cambios(solicitud: SolicitudAjuste) -> reglas.PlanPlano:
    """The plan as it would stand with the request's changes (for the checks of activity 23)."""
    plan = solicitud.plan
    plano = selectors.plan_plano(plan)
    por_pk = {a.pk: a for a in plano.actividades}
    retiradas = set()
    for cambio in solicitud.cambios.all():
        actividad = por_pk.get(cambio.actividad_id)
        if actividad is None:
            continue
        actividad = por_pk[cambio.actividad_id] = copy.deepcopy(actividad)
        if cambio.campo in CambioAjuste.METAS and cambio.anio is not None:
            actividad.metas.setdefault(cambio.anio, {})[CambioAjuste.METAS[cambio.campo]] = Decimal(cambio.valor_nuevo)
        elif cambio.campo == Campo.PESO:
            actividad.peso = Decimal(cambio.valor_nuevo)
        elif cambio.campo == Campo.PRESUPUESTO:
            actividad.presupuesto = Decimal(cambio.valor_nuevo)
        elif cambio.campo in (Campo.FECHA_INICIO, Campo.FECHA_FIN):
            setattr(actividad, cambio.campo, date.fromisoformat(cambio.valor_nuevo))
        elif cambio.campo == Campo.RETIRAR:
            retiradas.add(actividad.pk)
    plano.actividades = [a for pk, a in por_pk.items() if pk not in retiradas]
    return plano


def verificacion(solicitud: SolicitudAjuste) -> list[reglas.PuntoDeControl]:
    return reglas.verificar_ajuste(
        causa=solicitud.causa, plan_resultante=plan_con_cambios(solicitud), cambios=solicitud.cambios.count()
    )


def _exigir_pertinencia(solicitud: SolicitudAjuste) -> list[reglas.PuntoDeControl]:
    puntos = verificacion(solicitud)
    fallas = reglas.fallidos(puntos)
    if fallas:
        detalle = " ".join(f for p in fallas for f in p.fallas[:4])
        raise ErrorDeDominio(
            _("El ajuste no pasa la revisión de la actividad 23: %(d)s Recházelo con el motivo o pida corregirlo.")
            % {"d": detalle}
        )
    return puntos


@transaction.atomic
def ajuste_revisar(*, solicitud: SolicitudAjuste, usuario: Usuario, motivo: str = "") -> SolicitudAjuste:
    """Planeación finds the causes pertinent and the adjusted plan still verifiable (activity 23)."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación revisa los ajustes."))
    puntos = _exigir_pertinencia(solicitud)
    solicitud.concepto = requerido(motivo, _("Escriba el concepto de Planeación sobre la pertinencia de las causas."))
    solicitud.verificacion = [p.como_dato() for p in puntos]
    solicitud.revisada_por = usuario
    solicitud.revisada_en = timezone.now()
    aplicar_transicion(
        solicitud,
        "revisar",
        usuario=usuario,
        motivo=solicitud.concepto,
        campos=("estado", "concepto", "verificacion", "revisada_por", "revisada_en"),
    )
    return solicitud


@transaction.atomic
def ajuste_rechazar(*, solicitud: SolicitudAjuste, usuario: Usuario, motivo: str) -> SolicitudAjuste:
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación rechaza los ajustes."))
    solicitud.motivo_decision = requerido(motivo, _("Escriba el motivo del rechazo."))
    solicitud.decidida_por = usuario
    solicitud.decidida_en = timezone.now()
    aplicar_transicion(
        solicitud,
        "rechazar",
        usuario=usuario,
        motivo=solicitud.motivo_decision,
        campos=("estado", "motivo_decision", "decidida_por", "decidida_en"),
    )
    avisar(
        [solicitud.solicitada_por, *personal_de(solicitud.plan.dependencia_id)],
        excepto=usuario,
        titulo=_("Ajuste rechazado: %(p)s") % {"p": solicitud.plan},
        mensaje=solicitud.motivo_decision,
        url=solicitud.get_absolute_url(),
    )
    return solicitud


def _aplicar(cambio: CambioAjuste, usuario: Usuario, motivo: str) -> None:
    actividad = cambio.actividad
    if cambio.campo in CambioAjuste.METAS:
        if cambio.anio is None:
            raise ErrorDeDominio(_("El cambio de una meta necesita su año."))
        indicadores.metas_fijar(
            indicador=actividad.indicador,
            usuario=usuario,
            anio=cambio.anio,
            valores={CambioAjuste.METAS[cambio.campo]: Decimal(cambio.valor_nuevo)},
            ignorar_bloqueo=True,
            motivo=motivo,
        )
        return
    if cambio.campo == Campo.RETIRAR:
        actividad.retirada = True
        guardar(actividad, usuario, ["retirada"], motivo=motivo)
        return
    valor: object = cambio.valor_nuevo
    if cambio.campo in (Campo.PESO, Campo.PRESUPUESTO):
        valor = Decimal(cambio.valor_nuevo)
    elif cambio.campo in (Campo.FECHA_INICIO, Campo.FECHA_FIN):
        valor = date.fromisoformat(cambio.valor_nuevo)
    setattr(actividad, cambio.campo, valor)
    if actividad.fecha_inicio > actividad.fecha_fin:
        raise ErrorDeDominio(_("%(a)s: con el ajuste terminaría antes de empezar.") % {"a": actividad.codigo})
    guardar(actividad, usuario, [cambio.campo], motivo=motivo)


@transaction.atomic
def ajuste_aprobar(
    *,
    solicitud: SolicitudAjuste,
    usuario: Usuario,
    instancia_aprobacion: str,
    acta_numero: str = "",
    acta_fecha: date | None = None,
    motivo: str = "",
) -> SolicitudAjuste:
    """The competent instance approves (activity 24): the changes are applied, the plan gets a new version and every
    change keeps its value before and after; a quarter named in the request is reopened."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Planeación registra la aprobación de la instancia competente."))
    plan = solicitud.plan
    if instancia_aprobacion not in COMPETENTES[plan.tipo]:
        competentes = ", ".join(str(Instancia(i).label) for i in COMPETENTES[plan.tipo])
        raise ErrorDeDominio(_("Para este plan aprueba: %(c)s.") % {"c": competentes})
    if instancia_aprobacion in COMITES:
        requerido(acta_numero, _("Indique el acta del comité que aprobó el ajuste."))
    if acta_fecha is None:
        raise ErrorDeDominio(_("Indique la fecha de la decisión (la de la sesión, si la tomó un comité)."))
    exigir_en_ventana(acta_fecha, etiqueta=_("Fecha de la decisión"))
    if acta_fecha > timezone.localdate():
        raise ErrorDeDominio(_("La decisión no puede tener una fecha futura."))
    _exigir_pertinencia(solicitud)
    etiqueta = _("Ajuste n.º %(n)s aprobado") % {"n": solicitud.pk}
    for cambio in solicitud.cambios.select_related("actividad", "actividad__indicador").order_by("pk"):
        actual = _valor_actual(cambio.actividad, cambio.campo, cambio.anio)
        if actual != cambio.valor_anterior:
            cambio.valor_anterior = actual  # the value just before the change is the one that stays visible
            guardar(cambio, usuario, ["valor_anterior"])
        _aplicar(cambio, usuario, etiqueta)
    plan.version_plan += 1
    guardar(plan, usuario, ["version_plan"], motivo=etiqueta)
    solicitud.instancia_aprobacion = instancia_aprobacion
    solicitud.acta_numero = texto(acta_numero)
    solicitud.acta_fecha = acta_fecha
    solicitud.motivo_decision = texto(motivo)
    solicitud.decidida_por = usuario
    solicitud.decidida_en = timezone.now()
    solicitud.version_resultante = plan.version_plan
    aplicar_transicion(
        solicitud,
        "aprobar",
        usuario=usuario,
        motivo=motivo or etiqueta,
        campos=(
            "estado",
            "instancia_aprobacion",
            "acta_numero",
            "acta_fecha",
            "motivo_decision",
            "decidida_por",
            "decidida_en",
            "version_resultante",
        ),
    )
    if solicitud.reabrir_trimestre and solicitud.anio_reabrir is not None:
        dependencias = set(solicitud.cambios.values_list("actividad__dependencia_responsable_id", flat=True))
        for seguimiento in SeguimientoTrimestral.objects.filter(
            dependencia_id__in=dependencias,
            anio=solicitud.anio_reabrir,
            trimestre=solicitud.reabrir_trimestre,
            estado=SeguimientoTrimestral.Estado.CERRADO,
        ).order_by("pk"):
            seguimiento_reabrir(seguimiento=seguimiento, usuario=usuario, motivo=etiqueta)
    avisar(
        [solicitud.solicitada_por, *personal_de(plan.dependencia_id)],
        excepto=usuario,
        titulo=_("Ajuste aprobado: %(p)s (versión %(v)s)") % {"p": plan, "v": plan.version_plan},
        url=solicitud.get_absolute_url(),
    )
    return solicitud
