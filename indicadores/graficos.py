"""An indicator's charts as SVG written on the server, with the core's conventions (cooperacion.core.graficos):
explicit attributes, no CSS or script, embedded as data: images so the page and the PDF show the same picture."""

import base64
from decimal import Decimal
from xml.sax.saxutils import escape

from cooperacion.core import colores
from cooperacion.core.graficos import FUENTE

from . import calculo

COLOR_META = "#9AA5B1"
COLOR_ESTADO = {
    calculo.Estado.VERDE: colores.VERDE,
    calculo.Estado.AMARILLO: colores.AMARILLO,
    calculo.Estado.ROJO: colores.ROJO,
    calculo.Estado.SIN_META: colores.GRIS,
    calculo.Estado.NO_REPORTA: colores.GRIS,
}
TEXTO = "#1f2933"


def _uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def numero(valor, decimales: int = 1) -> str:
    """1234.5 → «1.234,5» (es-CO); integers without decimals."""
    if valor is None:
        return "—"
    valor = Decimal(valor)
    if valor == valor.to_integral_value():
        texto = f"{int(valor):,}"
        return texto.replace(",", ".")
    texto = f"{valor:,.{decimales}f}"
    return texto.replace(",", "X").replace(".", ",").replace("X", ".")


def meta_vs_real_svg(
    titulo: str, resultados: list[calculo.Resultado], *, acumulado: bool = True, unidad: str = "", hasta: int = 4
) -> str:
    """Grouped bars per quarter: the target (grey) and the value (coloured by its traffic light), each labelled.
    Quarters after `hasta` (not over yet) show their target only: a result is judged when its quarter ends."""
    ancho, alto, izq, abajo, arriba = 640, 320, 24, 48, 76
    util_x, util_y = ancho - izq - 16, alto - abajo - arriba
    pares = []
    for r in resultados:
        if acumulado:
            par = (r.trimestre, r.meta_acumulada, r.valor_acumulado, r.acumulado.estado)
        else:
            par = (r.trimestre, r.meta_periodo, r.valor_periodo, r.periodo.estado)
        pares.append(par if r.trimestre <= hasta else (*par[:2], None, par[3]))
    maximo = max([float(v) for _t, m, v, _e in pares for v in (m, v) if v is not None] or [1]) or 1
    grupo = util_x / max(len(pares), 1)
    barra = grupo * 0.32
    leyenda_y = 42
    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{ancho}" height="{alto}" viewBox="0 0 {ancho} {alto}" '
        f'role="img" aria-label="{escape(titulo)}">',
        f'<rect x="0" y="0" width="{ancho}" height="{alto}" fill="#ffffff"/>',
        f'<text x="8" y="22" font-family="{FUENTE}" font-size="15" font-weight="bold" fill="{TEXTO}">'
        f"{escape(titulo)}</text>",
        f'<rect x="8" y="{leyenda_y - 10}" width="12" height="12" fill="{COLOR_META}"/>'
        f'<text x="24" y="{leyenda_y}" font-family="{FUENTE}" font-size="12" fill="{TEXTO}">Meta</text>',
    ]
    x: float = 70
    for estado in (calculo.Estado.VERDE, calculo.Estado.AMARILLO, calculo.Estado.ROJO):
        etiqueta = f"Resultado: {calculo.ETIQUETAS_ESTADO[estado].lower()}"
        partes.append(
            f'<rect x="{x}" y="{leyenda_y - 10}" width="12" height="12" fill="{COLOR_ESTADO[estado]}"/>'
            f'<text x="{x + 16}" y="{leyenda_y}" font-family="{FUENTE}" font-size="12" fill="{TEXTO}">'
            f"{escape(etiqueta)}</text>"
        )
        x += 34 + len(etiqueta) * 7
    partes.append(
        f'<line x1="{izq}" y1="{arriba + util_y}" x2="{ancho - 16}" y2="{arriba + util_y}" stroke="#52606D"/>'
    )
    for i, (trimestre, meta, valor, estado) in enumerate(pares):
        x0 = izq + i * grupo + grupo * 0.14
        for j, (cantidad, color) in enumerate(((meta, COLOR_META), (valor, COLOR_ESTADO[estado]))):
            x = x0 + j * (barra + 4)
            if cantidad is None:
                partes.append(
                    f'<text x="{x + barra / 2:.1f}" y="{arriba + util_y - 6}" text-anchor="middle" '
                    f'font-family="{FUENTE}" font-size="11" fill="#52606D">—</text>'
                )
                continue
            alto_barra = max(util_y * float(cantidad) / maximo, 1.5)
            y = arriba + util_y - alto_barra
            partes += [
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{barra:.1f}" height="{alto_barra:.1f}" fill="{color}"/>',
                f'<text x="{x + barra / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-family="{FUENTE}" '
                f'font-size="11" fill="{TEXTO}">{escape(numero(cantidad))}</text>',
            ]
        partes.append(
            f'<text x="{x0 + barra + 2:.1f}" y="{arriba + util_y + 18}" text-anchor="middle" font-family="{FUENTE}" '
            f'font-size="12" fill="{TEXTO}">T{trimestre}</text>'
        )
    if unidad:
        partes.append(
            f'<text x="8" y="{alto - 10}" font-family="{FUENTE}" font-size="11" fill="#52606D">{escape(unidad)}</text>'
        )
    partes.append("</svg>")
    return "".join(partes)


