"""Race scenarios: for every action of every registered `Flujo`, how to build a record on which that action is
possible now, and who takes it. `tests/test_carreras.py` runs each action twice at the same time (PostgreSQL) and
expects exactly one effect. An app adds its scenarios in `tests/carreras_<app>.py` with `@escenario(...)`.

A scenario is `funcion(usuarios, dependencias) -> (registro, usuario, datos)`, where `datos` are the extra keyword
arguments of the action's service (the reason, usually).
"""

from collections.abc import Callable

ESCENARIOS: dict[tuple[str, str], Callable] = {}


def escenario(url_name: str, *acciones: str):
    def registrar(funcion):
        for accion in acciones:
            ESCENARIOS[(url_name, accion)] = funcion
        return funcion

    return registrar
