"""Helpers shared by the services of the call pipeline."""

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
from cooperacion.core.textos import resumir
from cooperacion.core.tipos import historia

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def bloquear(obj: Model) -> None:
    """Reload the record under a row lock, so two people cannot act on the same state at once."""
    obj.refresh_from_db(from_queryset=type(obj)._default_manager.select_for_update())


def validar(obj: Model, excluir: Collection[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=excluir)
    except ValidationError as error:
        raise ErrorDeDominio(" ".join(dict.fromkeys(error.messages))) from error


def guardar(
    obj: Model, usuario: Usuario | None, campos: Iterable[str] | None = None, motivo: StrOrPromise = ""
) -> None:
    historia(obj)._history_user = usuario
    if motivo:
        historia(obj)._change_reason = resumir(motivo, 100)
    obj.save(update_fields=campos)


def jefes_de(dependencia_id: int) -> list[Usuario]:
    return list(
        Usuario.objects.filter(groups__name=roles.JEFE, is_active=True, dependencia_id=dependencia_id).distinct()
    )


def personal_de(dependencia_ids: Iterable[int]) -> list[Usuario]:
    """Active Profesional and Jefe users of some dependencias."""
    return list(
        Usuario.objects.filter(
            groups__name__in=[roles.JEFE, roles.PROFESIONAL], is_active=True, dependencia_id__in=dependencia_ids
        ).distinct()
    )


def avisar(
    usuarios: Iterable[Usuario | None],
    *,
    excepto: Usuario | None,
    titulo: StrOrPromise,
    mensaje: str = "",
    url: str = "",
    tarea: str = "",
) -> None:
    """In-app notice (and e-mail after commit) to each user once, except the one who acted. `tarea` names the
    action the notice asks for: it leaves the bell when that action is done (see tarea)."""
    vistos: set[int] = set()
    for usuario in usuarios:
        if usuario is None or usuario.pk in vistos or usuario.pk == getattr(excepto, "pk", None):
            continue
        vistos.add(usuario.pk)
        if usuario.is_active:
            notificar(usuario=usuario, titulo=titulo, mensaje=mensaje, url=url, tarea=tarea)


def tarea(obj: Model, accion: str) -> str:
    """The key of an action on a record ("convocatorias.convocatoria:12:validar") for notices and their closing."""
    return f"{obj._meta.label_lower}:{obj.pk}:{accion}"


def texto_requerido(valor: str, mensaje: str) -> str:
    valor = (valor or "").strip()
    if not valor:
        raise ErrorDeDominio(mensaje)
    return valor


def fecha_ddmmaaaa(valor: date | None) -> str:
    return valor.strftime("%d/%m/%Y") if valor else _("sin fecha")
