"""Thin Celery tasks: they take ids, call a service, and retry only on transient e-mail errors."""

from celery import shared_task

from cooperacion.core.tasks import ERRORES_DE_CORREO

from . import services


@shared_task(
    acks_late=True, autoretry_for=ERRORES_DE_CORREO, retry_backoff=30, retry_backoff_max=30 * 60, max_retries=8
)
def enviar_oficio(convocatoria_id: int, destinatario_ids: list[int]) -> int:
    """E-mail the oficio informativo (PDF attached) to the addressees; each is e-mailed once."""
    return services.oficio_enviar_correos(convocatoria_id=convocatoria_id, destinatario_ids=destinatario_ids)


@shared_task(
    acks_late=True, autoretry_for=ERRORES_DE_CORREO, retry_backoff=30, retry_backoff_max=30 * 60, max_retries=8
)
def avisar_decision_a_organizaciones(convocatoria_id: int) -> int:
    return services.decision_avisar_organizaciones(convocatoria_id=convocatoria_id)
