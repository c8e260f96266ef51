"""Procedure DE-PD-01 «Formulación y seguimiento a planes de gestión» (Ministerio del Trabajo, v2.0) as the product
shows it: its 24 activities with responsible and record, and the control points of activities 2, 5, 12, 16 and 23
(copied from the seed into planes/datos/de_pd_01.json; the product never reads ../shared)."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RUTA = Path(__file__).resolve().parent / "datos" / "de_pd_01.json"
CON_PUNTO_DE_CONTROL = (2, 5, 12, 16, 23)


@dataclass(frozen=True)
class ActividadDelProcedimiento:
    numero: int
    texto: str
    responsable: str
    registro: str
    puntos_de_control: tuple[str, ...]
    decision: tuple[str, ...]

    @property
    def con_punto_de_control(self) -> bool:
        return bool(self.puntos_de_control)


@cache
def datos() -> dict:
    return json.loads(RUTA.read_text(encoding="utf-8"))


@cache
def actividades() -> tuple[ActividadDelProcedimiento, ...]:
    puntos = {p["actividad"]: tuple(p["verificaciones"]) for p in datos()["puntos_de_control"]}
    resultado = []
    for a in datos()["actividades"]:
        ramas = tuple(r["texto"] for r in a.get("decision", {}).get("ramas", []))
        resultado.append(
            ActividadDelProcedimiento(
                numero=a["numero"],
                texto=a["actividad"],
                responsable=a["responsable"],
                registro=a["registro_documento"],
                puntos_de_control=puntos.get(a["numero"], ()),
                decision=ramas,
            )
        )
    return tuple(resultado)


def actividad(numero: int) -> ActividadDelProcedimiento:
    return actividades()[numero - 1]


def verificacion(actividad_numero: int, indice: int) -> str:
    """The text of one check of a control point, as the procedure writes it."""
    return actividad(actividad_numero).puntos_de_control[indice]


def encabezado() -> dict:
    return datos()["header"]


def codigo() -> str:
    return encabezado()["codigo"]
