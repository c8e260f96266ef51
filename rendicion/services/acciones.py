"""Writes on the actions of the strategy: define them, move their state, report progress, enter the metrics."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import ODS, Dependencia, Usuario
from cooperacion.core.services import aplicar_transicion
from cooperacion.core.tipos import historia

from .. import permissions
from ..models import (
    AccionRendicion,
    AvanceAccion,
    Corte,
    Elemento,
    Estrategia,
    EvaluacionAccion,
    MetricaDefinida,
    RegistroMetrica,
    ResponsableAccion,
)
from .comun import fecha_en_ventana, guardar, texto, texto_requerido, validar

CAMPOS_EDITABLES = frozenset({"texto", "entregable", "responsable_texto", "fecha_inicio", "fecha_fin", "elemento"})


def _guardar_responsables(
    accion: AccionRendicion, lider: Dependencia | None, apoyo: Iterable[Dependencia], usuario: Usuario
) -> bool:
    """Make the action's responsables exactly the lead and the others, in that order; True when something changed."""
    if lider is None:
        raise ErrorDeDominio(_("Indique la dependencia que lidera la acción."))
    deseados = [(lider.pk, True)] + [(d.pk, False) for d in apoyo if d.pk != lider.pk]
    existentes = {r.dependencia_id: r for r in accion.responsables.all()}
    cambio = False
    # The lead mark moves first (one lead per action: a unique constraint).
    for dependencia_id, fila in existentes.items():
        if fila.lidera and dependencia_id != lider.pk:
            fila.lidera = False
            guardar(fila, usuario, ["lidera"])
            cambio = True
    for orden, (dependencia_id, es_lider) in enumerate(deseados):
        existente = existentes.pop(dependencia_id, None)
        if existente is None:
            guardar(
                ResponsableAccion(accion=accion, dependencia_id=dependencia_id, lidera=es_lider, orden=orden), usuario
            )
            cambio = True
        elif (existente.lidera, existente.orden) != (es_lider, orden):
            existente.lidera, existente.orden = es_lider, orden
            guardar(existente, usuario, ["lidera", "orden"])
            cambio = True
    for sobrante in existentes.values():
        historia(sobrante)._history_user = usuario
        sobrante.delete()
        cambio = True
    if cambio and hasattr(accion, "_prefetched_objects_cache"):
        accion._prefetched_objects_cache.pop("responsables", None)
    accion.__dict__.pop("responsables_ordenados", None)
    return cambio


def _validar_fechas(accion: AccionRendicion) -> None:
    fecha_en_ventana(accion.fecha_inicio, _("Fecha de inicio"))
    fecha_en_ventana(accion.fecha_fin, _("Fecha de terminación"))
    if accion.fecha_inicio and accion.fecha_fin and accion.fecha_fin < accion.fecha_inicio:
        raise ErrorDeDominio(_("La fecha de terminación no puede ser anterior a la de inicio."))


@transaction.atomic
def accion_crear(
    *,
    usuario: Usuario,
    estrategia: Estrategia,
    elemento: str,
    texto: str,
    entregable: str,
    dependencia_lider: Dependencia,
    dependencias_apoyo: Iterable[Dependencia] = (),
    responsable_texto: str = "",
    fecha_inicio: date | None = None,
    fecha_fin: date | None = None,
    ods: Iterable[ODS] = (),
    numero: int | None = None,
) -> AccionRendicion:
    """Add an action to an element of the strategy (numbered after the element's last one)."""
    if not permissions.can_crear_accion(usuario, estrategia):
        raise ErrorDeDominio(_("Solo Planeación o el Administrador agregan acciones a la estrategia."))
    if elemento not in Elemento.values:
        raise ErrorDeDominio(_("Elija el elemento de la acción: información, diálogo o responsabilidad."))
    Estrategia.objects.select_for_update().filter(pk=estrategia.pk).first()  # numbers are given one at a time
    if numero is None:
        ultimo = estrategia.acciones.filter(elemento=elemento).aggregate(n=Max("numero"))["n"] or 0
        numero = ultimo + 1
    accion = AccionRendicion(
        estrategia=estrategia,
        elemento=elemento,
        numero=numero,
        texto=texto_requerido(texto, _("Escriba la acción.")),
        entregable=texto_requerido(entregable, _("Escriba el entregable de la acción.")),
        responsable_texto=_texto_responsable(responsable_texto, dependencia_lider, dependencias_apoyo),
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
    )
    _validar_fechas(accion)
    validar(accion)
    guardar(accion, usuario)
    accion.ods.set(ods)
    _guardar_responsables(accion, dependencia_lider, dependencias_apoyo, usuario)
    # The follow-up still open evaluates the new action too.
    for corte in estrategia.cortes.filter(estado=Corte.Estado.ABIERTO):
        guardar(EvaluacionAccion(corte=corte, accion=accion), usuario)
    return accion


