from typing import Any

from django.core.management.base import BaseCommand

from cooperacion.core import plazos


class Command(BaseCommand):
    help = "Recalcula todos los plazos abiertos desde los registros (después de una carga masiva o una actualización)."

    def handle(self, *args: Any, **opciones: Any) -> None:
        for codigo, escritas in plazos.reconstruir().items():
            self.stdout.write(f"{codigo}: {escritas} filas actualizadas.")
