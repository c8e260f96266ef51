"""Errors every layer may raise and every view knows how to show."""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from django.forms import BaseForm
    from django_stubs_ext import StrOrPromise


class ErrorDeDominio(Exception):
    """A rule of the domain was not met; the message is safe to show to the user.

    It may carry several problems at once, each tied to the form field it concerns (`problemas`: [(campo, mensaje)],
    campo None for the form as a whole), so a form shows every problem in its place in one round trip.
    """

    def __init__(
        self,
        mensaje: StrOrPromise = "",
        *,
        campo: str | None = None,
        problemas: Iterable[tuple[str | None, str]] | None = None,
    ) -> None:
        self.problemas: list[tuple[str | None, str]] = list(problemas or ([(campo, str(mensaje))] if mensaje else []))
        super().__init__(str(mensaje) if mensaje else " ".join(m for _campo, m in self.problemas))


class Revision:
    """Collect every unmet rule of a write, then refuse it once with all of them.

    with Revision() as revision:
        revision.exigir(fecha is not None, _("Indique la fecha."), campo="fecha")
        revision.exigir(monto <= ofrecido, _("…"), campo="monto_solicitado")
    """

    def __init__(self) -> None:
        self.errores: list[tuple[str | None, str]] = []

    def exigir(self, condicion: object, mensaje: StrOrPromise, *, campo: str | None = None) -> bool:
        if not condicion:
            self.errores.append((campo, str(mensaje)))
        return bool(condicion)

    def falla(self, mensaje: StrOrPromise, *, campo: str | None = None) -> None:
        self.errores.append((campo, str(mensaje)))

    def revisar(self) -> None:
        if self.errores:
            raise ErrorDeDominio(problemas=self.errores)

    def __enter__(self) -> Revision:
        return self

    def __exit__(
        self, tipo: type[BaseException] | None, valor: BaseException | None, traza: TracebackType | None
    ) -> Literal[False]:
        if tipo is None:
            self.revisar()
        return False


def al_formulario(form: BaseForm, error: ErrorDeDominio) -> None:
    """Put each problem of a domain error next to its field (or at the top of the form)."""
    for campo, mensaje in getattr(error, "problemas", None) or [(None, str(error))]:
        form.add_error(campo if campo in form.fields else None, mensaje)
