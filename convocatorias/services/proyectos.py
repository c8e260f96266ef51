"""Writes of tasks 5 to 9: project document versions and approval, submission, the donor's decision, the
project's execution follow-up (critical control point «Seguimiento al proyecto») and the close-out act."""

import calendar
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import overload

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles, salidas
from cooperacion.core.correo import enviar_correo
from cooperacion.core.errores import ErrorDeDominio, Revision
from cooperacion.core.fechas import exigir_en_ventana
from cooperacion.core.models import ODS, Actor, Dependencia, Moneda, Municipio, Usuario
from cooperacion.core.numeros import formatear_numero
from cooperacion.core.services import aplicar_transicion, tarea_cumplida
from cooperacion.core.tipos import historia
from indicadores.models import Indicador

from .. import permissions, procedimiento
from ..iati import errores_de_sectores
from ..models import (
    Convocatoria,
    InformeEjecucion,
    Modalidad,
    MovimientoFinanciero,
    ParticipanteProyecto,
    Proyecto,
    SectorProyecto,
    VersionDocumento,
)
from .comun import (
    avisar,
    bloquear,
    fecha_ddmmaaaa,
    guardar,
    jefes_de,
    personal_de,
    tarea,
    texto_requerido,
    validar,
)


def _exigir_oficina(usuario: Usuario, convocatoria: Convocatoria) -> None:
    if not permissions.es_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(
            _("Solo un profesional o el jefe de la dependencia, o el Administrador, gestiona este paso.")
        )


def _exigir_estado(convocatoria: Convocatoria, *estados: str) -> None:
    if convocatoria.estado not in estados:
        raise ErrorDeDominio(_("Esta acción no es posible en el estado actual del registro."))


@overload
def _no_futura(
    fecha: date | None, mensaje_falta: str, etiqueta: str, revision: None = None, campo: str = "fecha"
) -> date: ...
@overload
def _no_futura(
    fecha: date | None, mensaje_falta: str, etiqueta: str, revision: Revision, campo: str = "fecha"
) -> date | None: ...
def _no_futura(
    fecha: date | None, mensaje_falta: str, etiqueta: str, revision: Revision | None = None, campo: str = "fecha"
) -> date | None:
    """The date must be given and not later than today: checked into `revision`, or refused at once without one."""
    propia = revision is None
    revision = revision or Revision()
    if revision.exigir(fecha is not None, mensaje_falta, campo=campo) and fecha is not None:
        revision.exigir(
            fecha <= timezone.localdate(), _("La %(e)s no puede ser posterior a hoy.") % {"e": etiqueta}, campo=campo
        )
    if propia:
        revision.revisar()
    return fecha


# Task 5 ---------------------------------------------------------------------------------------------


@transaction.atomic
def version_subir(
    *, convocatoria: Convocatoria, usuario: Usuario, archivo: File[bytes] | None, comentario: str = ""
) -> VersionDocumento:
    """Upload a new version of the project document; the first one starts the formulation."""
    bloquear(convocatoria)
    _exigir_oficina(usuario, convocatoria)
    _exigir_estado(convocatoria, Convocatoria.Estado.COMPROMISOS, Convocatoria.Estado.EN_FORMULACION)
    if not archivo:
        raise ErrorDeDominio(_("Adjunte el documento del proyecto."))
    numero = (convocatoria.versiones.aggregate(n=Max("numero"))["n"] or 0) + 1
    version = VersionDocumento(
        convocatoria=convocatoria,
        numero=numero,
        archivo=archivo,
        comentario=(comentario or "").strip(),
        subido_por=usuario,
    )
    validar(version)
    guardar(version, usuario)
    if convocatoria.estado == Convocatoria.Estado.COMPROMISOS:
        aplicar_transicion(
            convocatoria,
            "iniciar_formulacion",
            usuario=usuario,
            motivo=_("Versión %(n)s del documento del proyecto") % {"n": numero},
        )
    avisar(
        jefes_de(convocatoria.dependencia_id),
        excepto=usuario,
        titulo=_("Proyecto por aprobar (versión %(n)s): %(c)s") % {"n": numero, "c": convocatoria.titulo},
        mensaje=_("%(quien)s subió la versión %(n)s del documento del proyecto.") % {"quien": usuario, "n": numero},
        url=convocatoria.get_absolute_url(),
        tarea=tarea(convocatoria, "aprobar_proyecto"),
    )
    return version


