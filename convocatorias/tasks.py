"""Thin Celery tasks of the call pipeline: they call a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def actualizar_puntajes() -> int:
    """The closing-date part of the score moves with time: store the totals of the calls in progress."""
    return services.puntajes_actualizar()
