"""A person who loses the member role (or whose account is closed) loses everything that
came with it at once: the meeting link on the workshop page and in e-mails, the personal
calendar feed (404), members-only workshops, and notices about the workshops they had
registered for. Their registrations stay in the records."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories import FacilitatorFactory, MemberFactory
from tests.factories.workshops import WorkshopFactory
from themes.models import Visibility
from workshops import services
from workshops.models import Modality, Registration, RegistrationStatus
from workshops.selectors import calendar_feed_for

pytestmark = pytest.mark.django_db

MEETING = "https://meet.example.org/taller-canon-ilo"


def _hybrid(**fields):
    return WorkshopFactory(modality=Modality.HYBRID, online_url=MEETING, **fields)


def _lose_role(person):
    person.groups.clear()


def _client(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def registered():
    person = MemberFactory(email="ex-miembro@example.org")
    workshop = _hybrid(title="Taller abierto de canon")
    services.workshop_register(workshop=workshop, user=person)
    return person, workshop


def test_the_meeting_link_goes_with_the_role(registered):
    person, workshop = registered
    client = _client(person)
    assert MEETING in client.get(workshop.get_absolute_url()).content.decode()

    _lose_role(person)

    page = _client(person).get(workshop.get_absolute_url())
    assert page.status_code == 200  # a public workshop: still readable
    assert MEETING not in page.content.decode()


def test_a_members_only_workshop_is_closed_to_who_lost_the_role():
    person = MemberFactory()
    workshop = _hybrid(title="Taller reservado", visibility=Visibility.MEMBERS)
    services.workshop_register(workshop=workshop, user=person)

    _lose_role(person)

    assert _client(person).get(workshop.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("how", ["role", "account"])
def test_the_personal_calendar_stops_answering(registered, how):
    person, _workshop = registered
    url = f"/talleres/mi-calendario/{calendar_feed_for(person).token}.ics"
    assert MEETING in Client().get(url).content.decode()

    if how == "role":
        _lose_role(person)
    else:
        person.is_active = False
        person.save(update_fields=["is_active"])

    assert Client().get(url).status_code == 404


def test_messages_and_reminders_reach_members_only(registered, django_capture_on_commit_callbacks):
    person, workshop = registered
    still = MemberFactory(email="sigue@example.org")
    services.workshop_register(workshop=workshop, user=still)
    _lose_role(person)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_message_registrants(
            workshop=workshop, user=FacilitatorFactory(), subject="Agenda", body="Hola."
        )
        workshop.starts_at = timezone.now() + timedelta(hours=20)
        workshop.ends_at = workshop.starts_at + timedelta(hours=2)
        workshop.save()
        services.send_reminders()

    recipients = {address for message in mail.outbox for address in message.to}
    assert "sigue@example.org" in recipients
    assert "ex-miembro@example.org" not in recipients


def test_a_freed_seat_goes_to_a_member_not_to_who_lost_the_role(
    django_capture_on_commit_callbacks,
):
    workshop = _hybrid(capacity=1)
    holder, former, waiting = MemberFactory(), MemberFactory(), MemberFactory()
    for person in (holder, former, waiting):
        services.workshop_register(workshop=workshop, user=person)
    _lose_role(former)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(
            registration=Registration.objects.get(workshop=workshop, user=holder), user=holder
        )

    statuses = dict(Registration.objects.filter(workshop=workshop).values_list("user", "status"))
    assert statuses[waiting.pk] == RegistrationStatus.CONFIRMED
    assert statuses[former.pk] == RegistrationStatus.WAITLISTED
