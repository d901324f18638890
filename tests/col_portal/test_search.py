"""The site search (/buscar/): one query across pages, lessons, resources and workshops,
grouped with counts, each group respecting who may read what; odd input never fails."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from resources.page_content import p
from tests.col_portal.search_helpers import add_page, groups
from tests.factories import ThemeFactory, WorkshopFactory
from tests.resources.library_helpers import READERS, ROLES, client_for, make_resource, soup
from tests.resources.page_helpers import english_home, translate
from tests.themes.lessons_helpers import publish as publish_contribution
from themes.models import Visibility
from workshops.models import WorkshopStatus

pytestmark = pytest.mark.django_db

SEARCH = "/en/buscar/"


def counts(response) -> dict[str, int]:
    found = {}
    for section in soup(response).select("section.section-results"):
        key = section.select_one("h2")["id"].removeprefix("results-")
        found[key] = int(section.select_one("h2 .card-meta").text.strip("() "))
    return found


@pytest.fixture
def world():
    """The word "agua" everywhere: public, members-only and unpublished, of every kind."""
    theme = ThemeFactory()
    publish_contribution(title="Mesa técnica del agua", primary_theme=theme)
    publish_contribution(
        title="Acta reservada del agua", primary_theme=theme, visibility=Visibility.MEMBERS
    )
    from tests.factories import ContributionFactory

    ContributionFactory(title="Borrador sobre el agua", primary_theme=theme, published=False)

    make_resource("Estudio del agua en la cuenca")
    make_resource("Guía reservada del agua", visibility=Visibility.MEMBERS)
    make_resource("Informe del agua sin publicar", publish=False)

    WorkshopFactory(title="Taller del agua en Ilo")
    WorkshopFactory(title="Taller reservado del agua", visibility=Visibility.MEMBERS)
    WorkshopFactory(title="Taller del agua en preparación", status=WorkshopStatus.DRAFT)

    page = add_page("Agua y minería")
    translate(
        page, title="Water and mining", introduction="About shared water.", body=[p("Water.")]
    )
    add_page("Página del agua en borrador", live=False)
    private = add_page("Página privada del agua")
    PageViewRestriction.objects.create(page=private, restriction_type="login")


@pytest.mark.parametrize("role", ROLES)
def test_each_group_shows_only_what_the_visitor_may_read(role, world):
    response = client_for(role).get("/buscar/", {"q": "agua"})

    assert response.status_code == 200
    shown = groups(response)
    reader = role in READERS
    assert shown["pages"] == ["Agua y minería"]
    assert set(shown["lessons"]) == {"Mesa técnica del agua"} | (
        {"Acta reservada del agua"} if reader else set()
    )
    assert set(shown["resources"]) == {"Estudio del agua en la cuenca"} | (
        {"Guía reservada del agua"} if reader else set()
    )
    assert set(shown["workshops"]) == {"Taller del agua en Ilo"} | (
        {"Taller reservado del agua"} if reader else set()
    )
    for hidden in ("borrador", "sin publicar", "preparación", "privada"):
        assert hidden not in response.text.lower()
    expected = 2 if reader else 1
    assert counts(response) == {
        "pages": 1,
        "lessons": expected,
        "resources": expected,
        "workshops": expected,
    }


def test_pages_are_searched_in_the_language_being_read(world):
    client = client_for("anonymous")

    english = groups(client.get(SEARCH, {"q": "water"}))
    spanish = groups(client.get("/buscar/", {"q": "water"}))

    assert english.get("pages") == ["Water and mining"]
    assert "pages" not in spanish
    assert english_home()  # the English tree exists
    assert "Agua y minería" not in client.get(SEARCH, {"q": "agua"}).text


def test_results_are_grouped_with_counts_and_links(world):
    response = client_for("anonymous").get(SEARCH, {"q": "agua"})
    page = soup(response)

    assert page.select_one("h1").text.strip() == "Search the portal"
    summary = page.select_one("[role=status]").text
    # The Spanish page is not searched in English.
    assert "3 results for “agua”" in " ".join(summary.split())
    jump_links = [link["href"] for link in page.select("ul[aria-label='Results by kind'] a")]
    assert jump_links == [
        "#results-lessons",
        "#results-resources",
        "#results-workshops",
    ]
    assert page.select_one("#site-search-q")["value"] == "agua"
    assert '<meta name="robots" content="noindex, follow">' in response.text


def test_many_matches_link_to_the_full_lists(world):
    for number in range(9):
        make_resource(f"Agua, informe {number}")

    page = soup(client_for("anonymous").get(SEARCH, {"q": "agua"}))

    section = page.select_one("section[aria-labelledby=results-resources]")
    assert len(section.select(".card")) == 8
    more = section.select_one(".more-link a")
    assert more["href"] == "/en/recursos/?q=agua"
    assert "(10)" in more.text


def test_nothing_found_says_so(world):
    response = client_for("anonymous").get(SEARCH, {"q": "zzyzx"})

    assert "0 results for “zzyzx”" in " ".join(soup(response).text.split())
    assert "Nothing in the portal matches these words." in response.text
    assert soup(response).select("section.section-results") == []


def test_an_empty_search_shows_only_the_form():
    response = client_for("anonymous").get(SEARCH)

    assert response.status_code == 200
    assert soup(response).select_one("#site-search-q")["value"] == ""
    assert "results for" not in response.text


@pytest.mark.parametrize(
    "query",
    [
        "agua " * 3000,
        "\x00\x07agua\x1b[31m",
        "'; DROP TABLE wagtailcore_page; --",
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "agua OR 1=1 -- /* */",
        "☃ 水 مياه",
        "%00%27",
        "(((((",
        "*",
    ],
)
def test_odd_queries_never_fail_and_are_echoed_safely(query, world):
    response = client_for("member").get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "\x00" not in response.text
    echoed = soup(response).select_one("#site-search-q")["value"]
    assert len(echoed) <= 200


def test_symbols_alone_ask_for_words():
    response = client_for("anonymous").get(SEARCH, {"q": "(((((***"})

    assert "Write one or more words to search for" in response.text


def test_the_search_page_is_named_search_and_the_404_page_links_to_it():
    with translation.override("es"):
        assert reverse("search") == "/buscar/"
    response = client_for("anonymous").get("/no-existe-esta-pagina/")

    assert response.status_code == 404
    assert 'href="/buscar/"' in response.text


@pytest.mark.parametrize("extra", [0, 10])
def test_the_search_reads_a_fixed_number_of_queries(extra, world, django_assert_max_num_queries):
    for number in range(extra):
        make_resource(f"Agua adicional {number}")
        WorkshopFactory(title=f"Taller del agua número {number}")
    client = client_for("member")

    # Three of the four groups use full-text search: one more query each on PostgreSQL
    # (Spanish and English stemming).
    with django_assert_max_num_queries(28):
        assert client.get("/buscar/", {"q": "agua"}).status_code == 200
