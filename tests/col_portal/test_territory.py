"""The territory: an index of the provinces and districts, and a page for each, with the
public lessons, workshops, library resources and institutions tied to it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import (
    CommitmentFactory,
    ContributionFactory,
    InstitutionFactory,
    WorkshopFactory,
    district,
    districts_of,
)
from tests.resources.library_helpers import make_resource
from tests.themes.lessons_helpers import soup
from themes.models import Visibility
from workshops.models import WorkshopStatus

pytestmark = pytest.mark.django_db

INDEX = "/territorio/"
TORATA = "/territorio/mariscal-nieto/torata/"
MARISCAL_NIETO = "/territorio/mariscal-nieto/"


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def section(page, heading_id):
    return page.select_one(f"#{heading_id}").find_parent("section")


def card_titles(node) -> list[str]:
    return [a.get_text(strip=True) for a in node.select(".card-title a")]


def tie_things_to(slug: str, label: str) -> dict:
    """A public and a members-only lesson, an upcoming, a past, a draft and a members-only
    workshop, a public and a members-only resource and an institution, in a district."""
    place = district(slug)
    now = timezone.now()
    return {
        "lesson": ContributionFactory(title=f"Lección pública {label}", districts=[place]),
        "members_lesson": ContributionFactory(
            title=f"Lección solo miembros {label}",
            districts=[place],
            visibility=Visibility.MEMBERS,
        ),
        "upcoming": WorkshopFactory(title=f"Taller próximo {label}", districts=[place]),
        "past": WorkshopFactory(
            title=f"Taller pasado {label}",
            districts=[place],
            starts_at=now - timedelta(days=30),
            status=WorkshopStatus.HELD,
        ),
        "draft": WorkshopFactory(
            title=f"Taller borrador {label}", districts=[place], status=WorkshopStatus.DRAFT
        ),
        "members_workshop": WorkshopFactory(
            title=f"Taller solo miembros {label}",
            districts=[place],
            visibility=Visibility.MEMBERS,
        ),
        "resource": make_resource(f"Estudio público {label}", districts=[place]),
        "members_resource": make_resource(
            f"Estudio solo miembros {label}", districts=[place], visibility=Visibility.MEMBERS
        ),
        "institution": InstitutionFactory(name=f"Municipalidad {label}", district=place),
        "commitment": _commitment(f"Compromiso público {label}", place),
        "members_commitment": _commitment(
            f"Compromiso solo miembros {label}",
            place,
            workshop=WorkshopFactory(status=WorkshopStatus.HELD, visibility=Visibility.MEMBERS),
        ),
    }


def _commitment(description, place, **fields):
    commitment = CommitmentFactory(description=description, **fields)
    commitment.districts.add(place)
    return commitment


def test_a_district_page_shows_only_public_things_tied_to_it(client, member_client):
    tie_things_to("torata", "de Torata")
    tie_things_to("pacocha", "de Pacocha")

    for viewer in (client, member_client):
        page = soup(viewer.get(TORATA))
        assert text(page.select_one("h1")) == "Distrito de Torata"
        assert "180106" in text(page.select_one(".lede"))
        assert card_titles(section(page, "lessons-title")) == ["Lección pública de Torata"]
        assert card_titles(section(page, "upcoming-title")) == ["Taller próximo de Torata"]
        assert card_titles(section(page, "past-title")) == ["Taller pasado de Torata"]
        assert card_titles(section(page, "resources-title")) == ["Estudio público de Torata"]
        institutions = section(page, "institutions-title")
        assert text(institutions.select_one("ul")) == "Municipalidad de Torata"
        commitments = section(page, "commitments-title")
        assert [text(h) for h in commitments.select(".commitment-row h3")] == [
            "Compromiso público de Torata"
        ]
        assert "Pendiente" in text(commitments.select_one(".commitment-row"))
        assert commitments.select_one(".more-link")["href"] == "/compromisos/?district=torata"
        whole = page.get_text()
        assert "solo miembros" not in whole and "borrador" not in whole
        assert "Pacocha" not in text(page.select_one("main"))
        crumbs = [a["href"] for a in page.select(".breadcrumb a")]
        assert crumbs == [INDEX, MARISCAL_NIETO]


def test_a_province_page_gathers_its_districts_and_counts_a_thing_once(client):
    tie_things_to("torata", "de Torata")
    both = ContributionFactory(
        title="Lección de dos distritos", districts=[district("samegua"), district("moquegua")]
    )
    ContributionFactory(title="Lección de Ilo", districts=[district("ilo-distrito")])

    page = soup(client.get(MARISCAL_NIETO))

    assert text(page.select_one("h1")) == "Provincia de Mariscal Nieto"
    lessons = card_titles(section(page, "lessons-title"))
    assert sorted(lessons) == sorted(["Lección pública de Torata", both.title])
    assert text(page.select_one("#lessons-title")) == "Lecciones y experiencias (2)"
    rows = {
        text(row.th): [text(cell) for cell in row.select("td")]
        for row in page.select(".district-table tbody tr")
    }
    assert list(rows) == [
        "Moquegua",
        "Carumas",
        "Cuchumbaya",
        "Samegua",
        "San Cristóbal",
        "Torata",
        "San Antonio",
    ]
    # Lessons, workshops, resources, institutions: only what anyone can read.
    assert rows["Torata"] == ["1", "2", "1", "1"]
    assert rows["Samegua"] == ["1", "0", "0", "0"]
    assert page.select_one('.district-table a[href="/territorio/mariscal-nieto/san-antonio/"]')


def test_the_index_lists_every_province_and_district_with_counts(client):
    tie_things_to("torata", "de Torata")
    ContributionFactory(districts=districts_of("ilo"))

    page = soup(client.get(INDEX))

    provinces = [text(h2) for h2 in page.select(".territory-province h2")]
    assert provinces == [
        "Provincia de Mariscal Nieto",
        "Provincia de General Sánchez Cerro",
        "Provincia de Ilo",
    ]
    assert len(page.select(".district-table tbody tr")) == 21
    mariscal, _sanchez_cerro, ilo = page.select(".territory-province")
    assert text(mariscal.select_one(".place-counts")) == (
        "1 lección · 2 talleres · 1 recurso de la biblioteca · 1 institución"
    )
    # A lesson about the whole province counts once for it, and once in each district.
    assert text(ilo.select_one(".place-counts")).startswith("1 lección ·")
    assert [text(row.select("td")[0]) for row in ilo.select("tbody tr")] == ["1", "1", "1"]


def test_the_pages_are_in_english_too(client):
    tie_things_to("torata", "de Torata")
    page = soup(client.get("/en" + TORATA))
    assert text(page.select_one("h1")) == "District of Torata"
    assert text(page.select_one("#upcoming-title")) == "Upcoming workshops (1)"
    page = soup(client.get("/en" + INDEX))
    assert text(page.select_one("h1")) == "Territory: provinces and districts"


@pytest.mark.parametrize(
    "path",
    ["/territorio/ilo/torata/", "/territorio/lima/", "/territorio/mariscal-nieto/miraflores/"],
)
def test_an_unknown_place_or_a_district_under_another_province_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_long_section_links_to_the_list_filtered_by_the_district(client):
    place = district("torata")
    for number in range(8):
        ContributionFactory(title=f"Lección {number}", districts=[place])

    page = soup(client.get(TORATA))

    lessons = section(page, "lessons-title")
    assert len(lessons.select(".card")) == 6
    assert lessons.select_one(".more-link")["href"] == "/lecciones/?district=torata"


def test_a_province_page_lists_the_commitments_of_its_districts_open_ones_first(client):
    today = timezone.localdate()
    later = _commitment("Ampliar el canal de Samegua.", district("samegua"))
    later.due_date = today + timedelta(days=90)
    later.save()
    _commitment("Instalar la posta de Torata.", district("torata"))
    done = _commitment("Entregar el estudio de Moquegua.", district("moquegua"))
    done.status = "fulfilled"
    done.save()
    _commitment("Reforestar la ribera de Ilo.", district("ilo-distrito"))

    page = soup(client.get(MARISCAL_NIETO))

    commitments = section(page, "commitments-title")
    assert text(page.select_one("#commitments-title")) == "Compromisos (3)"
    assert [text(h) for h in commitments.select(".commitment-row h3")] == [
        "Instalar la posta de Torata.",
        "Ampliar el canal de Samegua.",
        "Entregar el estudio de Moquegua.",
    ]
    assert commitments.select_one(".more-link")["href"] == "/compromisos/"
    empty = soup(client.get("/territorio/general-sanchez-cerro/ubinas/"))
    assert "Ningún compromiso público" in text(section(empty, "commitments-title"))


def fill(slug: str, size: int, label: str) -> None:
    for number in range(size):
        tie_things_to(slug, f"{label} {number}")


@pytest.mark.parametrize("path", [INDEX, MARISCAL_NIETO, TORATA])
def test_query_budget_does_not_grow_with_the_data(client, django_assert_max_num_queries, path):
    fill("torata", 1, "uno")
    with django_assert_max_num_queries(40) as small:
        assert client.get(path).status_code == 200
    fill("torata", 4, "más")
    fill("samegua", 3, "otros")
    with django_assert_max_num_queries(40) as large:
        response = client.get(path)
    assert ("Municipalidad más 3" in response.text) == (path != INDEX)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_sitemap_lists_the_territory(client):
    body = client.get("/sitemap.xml").content.decode()
    for path in (INDEX, MARISCAL_NIETO, TORATA, "/territorio/ilo/ilo-distrito/"):
        assert f"<loc>http://testserver{path}</loc>" in body
    assert "<loc>http://testserver/en/territorio/general-sanchez-cerro/ubinas/</loc>" in body


def test_the_footer_links_to_the_territory(client):
    page = soup(client.get(INDEX))
    link = page.select_one(f'.site-footer a[href="{INDEX}"]')
    assert text(link) == "Provincias y distritos"


def test_the_footer_leads_to_the_commitments_register_and_the_prioritised_solutions(client):
    footer = soup(client.get("/")).select_one(".site-footer")
    for name, heading in (
        ("Registro de compromisos", "Registro de compromisos"),
        ("Soluciones priorizadas", "Soluciones priorizadas"),
    ):
        [link] = [a for a in footer.select("a") if text(a) == name]
        page = soup(client.get(link["href"]))
        assert text(page.select_one("h1")) == heading
