"""Writes on alliance actions: registering them, starting them, monitoring entries, finishing them with the feedback
to the sector, and the visibilización of their results (published on the public pages when asked)."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio, Revision
from cooperacion.core.fechas import error_de_ventana
from cooperacion.core.models import Actor, Dependencia, Usuario
from cooperacion.core.services import aplicar_transicion

from .. import permissions
from ..models import AccionAlianza, SeguimientoAccion
from .comun import guardar, revisar_fecha_pasada, validar_modelo


@transaction.atomic
def accion_registrar(
    *,
    usuario: Usuario,
    nombre: str,
    tipo_producto: str,
    aliados: Iterable[Actor] | None,
    sector_acompanado: str,
    dependencia: Dependencia,
    responsable: Usuario,
    fecha_inicio: date | None,
    fecha_fin: date | None,
    descripcion: str = "",
) -> AccionAlianza:
    if not permissions.can_registrar_accion(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación o el Administrador registran acciones de alianza."))
    aliados = list(aliados or [])
    with Revision() as revision:
        revision.exigir(bool(aliados), _("Elija al menos un aliado del catálogo de actores."), campo="aliados")
        for campo, valor in (("fecha_inicio", fecha_inicio), ("fecha_fin", fecha_fin)):
            if valor is None:
                revision.falla(_("Indique la fecha."), campo=campo)
            elif mensaje := error_de_ventana(valor):
                revision.falla(mensaje, campo=campo)
        if fecha_inicio and fecha_fin and fecha_fin < fecha_inicio:
            revision.falla(_("El fin previsto no puede ser anterior al inicio."), campo="fecha_fin")
        revision.exigir(
            responsable is not None and responsable.tiene_rol(roles.PROFESIONAL, roles.JEFE),
            _("El responsable debe ser un profesional o jefe activo."),
            campo="responsable",
        )
    # the Revision above refused missing dates
    assert fecha_inicio is not None
    assert fecha_fin is not None
    accion = AccionAlianza(
        nombre=nombre.strip(),
        tipo_producto=tipo_producto,
        descripcion=descripcion.strip(),
        sector_acompanado=sector_acompanado.strip(),
        dependencia=dependencia,
        responsable=responsable,
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
    )
    validar_modelo(accion, excluir=("revision", "aliados"))
    guardar(accion, usuario)
    accion.aliados.set(aliados)
    return accion


@transaction.atomic
def accion_iniciar(*, accion: AccionAlianza, usuario: Usuario, motivo: str = "") -> AccionAlianza:
    if not permissions.puede_preparar_accion(usuario, accion):
        raise ErrorDeDominio(_("Solo la dependencia responsable o la oficina inician la acción."))
    return aplicar_transicion(accion, "iniciar", usuario=usuario, motivo=motivo.strip())


@transaction.atomic
def seguimiento_registrar(
    *, accion: AccionAlianza, usuario: Usuario, fecha: date | None, avance: str
) -> SeguimientoAccion:
    """A monitoring entry during implementation."""
    if not permissions.can_seguir_accion(usuario, accion):
        raise ErrorDeDominio(_("El seguimiento se registra mientras la acción está en implementación."))
    with Revision() as revision:
        revisar_fecha_pasada(revision, fecha, campo="fecha", etiqueta=_("la fecha del seguimiento"))
        revision.exigir(bool((avance or "").strip()), _("Describa el avance."), campo="avance")
    assert fecha is not None  # the Revision above refused a missing date
    seguimiento = SeguimientoAccion(accion=accion, fecha=fecha, avance=avance.strip(), registrado_por=usuario)
    guardar(seguimiento, usuario)
    return seguimiento


@transaction.atomic
def accion_finalizar(*, accion: AccionAlianza, usuario: Usuario, retroalimentacion: str) -> AccionAlianza:
    """Finish the action with the feedback given to the sector (required)."""
    if not permissions.puede_preparar_accion(usuario, accion):
        raise ErrorDeDominio(_("Solo la dependencia responsable o la oficina finalizan la acción."))
    retroalimentacion = (retroalimentacion or "").strip()
    if not retroalimentacion:
        raise ErrorDeDominio(_("Indique la retroalimentación dada al sector."), campo="retroalimentacion")
    accion.retroalimentacion = retroalimentacion
    return aplicar_transicion(
        accion,
        "finalizar",
        usuario=usuario,
        motivo=_("Retroalimentación registrada."),
        campos=("estado", "retroalimentacion"),
    )


@transaction.atomic
def accion_visibilizar(
    *,
    accion: AccionAlianza,
    usuario: Usuario,
    medio_publicacion: str,
    fecha_publicacion: date | None,
    enlace_publicacion: str = "",
    publicada: bool = False,
) -> AccionAlianza:
    """Where and when the results were made visible; `publicada` shows them on the public transparency pages."""
    if not permissions.can_visibilizar_accion(usuario, accion):
        raise ErrorDeDominio(_("La visibilización se registra para una acción finalizada de su dependencia."))
    medio_publicacion = (medio_publicacion or "").strip()
    with Revision() as revision:
        revision.exigir(bool(medio_publicacion), _("Indique el medio de publicación."), campo="medio_publicacion")
        revisar_fecha_pasada(
            revision, fecha_publicacion, campo="fecha_publicacion", etiqueta=_("la fecha de publicación")
        )
    accion.medio_publicacion = medio_publicacion
    accion.fecha_publicacion = fecha_publicacion
    accion.enlace_publicacion = (enlace_publicacion or "").strip()
    accion.publicada = bool(publicada)
    validar_modelo(accion, excluir=("revision", "aliados"))
    guardar(accion, usuario, ["medio_publicacion", "fecha_publicacion", "enlace_publicacion", "publicada"])
    return accion
