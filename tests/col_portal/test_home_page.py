"""The home page: editable highlights, latest contributions, upcoming workshops, who takes
part (the sector chart), the English translation, and a query budget that does not grow."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from col_portal.models import HomePage
from members.models import Sector
from tests.factories import (
    ContributionFactory,
    InstitutionFactory,
    MemberFactory,
    ThemeFactory,
    WorkshopFactory,
)
from themes.models import Visibility

pytestmark = pytest.mark.django_db

# Queries for the whole home page seen by a visitor, whatever the number of contributions,
# workshops and institutions: routing and the page (5), themes and Core Group (2), the
# sector chart (2), language links (3), contributions (3), workshops (2), and some room.
HOME_QUERY_BUDGET = 20


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def home():
    page = HomePage.objects.get(locale__language_code="es")
    page.intro = "<p>Un espacio neutral para dialogar sobre la gobernanza minera.</p>"
    page.highlights = [
        {
            "type": "card",
            "value": {
                "title": "Aprender de la experiencia",
                "text": "Lecciones contadas con una estructura común.",
                "page": None,
            },
        },
        {
            "type": "quote",
            "value": {"text": "Rimay significa «hablar».", "attribution": "RIMAY Moquegua"},
        },
    ]
    page.save_revision().publish()
    return page


@pytest.fixture
def theme():
    return ThemeFactory(order=1, slug="brechas-y-renta-minera", name_es="Cierre de brechas")


def test_highlights_written_in_the_admin_are_shown(anon_client, home):
    page = soup(anon_client.get("/"))

    highlights = page.select_one(".highlights")
    assert highlights.select_one(".card-title").text.strip() == "Aprender de la experiencia"
    assert "Lecciones contadas con una estructura común." in highlights.text
    assert highlights.select_one("blockquote").text.strip() == "Rimay significa «hablar»."
    assert "RIMAY Moquegua" in highlights.select_one("figcaption").text


def test_visitors_see_public_contributions_featured_first(anon_client, home, theme):
    ContributionFactory(title="Vigilancia de obras en Ilo", primary_theme=theme)
    ContributionFactory(title="Mesa técnica del agua", primary_theme=theme, is_featured=True)
    ContributionFactory(
        title="Acta reservada del comité", primary_theme=theme, visibility=Visibility.MEMBERS
    )

    page = soup(anon_client.get("/"))

    section = page.find(id="latest-title").find_parent("section")
    titles = [title.text.strip() for title in section.select(".card-title")]
    assert titles[0] == "Mesa técnica del agua"
    assert "Vigilancia de obras en Ilo" in titles
    assert "Acta reservada del comité" not in page.text


def test_members_also_see_members_only_contributions(member_client, home, theme):
    ContributionFactory(
        title="Acta reservada del comité", primary_theme=theme, visibility=Visibility.MEMBERS
    )

    page = soup(member_client.get("/"))

    section = page.find(id="latest-title").find_parent("section")
    assert "Acta reservada del comité" in section.text


def test_the_next_three_public_workshops_are_listed(anon_client, home):
    now = timezone.now()
    for days in (3, 10, 20, 40):
        WorkshopFactory(title=f"Taller a {days} días", starts_at=now + timedelta(days=days))
    WorkshopFactory(title="Taller pasado", starts_at=now - timedelta(days=5))
    WorkshopFactory(
        title="Taller solo para miembros",
        starts_at=now + timedelta(days=1),
        visibility=Visibility.MEMBERS,
    )

    page = soup(anon_client.get("/"))

    section = page.find(id="upcoming-workshops-title").find_parent("section")
    text = section.text
    assert "Taller a 3 días" in text and "Taller a 10 días" in text and "Taller a 20 días" in text
    assert "Taller a 40 días" not in text
    assert "Taller pasado" not in text
    assert "Taller solo para miembros" not in text


def test_who_takes_part_counts_institutions_and_members_by_sector(anon_client, home):
    society = InstitutionFactory(name="Propuesta Ciudadana", sector=Sector.CIVIL_SOCIETY)
    InstitutionFactory(name="Moquegua Crece", sector=Sector.CIVIL_SOCIETY, is_core_group=True)
    InstitutionFactory(name="Sin miembros ni Grupo Núcleo", sector=Sector.ACADEMIA)
    mining = InstitutionFactory(name="Cámara de Comercio", sector=Sector.PRIVATE_MINING)
    MemberFactory.create_batch(3, institution=society)
    MemberFactory(institution=mining)
    MemberFactory(institution=None)  # a citizen, without an institution

    page = soup(anon_client.get("/"))

    table = page.find(id="participation-title").find_parent("section").select_one("table")
    rows = {
        row.th.text.strip(): [cell.select_one(".bar-value").text for cell in row.select("td")]
        for row in table.select("tbody tr")
    }
    assert rows == {
        "Civil society organisations": ["2", "3"],
        "Mining companies and private sector": ["1", "1"],
        "Citizens": ["0", "1"],
    } or rows == {
        # The interface in Spanish once the catalogue is compiled.
        str(Sector.CIVIL_SOCIETY.label): ["2", "3"],
        str(Sector.PRIVATE_MINING.label): ["1", "1"],
        str(Sector.CITIZENS.label): ["0", "1"],
    }
    # The longest bar is the largest number (3 members of civil society): full width.
    civil = table.select_one("tr.sector-civil_society")
    assert civil.select_one("rect.bar-members")["width"] == "100"
    assert civil.select_one("rect.bar-institutions")["width"] == "67"
    # Drawn by attributes, so that a strict Content-Security-Policy allows it.
    assert page.select("[style]") == []
    # Its one script element is schema.org data (JSON-LD), which browsers never run.
    assert [script["type"] for script in page.select("script")] == ["application/ld+json"]


def test_home_page_without_anything_yet_says_so(anon_client, home):
    page = soup(anon_client.get("/"))

    section = page.find(id="participation-title").find_parent("section")
    assert section.select_one(".empty-state") is not None


def test_query_budget_does_not_grow_with_contributions_workshops_and_institutions(
    anon_client, home, theme, django_assert_max_num_queries, without_page_cache
):
    ContributionFactory(primary_theme=theme, is_featured=True)
    WorkshopFactory()
    InstitutionFactory(is_core_group=True)
    # Warm the caches a visitor's request finds warm (Wagtail's site root paths).
    anon_client.get("/")
    with django_assert_max_num_queries(HOME_QUERY_BUDGET) as few:
        assert anon_client.get("/").status_code == 200

    for _ in range(6):
        ContributionFactory(primary_theme=theme)
    WorkshopFactory.create_batch(6)
    for sector in Sector:
        MemberFactory.create_batch(
            2, institution=InstitutionFactory(sector=sector, is_core_group=True)
        )
    with django_assert_max_num_queries(HOME_QUERY_BUDGET) as many:
        response = anon_client.get("/")

    assert response.status_code == 200
    assert len(soup(response).select("#latest-title ~ .card-grid .card")) == 3
    assert len(many.captured_queries) == len(few.captured_queries)


def test_members_home_page_has_a_budget_too(
    member_client, home, theme, django_assert_max_num_queries
):
    ContributionFactory.create_batch(4, primary_theme=theme)
    WorkshopFactory.create_batch(4)
    member_client.get("/")

    with django_assert_max_num_queries(HOME_QUERY_BUDGET + 5):
        assert member_client.get("/").status_code == 200
