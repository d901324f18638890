"""Searches with what nobody types — a lone quote, a NUL — are searches, not server
errors: before, a quote in an admin search raised a full-text syntax error on SQLite that
the outage middleware answered as "the database is down" (503), and a NUL raised on
PostgreSQL (500). On both databases (CI runs the suite on each)."""

import pytest

from tests.factories import ContributionFactory, FacilitatorFactory

pytestmark = pytest.mark.django_db

ADMIN_SEARCHES = [
    "/admin/documents/?q={q}",
    "/admin/documents/chooser/results/?q={q}",
    "/admin/images/?q={q}",
    "/admin/pages/search/?q={q}",
    "/admin/choose-page/search/?q={q}",
    "/admin/api/main/pages/?search={q}",
    "/admin/snippets/themes/contribution/?q={q}",
]
PUBLIC_SEARCHES = ["/buscar/?q={q}", "/lecciones/?q={q}", "/recursos/?q={q}"]
ODD_INPUT = ['"', "a%00b", "%22riego", "riego%22%00", "%27%20OR%201%3D1"]


@pytest.mark.parametrize("q", ODD_INPUT)
@pytest.mark.parametrize("url", ADMIN_SEARCHES)
def test_admin_searches_take_any_input(client, url, q):
    ContributionFactory(title="Turnos de riego en Torata")
    client.force_login(FacilitatorFactory())

    response = client.get(url.format(q=q))

    assert response.status_code == 200


@pytest.mark.parametrize("q", ODD_INPUT)
@pytest.mark.parametrize("url", PUBLIC_SEARCHES)
def test_public_searches_take_any_input(client, url, q):
    ContributionFactory(title="Turnos de riego en Torata")

    response = client.get(url.format(q=q))

    assert response.status_code == 200
    assert "<main" in response.content.decode()


def test_a_search_with_a_nul_finds_what_the_rest_of_it_finds(client):
    ContributionFactory(title="Turnos de riego en Torata")

    plain = client.get("/lecciones/?q=riego").content.decode()
    with_nul = client.get("/lecciones/?q=riego%00").content.decode()

    assert "Turnos de riego en Torata" in plain
    assert "Turnos de riego en Torata" in with_nul
