"""Celery application. Settings come from Django's (CELERY_* names); the beat schedule lives here, in code."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperacion.settings")

app = Celery("cooperacion")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "limpiar-sesiones-vencidas": {
        "task": "cooperacion.core.tasks.limpiar_sesiones",
        "schedule": crontab(hour=3, minute=15),
    },
}
