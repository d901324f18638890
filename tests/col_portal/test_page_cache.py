"""The anonymous page cache: a visitor's second request for a public page is answered
from the cache without touching the database; members, pages with forms (a CSRF token),
messages and new cookies are never cached nor served from it; publishing anything a page
shows makes the next anonymous request see it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from col_portal import page_cache
from col_portal.models import HomePage
from resources.library import Resource
from resources.pages import StandardPage
from tests.factories import ThemeFactory, WorkshopFactory
from tests.themes.lessons_helpers import publish
from themes import services
from workshops import services as workshop_services

pytestmark = pytest.mark.django_db

LESSONS = "/en/lecciones/"


@pytest.fixture
def theme():
    return ThemeFactory(order=3, slug="recursos-hidricos", name_es="Recursos hídricos")


def get(client, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, len(queries)


def test_second_anonymous_request_is_served_from_the_cache_without_queries(anon_client, theme):
    publish(title="Turnos de riego en Torata", primary_theme=theme)
    for url in ["/", "/en/", LESSONS, "/lecciones/?q=riego", "/talleres/", "/lecciones/rss/"]:
        first, first_queries = get(anon_client, url)
        second, second_queries = get(anon_client, url)

        assert first.status_code == second.status_code == 200, url
        assert first.get(page_cache.HIT_HEADER) == "miss", url
        assert second.get(page_cache.HIT_HEADER) == "hit", url
        assert first_queries > 0
        assert second_queries == 0, url
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_languages_and_queries_are_cached_apart(anon_client, theme):
    publish(title="Turnos de riego en Torata", primary_theme=theme)

    spanish = anon_client.get("/lecciones/").content.decode()
    english = anon_client.get(LESSONS).content.decode()
    found = anon_client.get(LESSONS, {"q": "riego"}).content.decode()
    none = anon_client.get(LESSONS, {"q": "zzzz"}).content.decode()

    assert 'lang="es"' in spanish and 'lang="en"' in english
    # Invented long queries are answered, never stored.
    anon_client.get(LESSONS, {"q": "riego " * 40})
    assert page_cache.HIT_HEADER not in anon_client.get(LESSONS, {"q": "riego " * 40})
    assert "Turnos de riego en Torata" in found
    assert "Turnos de riego en Torata" not in none
    # A Spanish-speaking visitor who chose English (the language cookie) still gets the
    # Spanish page at an unprefixed address, as without the cache: the path decides.
    chose_english = Client(headers={"accept-language": "en"})
    chose_english.cookies["col_language"] = "en"
    response = chose_english.get("/lecciones/")
    assert response.get(page_cache.HIT_HEADER) == "hit"
    assert 'lang="es"' in response.content.decode()


def test_a_member_never_gets_a_cached_page_and_never_fills_the_cache(
    anon_client, member_client, member, theme
):
    publish(title="Turnos de riego en Torata", primary_theme=theme)
    anon_client.get(LESSONS)
    assert anon_client.get(LESSONS).get(page_cache.HIT_HEADER) == "hit"

    response = member_client.get(LESSONS)

    assert page_cache.HIT_HEADER not in response
    assert "Log out" in response.content.decode()
    # And what a member sees is never stored for others.
    page_cache.forget_cached_pages()
    member_client.get("/en/talleres/")
    visitor = anon_client.get("/en/talleres/")
    assert visitor.get(page_cache.HIT_HEADER) == "miss"
    assert "Log out" not in visitor.content.decode()


def test_pages_with_a_form_and_a_csrf_token_are_never_cached(anon_client):
    for url in [reverse("account_login"), reverse("members:apply")]:
        anon_client.get(url)
        response = anon_client.get(url)
        assert response.status_code == 200, url
        assert page_cache.HIT_HEADER not in response, url
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_responses_that_set_a_cookie_or_carry_a_token_are_not_stored(rf):
    request = rf.get("/en/")
    request.user = AnonymousUser()

    def responding(content=b"<p>ok</p>", cookie=False, control=""):
        def view(request):
            response = HttpResponse(content)
            if cookie:
                response.set_cookie("something", "1")
            if control:
                response["Cache-Control"] = control
            return response

        return view

    def second_answer(view):
        """The header of the second request for the page: "hit" once it was stored."""
        middleware = page_cache.AnonymousPageCacheMiddleware(view)
        middleware(request)
        return middleware(request).get(page_cache.HIT_HEADER)

    for view in [
        responding(cookie=True),
        responding(content=b'<input name="csrfmiddlewaretoken" value="x">'),
        responding(control="private"),
        responding(control="no-store"),
    ]:
        assert second_answer(view) is None
    assert second_answer(responding()) == "hit"


def test_a_pending_message_or_a_session_bypasses_the_cache(anon_client, theme):
    publish(title="Turnos de riego en Torata", primary_theme=theme)
    anon_client.get(LESSONS)
    assert anon_client.get(LESSONS).get(page_cache.HIT_HEADER) == "hit"

    with_message = Client()
    storage = CookieStorage(None)
    encoded = storage._encode([Message(constants.SUCCESS, "Your application has been received.")])
    with_message.cookies[CookieStorage.cookie_name] = encoded
    response = with_message.get(LESSONS)
    assert page_cache.HIT_HEADER not in response
    assert "Your application has been received." in response.content.decode()

    with_session = Client()
    with_session.cookies["sessionid"] = "not-a-session"
    assert page_cache.HIT_HEADER not in with_session.get(LESSONS)


def test_publishing_a_lesson_shows_on_the_next_anonymous_request(anon_client, theme):
    publish(title="Turnos de riego en Torata", primary_theme=theme)
    anon_client.get(LESSONS)
    anon_client.get("/")
    assert anon_client.get(LESSONS).get(page_cache.HIT_HEADER) == "hit"

    publish(title="Cosecha de agua en Carumas", primary_theme=theme)

    assert "Cosecha de agua en Carumas" in anon_client.get(LESSONS).content.decode()
    assert "Cosecha de agua en Carumas" in anon_client.get("/").content.decode()


def test_a_comment_a_workshop_a_registration_and_a_resource_show_at_once(
    anon_client, member, theme
):
    lesson = publish(title="Turnos de riego en Torata", primary_theme=theme)
    lesson_url = f"/en/lecciones/{lesson.slug}/"
    assert "0 comments" in anon_client.get(lesson_url).content.decode()
    services.comment_create(user=member, contribution=lesson, body="Muy útil para Ilo.")
    # Visitors see how many comments there are (comments themselves are for members).
    page = anon_client.get(lesson_url).content.decode()
    assert "1 comment" in page and "Muy útil para Ilo." not in page

    anon_client.get("/en/talleres/")
    workshop = WorkshopFactory(title="Mesa del agua en Ilo")
    assert "Mesa del agua en Ilo" in anon_client.get("/en/talleres/").content.decode()

    detail = f"/en/talleres/{workshop.slug}/"
    before = anon_client.get(detail).content.decode()
    workshop_services.workshop_register(workshop=workshop, user=member)
    after = anon_client.get(detail)
    assert after.get(page_cache.HIT_HEADER) == "miss"
    assert after.content.decode() != before  # one seat fewer

    anon_client.get("/en/recursos/")
    resource = Resource(title="Guía de monitoreo del agua", slug="guia-monitoreo", summary="Guía.")
    resource.save()
    resource.save_revision().publish()
    assert "Guía de monitoreo del agua" in anon_client.get("/en/recursos/").content.decode()


def test_publishing_a_wagtail_page_shows_on_the_next_anonymous_request(anon_client):
    home = HomePage.objects.get(locale__language_code="es")
    page = home.add_child(
        instance=StandardPage(title="Preguntas frecuentes", slug="preguntas", live=False)
    )
    assert anon_client.get("/preguntas/").status_code == 404
    anon_client.get("/")

    page.save_revision().publish()

    assert anon_client.get("/preguntas/").status_code == 200
    home = Page.objects.get(pk=home.pk).specific
    home.title = "Portada renovada"
    home.save_revision().publish()
    assert anon_client.get("/").get(page_cache.HIT_HEADER) == "miss"


def test_featuring_a_lesson_shows_it_first_on_the_home_page_at_once(
    anon_client, facilitator, theme
):
    older = publish(title="Turnos de riego en Torata", primary_theme=theme)
    for title in ("Cosecha de agua en Carumas", "Canon y obras en Ilo", "Mesa del agua en Ichuña"):
        publish(title=title, primary_theme=theme)
    home = anon_client.get("/en/").content.decode()
    assert "Turnos de riego en Torata" not in home  # only the three newest are shown

    services.contribution_set_featured(user=facilitator, contribution=older, featured=True)
    home = anon_client.get("/en/")
    assert home.get(page_cache.HIT_HEADER) == "miss"
    assert "Turnos de riego en Torata" in home.content.decode()

    services.contribution_set_featured(user=facilitator, contribution=older, featured=False)
    assert "Turnos de riego en Torata" not in anon_client.get("/en/").content.decode()
