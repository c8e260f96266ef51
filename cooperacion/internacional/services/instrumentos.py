"""Writes on international instruments: registering them, their state with its date (adopted, ratified,
denounced), the studies for adoption or ratification, and the memorias with their business-day due date."""

from datetime import date

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from cooperacion.core.calendario import sumar_dias_habiles
from cooperacion.core.errores import ErrorDeDominio, Revision
from cooperacion.core.fechas import MINIMO_HISTORICO, error_de_ventana
from cooperacion.core.models import Actor, Dependencia, Usuario
from cooperacion.core.services import aplicar_transicion

from .. import permissions
from ..models import EstudioInstrumento, InstrumentoInternacional, MemoriaInstrumento
from .comun import guardar, revisar_fecha_pasada, validar_modelo

# The date each dated transition sets, and who may take it.
FECHAS_DE_ESTADO = {
    "adoptar": ("fecha_adopcion", permissions.can_adoptar_instrumento),
    "ratificar": ("fecha_ratificacion", permissions.can_ratificar_instrumento),
    "denunciar": ("fecha_denuncia", permissions.can_denunciar_instrumento),
}


@transaction.atomic
def instrumento_registrar(
    *,
    usuario: Usuario,
    codigo: str,
    nombre: str,
    organizacion: Actor,
    dependencia: Dependencia,
    descripcion: str = "",
) -> InstrumentoInternacional:
    """The office registers an instrument under study."""
    if not permissions.can_registrar_instrumento(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación o el Administrador registran instrumentos."))
    instrumento = InstrumentoInternacional(
        codigo=codigo.strip().upper(),
        nombre=nombre.strip(),
        organizacion=organizacion,
        dependencia=dependencia,
        descripcion=descripcion.strip(),
    )
    validar_modelo(instrumento, excluir=("revision",))
    guardar(instrumento, usuario)
    return instrumento


@transaction.atomic
def instrumento_negociar(
    *, instrumento: InstrumentoInternacional, usuario: Usuario, motivo: str = ""
) -> InstrumentoInternacional:
    if not permissions.aprueba_en_la_oficina(usuario):
        raise ErrorDeDominio(_("Solo el jefe de la oficina de cooperación cambia el estado del instrumento."))
    return aplicar_transicion(instrumento, "negociar", usuario=usuario, motivo=motivo.strip())


@transaction.atomic
def instrumento_fechar(
    *, instrumento: InstrumentoInternacional, usuario: Usuario, transicion: str, fecha: date | None, motivo: str = ""
) -> InstrumentoInternacional:
    """Adopted, ratified or denounced on a date (historical dates back to 1919 are accepted)."""
    if transicion not in FECHAS_DE_ESTADO:
        raise ValueError(transicion)
    campo, _permitida = FECHAS_DE_ESTADO[transicion]
    if not permissions.aprueba_en_la_oficina(usuario):
        raise ErrorDeDominio(_("Solo el jefe de la oficina de cooperación cambia el estado del instrumento."))
    with Revision() as revision:
        if fecha is None:
            revision.falla(_("Indique la fecha."), campo="fecha")
        elif mensaje := error_de_ventana(fecha, minimo=MINIMO_HISTORICO):
            revision.falla(mensaje, campo="fecha")
        elif transicion == "ratificar" and instrumento.fecha_adopcion and fecha < instrumento.fecha_adopcion:
            revision.falla(_("La ratificación no puede ser anterior a la adopción."), campo="fecha")
        elif transicion == "denunciar" and instrumento.fecha_ratificacion and fecha < instrumento.fecha_ratificacion:
            revision.falla(_("La denuncia no puede ser anterior a la ratificación."), campo="fecha")
        if transicion == "denunciar":
            revision.exigir(bool((motivo or "").strip()), _("Indique el motivo de la denuncia."), campo="motivo")
    assert fecha is not None  # the Revision above refused a missing date
    setattr(instrumento, campo, fecha)
    texto = (motivo or "").strip() or _("Fecha: %(f)s.") % {"f": fecha.strftime("%d/%m/%Y")}
    return aplicar_transicion(instrumento, transicion, usuario=usuario, motivo=texto, campos=("estado", campo))


@transaction.atomic
def estudio_agregar(
    *,
    instrumento: InstrumentoInternacional,
    usuario: Usuario,
    titulo: str,
    proposito: str,
    fecha: date,
    documento: File[bytes],
) -> EstudioInstrumento:
    if not permissions.can_agregar_estudio(usuario, instrumento):
        raise ErrorDeDominio(_("Solo se agregan estudios a un instrumento aún no ratificado, desde su dependencia."))
    with Revision() as revision:
        revisar_fecha_pasada(revision, fecha, campo="fecha", etiqueta=_("la fecha del estudio"))
    estudio = EstudioInstrumento(
        instrumento=instrumento,
        titulo=titulo.strip(),
        proposito=proposito,
        fecha=fecha,
        documento=documento,
        registrado_por=usuario,
    )
    validar_modelo(estudio)
    guardar(estudio, usuario)
    return estudio


def fecha_limite_habil(fecha_solicitud: date, dias_habiles: int) -> date:
    """The due date `dias_habiles` Colombian business days after the request (weekends and holidays skipped)."""
    return sumar_dias_habiles(fecha_solicitud, dias_habiles)


@transaction.atomic
def memoria_programar(
    *,
    instrumento: InstrumentoInternacional,
    usuario: Usuario,
    periodo: str,
    fecha_solicitud: date | None,
    dependencia: Dependencia,
    dias_habiles: int | None = None,
    fecha_limite: date | None = None,
) -> MemoriaInstrumento:
    """A memoria due for a ratified instrument; with a term in business days the due date is computed."""
    if not permissions.can_programar_memoria(usuario, instrumento):
        raise ErrorDeDominio(_("Las memorias se programan para instrumentos ratificados, desde la oficina."))
    with Revision() as revision:
        if fecha_solicitud is None:
            revision.falla(_("Indique la fecha de la solicitud."), campo="fecha_solicitud")
        elif dias_habiles:
            fecha_limite = fecha_limite_habil(fecha_solicitud, dias_habiles)
        revision.exigir(
            fecha_limite is not None,
            _("Indique la fecha límite o el plazo en días hábiles."),
            campo="fecha_limite",
        )
    # the Revision above refused missing dates
    assert fecha_solicitud is not None
    assert fecha_limite is not None
    memoria = MemoriaInstrumento(
        instrumento=instrumento,
        periodo=periodo.strip(),
        fecha_solicitud=fecha_solicitud,
        dias_habiles=dias_habiles or None,
        fecha_limite=fecha_limite,
        dependencia=dependencia,
    )
    validar_modelo(memoria)
    guardar(memoria, usuario)
    return memoria


@transaction.atomic
def memoria_registrar_envio(
    *,
    memoria: MemoriaInstrumento,
    usuario: Usuario,
    fecha_envio: date | None,
    radicado: str,
    soporte: File[bytes] | None = None,
) -> MemoriaInstrumento:
    """The memoria was sent: date, filing number and, optionally, the proof; it leaves the deadlines."""
    if not permissions.can_registrar_envio_memoria(usuario, memoria):
        raise ErrorDeDominio(_("Esta memoria ya se envió o no corresponde a su dependencia."))
    radicado = (radicado or "").strip()
    with Revision() as revision:
        revisar_fecha_pasada(revision, fecha_envio, campo="fecha_envio", etiqueta=_("la fecha de envío"))
        if fecha_envio and fecha_envio < memoria.fecha_solicitud:
            revision.falla(_("El envío no puede ser anterior a la solicitud."), campo="fecha_envio")
        revision.exigir(bool(radicado), _("Indique el radicado del envío."), campo="radicado")
    memoria.fecha_envio = fecha_envio
    memoria.radicado = radicado
    campos = ["fecha_envio", "radicado"]
    if soporte:
        memoria.soporte = soporte
        campos.append("soporte")
    guardar(memoria, usuario, campos)
    return memoria
