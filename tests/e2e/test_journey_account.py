"""A member's own account in a real browser: a forgotten password, a new e-mail address
(also with two-step verification on), the language switch and logging out, and a
logged-out member following a members-only link."""

import re

from playwright.sync_api import expect

from tests.e2e import journeys
from tests.factories import MemberFactory
from tests.factories.members import DEFAULT_PASSWORD

NEW_PASSWORD = "Torata-Cuajone-2026"


def _account_form(page):
    return page.get_by_role("main").locator("form.account-form")


def test_a_member_who_forgot_the_password_resets_it_from_the_login_page(page, live_url):
    member = MemberFactory(email="olvido@example.org", full_name="Nora Quispe")

    page.goto(f"{live_url}/")
    page.locator("nav.account-nav").get_by_role("link", name="Iniciar sesión").click()
    page.get_by_role("main").get_by_role("link", name=re.compile("olvid", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Restablezca su contraseña")
    journeys.screenshot(page, "password-reset")
    _account_form(page).locator("input[name=email]").fill(member.email)
    page.get_by_role("button", name="Enviarme el enlace").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revise su correo electrónico")
    journeys.screenshot(page, "password-reset-done")

    message = journeys.wait_for_mail(member.email, subject="contraseña")
    journeys.follow_link(
        page, message, containing="/cuentas/password/reset/key/", live_url=live_url
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Elija una nueva contraseña")
    journeys.screenshot(page, "password-reset-from-key")
    form = _account_form(page)
    form.locator("input[name=password1]").fill(NEW_PASSWORD)
    form.locator("input[name=password2]").fill(NEW_PASSWORD)
    form.get_by_role("button", name="Guardar mi nueva contraseña").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Contraseña cambiada")
    journeys.screenshot(page, "password-reset-from-key-done")

    # The old password no longer opens the account.
    page.get_by_role("main").get_by_role("link", name="Iniciar sesión").click()
    form = _account_form(page)
    form.locator("input[name=login]").fill(member.email)
    form.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name="Iniciar sesión").click()
    expect(page).to_have_url(re.compile(r"/cuentas/login/$"))
    journeys.screenshot(page, "login-wrong-password")
    expect(page.get_by_role("main")).to_contain_text(
        "la contraseña que ha indicado no son correctas"
    )
    journeys.log_in(page, live_url, member.email, password=NEW_PASSWORD)
    expect(page).to_have_url(re.compile(r"/miembros/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nora Quispe")
