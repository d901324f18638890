"""Celery tasks of the members app: delivering the notification outbox."""

import logging

from celery import shared_task

from . import delivery

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=delivery.MAX_ATTEMPTS - 1, acks_late=True)
def deliver_notification(self, notification_id: int) -> bool:
    try:
        return delivery.deliver(notification_id)
    except Exception as exc:
        if self.request.is_eager:
            # Running inside the request (no broker): the sweep will try again later.
            logger.warning("Notification %s not delivered yet: %s", notification_id, exc)
            return False
        attempts = self.request.retries + 1
        countdown = delivery.retry_delay(attempts).total_seconds()
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task
def deliver_pending_notifications() -> int:
    """The sweep: deliver whatever is still pending (broker or mail outage). Returns sent."""
    sent = 0
    for notification_id in delivery.pending_ids():
        try:
            sent += delivery.deliver(notification_id)
        except Exception as exc:
            logger.warning("Sweep: notification %s not delivered: %s", notification_id, exc)
    return sent
