"""`make bench`: the engine at volume, measured against floors taken in the same run.

It creates a throwaway database (the configured engine: PostgreSQL when DATABASE_URL says so), generates volume,
and prints, for each figure, the project's number, the floor it is compared with, the ratio and the target:

- the home page of a Jefe at 5,000 calls ÷ at 500 calls, and ÷ a bare authenticated page;
- the reminder sweep's queries at ~6,000 ÷ at ~600 open deadlines, and its seconds per deadline;
- each Excel export at 100,000 rows ÷ openpyxl write-only writing the same ready rows, and its peak memory at
  100,000 ÷ at 20,000 rows (each export runs in its own process: see benchmark/exportar.py);
- PDF seconds per page at 4N ÷ N rows.

It is a benchmark, not a test: it prints figures and exits 0. `--escala 0.2` runs a smaller version.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperacion.settings")
os.environ.setdefault("DEBUG", "False")
os.environ.setdefault("SECRET_KEY", "benchmark-" + "x" * 60)

import warnings

import django

warnings.filterwarnings("ignore", message="No directory at")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402

from benchmark.datos import Volumen  # noqa: E402
from cooperacion.core import plazos, reportes, services  # noqa: E402
from cooperacion.core.models import Notificacion, PlazoAbierto, RecordatorioEnviado, Salida  # noqa: E402

RESULTADOS: list[tuple[str, str, float, float, float, str]] = []


def anotar(figura: str, unidad: str, proyecto: float, piso: float, meta: float | None) -> None:
    razon = proyecto / piso if piso else float("inf")
    cumple = "—" if meta is None else ("sí" if razon <= meta else "NO")
    RESULTADOS.append((figura, unidad, proyecto, piso, razon, f"≤ {meta}" if meta else "—", cumple))
    print(f"  {figura}: {proyecto:.4g} {unidad} / piso {piso:.4g} → {razon:.2f}", flush=True)


def p50(cliente: Client, url: str, veces: int = 15) -> float:
    for _ in range(3):
        cliente.get(url)
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        respuesta = cliente.get(url)
        tiempos.append(time.perf_counter() - inicio)
        assert respuesta.status_code == 200, (url, respuesta.status_code)
    return statistics.median(tiempos)


def estadisticas() -> None:
    """After a bulk load, refresh the planner's statistics, as autovacuum would in a running office: a benchmark
    measured on statistics of an empty table measures plans nobody gets."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def medir_inicio(volumen: Volumen, cliente: Client) -> float:
    return p50(cliente, "/")


def barrido(hoy) -> tuple[int, float, int]:
    RecordatorioEnviado.objects.all().delete()
    Notificacion.objects.all().delete()
    Salida.objects.all().delete()
    abiertos = PlazoAbierto.objects.count()
    with CaptureQueriesContext(connection) as consultas:
        inicio = time.perf_counter()
        plazos.barrer(hoy=hoy)
        segundos = time.perf_counter() - inicio
    return len(consultas.captured_queries), segundos, abiertos


def exportar(nombre: str, usuario: str, modo: str) -> dict:
    entorno = {**os.environ, "DATABASE_URL": _url_de_la_base()}
    salida = subprocess.run(
        [sys.executable, "-m", "benchmark.exportar", nombre, usuario, modo],
        capture_output=True,
        text=True,
        env=entorno,
        cwd=settings.BASE_DIR,
        check=False,
    )
    if salida.returncode:
        raise RuntimeError(salida.stderr[-3000:])
    return json.loads(salida.stdout.strip().splitlines()[-1])


def _url_de_la_base() -> str:
    datos = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{datos['NAME']}"
    return f"postgres://{datos['USER']}:{datos['PASSWORD']}@{datos['HOST']}:{datos['PORT'] or 5432}/{datos['NAME']}"


def pdf_por_pagina(usuario, filas_esperadas: int) -> tuple[float, int]:
    from weasyprint import HTML

    reporte = reportes.obtener("plazos")
    parametros = reporte.parametros({}, usuario)
    inicio = time.perf_counter()
    contexto = services.contexto_de_reporte(reporte, parametros, usuario, para_pdf=True)
    assert contexto["total_filas"] == filas_esperadas, (contexto["total_filas"], filas_esperadas)
    html = reportes.html_de_reporte(reporte.plantilla, contexto, para_pdf=True)
    documento = HTML(string=html, base_url=reportes.ORIGEN_PDF, url_fetcher=reportes.FetcherDeEstaticos()).render()
    documento.write_pdf()
    segundos = time.perf_counter() - inicio
    return segundos / len(documento.pages), len(documento.pages)


