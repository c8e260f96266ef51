"""Writes on calls: register and edit them (task 1), prioritize, validate (task 2) and desist."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import ODS, Actor, Dependencia, Moneda, Usuario
from cooperacion.core.services import aplicar_transicion, tarea_cumplida
from cooperacion.internacional.models import LineaPrioritaria, Necesidad

from .. import permissions, priorizacion
from ..models import Convocatoria, Modalidad, PesosPriorizacion
from .comun import avisar, bloquear, guardar, jefes_de, tarea, texto_requerido, validar

CAMPOS_EDITABLES = frozenset(
    {
        "cooperante",
        "nombre",
        "fuente",
        "enlace",
        "modalidad",
        "lineas_tematicas",
        "actores_elegibles",
        "elegibilidad",
        "territorio",
        "monto",
        "moneda",
        "tasa_cop",
        "fecha_apertura",
        "fecha_cierre",
        "impacto_esperado",
        "nivel_impacto",
        "responsable",
        "dependencia",
    }
)
CAMPOS_M2M = frozenset({"ods", "lineas_prioritarias", "necesidades"})


def _validar_responsable(convocatoria: Convocatoria) -> None:
    responsable = convocatoria.responsable
    if not (
        responsable.is_active
        and responsable.dependencia_id == convocatoria.dependencia_id
        and responsable.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    ):
        raise ErrorDeDominio(
            _("El responsable debe ser un profesional o jefe activo de la dependencia de la convocatoria.")
        )


def _limpiar_texto(valor: object) -> object:
    return valor.strip() if isinstance(valor, str) else valor


def convocatoria_recalcular_puntaje(
    *, convocatoria: Convocatoria, usuario: Usuario | None = None, pesos: PesosPriorizacion | None = None
) -> bool:
    """Recompute the stored parts of the score from the call's data; saves only when a part changed."""
    pesos = pesos or PesosPriorizacion.vigentes()
    lineas = convocatoria.lineas_prioritarias.filter(activa=True).count()
    necesidades = sum(1 for n in convocatoria.necesidades.all() if n.abierta)
    nuevos = {
        "puntaje_recursos": priorizacion.puntos_recursos(convocatoria.monto_cop, pesos.monto_referencia_cop),
        "puntaje_alineacion": priorizacion.puntos_alineacion(lineas, necesidades),
        "puntaje_actores": priorizacion.PUNTOS_ELEGIBILIDAD.get(convocatoria.elegibilidad, 0),
        "puntaje_impacto": priorizacion.PUNTOS_IMPACTO.get(convocatoria.nivel_impacto, 0),
    }
    cambios = [campo for campo, valor in nuevos.items() if getattr(convocatoria, campo) != valor]
    for campo in cambios:
        setattr(convocatoria, campo, nuevos[campo])
    if cambios:
        guardar(convocatoria, usuario, cambios, motivo=_("Puntaje recalculado"))
    priorizacion.actualizar_puntajes(Convocatoria.objects.filter(pk=convocatoria.pk), pesos)
    convocatoria.refresh_from_db(fields=["puntos_cierre", "puntaje"])
    return bool(cambios)


@transaction.atomic
def puntajes_recalcular(*, usuario: Usuario | None = None) -> int:
    """After the Administrador changes the reference amount: recompute the stored parts of every open call."""
    pesos = PesosPriorizacion.vigentes()
    cambiadas = 0
    consulta = Convocatoria.objects.exclude(estado__in=Convocatoria.TERMINALES).prefetch_related("necesidades")
    for convocatoria in consulta.select_for_update(of=("self",)).order_by("pk"):
        cambiadas += convocatoria_recalcular_puntaje(convocatoria=convocatoria, usuario=usuario, pesos=pesos)
    priorizacion.actualizar_puntajes(Convocatoria.objects.exclude(estado__in=Convocatoria.TERMINALES), pesos)
    return cambiadas


def puntajes_actualizar() -> int:
    """Hourly: the closing-date points move with time; store the totals of the calls still in progress."""
    return priorizacion.actualizar_puntajes(Convocatoria.objects.exclude(estado__in=Convocatoria.TERMINALES))


