"""Procedure AI-P-003 as the product shows it: the nine tasks with their decisions, critical control points,
responsibles and records (copied from the seed into convocatorias/datos/ai_p_003.json)."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

RUTA = Path(__file__).resolve().parent / "datos" / "ai_p_003.json"


@dataclass(frozen=True)
class Tarea:
    numero: int
    titulo: str
    descripcion: str
    punto_critico: str
    responsables: tuple[str, ...]
    registros: tuple[str, ...]
    decisiones: tuple[str, ...]
    notas: tuple[str, ...]


@cache
def datos() -> dict:
    return json.loads(RUTA.read_text(encoding="utf-8"))


@cache
def tareas() -> tuple[Tarea, ...]:
    return tuple(
        Tarea(
            numero=t["numero"],
            titulo=t["titulo"],
            descripcion=t["descripcion"],
            punto_critico=t["punto_critico_de_control"] or "",
            responsables=tuple(t["responsables"]),
            registros=tuple(t["documentos_registros"]),
            decisiones=tuple(t["decisiones"]),
            notas=tuple(t["notas"]),
        )
        for t in datos()["tareas"]
    )


def tarea(numero: int) -> Tarea:
    return tareas()[numero - 1]


def encabezado() -> dict:
    return datos()["encabezado"]


PUNTO_APLICACION = "Aplicación de la convocatoria"
PUNTO_SEGUIMIENTO = "Seguimiento al proyecto"
