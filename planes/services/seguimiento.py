"""Writes of the quarterly follow-up (activity 16): the cut-off calendar and deadlines set by Planeación, each
activity's progress reported by its dependencia (the justification mandatory below what was programmed), the
dependencia sending its quarter, Planeación's review (returning items) and diagnosis, Control Interno's
observations, and closing. A quarter not open refuses edits and says why."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from cooperacion.core import plazos as motor
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.fechas import exigir_en_ventana
from cooperacion.core.models import CorteTrimestral, Usuario
from cooperacion.core.models.reportes import fin_de_trimestre
from cooperacion.core.services import aplicar_transicion
from cooperacion.core.tipos import historia
from indicadores import selectors as indicadores_selectors
from indicadores import services as indicadores
from indicadores.calculo import redondear

from .. import permissions, reglas
from ..models import (
    Actividad,
    AvanceActividad,
    CalendarioSeguimiento,
    ObservacionControl,
    Plan,
    SeguimientoTrimestral,
)
from .comun import avisar, guardar, personal_de, planeacion, requerido, texto

TRIMESTRES = (1, 2, 3, 4)
PLAZOS_DEL_SEGUIMIENTO = ("reporte_seguimiento_planes", "revision_seguimiento_planes")


def _porcentaje(valor: Decimal | float | str) -> str:
    return f"{redondear(Decimal(valor))} %".replace(".", ",")


def _miles(valor: Decimal | float | str) -> str:
    return f"{Decimal(valor):,.0f}".replace(",", ".")


def motivo_cerrado(seguimiento: SeguimientoTrimestral) -> str:
    """Why a quarter refuses edits, in words the user can act on."""
    estado = seguimiento.estado
    if estado == SeguimientoTrimestral.Estado.ENVIADO:
        return _("El seguimiento %(p)s de %(d)s fue enviado a Planeación: espere su revisión o que lo devuelva.") % {
            "p": seguimiento.periodo,
            "d": seguimiento.dependencia.sigla or seguimiento.dependencia.nombre,
        }
    if estado == SeguimientoTrimestral.Estado.REVISADO:
        return _("El seguimiento %(p)s de %(d)s ya fue revisado por Planeación: no admite cambios.") % {
            "p": seguimiento.periodo,
            "d": seguimiento.dependencia.sigla or seguimiento.dependencia.nombre,
        }
    if estado == SeguimientoTrimestral.Estado.CERRADO:
        cuando = timezone.localtime(seguimiento.cerrado_en).strftime("%d/%m/%Y") if seguimiento.cerrado_en else ""
        return _(
            "El seguimiento %(p)s de %(d)s está cerrado desde el %(f)s: no admite cambios. Solo un ajuste aprobado "
            "al plan lo reabre."
        ) % {
            "p": seguimiento.periodo,
            "d": seguimiento.dependencia.sigla or seguimiento.dependencia.nombre,
            "f": cuando,
        }
    return ""


@transaction.atomic
def seguimientos_asegurar(*, plan: Plan, usuario: Usuario | None = None) -> int:
    """The quarters to follow up of a plan in force: for each activity, every quarter its indicator is measured in
    (its frequency) of every year of the plan, in the quarter of the dependencia that executes it, with a row per
    activity (idempotent). Returns how many quarters were created."""
    actividades = list(plan.actividades.filter(retirada=False).select_related("indicador"))
    necesarios = {
        (a.pk, a.dependencia_responsable_id, anio, t)
        for a in actividades
        for anio in plan.anios
        for t in a.indicador.trimestres_de_reporte
    }
    if not necesarios:
        return 0
    dependencias = {d for _a, d, _anio, _t in necesarios}
    calendario = {(c.anio, c.trimestre): c for c in CalendarioSeguimiento.objects.filter(anio__in=plan.anios)}

    def leer() -> dict[tuple[int | None, int, int], SeguimientoTrimestral]:
        return {
            (s.dependencia_id, s.anio, s.trimestre): s
            for s in SeguimientoTrimestral.objects.filter(dependencia_id__in=dependencias, anio__in=plan.anios)
        }

    existentes = leer()
    faltan = sorted({(d, anio, t) for _a, d, anio, t in necesarios} - set(existentes))
    if faltan:
        nuevos = [
            SeguimientoTrimestral(dependencia_id=d, anio=anio, trimestre=t, calendario=calendario.get((anio, t)))
            for d, anio, t in faltan
        ]
        bulk_create_with_history(nuevos, SeguimientoTrimestral, default_user=usuario)
        existentes = leer()
        registrados = {t.codigo for t in motor.tipos_registrados()}
        for codigo in PLAZOS_DEL_SEGUIMIENTO:  # bulk_create sends no signals: keep the open deadlines here
            if codigo in registrados:
                motor.sincronizar(codigo, [s.pk for s in existentes.values()])
    ya = set(AvanceActividad.objects.filter(actividad__in=actividades).values_list("actividad_id", "seguimiento_id"))
    avances = []
    for a, d, anio, t in sorted(necesarios):
        seguimiento = existentes[(d, anio, t)]
        if (a, seguimiento.pk) not in ya:
            avances.append(AvanceActividad(actividad_id=a, seguimiento=seguimiento))
    if avances:
        bulk_create_with_history(avances, AvanceActividad, default_user=usuario)
    return len(faltan)


@transaction.atomic
def calendario_fijar(*, usuario: Usuario, anio: int, filas: dict[int, dict[str, Any]]) -> list[CalendarioSeguimiento]:
    """Planeación sets, for each quarter of a year, the cut-off date (the core's CorteTrimestral: the day the
    quarterly reports are generated) and the follow-up deadlines, which feed the reminders and «Mis pendientes»."""
    if not permissions.can_fijar_calendario(usuario):
        raise ErrorDeDominio(_("Solo la Oficina Asesora de Planeación fija el calendario de cortes."))
    exigir_en_ventana(date(anio, 1, 1), etiqueta=_("Año"))
    resultado = []
    for trimestre, datos in sorted(filas.items()):
        corte, reporte, revision = datos["fecha_corte"], datos["fecha_limite_reporte"], datos["fecha_limite_revision"]
        etiqueta = f"T{trimestre}"
        for valor in (corte, reporte, revision):
            exigir_en_ventana(valor, etiqueta=etiqueta)
        fin = fin_de_trimestre(anio, trimestre)
        if corte <= fin:
            raise ErrorDeDominio(
                _("%(t)s: el corte debe ser posterior al último día del trimestre (%(f)s).")
                % {"t": etiqueta, "f": fin.strftime("%d/%m/%Y")}
            )
        if reporte <= fin:
            raise ErrorDeDominio(
                _("%(t)s: las dependencias reportan después de que el trimestre termina (%(f)s).")
                % {"t": etiqueta, "f": fin.strftime("%d/%m/%Y")}
            )
        if revision < reporte:
            raise ErrorDeDominio(
                _("%(t)s: Planeación revisa después de que las dependencias reportan.") % {"t": etiqueta}
            )
        if corte > fin + timedelta(days=120):
            raise ErrorDeDominio(
                _("%(t)s: el corte no puede ir más de cuatro meses después del trimestre.") % {"t": etiqueta}
            )
        fila_corte = CorteTrimestral.objects.filter(anio=anio, trimestre=trimestre).first() or CorteTrimestral(
            anio=anio, trimestre=trimestre
        )
        if fila_corte.pk is None or fila_corte.fecha_corte != corte:
            fila_corte.fecha_corte = corte
            historia(fila_corte)._history_user = usuario
            fila_corte.save()
        calendario = CalendarioSeguimiento.objects.filter(anio=anio, trimestre=trimestre).first()
        if calendario is None:
            calendario = CalendarioSeguimiento(anio=anio, trimestre=trimestre)
        if calendario.pk is None or (calendario.fecha_limite_reporte, calendario.fecha_limite_revision) != (
            reporte,
            revision,
        ):
            calendario.fecha_limite_reporte = reporte
            calendario.fecha_limite_revision = revision
            historia(calendario)._history_user = usuario
            calendario.save()
        for seguimiento in SeguimientoTrimestral.objects.filter(
            anio=anio, trimestre=trimestre, calendario__isnull=True
        ).order_by("pk"):
            seguimiento.calendario = calendario
            guardar(seguimiento, usuario, ["calendario"], motivo=_("Calendario del trimestre"))
        resultado.append(calendario)
    return resultado


def _exigir_abierto(seguimiento: SeguimientoTrimestral) -> None:
    motivo = motivo_cerrado(seguimiento)
    if motivo:
        raise ErrorDeDominio(motivo)


@transaction.atomic
def avance_reportar(
    *,
    avance: AvanceActividad,
    usuario: Usuario,
    avance_cualitativo: str,
    presupuesto_ejecutado: Decimal,
    numerador: Decimal | None = None,
    denominador: Decimal | None = None,
    justificacion: str = "",
    evidencia: File[bytes] | None = None,
) -> AvanceActividad:
    """Report one activity's quarter: the quantitative progress through its indicator, the qualitative progress, the
    budget executed and the evidence. Below what was programmed, the justification is mandatory (control point of
    activity 16)."""
    seguimiento = avance.seguimiento
    _exigir_abierto(seguimiento)
    if not permissions.reporta_el_seguimiento(usuario, seguimiento):
        raise ErrorDeDominio(_("Solo la dependencia reporta el avance de sus actividades."))
    actividad: Actividad = avance.actividad
    indicador = actividad.indicador
    cualitativo = requerido(avance_cualitativo, _("Describa el avance cualitativo del trimestre."))
    if presupuesto_ejecutado is None or Decimal(presupuesto_ejecutado) < 0:
        raise ErrorDeDominio(_("El presupuesto ejecutado no puede ser negativo."))
    presupuesto_ejecutado = Decimal(presupuesto_ejecutado)
    otros = sum(
        (
            a.presupuesto_ejecutado
            for a in AvanceActividad.objects.filter(actividad=actividad, seguimiento__anio=seguimiento.anio).exclude(
                pk=avance.pk
            )
        ),
        Decimal(0),
    )
    if actividad.presupuesto is not None and otros + presupuesto_ejecutado > actividad.presupuesto:
        raise ErrorDeDominio(
            _("Con este valor, lo ejecutado en el año (%(e)s) supera el presupuesto de la actividad (%(p)s).")
            % {"e": _miles(otros + presupuesto_ejecutado), "p": _miles(actividad.presupuesto)}
        )
    if not indicador.territoriales.exists():
        if numerador is None:
            raise ErrorDeDominio(_("Escriba el avance cuantitativo: %(v)s.") % {"v": indicador.variable_numerador})
        indicadores.medicion_registrar(
            indicador=indicador,
            usuario=usuario,
            anio=seguimiento.anio,
            trimestre=seguimiento.trimestre,
            numerador=numerador,
            denominador=denominador,
            analisis=cualitativo,
            evidencia=evidencia,
            ignorar_bloqueo=True,  # the quarter's own lock was checked above
            permitir_rol=True,  # the dependencia reports its activity's indicator
        )
    resultado = indicadores_selectors.serie(indicador, seguimiento.anio).en(seguimiento.trimestre)
    justificacion = texto(justificacion)
    if reglas.por_debajo(resultado) and not justificacion:
        valor = resultado.acumulado.valor
        raise ErrorDeDominio(
            _(
                "El avance acumulado (%(c)s de lo programado) está por debajo de la meta: escriba la justificación del "
                "incumplimiento (punto de control de la actividad 16 de DE-PD-01)."
            )
            % {"c": _porcentaje(valor) if valor is not None else _("sin medición")}
        )
    avance.avance_cualitativo = cualitativo
    avance.presupuesto_ejecutado = presupuesto_ejecutado
    avance.justificacion = justificacion
    avance.estado = AvanceActividad.Estado.REPORTADO
    avance.reportado_por = usuario
    avance.reportado_en = timezone.now()
    guardar(avance, usuario)
    return avance


@transaction.atomic
def avance_devolver(*, avance: AvanceActividad, usuario: Usuario, observacion: str) -> AvanceActividad:
    """Planeación returns one activity's report with an observation, while reviewing the quarter."""
    if not permissions.can_devolver_avance(usuario, avance):
        raise ErrorDeDominio(_("Solo Planeación devuelve ítems de un seguimiento enviado."))
    avance.observacion = requerido(observacion, _("Escriba la observación para la dependencia."))
    avance.estado = AvanceActividad.Estado.DEVUELTO
    guardar(avance, usuario, ["observacion", "estado"], motivo=_("Devuelto por Planeación"))
    return avance


