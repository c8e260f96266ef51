"""The deadlines this app gives the core engine besides the ILO answers: agreements expiring (60 days ahead) and
their commitments due."""

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import gettext as _

from cooperacion.core import plazos, roles
from cooperacion.core.models import Usuario
from cooperacion.core.plazos import Plazo, TipoDePlazo

from .models import AccionAlianza, CompromisoConvenio, CompromisoSesion, Convenio, MemoriaInstrumento

VENCIMIENTO_CONVENIO = TipoDePlazo(
    codigo="vencimiento_convenio",
    nombre="Vencimiento de convenio",
    dias_habiles=False,
    umbrales=(60, 30, 15, 5),
    dias_alerta=60,
)
COMPROMISO_CONVENIO = TipoDePlazo(codigo="compromiso_convenio", nombre="Compromiso de convenio", umbrales=(10, 5, 1))


def _jefes_de(dependencia_ids: set[int]) -> dict[int | None, list[Usuario]]:
    jefes: dict[int | None, list[Usuario]] = defaultdict(list)
    for jefe in Usuario.objects.filter(groups__name=roles.JEFE, is_active=True, dependencia_id__in=dependencia_ids):
        jefes[jefe.dependencia_id].append(jefe)
    return jefes


def vencimientos(ids: set[int] | None) -> Iterator[Plazo]:
    """One deadline per agreement in force: its end date, reminded from 60 calendar days before. Two queries."""
    consulta = Convenio.objects.vigentes().select_related("responsable", "dependencia").order_by("pk")
    if ids is not None:
        consulta = consulta.filter(pk__in=ids)
    convenios = list(consulta)
    if not convenios:
        return
    jefes = _jefes_de({c.dependencia_id for c in convenios})
    for convenio in convenios:
        yield Plazo(
            tipo=VENCIMIENTO_CONVENIO.codigo,
            objeto=convenio,
            fecha=convenio.fecha_fin,
            titulo=_("Vence el %(c)s") % {"c": convenio},
            url=convenio.get_absolute_url(),
            responsables=(convenio.responsable,),
            avisar_tambien=tuple(jefes[convenio.dependencia_id]),
            dependencia=convenio.dependencia,
            detalle=convenio.objeto[:200],
        )


def compromisos(ids: set[int] | None) -> Iterator[Plazo]:
    """One deadline per commitment not yet met of an agreement in force. One query."""
    pendientes = (
        CompromisoConvenio.objects.filter(cumplido_en__isnull=True, convenio__estado=Convenio.Estado.VIGENTE)
        .select_related("convenio", "convenio__dependencia", "responsable")
        .order_by("pk")
    )
    if ids is not None:
        pendientes = pendientes.filter(pk__in=ids)
    for compromiso in pendientes:
        yield Plazo(
            tipo=COMPROMISO_CONVENIO.codigo,
            objeto=compromiso,
            fecha=compromiso.fecha_limite,
            titulo=_("Compromiso del %(c)s") % {"c": compromiso.convenio},
            url=compromiso.convenio.get_absolute_url(),
            responsables=(compromiso.responsable,),
            dependencia=compromiso.convenio.dependencia,
            detalle=compromiso.descripcion[:200],
        )


def registrar() -> None:
    plazos.registrar(VENCIMIENTO_CONVENIO, vencimientos, modelo=Convenio)
    plazos.registrar(COMPROMISO_CONVENIO, compromisos, modelo=CompromisoConvenio, depende_de={Convenio: "convenio"})
    plazos.registrar(MEMORIA_INSTRUMENTO, memorias, modelo=MemoriaInstrumento)
    plazos.registrar(FIN_ACCION, fines_de_accion, modelo=AccionAlianza)
    plazos.registrar(COMPROMISO_COMISION, compromisos_de_comision, modelo=CompromisoSesion)


MEMORIA_INSTRUMENTO = TipoDePlazo(codigo="memoria_instrumento", nombre="Memoria de instrumento internacional")


def memorias(ids: set[int] | None) -> Iterator[Plazo]:
    """One deadline per memoria not yet sent, for the Profesionales and Jefes of its dependencia. Two queries."""
    consulta = MemoriaInstrumento.objects.filter(fecha_envio__isnull=True).select_related("instrumento", "dependencia")
    if ids is not None:
        consulta = consulta.filter(pk__in=ids)
    pendientes = list(consulta.order_by("pk"))
    if not pendientes:
        return
    equipo: dict[int | None, list[Usuario]] = defaultdict(list)
    for usuario in Usuario.objects.filter(
        groups__name__in=[roles.JEFE, roles.PROFESIONAL],
        is_active=True,
        dependencia_id__in={m.dependencia_id for m in pendientes},
    ).distinct():
        equipo[usuario.dependencia_id].append(usuario)
    for memoria in pendientes:
        yield Plazo(
            tipo=MEMORIA_INSTRUMENTO.codigo,
            objeto=memoria,
            fecha=memoria.fecha_limite,
            titulo=_("Memoria %(m)s") % {"m": memoria},
            url=memoria.get_absolute_url(),
            responsables=tuple(equipo[memoria.dependencia_id]),
            dependencia=memoria.dependencia,
            detalle=memoria.instrumento.nombre[:200],
        )


FIN_ACCION = TipoDePlazo(codigo="fin_accion_alianza", nombre="Fin de acción de alianza", umbrales=(10, 5, 1))


def fines_de_accion(ids: set[int] | None) -> Iterator[Plazo]:
    """The planned end of each action in implementation, for its responsible: one query."""
    activas = AccionAlianza.objects.filter(estado=AccionAlianza.Estado.EN_IMPLEMENTACION).select_related(
        "responsable", "dependencia"
    )
    if ids is not None:
        activas = activas.filter(pk__in=ids)
    for accion in activas.order_by("pk"):
        yield Plazo(
            tipo=FIN_ACCION.codigo,
            objeto=accion,
            fecha=accion.fecha_fin,
            titulo=_("Fin de «%(a)s»") % {"a": accion.nombre},
            url=accion.get_absolute_url(),
            responsables=(accion.responsable,),
            dependencia=accion.dependencia,
            detalle=accion.get_tipo_producto_display(),
        )


COMPROMISO_COMISION = TipoDePlazo(codigo="compromiso_comision", nombre="Compromiso de comisión", umbrales=(10, 5, 1))


def compromisos_de_comision(ids: set[int] | None) -> Iterator[Plazo]:
    """One deadline per commitment of a session not yet met: one query."""
    pendientes = CompromisoSesion.objects.filter(cumplido_en__isnull=True).select_related(
        "sesion__comision__dependencia", "responsable"
    )
    if ids is not None:
        pendientes = pendientes.filter(pk__in=ids)
    for compromiso in pendientes.order_by("pk"):
        comision = compromiso.sesion.comision
        yield Plazo(
            tipo=COMPROMISO_COMISION.codigo,
            objeto=compromiso,
            fecha=compromiso.fecha_limite,
            titulo=_("Compromiso de %(c)s") % {"c": comision},
            url=comision.get_absolute_url(),
            responsables=(compromiso.responsable,),
            dependencia=comision.dependencia,
            detalle=compromiso.descripcion[:200],
        )
