"""Sending the notification outbox by e-mail: one notification, retried with growing delays
after a failure, and the list the periodic sweep sends. Called by the tasks of
members.tasks; members.notifications writes the rows."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Notification

# The outbox logs under one name, whichever module sends.
logger = logging.getLogger("members.notifications")

# Delays before each new attempt after a failure: a mail outage of up to about a day
# delays messages without losing them; after the last attempt the row is marked failed.
RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=3),
    timedelta(hours=6),
    timedelta(hours=12),
]
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts."""
    return RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]


def deliver(notification_id: int) -> bool:
    """Send one pending notification by e-mail. Returns True when it was sent now.

    Raises on a transport error after recording the attempt, so the caller may retry.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, sent_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False
        message = EmailMultiAlternatives(
            subject=notification.subject,
            body=notification.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.email],
            reply_to=[notification.reply_to] if notification.reply_to else None,
        )
        if notification.body_html:
            message.attach_alternative(notification.body_html, "text/html")
        if notification.attachment_name:
            message.attach(
                notification.attachment_name,
                notification.attachment_content,
                notification.attachment_type or "application/octet-stream",
            )
        notification.attempts += 1
        try:
            message.send()
        except Exception as exc:
            notification.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            if notification.attempts >= MAX_ATTEMPTS:
                notification.failed_at = timezone.now()
                logger.error(
                    "Giving up on notification %s to %s after %s attempts: %s",
                    notification.pk,
                    notification.email,
                    notification.attempts,
                    notification.last_error,
                )
            else:
                notification.next_attempt_at = timezone.now() + retry_delay(notification.attempts)
            notification.save(
                update_fields=["attempts", "last_error", "failed_at", "next_attempt_at"]
            )
            # Leave the atomic block first so the attempt is committed, then raise.
            raise_after = exc
        else:
            notification.sent_at = timezone.now()
            notification.last_error = ""
            notification.save(update_fields=["attempts", "sent_at", "last_error"])
            return True
    raise raise_after


def pending_ids(*, older_than: timedelta = timedelta(seconds=60), limit: int = 500) -> list[int]:
    """Pending notifications old enough that their own task should have sent them, and
    whose back-off after a failure (if any) has passed."""
    now = timezone.now()
    return list(
        Notification.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, created_at__lte=now - older_than
        )
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
