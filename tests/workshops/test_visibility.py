"""Who sees which workshop, on every page, for every role; and the online meeting link,
which never reaches anyone but confirmed participants and facilitators."""

import pytest
from django.test import Client

from tests.factories import (
    FacilitatorFactory,
    MemberFactory,
    ThemeFactory,
    UserFactory,
    WorkshopFactory,
)
from tests.workshops.views_helpers import MEETING_URL, hybrid_workshop, past_workshop, register
from themes.models import Visibility
from workshops.models import Registration, RegistrationStatus, WorkshopStatus

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "roleless", "member", "facilitator"]


def client_as(role: str) -> Client:
    client = Client()
    user = {
        "anonymous": None,
        "roleless": UserFactory,
        "member": MemberFactory,
        "facilitator": FacilitatorFactory,
    }[role]
    if user is not None:
        client.force_login(user())
    return client


@pytest.fixture
def workshops():
    return {
        "public": WorkshopFactory(title="Taller público"),
        "members": WorkshopFactory(title="Taller de miembros", visibility=Visibility.MEMBERS),
        "draft": WorkshopFactory(title="Taller en borrador", status=WorkshopStatus.DRAFT),
        "draft_members": WorkshopFactory(
            title="Borrador de miembros",
            status=WorkshopStatus.DRAFT,
            visibility=Visibility.MEMBERS,
        ),
        "past_members": past_workshop(title="Pasado de miembros", visibility=Visibility.MEMBERS),
    }


# Which workshops each role may see.
VISIBLE = {
    "anonymous": {"public"},
    "roleless": {"public"},
    "member": {"public", "members", "past_members"},
    "facilitator": {"public", "members", "past_members"},
}


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_what_the_role_may_see(role, workshops):
    client = client_as(role)

    upcoming = client.get("/talleres/").content.decode()
    past = client.get("/talleres/", {"periodo": "pasados"}).content.decode()

    for name, workshop in workshops.items():
        shown = workshop.title in upcoming or workshop.title in past
        assert shown == (name in VISIBLE[role]), (role, name)


@pytest.mark.parametrize("role", ROLES)
def test_detail_and_ics_follow_the_rule(role, workshops):
    client = client_as(role)

    for name, workshop in workshops.items():
        expected = 200 if name in VISIBLE[role] else 404
        assert client.get(f"/talleres/{workshop.slug}/").status_code == expected, (role, name)
        assert client.get(f"/talleres/{workshop.slug}/evento.ics").status_code == expected, (
            role,
            name,
        )


@pytest.mark.parametrize("role", ROLES)
def test_register_follows_the_rule(role, workshops):
    client = client_as(role)
    # What a role may not see is a 404; seeing is not registering: only members register.
    allowed_status = {"anonymous": 302, "roleless": 403, "member": 302, "facilitator": 302}

    for name, workshop in workshops.items():
        response = client.post(f"/talleres/{workshop.slug}/inscribirme/")
        expected = allowed_status[role] if name in VISIBLE[role] else 404
        assert response.status_code == expected, (role, name)
        if role == "anonymous" and expected == 302:
            assert response["Location"].startswith("/cuentas/login/")

    registered = set(Registration.objects.values_list("workshop__title", flat=True))
    if role in ("member", "facilitator"):
        assert registered == {"Taller público", "Taller de miembros"}
    else:
        assert registered == set()


@pytest.mark.parametrize("role", ROLES)
def test_public_feed_never_has_members_only_or_drafts(role, workshops):
    content = client_as(role).get("/talleres/calendario.ics").content.decode()

    assert "Taller público" in content
    for name in ("members", "draft", "draft_members", "past_members"):
        assert workshops[name].title not in content


def test_theme_page_shows_members_only_workshops_to_members_only():
    theme = ThemeFactory(slug="agua")
    public = WorkshopFactory(title="Abierto del agua")
    reserved = WorkshopFactory(title="Reservado del agua", visibility=Visibility.MEMBERS)
    draft = WorkshopFactory(title="Borrador del agua", status=WorkshopStatus.DRAFT)
    for workshop in (public, reserved, draft):
        workshop.themes.set([theme])
        workshop.save()

    anonymous = client_as("anonymous").get("/temas/agua/").content.decode()
    member = client_as("member").get("/temas/agua/").content.decode()

    assert "Abierto del agua" in anonymous and "Reservado del agua" not in anonymous
    assert "Abierto del agua" in member and "Reservado del agua" in member
    assert "Borrador del agua" not in anonymous + member


# ---- the online meeting link


@pytest.fixture
def online():
    """A hybrid workshop with one confirmed, one waitlisted and one cancelled member."""
    workshop = hybrid_workshop(title="Taller con enlace", capacity=1)
    people = {
        "confirmed": MemberFactory(),
        "waitlisted": MemberFactory(),
        "cancelled": MemberFactory(),
        "unregistered": MemberFactory(),
        "roleless": UserFactory(),
        "facilitator": FacilitatorFactory(),
    }
    register(workshop, people["confirmed"])
    register(workshop, people["waitlisted"], RegistrationStatus.WAITLISTED)
    register(workshop, people["cancelled"], RegistrationStatus.CANCELLED)
    return workshop, people


def pages_of(client, workshop) -> str:
    urls = [
        "/talleres/",
        f"/talleres/{workshop.slug}/",
        f"/en/talleres/{workshop.slug}/",
        f"/talleres/{workshop.slug}/evento.ics",
        "/talleres/calendario.ics",
    ]
    return "\n".join(client.get(url).content.decode() for url in urls)


@pytest.mark.parametrize(
    "who", ["anonymous", "unregistered", "waitlisted", "cancelled", "roleless"]
)
def test_online_link_never_leaks(online, who):
    workshop, people = online
    client = Client()
    if who != "anonymous":
        client.force_login(people[who])

    content = pages_of(client, workshop)
    if who in ("waitlisted", "cancelled", "unregistered"):
        content += client.get("/mis-talleres/").content.decode()

    assert MEETING_URL not in content
    assert "meet.example.org" not in content


@pytest.mark.parametrize("who", ["confirmed", "facilitator"])
def test_online_link_shown_to_confirmed_and_facilitators(online, who):
    workshop, people = online
    client = Client()
    client.force_login(people[who])

    page = client.get(f"/talleres/{workshop.slug}/").content.decode()
    ics = client.get(f"/talleres/{workshop.slug}/evento.ics").content.decode()

    assert f'href="{MEETING_URL}"' in page
    assert MEETING_URL in ics
    # Never on the list or the public feed, even for them.
    assert MEETING_URL not in client.get("/talleres/").content.decode()
    assert MEETING_URL not in client.get("/talleres/calendario.ics").content.decode()


def test_online_link_leaves_the_page_when_the_seat_is_cancelled(online):
    workshop, people = online
    client = Client()
    client.force_login(people["confirmed"])
    assert MEETING_URL in client.get(f"/talleres/{workshop.slug}/").content.decode()

    client.post(f"/talleres/{workshop.slug}/cancelar/")

    assert MEETING_URL not in client.get(f"/talleres/{workshop.slug}/").content.decode()
