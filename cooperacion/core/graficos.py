"""Charts as SVG written on the server with explicit attributes (no CSS, no script), embedded as data: images:
the page and the PDF show the same picture, and an <img> keeps the SVG out of the page's Content-Security-Policy."""

import base64
import textwrap
from collections.abc import Sequence
from xml.sax.saxutils import escape

from . import colores as paleta
from .textos import resumir

COLORES_SEMAFORO = {"Vencido": paleta.ROJO, "Próximo a vencer": paleta.AMARILLO, "A tiempo": paleta.VERDE}
FUENTE = "DejaVu Sans, Arial, sans-serif"


def barras_svg(titulo: str, datos: Sequence[tuple[str, float]], *, colores: dict[str, str] | None = None) -> str:
    """A horizontal bar chart: one labelled bar per (label, value), the value printed at the bar's end.

    Bars are the neutral colour unless `colores` gives a label its state colour: a count by type never wears a
    state's green or red. Long labels wrap to two lines, cut at a whole word."""
    lineas_por_etiqueta = [_lineas(str(etiqueta)) for etiqueta, _valor in datos]
    dos_lineas = any(len(lineas) > 1 for lineas in lineas_por_etiqueta)
    ancho, margen_izq, alto_barra, separacion, cabecera = 640, 230, 34 if dos_lineas else 26, 12, 40
    alto = cabecera + len(datos) * (alto_barra + separacion) + 16
    maximo = max((valor for _etiqueta, valor in datos), default=0) or 1
    util = ancho - margen_izq - 110  # room for the value printed after the longest bar
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{ancho}" height="{alto}" viewBox="0 0 {ancho} {alto}" '
        f'role="img" aria-label="{escape(titulo)}">',
        f'<rect x="0" y="0" width="{ancho}" height="{alto}" fill="#ffffff"/>',
        f'<text x="8" y="24" font-family="{FUENTE}" font-size="16" font-weight="bold" fill="#1f2933">'
        f"{escape(titulo)}</text>",
    ]
    for i, (etiqueta, valor) in enumerate(datos):
        y = cabecera + i * (alto_barra + separacion)
        largo = round(util * valor / maximo) if valor else 0
        color = (colores or {}).get(etiqueta) or paleta.NEUTRO
        lineas = lineas_por_etiqueta[i]
        primera = y + alto_barra * 0.68 - (7 if len(lineas) > 1 else 0)
        partes.append(
            f'<text x="{margen_izq - 8}" y="{primera:.1f}" text-anchor="end" font-family="{FUENTE}" '
            f'font-size="12" fill="#1f2933">'
            + "".join(
                f'<tspan x="{margen_izq - 8}" dy="{0 if n == 0 else 14}">{escape(linea)}</tspan>'
                for n, linea in enumerate(lineas)
            )
            + "</text>"
        )
        partes += [
            f'<rect x="{margen_izq}" y="{y}" width="{max(largo, 2)}" height="{alto_barra}" fill="{color}"/>',
            f'<text x="{margen_izq + max(largo, 2) + 6}" y="{y + alto_barra * 0.68:.1f}" font-family="{FUENTE}" '
            f'font-size="13" font-weight="bold" fill="#1f2933">{_numero(valor)}</text>',
        ]
    partes.append("</svg>")
    return "".join(partes)


def barras(titulo: str, datos: Sequence[tuple[str, float]], *, colores: dict[str, str] | None = None) -> str:
    """`barras_svg` as a data: URI for an <img>."""
    svg = barras_svg(titulo, datos, colores=colores)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _lineas(etiqueta: str, ancho: int = 32) -> list[str]:
    """A label on at most two lines of `ancho` characters, the second cut at a whole word."""
    lineas = textwrap.wrap(" ".join(etiqueta.split()), ancho) or [""]
    if len(lineas) <= 1:
        return lineas
    return [lineas[0], resumir(" ".join(lineas[1:]), ancho)]


def _numero(valor: float) -> str:
    if isinstance(valor, float) and not valor.is_integer():
        return f"{valor:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(valor):,}".replace(",", ".")