@transaction.atomic
def convocatoria_crear(
    *,
    usuario: Usuario,
    cooperante: Actor,
    nombre: str,
    fuente: str,
    modalidad: Modalidad,
    fecha_apertura: datetime,
    fecha_cierre: datetime,
    responsable: Usuario | None = None,
    dependencia: Dependencia | None = None,
    enlace: str = "",
    lineas_tematicas: str = "",
    actores_elegibles: str = "",
    elegibilidad: str = Convocatoria.Elegibilidad.DIRECTA,
    territorio: str = "",
    monto: Decimal | None = None,
    moneda: Moneda | None = None,
    tasa_cop: Decimal | None = None,
    impacto_esperado: str = "",
    nivel_impacto: str = Convocatoria.Impacto.MEDIO,
    ods: Iterable[ODS] = (),
    lineas_prioritarias: Iterable[LineaPrioritaria] = (),
    necesidades: Iterable[Necesidad] = (),
) -> Convocatoria:
    """Register a call (task 1). Profesional and Jefe register it for their dependencia; the Administrador picks."""
    if not permissions.can_crear_convocatoria(usuario):
        raise ErrorDeDominio(
            _("Solo un profesional o jefe de una dependencia, o el Administrador, registra convocatorias.")
        )
    if not usuario.tiene_rol(roles.ADMINISTRADOR) or dependencia is None:
        dependencia = usuario.dependencia
    if dependencia is None:
        raise ErrorDeDominio(_("Indique la dependencia de la convocatoria."))
    if responsable is None:
        responsable = usuario
    convocatoria = Convocatoria(
        cooperante=cooperante,
        nombre=(nombre or "").strip(),
        fuente=fuente,
        enlace=(enlace or "").strip(),
        modalidad=modalidad,
        lineas_tematicas=(lineas_tematicas or "").strip(),
        actores_elegibles=(actores_elegibles or "").strip(),
        elegibilidad=elegibilidad,
        territorio=(territorio or "").strip(),
        monto=monto,
        moneda=moneda,
        tasa_cop=tasa_cop,
        fecha_apertura=fecha_apertura,
        fecha_cierre=fecha_cierre,
        impacto_esperado=(impacto_esperado or "").strip(),
        nivel_impacto=nivel_impacto,
        responsable=responsable,
        dependencia=dependencia,
        creada_por=usuario,
    )
    _validar_responsable(convocatoria)
    validar(convocatoria)
    guardar(convocatoria, usuario)
    convocatoria.ods.set(ods)
    convocatoria.lineas_prioritarias.set(lineas_prioritarias)
    convocatoria.necesidades.set(necesidades)
    convocatoria_recalcular_puntaje(convocatoria=convocatoria, usuario=usuario)
    return convocatoria


@transaction.atomic
def convocatoria_editar(*, convocatoria: Convocatoria, usuario: Usuario, **cambios: Any) -> Convocatoria:
    """Change the data of a call not yet presented; only the Administrador moves it to another dependencia."""
    desconocidos = set(cambios) - CAMPOS_EDITABLES - CAMPOS_M2M
    if desconocidos:
        raise TypeError(f"Campos no editables: {', '.join(sorted(desconocidos))}")
    bloquear(convocatoria)
    if not permissions.es_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(
            _("Solo un profesional o el jefe de la dependencia, o el Administrador, edita la convocatoria.")
        )
    if not convocatoria.editable:
        raise ErrorDeDominio(_("Una convocatoria presentada o terminada ya no se edita."))
    if (
        cambios.get("dependencia") is not None
        and cambios["dependencia"].pk != convocatoria.dependencia_id
        and not usuario.tiene_rol(roles.ADMINISTRADOR)
    ):
        raise ErrorDeDominio(_("Solo el Administrador puede cambiar la dependencia de la convocatoria."))
    if cambios.get("dependencia") is None:
        cambios.pop("dependencia", None)
    campos = []
    for nombre in sorted(set(cambios) & CAMPOS_EDITABLES):
        valor = _limpiar_texto(cambios[nombre])
        if getattr(convocatoria, nombre) != valor:
            setattr(convocatoria, nombre, valor)
            campos.append(nombre)
    if campos:
        _validar_responsable(convocatoria)
        validar(convocatoria)
        guardar(convocatoria, usuario, [*campos, "monto_cop", "monto_solicitado_cop", "monto_aprobado_cop", "tasa_cop"])
    for nombre in CAMPOS_M2M & set(cambios):
        getattr(convocatoria, nombre).set(cambios[nombre])
    convocatoria_recalcular_puntaje(convocatoria=convocatoria, usuario=usuario)
    return convocatoria