@transaction.atomic
def convocatoria_aprobar_proyecto(*, convocatoria: Convocatoria, usuario: Usuario, motivo: str = "") -> Convocatoria:
    """Task 5 done: the Jefe approves the latest version of the project document."""
    bloquear(convocatoria)
    tarea_cumplida(tarea=tarea(convocatoria, "aprobar_proyecto"))
    if not permissions.es_jefe_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(_("Solo el jefe de la dependencia o el Administrador aprueba el proyecto."))
    _exigir_estado(convocatoria, Convocatoria.Estado.EN_FORMULACION)
    ultima = convocatoria.versiones.order_by("-numero").first()
    if ultima is None:
        raise ErrorDeDominio(_("Suba el documento del proyecto antes de aprobarlo."))
    convocatoria.version_aprobada = ultima
    convocatoria.proyecto_aprobado_por = usuario
    convocatoria.proyecto_aprobado_en = timezone.now()
    aplicar_transicion(
        convocatoria,
        "aprobar_proyecto",
        usuario=usuario,
        motivo=motivo.strip() or _("Aprobada la versión %(n)s del proyecto") % {"n": ultima.numero},
        campos=("estado", "version_aprobada", "proyecto_aprobado_por", "proyecto_aprobado_en"),
    )
    avisar(
        [convocatoria.responsable],
        excepto=usuario,
        titulo=_("Proyecto aprobado, listo para presentar: %(c)s") % {"c": convocatoria.titulo},
        url=convocatoria.get_absolute_url(),
    )
    return convocatoria


# Task 6 ---------------------------------------------------------------------------------------------


@transaction.atomic
def convocatoria_presentar(
    *,
    convocatoria: Convocatoria,
    usuario: Usuario,
    fecha: date | None,
    canal: str,
    radicado: str,
    comprobante: File[bytes] | None,
    monto_solicitado: Decimal | None,
    moneda: Moneda | None = None,
    tasa_cop: Decimal | None = None,
) -> Convocatoria:
    """Task 6: the project was sent to the donor (date, channel, radicado and proof)."""
    bloquear(convocatoria)
    _exigir_oficina(usuario, convocatoria)
    _exigir_estado(convocatoria, Convocatoria.Estado.APROBADA)
    with Revision() as revision:
        _no_futura(fecha, _("Indique la fecha de presentación."), _("fecha de presentación"), revision)
        if fecha is not None:
            revision.exigir(
                fecha <= timezone.localdate(convocatoria.fecha_cierre),
                _("La fecha de presentación no puede ser posterior al cierre de la convocatoria."),
                campo="fecha",
            )
        revision.exigir(
            canal in Convocatoria.Canal.values, _("Elija el canal por el que se presentó el proyecto."), campo="canal"
        )
        revision.exigir(
            bool((radicado or "").strip()), _("Indique el número de radicado de la presentación."), campo="radicado"
        )
        revision.exigir(bool(comprobante), _("Adjunte el comprobante del envío."), campo="comprobante")
        if (
            revision.exigir(
                monto_solicitado is not None, _("Indique el monto solicitado al cooperante."), campo="monto_solicitado"
            )
            and monto_solicitado is not None
        ):
            revision.exigir(
                monto_solicitado > 0, _("El monto solicitado debe ser mayor que cero."), campo="monto_solicitado"
            )
            # AI-P-003, task 5: the project is formulated within what the call offers.
            revision.exigir(
                not convocatoria.monto or monto_solicitado <= convocatoria.monto,
                _("El monto solicitado (%(s)s) supera los recursos que ofrece la convocatoria (%(o)s %(m)s).")
                % {
                    "s": formatear_numero(monto_solicitado),
                    "o": formatear_numero(convocatoria.monto or 0),
                    "m": getattr(convocatoria.moneda, "codigo", ""),
                },
                campo="monto_solicitado",
            )
        if convocatoria.moneda_id is None:
            revision.exigir(moneda is not None, _("Indique la moneda del monto solicitado."), campo="moneda")
    radicado = radicado.strip()
    campos = ["estado", "fecha_presentacion", "canal_presentacion", "radicado_presentacion"]
    campos += ["comprobante_presentacion", "monto_solicitado", "monto_solicitado_cop"]
    if convocatoria.moneda_id is None:
        convocatoria.moneda = moneda
        convocatoria.tasa_cop = tasa_cop
        campos += ["moneda", "tasa_cop", "monto_cop"]
    convocatoria.fecha_presentacion = fecha
    convocatoria.canal_presentacion = canal
    convocatoria.radicado_presentacion = radicado
    convocatoria.comprobante_presentacion = comprobante
    convocatoria.monto_solicitado = monto_solicitado
    validar(convocatoria)
    aplicar_transicion(
        convocatoria,
        "presentar",
        usuario=usuario,
        motivo=_("Presentado el %(f)s por %(c)s, radicado %(r)s")
        % {"f": fecha_ddmmaaaa(fecha), "c": convocatoria.get_canal_presentacion_display().lower(), "r": radicado},
        campos=tuple(campos),
    )
    return convocatoria


