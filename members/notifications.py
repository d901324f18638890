"""The notification outbox: write a row in the caller's transaction, deliver after commit.

`notify()` renders the message in the recipient's language and stores it; delivery is a
Celery task enqueued on commit. If the broker is down the row stays pending and the
periodic sweep (`deliver_pending_notifications`) sends it later. Delivery locks the row,
so a message is sent once even when the task and the sweep race.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification

logger = logging.getLogger(__name__)

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


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def render_message(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render emails/<template>_subject.txt, .txt and .html in `language`."""
    with translation.override(language):
        context = {
            "site_url": settings.SITE_URL,
            "site_name": settings.WAGTAIL_SITE_NAME,
            **context,
        }
        subject = " ".join(
            render_to_string(f"emails/{template}_subject.txt", context, using="text").split()
        )
        body_text = render_to_string(f"emails/{template}.txt", context, using="text")
        try:
            body_html = render_to_string(f"emails/{template}.html", context)
        except TemplateDoesNotExist:
            body_html = ""
    return subject, body_text, body_html


def notify(
    *,
    kind: str,
    template: str,
    context: dict,
    recipient=None,
    email: str = "",
    language: str = "",
    url: str = "",
    dedupe_key: str | None = None,
    attachment: tuple[str, str, str] | None = None,
    reply_to: str = "",
) -> Notification | None:
    """Store one message for one person and schedule its delivery after commit.

    With a `dedupe_key` already used, nothing is written and None is returned.
    `attachment` is (file name, text content, MIME type); `reply_to` is where an answer
    to the e-mail goes (a visitor who wrote to the team), when not to the portal.
    """
    if recipient is not None:
        email = email or recipient.email
        language = language or recipient.preferred_language
    language = language or settings.LANGUAGE_CODE
    url = absolute_url(url)
    subject, body_text, body_html = render_message(template, {**context, "url": url}, language)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                email=email,
                reply_to=reply_to,
                kind=kind,
                subject=subject[:255],
                body_text=body_text,
                body_html=body_html,
                url=url[:500],
                dedupe_key=dedupe_key,
                attachment_name=attachment[0] if attachment else "",
                attachment_content=attachment[1] if attachment else "",
                attachment_type=attachment[2] if attachment else "",
            )
    except IntegrityError:
        if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    transaction.on_commit(lambda: enqueue_delivery(notification.pk))
    return notification


def enqueue_delivery(notification_id: int) -> None:
    from .tasks import deliver_notification

    try:
        deliver_notification.delay(notification_id)
    except Exception:
        # Broker unreachable: the row is safe in the database; the sweep sends it later.
        logger.warning(
            "Could not enqueue notification %s; the sweep will deliver it", notification_id
        )


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


def mark_read(*, user, notification_ids=None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())
