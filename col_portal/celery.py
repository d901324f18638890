"""Celery application. Without REDIS_URL the settings make every task run eagerly."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "col_portal.settings")

app = Celery("col_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
