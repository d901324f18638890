"""The weekly digest: opt-in, per-person visibility, once per week, nothing when empty."""

from datetime import datetime, timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.utils import timezone

from members.models import Notification
from tests.factories import ContributionFactory, MemberFactory, UserFactory
from themes import services
from themes.models import Contribution, Visibility
from themes.tasks import DIGEST_MAX_ITEMS, digest_run, send_weekly_digest

pytestmark = pytest.mark.django_db

# A Monday at 08:00 in Moquegua, when beat runs the digest.
MONDAY = timezone.make_aware(datetime(2026, 11, 23, 8, 0))


def published(days_ago: float, **kwargs) -> Contribution:
    contribution = ContributionFactory(**kwargs)
    when = MONDAY - timedelta(days=days_ago)
    Contribution.objects.filter(pk=contribution.pk).update(
        first_published_at=when, last_published_at=when
    )
    contribution.refresh_from_db()
    return contribution


def digests():
    return Notification.objects.filter(kind="digest")


@pytest.fixture
def reader(db):
    return MemberFactory(wants_digest=True, preferred_language="en")


def _run(capture, now=MONDAY):
    with capture(execute=True):
        return digest_run(now=now)


def test_only_people_who_asked_for_it_get_the_digest(
    reader, member, django_capture_on_commit_callbacks
):
    published(2, title="Agua potable para Chojata")
    assert not member.wants_digest

    assert _run(django_capture_on_commit_callbacks) == 1
    assert [n.recipient for n in digests()] == [reader]
    assert [m.to for m in mail.outbox] == [[reader.email]]
    message = mail.outbox[0]
    assert message.subject == "This week on the portal: one new contribution"
    assert "Agua potable para Chojata" in message.body
    assert "/lecciones/" in message.body
    assert message.alternatives and "Agua potable para Chojata" in message.alternatives[0][0]


def test_each_person_gets_what_they_may_read(reader, django_capture_on_commit_callbacks):
    outsider = UserFactory(wants_digest=True)  # an account without a role in the Community
    published(1, title="Presupuesto del canon en Torata", visibility=Visibility.MEMBERS)
    published(3, title="Monitoreo participativo del aire en Ilo")
    published(12, title="Una experiencia de hace dos semanas")
    ContributionFactory(title="Un borrador sin publicar", published=False)
    archived = published(2, title="Una contribución archivada")
    services.contribution_archive(
        user=MemberFactory(role="facilitator"), contribution=archived, archived=True
    )

    assert _run(django_capture_on_commit_callbacks) == 2
    by_person = {n.recipient: n.body_text for n in digests()}
    for_member, for_outsider = by_person[reader], by_person[outsider]

    assert "Presupuesto del canon en Torata" in for_member
    assert "Monitoreo participativo del aire en Ilo" in for_member
    assert "Presupuesto del canon en Torata" not in for_outsider
    assert "Monitoreo participativo del aire en Ilo" in for_outsider
    for text in (for_member, for_outsider):
        assert "hace dos semanas" not in text
        assert "borrador" not in text
        assert "archivada" not in text


def test_running_twice_in_a_week_sends_once(reader, django_capture_on_commit_callbacks):
    published(1)
    assert _run(django_capture_on_commit_callbacks) == 1
    assert _run(django_capture_on_commit_callbacks, MONDAY + timedelta(hours=3)) == 0
    assert _run(django_capture_on_commit_callbacks, MONDAY + timedelta(days=6)) == 0
    assert digests().count() == 1
    assert len(mail.outbox) == 1
    assert digests().get().dedupe_key == f"digest:2026-W48:user:{reader.pk}"

    # The next week is a new digest, with what is new by then.
    published(-4, title="Ferias de productores en Omate")
    assert _run(django_capture_on_commit_callbacks, MONDAY + timedelta(days=7)) == 1
    assert digests().count() == 2
    assert "Ferias de productores en Omate" in mail.outbox[-1].body


def test_nothing_is_sent_when_nothing_is_new(reader, django_capture_on_commit_callbacks):
    published(8, title="Publicada hace más de una semana")
    ContributionFactory(published=False)
    assert _run(django_capture_on_commit_callbacks) == 0
    assert not digests().exists()
    assert mail.outbox == []


def test_a_long_week_is_summed_up(reader, django_capture_on_commit_callbacks):
    for number in range(DIGEST_MAX_ITEMS + 2):
        published(1 + number / 100, title=f"Experiencia número {number}")
    _run(django_capture_on_commit_callbacks)
    body = mail.outbox[0].body
    assert f"{DIGEST_MAX_ITEMS + 2} contributions were published" in body
    assert "…and 2 more." in body
    assert "Experiencia número 0" in body
    assert f"Experiencia número {DIGEST_MAX_ITEMS + 1}" not in body


def test_inactive_people_get_nothing(reader, django_capture_on_commit_callbacks):
    reader.is_active = False
    reader.save()
    published(1)
    assert _run(django_capture_on_commit_callbacks) == 0


def test_the_celery_task_runs_and_is_scheduled_weekly(reader, django_capture_on_commit_callbacks):
    ContributionFactory()  # published just now
    with django_capture_on_commit_callbacks(execute=True):
        assert send_weekly_digest.apply().get() == 1
    assert len(mail.outbox) == 1

    entry = settings.CELERY_BEAT_SCHEDULE["send-weekly-digest"]
    assert entry["task"] == "themes.tasks.send_weekly_digest"
    assert entry["schedule"] == crontab(minute=0, hour=8, day_of_week="monday")
    assert settings.CELERY_TIMEZONE == "America/Lima"


def test_a_member_opts_in_and_out_in_my_space(member, member_client):
    from django.urls import reverse

    form = {"full_name": member.full_name, "position": "", "preferred_language": "es"}
    member_client.post(reverse("members:dashboard"), {**form, "wants_digest": "on"})
    member.refresh_from_db()
    assert member.wants_digest
    member_client.post(reverse("members:dashboard"), form)
    member.refresh_from_db()
    assert not member.wants_digest
