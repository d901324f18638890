"""Full-text search of the lessons list, in Spanish and English, within what the viewer may read."""

import pytest

from tests.factories import InstitutionFactory, MemberFactory, ThemeFactory
from tests.themes.lessons_helpers import publish, soup
from themes.models import ContributionKind, Visibility
from themes.search import clean_query

pytestmark = pytest.mark.django_db

LIST = "/en/lecciones/"


def titles(response) -> list[str]:
    return [link.text.strip() for link in soup(response).select(".lesson-results .card-title a")]


@pytest.fixture
def water():
    return ThemeFactory(order=3, slug="recursos-hidricos", name_es="Recursos hídricos")


@pytest.fixture
def corpus(water):
    environment = ThemeFactory(order=4, slug="gestion-ambiental", name_es="Gestión ambiental")
    return {
        "water": publish(
            title="Comité de vigilancia del recurso hídrico en Torata",
            summary="Regantes y municipio vigilan la calidad del agua del río.",
            primary_theme=water,
            tags=["agua"],
        ),
        "mining": publish(
            title="Diálogo con la empresa minera sobre el canon",
            summary="Una mesa de diálogo revisó cómo se gasta el canon en obras.",
            primary_theme=water,
            kind=ContributionKind.GOOD_PRACTICE,
        ),
        "english": publish(
            title="Community monitoring of tailings dams",
            summary="Farmers and engineers inspected the tailings dam twice a year.",
            lesson="Shared inspections built trust between the company and the farmers.",
            primary_theme=environment,
            language="en",
        ),
        "reserved": publish(
            title="Acta reservada sobre el recurso hídrico",
            summary="Acuerdos internos de la mesa del agua.",
            primary_theme=water,
            visibility=Visibility.MEMBERS,
        ),
    }


def test_search_finds_by_words_of_the_title_and_summary(anon_client, corpus):
    assert titles(anon_client.get(LIST, {"q": "vigilancia"})) == [
        "Comité de vigilancia del recurso hídrico en Torata"
    ]
    assert titles(anon_client.get(LIST, {"q": "canon obras"})) == [
        "Diálogo con la empresa minera sobre el canon"
    ]


def test_search_finds_an_english_contribution_with_an_english_query(anon_client, corpus):
    assert titles(anon_client.get(LIST, {"q": "tailings"})) == [
        "Community monitoring of tailings dams"
    ]
    assert titles(anon_client.get(LIST, {"q": "trust farmers"})) == [
        "Community monitoring of tailings dams"
    ]


def test_search_never_shows_members_only_to_the_public(
    anon_client, client, roleless_user, member_client, corpus
):
    client.force_login(roleless_user)
    for viewer in (anon_client, client):
        response = viewer.get(LIST, {"q": "reservada"})
        assert titles(response) == []
        assert "Acta reservada" not in response.content.decode()
        assert soup(response).select_one("#results-title").text.strip() == "0 contributions"

    assert titles(member_client.get(LIST, {"q": "reservada"})) == [
        "Acta reservada sobre el recurso hídrico"
    ]


def test_search_facet_counts_come_from_what_the_viewer_may_read(anon_client, member_client, corpus):
    def theme_option(client):
        page = soup(client.get(LIST, {"q": "hídrico"}))
        return page.select_one('select[name=theme] option[value="recursos-hidricos"]').text

    assert theme_option(anon_client).strip().endswith("(1)")
    assert theme_option(member_client).strip().endswith("(2)")


def test_search_combines_with_filters(anon_client, corpus):
    response = anon_client.get(LIST, {"q": "canon", "kind": "lesson"})
    assert titles(response) == []
    response = anon_client.get(LIST, {"q": "canon", "kind": "good_practice"})
    assert titles(response) == ["Diálogo con la empresa minera sobre el canon"]


def test_search_sorts_by_relevance_by_default(anon_client, water):
    publish(title="Informe general", summary="Menciona el agua una vez.", primary_theme=water)
    publish(
        title="Agua para el valle",
        summary="El agua del valle y el agua de la ciudad.",
        lesson="Cuidar el agua.",
        primary_theme=water,
        tags=["agua"],
    )

    response = anon_client.get(LIST, {"q": "agua"})

    assert titles(response) == ["Agua para el valle", "Informe general"]
    sort = soup(response).select_one("select[name=sort] option[selected]")
    assert sort["value"] == "relevance"
    # Other orders apply to the same matches.
    assert titles(anon_client.get(LIST, {"q": "agua", "sort": "title"})) == [
        "Agua para el valle",
        "Informe general",
    ]


def test_search_by_institution_name(anon_client, water):
    author = MemberFactory(institution=InstitutionFactory(name="Asociación Pachamama de Carumas"))
    publish(title="Semillas nativas", primary_theme=water, author=author)

    assert titles(anon_client.get(LIST, {"q": "Pachamama"})) == ["Semillas nativas"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        'agua" OR 1=1 --',
        "NOT",
        "AND OR NEAR",
        "*",
        "(agua",
        "agua:*",
        "a & b | !c",
        "<script>alert(1)</script>",
        "%",
        "   ",
        "ñandú",
        "😀",
        "x" * 200,
        "palabra " * 50,
    ],
)
def test_odd_queries_never_fail(anon_client, corpus, query):
    response = anon_client.get(LIST, {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_clean_query_keeps_words_only():
    assert clean_query('  "minería"  & (agua) | canon:* ') == "minería agua canon"
    assert clean_query("a" * 500) == "a" * 200
    assert clean_query("!!! ---") == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hídricos", "Comité de vigilancia del recurso hídrico en Torata"),
        ("vigilar", "Comité de vigilancia del recurso hídrico en Torata"),
        ("mineras", "Diálogo con la empresa minera sobre el canon"),
        ("diálogos", "Diálogo con la empresa minera sobre el canon"),
        ("dam", "Community monitoring of tailings dams"),
        ("inspecting", "Community monitoring of tailings dams"),
    ],
)
def test_search_understands_other_forms_of_a_word(anon_client, corpus, query, expected):
    assert titles(anon_client.get(LIST, {"q": query})) == [expected]


def test_rebuilding_the_index_keeps_search_working(anon_client, corpus):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)

    assert titles(anon_client.get(LIST, {"q": "vigilancia"})) == [
        "Comité de vigilancia del recurso hídrico en Torata"
    ]
    assert titles(anon_client.get(LIST, {"q": "tailings"})) == [
        "Community monitoring of tailings dams"
    ]