def _pendientes_de_envio(seguimiento: SeguimientoTrimestral) -> list[str]:
    faltan = []
    avances = list(
        seguimiento.avances.filter(actividad__retirada=False).select_related("actividad", "actividad__indicador")
    )
    for avance in avances:
        if avance.estado != AvanceActividad.Estado.REPORTADO:
            faltan.append(f"{avance.actividad.codigo} ({avance.get_estado_display().lower()})")
    return faltan


@transaction.atomic
def seguimiento_enviar(
    *, seguimiento: SeguimientoTrimestral, usuario: Usuario, motivo: str = ""
) -> SeguimientoTrimestral:
    """The dependencia sends its quarter to Planeación: every activity reported, with its justification when short."""
    if not permissions.reporta_el_seguimiento(usuario, seguimiento):
        raise ErrorDeDominio(_("Solo la dependencia envía su seguimiento."))
    faltan = _pendientes_de_envio(seguimiento)
    if faltan:
        raise ErrorDeDominio(
            _("Antes de enviar, reporte el avance de todas las actividades. Faltan: %(f)s.") % {"f": ", ".join(faltan)}
        )
    seguimiento.enviado_por = usuario
    seguimiento.enviado_en = timezone.now()
    aplicar_transicion(
        seguimiento, "enviar", usuario=usuario, motivo=motivo, campos=("estado", "enviado_por", "enviado_en")
    )
    avisar(
        planeacion(),
        excepto=usuario,
        titulo=_("Revisar: %(s)s") % {"s": seguimiento},
        mensaje=_("La dependencia envió el seguimiento de su plan de acción."),
        url=seguimiento.get_absolute_url(),
    )
    return seguimiento


