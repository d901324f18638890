"""Pages whose address or content is a secret still accept their own forms in Chromium.

They once set ``<meta name="referrer" content="no-referrer">``: Chromium then sends
``Origin: null`` with the page's forms and Django's CSRF check answered 403. Django's test
client sends no Origin header, so only a real browser shows it.
"""

import re

from playwright.sync_api import expect

from members.models import User
from tests.factories import InvitationFactory, MemberFactory
from tests.factories.members import DEFAULT_PASSWORD
from workshops.models import CalendarFeed


def _log_in(page, live_url, email):
    page.goto(f"{live_url}/cuentas/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator('nav.account-nav a[href="/miembros/"]')).to_be_visible()


def test_an_invited_person_creates_the_account_from_the_link(page, live_url):
    invitation = InvitationFactory(email="ana.flores@example.org", full_name="Ana Flores")

    response = page.goto(f"{live_url}/miembros/invitacion/{invitation.token}/")
    assert response.headers["referrer-policy"] == "same-origin"
    page.fill("input[name=password1]", "Ilo-puerto-2026!")
    page.fill("input[name=password2]", "Ilo-puerto-2026!")
    page.get_by_role("button", name="Crear mi cuenta").click()

    expect(page.locator("main")).not_to_contain_text("403")
    expect(page).to_have_url(re.compile(r"/miembros/$"))
    expect(page.locator("main")).to_contain_text("Bienvenido/a a la Comunidad, Ana")
    assert User.objects.filter(email="ana.flores@example.org").exists()


def test_a_member_changes_the_calendar_address(page, live_url):
    member = MemberFactory(email="rosa@example.org")
    _log_in(page, live_url, member.email)

    response = page.goto(f"{live_url}/mis-talleres/")
    assert response.headers["referrer-policy"] == "same-origin"
    old_token = CalendarFeed.objects.get(user=member).token
    page.get_by_role("button", name=re.compile("Cambiar la dirección")).click()

    expect(page.locator("main")).to_contain_text("nueva dirección secreta")
    assert CalendarFeed.objects.get(user=member).token != old_token