# Task 7 ---------------------------------------------------------------------------------------------


def involucrados(convocatoria: Convocatoria) -> list[Usuario]:
    """The people told of the donor's answer: the responsible, the Jefes of the office and the staff of every
    dependencia that accepted to take part."""
    aceptaron = set(
        convocatoria.destinatarios.aceptaron().exclude(dependencia=None).values_list("dependencia_id", flat=True)
    )
    return [convocatoria.responsable, *jefes_de(convocatoria.dependencia_id), *personal_de(aceptaron)]


@transaction.atomic
def convocatoria_registrar_decision(
    *,
    convocatoria: Convocatoria,
    usuario: Usuario,
    aceptada: bool,
    fecha: date | None,
    comunicacion: str,
    soporte: File[bytes] | None = None,
    monto_aprobado: Decimal | None = None,
) -> Convocatoria:
    """Task 7: the donor's answer; everyone involved is notified (e-mail included). Rejected ends the procedure."""
    bloquear(convocatoria)
    _exigir_oficina(usuario, convocatoria)
    _exigir_estado(convocatoria, Convocatoria.Estado.PRESENTADA)
    with Revision() as revision:
        _no_futura(fecha, _("Indique la fecha de la respuesta del cooperante."), _("fecha de la respuesta"), revision)
        if fecha is not None and convocatoria.fecha_presentacion:
            revision.exigir(
                fecha >= convocatoria.fecha_presentacion,
                _("La respuesta no puede ser anterior a la presentación del proyecto."),
                campo="fecha",
            )
        revision.exigir(
            bool((comunicacion or "").strip()), _("Resuma la comunicación del cooperante."), campo="comunicacion"
        )
        if (
            aceptada
            and revision.exigir(
                monto_aprobado is not None, _("Indique el monto aprobado por el cooperante."), campo="monto_aprobado"
            )
            and monto_aprobado is not None
        ):
            revision.exigir(monto_aprobado > 0, _("El monto aprobado debe ser mayor que cero."), campo="monto_aprobado")
            revision.exigir(
                not convocatoria.monto_solicitado or monto_aprobado <= convocatoria.monto_solicitado,
                _("El monto aprobado (%(a)s) supera el solicitado al cooperante (%(s)s %(m)s).")
                % {
                    "a": formatear_numero(monto_aprobado),
                    "s": formatear_numero(convocatoria.monto_solicitado or 0),
                    "m": getattr(convocatoria.moneda, "codigo", ""),
                },
                campo="monto_aprobado",
            )
    comunicacion = comunicacion.strip()
    convocatoria.fecha_decision = fecha
    convocatoria.comunicacion_decision = comunicacion
    convocatoria.monto_aprobado = monto_aprobado if aceptada else None
    campos = ["estado", "fecha_decision", "comunicacion_decision", "monto_aprobado", "monto_aprobado_cop"]
    if soporte:
        convocatoria.soporte_decision = soporte
        campos.append("soporte_decision")
    validar(convocatoria)
    aplicar_transicion(
        convocatoria,
        "registrar_aceptacion" if aceptada else "registrar_rechazo",
        usuario=usuario,
        motivo=comunicacion,
        campos=tuple(campos),
    )
    resultado = _("aceptó") if aceptada else _("no aceptó")
    avisar(
        involucrados(convocatoria),
        excepto=None,
        titulo=_("%(coop)s %(res)s el proyecto: %(c)s")
        % {
            "coop": convocatoria.cooperante.sigla or convocatoria.cooperante.nombre,
            "res": resultado,
            "c": convocatoria.nombre,
        },
        mensaje=comunicacion,
        url=convocatoria.get_absolute_url(),
    )
    if convocatoria.destinatarios.aceptaron().filter(dependencia=None).exists():
        salidas.encolar(AVISAR_DECISION, convocatoria.pk)
    return convocatoria


