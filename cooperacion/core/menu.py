"""The main navigation, filled by each app in its AppConfig.ready() (the core cannot import the apps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.urls import reverse

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from .tipos import UsuarioOAnonimo


@dataclass(frozen=True)
class Entrada:
    etiqueta: StrOrPromise
    url_name: str
    visible: Callable[[UsuarioOAnonimo], bool]
    hijos: tuple[Entrada, ...] = field(default_factory=tuple)
    orden: int = 50


_entradas: list[Entrada] = []


def registrar(entrada: Entrada) -> None:
    if all(e.url_name != entrada.url_name for e in _entradas):
        _entradas.append(entrada)
        _entradas.sort(key=lambda e: e.orden)


class EnlaceDeMenu(TypedDict):
    etiqueta: StrOrPromise
    url: str


class EntradaDeMenu(EnlaceDeMenu):
    hijos: list[EnlaceDeMenu]


def menu_para(usuario: UsuarioOAnonimo) -> list[EntradaDeMenu]:
    """The entries this user may see, resolved to URLs."""
    resultado: list[EntradaDeMenu] = []
    for entrada in _entradas:
        if not entrada.visible(usuario):
            continue
        hijos: list[EnlaceDeMenu] = [
            {"etiqueta": h.etiqueta, "url": reverse(h.url_name)} for h in entrada.hijos if h.visible(usuario)
        ]
        resultado.append({"etiqueta": entrada.etiqueta, "url": reverse(entrada.url_name), "hijos": hijos})
    return resultado
