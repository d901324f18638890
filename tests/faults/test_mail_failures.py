"""A mail server that fails: delivery is retried with the documented back-off, given up
after MAX_ATTEMPTS with an error in the log, and nothing is sent twice when it recovers.

Time is a controlled clock (django.utils.timezone.now), so a day of back-off takes no time.
"""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from members import delivery
from members import notifications as outbox
from members.models import Notification
from members.tasks import deliver_notification, deliver_pending_notifications
from tests.faults.backends import FlakySMTPBackend
from themes.models import Contribution

pytestmark = pytest.mark.django_db

BACKEND = "tests.faults.backends.FlakySMTPBackend"


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self):
        return self.now

    def set(self, moment):
        self.now = moment


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def failing_mail(settings):
    settings.EMAIL_BACKEND = BACKEND
    FlakySMTPBackend.failures_left = None
    FlakySMTPBackend.calls = 0
    yield FlakySMTPBackend
    FlakySMTPBackend.failures_left = None


@pytest.fixture
def worker_retries(monkeypatch):
    """The countdowns the task asks Celery for, as on a worker (no broker needed)."""
    countdowns = []

    def retry(exc=None, countdown=None, **kwargs):
        if deliver_notification.request.retries >= deliver_notification.max_retries:
            raise exc  # what Celery does when the retries are used up
        countdowns.append(countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(deliver_notification, "retry", retry)
    return countdowns


def run_task_on_worker(notification_id: int, *, retries: int):
    """deliver_notification as a worker runs it (not eager), the n-th retry."""
    deliver_notification.push_request(id=f"delivery-{retries}", is_eager=False, retries=retries)
    try:
        return deliver_notification.run(notification_id)
    finally:
        deliver_notification.pop_request()


def new_notification(member, capture) -> Notification:
    # Committed, but its after-commit task is run by hand below, as a worker would.
    with capture(execute=False):
        notification = outbox.notify(
            kind="contribution_published",
            template="themes/contribution_published",
            context={"contribution": Contribution(title="Agua para Omate"), "person": member},
            recipient=member,
        )
    return notification


def test_failures_back_off_as_documented_then_give_up_logged(
    member, clock, failing_mail, worker_retries, caplog, django_capture_on_commit_callbacks
):
    notification = new_notification(member, django_capture_on_commit_callbacks)
    created = clock.now

    # The after-commit task fails on the worker and asks Celery to retry in a minute.
    with pytest.raises(Retry):
        run_task_on_worker(notification.pk, retries=0)
    assert worker_retries == [delivery.RETRY_DELAYS[0].total_seconds()] == [60.0]

    schedule = []
    notification.refresh_from_db()
    while notification.failed_at is None:
        attempts, due = notification.attempts, notification.next_attempt_at
        schedule.append(due - clock.now)
        # A second before the back-off ends the sweep leaves the message alone...
        clock.set(due - timedelta(seconds=1))
        assert deliver_pending_notifications() == 0
        notification.refresh_from_db()
        assert notification.attempts == attempts
        # ...and when it ends, tries again (and fails again).
        clock.set(due)
        with caplog.at_level(logging.WARNING):
            assert deliver_pending_notifications() == 0
        notification.refresh_from_db()
        assert notification.attempts == attempts + 1
        assert "SMTPServerDisconnected" in notification.last_error

    # Each wait is the documented one: 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h.
    assert schedule == delivery.RETRY_DELAYS
    assert notification.attempts == delivery.MAX_ATTEMPTS == 8
    assert notification.failed_at == clock.now
    assert clock.now - created == sum(delivery.RETRY_DELAYS, timedelta())  # under a day
    assert failing_mail.calls == delivery.MAX_ATTEMPTS
    give_up = [
        record
        for record in caplog.records
        if record.levelno == logging.ERROR and record.name == "members.notifications"
    ]
    assert len(give_up) == 1
    assert f"notification {notification.pk} " in give_up[0].getMessage()
    assert f"after {delivery.MAX_ATTEMPTS} attempts" in give_up[0].getMessage()

    # Given up means given up: no more attempts, even a day later with the server back.
    failing_mail.failures_left = 0
    clock.set(clock.now + timedelta(days=1))
    assert deliver_pending_notifications() == 0
    assert run_task_on_worker(notification.pk, retries=deliver_notification.max_retries) is False
    notification.refresh_from_db()
    assert notification.attempts == delivery.MAX_ATTEMPTS
    assert mail.outbox == []


def test_a_mail_server_back_midway_gets_each_message_once(
    member, other_member, clock, failing_mail, worker_retries, django_capture_on_commit_callbacks
):
    failing_mail.failures_left = 3
    first = new_notification(member, django_capture_on_commit_callbacks)
    with pytest.raises(Retry):
        run_task_on_worker(first.pk, retries=0)  # attempt 1 fails
    clock.set(clock.now + delivery.RETRY_DELAYS[0])
    assert deliver_pending_notifications() == 0  # attempt 2 fails (the sweep)
    clock.set(clock.now + delivery.RETRY_DELAYS[1])
    with pytest.raises(Retry):
        run_task_on_worker(first.pk, retries=1)  # attempt 3 fails (Celery's retry)
    first.refresh_from_db()
    assert first.attempts == 3 and first.sent_at is None

    # The server is back. A second message, sent while the first is still waiting.
    second = new_notification(other_member, django_capture_on_commit_callbacks)
    assert run_task_on_worker(second.pk, retries=0) is True
    assert [message.to for message in mail.outbox] == [[other_member.email]]

    # When the back-off ends the sweep and the pending Celery retry both come for the first.
    clock.set(clock.now + delivery.RETRY_DELAYS[2])
    assert deliver_pending_notifications() == 1
    assert run_task_on_worker(first.pk, retries=2) is False
    assert deliver_pending_notifications() == 0
    assert run_task_on_worker(second.pk, retries=0) is False

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [member.email, other_member.email]
    )
    first.refresh_from_db()
    assert first.attempts == 4 and first.sent_at == clock.now and first.last_error == ""
    assert first.failed_at is None