@transaction.atomic
def convocatoria_priorizar(*, convocatoria: Convocatoria, usuario: Usuario, motivo: str = "") -> Convocatoria:
    """Task 1 done: the call was analysed and scored; the Jefes of the dependencia are asked to validate it."""
    bloquear(convocatoria)
    if not permissions.es_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(_("Solo un profesional o el jefe de la dependencia prioriza la convocatoria."))
    convocatoria_recalcular_puntaje(convocatoria=convocatoria, usuario=usuario)
    puntaje = convocatoria.puntaje
    motivo = motivo.strip() or _("Puntaje de priorización: %(p)s") % {"p": f"{puntaje:.1f}".replace(".", ",")}
    aplicar_transicion(convocatoria, "priorizar", usuario=usuario, motivo=motivo)
    avisar(
        jefes_de(convocatoria.dependencia_id),
        excepto=usuario,
        titulo=_("Convocatoria por validar: %(c)s") % {"c": convocatoria.titulo},
        mensaje=_("%(quien)s priorizó la convocatoria. Decida si se aplica o no (tarea 2 de AI-P-003).")
        % {"quien": usuario},
        url=convocatoria.get_absolute_url(),
        tarea=tarea(convocatoria, "validar"),
    )
    return convocatoria


@transaction.atomic
def convocatoria_validar(*, convocatoria: Convocatoria, usuario: Usuario, aplicar: bool, motivo: str) -> Convocatoria:
    """Task 2: the Jefe decides whether to apply, with the reason; not applying ends the procedure."""
    bloquear(convocatoria)
    if not permissions.es_jefe_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(_("Solo el jefe de la dependencia o el Administrador valida la convocatoria."))
    if convocatoria.estado != Convocatoria.Estado.PRIORIZADA:
        raise ErrorDeDominio(_("Solo se valida una convocatoria priorizada."))
    motivo = texto_requerido(motivo, _("Indique el motivo de la decisión."))
    convocatoria.motivo_validacion = motivo
    convocatoria.validada_por = usuario
    convocatoria.validada_en = timezone.now()
    aplicar_transicion(
        convocatoria,
        "aplicar" if aplicar else "no_aplicar",
        usuario=usuario,
        motivo=motivo,
        campos=("estado", "motivo_validacion", "validada_por", "validada_en"),
    )
    tarea_cumplida(tarea=tarea(convocatoria, "validar"))
    decision = _("se aplica") if aplicar else _("no se aplica")
    avisar(
        [convocatoria.responsable],
        excepto=usuario,
        titulo=_("Convocatoria validada (%(d)s): %(c)s") % {"d": decision, "c": convocatoria.titulo},
        mensaje=motivo,
        url=convocatoria.get_absolute_url(),
    )
    return convocatoria


def convocatoria_aplicar(*, convocatoria: Convocatoria, usuario: Usuario, motivo: str) -> Convocatoria:
    return convocatoria_validar(convocatoria=convocatoria, usuario=usuario, aplicar=True, motivo=motivo)


def convocatoria_no_aplicar(*, convocatoria: Convocatoria, usuario: Usuario, motivo: str) -> Convocatoria:
    return convocatoria_validar(convocatoria=convocatoria, usuario=usuario, aplicar=False, motivo=motivo)


@transaction.atomic
def convocatoria_desistir(*, convocatoria: Convocatoria, usuario: Usuario, motivo: str) -> Convocatoria:
    """The office stops before submitting (no acceptance, the call closed...): the call ends, kept and reportable."""
    bloquear(convocatoria)
    if not permissions.es_jefe_de_la_oficina(usuario, convocatoria):
        raise ErrorDeDominio(_("Solo el jefe de la dependencia o el Administrador desiste de una convocatoria."))
    if convocatoria.estado not in Convocatoria.DESISTIBLES:
        raise ErrorDeDominio(_("Esta acción no es posible en el estado actual del registro."))
    motivo = texto_requerido(motivo, _("Indique el motivo para no presentar la convocatoria."))
    tarea_cumplida(tarea=tarea(convocatoria, "validar"))
    tarea_cumplida(tarea=tarea(convocatoria, "aprobar_proyecto"))
    convocatoria.estado_al_desistir = convocatoria.estado
    aplicar_transicion(
        convocatoria, "desistir", usuario=usuario, motivo=motivo, campos=("estado", "estado_al_desistir")
    )
    avisar(
        [convocatoria.responsable],
        excepto=usuario,
        titulo=_("No se presentará: %(c)s") % {"c": convocatoria.titulo},
        mensaje=motivo,
        url=convocatoria.get_absolute_url(),
    )
    return convocatoria
