"""Celery tasks of the composition root: rebuilding the open data (col_portal.opendata)."""

import logging

from celery import shared_task
from django.core.cache import cache

from . import opendata

logger = logging.getLogger(__name__)

# A rebuild is waiting in the queue (col_portal.opendata_schedule); one build at a time.
SCHEDULED_KEY = "col:opendata:scheduled"
LOCK_KEY = "col:opendata:building"
LOCK_SECONDS = 15 * 60


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def rebuild_open_data(self):
    """Write the open-data files again (what did not change is left as it is). Changes
    committed from now on ask for another rebuild. A build already running makes this one
    wait its turn."""
    cache.delete(SCHEDULED_KEY)
    if not cache.add(LOCK_KEY, True, LOCK_SECONDS):
        raise self.retry()
    try:
        opendata.build()
    finally:
        cache.delete(LOCK_KEY)
