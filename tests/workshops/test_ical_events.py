"""What a calendar app finds in each event (issue 14, "Calendars"), parsed back with the
icalendar library: the meeting link as an RFC 7986 CONFERENCE property only for whoever may
see it today, the URL of the workshop page on the address asked, and a UID that stays while
SEQUENCE rises when a workshop is rescheduled, moved or cancelled: in the .ics, both feeds
and the .ics e-mailed with the notices."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from icalendar import Calendar

from tests.factories import FacilitatorFactory, MemberFactory, WorkshopFactory
from tests.workshops.views_helpers import MEETING_URL, hybrid_workshop, register
from themes.models import Visibility
from workshops import services
from workshops.models import CalendarFeed, Modality, RegistrationStatus

pytestmark = pytest.mark.django_db

SITE = "https://comunidad.example.pe"
SERVED = "http://127.0.0.1:8080"


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def feed_of(user) -> str:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return f"/talleres/mi-calendario/{feed.token}.ics"


def event_in(content: bytes, workshop):
    """The one VEVENT of `workshop` in an iCalendar body."""
    calendar = Calendar.from_ical(content)
    found = [
        e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(f"workshop-{workshop.pk}@")
    ]
    assert len(found) == 1, content.decode()
    return found[0]


def ics_of(workshop, user=None):
    response = client_for(user).get(f"/talleres/{workshop.slug}/evento.ics")
    assert response.status_code == 200
    return event_in(response.content, workshop)


def public_event(workshop):
    response = Client().get("/talleres/calendario.ics")
    assert response.status_code == 200
    return event_in(response.content, workshop)


def personal_event(user, workshop):
    response = Client().get(feed_of(user))
    assert response.status_code == 200
    return event_in(response.content, workshop)


def assert_conference(event, language="es"):
    (conference,) = event.conferences
    assert conference.uri == MEETING_URL
    assert conference.feature == ["AUDIO", "VIDEO"]
    assert conference.label == (
        "Enlace de la reunión en línea" if language == "es" else "Online meeting link"
    )
    assert conference.language == language
    assert event["CONFERENCE"].params["VALUE"] == "URI"
    assert MEETING_URL in str(event["DESCRIPTION"])


def assert_no_link(event):
    assert event.conferences == []
    assert MEETING_URL not in event.to_ical().decode()


# ---- CONFERENCE: only where the person may see the link today


def test_the_workshop_ics_carries_the_conference_only_for_those_who_see_the_link(
    member, other_member, roleless_user
):
    workshop = hybrid_workshop()
    register(workshop, member)
    register(workshop, other_member, RegistrationStatus.WAITLISTED)
    former = MemberFactory()
    register(workshop, former)
    former.groups.clear()  # no longer a member: the registration stays, the link goes

    assert_conference(ics_of(workshop, member))
    assert_conference(ics_of(workshop, FacilitatorFactory()))
    for someone in (None, other_member, MemberFactory(), former, roleless_user):
        assert_no_link(ics_of(workshop, someone))


def test_the_conference_label_is_in_the_readers_language(member):
    workshop = hybrid_workshop()
    register(workshop, member)

    response = client_for(member).get(f"/en/talleres/{workshop.slug}/evento.ics")

    assert_conference(event_in(response.content, workshop), language="en")


def test_the_public_feed_never_carries_a_conference_even_to_a_confirmed_member(member):
    workshop = hybrid_workshop()
    virtual = WorkshopFactory(modality=Modality.VIRTUAL, venue="", online_url=MEETING_URL)
    register(workshop, member)
    register(virtual, member)

    for client in (Client(), client_for(member), client_for(FacilitatorFactory())):
        body = client.get("/talleres/calendario.ics").content
        assert_no_link(event_in(body, workshop))
        assert_no_link(event_in(body, virtual))


def test_the_personal_feed_carries_the_conference_of_confirmed_seats_only(member):
    confirmed = hybrid_workshop(title="Confirmado")
    waiting = hybrid_workshop(title="En espera", capacity=0)
    in_person = WorkshopFactory(title="Presencial")
    register(confirmed, member)
    register(waiting, member, RegistrationStatus.WAITLISTED)
    register(in_person, member)

    assert_conference(personal_event(member, confirmed))
    assert_no_link(personal_event(member, waiting))
    assert personal_event(member, in_person).conferences == []

    facilitator = FacilitatorFactory()
    register(waiting, facilitator, RegistrationStatus.WAITLISTED)
    assert_conference(personal_event(facilitator, waiting))


# ---- URL: back to the workshop page, on the address asked


def test_every_event_links_to_its_page_on_the_address_asked(settings, served_at, member):
    settings.SITE_URL = SITE
    served_at(SERVED)
    workshop = hybrid_workshop()
    members_only = WorkshopFactory(visibility=Visibility.MEMBERS)
    register(workshop, member)
    register(members_only, member)
    page = f"{SERVED}/talleres/{workshop.slug}/"

    for event in (
        ics_of(workshop),
        ics_of(workshop, member),
        public_event(workshop),
        personal_event(member, workshop),
    ):
        assert str(event["URL"]) == page
        # The UID names the portal, whatever address the calendar was fetched from.
        assert str(event["UID"]) == f"workshop-{workshop.pk}@comunidad.example.pe"
    assert str(personal_event(member, members_only)["URL"]) == (
        f"{SERVED}/talleres/{members_only.slug}/"
    )


# ---- SEQUENCE: rescheduled, moved and cancelled events keep their UID


def every_event(workshop, member):
    return [ics_of(workshop), public_event(workshop), personal_event(member, workshop)]


def edit(workshop, facilitator, **changes):
    before = services.logistics_snapshot(workshop)
    for name, value in changes.items():
        setattr(workshop, name, value)
    return services.workshop_save(workshop=workshop, user=facilitator, previous=before)


def test_rescheduling_moving_and_cancelling_raise_the_sequence_under_the_same_uid(
    member, facilitator
):
    workshop = hybrid_workshop()
    register(workshop, member)
    uid = f"workshop-{workshop.pk}@"

    def sequences():
        events = every_event(workshop, member)
        assert all(str(event["UID"]).startswith(uid) for event in events)
        assert {str(event["STATUS"]) for event in events} <= {"CONFIRMED", "CANCELLED"}
        return {event.sequence for event in events}

    assert sequences() == {1}

    new_start = (workshop.starts_at + timedelta(days=2)).replace(microsecond=0)
    edit(workshop, facilitator, starts_at=new_start, ends_at=new_start + timedelta(hours=3))
    assert sequences() == {2}
    assert all(event.start == new_start for event in every_event(workshop, member))

    edit(workshop, facilitator, venue="Municipalidad Provincial de Ilo", city="Ilo")
    assert sequences() == {3}
    assert str(public_event(workshop)["LOCATION"]).startswith("Municipalidad Provincial de Ilo")

    # A new title or description is not a new time or place: calendars need no alarm.
    edit(workshop, facilitator, title="Taller renombrado")
    assert sequences() == {3}

    services.workshop_cancel(workshop=workshop, user=facilitator, reason="Paro regional")
    workshop.refresh_from_db()
    assert sequences() == {4}
    for event in every_event(workshop, member):
        assert str(event["STATUS"]) == "CANCELLED"
        assert str(event["SUMMARY"]) == "Cancelado: Taller renombrado"


def test_a_waitlisted_cancelled_event_says_cancelled_not_waitlist(member, facilitator):
    workshop = hybrid_workshop(title="Lleno", capacity=0)
    register(workshop, member, RegistrationStatus.WAITLISTED)

    services.workshop_cancel(workshop=workshop, user=facilitator)

    event = personal_event(member, workshop)
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Cancelado: Lleno"


# ---- the .ics e-mailed with the notices


def ics_attachment(message):
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert mimetype == "text/calendar"
    return name, Calendar.from_ical(content)


def mail_to(user):
    return [message for message in mail.outbox if message.to == [user.email]]


def test_the_change_and_cancellation_notices_carry_the_event_with_a_raised_sequence(
    member, other_member, facilitator, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = SITE  # e-mails are made without a request: they name SITE_URL
    workshop = hybrid_workshop(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_register(workshop=workshop, user=member)
        services.workshop_register(workshop=workshop, user=other_member)
    (confirmation,) = mail_to(member)
    _name, calendar = ics_attachment(confirmation)
    (event,) = calendar.walk("VEVENT")
    uid = str(event["UID"])
    assert event.sequence == 1
    assert_conference(event)
    assert str(event["URL"]) == f"{SITE}/talleres/{workshop.slug}/"

    mail.outbox.clear()
    new_start = (workshop.starts_at + timedelta(days=1)).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        edit(workshop, facilitator, starts_at=new_start, ends_at=new_start + timedelta(hours=3))
    (notice,) = mail_to(member)
    name, calendar = ics_attachment(notice)
    assert name == f"{workshop.slug}.ics"
    (event,) = calendar.walk("VEVENT")
    assert (str(event["UID"]), event.sequence, event.start) == (uid, 2, new_start)
    assert str(event["STATUS"]) == "CONFIRMED"
    assert_conference(event)
    # The waitlisted person is told, with no event to add: they have no seat.
    (waiting_notice,) = mail_to(other_member)
    assert waiting_notice.attachments == []

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_cancel(workshop=workshop, user=facilitator, reason="Paro regional")
    (notice,) = mail_to(member)
    _name, calendar = ics_attachment(notice)
    (event,) = calendar.walk("VEVENT")
    assert (str(event["UID"]), event.sequence) == (uid, 3)
    assert str(event["STATUS"]) == "CANCELLED"
    assert mail_to(other_member)[0].attachments == []


def test_the_emailed_event_is_in_the_registrants_language(
    facilitator, django_capture_on_commit_callbacks
):
    workshop = hybrid_workshop()
    english = MemberFactory(preferred_language="en")
    register(workshop, english)

    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_cancel(workshop=workshop, user=facilitator)

    (notice,) = mail_to(english)
    _name, calendar = ics_attachment(notice)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Cancelled: {workshop.title}"
    assert_conference(event, language="en")