AVISAR_DECISION = "convocatorias.avisar_decision"


@salidas.efecto(AVISAR_DECISION)
def decision_avisar_organizaciones_salida(convocatoria_id: int) -> int:
    return decision_avisar_organizaciones(convocatoria_id=convocatoria_id)


def decision_avisar_organizaciones(*, convocatoria_id: int) -> int:
    """E-mail the donor's answer to the outside organizations that took part."""
    convocatoria = Convocatoria.objects.select_related("cooperante", "dependencia").filter(pk=convocatoria_id).first()
    if convocatoria is None or convocatoria.estado == Convocatoria.Estado.PRESENTADA:
        return 0
    correos = sorted(
        set(
            convocatoria.destinatarios.aceptaron()
            .filter(dependencia=None)
            .exclude(correo="")
            .values_list("correo", flat=True)
        )
    )
    if not correos:
        return 0
    enviar_correo(
        destinatarios=correos,
        asunto=_("Respuesta del cooperante: %(c)s") % {"c": convocatoria.nombre},
        plantilla="convocatorias/correo/decision",
        contexto={"convocatoria": convocatoria},
    )
    return len(correos)


# Task 8 ---------------------------------------------------------------------------------------------


def sumar_meses(fecha: date, meses: int) -> date:
    mes = fecha.month - 1 + meses
    anio, mes = fecha.year + mes // 12, mes % 12 + 1
    return date(anio, mes, min(fecha.day, calendar.monthrange(anio, mes)[1]))


MAXIMO_INFORMES = 60  # five years of monthly reports; no cooperation project needs more


def calendario_de_informes(
    *, inicio: date, fin: date, periodicidad_meses: int | None, fechas: Sequence[date] = ()
) -> list[date]:
    """The due dates of the execution reports: every N months from the start, or a given list of dates.

    Bounded: the dates lie in the core's window and a schedule has at most MAXIMO_INFORMES reports.
    """
    if bool(periodicidad_meses) == bool(fechas):
        raise ErrorDeDominio(_("Indique la periodicidad de los informes o la lista de fechas, una de las dos."))
    exigir_en_ventana(inicio, etiqueta=_("Inicio del proyecto"))
    exigir_en_ventana(fin, etiqueta=_("Finalización del proyecto"))
    if fin < inicio:
        raise ErrorDeDominio(_("La finalización del proyecto no puede ser anterior a su inicio."))
    meses = (fin.year - inicio.year) * 12 + fin.month - inicio.month
    cuantos = meses // periodicidad_meses + 1 if periodicidad_meses else len(set(fechas))
    if cuantos > MAXIMO_INFORMES:
        raise ErrorDeDominio(
            _(
                "El cronograma tendría %(n)s informes de ejecución; el máximo es %(max)s. Revise las fechas del "
                "proyecto o use una periodicidad mayor."
            )
            % {"n": cuantos, "max": MAXIMO_INFORMES}
        )
    if periodicidad_meses:
        resultado, k = [], 1
        while (siguiente := sumar_meses(inicio, periodicidad_meses * k)) <= fin:
            resultado.append(siguiente)
            k += 1
        if not resultado or resultado[-1] != fin:
            resultado.append(fin)
        return resultado
    fechas = sorted(set(fechas))
    fuera = [f for f in fechas if f < inicio or f > fin]
    if fuera:
        raise ErrorDeDominio(
            _("Las fechas de los informes deben estar entre el inicio y la finalización del proyecto: %(f)s.")
            % {"f": ", ".join(fecha_ddmmaaaa(f) for f in fuera)}
        )
    return fechas


