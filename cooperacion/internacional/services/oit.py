"""Writes on ILO cases: registering and editing them, and their transitions (answer, close, reopen)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Dependencia, Usuario
from cooperacion.core.services import aplicar_transicion, notificar
from cooperacion.core.tipos import historia

from .. import permissions
from ..models import CasoOIT, DocumentoCaso

CAMPOS_EDITABLES = frozenset(
    {
        "numero",
        "tipo",
        "convenios",
        "asunto",
        "organizacion_querellante",
        "fecha_recepcion",
        "fecha_limite_respuesta",
        "responsable",
        "dependencia",
    }
)


def _bloquear(caso: CasoOIT) -> None:
    """Reload the case under a row lock, so two people cannot act on the same state at once."""
    caso.refresh_from_db(from_queryset=CasoOIT.objects.select_for_update())


def _validar(caso: CasoOIT) -> None:
    responsable = caso.responsable
    if not (
        responsable.is_active
        and responsable.dependencia_id == caso.dependencia_id
        and responsable.tiene_rol(roles.PROFESIONAL, roles.JEFE)
    ):
        raise ErrorDeDominio(_("El responsable debe ser un profesional o jefe activo de la dependencia del caso."))
    try:
        caso.full_clean()
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(error.messages)) from error


def _guardar(caso: CasoOIT, usuario: Usuario, campos: list[str] | None = None) -> None:
    historia(caso)._history_user = usuario
    caso.save(update_fields=campos)


@transaction.atomic
def caso_crear(
    *,
    usuario: Usuario,
    numero: str,
    tipo: str,
    convenios: str,
    asunto: str,
    fecha_recepcion: date,
    fecha_limite_respuesta: date,
    responsable: Usuario,
    organizacion_querellante: str = "",
    dependencia: Dependencia | None = None,
) -> CasoOIT:
    """Register a case. Profesional and Jefe register it for their own dependencia; the Administrador picks one."""
    if not permissions.can_crear_caso(usuario):
        raise ErrorDeDominio(
            _("Solo un profesional o jefe de una dependencia, o el Administrador, registra casos OIT.")
        )
    if not usuario.tiene_rol(roles.ADMINISTRADOR) or dependencia is None:
        dependencia = usuario.dependencia
    if dependencia is None:
        raise ErrorDeDominio(_("Indique la dependencia que debe responder el caso."))
    caso = CasoOIT(
        numero=numero.strip(),
        tipo=tipo,
        convenios=convenios.strip(),
        asunto=asunto.strip(),
        organizacion_querellante=organizacion_querellante.strip(),
        fecha_recepcion=fecha_recepcion,
        fecha_limite_respuesta=fecha_limite_respuesta,
        dependencia=dependencia,
        responsable=responsable,
    )
    _validar(caso)
    _guardar(caso, usuario)
    return caso


@transaction.atomic
def caso_editar(*, caso: CasoOIT, usuario: Usuario, **cambios: Any) -> CasoOIT:
    """Change the data of a case still in trámite; only the Administrador may move it to another dependencia."""
    desconocidos = set(cambios) - CAMPOS_EDITABLES
    if desconocidos:
        raise TypeError(f"Campos no editables: {', '.join(sorted(desconocidos))}")
    _bloquear(caso)
    if not permissions.puede_preparar(usuario, caso):
        raise ErrorDeDominio(_("Solo un profesional o el jefe de la dependencia, o el Administrador, edita este caso."))
    if caso.estado != CasoOIT.Estado.EN_TRAMITE:
        raise ErrorDeDominio(_("Solo se pueden editar los casos en trámite."))
    if (
        "dependencia" in cambios
        and cambios["dependencia"].pk != caso.dependencia_id
        and not usuario.tiene_rol(roles.ADMINISTRADOR)
    ):
        raise ErrorDeDominio(_("Solo el Administrador puede cambiar la dependencia del caso."))
    campos: list[str] = []
    for nombre, valor in cambios.items():
        if isinstance(valor, str):
            valor = valor.strip()
        if getattr(caso, nombre) != valor:
            setattr(caso, nombre, valor)
            campos.append(nombre)
    if campos:
        _validar(caso)
        _guardar(caso, usuario, campos)
    return caso


@transaction.atomic
def caso_registrar_respuesta(
    *,
    caso: CasoOIT,
    usuario: Usuario,
    fecha_respuesta: date | None,
    radicado: str,
    motivo: str = "",
    documento: File[bytes] | None = None,
) -> CasoOIT:
    """The Jefe approves and files the answer sent to the ILO; the responsable is notified."""
    _bloquear(caso)
    if not permissions.puede_aprobar(usuario, caso):
        raise ErrorDeDominio(_("Solo el jefe de la dependencia o el Administrador registra la respuesta."))
    if caso.estado != CasoOIT.Estado.EN_TRAMITE:
        raise ErrorDeDominio(_("Solo se registra la respuesta de un caso en trámite."))
    radicado = (radicado or "").strip()
    if not radicado:
        raise ErrorDeDominio(_("Indique el número de radicado de la respuesta enviada."))
    largo_maximo = CasoOIT._meta.get_field("radicado_respuesta").max_length
    if largo_maximo is not None and len(radicado) > largo_maximo:
        raise ErrorDeDominio(_("El radicado es demasiado largo."))
    if fecha_respuesta is None:
        raise ErrorDeDominio(_("Indique la fecha en que se envió la respuesta."))
    if fecha_respuesta > timezone.localdate():
        raise ErrorDeDominio(_("La fecha de respuesta no puede ser posterior a hoy."))
    if fecha_respuesta < caso.fecha_recepcion:
        raise ErrorDeDominio(_("La fecha de respuesta no puede ser anterior a la de recepción del caso."))

    caso.fecha_respuesta = fecha_respuesta
    caso.radicado_respuesta = radicado
    motivo = motivo.strip() or _("Respuesta enviada el %(fecha)s con radicado %(radicado)s.") % {
        "fecha": fecha_respuesta.strftime("%d/%m/%Y"),
        "radicado": radicado,
    }
    aplicar_transicion(
        caso,
        "registrar_respuesta",
        usuario=usuario,
        motivo=motivo,
        campos=("estado", "fecha_respuesta", "radicado_respuesta"),
    )
    if documento:  # the answer as sent (a reopened case may have a second one)
        _guardar_documento(caso, usuario, "respuesta", documento)
    _avisar_al_responsable(
        caso,
        usuario,
        titulo=_("Respuesta registrada: %(caso)s") % {"caso": caso.titulo},
        mensaje=_("%(quien)s registró la respuesta enviada el %(fecha)s con radicado %(radicado)s.")
        % {"quien": usuario, "fecha": fecha_respuesta.strftime("%d/%m/%Y"), "radicado": radicado},
    )
    return caso


@transaction.atomic
def caso_cerrar(*, caso: CasoOIT, usuario: Usuario, motivo: str) -> CasoOIT:
    """Archive an answered case (the ILO body closed it or took note of the answer)."""
    _bloquear(caso)
    if not permissions.puede_aprobar(usuario, caso):
        raise ErrorDeDominio(_("Solo el jefe de la dependencia o el Administrador cierra el caso."))
    if not motivo.strip():
        raise ErrorDeDominio(_("Indique el motivo del cierre."))
    return aplicar_transicion(caso, "cerrar", usuario=usuario, motivo=motivo.strip())


@transaction.atomic
def caso_reabrir(*, caso: CasoOIT, usuario: Usuario, motivo: str, nueva_fecha_limite: date | None) -> CasoOIT:
    """The ILO asked for more information: the case goes back to trámite with a new deadline."""
    _bloquear(caso)
    if not permissions.puede_aprobar(usuario, caso):
        raise ErrorDeDominio(_("Solo el jefe de la dependencia o el Administrador reabre el caso."))
    if caso.estado != CasoOIT.Estado.RESPONDIDO:
        raise ErrorDeDominio(_("Solo se reabre un caso respondido."))
    if not motivo.strip():
        raise ErrorDeDominio(_("Indique el motivo de la reapertura."))
    if nueva_fecha_limite is None:
        raise ErrorDeDominio(_("Indique la nueva fecha límite de respuesta."))
    if nueva_fecha_limite <= timezone.localdate():
        raise ErrorDeDominio(_("La nueva fecha límite debe ser posterior a hoy."))
    if nueva_fecha_limite < caso.fecha_recepcion:
        raise ErrorDeDominio(_("La fecha límite de respuesta no puede ser anterior a la de recepción."))

    caso.fecha_limite_respuesta = nueva_fecha_limite
    aplicar_transicion(
        caso, "reabrir", usuario=usuario, motivo=motivo.strip(), campos=("estado", "fecha_limite_respuesta")
    )
    _avisar_al_responsable(
        caso,
        usuario,
        titulo=_("Caso reabierto: %(caso)s") % {"caso": caso.titulo},
        mensaje=_("La OIT pidió más información. Nueva fecha límite de respuesta: %(fecha)s. Motivo: %(motivo)s")
        % {"fecha": nueva_fecha_limite.strftime("%d/%m/%Y"), "motivo": motivo.strip()},
    )
    return caso


def _avisar_al_responsable(caso: CasoOIT, usuario: Usuario, *, titulo: str, mensaje: str) -> None:
    """In-app notice (and e-mail after commit) to the responsable, unless they took the action themselves."""
    responsable = caso.responsable
    if responsable.pk != usuario.pk and responsable.is_active:
        notificar(usuario=responsable, titulo=titulo, mensaje=mensaje, url=caso.get_absolute_url())


@transaction.atomic
def documento_caso_agregar(
    *, caso: CasoOIT, usuario: Usuario, tipo: str, archivo: File[bytes], descripcion: str = ""
) -> DocumentoCaso:
    """The communication received or a new draft of the answer (its version is the next one). The answer as sent
    is filed by the Jefe with `caso_registrar_respuesta`."""
    _bloquear(caso)
    if not permissions.puede_preparar(usuario, caso):
        raise ErrorDeDominio(
            _("Solo un profesional o el jefe de la dependencia, o el Administrador, suben documentos.")
        )
    if tipo not in (DocumentoCaso.Tipo.COMUNICACION, DocumentoCaso.Tipo.BORRADOR):
        raise ErrorDeDominio(_("La respuesta enviada se registra con «Registrar la respuesta»."), campo="tipo")
    if tipo == DocumentoCaso.Tipo.BORRADOR and caso.estado != CasoOIT.Estado.EN_TRAMITE:
        raise ErrorDeDominio(_("Los borradores se suben mientras el caso está en trámite."), campo="tipo")
    return _guardar_documento(caso, usuario, tipo, archivo, descripcion.strip())


def _guardar_documento(
    caso: CasoOIT, usuario: Usuario, tipo: str, archivo: File[bytes], descripcion: str = ""
) -> DocumentoCaso:
    """A document of the case as the next version of its kind."""
    ultima = DocumentoCaso.objects.filter(caso=caso, tipo=tipo).aggregate(v=Max("version"))["v"] or 0
    documento = DocumentoCaso(
        caso=caso, tipo=tipo, version=ultima + 1, archivo=archivo, descripcion=descripcion, subido_por=usuario
    )
    historia(documento)._history_user = usuario
    documento.save()
    return documento
