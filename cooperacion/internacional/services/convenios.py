"""Writes on agreements: registering and editing them (parties, validity, amount, signed document), their
commitments, the periodic review of their operation and effectiveness, and ending them."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio, Revision
from cooperacion.core.fechas import error_de_ventana
from cooperacion.core.models import Actor, Dependencia, Moneda, Usuario
from cooperacion.core.services import aplicar_transicion, notificar

from .. import permissions
from ..models import CompromisoConvenio, Convenio, LineaPrioritaria, RevisionConvenio
from .comun import aplicar_cambios, guardar, revisar_compromiso, revisar_fecha_pasada, revisar_monto, validar_modelo

CAMPOS_CONVENIO = frozenset(
    {
        "numero",
        "tipo",
        "alcance",
        "objeto",
        "dependencia",
        "responsable",
        "fecha_firma",
        "fecha_inicio",
        "fecha_fin",
        "monto",
        "moneda",
        "documento",
        "linea",
    }
)


def revisar_partes_y_fechas(
    revision: Revision,
    *,
    alcance: str,
    actores: Iterable[Actor] | None,
    fecha_firma: date | None,
    fecha_inicio: date | None,
    fecha_fin: date | None,
) -> None:
    """The rules the form also applies, with the model's: the parties by scope, a signature already made, the
    validity after the signature and the start."""
    actores = list(actores or [])
    if alcance == Convenio.Alcance.BILATERAL:
        revision.exigir(len(actores) == 1, _("Un convenio bilateral se suscribe con un solo actor."), campo="actores")
    elif alcance == Convenio.Alcance.MULTILATERAL:
        revision.exigir(
            len(actores) >= 2, _("Un convenio multilateral se suscribe con dos o más actores."), campo="actores"
        )
    revisar_fecha_pasada(revision, fecha_firma, campo="fecha_firma", etiqueta=_("la fecha de firma"))
    if fecha_fin and fecha_inicio and fecha_fin < fecha_inicio:
        revision.falla(_("El fin de la vigencia no puede ser anterior al inicio."), campo="fecha_fin")
    elif fecha_fin and fecha_firma and fecha_fin < fecha_firma:
        revision.falla(_("El fin de la vigencia no puede ser anterior a la firma."), campo="fecha_fin")


def _revisar(convenio: Convenio, actores: Iterable[Actor], dependencias_parte: list[Dependencia]) -> None:
    """Every problem of the agreement's data at once: parties by scope, dates in order, amount with currency."""
    actores = list(actores)
    with Revision() as revision:
        revisar_partes_y_fechas(
            revision,
            alcance=convenio.alcance,
            actores=actores,
            fecha_firma=convenio.fecha_firma,
            fecha_inicio=convenio.fecha_inicio,
            fecha_fin=convenio.fecha_fin,
        )
        revision.exigir(
            convenio.dependencia_id not in {d.pk for d in dependencias_parte},
            _("La dependencia responsable ya es parte: no la repita entre las otras dependencias."),
            campo="dependencias_parte",
        )
        for campo, etiqueta in (("fecha_inicio", _("el inicio")), ("fecha_fin", _("el fin de la vigencia"))):
            valor = getattr(convenio, campo)
            if valor is None:
                revision.falla(_("Indique %(e)s.") % {"e": etiqueta}, campo=campo)
            elif mensaje := error_de_ventana(valor):
                revision.falla(mensaje, campo=campo)
        revisar_monto(revision, convenio.monto, convenio.moneda)
        responsable = convenio.responsable
        revision.exigir(
            responsable.is_active
            and responsable.tiene_rol(roles.PROFESIONAL, roles.JEFE)
            and responsable.dependencia_id == convenio.dependencia_id,
            _("El responsable debe ser un profesional o jefe activo de la dependencia responsable."),
            campo="responsable",
        )
        if convenio.linea_id:
            revision.exigir(
                LineaPrioritaria.objects.vigentes().filter(pk=convenio.linea_id).exists()
                or convenio.linea_id == getattr(convenio, "_linea_anterior", None),
                _("Elija una línea prioritaria aprobada y activa."),
                campo="linea",
            )
    validar_modelo(convenio, excluir=("revision", "actores", "dependencias_parte"))


@transaction.atomic
def convenio_registrar(
    *,
    usuario: Usuario,
    numero: str,
    tipo: str,
    alcance: str,
    objeto: str,
    actores: Iterable[Actor],
    dependencia: Dependencia,
    responsable: Usuario,
    fecha_firma: date | None,
    fecha_inicio: date | None,
    fecha_fin: date | None,
    dependencias_parte: Iterable[Dependencia] = (),
    monto: Decimal | None = None,
    moneda: Moneda | None = None,
    documento: File[bytes] | None = None,
    linea: LineaPrioritaria | None = None,
) -> Convenio:
    """Register a signed agreement with its parties; it enters the engine with its expiry date."""
    if not permissions.can_registrar_convenio(usuario):
        raise ErrorDeDominio(_("Solo la oficina de cooperación o el Administrador registran convenios."))
    convenio = Convenio(  # type: ignore[misc]  # missing dates are reported by _revisar below
        numero=numero.strip(),
        tipo=tipo,
        alcance=alcance,
        objeto=objeto.strip(),
        dependencia=dependencia,
        responsable=responsable,
        fecha_firma=fecha_firma,
        fecha_inicio=fecha_inicio,
        fecha_fin=fecha_fin,
        monto=monto,
        moneda=moneda if monto is not None else None,
        documento=documento or "",
        linea=linea,
    )
    partes = list(dependencias_parte)
    _revisar(convenio, actores, partes)
    guardar(convenio, usuario)
    convenio.actores.set(actores)
    convenio.dependencias_parte.set(partes)
    return convenio


