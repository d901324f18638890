"""The outreach pages: standard pages, the news index and its articles; the page tree's
rules; images resized by Wagtail; the facilitation team's address from the settings."""

import datetime

import pytest
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from col_portal.models import HomePage
from resources.page_content import contact_details, h2, p
from resources.pages import (
    ArticleKind,
    ArticlePage,
    FoundationalDocumentPage,
    NewsIndexPage,
    StandardPage,
)

from .page_helpers import add_page, make_document, soup, spanish_home, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def about():
    return add_page(
        spanish_home(),
        StandardPage(
            title="La Comunidad y el proceso RIMAY Moquegua",
            slug="acerca-de",
            introduction="Cómo nació la Comunidad.",
            body=[h2("El antecedente", "antecedente"), p("RIMAY significa «hablar».")],
        ),
    )


@pytest.fixture
def news():
    return add_page(
        spanish_home(),
        NewsIndexPage(
            title="Noticias y convocatorias",
            slug="noticias",
            introduction="<p>Novedades de la Comunidad.</p>",
        ),
    )


def article(news, number: int, **fields) -> ArticlePage:
    values = {
        "title": f"Noticia número {number}",
        "slug": f"noticia-{number}",
        "summary": f"Resumen de la noticia {number}.",
        "date": datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
        "body": [p(f"Texto de la noticia {number}.")],
    }
    values.update(fields)
    return add_page(news, ArticlePage(**values))


# ---- Every page type, for visitors, in Spanish and English


def test_every_page_type_opens_for_visitors_in_spanish_and_english(anon_client, about, news):
    item = article(news, 1, kind=ArticleKind.CALL)
    document = make_document()
    translate(about, title="The Community and the RIMAY Moquegua process")
    translate(news, title="News and calls")
    translate(item, title="Call number 1")
    translate(document, title="Foundational Document")

    for url, language, title in [
        ("/acerca-de/", "es", "La Comunidad y el proceso RIMAY Moquegua"),
        ("/en/acerca-de/", "en", "The Community and the RIMAY Moquegua process"),
        ("/noticias/", "es", "Noticias y convocatorias"),
        ("/en/noticias/", "en", "News and calls"),
        ("/noticias/noticia-1/", "es", "Noticia número 1"),
        ("/en/noticias/noticia-1/", "en", "Call number 1"),
        ("/documento-fundacional/", "es", "Documento Fundacional"),
        ("/en/documento-fundacional/", "en", "Foundational Document"),
    ]:
        response = anon_client.get(url)
        assert response.status_code == 200, url
        page = soup(response)
        assert page.html["lang"] == language
        assert page.select_one("h1").text.strip() == title
        assert len(page.select("h1")) == 1
        assert page.select("[style]") == [], url
        # No script a browser runs (JSON-LD is data).
        assert page.select('script:not([type="application/ld+json"])') == [], url
        assert page.select_one("main#main") is not None


def test_a_standard_page_shows_its_text_and_last_update(anon_client, about):
    page = soup(anon_client.get("/acerca-de/"))

    assert page.select_one(".lede").text.strip() == "Cómo nació la Comunidad."
    assert page.find(id="antecedente").name == "h2"
    assert "RIMAY significa «hablar»." in page.text
    assert page.select_one(".page-updated time")["datetime"]
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith("/acerca-de/")
    assert page.select_one('meta[property="og:title"]')["content"] == about.title


def test_a_draft_page_is_not_shown(anon_client):
    draft = StandardPage(title="Borrador", slug="borrador", body=[p("Aún no.")], live=False)
    spanish_home().add_child(instance=draft)

    assert anon_client.get("/borrador/").status_code == 404


# ---- News


def test_news_index_lists_published_articles_newest_first_with_pages(anon_client, news):
    for number in range(1, 13):
        article(news, number)
    draft = ArticlePage(
        title="Borrador de noticia", slug="borrador", summary="x", body=[], live=False
    )
    news.add_child(instance=draft)

    first = soup(anon_client.get("/noticias/"))
    second = soup(anon_client.get("/noticias/?page=2"))

    titles = [title.text.strip() for title in first.select(".card-title")]
    assert titles[:3] == ["Noticia número 12", "Noticia número 11", "Noticia número 10"]
    assert len(titles) == NewsIndexPage.per_page
    assert [title.text.strip() for title in second.select(".card-title")] == [
        "Noticia número 2",
        "Noticia número 1",
    ]
    assert "Borrador de noticia" not in first.text + second.text
    assert first.select_one('.pagination a[rel="next"]') is not None
    link = first.select_one(".card-title a")
    assert link["href"] == "/noticias/noticia-12/"