@transaction.atomic
def proyecto_crear(
    *,
    convocatoria: Convocatoria,
    usuario: Usuario,
    codigo: str,
    nombre: str,
    modalidad: Modalidad,
    monto_comprometido: Decimal | None,
    moneda: Moneda,
    tasa_cop: Decimal | None,
    fecha_inicio: date,
    fecha_fin: date,
    dependencia: Dependencia,
    supervisor: Usuario,
    participantes: list[tuple[Actor, str]],
    contrapartida_cop: Decimal | None = None,
    contrapartida_descripcion: str = "",
    ods: Iterable[ODS] = (),
    municipios: Iterable[Municipio] = (),
    periodicidad_meses: int | None = None,
    fechas_informes: Iterable[date] = (),
) -> Proyecto:
    """Task 8 starts: the accepted call becomes a cooperation project with its schedule of execution reports."""
    bloquear(convocatoria)
    _exigir_oficina(usuario, convocatoria)
    _exigir_estado(convocatoria, Convocatoria.Estado.ACEPTADA)
    if not participantes:
        raise ErrorDeDominio(_("Indique los cooperantes del proyecto con su rol."))
    if ParticipanteProyecto.Rol.FINANCIADOR not in {rol for _actor, rol in participantes}:
        raise ErrorDeDominio(_("Indique al menos un financiador del proyecto."))
    if supervisor is None or not (
        supervisor.is_active
        and supervisor.dependencia_id in (convocatoria.dependencia_id, getattr(dependencia, "pk", None))
        and supervisor.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    ):
        raise ErrorDeDominio(
            _("El supervisor debe ser un profesional o jefe activo de la oficina o de la dependencia responsable.")
        )
    proyecto = Proyecto(  # type: ignore[misc]  # a missing amount or rate is refused just below (validar)
        convocatoria=convocatoria,
        codigo=texto_requerido(codigo, _("Indique el código del proyecto.")),
        nombre=texto_requerido(nombre, _("Indique el nombre del proyecto.")),
        modalidad=modalidad,
        monto_comprometido=monto_comprometido,
        moneda=moneda,
        tasa_cop=tasa_cop if tasa_cop is not None else (Decimal(1) if moneda and moneda.codigo == "COP" else None),
        contrapartida_cop=contrapartida_cop,
        contrapartida_descripcion=(contrapartida_descripcion or "").strip(),
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
        dependencia=dependencia,
        supervisor=supervisor,
        periodicidad_meses=periodicidad_meses or None,
    )
    if proyecto.tasa_cop is None:
        raise ErrorDeDominio(_("Indique la tasa de cambio a pesos colombianos (COP)."))
    validar(proyecto, excluir=["monto_comprometido_cop"])
    fechas = calendario_de_informes(
        inicio=fecha_inicio, fin=fecha_fin, periodicidad_meses=periodicidad_meses, fechas=list(fechas_informes)
    )
    guardar(proyecto, usuario)
    proyecto.ods.set(ods)
    proyecto.municipios.set(municipios)
    for actor, rol in dict.fromkeys(participantes):
        participante = ParticipanteProyecto(proyecto=proyecto, actor=actor, rol=rol)
        guardar(participante, usuario)
    for numero, fecha in enumerate(fechas, start=1):
        guardar(InformeEjecucion(proyecto=proyecto, numero=numero, fecha_limite=fecha), usuario)
    aplicar_transicion(
        convocatoria,
        "iniciar_ejecucion",
        usuario=usuario,
        motivo=_("Proyecto %(c)s en ejecución: %(n)s informes programados") % {"c": proyecto.codigo, "n": len(fechas)},
    )
    avisar(
        [supervisor, *jefes_de(dependencia.pk)],
        excepto=usuario,
        titulo=_("Proyecto en ejecución: %(p)s") % {"p": proyecto},
        mensaje=_("Supervisor: %(s)s. Primer informe de ejecución: %(f)s.")
        % {"s": supervisor, "f": fecha_ddmmaaaa(fechas[0]) if fechas else "—"},
        url=proyecto.get_absolute_url(),
    )
    return proyecto


