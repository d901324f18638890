"""The notification outbox: write a row in the caller's transaction, deliver after commit.

`notify()` renders the message in the recipient's language and stores it; delivery is a
Celery task enqueued on commit. If the broker is down the row stays pending and the
periodic sweep (`deliver_pending_notifications`) sends it later. Delivery locks the row,
so a message is sent once even when the task and the sweep race.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification
from .tasks import deliver_notification

logger = logging.getLogger(__name__)


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
    try:
        deliver_notification.delay(notification_id)
    except Exception:
        # Broker unreachable: the row is safe in the database; the sweep sends it later.
        logger.warning(
            "Could not enqueue notification %s; the sweep will deliver it", notification_id
        )


def mark_read(*, user, notification_ids=None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())
