"""Helpers shared by the services of the accountability strategy."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cooperacion.core import fechas, roles
from cooperacion.core.models import Usuario
from cooperacion.core.services import ErrorDeDominio, notificar


def validar(obj, excluir: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=excluir, validate_unique=True)
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(dict.fromkeys(error.messages))) from error


def guardar(obj, usuario, campos=None, motivo: str = "") -> None:
    obj._history_user = usuario
    if motivo:
        obj._change_reason = motivo[:100]
    obj.save(update_fields=list(campos) if campos is not None else None)


def texto(valor) -> str:
    return (valor or "").strip() if isinstance(valor, str) or valor is None else valor


def texto_requerido(valor, mensaje: str) -> str:
    valor = texto(valor)
    if not valor:
        raise ErrorDeDominio(mensaje)
    return valor


def fecha_en_ventana(valor: date | None, etiqueta: str) -> None:
    if valor is not None:
        fechas.exigir_en_ventana(valor, etiqueta=etiqueta)


def personal_de(dependencia_ids) -> list[Usuario]:
    """Active Profesional and Jefe users of some dependencias, in a stable order."""
    if not dependencia_ids:
        return []
    return list(
        Usuario.objects.filter(
            groups__name__in=[roles.JEFE, roles.PROFESIONAL], is_active=True, dependencia_id__in=dependencia_ids
        )
        .distinct()
        .order_by("pk")
    )


def con_rol(*nombres: str) -> list[Usuario]:
    return list(Usuario.objects.filter(groups__name__in=nombres, is_active=True).distinct().order_by("pk"))


def avisar(usuarios, *, excepto=None, titulo: str, mensaje: str = "", url: str = "") -> None:
    """In-app notice (its e-mail goes through the outbox) to each user once, except the one who acted."""
    vistos = set()
    for usuario in usuarios:
        if usuario is None or usuario.pk in vistos or usuario.pk == getattr(excepto, "pk", None):
            continue
        vistos.add(usuario.pk)
        if usuario.is_active:
            notificar(usuario=usuario, titulo=titulo, mensaje=mensaje, url=url)


def ddmmaaaa(valor) -> str:
    return valor.strftime("%d/%m/%Y") if valor else _("sin fecha")


def mover_de_anio(valor: date | None, anios: int) -> date | None:
    """The same day `anios` years later (29 February becomes 28 February)."""
    if valor is None:
        return None
    try:
        return valor.replace(year=valor.year + anios)
    except ValueError:
        return valor.replace(year=valor.year + anios, day=28)
