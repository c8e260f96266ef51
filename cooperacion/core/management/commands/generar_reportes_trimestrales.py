from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cooperacion.core import periodos, services


class Command(BaseCommand):
    help = "Genera los reportes trimestrales registrados para un periodo (por defecto, el trimestre anterior)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--periodo", help="AAAA-T#, por ejemplo 2026-T3")

    def handle(self, *args: Any, periodo: str | None = None, **opciones: Any) -> None:
        if periodo is None:
            periodo = periodos.periodo(*periodos.trimestre_anterior(*periodos.trimestre_de(timezone.localdate())))
        if periodos.leer_periodo(periodo) is None:
            raise CommandError("El periodo debe tener la forma AAAA-T#, por ejemplo 2026-T3.")
        creados = services.reportes_trimestrales_generar(periodo=periodo)
        self.stdout.write(f"{len(creados)} reportes en cola para {periodo} (los ya generados no se repiten).")
