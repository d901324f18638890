"""Celery tasks of the workshops: the reminder 24 hours before; the commitments' reminders
and monthly summaries (keyed the same way: each sent once).

Celery beat runs `send_workshop_reminders` every hour (settings.CELERY_BEAT_SCHEDULE).
`services.send_reminders` writes one outbox notification per confirmed participant with a
key per workshop, logistics version and person, so a second run (a retry, two beats, an
overlap) sends nothing new: each reminder goes out once.
"""

import logging

from celery import shared_task
from django.db import DatabaseError

from . import services

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, acks_late=True)
def send_workshop_reminders(self) -> int:
    """Remind confirmed participants of workshops starting in the next 24 hours."""
    try:
        written = services.send_reminders()
    except DatabaseError as exc:
        if self.request.is_eager:
            raise
        # Reminders already written keep their key: a retry only writes the missing ones.
        raise self.retry(exc=exc, countdown=120 * 2**self.request.retries) from exc
    if written:
        logger.info("Workshop reminders: %s written", written)
    return written


@shared_task(bind=True, max_retries=3, acks_late=True)
def send_commitment_reminders(self) -> int:
    """Remind responsible institutions of commitments due soon or overdue (once each)."""
    try:
        written = services.send_commitment_reminders()
    except DatabaseError as exc:
        if self.request.is_eager:
            raise
        raise self.retry(exc=exc, countdown=120 * 2**self.request.retries) from exc
    if written:
        logger.info("Commitment reminders: %s written", written)
    return written


@shared_task(bind=True, max_retries=3, acks_late=True)
def send_monthly_commitment_summaries(self) -> int:
    """Each institution's open commitments, to its members (once a month: keyed)."""
    try:
        written = services.send_monthly_commitment_summaries()
    except DatabaseError as exc:
        if self.request.is_eager:
            raise
        raise self.retry(exc=exc, countdown=120 * 2**self.request.retries) from exc
    if written:
        logger.info("Monthly commitment summaries: %s written", written)
    return written
