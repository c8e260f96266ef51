"""Writes on priority lines (proposed by the office, approved by its Jefe) and on cooperation needs (raised by a
dependencia, prioritized, presented and attended or discarded by the office)."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio, Revision
from cooperacion.core.models import ODS, Dependencia, Moneda, Usuario
from cooperacion.core.services import aplicar_transicion, notificar

from .. import permissions
from ..models import LineaPrioritaria, Necesidad
from .comun import aplicar_cambios, guardar, revisar_fecha_pasada, revisar_monto, validar_modelo

CAMPOS_LINEA = frozenset({"nombre", "descripcion", "tipo", "periodo_inicio", "periodo_fin", "dependencia"})
CAMPOS_NECESIDAD = frozenset(
    {"titulo", "descripcion", "tema", "linea", "ods", "monto_estimado", "moneda", "dependencia"}
)


def _revisar_linea(linea: LineaPrioritaria) -> None:
    with Revision() as revision:
        if linea.periodo_inicio and linea.periodo_fin:
            revision.exigir(
                linea.periodo_fin >= linea.periodo_inicio,
                _("El año final del periodo no puede ser anterior al inicial."),
                campo="periodo_fin",
            )
    validar_modelo(linea)


@transaction.atomic
def linea_crear(
    *,
    usuario: Usuario,
    nombre: str,
    tipo: str,
    periodo_inicio: int,
    periodo_fin: int,
    descripcion: str = "",
    dependencia: Dependencia | None = None,
) -> LineaPrioritaria:
    """The office proposes a line for a period; it waits for the Jefe's approval."""
    if not permissions.can_proponer_linea(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación o el Administrador proponen líneas prioritarias."))
    linea = LineaPrioritaria(
        nombre=nombre.strip(),
        descripcion=descripcion.strip(),
        tipo=tipo,
        periodo_inicio=periodo_inicio,
        periodo_fin=periodo_fin,
        dependencia=dependencia,
    )
    _revisar_linea(linea)
    guardar(linea, usuario)
    return linea


@transaction.atomic
def linea_editar(*, linea: LineaPrioritaria, usuario: Usuario, **cambios: Any) -> LineaPrioritaria:
    """Change a proposed line (an approved one is retired and proposed again)."""
    if not permissions.can_editar_linea(usuario, linea):
        raise ErrorDeDominio(_("Solo se edita una línea propuesta, por la oficina de cooperación."))
    campos = aplicar_cambios(linea, cambios, CAMPOS_LINEA)
    if campos:
        _revisar_linea(linea)
        guardar(linea, usuario, campos)
    return linea


@transaction.atomic
def linea_aprobar(*, linea: LineaPrioritaria, usuario: Usuario, motivo: str = "") -> LineaPrioritaria:
    """The Jefe approves the line: from now on it tags calls, projects and needs."""
    if not permissions.aprueba_en_la_oficina(usuario):
        raise ErrorDeDominio(_("Solo el jefe de la oficina de cooperación aprueba las líneas prioritarias."))
    linea.aprobada_por = usuario
    linea.aprobada_en = timezone.now()
    linea.activa = True
    return aplicar_transicion(
        linea,
        "aprobar",
        usuario=usuario,
        motivo=motivo.strip(),
        campos=("estado", "aprobada_por", "aprobada_en", "activa"),
    )


def _motivo_obligatorio(motivo: str, mensaje: str) -> str:
    motivo = (motivo or "").strip()
    if not motivo:
        raise ErrorDeDominio(mensaje, campo="motivo")
    return motivo


@transaction.atomic
def linea_rechazar(*, linea: LineaPrioritaria, usuario: Usuario, motivo: str) -> LineaPrioritaria:
    if not permissions.aprueba_en_la_oficina(usuario):
        raise ErrorDeDominio(_("Solo el jefe de la oficina de cooperación rechaza las líneas prioritarias."))
    motivo = _motivo_obligatorio(motivo, _("Indique por qué no se aprueba la línea."))
    return aplicar_transicion(linea, "rechazar", usuario=usuario, motivo=motivo)


@transaction.atomic
def linea_retirar(*, linea: LineaPrioritaria, usuario: Usuario, motivo: str) -> LineaPrioritaria:
    """No longer a priority: it stops being offered; what it tagged keeps the tag."""
    if not permissions.aprueba_en_la_oficina(usuario):
        raise ErrorDeDominio(_("Solo el jefe de la oficina de cooperación retira las líneas prioritarias."))
    motivo = _motivo_obligatorio(motivo, _("Indique por qué se retira la línea."))
    linea.activa = False
    return aplicar_transicion(linea, "retirar", usuario=usuario, motivo=motivo, campos=("estado", "activa"))


# Needs ---------------------------------------------------------------------------------------------------------


def _revisar_necesidad(necesidad: Necesidad, *, revisar_linea: bool) -> None:
    with Revision() as revision:
        revisar_monto(revision, necesidad.monto_estimado, necesidad.moneda, campo="monto_estimado")
        if necesidad.linea_id and revisar_linea:
            revision.exigir(
                LineaPrioritaria.objects.vigentes().filter(pk=necesidad.linea_id).exists(),
                _("Elija una línea prioritaria aprobada y activa."),
                campo="linea",
            )
    validar_modelo(necesidad, excluir=("revision",))


@transaction.atomic
def necesidad_crear(
    *,
    usuario: Usuario,
    titulo: str,
    descripcion: str = "",
    tema: str = "",
    linea: LineaPrioritaria | None = None,
    ods: ODS | None = None,
    monto_estimado: Decimal | None = None,
    moneda: Moneda | None = None,
    dependencia: Dependencia | None = None,
) -> Necesidad:
    """A dependencia raises a need (the office or the Administrador may raise it for another dependencia)."""
    if not permissions.can_registrar_necesidad(usuario):
        raise ErrorDeDominio(_("Solo un profesional o jefe de una dependencia registra necesidades de cooperación."))
    if dependencia is None or not permissions.gestiona_la_cooperacion(usuario):
        dependencia = usuario.dependencia
    if dependencia is None:
        raise ErrorDeDominio(_("Indique la dependencia que solicita la cooperación."), campo="dependencia")
    necesidad = Necesidad(
        titulo=titulo.strip(),
        descripcion=descripcion.strip(),
        tema=tema.strip(),
        linea=linea,
        ods=ods,
        monto_estimado=monto_estimado,
        moneda=moneda if monto_estimado is not None else None,
        dependencia=dependencia,
        registrada_por=usuario,
    )
    _revisar_necesidad(necesidad, revisar_linea=True)
    guardar(necesidad, usuario)
    return necesidad


@transaction.atomic
def necesidad_editar(*, necesidad: Necesidad, usuario: Usuario, **cambios: Any) -> Necesidad:
    if not permissions.can_editar_necesidad(usuario, necesidad):
        raise ErrorDeDominio(_("Esta necesidad ya no se puede editar, o no es de su dependencia."))
    if (
        "dependencia" in cambios
        and cambios["dependencia"].pk != necesidad.dependencia_id
        and not permissions.gestiona_la_cooperacion(usuario)
    ):
        raise ErrorDeDominio(_("Solo la oficina de cooperación cambia la dependencia de una necesidad."))
    linea_antes = necesidad.linea_id
    campos = aplicar_cambios(necesidad, cambios, CAMPOS_NECESIDAD)
    if necesidad.monto_estimado is None and necesidad.moneda_id:
        necesidad.moneda = None
        campos.append("moneda")
    if campos:
        _revisar_necesidad(necesidad, revisar_linea=necesidad.linea_id != linea_antes)
        guardar(necesidad, usuario, sorted(set(campos)))
    return necesidad


@transaction.atomic
def necesidad_priorizar(
    *, necesidad: Necesidad, usuario: Usuario, prioridad: int | None, motivo: str = ""
) -> Necesidad:
    """The office ranks the need (1 = first)."""
    if not permissions.gestiona_la_cooperacion(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación prioriza las necesidades."))
    if prioridad is None or prioridad < 1:
        raise ErrorDeDominio(
            _("Indique el puesto de la necesidad en la priorización (1 es la primera)."), campo="prioridad"
        )
    necesidad.prioridad = prioridad
    return aplicar_transicion(
        necesidad,
        "priorizar",
        usuario=usuario,
        motivo=motivo.strip() or _("Prioridad %(n)s.") % {"n": prioridad},
        campos=("estado", "prioridad"),
    )


@transaction.atomic
def necesidad_presentar(
    *, necesidad: Necesidad, usuario: Usuario, presentada_a: str, fecha_presentacion: date | None, motivo: str = ""
) -> Necesidad:
    """The office presented the need to donors or to APC-Colombia."""
    if not permissions.gestiona_la_cooperacion(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación presenta las necesidades."))
    presentada_a = (presentada_a or "").strip()
    with Revision() as revision:
        revision.exigir(bool(presentada_a), _("Indique a quién se presentó la necesidad."), campo="presentada_a")
        revisar_fecha_pasada(
            revision, fecha_presentacion, campo="fecha_presentacion", etiqueta=_("la fecha de presentación")
        )
    necesidad.presentada_a = presentada_a
    necesidad.fecha_presentacion = fecha_presentacion
    assert fecha_presentacion is not None  # the Revision above refused a missing date
    texto = _("Presentada a %(a)s el %(f)s.") % {"a": presentada_a, "f": fecha_presentacion.strftime("%d/%m/%Y")}
    return aplicar_transicion(
        necesidad,
        "presentar",
        usuario=usuario,
        motivo=motivo.strip() or texto,
        campos=("estado", "presentada_a", "fecha_presentacion"),
    )


def convocatorias_para(usuario: Usuario) -> QuerySet[Any]:
    """The calls a user may link a need to (the calls app's model, reached through the relation it declares)."""
    modelo: Any = Necesidad._meta.get_field("convocatorias").related_model
    return modelo.objects.visibles_para(usuario).select_related("cooperante").order_by("-fecha_cierre", "pk")


@transaction.atomic
def necesidad_atender(
    *,
    necesidad: Necesidad,
    usuario: Usuario,
    convocatoria: Any,  # a call of the convocatorias app, a layer above this one (not importable here)
    motivo: str = "",
) -> Necesidad:
    """A call (and its project, when there is one) attends the need: both stay linked."""
    if not permissions.gestiona_la_cooperacion(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación registra qué atiende una necesidad."))
    if convocatoria is None or not convocatorias_para(usuario).filter(pk=convocatoria.pk).exists():
        raise ErrorDeDominio(_("Elija la convocatoria o el proyecto que atiende la necesidad."), campo="convocatoria")
    necesidad.convocatorias.add(convocatoria)
    return aplicar_transicion(
        necesidad,
        "atender",
        usuario=usuario,
        motivo=motivo.strip() or _("Convocatoria vinculada (ver «Convocatorias y proyectos que la atienden»)."),
    )


@transaction.atomic
def necesidad_descartar(*, necesidad: Necesidad, usuario: Usuario, motivo: str) -> Necesidad:
    """The office stops pursuing the need; the reason is required and kept."""
    if not permissions.gestiona_la_cooperacion(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación descarta necesidades."))
    motivo = _motivo_obligatorio(motivo, _("Indique el motivo del descarte."))
    necesidad.motivo_descarte = motivo
    aplicar_transicion(necesidad, "descartar", usuario=usuario, motivo=motivo, campos=("estado", "motivo_descarte"))
    _avisar_a_quien_registro(necesidad, usuario, _("Necesidad descartada: %(t)s") % {"t": necesidad.titulo}, motivo)
    return necesidad


def _avisar_a_quien_registro(necesidad: Necesidad, usuario: Usuario, titulo: str, mensaje: str) -> None:
    autor = necesidad.registrada_por
    if autor is not None and autor.pk != usuario.pk and autor.is_active and autor.tiene_rol(*roles.TODOS):
        notificar(usuario=autor, titulo=titulo, mensaje=mensaje, url=necesidad.get_absolute_url())
