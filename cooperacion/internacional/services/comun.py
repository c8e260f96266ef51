"""What every write of this app shares: the full_clean that turns model errors into domain errors, the save with
its history user, and the plain field edit."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperacion.core import roles
from cooperacion.core.errores import ErrorDeDominio, Revision
from cooperacion.core.fechas import error_de_ventana
from cooperacion.core.models import Moneda, Usuario
from cooperacion.core.tipos import historia

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def validar_modelo(obj: Model, *, excluir: Collection[str] = ()) -> None:
    """Model validation (constraints included) as one domain error with every problem in its field."""
    try:
        obj.full_clean(exclude=list(excluir))
    except ValidationError as error:
        problemas: list[tuple[str | None, str]] = []
        for campo, mensajes in error.message_dict.items():
            for mensaje in mensajes:
                problemas.append((None if campo == "__all__" else campo, mensaje))
        raise ErrorDeDominio(problemas=problemas) from error


def guardar(obj: Model, usuario: Usuario, campos: list[str] | None = None) -> None:
    historia(obj)._history_user = usuario
    obj.save(update_fields=campos)


def aplicar_cambios(obj: Model, cambios: dict[str, Any], permitidos: frozenset[str]) -> list[str]:
    """Set the changed plain fields on `obj`; returns their names. Unknown fields are a programming error."""
    desconocidos = set(cambios) - permitidos
    if desconocidos:
        raise TypeError(f"Campos no editables: {', '.join(sorted(desconocidos))}")
    campos = []
    for nombre, valor in cambios.items():
        if isinstance(valor, str):
            valor = valor.strip()
        if getattr(obj, nombre) != valor:
            setattr(obj, nombre, valor)
            campos.append(nombre)
    return campos


def revisar_monto(revision: Revision, monto: Decimal | None, moneda: Moneda | None, *, campo: str = "monto") -> None:
    if monto is None:
        return
    revision.exigir(monto > 0, _("El monto debe ser mayor que cero."), campo=campo)
    revision.exigir(moneda is not None, _("Indique la moneda del monto."), campo="moneda")


def revisar_fecha_pasada(revision: Revision, fecha: date | None, *, campo: str, etiqueta: str) -> None:
    """A date of something that already happened: required, inside the window, not after today."""
    if fecha is None:
        revision.falla(_("Indique %(etiqueta)s.") % {"etiqueta": etiqueta}, campo=campo)
        return
    mensaje = error_de_ventana(fecha)
    if mensaje:
        revision.falla(mensaje, campo=campo)
    elif fecha > timezone.localdate():
        revision.falla(
            _("%(etiqueta)s no puede ser posterior a hoy.") % {"etiqueta": etiqueta.capitalize()}, campo=campo
        )


def revisar_compromiso(
    descripcion: str,
    responsable: Usuario | None,
    fecha_limite: date | None,
    *,
    desde: date,
    mensaje_desde: StrOrPromise,
) -> None:
    """Every problem of a commitment at once: text, a due date in the window and not before `desde`, and an active
    Profesional or Jefe as responsible."""
    with Revision() as revision:
        revision.exigir(bool((descripcion or "").strip()), _("Describa el compromiso."), campo="descripcion")
        if fecha_limite is None:
            revision.falla(_("Indique la fecha límite del compromiso."), campo="fecha_limite")
        elif mensaje := error_de_ventana(fecha_limite):
            revision.falla(mensaje, campo="fecha_limite")
        elif fecha_limite < desde:
            revision.falla(mensaje_desde, campo="fecha_limite")
        revision.exigir(
            responsable is not None and responsable.is_active and responsable.tiene_rol(roles.PROFESIONAL, roles.JEFE),
            _("El responsable debe ser un profesional o jefe activo."),
            campo="responsable",
        )
