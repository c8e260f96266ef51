"""Helpers shared by the services of the accountability strategy."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING, overload

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from cooperacion.core import fechas, roles
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Usuario
from cooperacion.core.services import notificar
from cooperacion.core.tipos import historia

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def validar(obj: Model, excluir: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=excluir, validate_unique=True)
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(dict.fromkeys(error.messages))) from error


def guardar(obj: Model, usuario: Usuario | None, campos: Iterable[str] | None = None, motivo: str = "") -> None:
    historia(obj)._history_user = usuario
    if motivo:
        historia(obj)._change_reason = motivo[:100]
    obj.save(update_fields=list(campos) if campos is not None else None)


def texto(valor: str | None) -> str:
    return (valor or "").strip() if isinstance(valor, str) or valor is None else valor


def texto_requerido(valor: str | None, mensaje: StrOrPromise) -> str:
    limpio = texto(valor)
    if not limpio:
        raise ErrorDeDominio(mensaje)
    return limpio


def fecha_en_ventana(valor: date | None, etiqueta: StrOrPromise) -> None:
    if valor is not None:
        fechas.exigir_en_ventana(valor, etiqueta=etiqueta)


def personal_de(dependencia_ids: Collection[int]) -> list[Usuario]:
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


def avisar(
    usuarios: Iterable[Usuario | None],
    *,
    excepto: Usuario | None = None,
    titulo: StrOrPromise,
    mensaje: str = "",
    url: str = "",
) -> None:
    """In-app notice (its e-mail goes through the outbox) to each user once, except the one who acted."""
    vistos: set[int] = set()
    for usuario in usuarios:
        if usuario is None or usuario.pk in vistos or usuario.pk == getattr(excepto, "pk", None):
            continue
        vistos.add(usuario.pk)
        if usuario.is_active:
            notificar(usuario=usuario, titulo=titulo, mensaje=mensaje, url=url)


def ddmmaaaa(valor: date | None) -> str:
    return valor.strftime("%d/%m/%Y") if valor else _("sin fecha")


@overload
def mover_de_anio(valor: date, anios: int) -> date: ...
@overload
def mover_de_anio(valor: None, anios: int) -> None: ...
@overload
def mover_de_anio(valor: date | None, anios: int) -> date | None: ...
def mover_de_anio(valor: date | None, anios: int) -> date | None:
    """The same day `anios` years later (29 February becomes 28 February)."""
    if valor is None:
        return None
    try:
        return valor.replace(year=valor.year + anios)
    except ValueError:
        return valor.replace(year=valor.year + anios, day=28)
