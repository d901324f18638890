"""Search finds what a Spanish reader expects, on SQLite and on PostgreSQL alike: a word
finds its plural and its singular, with or without accents, in capitals or not.

Each kind of content holds each word in one form in one item and in the other form in
another item (and a third item holds neither): both forms of the word must find the same
two items — lessons, resources, workshops and pages in the site search (/buscar/), and
lessons in the lessons list (/lecciones/?q=).
"""

import pytest

from tests.col_portal.search_helpers import add_page, groups
from tests.factories import InstitutionFactory, ThemeFactory, WorkshopFactory
from tests.resources.library_helpers import make_resource, soup
from tests.themes.lessons_helpers import publish

pytestmark = pytest.mark.django_db

# (one form, the other form): each pair must find the same results.
PAIRS = [
    ("agua", "aguas"),
    ("riego", "riegos"),
    ("minería", "mineria"),
    ("ambiental", "ambientales"),
    ("comunidad", "comunidades"),
    ("Canon", "canon"),
]
# The words in the first form, then in the second: each item holds one of these texts.
FIRST = "Agua para el riego, la minería y la gestión ambiental de la comunidad: el Canon."
SECOND = "Aguas de riegos, mineria y planes ambientales de las comunidades: el canon."
NEITHER = "Turnos acordados en asamblea con las juntas vecinales de Torata."
SECTIONS = ("context", "challenge", "actions", "results", "lesson", "recommendations")


def lesson(title, text, theme, institution):
    return publish(
        title=title,
        summary=text,
        primary_theme=theme,
        author__institution=institution,
        **dict.fromkeys(SECTIONS, NEITHER),
    )


@pytest.fixture
def corpus():
    theme = ThemeFactory(name_es="Tema de prueba", short_description_es="Sin palabras.")
    institution = InstitutionFactory(name="Asociación de regantes de Torata")
    lesson("Lección primera", FIRST, theme, institution)
    lesson("Lección segunda", SECOND, theme, institution)
    lesson("Lección tercera", NEITHER, theme, institution)
    make_resource("Estudio primero", summary=FIRST)
    make_resource("Estudio segundo", summary=SECOND)
    make_resource("Estudio tercero", summary=NEITHER)
    WorkshopFactory(title="Taller primero", description=FIRST)
    WorkshopFactory(title="Taller segundo", description=SECOND)
    WorkshopFactory(title="Taller tercero", description=NEITHER)
    add_page("Página primera", text=FIRST)
    add_page("Página segunda", text=SECOND)
    add_page("Página tercera", text=NEITHER)


EXPECTED = {
    "pages": {"Página primera", "Página segunda"},
    "lessons": {"Lección primera", "Lección segunda"},
    "resources": {"Estudio primero", "Estudio segundo"},
    "workshops": {"Taller primero", "Taller segundo"},
}


def site_search(client, query) -> dict[str, set[str]]:
    shown = groups(client.get("/buscar/", {"q": query}))
    return {key: set(titles) for key, titles in shown.items()}


def lesson_list(client, query) -> set[str]:
    page = soup(client.get("/lecciones/", {"q": query}))
    return {link.text.strip() for link in page.select(".lesson-results .card-title a")}


@pytest.mark.parametrize(("one", "other"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_both_forms_of_a_word_find_the_same_things_in_the_site_search(
    anon_client, corpus, one, other
):
    assert site_search(anon_client, one) == EXPECTED
    assert site_search(anon_client, other) == EXPECTED


@pytest.mark.parametrize(("one", "other"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_both_forms_of_a_word_find_the_same_lessons_in_the_list(anon_client, corpus, one, other):
    assert lesson_list(anon_client, one) == EXPECTED["lessons"]
    assert lesson_list(anon_client, other) == EXPECTED["lessons"]


def test_capitals_and_accents_of_the_query_do_not_matter(anon_client, corpus):
    assert site_search(anon_client, "MINERÍA AMBIENTALES") == EXPECTED
    assert lesson_list(anon_client, "Comunidades Riegos") == EXPECTED["lessons"]


def test_a_word_in_neither_form_finds_only_its_own_items(anon_client, corpus):
    found = site_search(anon_client, "vecinales")
    assert found["lessons"] == {"Lección primera", "Lección segunda", "Lección tercera"}
    assert found["workshops"] == {"Taller tercero"}
    assert found["resources"] == {"Estudio tercero"}
    assert found["pages"] == {"Página tercera"}