@transaction.atomic
def informe_recibir(
    *, informe: InformeEjecucion, usuario: Usuario, archivo: File[bytes] | None, comentario: str = ""
) -> InformeEjecucion:
    """An execution report arrives (upload); the supervisor is asked to review it."""
    bloquear(informe)
    if not permissions.puede_entregar_informes(usuario, informe.proyecto):
        raise ErrorDeDominio(_("Solo la oficina o la dependencia responsable del proyecto entrega sus informes."))
    if not informe.proyecto.en_ejecucion:
        raise ErrorDeDominio(_("El proyecto no está en ejecución."))
    if not archivo:
        raise ErrorDeDominio(_("Adjunte el informe de ejecución."))
    informe.archivo = archivo
    informe.comentario_entrega = (comentario or "").strip()
    informe.recibido_en = timezone.now()
    informe.recibido_por = usuario
    validar(informe)
    aplicar_transicion(
        informe,
        "recibir",
        usuario=usuario,
        motivo=informe.comentario_entrega,
        campos=("estado", "archivo", "comentario_entrega", "recibido_en", "recibido_por"),
    )
    proyecto = informe.proyecto
    avisar(
        [proyecto.supervisor],
        excepto=usuario,
        titulo=_("Informe por revisar: %(i)s – %(p)s") % {"i": informe, "p": proyecto.codigo},
        tarea=tarea(informe, "revisar"),
        url=informe.get_absolute_url(),
    )
    return informe


def _exigir_revisor(usuario: Usuario, informe: InformeEjecucion) -> None:
    if not permissions.puede_revisar_informes(usuario, informe.proyecto):
        raise ErrorDeDominio(_("Solo el supervisor del proyecto o el jefe de la oficina revisa los informes."))


@transaction.atomic
def informe_aceptar(*, informe: InformeEjecucion, usuario: Usuario, motivo: str = "") -> InformeEjecucion:
    """Critical control point «Seguimiento al proyecto»: the supervisor accepts a received report."""
    bloquear(informe)
    _exigir_revisor(usuario, informe)
    tarea_cumplida(tarea=tarea(informe, "revisar"))
    informe.observaciones = (motivo or "").strip()
    informe.revisado_por = usuario
    informe.revisado_en = timezone.now()
    aplicar_transicion(
        informe,
        "aceptar",
        usuario=usuario,
        motivo=informe.observaciones,
        campos=("estado", "observaciones", "revisado_por", "revisado_en"),
    )
    return informe


