"""Writes on commissions: registering them, their sessions with minutes, and the commitments agreed."""

from datetime import date

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from cooperacion.core.errores import ErrorDeDominio, Revision
from cooperacion.core.models import Dependencia, Usuario
from cooperacion.core.services import notificar

from .. import permissions
from ..models import Comision, CompromisoSesion, SesionComision
from .comun import guardar, revisar_compromiso, revisar_fecha_pasada, validar_modelo


@transaction.atomic
def comision_registrar(*, usuario: Usuario, nombre: str, dependencia: Dependencia, descripcion: str = "") -> Comision:
    if not permissions.can_registrar_comision(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación o el Administrador registran comisiones."))
    comision = Comision(nombre=nombre.strip(), descripcion=descripcion.strip(), dependencia=dependencia)
    validar_modelo(comision, excluir=("revision",))
    guardar(comision, usuario)
    return comision


@transaction.atomic
def sesion_registrar(
    *,
    comision: Comision,
    usuario: Usuario,
    fecha: date | None,
    lugar: str = "",
    temas: str = "",
    acta: File[bytes] | None = None,
) -> SesionComision:
    """A session held, with its minutes when they are ready."""
    if not permissions.can_registrar_sesion(usuario, comision):
        raise ErrorDeDominio(_("Solo la secretaría técnica registra las sesiones de una comisión activa."))
    with Revision() as revision:
        revisar_fecha_pasada(revision, fecha, campo="fecha", etiqueta=_("la fecha de la sesión"))
    assert fecha is not None  # the Revision above refused a missing date
    sesion = SesionComision(comision=comision, fecha=fecha, lugar=lugar.strip(), temas=temas.strip(), acta=acta or "")
    validar_modelo(sesion)
    guardar(sesion, usuario)
    return sesion


@transaction.atomic
def compromiso_de_sesion_agregar(
    *, sesion: SesionComision, usuario: Usuario, descripcion: str, responsable: Usuario, fecha_limite: date | None
) -> CompromisoSesion:
    """A commitment agreed in the session; the responsible is told and the engine reminds them."""
    if not permissions.puede_preparar_comision(usuario, sesion.comision):
        raise ErrorDeDominio(_("Solo la secretaría técnica registra los compromisos de la sesión."))
    revisar_compromiso(
        descripcion,
        responsable,
        fecha_limite,
        desde=sesion.fecha,
        mensaje_desde=_("La fecha límite no puede ser anterior a la sesión."),
    )
    assert fecha_limite is not None  # revisar_compromiso refused a missing date
    compromiso = CompromisoSesion(
        sesion=sesion, descripcion=descripcion.strip(), responsable=responsable, fecha_limite=fecha_limite
    )
    guardar(compromiso, usuario)
    if responsable.pk != usuario.pk:
        notificar(
            usuario=responsable,
            titulo=_("Nuevo compromiso: %(c)s") % {"c": sesion.comision},
            mensaje=compromiso.descripcion,
            url=sesion.get_absolute_url(),
        )
    return compromiso


@transaction.atomic
def compromiso_de_sesion_cumplir(
    *, compromiso: CompromisoSesion, usuario: Usuario, cumplido_en: date | None
) -> CompromisoSesion:
    if not permissions.can_cumplir_compromiso_sesion(usuario, compromiso):
        raise ErrorDeDominio(_("Este compromiso ya se cumplió o no le corresponde."))
    with Revision() as revision:
        revisar_fecha_pasada(revision, cumplido_en, campo="cumplido_en", etiqueta=_("la fecha de cumplimiento"))
    compromiso.cumplido_en = cumplido_en
    guardar(compromiso, usuario, ["cumplido_en"])
    return compromiso
