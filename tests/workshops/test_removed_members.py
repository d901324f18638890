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
from workshops.models import Modality, Registration, RegistrationStatus, Workshop
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


# ---- Seats: who stops being a member frees the seats they held at coming workshops


@pytest.fixture
def full_workshop():
    """One seat, held by a member; another member first on the waitlist."""
    workshop = _hybrid(title="Taller lleno de canon", capacity=1)
    holder = MemberFactory(email="tiene-el-lugar@example.org", full_name="Hugo Titular")
    waiting = MemberFactory(email="en-espera@example.org", full_name="Wanda Espera")
    services.workshop_register(workshop=workshop, user=holder)
    services.workshop_register(workshop=workshop, user=waiting)
    return workshop, holder, waiting


def _status(workshop, person) -> str:
    return Registration.objects.get(workshop=workshop, user=person).status


def _close_account(person):
    person.is_active = False
    person.save()


def _remove_role_in_the_admin_way(person):
    # Wagtail's user form saves the groups with set(): what is unticked is removed.
    person.groups.set([])


@pytest.mark.parametrize(
    "end_membership", [_lose_role, _close_account, _remove_role_in_the_admin_way]
)
def test_a_former_member_frees_the_seat_and_the_waitlist_moves_up(
    full_workshop, end_membership, django_capture_on_commit_callbacks
):
    workshop, holder, waiting = full_workshop
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        end_membership(holder)

    assert _status(workshop, holder) == RegistrationStatus.CANCELLED
    assert _status(workshop, waiting) == RegistrationStatus.CONFIRMED
    told = [message for message in mail.outbox if message.to == ["en-espera@example.org"]]
    assert len(told) == 1
    assert told[0].subject == "Tiene un lugar: Taller lleno de canon"
    assert "Se liberó un lugar en “Taller lleno de canon”" in told[0].body
    assert not [message for message in mail.outbox if "tiene-el-lugar@example.org" in message.to]
    # The person who waited sees the seat on their page.
    page = _client(waiting).get("/mis-talleres/").content.decode()
    assert "Taller lleno de canon" in page


def test_the_freed_seat_shows_on_the_workshop_page(
    full_workshop, django_capture_on_commit_callbacks
):
    workshop, holder, waiting = full_workshop
    newcomer = _client(MemberFactory())
    assert (
        "Unirme a la lista de espera" in newcomer.get(workshop.get_absolute_url()).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        _lose_role(holder)
        _lose_role(waiting)

    assert _status(workshop, waiting) == RegistrationStatus.CANCELLED
    page = newcomer.get(workshop.get_absolute_url()).content.decode()
    assert "1 disponible" in page
    assert "Unirme a la lista de espera" not in page


def test_a_member_made_facilitator_keeps_the_seat(
    full_workshop, django_capture_on_commit_callbacks
):
    from members import roles

    workshop, holder, waiting = full_workshop
    with django_capture_on_commit_callbacks(execute=True):
        roles.set_role(holder, "facilitator")  # removes the member group, then adds

    assert _status(workshop, holder) == RegistrationStatus.CONFIRMED
    assert _status(workshop, waiting) == RegistrationStatus.WAITLISTED


def test_removing_people_from_the_members_group_frees_their_seats(
    full_workshop, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from members.roles import MEMBERS

    workshop, holder, waiting = full_workshop
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.get(name=MEMBERS).user_set.remove(holder)

    assert _status(workshop, holder) == RegistrationStatus.CANCELLED
    assert _status(workshop, waiting) == RegistrationStatus.CONFIRMED


def test_past_and_under_way_registrations_stay_on_record(django_capture_on_commit_callbacks):
    person = MemberFactory()
    now = timezone.now()
    upcoming = _hybrid(title="Taller que viene")
    held = _hybrid(title="Taller ya hecho")
    under_way = _hybrid(title="Taller en curso")
    for workshop in (upcoming, held, under_way):
        services.workshop_register(workshop=workshop, user=person)
    Workshop.objects.filter(pk=held.pk).update(
        starts_at=now - timedelta(days=10), ends_at=now - timedelta(days=10, hours=-3)
    )
    Workshop.objects.filter(pk=under_way.pk).update(
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2)
    )

    with django_capture_on_commit_callbacks(execute=True):
        _close_account(person)

    assert _status(upcoming, person) == RegistrationStatus.CANCELLED
    assert _status(held, person) == RegistrationStatus.CONFIRMED
    assert _status(under_way, person) == RegistrationStatus.CONFIRMED


def test_saving_a_member_changes_nothing(full_workshop, django_capture_on_commit_callbacks):
    workshop, holder, _waiting = full_workshop
    with django_capture_on_commit_callbacks(execute=True):
        holder.full_name = "Hugo Titular Ramos"
        holder.save()
        holder.groups.remove(*holder.groups.exclude(name="Miembros"))

    assert _status(workshop, holder) == RegistrationStatus.CONFIRMED
