"""The main navigation, filled by each app in its AppConfig.ready() (the core cannot import the apps)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class Entrada:
    etiqueta: str
    url_name: str
    visible: Callable[[object], bool]
    hijos: tuple["Entrada", ...] = field(default_factory=tuple)
    orden: int = 50


_entradas: list[Entrada] = []


def registrar(entrada: Entrada) -> None:
    if all(e.url_name != entrada.url_name for e in _entradas):
        _entradas.append(entrada)
        _entradas.sort(key=lambda e: e.orden)


def menu_para(usuario) -> list[dict]:
    """The entries this user may see, resolved to URLs."""
    resultado = []
    for entrada in _entradas:
        if not entrada.visible(usuario):
            continue
        hijos = [{"etiqueta": h.etiqueta, "url": reverse(h.url_name)} for h in entrada.hijos if h.visible(usuario)]
        resultado.append({"etiqueta": entrada.etiqueta, "url": reverse(entrada.url_name), "hijos": hijos})
    return resultado