def _texto_responsable(escrito: str, lider: Dependencia | None, apoyo: Iterable[Dependencia]) -> str:
    escrito = texto(escrito)
    if escrito or lider is None:
        return escrito[:300]
    return " / ".join(d.nombre for d in [lider, *[d for d in apoyo if d.pk != lider.pk]])[:300]


@transaction.atomic
def accion_editar(
    *,
    accion: AccionRendicion,
    usuario: Usuario,
    dependencia_lider: Dependencia | None = None,
    dependencias_apoyo: Iterable[Dependencia] | None = None,
    ods: Iterable[ODS] | None = None,
    **cambios: Any,
) -> AccionRendicion:
    """Change what an action says, its dates, ODS and responsible dependencias."""
    desconocidos = set(cambios) - CAMPOS_EDITABLES
    if desconocidos:
        raise TypeError(f"Campos no editables: {', '.join(sorted(desconocidos))}")
    if not permissions.can_editar_accion(usuario, accion):
        raise ErrorDeDominio(_("Solo Planeación o el Administrador modifican las acciones de la estrategia."))
    if "elemento" in cambios and cambios["elemento"] != accion.elemento:
        ultimo = accion.estrategia.acciones.filter(elemento=cambios["elemento"]).aggregate(n=Max("numero"))["n"] or 0
        accion.numero = ultimo + 1
        cambios["numero"] = accion.numero
    campos = []
    for campo, valor in cambios.items():
        valor = texto(valor)
        if getattr(accion, campo) != valor:
            setattr(accion, campo, valor)
            campos.append(campo)
    texto_requerido(accion.texto, _("Escriba la acción."))
    texto_requerido(accion.entregable, _("Escriba el entregable de la acción."))
    _validar_fechas(accion)
    if ods is not None:
        accion.ods.set(ods)
    responsables_cambiaron = False
    if dependencia_lider is not None:
        responsables_cambiaron = _guardar_responsables(
            accion, dependencia_lider, dependencias_apoyo if dependencias_apoyo is not None else (), usuario
        )
    if campos or responsables_cambiaron:
        validar(accion)
        # Saved even when only the responsables changed: the deadline engine reads them again.
        guardar(accion, usuario, campos)
    return accion


@transaction.atomic
def accion_iniciar(*, accion: AccionRendicion, usuario: Usuario, motivo: str = "") -> AccionRendicion:
    """The lead dependencia starts the action."""
    if not permissions.mueve_la_accion(usuario, accion):
        raise ErrorDeDominio(_("Solo la dependencia que lidera la acción, Planeación o el Administrador la inician."))
    return aplicar_transicion(accion, "iniciar", usuario=usuario, motivo=texto(motivo))


