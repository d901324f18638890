"""The seeded pages in Spanish and English: created once, never overwritten; the language
switcher moves between translations; hreflang and canonical links; the demo news."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page

from col_portal.models import HomePage
from resources import page_content, page_seed
from resources.contact import ContactPage
from resources.page_content import p
from resources.pages import ArticlePage, FoundationalDocumentPage, NewsIndexPage, StandardPage

from .page_helpers import add_page, seeded_page, soup, spanish_home

pytestmark = pytest.mark.django_db

SEEDED_SLUGS = {seed.slug for seed in page_content.pages()}


def seed() -> str:
    out = StringIO()
    call_command("seed_core_group", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    seed()


def pages_in(language: str):
    return Page.objects.filter(locale__language_code=language, depth__gt=1)


def alternates(page) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }


# ---- The seed


def test_seeding_twice_gives_one_of_each_page_in_each_language():
    first = seed()
    second = seed()

    assert Locale.objects.filter(language_code="en").exists()
    for language in ("es", "en"):
        assert HomePage.objects.filter(locale__language_code=language).count() == 1
        slugs = sorted(pages_in(language).filter(depth=3).values_list("slug", flat=True))
        assert slugs == sorted(SEEDED_SLUGS)
    assert FoundationalDocumentPage.objects.count() == 2
    assert NewsIndexPage.objects.count() == 2
    assert StandardPage.objects.count() == 6
    assert ContactPage.objects.count() == 2
    assert all(page.live for page in Page.objects.filter(depth__gt=1))
    assert "Pages: 6 created" in first
    assert "English translations: 6 created" in first
    assert "Pages: 0 created, 6 already there." in second
    assert "English translations: 0 created, 6 already there." in second


def test_every_spanish_page_has_its_english_translation_in_english(seeded):
    english = Locale.objects.get(language_code="en")
    for seed_page in page_content.pages():
        spanish = seeded_page(seed_page.key, "es")
        translation = spanish.get_translation(english).specific
        assert spanish.title == seed_page.es.title
        assert translation.title == seed_page.en.title
        assert translation.title != spanish.title
        assert translation.slug == spanish.slug
        assert translation.live
    home = HomePage.objects.get(locale__language_code="en")
    assert home.title == "Moquegua Community of Learning"
    assert "Leveraging Transparency to Reduce Corruption" in home.intro
    assert "RIMAY Moquegua" in home.intro
    assert [block.value["title"] for block in home.highlights] == [
        item.en.title for item in page_content.home().highlights
    ]


def test_seeded_content_passes_the_admin_validation(seeded):
    """Editors can publish a seeded page unchanged: every field and block is valid."""
    for page in Page.objects.filter(depth__gt=1).specific():
        page.full_clean()
        for name in ("body", "highlights"):
            stream = getattr(page, name, None)
            if stream is not None:
                stream.stream_block.clean(stream)


def test_the_foundational_document_skeleton_has_its_sections(seeded, anon_client):
    page = soup(anon_client.get("/documento-fundacional/"))

    toc = [link["href"] for link in page.select("nav.toc > ol > li > a")]
    assert toc == [
        "#proposito",
        "#principios",
        "#miembros-y-roles",
        "#temas-prioritarios",
        "#como-trabajamos",
        "#gobernanza-y-decisiones",
        "#version-y-adopcion",
    ]
    text = page.select_one(".doc-body").text
    for words in ("RIMAY Moquegua", "espacio neutral", "Grupo Núcleo", "TAP-Plus", "taller"):
        assert words in text
    assert "lorem" not in text.lower()
    assert page.select_one(".doc-version").text.strip() == "0.1"

    english = soup(anon_client.get("/en/documento-fundacional/"))
    assert english.find(id="principios").text.strip() == "2. Principles"
    assert "Core Group" in english.select_one(".doc-body").text


def test_a_second_seed_keeps_what_editors_changed(seeded):
    about = seeded_page("about", "es")
    about.title = "Quiénes somos"
    about.body = [p("Texto reescrito por la facilitación.")]
    about.save_revision().publish()
    english = about.get_translation(Locale.objects.get(language_code="en")).specific
    english.title = "Who we are"
    english.save_revision().publish()

    seed()

    about.refresh_from_db()
    english.refresh_from_db()
    assert about.title == "Quiénes somos"
    assert "Texto reescrito por la facilitación." in str(about.body)
    assert english.title == "Who we are"
    assert StandardPage.objects.filter(locale__language_code="es").count() == 3


def test_a_renamed_page_is_found_again_not_duplicated(seeded):
    privacy = seeded_page("privacy", "es")
    privacy.slug = "datos-personales"
    privacy.save_revision().publish()

    seed()

    assert not Page.objects.filter(slug="privacidad", locale__language_code="es").exists()
    assert StandardPage.objects.filter(locale__language_code="es").count() == 3


def test_home_page_highlights_link_to_the_seeded_pages(seeded, anon_client):
    page = soup(anon_client.get("/"))
    hrefs = [link["href"] for link in page.select(".highlights .card-title a")]
    assert hrefs == ["/acerca-de/", "/metodologia/", "/documento-fundacional/"]

    english = soup(anon_client.get("/en/"))
    hrefs = [link["href"] for link in english.select(".highlights .card-title a")]
    assert hrefs == ["/en/acerca-de/", "/en/metodologia/", "/en/documento-fundacional/"]
    assert english.select_one(".rich-text").get("lang") is None
    assert "Moquegua Community of Learning" in english.select_one("h1").text


# ---- Language switcher, hreflang, canonical


def test_switcher_and_hreflang_lead_between_translations(seeded, anon_client):
    spanish = soup(anon_client.get("/acerca-de/"))
    english = soup(anon_client.get("/en/acerca-de/"))

    assert spanish.select_one('nav.lang-switch a[lang="en"]')["href"] == "/en/acerca-de/"
    assert english.select_one('nav.lang-switch a[lang="es"]')["href"] == "/acerca-de/"
    for page in (spanish, english):
        links = alternates(page)
        assert links["es"].endswith("/acerca-de/") and "/en/" not in links["es"]
        assert links["en"].endswith("/en/acerca-de/")
        assert links["x-default"] == links["es"]
    assert spanish.select_one('link[rel="canonical"]')["href"].endswith("/acerca-de/")
    assert english.select_one('link[rel="canonical"]')["href"].endswith("/en/acerca-de/")
    assert english.html["lang"] == "en"
    assert (
        english.select_one("h1").text.strip()
        == next(seed for seed in page_content.pages() if seed.key == "about").en.title
    )


def test_a_page_without_translation_switches_to_the_other_home(seeded, anon_client):
    add_page(
        spanish_home(),
        StandardPage(title="Solo en español", slug="solo-en-espanol", body=[p("Hola.")]),
    )

    page = soup(anon_client.get("/solo-en-espanol/"))

    assert page.select_one('nav.lang-switch a[lang="en"]')["href"] == "/en/"
    links = alternates(page)
    assert "en" not in links
    assert links["es"].endswith("/solo-en-espanol/")
    assert anon_client.get("/en/solo-en-espanol/").status_code == 404


def test_an_unpublished_translation_is_not_offered(seeded, anon_client):
    english = seeded_page("contact", "en")
    english.unpublish()

    page = soup(anon_client.get("/contacto/"))

    assert page.select_one('nav.lang-switch a[lang="en"]')["href"] == "/en/"
    assert "en" not in alternates(page)


def test_other_views_keep_the_plain_switcher(seeded, anon_client):
    page = soup(anon_client.get("/temas/?page=2"))

    assert page.select_one('nav.lang-switch a[lang="en"]')["href"] == "/en/temas/?page=2"
    assert alternates(page)["x-default"].endswith("/temas/?page=2")


def test_navigation_leads_to_the_foundational_document(seeded, anon_client):
    page = soup(anon_client.get("/documento-fundacional/"))
    item = page.select_one('nav.main-nav a[href="/documento-fundacional/"]')
    assert item["aria-current"] == "page"

    english = soup(anon_client.get("/en/documento-fundacional/"))
    assert english.select_one('nav.main-nav a[href="/en/documento-fundacional/"]')


def test_footer_links_to_the_outreach_pages(seeded, anon_client):
    footer = soup(anon_client.get("/en/")).select_one("footer")
    for slug in ("acerca-de", "noticias", "contacto", "privacidad"):
        href = f"/en/{slug}/"
        assert footer.select_one(f'a[href="{href}"]') is not None
        assert anon_client.get(href).status_code == 200


# ---- Demo news (seed_demo)


def test_demo_news_are_created_once_in_both_languages_and_marked(seeded, anon_client):
    lines: list[str] = []
    step = SimpleNamespace(write=lines.append)

    page_seed.seed_demo_news(step)
    page_seed.seed_demo_news(step)

    count = len(page_content.demo_articles())
    assert ArticlePage.objects.filter(locale__language_code="es").count() == count
    assert ArticlePage.objects.filter(locale__language_code="en").count() == count
    assert lines[0].startswith(f"Demo news: {count} created, {count} translated")
    for article in ArticlePage.objects.all():
        assert page_content.DEMO_NOTE_ES in article.summary or (
            page_content.DEMO_NOTE_EN in article.summary
        )
    spanish = soup(anon_client.get("/noticias/"))
    english = soup(anon_client.get("/en/noticias/"))
    assert len(spanish.select(".card")) == count
    assert len(english.select(".card")) == count
    newest = page_content.demo_articles()[-1]
    assert spanish.select_one(".card-title").text.strip() == newest.es.title
    assert english.select_one(".card-title").text.strip() == newest.en.title


# ---- Editors translate pages in the admin (wagtail.contrib.simple_translation)


def test_a_facilitator_translates_a_new_page_from_the_admin(seeded, facilitator_client):
    spanish = add_page(
        spanish_home(),
        StandardPage(title="Preguntas frecuentes", slug="preguntas", body=[p("¿Quién?")]),
    )
    english = Locale.objects.get(language_code="en")
    url = reverse("simple_translation:submit_page_translation", args=[spanish.pk])

    assert facilitator_client.get(url).status_code == 200
    response = facilitator_client.post(url, {"locales": [english.pk]})

    assert response.status_code == 302
    translation = spanish.get_translation(english)
    assert translation.slug == "preguntas"
    assert not translation.live  # a draft for the editors to write in English


def test_members_cannot_translate_pages(seeded, member_client):
    spanish = seeded_page("about", "es")
    url = reverse("simple_translation:submit_page_translation", args=[spanish.pk])

    assert member_client.get(url).status_code in (302, 403)
