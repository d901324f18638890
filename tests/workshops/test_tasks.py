"""The reminder task: run by Celery beat every hour, it sends each reminder once (a change
of time: tests/workshops/test_lifecycle.py)."""

from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from tests.factories import MemberFactory, WorkshopFactory
from tests.workshops.views_helpers import MEETING_URL, fill, hybrid_workshop, register
from workshops.models import RegistrationStatus, WorkshopStatus
from workshops.tasks import send_workshop_reminders

pytestmark = pytest.mark.django_db


def test_beat_runs_the_reminders_every_hour():
    (entry,) = [
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "workshops.tasks.send_workshop_reminders"
    ]
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.hour == set(range(24))
    assert len(schedule.minute) == 1


def test_running_the_task_twice_sends_one_reminder_per_confirmed_participant(
    django_capture_on_commit_callbacks,
):
    soon = hybrid_workshop(title="Mañana en Ilo", starts_at=timezone.now() + timedelta(hours=20))
    confirmed = fill(soon, 3)
    waiting = register(soon, MemberFactory(), RegistrationStatus.WAITLISTED)
    cancelled = register(soon, MemberFactory(), RegistrationStatus.CANCELLED)
    later = WorkshopFactory(starts_at=timezone.now() + timedelta(days=3))
    fill(later, 2)
    gone = WorkshopFactory(
        status=WorkshopStatus.CANCELLED, starts_at=timezone.now() + timedelta(hours=5)
    )
    fill(gone, 1)

    with django_capture_on_commit_callbacks(execute=True):
        first = send_workshop_reminders.delay().get()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_workshop_reminders.delay().get()

    assert (first, second) == (3, 0)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(r.user.email for r in confirmed)
    assert waiting.user.email not in recipients and cancelled.user.email not in recipients
    assert all("Mañana en Ilo" in message.subject + message.body for message in mail.outbox)
    # Confirmed participants of a hybrid workshop get the link in their reminder.
    assert all(MEETING_URL in message.body for message in mail.outbox)
