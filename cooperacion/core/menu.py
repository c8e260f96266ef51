"""The main navigation, filled by each app in its AppConfig.ready() (the core cannot import the apps)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

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
    url_name: str


def menu_para(usuario: UsuarioOAnonimo) -> list[EntradaDeMenu]:
    """The entries this user may see, resolved to URLs."""
    resultado: list[EntradaDeMenu] = []
    for entrada in _entradas:
        if not entrada.visible(usuario):
            continue
        hijos: list[EnlaceDeMenu] = [
            {"etiqueta": h.etiqueta, "url": reverse(h.url_name)} for h in entrada.hijos if h.visible(usuario)
        ]
        url = reverse(entrada.url_name)
        resultado.append({"etiqueta": entrada.etiqueta, "url": url, "hijos": hijos, "url_name": entrada.url_name})
    return resultado


@dataclass(frozen=True)
class Grupo:
    """Several top-level entries shown as one dropdown, each member a section of it."""

    etiqueta: StrOrPromise
    miembros: tuple[str, ...]


_grupos: list[Grupo] = []


def agrupar(grupo: Grupo) -> None:
    if all(g.etiqueta != grupo.etiqueta for g in _grupos):
        _grupos.append(grupo)


def barra_para(usuario: UsuarioOAnonimo) -> list[dict[str, Any]]:
    """The navigation bar: menu_para's entries, grouped so the bar fits a 1280 px screen.

    A group takes the place of its first visible member; a member with children becomes a titled section,
    one without becomes a single item. A group with a single visible member is shown as that member.
    """
    entradas = menu_para(usuario)
    por_url = {e["url_name"]: e for e in entradas}
    reemplazos: dict[str, dict[str, Any] | None] = {}
    for grupo in _grupos:
        miembros = [por_url[m] for m in grupo.miembros if m in por_url]
        if len(miembros) < 2:
            continue
        secciones = [{"titulo": m["etiqueta"] if m["hijos"] else "", "hijos": m["hijos"] or [m]} for m in miembros]
        reemplazos[miembros[0]["url_name"]] = {
            "etiqueta": grupo.etiqueta,
            "url": miembros[0]["url"],
            "hijos": [],
            "secciones": secciones,
            "url_name": miembros[0]["url_name"],
        }
        for otro in miembros[1:]:
            reemplazos[otro["url_name"]] = None
    barra: list[dict[str, Any]] = []
    for entrada in entradas:
        nueva = reemplazos.get(entrada["url_name"], dict(entrada))
        if nueva is not None:
            barra.append(nueva)
    return barra