@transaction.atomic
def seguimiento_devolver(*, seguimiento: SeguimientoTrimestral, usuario: Usuario, motivo: str) -> SeguimientoTrimestral:
    """Planeación returns the quarter to the dependencia, with the returned items and its reason."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación devuelve los seguimientos."))
    observacion = requerido(motivo, _("Escriba el motivo de la devolución."))
    aplicar_transicion(seguimiento, "devolver", usuario=usuario, motivo=observacion)
    avisar(
        personal_de(seguimiento.dependencia_id),
        excepto=usuario,
        titulo=_("Planeación devolvió su seguimiento: %(s)s") % {"s": seguimiento},
        mensaje=observacion,
        url=seguimiento.get_absolute_url(),
    )
    return seguimiento


@transaction.atomic
def seguimiento_revisar(
    *, seguimiento: SeguimientoTrimestral, usuario: Usuario, motivo: str = ""
) -> SeguimientoTrimestral:
    """Planeación accepts the quarter as reported (no item may remain returned)."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación revisa los seguimientos."))
    devueltos = list(
        seguimiento.avances.filter(estado=AvanceActividad.Estado.DEVUELTO, actividad__retirada=False).values_list(
            "actividad__codigo", flat=True
        )
    )
    if devueltos:
        raise ErrorDeDominio(
            _("Hay ítems devueltos (%(i)s): devuelva el seguimiento a la dependencia para que los corrija.")
            % {"i": ", ".join(devueltos)}
        )
    seguimiento.revisado_por = usuario
    seguimiento.revisado_en = timezone.now()
    aplicar_transicion(
        seguimiento, "revisar", usuario=usuario, motivo=motivo, campos=("estado", "revisado_por", "revisado_en")
    )
    return seguimiento


