"""sitemap.xml lists public content only (pages in both languages with their alternates,
themes, lessons, resources, workshops), whoever asks; robots.txt keeps crawlers out of the
members' areas and points to the sitemap."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from col_portal.models import HomePage
from resources.page_content import p
from resources.pages import StandardPage
from tests.factories import ThemeFactory, WorkshopFactory
from tests.resources.library_helpers import ROLES, client_for, make_resource
from tests.resources.page_helpers import publish, translate
from tests.themes.lessons_helpers import publish as publish_contribution
from themes.models import Visibility
from workshops.models import WorkshopStatus

pytestmark = pytest.mark.django_db

SITE = "https://comunidad.example.pe"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def _site_url(served_at):
    served_at(SITE)


def add_page(title, slug, *, live=True) -> StandardPage:
    page = StandardPage(title=title, slug=slug, body=[p("Texto.")], live=live)
    HomePage.objects.get(locale__language_code="es").add_child(instance=page)
    return publish(page) if live else page


def entries(response) -> dict[str, dict[str, str]]:
    """Location -> {hreflang: alternate location}."""
    root = ET.fromstring(response.content)
    found = {}
    for url in root.findall("sm:url", NS):
        location = url.find("sm:loc", NS).text
        found[location] = {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
        }
    return found


@pytest.fixture
def content():
    theme = ThemeFactory(slug="recursos-hidricos")
    about = add_page("Acerca de la Comunidad", "acerca-de")
    translate(about, title="About the Community")
    add_page("Borrador", "borrador-de-pagina", live=False)
    private = add_page("Solo para miembros", "pagina-privada")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {
        "theme": theme,
        "lesson": publish_contribution(slug="leccion-publica", primary_theme=theme),
        "members_lesson": publish_contribution(
            slug="leccion-reservada", primary_theme=theme, visibility=Visibility.MEMBERS
        ),
        "resource": make_resource("Estudio público", slug="estudio-publico"),
        "members_resource": make_resource(
            "Guía reservada", slug="guia-reservada", visibility=Visibility.MEMBERS
        ),
        "draft_resource": make_resource("Borrador", slug="recurso-borrador", publish=False),
        "workshop": WorkshopFactory(slug="taller-publico"),
        "members_workshop": WorkshopFactory(slug="taller-reservado", visibility=Visibility.MEMBERS),
        "draft_workshop": WorkshopFactory(slug="taller-borrador", status=WorkshopStatus.DRAFT),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_sitemap_lists_public_content_only_whoever_asks(role, content):
    response = client_for(role).get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = set(entries(response))
    for expected in (
        f"{SITE}/",
        f"{SITE}/en/",
        f"{SITE}/acerca-de/",
        f"{SITE}/en/acerca-de/",
        f"{SITE}/temas/recursos-hidricos/",
        f"{SITE}/en/temas/recursos-hidricos/",
        f"{SITE}/lecciones/leccion-publica/",
        f"{SITE}/recursos/",
        f"{SITE}/en/recursos/",
        f"{SITE}/recursos/estudio-publico/",
        f"{SITE}/en/recursos/estudio-publico/",
        f"{SITE}/talleres/",
        f"{SITE}/talleres/taller-publico/",
        f"{SITE}/en/talleres/taller-publico/",
    ):
        assert expected in locations, expected
    text = response.content.decode()
    for hidden in (
        "borrador",
        "pagina-privada",
        "leccion-reservada",
        "guia-reservada",
        "taller-reservado",
    ):
        assert hidden not in text, hidden


def test_pages_list_their_translations_as_alternates(content):
    found = entries(client_for("anonymous").get("/sitemap.xml"))

    alternates = found[f"{SITE}/acerca-de/"]
    assert alternates == {
        "es": f"{SITE}/acerca-de/",
        "en": f"{SITE}/en/acerca-de/",
        "x-default": f"{SITE}/acerca-de/",
    }
    assert found[f"{SITE}/en/acerca-de/"] == alternates
    resource = found[f"{SITE}/recursos/estudio-publico/"]
    assert resource["en"] == f"{SITE}/en/recursos/estudio-publico/"


def test_a_page_without_translation_has_no_alternates(content):
    add_page("Solo en castellano", "solo-castellano")

    found = entries(client_for("anonymous").get("/sitemap.xml"))

    assert found[f"{SITE}/solo-castellano/"] == {}


def test_unpublishing_takes_content_out_of_the_sitemap(content):
    content["resource"].unpublish()

    text = client_for("anonymous").get("/sitemap.xml").content.decode()

    assert "estudio-publico" not in text


@pytest.mark.parametrize("extra", [0, 10])
def test_the_sitemap_reads_a_fixed_number_of_queries(extra, content, django_assert_max_num_queries):
    for number in range(extra):
        make_resource(f"Recurso {number}")
        WorkshopFactory()
        add_page(f"Página {number}", f"pagina-{number}")

    with django_assert_max_num_queries(16):
        assert client_for("anonymous").get("/sitemap.xml").status_code == 200


def test_robots_txt_keeps_crawlers_out_of_members_areas_and_names_the_sitemap():
    response = client_for("anonymous").get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    for path in (
        "/admin/",
        "/cuentas/",
        "/miembros/",
        "/mis-contribuciones/",
        "/mis-talleres/",
        "/en/cuentas/",
        "/en/miembros/",
        "/en/mis-contribuciones/",
        "/en/mis-talleres/",
    ):
        assert f"Disallow: {path}" in lines, path
    assert "Disallow: /recursos/" not in lines
    assert "Disallow: /" not in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_robots_txt_answers_only_reads():
    assert client_for("anonymous").post("/robots.txt").status_code == 405
