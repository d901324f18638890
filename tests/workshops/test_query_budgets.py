"""The workshop pages run a fixed number of queries whatever the number of workshops,
registrations, agenda items, materials and commitments."""

import pytest
from django.test import Client

from tests.factories import ContributionFactory, ThemeFactory, WorkshopFactory
from tests.workshops.views_helpers import (
    fill,
    hybrid_workshop,
    past_workshop,
    register,
    soup,
    text,
    with_programme,
)
from themes.models import Visibility
from workshops.models import Material, RegistrationStatus

pytestmark = pytest.mark.django_db


def queries_for(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(100) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def cards(response) -> list[str]:
    """The titles of the workshop cards on a page that answered 200."""
    assert response.status_code == 200
    return [card.get_text(" ", strip=True) for card in soup(response).select(".workshop-card h3")]


def events(response) -> int:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content.decode().count("BEGIN:VEVENT")


def make_upcoming(count, themes, viewer=None):
    for number in range(count):
        workshop = hybrid_workshop(
            title=f"Taller {number}",
            visibility=Visibility.MEMBERS if number % 3 == 0 else Visibility.PUBLIC,
        )
        workshop.themes.set(themes[: 1 + number % len(themes)])
        workshop.save()
        fill(workshop, 2)
        fill(workshop, 1, RegistrationStatus.WAITLISTED)
        if viewer is not None and number % 2 == 0:
            register(workshop, viewer)


def make_past(count, themes):
    for number in range(count):
        workshop = past_workshop(days_ago=number + 2, outcomes="Acuerdos del taller.")
        workshop.themes.set(themes[:2])
        workshop.save()
        fill(workshop, 2)


@pytest.fixture
def themes():
    return [ThemeFactory(order=number) for number in range(1, 5)]


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_list_query_count_does_not_grow(role, member, themes, django_assert_max_num_queries):
    client = Client()
    viewer = None
    if role == "member":
        client.force_login(member)
        viewer = member

    make_upcoming(3, themes, viewer)
    make_past(3, themes)
    few = queries_for(client, "/talleres/", django_assert_max_num_queries)
    few_past = queries_for(client, "/talleres/?periodo=pasados", django_assert_max_num_queries)
    filtered = f"/talleres/?tema={themes[0].slug}&modalidad=hybrid"
    few_filtered = queries_for(client, filtered, django_assert_max_num_queries)

    make_upcoming(27, themes, viewer)
    make_past(27, themes)
    with django_assert_max_num_queries(few):
        upcoming = client.get("/talleres/")
    with django_assert_max_num_queries(few_past):
        past = client.get("/talleres/?periodo=pasados")
    with django_assert_max_num_queries(few_filtered):
        matching = client.get(filtered)
    assert few <= 10
    # A full page (12) of each: 30 upcoming hybrid workshops (a third for members only),
    # all of the first theme, and 30 past ones.
    assert len(cards(upcoming)) == len(cards(past)) == len(cards(matching)) == 12
    assert all(title.startswith("Taller ") for title in cards(matching))


def test_detail_query_count_does_not_grow(member, themes, django_assert_max_num_queries):
    client = Client()
    client.force_login(member)

    def make(items, people):
        workshop = past_workshop(outcomes="Acuerdos.")
        workshop.themes.set(themes[:items])
        workshop.save()
        with_programme(workshop, items=items)
        for number in range(items):
            Material.objects.create(
                workshop=workshop, title=f"Enlace {number}", url="https://example.org/"
            )
        workshop.lessons.set([ContributionFactory() for _ in range(items)])
        workshop.save()
        fill(workshop, people)
        register(workshop, member, attended=True)
        return workshop

    small, large = make(1, 3), make(4, 40)
    with django_assert_max_num_queries(100) as captured:
        first = client.get(f"/talleres/{small.slug}/")
    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = client.get(f"/talleres/{large.slug}/")
    assert first.status_code == response.status_code == 200
    assert len(captured.captured_queries) <= 20
    page = text(response)
    assert large.title in page
    assert "Mesa de trabajo 4" in page
    assert "Publicar el informe de avance 4" in page
    assert "Enlace 3" in page


def test_upcoming_detail_query_count_does_not_grow(member, themes, django_assert_max_num_queries):
    client = Client()
    client.force_login(member)
    small = hybrid_workshop(capacity=2)
    with_programme(small, items=1)
    fill(small, 2)
    register(small, member, RegistrationStatus.WAITLISTED)
    large = hybrid_workshop(capacity=30)
    with_programme(large, items=6)
    fill(large, 30)
    fill(large, 20, RegistrationStatus.WAITLISTED)
    register(large, member, RegistrationStatus.WAITLISTED)

    few = queries_for(client, f"/talleres/{small.slug}/", django_assert_max_num_queries)
    with django_assert_max_num_queries(few):
        response = client.get(f"/talleres/{large.slug}/")
    assert response.status_code == 200
    page = text(response)
    assert large.title in page
    assert "Mesa de trabajo 6" in page
    assert "número 21" in page  # 20 people before the member on the waitlist


def test_my_workshops_query_count_does_not_grow(member, themes, django_assert_max_num_queries):
    client = Client()
    client.force_login(member)
    for _ in range(2):
        register(WorkshopFactory(), member)
    few = queries_for(client, "/mis-talleres/", django_assert_max_num_queries)

    for number in range(20):
        workshop = WorkshopFactory(capacity=1)
        fill(workshop, 1)
        register(workshop, member, RegistrationStatus.WAITLISTED if number % 2 else "confirmed")
        register(past_workshop(days_ago=number + 2), member, attended=True)
    with django_assert_max_num_queries(few):
        response = client.get("/mis-talleres/")
    assert response.status_code == 200
    assert len(soup(response).select(".my-workshop")) == 42


def test_feeds_query_count_does_not_grow(member, themes, django_assert_max_num_queries):
    client = Client()
    make_upcoming(3, themes, member)
    token_url = None
    client.force_login(member)
    client.get("/mis-talleres/")
    token_url = f"/talleres/mi-calendario/{member.calendar_feed.token}.ics"
    anonymous = Client()
    few_public = queries_for(anonymous, "/talleres/calendario.ics", django_assert_max_num_queries)
    few_personal = queries_for(anonymous, token_url, django_assert_max_num_queries)

    make_upcoming(20, themes, member)
    with django_assert_max_num_queries(few_public):
        public = anonymous.get("/talleres/calendario.ics")
    with django_assert_max_num_queries(few_personal):
        personal = anonymous.get(token_url)
    # 23 workshops: one in three for members only (numbers 0, 3, ...: 8); the member is
    # registered to the even-numbered ones (2 + 10), members-only ones included.
    assert events(public) == 15
    assert events(personal) == 12


def test_theme_page_workshops_query_count_does_not_grow(themes, django_assert_max_num_queries):
    client = Client()
    make_upcoming(2, themes)
    url = f"/temas/{themes[0].slug}/"
    few = queries_for(client, url, django_assert_max_num_queries)

    make_upcoming(20, themes)
    with django_assert_max_num_queries(few):
        response = client.get(url)
    assert response.status_code == 200
    assert themes[0].name in text(response)
    assert len(cards(response)) == 3  # the next three
