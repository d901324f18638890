"""A workshop's page carries a schema.org Event, read here with extruct: what search
engines ask of event results (name, start and end with Lima's offset, location, attendance
mode, status, organiser), and never the online meeting link, even for a registered member
who sees it on the page."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import FacilitatorFactory, ThemeFactory, WorkshopFactory
from tests.json_ld import SCHEMA, crumbs, json_ld, node_of_type
from themes.models import Visibility
from workshops import services
from workshops.models import Modality, WorkshopStatus

from .views_helpers import MEETING_URL, hybrid_workshop, past_workshop, register

pytestmark = pytest.mark.django_db

SITE = "http://testserver"
STARTS = timezone.make_aware(datetime.datetime(2031, 3, 12, 9, 0))


def event_of(client, workshop, prefix=""):
    return node_of_type(client.get(f"{prefix}{workshop.get_absolute_url()}"), "Event")


def test_a_face_to_face_workshop_has_what_event_results_need(anon_client):
    water = ThemeFactory(slug="agua", name_es="Gestión del agua", name_en="Water management")
    workshop = WorkshopFactory(
        title="Taller de vigilancia del canon",
        slug="taller-canon",
        starts_at=STARTS,
        ends_at=STARTS + datetime.timedelta(hours=3, minutes=30),
        venue="Auditorio de la Cámara de Comercio",
        address="Calle Ayacucho 123",
        city="Moquegua",
    )
    workshop.themes.add(water)
    workshop.save()

    event = event_of(anon_client, workshop)

    url = f"{SITE}/talleres/taller-canon/"
    assert event["name"] == "Taller de vigilancia del canon"
    assert event["url"] == event["@id"] == url
    assert event["description"].startswith("Intercambio de experiencias")
    assert event["startDate"] == "2031-03-12T09:00:00-05:00"
    assert event["endDate"] == "2031-03-12T12:30:00-05:00"
    assert event["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    assert event["eventStatus"] == SCHEMA + "EventScheduled"
    assert event["location"] == {
        "@type": "Place",
        "name": "Auditorio de la Cámara de Comercio",
        "address": {
            "@type": "PostalAddress",
            "addressCountry": "PE",
            "streetAddress": "Calle Ayacucho 123",
            "addressLocality": "Moquegua",
        },
    }
    assert event["organizer"]["@type"] == "Organization"
    assert event["organizer"]["name"] == "Comunidad de Aprendizaje Moquegua"
    assert event["organizer"]["url"] == f"{SITE}/"
    assert [theme["name"] for theme in event["about"]] == ["Gestión del agua"]
    assert crumbs(anon_client.get(workshop.get_absolute_url())) == [
        ("Talleres", f"{SITE}/talleres/"),
        ("Taller de vigilancia del canon", None),
    ]


def test_a_hybrid_workshop_never_gives_its_link_even_to_a_registered_member(member, member_client):
    workshop = hybrid_workshop(slug="taller-hibrido")
    register(workshop, member)

    response = member_client.get(workshop.get_absolute_url())

    # She sees the link on the page...
    assert MEETING_URL in response.content.decode()
    # ...but the data names only the workshop's page.
    event = node_of_type(response, "Event")
    assert event["eventAttendanceMode"] == SCHEMA + "MixedEventAttendanceMode"
    place, online = event["location"]
    assert place["@type"] == "Place"
    assert online == {"@type": "VirtualLocation", "url": f"{SITE}/talleres/taller-hibrido/"}
    assert MEETING_URL not in str(json_ld(response))


def test_a_virtual_workshop_is_online_only(anon_client):
    workshop = WorkshopFactory(modality=Modality.VIRTUAL, venue="", online_url=MEETING_URL)

    event = event_of(anon_client, workshop)

    assert event["eventAttendanceMode"] == SCHEMA + "OnlineEventAttendanceMode"
    assert event["location"] == {
        "@type": "VirtualLocation",
        "url": f"{SITE}{workshop.get_absolute_url()}",
    }


def test_a_cancelled_workshop_says_so(anon_client):
    workshop = WorkshopFactory(status=WorkshopStatus.CANCELLED)

    assert event_of(anon_client, workshop)["eventStatus"] == SCHEMA + "EventCancelled"


def test_moving_an_announced_start_makes_it_rescheduled(anon_client):
    facilitator = FacilitatorFactory()
    workshop = WorkshopFactory(starts_at=STARTS, ends_at=STARTS + datetime.timedelta(hours=3))
    previous = services.logistics_snapshot(workshop)
    workshop.starts_at += datetime.timedelta(days=7)
    workshop.ends_at += datetime.timedelta(days=7)
    services.workshop_save(workshop=workshop, user=facilitator, previous=previous)

    event = event_of(anon_client, workshop)

    assert event["eventStatus"] == SCHEMA + "EventRescheduled"
    assert event["startDate"] == "2031-03-19T09:00:00-05:00"
    assert event["previousStartDate"] == "2031-03-12T09:00:00-05:00"

    # Moved back to the announced date: scheduled as first announced.
    previous = services.logistics_snapshot(workshop)
    workshop.starts_at = STARTS
    workshop.ends_at = STARTS + datetime.timedelta(hours=3)
    services.workshop_save(workshop=workshop, user=facilitator, previous=previous)
    assert event_of(anon_client, workshop)["eventStatus"] == SCHEMA + "EventScheduled"


def test_moving_a_draft_is_not_a_rescheduling(anon_client):
    facilitator = FacilitatorFactory()
    workshop = WorkshopFactory(status=WorkshopStatus.DRAFT, starts_at=STARTS)
    previous = services.logistics_snapshot(workshop)
    workshop.starts_at += datetime.timedelta(days=2)
    workshop.ends_at += datetime.timedelta(days=2)
    services.workshop_save(workshop=workshop, user=facilitator, previous=previous)
    workshop.status = WorkshopStatus.OPEN
    services.workshop_save(
        workshop=workshop, user=facilitator, previous=services.logistics_snapshot(workshop)
    )

    assert event_of(anon_client, workshop)["eventStatus"] == SCHEMA + "EventScheduled"


def test_a_past_workshop_in_english(anon_client):
    workshop = past_workshop(title="Encuentro de regantes")

    path = f"/en{workshop.get_absolute_url()}"

    response = anon_client.get(path)

    assert node_of_type(response, "Event")["url"] == f"{SITE}{path}"
    assert crumbs(response) == [
        ("Workshops", f"{SITE}/en/talleres/"),
        ("Past workshops", f"{SITE}/en/talleres/?periodo=pasados"),
        ("Encuentro de regantes", None),
    ]


def test_a_members_only_workshop_has_no_structured_data_even_for_members(member_client):
    workshop = WorkshopFactory(visibility=Visibility.MEMBERS, title="Reunión reservada")

    response = member_client.get(workshop.get_absolute_url())

    assert "Reunión reservada" in response.content.decode()
    assert json_ld(response) == []


def test_a_copy_of_a_rescheduled_workshop_is_not_rescheduled(anon_client):
    facilitator = FacilitatorFactory()
    workshop = WorkshopFactory(starts_at=STARTS, ends_at=STARTS + datetime.timedelta(hours=3))
    previous = services.logistics_snapshot(workshop)
    workshop.starts_at += datetime.timedelta(days=7)
    workshop.ends_at += datetime.timedelta(days=7)
    services.workshop_save(workshop=workshop, user=facilitator, previous=previous)

    copy = services.workshop_duplicate(workshop=workshop, user=facilitator)
    copy.status = WorkshopStatus.OPEN
    copy.save()

    assert event_of(anon_client, copy)["eventStatus"] == SCHEMA + "EventScheduled"
