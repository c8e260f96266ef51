"""Helpers shared by the services of plans."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio
from cooperacion.core.models import Usuario
from cooperacion.core.services import notificar
from cooperacion.core.tipos import historia

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def validar(obj: Model, excluir: Collection[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=excluir)
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(dict.fromkeys(error.messages))) from error


def guardar(obj: Model, usuario: Usuario | None, campos: Iterable[str] | None = None, motivo: str = "") -> None:
    historia(obj)._history_user = usuario
    if motivo:
        historia(obj)._change_reason = motivo[:100]
    obj.save(update_fields=campos)


def texto(valor: str | None) -> str:
    return (valor or "").strip()


def requerido(valor: str | None, mensaje: StrOrPromise) -> str:
    limpio = texto(valor)
    if not limpio:
        raise ErrorDeDominio(mensaje)
    return limpio


def usuarios_con_rol(*nombres: str, dependencia_ids: Iterable[int | None] | None = None) -> list[Usuario]:
    consulta = Usuario.objects.filter(groups__name__in=nombres, is_active=True)
    if dependencia_ids is not None:
        consulta = consulta.filter(dependencia_id__in=list(dependencia_ids))
    return list(consulta.distinct().order_by("pk"))


def planeacion() -> list[Usuario]:
    return usuarios_con_rol(roles.PLANEACION)


def control_interno() -> list[Usuario]:
    return usuarios_con_rol(roles.CONTROL_INTERNO)


def personal_de(dependencia_id: int | None) -> list[Usuario]:
    return usuarios_con_rol(roles.PROFESIONAL, roles.JEFE, dependencia_ids=[dependencia_id])


def avisar(
    usuarios: Iterable[Usuario | None],
    *,
    excepto: Usuario | None = None,
    titulo: StrOrPromise,
    mensaje: str = "",
    url: str = "",
) -> int:
    """In-app notice (and its e-mail through the outbox) to each user once, except the one who acted."""
    vistos: set[int] = set()
    for usuario in usuarios:
        if usuario is None or usuario.pk in vistos or usuario.pk == getattr(excepto, "pk", None):
            continue
        vistos.add(usuario.pk)
        if usuario.is_active:
            notificar(usuario=usuario, titulo=titulo, mensaje=mensaje, url=url)
    return len(vistos)


def fecha(valor: date | None) -> str:
    return valor.strftime("%d/%m/%Y") if valor else _("sin fecha")
