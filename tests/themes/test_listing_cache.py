"""The lessons list keeps its counts and search matches in the cache for a while: what a
reader sees still follows every publication, unpublication and archiving at once, and a
member's figures (which count members-only contributions) never reach anyone else."""

import pytest

from col_portal.page_cache import forget_cached_pages
from tests.factories import FacilitatorFactory, ThemeFactory
from tests.themes.lessons_helpers import publish, soup
from themes import services
from themes.listing_cache import forget_cached_listings
from themes.models import Contribution, ContributionKind, Visibility

pytestmark = pytest.mark.django_db

LIST = "/en/lecciones/"


@pytest.fixture
def theme():
    return ThemeFactory(order=4, slug="gestion-ambiental", name_es="Gestión ambiental")


def heading(response) -> str:
    return soup(response).select_one("#results-title").text.strip()


def titles(response) -> list[str]:
    return [link.text.strip() for link in soup(response).select(".lesson-results .card-title a")]


def kind_options(response) -> dict[str, str]:
    return {
        option["value"]: option.text.strip()
        for option in soup(response).select("select[name=kind] option")
        if option["value"]
    }


def tag_options(response) -> dict[str, str]:
    return {
        option["value"]: option.text.strip()
        for option in soup(response).select("select[name=tag] option")
        if option["value"]
    }


def test_counts_and_search_follow_publishing_unpublishing_and_archiving(anon_client, theme):
    first = publish(
        title="Monitoreo participativo de relaves en Ilo",
        primary_theme=theme,
        kind=ContributionKind.EXPERIENCE,
    )
    assert heading(anon_client.get(LIST)) == "1 contribution"
    assert heading(anon_client.get(LIST, {"q": "relaves"})) == "1 contribution"
    assert kind_options(anon_client.get(LIST)) == {"experience": "Experience (1)"}

    second = publish(
        title="Relaves y calidad del aire en Torata",
        primary_theme=theme,
        kind=ContributionKind.GOOD_PRACTICE,
    )
    assert heading(anon_client.get(LIST)) == "2 contributions"
    assert heading(anon_client.get(LIST, {"q": "relaves"})) == "2 contributions"
    assert kind_options(anon_client.get(LIST))["good_practice"] == "Good practice (1)"

    second.unpublish()
    assert heading(anon_client.get(LIST)) == "1 contribution"
    assert titles(anon_client.get(LIST, {"q": "relaves"})) == [first.title]
    assert "good_practice" not in kind_options(anon_client.get(LIST))

    services.contribution_archive(user=FacilitatorFactory(), contribution=first, archived=True)
    assert heading(anon_client.get(LIST)) == "0 contributions"
    assert heading(anon_client.get(LIST, {"q": "relaves"})) == "0 contributions"
    assert kind_options(anon_client.get(LIST)) == {}


def test_a_new_tag_shows_in_the_filters_at_once(anon_client, theme):
    contribution = publish(
        title="Riego tecnificado en Carumas", primary_theme=theme, tags=["riego"]
    )
    assert set(tag_options(anon_client.get(LIST))) == {"riego"}

    contribution.tags.add("agua")
    contribution.save_revision(user=contribution.author, clean=False).publish()

    assert tag_options(anon_client.get(LIST)) == {"agua": "agua (1)", "riego": "riego (1)"}


def test_deleting_a_lesson_or_renaming_an_institution_shows_at_once(anon_client, theme):
    kept = publish(title="Vivero forestal comunal en Cuchumbaya", primary_theme=theme)
    gone = publish(title="Biohuerto escolar en Samegua", primary_theme=theme)
    institution = kept.author_institution
    assert heading(anon_client.get(LIST)) == "2 contributions"

    gone.delete()
    institution.name = "Municipalidad Distrital de Cuchumbaya"
    institution.save()

    response = anon_client.get(LIST)
    assert heading(response) == "1 contribution"
    options = soup(response).select("select[name=institution] option")
    assert "Municipalidad Distrital de Cuchumbaya (1)" in [
        option.text.strip() for option in options
    ]


def test_members_figures_never_reach_other_visitors(anon_client, member_client, theme):
    publish(title="Vigilancia del canon minero en Torata", primary_theme=theme)
    publish(
        title="Acuerdo reservado sobre el canon minero",
        primary_theme=theme,
        kind=ContributionKind.LESSON,
        visibility=Visibility.MEMBERS,
    )

    # Members look first, so that their figures are in the cache.
    assert heading(member_client.get(LIST)) == "2 contributions"
    assert heading(member_client.get(LIST, {"q": "reservado"})) == "1 contribution"
    assert kind_options(member_client.get(LIST))["lesson"] == "Lesson learned (2)"

    assert heading(anon_client.get(LIST)) == "1 contribution"
    assert heading(anon_client.get(LIST, {"q": "reservado"})) == "0 contributions"
    assert kind_options(anon_client.get(LIST)) == {"lesson": "Lesson learned (1)"}
    assert "reservado" not in anon_client.get(LIST, {"q": "canon"}).content.decode()


def test_changes_that_bypass_signals_show_once_the_listing_is_forgotten(anon_client, theme):
    contribution = publish(title="Cultivo de orégano en La Capilla", primary_theme=theme)
    assert heading(anon_client.get(LIST)) == "1 contribution"

    Contribution.objects.filter(pk=contribution.pk).update(visibility=Visibility.MEMBERS)
    # A visitor's whole page is cached too (col_portal.page_cache): told of the change…
    forget_cached_pages()
    # …the page reads the row itself, never from the listing cache: the card is gone…
    # …and the count follows once the cache is told (or at the latest when it expires).
    forget_cached_listings()
    assert heading(anon_client.get(LIST)) == "0 contributions"


def test_an_unknown_tag_shows_nothing_and_keeps_the_filter(anon_client, theme):
    publish(title="Quinua orgánica en Ubinas", primary_theme=theme, tags=["quinua"])

    response = anon_client.get(LIST, {"tag": "no-existe"})

    assert response.status_code == 200
    assert heading(response) == "0 contributions"
    assert soup(response).select_one("select[name=tag] option[selected]")["value"] == "no-existe"
    assert titles(anon_client.get(LIST, {"tag": "quinua"})) == ["Quinua orgánica en Ubinas"]
