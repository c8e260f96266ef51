"""Celery application. Settings come from Django's (CELERY_* names); the beat schedule lives here, in code."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperacion.settings")

app = Celery("cooperacion")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Reminders: idempotent, so it runs every hour of the working day to catch near deadlines early.
    "barrer-plazos": {
        "task": "cooperacion.core.tasks.barrer_plazos",
        "schedule": crontab(minute=5, hour="6-19"),
    },
    # The outbox: side effects still pending (broker down, worker killed) are published again.
    "barrer-salidas": {
        "task": "cooperacion.core.tasks.barrer_salidas",
        "schedule": crontab(minute="*/5"),
    },
    # The open-deadline table is kept on every change; once a night it is recomputed from the records.
    "reconstruir-plazos": {
        "task": "cooperacion.core.tasks.reconstruir_plazos",
        "schedule": crontab(minute=40, hour=2),
    },
    # The matrix sorts by a stored score whose closing-date part changes with time.
    "puntajes-de-convocatorias": {
        "task": "convocatorias.tasks.actualizar_puntajes",
        "schedule": crontab(minute=10),
    },
    "resumenes-diarios": {
        "task": "cooperacion.core.tasks.enviar_resumenes_diarios",
        "schedule": crontab(minute=0, hour=7),
    },
    # Daily check: on (or after) each quarter's cut-off date, its quarterly reports are generated once.
    "reportes-trimestrales": {
        "task": "cooperacion.core.tasks.generar_reportes_trimestrales",
        "schedule": crontab(minute=30, hour=5),
    },
    "limpiar-sesiones-vencidas": {
        "task": "cooperacion.core.tasks.limpiar_sesiones",
        "schedule": crontab(hour=3, minute=15),
    },
}
