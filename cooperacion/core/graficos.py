"""Charts as SVG written on the server with explicit attributes (no CSS, no script), embedded as data: images:
the page and the PDF show the same picture, and an <img> keeps the SVG out of the page's Content-Security-Policy."""

import base64
from collections.abc import Sequence
from xml.sax.saxutils import escape

COLORES = ("#123B6D", "#B35C00", "#1E7D34", "#6F42C1", "#0A6F9C", "#B02A37")
COLORES_SEMAFORO = {"Vencido": "#B02A37", "Próximo a vencer": "#C98A00", "A tiempo": "#1E7D34"}
FUENTE = "DejaVu Sans, Arial, sans-serif"


def barras_svg(titulo: str, datos: Sequence[tuple[str, float]], *, colores: dict[str, str] | None = None) -> str:
    """A horizontal bar chart: one labelled bar per (label, value), the value printed at the bar's end."""
    ancho, margen_izq, alto_barra, separacion, cabecera = 640, 210, 26, 12, 40
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
        color = (colores or {}).get(etiqueta) or COLORES[i % len(COLORES)]
        partes += [
            f'<text x="{margen_izq - 8}" y="{y + alto_barra * 0.68:.1f}" text-anchor="end" font-family="{FUENTE}" '
            f'font-size="13" fill="#1f2933">{escape(str(etiqueta)[:32])}</text>',
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


def _numero(valor: float) -> str:
    if isinstance(valor, float) and not valor.is_integer():
        return f"{valor:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return f"{int(valor):,}".replace(",", ".")
