"""Comments are for members ("Lo leen los miembros de la Comunidad"): anonymous visitors
and accounts without a role see how many there are and an invitation to log in or join,
never a comment, its author or their institution — not on the lesson's page (nor from
the anonymous page cache), in the feeds, the site search, the lessons list or the sitemap.
"""

import pytest

from col_portal import page_cache
from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory, ThemeFactory
from tests.themes.lessons_helpers import publish, soup
from themes import services

pytestmark = pytest.mark.django_db

DETAIL = "/lecciones/turnos-de-riego-en-torata/"
BODY = "Nosotros probamos los turnos nocturnos en Yacango con buenos resultados."
AUTHOR = "Eusebio Condori Ticona"
INSTITUTION = "Comisión de Usuarios de Yacango"
# What no one outside the Community may read anywhere.
SECRETS = (BODY, "Yacango", AUTHOR, INSTITUTION)


@pytest.fixture
def commented():
    theme = ThemeFactory(order=3, slug="recursos-hidricos", name_es="Recursos hídricos")
    lesson = publish(
        title="Turnos de riego en Torata", slug="turnos-de-riego-en-torata", primary_theme=theme
    )
    commenter = MemberFactory(full_name=AUTHOR, institution=InstitutionFactory(name=INSTITUTION))
    services.comment_create(user=commenter, contribution=lesson, body=BODY)
    hidden = services.comment_create(user=commenter, contribution=lesson, body="Otro comentario")
    services.comment_hide(user=FacilitatorFactory(), comment=hidden, reason="Repetido")
    return lesson


def assert_no_comment_in(text: str):
    for secret in SECRETS:
        assert secret not in text


def test_a_visitor_sees_how_many_comments_and_an_invitation(anon_client, commented):
    page = soup(anon_client.get(DETAIL))
    section = page.select_one("#comentarios")

    assert " ".join(section.select_one("#comments-title").text.split()) == "1 comentario"
    assert section.select_one(".comment-list") is None
    assert_no_comment_in(page.text)
    invitation = section.select_one(".comment-invitation")
    assert "solo ellos pueden leerlos y escribirlos" in " ".join(invitation.text.split())
    login, join = invitation.select("a")
    assert login.text.strip() == "Inicie sesión para leer y comentar"
    assert login["href"] == f"/cuentas/login/?next={DETAIL}%23comentarios"
    assert join.text.strip() == "Únete a la Comunidad"
    assert join["href"] == "/unete/"


def test_the_cached_page_for_visitors_holds_no_comment(anon_client, commented, settings):
    settings.PAGE_CACHE_ENABLED = True
    first = anon_client.get(DETAIL)
    second = anon_client.get(DETAIL)

    assert second[page_cache.HIT_HEADER] == "hit"
    for response in (first, second):
        assert_no_comment_in(response.content.decode())
        assert "1 comentario" in response.content.decode()


def test_an_account_without_a_role_does_not_read_comments(client, roleless_user, commented):
    client.force_login(roleless_user)
    page = soup(client.get(DETAIL))

    assert_no_comment_in(page.text)
    assert page.select_one(".comment-form") is None
    assert "Su cuenta todavía no es la de un miembro" in page.select_one(".comment-invitation").text


def test_members_read_the_comments(member_client, commented):
    page = soup(member_client.get(DETAIL))

    shown = page.select_one(".comment-list")
    assert BODY in shown.text and AUTHOR in shown.text and INSTITUTION in shown.text
    assert "Otro comentario" not in page.text
    assert page.select_one(".comment-invitation") is None


@pytest.mark.parametrize(
    "url",
    [
        "/lecciones/rss/",
        "/lecciones/atom/",
        "/temas/recursos-hidricos/rss/",
        "/temas/recursos-hidricos/atom/",
        "/sitemap.xml",
        "/temas/recursos-hidricos/",
        "/lecciones/",
        "/",
    ],
)
def test_no_comment_anywhere_else_for_visitors(anon_client, commented, url):
    response = anon_client.get(url)

    assert response.status_code == 200
    assert_no_comment_in(response.content.decode())


@pytest.mark.parametrize("url", ["/buscar/", "/lecciones/"])
@pytest.mark.parametrize("query", ["Yacango nocturnos", "Condori", "Comisión Usuarios Yacango"])
def test_searching_words_of_a_comment_finds_nothing(
    anon_client, member_client, commented, url, query
):
    for client in (anon_client, member_client):
        text = client.get(url, {"q": query}).content.decode()

        assert "Turnos de riego en Torata" not in text
        assert BODY not in text and AUTHOR not in text and INSTITUTION not in text