@transaction.atomic
def accion_completar(*, accion: AccionRendicion, usuario: Usuario, motivo: str = "") -> AccionRendicion:
    """The deliverable is done: at least one progress note must back it."""
    if not permissions.mueve_la_accion(usuario, accion):
        raise ErrorDeDominio(_("Solo la dependencia que lidera la acción, Planeación o el Administrador la completan."))
    if not accion.avances.exists():
        raise ErrorDeDominio(_("Registre al menos un avance con su evidencia antes de dar la acción por cumplida."))
    accion.cumplida_en = timezone.localdate()
    accion.porcentaje_avance = 100
    return aplicar_transicion(
        accion,
        "completar",
        usuario=usuario,
        motivo=texto(motivo),
        campos=("estado", "cumplida_en", "porcentaje_avance"),
    )


@transaction.atomic
def accion_reabrir(*, accion: AccionRendicion, usuario: Usuario, motivo: str) -> AccionRendicion:
    """Planeación found the deliverable incomplete: the action goes back to execution."""
    if not permissions.gestiona_la_estrategia(usuario):
        raise ErrorDeDominio(_("Solo Planeación o el Administrador reabren una acción cumplida."))
    motivo = texto_requerido(motivo, _("Indique por qué se reabre la acción."))
    accion.cumplida_en = None
    accion.porcentaje_avance = _porcentaje(accion)
    return aplicar_transicion(
        accion, "reabrir", usuario=usuario, motivo=motivo, campos=("estado", "cumplida_en", "porcentaje_avance")
    )


def _porcentaje(accion: AccionRendicion) -> int:
    """The action's progress: the mean of each responsible dependencia's latest reported share (0 if none yet)."""
    dependencias = [r.dependencia_id for r in accion.responsables.all()]
    if not dependencias:
        return 0
    ultimos: dict[int, int] = {}
    for dependencia_id, porcentaje in accion.avances.order_by(
        "dependencia_id", "-fecha", "-registrado_en", "-pk"
    ).values_list("dependencia_id", "porcentaje"):
        ultimos.setdefault(dependencia_id, porcentaje)
    return round(sum(ultimos.get(d, 0) for d in dependencias) / len(dependencias))


@transaction.atomic
def avance_registrar(
    *,
    accion: AccionRendicion,
    usuario: Usuario,
    dependencia: Dependencia,
    descripcion: str,
    porcentaje: int,
    fecha: date | None = None,
    evidencia: File[bytes] | None = None,
) -> AvanceAccion:
    """A responsible dependencia reports progress on its part of the action, with its evidence."""
    AccionRendicion.objects.select_for_update().filter(pk=accion.pk).first()
    accion.refresh_from_db()
    if accion.estado == AccionRendicion.Estado.CUMPLIDA:
        raise ErrorDeDominio(_("La acción ya está cumplida: para registrar más avances, Planeación debe reabrirla."))
    if dependencia is None or dependencia.pk not in {
        d.pk for d in permissions.dependencias_que_reporta(usuario, accion)
    }:
        raise ErrorDeDominio(_("Solo las dependencias responsables de la acción reportan su avance, cada una el suyo."))
    if porcentaje is None or not 0 <= porcentaje <= 100:
        raise ErrorDeDominio(_("El avance va de 0 a 100 %."))
    fecha = fecha or timezone.localdate()
    fecha_en_ventana(fecha, _("Fecha del avance"))
    if fecha > timezone.localdate():
        raise ErrorDeDominio(_("La fecha del avance no puede ser posterior a hoy."))
    avance = AvanceAccion(
        accion=accion,
        dependencia=dependencia,
        fecha=fecha,
        descripcion=texto_requerido(descripcion, _("Describa el avance.")),
        porcentaje=porcentaje,
        registrado_por=usuario,
    )
    if evidencia:
        avance.evidencia = evidencia
    validar(avance)
    guardar(avance, usuario)
    nuevo = _porcentaje(accion)
    if nuevo != accion.porcentaje_avance:
        accion.porcentaje_avance = nuevo
        guardar(accion, usuario, ["porcentaje_avance"], motivo=_("Avance reportado"))
    return avance