@transaction.atomic
def convenio_editar(
    *,
    convenio: Convenio,
    usuario: Usuario,
    actores: Iterable[Actor] | None = None,
    dependencias_parte: Iterable[Dependencia] | None = None,
    **cambios: Any,
) -> Convenio:
    if not permissions.can_editar_convenio(usuario, convenio):
        raise ErrorDeDominio(_("Solo se edita un convenio vigente, por su dependencia o la oficina de cooperación."))
    if cambios.get("documento") in (None, False):
        cambios.pop("documento", None)  # an empty file field keeps the stored document
    convenio._linea_anterior = convenio.linea_id
    campos = aplicar_cambios(convenio, cambios, CAMPOS_CONVENIO)
    elegidos = list(convenio.actores.all()) if actores is None else list(actores)
    partes = list(convenio.dependencias_parte.all()) if dependencias_parte is None else list(dependencias_parte)
    _revisar(convenio, elegidos, partes)
    guardar(convenio, usuario, campos or None)
    convenio.actores.set(elegidos)
    convenio.dependencias_parte.set(partes)
    return convenio


@transaction.atomic
def convenio_terminar(*, convenio: Convenio, usuario: Usuario, motivo: str) -> Convenio:
    """End the agreement (expired, liquidated or terminated early); its open commitments stop running."""
    if not permissions.rol_termina_convenio(usuario, convenio):
        raise ErrorDeDominio(_("Solo el jefe de la oficina o de la dependencia responsable termina el convenio."))
    motivo = (motivo or "").strip()
    if not motivo:
        raise ErrorDeDominio(_("Indique el motivo de la terminación."), campo="motivo")
    return aplicar_transicion(convenio, "terminar", usuario=usuario, motivo=motivo)


@transaction.atomic
def compromiso_agregar(
    *, convenio: Convenio, usuario: Usuario, descripcion: str, responsable: Usuario, fecha_limite: date | None
) -> CompromisoConvenio:
    """A commitment with its responsible and due date; the responsible is told and the engine reminds them."""
    if not permissions.can_editar_convenio(usuario, convenio):
        raise ErrorDeDominio(_("Solo se agregan compromisos a un convenio vigente de su dependencia."))
    revisar_compromiso(
        descripcion,
        responsable,
        fecha_limite,
        desde=convenio.fecha_firma,
        mensaje_desde=_("La fecha límite no puede ser anterior a la firma del convenio."),
    )
    assert fecha_limite is not None  # revisar_compromiso refused a missing date
    compromiso = CompromisoConvenio(
        convenio=convenio, descripcion=descripcion.strip(), responsable=responsable, fecha_limite=fecha_limite
    )
    guardar(compromiso, usuario)
    if responsable.pk != usuario.pk:
        notificar(
            usuario=responsable,
            titulo=_("Nuevo compromiso del %(c)s") % {"c": convenio},
            mensaje=_("%(d)s · Fecha límite: %(f)s")
            % {"d": compromiso.descripcion, "f": fecha_limite.strftime("%d/%m/%Y")},
            url=convenio.get_absolute_url(),
        )
    return compromiso


@transaction.atomic
def compromiso_cumplir(
    *, compromiso: CompromisoConvenio, usuario: Usuario, cumplido_en: date | None, observacion: str = ""
) -> CompromisoConvenio:
    """Mark a commitment met; its deadline leaves the engine."""
    if not permissions.can_cumplir_compromiso(usuario, compromiso):
        raise ErrorDeDominio(_("Este compromiso ya se cumplió o no le corresponde."))
    with Revision() as revision:
        revisar_fecha_pasada(revision, cumplido_en, campo="cumplido_en", etiqueta=_("la fecha de cumplimiento"))
    compromiso.cumplido_en = cumplido_en
    compromiso.observacion_cumplimiento = (observacion or "").strip()
    guardar(compromiso, usuario, ["cumplido_en", "observacion_cumplimiento"])
    return compromiso


@transaction.atomic
def convenio_revisar(
    *, convenio: Convenio, usuario: Usuario, fecha: date | None, calificacion: int | None, comentario: str
) -> RevisionConvenio:
    """The periodic review of the agreement's operation and effectiveness (PR-CRI, VERIFICAR)."""
    if not permissions.can_revisar_convenio(usuario, convenio):
        raise ErrorDeDominio(_("Solo la dependencia responsable o la oficina revisan un convenio vigente."))
    with Revision() as revision:
        revisar_fecha_pasada(revision, fecha, campo="fecha", etiqueta=_("la fecha de la revisión"))
        revision.exigir(
            calificacion in RevisionConvenio.Calificacion.values,
            _("Elija una calificación de 1 a 5."),
            campo="calificacion",
        )
        revision.exigir(
            bool((comentario or "").strip()),
            _("Comente el funcionamiento y la eficacia del convenio."),
            campo="comentario",
        )
    # the Revision above refused them missing
    assert fecha is not None
    assert calificacion is not None
    revision_convenio = RevisionConvenio(
        convenio=convenio, fecha=fecha, calificacion=calificacion, comentario=comentario.strip(), registrada_por=usuario
    )
    guardar(revision_convenio, usuario)
    return revision_convenio
