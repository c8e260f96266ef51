"""One export, run in its own process so that its peak memory is its own: `python -m benchmark.exportar
<export> <username> <modo>`, where modo is "producto" (the product's export, as the worker runs it) or "piso" (the
same rows, read beforehand, written by bare openpyxl write-only). Prints one JSON line: seconds, rows, peak MB."""

import json
import os
import resource
import sys
import tempfile
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperacion.settings")

import django

django.setup()

from openpyxl import Workbook  # noqa: E402

from convocatorias import matriz  # noqa: E402
from convocatorias.selectors import matriz_filtrada  # noqa: E402
from cooperacion.core import reportes  # noqa: E402
from cooperacion.core.models import Usuario  # noqa: E402
from cooperacion.core.reportes import _valor_excel  # noqa: E402


def _producto(nombre: str, usuario, destino) -> int:
    if nombre == "matriz":
        return matriz.exportar(matriz_filtrada(usuario, {}), destino)
    reporte = reportes.obtener(nombre)
    parametros = reporte.parametros({}, usuario)
    return reporte.escribir_excel(parametros, usuario, destino, titulo=str(reporte.titulo))


def _hojas(nombre: str, usuario) -> list:
    """The rows of every sheet the export writes, as plain values."""
    if nombre == "matriz":
        return [matriz.filas(matriz_filtrada(usuario, {}))]
    reporte = reportes.obtener(nombre)
    parametros = reporte.parametros({}, usuario)
    hojas = [reporte.filas(parametros, usuario)]
    if nombre == "convocatorias_trimestral":
        proyectos = reporte._proyectos(parametros, usuario)
        hojas += [reporte.filas_proyectos(proyectos), reporte.filas_informes(proyectos)]
    return hojas


def _piso(nombre: str, usuario, destino) -> tuple[int, float]:
    # Read before the clock starts: the floor is openpyxl write-only writing the same ready rows.
    hojas = [[[_valor_excel(v) for v in fila] for fila in filas] for filas in _hojas(nombre, usuario)]
    inicio = time.perf_counter()
    libro = Workbook(write_only=True)
    for i, filas in enumerate(hojas):
        hoja = libro.create_sheet(f"Hoja {i + 1}")
        for fila in filas:
            hoja.append(fila)
    libro.save(destino)
    return sum(len(f) for f in hojas), time.perf_counter() - inicio


def memoria_pico_mb() -> float:
    """This process's peak resident memory. Linux keeps `ru_maxrss` across exec, so a child started by a large
    parent would report the parent's peak; VmHWM belongs to the process's own address space, created at exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as estado:
            for linea in estado:
                if linea.startswith("VmHWM:"):
                    return int(linea.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    nombre, usuario_nombre, modo = sys.argv[1:4]
    usuario = Usuario.objects.get(username=usuario_nombre)
    with tempfile.TemporaryFile() as destino:
        if modo == "piso":
            filas, segundos = _piso(nombre, usuario, destino)
        else:
            inicio = time.perf_counter()
            filas = _producto(nombre, usuario, destino)
            segundos = time.perf_counter() - inicio
    memoria = memoria_pico_mb()
    print(json.dumps({"segundos": segundos, "filas": filas, "memoria_mb": memoria}))


if __name__ == "__main__":
    main()