@transaction.atomic
def metrica_definir(
    *,
    estrategia: Estrategia,
    usuario: Usuario,
    red: str,
    metrica: str,
    por_mes: bool = True,
    accion: AccionRendicion | None = None,
) -> MetricaDefinida:
    """Add a social-media metric field the communications group will report (network, metric, frequency)."""
    if not permissions.gestiona_la_estrategia(usuario):
        raise ErrorDeDominio(_("Solo Planeación o el Administrador definen las métricas de la estrategia."))
    if red not in MetricaDefinida.Red.values:
        raise ErrorDeDominio(_("Elija la red social."))
    metrica = texto_requerido(metrica, _("Escriba la métrica."))
    if accion is not None and accion.estrategia_id != estrategia.pk:
        raise ErrorDeDominio(_("La acción no es de esta estrategia."))
    if estrategia.metricas.filter(red=red, metrica__iexact=metrica).exists():
        raise ErrorDeDominio(_("Esa métrica ya está definida para esa red."))
    orden = (estrategia.metricas.filter(red=red).aggregate(n=Max("orden"))["n"] or 0) + 1
    definicion = MetricaDefinida(
        estrategia=estrategia,
        accion=accion,
        red=red,
        red_como_esta_escrita=MetricaDefinida.Red(red).label,
        metrica=metrica,
        por_mes=por_mes,
        texto=_("%(m)s por mes") % {"m": metrica} if por_mes else metrica,
        orden=orden,
    )
    validar(definicion)
    guardar(definicion, usuario)
    return definicion


def dependencias_de_comunicaciones(estrategia: Estrategia) -> set[int]:
    """The dependencias responsible for the actions that carry the strategy's social-media metrics (one query)."""
    return set(
        ResponsableAccion.objects.filter(accion__metricas__estrategia=estrategia).values_list(
            "dependencia_id", flat=True
        )
    )


@transaction.atomic
def metricas_registrar(*, estrategia: Estrategia, usuario: Usuario, mes: date, valores: dict[int, int | None]) -> int:
    """Enter (or correct) the month's values of the strategy's metrics; an empty value removes the month's figure.
    Returns how many values changed."""
    if not permissions.can_registrar_metricas(usuario, dependencias_de_comunicaciones(estrategia)):
        raise ErrorDeDominio(
            _(
                "Solo el grupo de comunicaciones, Planeación o el Administrador registran las métricas de redes "
                "sociales."
            )
        )
    if mes is None or mes.day != 1:
        raise ErrorDeDominio(_("Indique el mes (primer día del mes)."))
    if mes.year != estrategia.anio:
        raise ErrorDeDominio(_("El mes debe ser del año de la estrategia (%(anio)s).") % {"anio": estrategia.anio})
    if mes > timezone.localdate():
        raise ErrorDeDominio(_("No se registran métricas de un mes que aún no empieza."))
    definiciones = {d.pk: d for d in MetricaDefinida.objects.filter(estrategia=estrategia)}
    if set(valores) - set(definiciones):
        raise ErrorDeDominio(_("Hay métricas que no son de esta estrategia."))
    existentes = {
        r.definicion_id: r for r in RegistroMetrica.objects.filter(definicion__estrategia=estrategia, mes=mes)
    }
    cambios = 0
    for definicion_id, valor in valores.items():
        registro = existentes.get(definicion_id)
        if valor is not None and valor < 0:
            raise ErrorDeDominio(_("Las métricas no pueden ser negativas."))
        if valor is None:
            if registro is not None:
                historia(registro)._history_user = usuario
                registro.delete()
                cambios += 1
            continue
        if registro is None:
            guardar(RegistroMetrica(definicion_id=definicion_id, mes=mes, valor=valor, registrado_por=usuario), usuario)
            cambios += 1
        elif registro.valor != valor:
            registro.valor, registro.registrado_por, registro.registrado_en = valor, usuario, timezone.now()
            guardar(registro, usuario, ["valor", "registrado_por", "registrado_en"])
            cambios += 1
    return cambios