@transaction.atomic
def informe_devolver(*, informe: InformeEjecucion, usuario: Usuario, motivo: str) -> InformeEjecucion:
    """The supervisor returns a report with observations: a corrected one is due."""
    bloquear(informe)
    _exigir_revisor(usuario, informe)
    tarea_cumplida(tarea=tarea(informe, "revisar"))
    informe.observaciones = texto_requerido(motivo, _("Escriba las observaciones para devolver el informe."))
    informe.revisado_por = usuario
    informe.revisado_en = timezone.now()
    aplicar_transicion(
        informe,
        "devolver",
        usuario=usuario,
        motivo=informe.observaciones,
        campos=("estado", "observaciones", "revisado_por", "revisado_en"),
    )
    proyecto = informe.proyecto
    avisar(
        [informe.recibido_por, *jefes_de(proyecto.dependencia_id)],
        excepto=usuario,
        titulo=_("Informe devuelto con observaciones: %(i)s – %(p)s") % {"i": informe, "p": proyecto.codigo},
        mensaje=informe.observaciones,
        url=informe.get_absolute_url(),
    )
    return informe


@transaction.atomic
def movimiento_registrar(
    *,
    proyecto: Proyecto,
    usuario: Usuario,
    tipo: str,
    fecha: date | None,
    monto: Decimal | None,
    descripcion: str,
    soporte: File[bytes] | None = None,
) -> MovimientoFinanciero:
    """A disbursement received or an expenditure made, in the project's currency."""
    bloquear(proyecto)
    if not permissions.puede_entregar_informes(usuario, proyecto):
        raise ErrorDeDominio(_("Solo la oficina o la dependencia responsable registra los movimientos del proyecto."))
    if not proyecto.en_ejecucion:
        raise ErrorDeDominio(_("El proyecto no está en ejecución."))
    if tipo not in MovimientoFinanciero.Tipo.values:
        raise ErrorDeDominio(_("Elija si es un desembolso o un gasto."))
    if monto is None:
        raise ErrorDeDominio(_("Indique el monto."))
    movimiento = MovimientoFinanciero(
        proyecto=proyecto,
        tipo=tipo,
        fecha=_no_futura(fecha, _("Indique la fecha del movimiento."), _("fecha del movimiento")),
        monto=monto,
        descripcion=texto_requerido(descripcion, _("Describa el movimiento.")),
        soporte=soporte or "",
        registrado_por=usuario,
    )
    validar(movimiento)
    guardar(movimiento, usuario)
    return movimiento


# Task 9 ---------------------------------------------------------------------------------------------


@transaction.atomic
def informes_sin_aceptar(proyecto: Proyecto, fecha: date) -> list[int]:
    """The numbers of the execution reports due by `fecha` not accepted yet (critical control point)."""
    return list(
        proyecto.informes.filter(fecha_limite__lte=fecha)
        .exclude(estado=InformeEjecucion.Estado.ACEPTADO)
        .values_list("numero", flat=True)
    )


@transaction.atomic
def proyecto_finalizar(
    *, proyecto: Proyecto, usuario: Usuario, fecha: date | None, resultados: str, informe_final: File[bytes] | None
) -> Proyecto:
    """Task 9: the Jefe signs the close-out act, once every report due is accepted («Seguimiento al proyecto»)."""
    convocatoria = proyecto.convocatoria
    bloquear(convocatoria)
    bloquear(proyecto)
    if not permissions.es_jefe_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(_("Solo el jefe de la oficina o el Administrador firma el acta de finalización."))
    _exigir_estado(convocatoria, Convocatoria.Estado.EN_EJECUCION)
    with Revision() as revision:
        _no_futura(fecha, _("Indique la fecha de finalización."), _("fecha de finalización"), revision)
        if fecha is not None:
            revision.exigir(
                fecha >= proyecto.fecha_inicio,
                _("La fecha de finalización no puede ser anterior a la de inicio del proyecto (%(f)s).")
                % {"f": fecha_ddmmaaaa(proyecto.fecha_inicio)},
                campo="fecha",
            )
            sin_aceptar = informes_sin_aceptar(proyecto, fecha)
            revision.exigir(
                not sin_aceptar,
                _(
                    "Punto crítico de control «%(punto)s»: hay informes de ejecución sin aceptar (n.º %(n)s); "
                    "revíselos antes de finalizar."
                )
                % {"punto": procedimiento.PUNTO_SEGUIMIENTO, "n": ", ".join(str(n) for n in sin_aceptar)},
            )
        revision.exigir(bool((resultados or "").strip()), _("Resuma los resultados del proyecto."), campo="resultados")
        revision.exigir(
            bool(informe_final or proyecto.informe_final),
            _("Adjunte el informe final del proyecto."),
            campo="informe_final",
        )
    proyecto.resultados = resultados.strip()
    if informe_final:
        proyecto.informe_final = informe_final
    proyecto.fecha_finalizacion = fecha
    proyecto.acta_firmada_por = usuario
    proyecto.acta_firmada_en = timezone.now()
    validar(proyecto)
    guardar(
        proyecto,
        usuario,
        ["resultados", "informe_final", "fecha_finalizacion", "acta_firmada_por", "acta_firmada_en"],
        motivo=_("Acta de finalización"),
    )
    aplicar_transicion(
        convocatoria,
        "finalizar",
        usuario=usuario,
        motivo=_("Acta de finalización del proyecto %(c)s firmada") % {"c": proyecto.codigo},
    )
    avisar(
        [proyecto.supervisor, convocatoria.responsable],
        excepto=usuario,
        titulo=_("Proyecto finalizado: %(p)s") % {"p": proyecto},
        url=proyecto.get_absolute_url(),
    )
    return proyecto


