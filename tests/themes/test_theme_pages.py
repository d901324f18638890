"""The themes index (/temas/) and a theme's page (/temas/<slug>/)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.factories import MemberFactory, ThemeFactory
from themes.models import Contribution, Visibility

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def water():
    return ThemeFactory(
        order=3,
        slug="recursos-hidricos",
        name_es="Gestión integrada de recursos hídricos",
        name_en="Integrated water resources management",
        short_description_es="El agua es escasa en Moquegua y la comparten el agro, las ciudades y la minería.",
        short_description_en="Water is scarce in Moquegua and is shared by farming, towns and mining.",
    )


@pytest.fixture
def four_themes(water):
    return [
        ThemeFactory(order=1, slug="brechas-y-renta-minera", name_es="Cierre de brechas"),
        ThemeFactory(order=2, slug="diversificacion-productiva", name_es="Diversificación"),
        water,
        ThemeFactory(order=4, slug="gestion-ambiental", name_es="Gestión ambiental"),
    ]


def test_index_lists_the_themes_in_their_order(anon_client, four_themes):
    response = anon_client.get("/temas/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "es"
    titles = [link.text.strip() for link in page.select("main .card-title a")]
    assert titles == [
        "Cierre de brechas",
        "Diversificación",
        "Gestión integrada de recursos hídricos",
        "Gestión ambiental",
    ]
    assert "El agua es escasa en Moquegua" in page.text
    assert page.select_one("h1") is not None


def test_index_in_english(anon_client, water):
    page = soup(anon_client.get("/en/temas/"))

    assert page.html["lang"] == "en"
    link = page.select_one('main a[href="/en/temas/recursos-hidricos/"]')
    assert link.text.strip() == "Integrated water resources management"
    assert "Water is scarce in Moquegua" in page.text
    assert "El agua es escasa" not in page.text


def test_index_queries_are_bounded(anon_client, four_themes, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert anon_client.get("/temas/").status_code == 200


def test_theme_page_shows_name_description_and_colour(anon_client, four_themes, water):
    response = anon_client.get("/temas/recursos-hidricos/")

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").text.strip() == "Gestión integrada de recursos hídricos"
    assert "El agua es escasa en Moquegua" in page.select_one(".page-header").text
    assert "theme-3" in page.select_one(".page-header")["class"]
    assert "Gestión integrada de recursos hídricos" in page.title.text
    assert page.select("[style]") == []


def test_theme_page_says_truthfully_that_no_lessons_are_published_yet(anon_client, water):
    page = soup(anon_client.get("/en/temas/recursos-hidricos/"))

    lessons = page.select_one("#lessons-title").find_parent("section")
    assert "No lessons have been published in this theme yet." in lessons.text


def test_theme_page_links_to_the_other_themes(anon_client, four_themes):
    page = soup(anon_client.get("/temas/recursos-hidricos/"))

    others = [chip["href"] for chip in page.select("main .chip-list a.chip")]
    assert others == [
        "/temas/brechas-y-renta-minera/",
        "/temas/diversificacion-productiva/",
        "/temas/gestion-ambiental/",
    ]


def test_theme_page_in_english(anon_client, water):
    response = anon_client.get("/en/temas/recursos-hidricos/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.select_one("h1").text.strip() == "Integrated water resources management"
    assert "Water is scarce in Moquegua" in page.text


# The theme, the other themes, the theme's latest lessons (the cards, their tags, their
# co-authors with their institutions), the most applied lessons (one query while none was
# applied) and the upcoming workshops; for a signed-in member also who they are: the user,
# their permissions (two queries) and their roles.
THEME_PAGE_BUDGET = 7
SIGNED_IN = 4


def lessons_of(theme, number, *, prefix):
    """`number` published lessons of `theme`, each with three tags and two co-authors;
    written directly (no Wagtail publishing) to keep the test quick."""
    author = MemberFactory()
    coauthors = [MemberFactory() for _ in range(2)]
    now = timezone.now()
    for index in range(number):
        contribution = Contribution(
            title=f"Riego tecnificado en Torata {prefix} {index}",
            slug=f"riego-torata-{prefix}-{index}",
            summary="Las juntas de usuarios ordenaron los turnos de riego con la municipalidad.",
            primary_theme=theme,
            lesson="Los turnos acordados en asamblea se respetan.",
            visibility=Visibility.MEMBERS if index % 3 == 0 else Visibility.PUBLIC,
            author=author,
            author_institution=author.institution,
            live=True,
            first_published_at=now - datetime.timedelta(hours=index),
            last_published_at=now - datetime.timedelta(hours=index),
        )
        contribution.tags.add("riego", f"agua-{prefix}-{index}", f"turnos-{index}")
        contribution.coauthors = coauthors
        contribution.save()


def theme_page_queries(client, assert_max_num_queries, budget) -> int:
    client.get("/temas/recursos-hidricos/")  # sessions, content types: warm first
    with assert_max_num_queries(budget) as context:
        response = client.get("/temas/recursos-hidricos/")
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_theme_page_queries_are_bounded_whatever_the_number_of_lessons(
    role, anon_client, member_client, four_themes, water, django_assert_max_num_queries
):
    client = member_client if role == "member" else anon_client
    budget = THEME_PAGE_BUDGET + (SIGNED_IN if role == "member" else 0)

    lessons_of(water, 2, prefix="a")
    few = theme_page_queries(client, django_assert_max_num_queries, budget)
    cards = soup(client.get("/temas/recursos-hidricos/")).select("main .lesson-card")
    assert len(cards) == (2 if role == "member" else 1)  # the first one is members-only

    lessons_of(water, 12, prefix="b")
    assert theme_page_queries(client, django_assert_max_num_queries, budget) == few
    assert len(soup(client.get("/temas/recursos-hidricos/")).select("main .lesson-card")) == 6


def test_theme_page_without_lessons_runs_fewer_queries(
    anon_client, four_themes, django_assert_max_num_queries
):
    # No cards: nothing to prefetch for them.
    with django_assert_max_num_queries(THEME_PAGE_BUDGET - 2):
        assert anon_client.get("/temas/recursos-hidricos/").status_code == 200


def test_unknown_theme_is_404(anon_client, water):
    response = anon_client.get("/temas/no-existe/")

    assert response.status_code == 404
    assert "404" in soup(response).select_one("main").text
