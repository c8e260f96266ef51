"""Thin Celery tasks: they take ids and call a service. Side effects run through the outbox (salidas.py)."""

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from . import periodos, plazos, salidas, services


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=21 * 60)
def procesar_salida(salida_id: int) -> bool:
    """Carry out one outbox row (an e-mail, a report, a letter); a repeat does nothing."""
    return salidas.procesar(salida_id)


@shared_task(acks_late=True)
def barrer_salidas() -> int:
    """Publish again the side effects still pending (the broker was down, a worker died)."""
    return salidas.barrer()


@shared_task(acks_late=True)
def barrer_plazos() -> dict[str, int]:
    """Send the reminders due today (idempotent: see plazos.barrer) and publish what the outbox still holds."""
    resultado = plazos.barrer()
    return {**resultado.__dict__, "salidas_publicadas": salidas.barrer()}


@shared_task(acks_late=True, soft_time_limit=30 * 60, time_limit=31 * 60)
def reconstruir_plazos() -> dict[str, int]:
    """Recompute every open deadline from the records (the table is kept on each change; this is the safety net)."""
    return plazos.reconstruir()


@shared_task(acks_late=True)
def enviar_resumenes_diarios() -> int:
    """Queue one digest per user who chose the daily digest and has something to read."""
    return services.resumenes_diarios_encolar()


@shared_task(acks_late=True)
def generar_reportes_trimestrales() -> list[int]:
    """At (or after) the cut-off of the quarter just ended, queue its quarterly reports once."""
    hoy = timezone.localdate()
    anio, trimestre = periodos.trimestre_anterior(*periodos.trimestre_de(hoy))
    if hoy < periodos.fecha_de_corte(anio, trimestre):
        return []
    return [g.pk for g in services.reportes_trimestrales_generar(periodo=periodos.periodo(anio, trimestre))]


@shared_task
def limpiar_sesiones() -> None:
    call_command("clearsessions")