@transaction.atomic
def proyecto_datos_iati_editar(
    *,
    proyecto: Proyecto,
    usuario: Usuario,
    sectores: Sequence[tuple[str, Decimal]],
    tasa_usd: Decimal | None,
    indicadores: Iterable[Indicador] = (),
    publicar: bool | None = None,
) -> Proyecto:
    """What IATI and the Cíclope layout need beyond the execution data: DAC sectors with their shares (adding up to
    100 %), USD rate, the indicators whose results are published, and whether its data goes to the open data of
    /transparencia/ (None: unchanged)."""
    bloquear(proyecto)
    if not permissions.puede_entregar_informes(usuario, proyecto):
        raise ErrorDeDominio(_("Solo la oficina o la dependencia responsable completa los datos del proyecto."))
    sectores = [(codigo, Decimal(porcentaje)) for codigo, porcentaje in sectores]
    if errores := errores_de_sectores(sectores):
        raise ErrorDeDominio(" ".join(errores))
    proyecto.tasa_usd = Decimal(1) if proyecto.moneda.codigo == "USD" else tasa_usd
    if proyecto.tasa_usd is not None and proyecto.tasa_usd <= 0:
        raise ErrorDeDominio(_("La tasa de cambio debe ser mayor que cero."))
    if publicar is not None and publicar != bool(proyecto.publicado_en):
        proyecto.publicado_en = timezone.localdate() if publicar else None
    validar(proyecto, excluir=["monto_comprometido_cop"])
    guardar(proyecto, usuario, campos=["tasa_usd", "publicado_en"], motivo=_("Datos para IATI y Cíclope"))
    _sectores_guardar(proyecto, usuario, dict(sectores))
    proyecto.indicadores.set(indicadores)
    return proyecto


def _sectores_guardar(proyecto: Proyecto, usuario: Usuario, nuevos: dict[str, Decimal]) -> None:
    """Only what changed is written, so each sector's history shows its own changes."""
    motivo = _("Datos para IATI y Cíclope")
    for sector in proyecto.sectores.all():
        if sector.codigo not in nuevos:
            historia(sector)._history_user = usuario
            historia(sector)._change_reason = motivo
            sector.delete()
        elif sector.porcentaje != (porcentaje := nuevos.pop(sector.codigo)):
            sector.porcentaje = porcentaje
            guardar(sector, usuario, campos=["porcentaje"], motivo=motivo)
    for codigo, porcentaje in nuevos.items():
        sector = SectorProyecto(proyecto=proyecto, codigo=codigo, porcentaje=porcentaje)
        validar(sector)
        guardar(sector, usuario, motivo=motivo)
