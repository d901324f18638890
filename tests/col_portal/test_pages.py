"""The public pages of the foundation: layout, home page, Core Group, language switch, errors."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import translation

from col_portal.models import HomePage
from col_portal.views import server_error
from members.models import Sector
from tests.factories import InstitutionFactory, ThemeFactory


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def spanish_catalogue_compiled() -> bool:
    with translation.override("es"):
        return translation.gettext("Themes") != "Themes"


needs_spanish_catalogue = pytest.mark.skipif(
    not spanish_catalogue_compiled(),
    reason="the Spanish catalogue (locale/es) has no compiled UI translations yet",
)


@pytest.fixture
def themes(db):
    return [
        ThemeFactory(
            order=1,
            slug="brechas-y-renta-minera",
            name_es="Cierre de brechas en servicios públicos y uso de la renta minera",
            name_en="Closing gaps in public services and use of mining revenue",
            short_description_es="Convertir el canon minero en mejores servicios.",
            short_description_en="Turning the mining canon into better services.",
        ),
        ThemeFactory(
            order=2,
            slug="diversificacion-productiva",
            name_es="Diversificación productiva",
            name_en="Diversification of production",
        ),
        ThemeFactory(
            order=3,
            slug="recursos-hidricos",
            name_es="Gestión integrada de recursos hídricos",
            name_en="Integrated water resources management",
        ),
        ThemeFactory(
            order=4,
            slug="gestion-ambiental",
            name_es="Gestión de aspectos ambientales",
            name_en="Management of environmental aspects",
        ),
    ]


@pytest.fixture
def core_group(db):
    return [
        InstitutionFactory(
            name="Gobierno Regional de Moquegua",
            short_name="GORE Moquegua",
            sector=Sector.GOVERNMENT_REGIONAL_LOCAL,
            is_core_group=True,
            website="https://www.regionmoquegua.gob.pe",
        ),
        InstitutionFactory(
            name="Propuesta Ciudadana",
            short_name="Propuesta Ciudadana",
            sector=Sector.CIVIL_SOCIETY,
            is_core_group=True,
        ),
        InstitutionFactory(
            name="Iniciativa para la Transparencia de las Industrias Extractivas",
            short_name="EITI",
            sector=Sector.COOPERATION,
            is_core_group=True,
        ),
    ]


@pytest.fixture
def home(db):
    page = HomePage.objects.get()
    page.intro = "<p>Un espacio neutral para dialogar sobre la gobernanza minera.</p>"
    page.join_call = "Si tu institución quiere aprender con otras, postula."
    page.save_revision().publish()
    return page


def nav_link(page: BeautifulSoup, label_href: str):
    return page.select_one(f'nav.main-nav a[href="{label_href}"]')


# ---- Home page


def test_home_page_tells_what_the_community_is(anon_client, home, themes, core_group):
    response = anon_client.get("/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "es"
    assert "Un espacio neutral para dialogar sobre la gobernanza minera." in page.text
    for theme in themes:
        card = page.find("a", href=f"/temas/{theme.slug}/")
        assert card is not None
        assert card.text.strip() == theme.name_es
    assert "Convertir el canon minero en mejores servicios." in page.text
    for institution in core_group:
        assert institution.name in page.text
    assert page.select_one('main a[href="/grupo-nucleo/"]') is not None
    assert "Si tu institución quiere aprender con otras, postula." in page.text
    assert page.select('main a.button[href="/unete/"]')


def test_home_page_colours_each_theme_by_class_not_inline_style(anon_client, home, themes):
    page = soup(anon_client.get("/"))

    for theme in themes:
        card = page.find("a", href=f"/temas/{theme.slug}/").find_parent("article")
        assert f"theme-{theme.order}" in card["class"]
    assert page.select("[style]") == []
    # No script a browser runs (JSON-LD is data).
    assert page.select('script:not([type="application/ld+json"])') == []


def test_home_page_in_english_shows_english_interface_and_theme_names(anon_client, home, themes):
    response = anon_client.get("/en/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert "Closing gaps in public services and use of mining revenue" in page.text
    assert "Turning the mining canon into better services." in page.text
    assert nav_link(page, "/en/temas/").text.strip() == "Themes"
    assert page.select_one('a.button[href="/en/unete/"]').text.strip() == "Join the Community"
    # The editors' Spanish text is marked as Spanish inside the English page.
    assert page.select_one(".rich-text")["lang"] == "es"


@needs_spanish_catalogue
def test_home_page_interface_is_in_spanish(anon_client, home):
    page = soup(anon_client.get("/"))

    assert nav_link(page, "/").text.strip() == "Inicio"
    assert nav_link(page, "/temas/").text.strip() == "Temas"
    assert nav_link(page, "/unete/").text.strip() == "Únete"


def test_home_page_queries_do_not_grow_with_the_core_group(
    anon_client, home, themes, django_assert_max_num_queries, without_page_cache
):
    InstitutionFactory.create_batch(3, is_core_group=True)
    # Warm the caches a visitor finds warm (Wagtail's site root paths); the budget is the
    # home page's (tests/col_portal/test_home_page.py: contributions, workshops, the chart).
    anon_client.get("/")
    with django_assert_max_num_queries(20) as few:
        anon_client.get("/")
    InstitutionFactory.create_batch(40, is_core_group=True)
    with django_assert_max_num_queries(20) as many:
        response = anon_client.get("/")

    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_home_page_without_seed_content_still_explains_the_community(anon_client, db):
    response = anon_client.get("/")

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#about-title") is not None
    assert page.select_one("#about-title").find_next("p").text.strip()
    assert page.select(".empty-state")


# ---- Layout: navigation, language switch, account links


def test_navigation_marks_the_current_page(anon_client, home, themes):
    page = soup(anon_client.get("/temas/"))

    assert nav_link(page, "/temas/")["aria-current"] == "page"
    assert not nav_link(page, "/").has_attr("aria-current")
    assert len(page.select("nav.main-nav [aria-current]")) == 1


def test_navigation_marks_the_section_on_a_page_inside_it(anon_client, themes):
    page = soup(anon_client.get("/temas/diversificacion-productiva/"))

    assert nav_link(page, "/temas/")["aria-current"] == "true"


def test_navigation_marks_home_on_the_home_page(anon_client, home):
    page = soup(anon_client.get("/"))

    assert nav_link(page, "/")["aria-current"] == "page"


def test_navigation_leaves_out_sections_that_do_not_exist_yet(anon_client, home):
    from django.urls import NoReverseMatch, reverse

    page = soup(anon_client.get("/"))
    hrefs = [link["href"] for link in page.select("nav.main-nav a")]

    assert hrefs[:2] == ["/", "/temas/"]
    assert "/unete/" in hrefs
    try:
        reverse("workshops:list")
    except NoReverseMatch:
        assert not any("taller" in href for href in hrefs)


def test_language_switch_points_at_the_same_page_in_the_other_language(anon_client, themes):
    page = soup(anon_client.get("/temas/recursos-hidricos/"))
    switch = page.select_one("nav.lang-switch")

    english = switch.select_one('a[lang="en"]')
    assert english["href"] == "/en/temas/recursos-hidricos/"
    assert english.text.strip() == "English"
    assert switch.select_one('a[lang="es"]')["aria-current"] == "true"

    page = soup(anon_client.get("/en/temas/recursos-hidricos/"))
    switch = page.select_one("nav.lang-switch")
    assert switch.select_one('a[lang="es"]')["href"] == "/temas/recursos-hidricos/"
    assert switch.select_one('a[lang="en"]')["aria-current"] == "true"


def test_language_switch_keeps_the_query_string(anon_client, themes):
    page = soup(anon_client.get("/temas/?page=2"))

    assert page.select_one('nav.lang-switch a[lang="en"]')["href"] == "/en/temas/?page=2"


def test_language_switch_on_the_home_page(anon_client, home):
    page = soup(anon_client.get("/en/"))

    assert page.select_one('nav.lang-switch a[lang="es"]')["href"] == "/"
    alternates = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate]")}
    assert alternates["es"].endswith("/")
    assert alternates["en"].endswith("/en/")


def test_layout_has_landmarks_and_a_skip_link(anon_client, home):
    page = soup(anon_client.get("/"))

    skip = page.select_one("body > a.skip-link")
    assert skip["href"] == "#main"
    assert page.select_one("main#main") is not None
    assert page.select_one("header.site-header") is not None
    assert page.select_one("footer.site-footer") is not None
    assert page.select_one("nav.main-nav")["aria-label"]
    assert len(page.select("h1")) == 1
    stylesheets = page.select('link[rel="stylesheet"]')
    assert [link["href"] for link in stylesheets] == ["/static/css/portal.css"]


def test_header_offers_login_to_visitors(anon_client, home):
    page = soup(anon_client.get("/"))

    assert page.select_one('nav.account-nav a[href="/cuentas/login/"]') is not None
    assert page.select_one("nav.account-nav form") is None


def test_header_offers_my_space_and_logout_to_members(member_client, home):
    page = soup(member_client.get("/"))
    account = page.select_one("nav.account-nav")

    assert account.select_one('a[href="/miembros/"]') is not None
    form = account.select_one("form")
    assert form["method"] == "post"
    assert form["action"] == "/cuentas/logout/"
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert account.select_one('a[href="/cuentas/login/"]') is None
    assert account.select_one('a[href="/admin/"]') is None


def test_header_offers_the_back_office_to_facilitators(facilitator_client, home):
    page = soup(facilitator_client.get("/"))

    assert page.select_one('nav.account-nav a[href="/admin/"]') is not None


def test_footer_links_to_core_group_and_join(anon_client, home):
    footer = soup(anon_client.get("/en/")).select_one("footer")

    assert footer.select_one('a[href="/en/grupo-nucleo/"]') is not None
    assert footer.select_one('a[href="/en/unete/"]') is not None


# ---- Core Group page


def test_core_group_page_groups_institutions_by_sector(anon_client, core_group):
    InstitutionFactory(name="Asociación que no es del Grupo Núcleo", is_core_group=False)

    response = anon_client.get("/grupo-nucleo/")

    assert response.status_code == 200
    page = soup(response)
    headings = [h2.text.strip() for h2 in page.select("main section.sector h2")]
    with translation.override("es"):
        assert headings == [
            str(Sector.GOVERNMENT_REGIONAL_LOCAL.label),
            str(Sector.CIVIL_SOCIETY.label),
            str(Sector.COOPERATION.label),
        ]
    gore = page.find("h3", string="Gobierno Regional de Moquegua").find_parent("li")
    assert "GORE Moquegua" in gore.text
    assert gore.select_one('a[href="https://www.regionmoquegua.gob.pe"]') is not None
    assert "EITI" in page.text
    assert "Asociación que no es del Grupo Núcleo" not in page.text


def test_core_group_page_in_english_uses_english_sector_names(anon_client, core_group):
    page = soup(anon_client.get("/en/grupo-nucleo/"))

    assert page.html["lang"] == "en"
    headings = [h2.text.strip() for h2 in page.select("main section.sector h2")]
    assert headings[0] == "Regional and local government"


def test_core_group_page_queries_are_bounded(
    anon_client, core_group, django_assert_max_num_queries
):
    InstitutionFactory.create_batch(30, is_core_group=True)

    with django_assert_max_num_queries(3):
        response = anon_client.get("/grupo-nucleo/")
    assert response.status_code == 200


# ---- Error pages


def test_unknown_address_gets_a_helpful_404(anon_client, home):
    response = anon_client.get("/esta-pagina-no-existe/")

    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "es"
    assert "404" in page.select_one("main").text
    assert page.select_one('main a[href="/"]') is not None
    assert page.select_one('main a[href="/temas/"]') is not None
    assert page.select_one("nav.main-nav") is not None


def test_404_in_english(anon_client, home):
    response = anon_client.get("/en/esta-pagina-no-existe/")

    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.select_one("h1").text.strip() == "We could not find this page"
    assert page.select_one('main a[href="/en/"]') is not None


def test_a_refused_action_gets_a_page_in_spanish_not_django_s_english_403(member_client, home):
    # A member opening the address of something the portal does not offer (confirming it is
    # them by an e-mailed code): refused, on the portal's own page, in Spanish.
    response = member_client.get("/cuentas/reauthenticate/code/")

    assert response.status_code == 403
    page = soup(response)
    assert page.html["lang"] == "es"
    assert "Forbidden" not in page.text
    assert page.select_one("h1").text.strip() == "No puede hacer esto aquí"
    assert page.select_one('main a[href="/"]') is not None
    assert page.select_one("nav.main-nav") is not None


def test_500_page_renders_without_the_database():
    # Not marked django_db: any database query here would fail the test.
    request = RequestFactory().get("/temas/")

    with translation.override("es"):
        response = server_error(request)

    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == "es"
    assert "500" in page.text
    assert page.select_one('main a[href="/"]') is not None
    assert page.select_one('link[rel="stylesheet"]')["href"] == "/static/css/portal.css"


def test_500_page_in_english_links_to_the_english_home():
    request = RequestFactory().get("/en/temas/")

    with translation.override("en"):
        response = server_error(request)

    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.select_one("h1").text.strip() == "Something went wrong on our side"
    assert page.select_one('main a[href="/en/"]') is not None
