"""The calendar files: a workshop's .ics, the public feed and a person's secret feed, each
parsed back with the icalendar library."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from tests.factories import FacilitatorFactory, MemberFactory, WorkshopFactory
from tests.workshops.views_helpers import (  # noqa: F401 - site_url is a fixture
    MEETING_URL,
    hybrid_workshop,
    past_workshop,
    register,
    site_url_fixture,
)
from themes.models import Visibility
from workshops.models import CalendarFeed, Modality, RegistrationStatus, WorkshopStatus

pytestmark = pytest.mark.django_db

LIMA = ZoneInfo("America/Lima")


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def feed_of(user) -> str:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return f"/talleres/mi-calendario/{feed.token}.ics"


# ---- a workshop's .ics


def test_workshop_ics_is_valid_with_lima_times_location_and_url(anon_client, site_url):
    starts = (timezone.now() + timedelta(days=4)).replace(
        hour=15, minute=30, second=0, microsecond=0
    )
    workshop = WorkshopFactory(
        title="Taller de presupuesto participativo",
        starts_at=starts,
        venue="Auditorio de la Cámara de Comercio",
        address="Calle Ayacucho 123",
        city="Moquegua",
    )

    response = anon_client.get(f"/talleres/{workshop.slug}/evento.ics")

    assert response["Content-Disposition"] == f'attachment; filename="{workshop.slug}.ics"'
    calendar = parse(response)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Lima"]
    (event,) = events(calendar)
    start = event.decoded("DTSTART")
    assert event["DTSTART"].params["TZID"] == "America/Lima"
    assert start == starts
    assert start.utcoffset() == timedelta(hours=-5)
    assert (start.hour, start.minute) == (
        starts.astimezone(LIMA).hour,
        starts.astimezone(LIMA).minute,
    )
    assert event.decoded("DTEND") - start == timedelta(hours=3)
    assert str(event["SUMMARY"]) == "Taller de presupuesto participativo"
    assert str(event["LOCATION"]) == (
        "Auditorio de la Cámara de Comercio, Calle Ayacucho 123, Moquegua"
    )
    assert str(event["URL"]) == f"https://comunidad.example.pe/talleres/{workshop.slug}/"
    assert MEETING_URL not in response.content.decode()


def test_online_link_in_the_ics_only_for_confirmed_and_facilitators(member, other_member):
    workshop = hybrid_workshop()
    register(workshop, member)
    register(workshop, other_member, RegistrationStatus.WAITLISTED)
    url = f"/talleres/{workshop.slug}/evento.ics"

    allowed = [client_for(member), client_for(FacilitatorFactory())]
    refused = [Client(), client_for(other_member), client_for(MemberFactory())]

    for client in allowed:
        (event,) = events(parse(client.get(url)))
        assert MEETING_URL in str(event["DESCRIPTION"])
    for client in refused:
        response = client.get(url)
        parse(response)
        assert MEETING_URL not in response.content.decode()


def test_virtual_workshop_location_is_the_link_for_confirmed_only(member):
    workshop = WorkshopFactory(modality=Modality.VIRTUAL, venue="", online_url=MEETING_URL)
    register(workshop, member)

    (event,) = events(parse(client_for(member).get(f"/talleres/{workshop.slug}/evento.ics")))
    assert str(event["LOCATION"]) == MEETING_URL
    (event,) = events(parse(Client().get(f"/talleres/{workshop.slug}/evento.ics")))
    assert "LOCATION" not in event


def test_workshop_ics_follows_the_visibility_rule(anon_client, member_client, roleless_user):
    members_only = WorkshopFactory(visibility=Visibility.MEMBERS)
    draft = WorkshopFactory(status=WorkshopStatus.DRAFT)

    assert anon_client.get(f"/talleres/{members_only.slug}/evento.ics").status_code == 404
    assert (
        client_for(roleless_user).get(f"/talleres/{members_only.slug}/evento.ics").status_code
        == 404
    )
    parse(member_client.get(f"/talleres/{members_only.slug}/evento.ics"))
    assert member_client.get(f"/talleres/{draft.slug}/evento.ics").status_code == 404
    assert (
        client_for(FacilitatorFactory()).get(f"/talleres/{draft.slug}/evento.ics").status_code
        == 404
    )


def test_cancelled_workshop_ics_says_cancelled(anon_client):
    workshop = WorkshopFactory(status=WorkshopStatus.CANCELLED)

    (event,) = events(parse(anon_client.get(f"/talleres/{workshop.slug}/evento.ics")))

    assert str(event["STATUS"]) == "CANCELLED"


def test_personal_ics_download_is_not_cached_publicly(member_client):
    workshop = WorkshopFactory()

    response = member_client.get(f"/talleres/{workshop.slug}/evento.ics")

    assert "private" in response["Cache-Control"]


# ---- the public feed


def test_public_feed_lists_public_upcoming_workshops_without_links(anon_client, site_url):
    public = hybrid_workshop(title="Público híbrido")
    WorkshopFactory(title="Reservado", visibility=Visibility.MEMBERS)
    WorkshopFactory(title="Borrador", status=WorkshopStatus.DRAFT)
    past_workshop(title="Ya pasó")
    virtual = WorkshopFactory(
        title="Público virtual", modality=Modality.VIRTUAL, venue="", online_url=MEETING_URL
    )

    response = anon_client.get("/talleres/calendario.ics")

    assert response["Content-Disposition"].startswith("inline")
    calendar = parse(response)
    assert {str(e["SUMMARY"]) for e in events(calendar)} == {"Público híbrido", "Público virtual"}
    assert MEETING_URL not in response.content.decode()
    urls = {str(e["URL"]) for e in events(calendar)}
    assert urls == {
        f"https://comunidad.example.pe/talleres/{public.slug}/",
        f"https://comunidad.example.pe/talleres/{virtual.slug}/",
    }
    for event in events(calendar):
        assert event["DTSTART"].params["TZID"] == "America/Lima"


def test_public_feed_is_the_same_for_members(member_client):
    WorkshopFactory(title="Reservado", visibility=Visibility.MEMBERS)
    hybrid_workshop(title="Público")
    register(WorkshopFactory.create(), MemberFactory())

    response = member_client.get("/talleres/calendario.ics")

    titles = {str(e["SUMMARY"]) for e in events(parse(response))}
    assert "Reservado" not in titles and "Público" in titles
    assert MEETING_URL not in response.content.decode()


def test_public_feed_with_nothing_planned_is_still_a_valid_calendar(anon_client):
    assert events(parse(anon_client.get("/talleres/calendario.ics"))) == []


# ---- the personal feed


def test_personal_feed_has_my_registrations_with_links_when_confirmed(member, site_url):
    confirmed = hybrid_workshop(title="Confirmado")
    waiting = hybrid_workshop(title="En espera", capacity=0)
    cancelled = hybrid_workshop(title="Cancelé")
    members_only = WorkshopFactory(title="Reservado", visibility=Visibility.MEMBERS)
    register(confirmed, member)
    register(waiting, member, RegistrationStatus.WAITLISTED)
    register(cancelled, member, RegistrationStatus.CANCELLED)
    register(members_only, member)
    register(hybrid_workshop(title="De otra persona"), MemberFactory())

    # No login: calendar apps cannot log in; the secret token is the key.
    response = Client().get(feed_of(member))

    calendar = parse(response)
    by_title = {str(e["SUMMARY"]): e for e in events(calendar)}
    assert len(by_title) == 3
    assert "Confirmado" in by_title and "Reservado" in by_title
    assert MEETING_URL in str(by_title["Confirmado"]["DESCRIPTION"])
    # The waitlisted one is marked as such in its title (see the English test below).
    (waiting_title,) = [title for title in by_title if "En espera" in title]
    assert waiting_title != "En espera"
    waiting_event = by_title[waiting_title]
    assert MEETING_URL not in str(waiting_event["DESCRIPTION"])
    assert str(by_title["Confirmado"]["URL"]) == (
        f"https://comunidad.example.pe/talleres/{confirmed.slug}/"
    )
    assert by_title["Confirmado"]["DTSTART"].params["TZID"] == "America/Lima"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_personal_feed_marks_the_waitlist_in_english(member):
    register(hybrid_workshop(title="En espera", capacity=0), member, RegistrationStatus.WAITLISTED)

    calendar = parse(Client().get("/en" + feed_of(member)))

    assert [str(e["SUMMARY"]) for e in events(calendar)] == ["On the waitlist: En espera"]


def test_personal_feed_of_a_facilitator_has_every_link(facilitator):
    workshop = hybrid_workshop(capacity=0)
    register(workshop, facilitator, RegistrationStatus.WAITLISTED)

    response = Client().get(feed_of(facilitator))

    assert MEETING_URL in response.content.decode()


def test_personal_feed_stops_answering_once_the_role_is_gone(member):
    """Losing the member role ends the feed at once (issue 11): no public workshop left in
    it either, as the address was a member's."""
    register(WorkshopFactory(title="Reservado", visibility=Visibility.MEMBERS), member)
    register(WorkshopFactory(title="Público"), member)
    member.groups.clear()

    assert Client().get(feed_of(member)).status_code == 404


def test_unknown_or_inactive_token_is_404(member, anon_client):
    assert anon_client.get("/talleres/mi-calendario/no-existe.ics").status_code == 404
    url = feed_of(member)
    member.is_active = False
    member.save()
    assert anon_client.get(url).status_code == 404


def test_personal_feed_of_drafts_stays_empty(member):
    draft = WorkshopFactory(status=WorkshopStatus.DRAFT)
    register(draft, member)

    assert events(parse(Client().get(feed_of(member)))) == []
