"""Who is told what about contributions: once each, in their language, and delivered even
when the mail server fails for a while (the outbox, its Celery task and the sweep)."""

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from members import delivery
from members import notifications as outbox
from members.models import Notification
from members.selectors import facilitators
from members.tasks import deliver_notification, deliver_pending_notifications
from tests.factories import FacilitatorFactory, MemberFactory, ThemeFactory
from tests.themes.authoring_helpers import edit_form_data
from themes import services
from themes.models import Contribution, Visibility

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_themes_contribution"


def _draft(author, coauthors=()):
    return services.contribution_save_draft(
        user=author,
        fields={
            "title": "Comité de vigilancia del canon en Ilo",
            "summary": "Vecinos y municipio revisaron juntos las obras del canon.",
            "primary_theme": ThemeFactory(),
            "context": "Ilo, 2023.",
            "challenge": "Obras paralizadas.",
            "actions": "Visitas de obra con actas públicas.",
            "results": "Dos obras reanudadas.",
            "lesson": "La información abierta genera confianza.",
            "recommendations": "Acordar un calendario de reportes.",
            "visibility": Visibility.PUBLIC,
        },
        coauthors=list(coauthors),
    )


@pytest.fixture
def languages(monkeypatch):
    """(template, language) of every message rendered by the outbox."""
    rendered = []
    original = outbox.render_message

    def spy(template, context, language):
        rendered.append((template, language))
        return original(template, context, language)

    monkeypatch.setattr(outbox, "render_message", spy)
    return rendered


def _submit(author, contribution, capture):
    with capture(execute=True):
        services.contribution_submit(user=author, contribution=contribution)
    return Contribution.objects.get(pk=contribution.pk)


def _task_state(contribution):
    return contribution.current_workflow_state.current_task_state


def test_submitting_tells_each_facilitator_once_in_their_language(
    member, django_capture_on_commit_callbacks, languages
):
    spanish = FacilitatorFactory(preferred_language="es")
    english = FacilitatorFactory(preferred_language="en")
    contribution = _draft(member)
    mail.outbox.clear()

    _submit(member, contribution, django_capture_on_commit_callbacks)

    everyone = {person.email for person in facilitators()}
    assert {spanish.email, english.email} <= everyone
    # One e-mail per facilitator, ours only: Wagtail's own "submitted" e-mails are not sent.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(everyone)
    english_mail = next(m for m in mail.outbox if m.to == [english.email])
    assert english_mail.subject == "For review: “Comité de vigilancia del canon en Ilo”"
    assert reverse(f"{NS}:edit", args=[contribution.pk]) in english_mail.body
    assert ("themes/contribution_submitted", "es") in languages
    assert ("themes/contribution_submitted", "en") in languages

    # The same task state told again (a retried signal) writes nothing new.
    from themes.signals import on_task_submitted

    state = Contribution.objects.get(pk=contribution.pk).current_workflow_state
    on_task_submitted(sender=None, instance=state.current_task_state.specific, user=member)
    assert Notification.objects.filter(kind="contribution_submitted").count() == len(everyone)


def test_publishing_through_the_admin_tells_every_author_once(
    member, facilitator_client, django_capture_on_commit_callbacks, languages
):
    coauthor = MemberFactory(preferred_language="en")
    contribution = _submit(member, _draft(member, [coauthor]), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    Notification.objects.all().delete()
    languages.clear()

    action = reverse(
        f"{NS}:workflow_action", args=[contribution.pk, "approve", _task_state(contribution).pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(action)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, coauthor.email])
    assert sorted(n.kind for n in Notification.objects.all()) == ["contribution_published"] * 2
    english = next(m for m in mail.outbox if m.to == [coauthor.email])
    assert english.subject == "Published: “Comité de vigilancia del canon en Ilo”"
    assert Contribution.objects.get(pk=contribution.pk).get_absolute_url() in english.body
    assert sorted(languages) == [
        ("themes/contribution_published", "en"),
        ("themes/contribution_published", member.preferred_language),
    ]


def test_sending_back_through_the_admin_tells_every_author_once_with_the_comment(
    member, facilitator_client, django_capture_on_commit_callbacks
):
    coauthor = MemberFactory()
    contribution = _submit(member, _draft(member, [coauthor]), django_capture_on_commit_callbacks)
    mail.outbox.clear()

    action = reverse(
        f"{NS}:workflow_action", args=[contribution.pk, "reject", _task_state(contribution).pk]
    )
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(action, {"comment": "Indiquen cuántas familias participaron."})

    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, coauthor.email])
    for message in mail.outbox:
        assert "Indiquen cuántas familias participaron." in message.body
        assert reverse("themes:my_contributions") in message.body
    assert Notification.objects.filter(kind="contribution_sent_back").count() == 2