@transaction.atomic
def seguimiento_cerrar(
    *, seguimiento: SeguimientoTrimestral, usuario: Usuario, motivo: str = ""
) -> SeguimientoTrimestral:
    """Planeación closes the quarter once its diagnosis is written (control point of activity 16: «La Oficina Asesora
    de Planeación diligencia cuadro diagnóstico trimestral»). From then on it refuses edits."""
    if not permissions.es_planeacion(usuario):
        raise ErrorDeDominio(_("Solo Planeación cierra los seguimientos."))
    if not seguimiento.diagnostico.strip():
        raise ErrorDeDominio(
            _("Diligencie el cuadro diagnóstico de la dependencia antes de cerrar el trimestre (actividad 16).")
        )
    seguimiento.cerrado_en = timezone.now()
    aplicar_transicion(seguimiento, "cerrar", usuario=usuario, motivo=motivo, campos=("estado", "cerrado_en"))
    return seguimiento


@transaction.atomic
def seguimiento_diagnosticar(
    *, seguimiento: SeguimientoTrimestral, usuario: Usuario, diagnostico: str, recomendaciones: str = ""
) -> SeguimientoTrimestral:
    if not permissions.can_diagnosticar(usuario, seguimiento):
        raise ErrorDeDominio(_("El diagnóstico lo diligencia Planeación mientras revisa el seguimiento."))
    seguimiento.diagnostico = requerido(diagnostico, _("Escriba el diagnóstico del trimestre."))
    seguimiento.recomendaciones = texto(recomendaciones)
    guardar(seguimiento, usuario, ["diagnostico", "recomendaciones"])
    return seguimiento


@transaction.atomic
def observacion_registrar(
    *, seguimiento: SeguimientoTrimestral, usuario: Usuario, texto_observacion: str
) -> ObservacionControl:
    """Control Interno records an observation on a quarter already sent."""
    if not permissions.can_observar(usuario, seguimiento):
        raise ErrorDeDominio(_("Control Interno registra observaciones sobre seguimientos enviados."))
    observacion = ObservacionControl(
        seguimiento=seguimiento,
        texto=requerido(texto_observacion, _("Escriba la observación.")),
        autor=usuario,
    )
    historia(observacion)._history_user = usuario
    observacion.save()
    avisar(
        [*planeacion(), *personal_de(seguimiento.dependencia_id)],
        excepto=usuario,
        titulo=_("Control Interno registró una observación: %(s)s") % {"s": seguimiento},
        mensaje=observacion.texto[:500],
        url=f"{seguimiento.get_absolute_url()}#observaciones",
    )
    return observacion


@transaction.atomic
def seguimiento_reabrir(*, seguimiento: SeguimientoTrimestral, usuario: Usuario, motivo: str) -> SeguimientoTrimestral:
    """Only an approved adjustment reopens a closed quarter (called by ajuste_aprobar)."""
    aplicar_transicion(seguimiento, "reabrir", usuario=usuario, motivo=motivo)
    return seguimiento


def hoy() -> date:
    return timezone.localdate()