def meta_vs_real(titulo: str, resultados, **kwargs) -> str:
    return _uri(meta_vs_real_svg(titulo, resultados, **kwargs))


def semaforo_svg(titulo: str, cumplimiento: calculo.Cumplimiento, *, verde=Decimal(95), amarillo=Decimal(71)) -> str:
    """A 0-120 % gauge with its red, yellow and green bands and a marker at the compliance (or the state's name)."""
    ancho, alto, izq, der, y, grosor = 420, 96, 16, 16, 44, 18
    util = ancho - izq - der
    tope = Decimal(120)

    def x(valor) -> float:
        return izq + util * float(min(max(Decimal(valor), Decimal(0)), tope) / tope)

    partes = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{ancho}" height="{alto}" viewBox="0 0 {ancho} {alto}" '
        f'role="img" aria-label="{escape(titulo)}">',
        f'<rect x="0" y="0" width="{ancho}" height="{alto}" fill="#ffffff"/>',
        f'<text x="{izq}" y="20" font-family="{FUENTE}" font-size="13" font-weight="bold" fill="{TEXTO}">'
        f"{escape(titulo)}</text>",
        f'<rect x="{x(0):.1f}" y="{y}" width="{x(amarillo) - x(0):.1f}" height="{grosor}" '
        f'fill="{COLOR_ESTADO[calculo.Estado.ROJO]}"/>',
        f'<rect x="{x(amarillo):.1f}" y="{y}" width="{x(verde) - x(amarillo):.1f}" height="{grosor}" '
        f'fill="{COLOR_ESTADO[calculo.Estado.AMARILLO]}"/>',
        f'<rect x="{x(verde):.1f}" y="{y}" width="{x(tope) - x(verde):.1f}" height="{grosor}" '
        f'fill="{COLOR_ESTADO[calculo.Estado.VERDE]}"/>',
    ]
    partes.append(
        f'<line x1="{x(100):.1f}" y1="{y - 3}" x2="{x(100):.1f}" y2="{y + grosor + 3}" stroke="{TEXTO}" '
        'stroke-width="1.5"/>'
    )
    for marca in (0, amarillo, verde):
        partes.append(
            f'<text x="{x(marca):.1f}" y="{y + grosor + 14}" text-anchor="middle" font-family="{FUENTE}" '
            f'font-size="10" fill="#52606D">{numero(marca, 0)} %</text>'
        )
    if cumplimiento.valor is None:
        texto = calculo.ETIQUETAS_ESTADO[cumplimiento.estado]
        partes.append(
            f'<text x="{ancho - der}" y="20" text-anchor="end" font-family="{FUENTE}" font-size="13" '
            f'font-weight="bold" fill="#52606D">{escape(texto)}</text>'
        )
    else:
        posicion = x(cumplimiento.valor)
        amarillo_legible = cumplimiento.estado == calculo.Estado.AMARILLO  # yellow text on white is unreadable
        color = TEXTO if amarillo_legible else COLOR_ESTADO[cumplimiento.estado]
        partes += [
            f'<polygon points="{posicion - 7:.1f},{y - 12} {posicion + 7:.1f},{y - 12} {posicion:.1f},{y - 1}" '
            f'fill="{TEXTO}"/>',
            f'<text x="{ancho - der}" y="20" text-anchor="end" font-family="{FUENTE}" font-size="13" '
            f'font-weight="bold" fill="{color}">'
            f"{numero(cumplimiento.redondeado)} % · {escape(calculo.ETIQUETAS_ESTADO[cumplimiento.estado])}</text>",
        ]
    partes.append("</svg>")
    return "".join(partes)


def semaforo(titulo: str, cumplimiento: calculo.Cumplimiento, **kwargs) -> str:
    return _uri(semaforo_svg(titulo, cumplimiento, **kwargs))