def main() -> None:
    argumentos = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    argumentos.add_argument(
        "--escala", type=float, default=1.0, help="1 = 500/5.000 convocatorias, 20.000/100.000 filas"
    )
    argumentos.add_argument("--conservar", action="store_true", help="no borrar la base temporal (para perfilar)")
    opciones = argumentos.parse_args()
    escala = opciones.escala
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if connection.vendor == "sqlite":  # a file, so that each export's own process reads the same database
        nombre = str(Path(tempfile.gettempdir()) / "cooperacion-bench.sqlite3")
        connection.settings_dict.setdefault("TEST", {})["NAME"] = nombre
    inicio_total = time.perf_counter()
    print(f"Base de datos: {connection.vendor}. Creando la base temporal…", flush=True)
    bases = setup_databases(verbosity=0, interactive=False)
    try:
        volumen = Volumen()
        jefe = volumen.usuarios["bench_jefe"]
        cliente = Client()
        cliente.force_login(jefe)

        print("Inicio y barrido con 500 convocatorias…", flush=True)
        pocas = int(500 * escala)
        volumen.convocatorias(pocas, volumen.dependencias[0], volumen.usuarios["bench_profesional"])
        volumen.casos_oit(int(50 * escala), volumen.dependencias[0], volumen.usuarios["bench_profesional"])
        volumen.reconstruir_plazos()
        estadisticas()
        inicio_pocas = medir_inicio(volumen, cliente)
        perfil = p50(cliente, "/perfil/")
        hoy = volumen.hoy + timedelta(days=3)
        consultas_pocas, segundos_pocas, plazos_pocos = barrido(hoy)

        print("Inicio y barrido con 5.000 convocatorias…", flush=True)
        volumen.convocatorias(int(4500 * escala), volumen.dependencias[0], volumen.usuarios["bench_profesional"])
        volumen.casos_oit(int(450 * escala), volumen.dependencias[0], volumen.usuarios["bench_profesional"])
        volumen.reconstruir_plazos()
        estadisticas()
        inicio_muchas = medir_inicio(volumen, cliente)
        consultas_muchas, segundos_muchos, plazos_muchos = barrido(hoy)

        anotar("Inicio del jefe, 5.000 ÷ 500 convocatorias (p50)", "s", inicio_muchas, inicio_pocas, 1.5)
        anotar("Inicio del jefe ÷ página autenticada simple (p50)", "s", inicio_muchas, perfil, 10)
        anotar(
            f"Barrido: consultas con {plazos_muchos} ÷ con {plazos_pocos} plazos", "consultas",
            consultas_muchas, consultas_pocas, 1.2,
        )  # fmt: skip
        anotar(
            f"Barrido: segundos por plazo ({plazos_muchos} ÷ {plazos_pocos} plazos)", "s/plazo",
            segundos_muchos / plazos_muchos, segundos_pocas / plazos_pocos, None,
        )  # fmt: skip

        print("Volumen para las exportaciones (20.000 y 100.000 filas)…", flush=True)
        chicas, grandes = int(20_000 * escala), int(100_000 * escala)
        dep_a, dep_b = volumen.dependencias[2], volumen.dependencias[1]
        jefe_a = volumen.usuarios["bench_jefe"]
        jefe_a.dependencia = dep_a
        jefe_a.save(update_fields=["dependencia"])
        from convocatorias.models import Convocatoria

        # The calls of the first part join dependencia B: in all, `grandes` calls, `chicas` of them in A.
        existentes = Convocatoria.objects.update(dependencia=dep_b)
        volumen.convocatorias(chicas, dep_a, jefe_a)
        volumen.convocatorias(grandes - chicas - existentes, dep_b, volumen.usuarios["bench_jefe_b"])
        volumen.plazos_sinteticos(chicas, dep_a, jefe_a)
        volumen.plazos_sinteticos(grandes - chicas, dep_b, volumen.usuarios["bench_jefe_b"])
        admin = volumen.usuarios["bench_admin"]
        # The admin's export covers every dependencia; keep it to the two of the export volume.
        for usuario in (admin,):
            usuario.dependencia = dep_a
            usuario.save(update_fields=["dependencia"])
        PlazoAbierto.objects.exclude(dependencia__in=[dep_a, dep_b]).delete()
        estadisticas()

        for nombre, titulo in (
            ("matriz", "Matriz de convocatorias"),
            ("plazos", "Reporte de plazos"),
            ("convocatorias_trimestral", "Reporte del portafolio"),
        ):
            print(f"{titulo}…", flush=True)
            chica = exportar(nombre, "bench_jefe", "producto")
            grande = exportar(nombre, "bench_admin", "producto")
            piso = exportar(nombre, "bench_admin", "piso")
            anotar(
                f"{titulo}: {grande['filas']} filas ÷ openpyxl escribiendo las mismas", "s",
                grande["segundos"], piso["segundos"], 1.5,
            )  # fmt: skip
            anotar(
                f"{titulo}: memoria pico con {grande['filas']} ÷ con {chica['filas']} filas", "MB",
                grande["memoria_mb"], chica["memoria_mb"], 1.2,
            )  # fmt: skip

        print("PDF por página (N y 4N filas)…", flush=True)
        PlazoAbierto.objects.all().delete()
        n = int(300 * max(escala, 0.5))
        dep_c, dep_d = volumen.dependencias[3], volumen.dependencias[0]
        volumen.plazos_sinteticos(n, dep_c, jefe_a)
        volumen.plazos_sinteticos(4 * n, dep_d, jefe_a)
        jefe_a.dependencia = dep_c
        jefe_a.save(update_fields=["dependencia"])
        por_pagina_n, paginas_n = pdf_por_pagina(type(jefe_a).objects.get(pk=jefe_a.pk), n)
        jefe_a.dependencia = dep_d
        jefe_a.save(update_fields=["dependencia"])
        por_pagina_4n, paginas_4n = pdf_por_pagina(type(jefe_a).objects.get(pk=jefe_a.pk), 4 * n)
        anotar(
            f"PDF de plazos: segundos por página con {4 * n} ({paginas_4n} págs.) ÷ con {n} filas ({paginas_n} págs.)",
            "s/pág", por_pagina_4n, por_pagina_n, 1.3,
        )  # fmt: skip
    finally:
        if not opciones.conservar:
            teardown_databases(bases, verbosity=0)
    minutos = (time.perf_counter() - inicio_total) / 60
    print()
    print(f"| figura | proyecto | piso | razón | meta | cumple |  ({connection.vendor}, {minutos:.1f} min)")
    print("|---|---|---|---|---|---|")
    for figura, unidad, proyecto, piso, razon, meta, cumple in RESULTADOS:
        print(f"| {figura} | {proyecto:.4g} {unidad} | {piso:.4g} {unidad} | {razon:.2f} | {meta} | {cumple} |")


if __name__ == "__main__":
    main()
