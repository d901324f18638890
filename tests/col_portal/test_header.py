"""The header every page shares: a way to the site search, "Únete" only for people who are
not members yet, and a log-in link that comes back to the page."""

import pytest
from bs4 import BeautifulSoup

from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def _header(response):
    return BeautifulSoup(response.content, "html.parser").select_one("header.site-header")


def test_every_page_leads_to_the_site_search(client):
    header = _header(client.get("/talleres/"))

    link = header.select_one("a.header-search")
    assert link["href"] == "/buscar/"
    assert link.get_text(strip=True) == "Buscar"


def test_the_open_call_is_offered_to_visitors_not_to_members(client):
    assert "Únete" in _header(client.get("/talleres/")).select_one("nav.main-nav").get_text()

    client.force_login(MemberFactory())
    nav = _header(client.get("/talleres/")).select_one("nav.main-nav")
    assert "Únete" not in nav.get_text()
    assert "Talleres" in nav.get_text()


def test_the_log_in_link_comes_back_to_the_page(client):
    link = _header(client.get("/talleres/?modalidad=virtual")).select_one("nav.account-nav a")

    assert link["href"] == "/cuentas/login/?next=/talleres/%3Fmodalidad%3Dvirtual"


def test_on_the_account_pages_the_log_in_link_carries_no_return(client):
    link = _header(client.get("/cuentas/password/reset/")).select_one("nav.account-nav a")

    assert link["href"] == "/cuentas/login/"


def test_from_the_home_page_the_log_in_link_leads_to_my_space(client):
    from django.core.management import call_command

    call_command("seed_core_group", verbosity=0)
    link = _header(client.get("/")).select_one("nav.account-nav a")

    assert link["href"] == "/cuentas/login/"