def test_news_index_without_news_says_so(anon_client, news):
    page = soup(anon_client.get("/noticias/"))

    assert page.select_one(".empty-state") is not None


def test_news_index_queries_do_not_grow(
    anon_client, news, django_assert_max_num_queries, without_page_cache
):
    article(news, 1)
    anon_client.get("/noticias/")
    with django_assert_max_num_queries(15) as few:
        anon_client.get("/noticias/")
    for number in range(2, 10):
        article(news, number)
    with django_assert_max_num_queries(15) as many:
        anon_client.get("/noticias/")

    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_article_shows_its_kind_date_summary_and_a_small_image(anon_client, news):
    image = get_image_model().objects.create(
        title="Taller en Ilo", file=get_test_image_file(size=(1600, 900))
    )
    article(
        news,
        1,
        title="Convocatoria abierta",
        kind=ArticleKind.CALL,
        date=datetime.date(2025, 3, 14),
        summary="Comparta su experiencia.",
        image=image,
    )

    page = soup(anon_client.get("/noticias/noticia-1/"))

    with translation.override("es"):
        assert page.select_one(".badge").text.strip() == str(ArticleKind.CALL.label)
    assert page.select_one("header time")["datetime"] == "2025-03-14"
    assert page.select_one(".lede").text.strip() == "Comparta su experiencia."
    picture = page.select_one(".page-image img")
    assert int(picture["width"]) <= 720
    assert picture["alt"] == "Taller en Ilo"
    assert picture["src"].endswith(".webp")
    assert page.select_one(".breadcrumb a")["href"] == "/noticias/"


# ---- The tree stays tidy


def test_page_types_go_where_they_belong():
    home = spanish_home()

    assert FoundationalDocumentPage.can_create_at(home)
    assert NewsIndexPage.can_create_at(home)
    assert StandardPage.can_create_at(home)
    assert not ArticlePage.can_create_at(home)
    assert set(HomePage.allowed_subpage_models()) == {
        FoundationalDocumentPage,
        NewsIndexPage,
        StandardPage,
    }
    assert NewsIndexPage.allowed_subpage_models() == [ArticlePage]
    assert StandardPage.allowed_subpage_models() == []


def test_one_foundational_document_and_one_news_index_per_home(news):
    make_document()
    home = spanish_home()

    assert not FoundationalDocumentPage.can_create_at(home)
    assert not NewsIndexPage.can_create_at(home)
    assert StandardPage.can_create_at(home)
    assert ArticlePage.can_create_at(news)


# ---- Contact details come from the settings


@pytest.fixture
def contact():
    return add_page(
        spanish_home(),
        StandardPage(title="Contacto", slug="contacto", body=[contact_details()]),
    )


def test_contact_page_shows_the_moderation_address(anon_client, contact, settings):
    settings.MODERATION_EMAIL = "facilitacion@comunidad.example"

    page = soup(anon_client.get("/contacto/"))

    link = page.select_one(".contact-details a")
    assert link["href"] == "mailto:facilitacion@comunidad.example"


def test_contact_page_falls_back_on_the_sender_address(anon_client, contact, settings):
    settings.MODERATION_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "Comunidad de Aprendizaje <equipo@comunidad.example>"

    page = soup(anon_client.get("/contacto/"))

    assert page.select_one(".contact-details a")["href"] == "mailto:equipo@comunidad.example"


def test_contact_page_never_shows_a_no_reply_address(anon_client, contact, settings):
    settings.MODERATION_EMAIL = ""
    settings.DEFAULT_FROM_EMAIL = "Comunidad <no-reply@comunidad.example>"

    page = soup(anon_client.get("/contacto/"))

    details = page.select_one(".contact-details")
    assert "no-reply" not in details.text
    assert details.select_one('a[href="/unete/"]') is not None


# ---- Editing in the admin


def test_facilitators_open_the_admin_forms_of_every_page_type(facilitator_client, news, about):
    document = make_document()
    item = article(news, 1)
    home = spanish_home()

    for page in (home, document, news, item, about):
        response = facilitator_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page
    for parent, model in (
        (home, "standardpage"),
        (news, "articlepage"),
    ):
        response = facilitator_client.get(f"/admin/pages/add/resources/{model}/{parent.pk}/")
        assert response.status_code == 200, model
