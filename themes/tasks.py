"""Celery tasks of the lessons: the weekly digest of newly published contributions and of
the applications of lessons approved in the week.

Celery beat runs `send_weekly_digest` on Monday mornings (settings.CELERY_BEAT_SCHEDULE).
Each person who asked for it (User.wants_digest) gets one message with the contributions
first published in the last seven days that they may read — members also see the
members-only ones — and nothing when there is nothing new. The message goes through the
outbox with a key per person and ISO week, so running the task twice in a week (a retry,
a second beat) sends it once.
"""

import logging
from datetime import datetime, timedelta

from celery import shared_task
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from members.models import Notification, User
from members.notifications import notify

from .selectors import (
    applications_visible_to,
    contributions_visible_to,
    with_application_relations,
    with_listing_relations,
)

logger = logging.getLogger(__name__)

DIGEST_DAYS = 7
# More than this is summed up as "and N more", with a link to the list.
DIGEST_MAX_ITEMS = 15


def digest_week(moment: datetime) -> str:
    """The ISO week of a moment in the portal's time zone, e.g. "2026-W48"."""
    year, week, _weekday = timezone.localtime(moment).isocalendar()
    return f"{year}-W{week:02d}"


def digest_key(person: User, week: str) -> str:
    return f"digest:{week}:user:{person.pk}"


def digest_recipients():
    return User.objects.filter(is_active=True, wants_digest=True).order_by("pk")


def digest_send(*, person: User, now: datetime) -> Notification | None:
    """Write this week's digest for one person, if there is something new they may read.

    Returns the notification, or None when there was nothing new or it was already written.
    """
    week = digest_week(now)
    key = digest_key(person, week)
    if Notification.objects.filter(dedupe_key=key).exists():
        return None
    new = with_listing_relations(
        contributions_visible_to(person).filter(
            first_published_at__gt=now - timedelta(days=DIGEST_DAYS),
            first_published_at__lte=now,
        )
    ).order_by("-first_published_at", "-pk")
    contributions = list(new[: DIGEST_MAX_ITEMS + 1])
    applications = list(
        with_application_relations(
            applications_visible_to(person).filter(
                first_published_at__gt=now - timedelta(days=DIGEST_DAYS),
                first_published_at__lte=now,
            )
        ).order_by("-first_published_at", "-pk")[:DIGEST_MAX_ITEMS]
    )
    if not contributions and not applications:
        return None
    total = len(contributions) if len(contributions) <= DIGEST_MAX_ITEMS else new.count()
    return notify(
        kind="digest",
        template="themes/digest",
        context={
            "person": person,
            "contributions": contributions[:DIGEST_MAX_ITEMS],
            "total": total,
            "more": total - min(total, DIGEST_MAX_ITEMS),
            "applications": applications,
        },
        recipient=person,
        url=reverse("themes:lesson_list"),
        dedupe_key=key,
    )


def digest_run(*, now: datetime | None = None) -> int:
    """Write the week's digest for everyone who asked for it. Returns how many were written."""
    now = now or timezone.now()
    written = 0
    for person in digest_recipients().iterator():
        if digest_send(person=person, now=now) is not None:
            written += 1
    logger.info("Weekly digest %s: %s messages written", digest_week(now), written)
    return written


@shared_task(bind=True, max_retries=3, acks_late=True)
def send_weekly_digest(self) -> int:
    try:
        return digest_run()
    except DatabaseError as exc:
        if self.request.is_eager:
            raise
        # What was written stays written (one key per person and week): a retry only
        # completes the rest.
        raise self.retry(exc=exc, countdown=300 * 2**self.request.retries) from exc