def test_a_new_comment_tells_the_authors_but_not_the_commenter(
    member, django_capture_on_commit_callbacks
):
    coauthor = MemberFactory(preferred_language="en")
    contribution = _draft(member, [coauthor])
    revision = contribution.save_revision(user=member, clean=False)
    revision.publish()
    contribution.refresh_from_db()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(
            user=coauthor, contribution=contribution, body="Sumamos los datos de 2024."
        )
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "Sumamos los datos de 2024." in mail.outbox[0].body

    reader = MemberFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(user=reader, contribution=contribution, body="¿Hay fotos?")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, coauthor.email])
    english = next(m for m in mail.outbox if m.to == [coauthor.email])
    assert english.subject == "New comment on “Comité de vigilancia del canon en Ilo”"


# ---- DELIVERY: retried, never doubled, given up after MAX_ATTEMPTS


class FailingBackend(EmailBackend):
    """A mail server that is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


class FlakyBackend(EmailBackend):
    """A mail server that fails twice, then works."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise TimeoutError("SMTP timeout")
        return super().send_messages(messages)


def _one_notification(person, capture):
    with capture(execute=True):
        outbox.notify(
            kind="test",
            template="themes/contribution_published",
            context={"contribution": Contribution(title="Agua para Omate"), "person": person},
            recipient=person,
            dedupe_key=f"test:user:{person.pk}",
        )
    return Notification.objects.get(dedupe_key=f"test:user:{person.pk}")


def _back_off_passes(notification):
    Notification.objects.filter(pk=notification.pk, next_attempt_at__isnull=False).update(
        next_attempt_at=notification.created_at
    )


def test_a_failing_mail_server_is_retried_then_given_up_after_max_attempts(
    member, settings, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    settings.EMAIL_BACKEND = "tests.themes.test_notifications.FailingBackend"
    notification = _one_notification(member, django_capture_on_commit_callbacks)
    # The task that ran after commit tried once and left the row pending.
    notification.refresh_from_db()
    assert notification.attempts == 1
    assert notification.sent_at is None and notification.failed_at is None
    assert "SMTP server unreachable" in notification.last_error

    # The sweep keeps trying while attempts remain...
    Notification.objects.filter(pk=notification.pk).update(
        created_at=notification.created_at.replace(year=notification.created_at.year - 1)
    )
    # Until its back-off has passed, a failed message is left alone.
    assert deliver_pending_notifications() == 0
    notification.refresh_from_db()
    assert notification.attempts == 1 and notification.next_attempt_at is not None
    for _ in range(delivery.MAX_ATTEMPTS - 1):
        _back_off_passes(notification)
        assert deliver_pending_notifications() == 0
    notification.refresh_from_db()
    assert notification.attempts == delivery.MAX_ATTEMPTS
    # ...and gives up: marked failed, never tried again.
    assert notification.failed_at is not None
    assert deliver_pending_notifications() == 0
    notification.refresh_from_db()
    assert notification.attempts == delivery.MAX_ATTEMPTS
    assert mail.outbox == []


def test_a_transient_failure_is_delivered_later_exactly_once(
    member, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.themes.test_notifications.FlakyBackend"
    FlakyBackend.failures_left = 2
    notification = _one_notification(member, django_capture_on_commit_callbacks)
    Notification.objects.filter(pk=notification.pk).update(
        created_at=notification.created_at.replace(year=notification.created_at.year - 1)
    )
    _back_off_passes(notification)
    assert deliver_pending_notifications() == 0  # second failure
    _back_off_passes(notification)
    assert deliver_pending_notifications() == 1  # delivered
    _back_off_passes(notification)
    assert deliver_pending_notifications() == 0  # nothing left: never sent twice
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 3
    assert [m.to for m in mail.outbox] == [[member.email]]


def test_the_celery_task_retries_with_backoff_on_a_worker(
    member, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """On a worker (not eager) a failed delivery asks Celery to retry, later each time."""
    settings.EMAIL_BACKEND = "tests.themes.test_notifications.FailingBackend"
    notification = _one_notification(member, django_capture_on_commit_callbacks)
    countdowns = []

    def fake_retry(exc=None, countdown=None, **kwargs):
        countdowns.append(countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(deliver_notification, "retry", fake_retry)
    for retries in range(delivery.MAX_ATTEMPTS - 1):
        deliver_notification.push_request(id=f"task-{retries}", is_eager=False, retries=retries)
        try:
            with pytest.raises(Retry):
                deliver_notification.run(notification.pk)
        finally:
            deliver_notification.pop_request()
    notification.refresh_from_db()
    assert notification.attempts == delivery.MAX_ATTEMPTS
    assert notification.failed_at is not None
    assert countdowns == sorted(countdowns) and countdowns[0] < countdowns[-1]
    assert deliver_notification.max_retries == delivery.MAX_ATTEMPTS - 1
    # Once given up, a late retry does nothing.
    assert deliver_notification.run(notification.pk) is False


def test_submitting_from_the_admin_tells_each_facilitator_once(
    member, facilitator_client, django_capture_on_commit_callbacks
):
    contribution = _draft(member)
    mail.outbox.clear()
    data = edit_form_data(contribution, **{"action-submit": "action-submit"})
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(reverse(f"{NS}:edit", args=[contribution.pk]), data)
    assert response.status_code == 302
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.workflow_in_progress
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in facilitators())
