"""The 404 page: a logged-out member following a members-only link (the digest sends such
links) is offered the log-in with a return to the page, and nobody learns from the answer
whether the address leads to a page for members or to nothing."""

import re
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup

from tests.factories import ContributionFactory, WorkshopFactory
from tests.factories.members import DEFAULT_PASSWORD
from tests.resources.library_helpers import make_resource
from themes.models import Visibility

pytestmark = pytest.mark.django_db


def _members_only(kind: str) -> str:
    """The address of a members-only page of `kind`."""
    if kind == "lesson":
        return f"/lecciones/{ContributionFactory(visibility=Visibility.MEMBERS).slug}/"
    if kind == "workshop":
        return f"/talleres/{WorkshopFactory(visibility=Visibility.MEMBERS).slug}/"
    return f"/recursos/{make_resource('Informe interno', visibility=Visibility.MEMBERS).slug}/"


def _body_without_address(response, address: str) -> str:
    """The page as a visitor gets it, with the address asked for (and its URL-encoded form
    in the log-in link) blanked out, and the CSRF token, which changes with every page."""
    html = response.content.decode()
    for form in (quote(address, safe=""), address):
        html = html.replace(form, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [("lesson", "/lecciones/"), ("workshop", "/talleres/"), ("resource", "/recursos/")],
)
def test_members_only_and_missing_pages_get_the_same_404_that_offers_the_log_in(
    anon_client, kind, prefix
):
    members_only = _members_only(kind)
    missing = f"{prefix}no-existe-esta-pagina/"

    hidden = anon_client.get(members_only)
    absent = anon_client.get(missing)

    assert hidden.status_code == absent.status_code == 404
    assert _body_without_address(hidden, members_only) == _body_without_address(absent, missing)
    page = BeautifulSoup(hidden.content, "html.parser")
    offer = page.select_one("main section.account-aside")
    assert offer.h2.text == "¿Es usted miembro de la Comunidad?"
    assert "volverá a esta dirección" in offer.text
    assert offer.find("a", string="Iniciar sesión")["href"] == (
        f"/cuentas/login/?next={quote(members_only, safe='')}"
    )
    assert offer.find("a", string="Solicitar unirse")["href"] == "/unete/"


def test_after_logging_in_from_the_404_the_member_lands_on_the_page(anon_client, member):
    lesson = ContributionFactory(visibility=Visibility.MEMBERS, title="Mesa de diálogo de Ilo")
    address = f"/lecciones/{lesson.slug}/"
    login_href = (
        BeautifulSoup(anon_client.get(address).content, "html.parser")
        .select_one("main section.account-aside")
        .find("a", string="Iniciar sesión")["href"]
    )

    response = anon_client.post(
        login_href, {"login": member.email, "password": DEFAULT_PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == address
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.text.strip() == (
        "Mesa de diálogo de Ilo"
    )


def test_a_logged_in_person_is_not_offered_the_log_in_on_a_404(member_client):
    response = member_client.get("/lecciones/no-existe-esta-pagina/")

    assert response.status_code == 404
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("main section.account-aside") is None
    assert page.h1.text == "No pudimos encontrar esta página"
