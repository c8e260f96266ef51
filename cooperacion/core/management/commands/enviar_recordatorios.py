from typing import Any

from django.core.management.base import BaseCommand

from cooperacion.core import plazos, salidas


class Command(BaseCommand):
    help = "Envía los recordatorios de plazos que corresponden hoy (se puede correr varias veces: no repite)."

    def handle(self, *args: Any, **opciones: Any) -> None:
        resultado = plazos.barrer()
        publicadas = salidas.barrer()
        self.stdout.write(
            f"Plazos revisados: {resultado.revisados}. Recordatorios enviados: {resultado.enviados} "
            f"({resultado.notificaciones} notificaciones). Ya enviados antes: {resultado.ya_enviados}. "
            f"Envíos pendientes publicados de nuevo: {publicadas}."
        )
