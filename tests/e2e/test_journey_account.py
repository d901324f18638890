"""A member's own account in a real browser: a forgotten password, a new e-mail address
(also with two-step verification on), the language switch and logging out, and a
logged-out member following a members-only link."""

import re
import time

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from tests.e2e import journeys
from tests.factories import ContributionFactory, MemberFactory, ThemeFactory, WorkshopFactory
from tests.factories.members import DEFAULT_PASSWORD
from themes.models import Visibility

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


def _change_email_from_my_space(page, live_url, *, new_email):
    page.goto(f"{live_url}/miembros/")
    page.get_by_role("main").get_by_role("link", name="cambiar", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Su dirección de correo electrónico")
    journeys.screenshot(page, "email-change")
    form = _account_form(page)
    form.locator("input[name=email]").fill(new_email)
    form.get_by_role("button", name="Cambiar mi dirección de correo electrónico").click()
    expect(page.get_by_role("main")).to_contain_text(new_email)
    journeys.screenshot(page, "email-change-sent")


def _confirm_email_from_the_message(page, live_url, *, new_email):
    message = journeys.wait_for_mail(new_email, subject="Confirme")
    journeys.follow_link(page, message, containing="/cuentas/confirm-email/", live_url=live_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Confirme su dirección de correo electrónico"
    )
    expect(page.get_by_role("main")).to_contain_text(new_email)
    journeys.screenshot(page, "email-confirm")
    page.get_by_role("main").get_by_role("button", name="Confirmar").click()
    expect(page.locator(".messages")).to_contain_text(new_email)
    journeys.screenshot(page, "email-confirmed")


def test_a_member_changes_the_e_mail_address_and_logs_in_with_the_new_one(page, live_url):
    member = MemberFactory(email="antes@example.org", full_name="Rosa Mamani")
    journeys.log_in(page, live_url, member.email)

    _change_email_from_my_space(page, live_url, new_email="despues@example.org")
    _confirm_email_from_the_message(page, live_url, new_email="despues@example.org")

    # The old address is told, in case it was not them.
    notice = journeys.wait_for_mail(
        "antes@example.org", subject="Su dirección de correo electrónico se ha cambiado"
    )
    assert "despues@example.org" in notice.body

    journeys.log_out(page)
    journeys.log_in(page, live_url, "despues@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa Mamani")
    expect(page.get_by_role("main")).to_contain_text("despues@example.org")
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == [
        "despues@example.org"
    ]


def _fresh_totp_code(secret: str, used: set[str]) -> str:
    """A code the app shows now that was not typed before (allauth takes each code once)."""
    while (code := journeys.totp_code(secret)) in used:
        time.sleep(1)
    used.add(code)
    return code


def test_with_two_step_verification_on_the_e_mail_page_says_what_to_do_first(page, live_url):
    member = MemberFactory(email="protegida@example.org", full_name="Lucía Coaguila")
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(member, secret)
    used_codes: set[str] = set()

    journeys.log_in(page, live_url, member.email)
    expect(page.get_by_role("heading", level=1)).to_have_text("Verificación en dos pasos")
    journeys.screenshot(page, "mfa-authenticate")
    _account_form(page).locator("input[name=code]").fill(_fresh_totp_code(secret, used_codes))
    _account_form(page).get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/miembros/$"))

    page.get_by_role("main").get_by_role("link", name="cambiar", exact=True).click()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=2)).to_have_text(
        "Primero desactive la verificación en dos pasos"
    )
    expect(main).to_contain_text("mientras esté activa, no se le puede añadir una nueva dirección")
    expect(main.locator("input[name=email]")).to_have_count(0)
    journeys.screenshot(page, "email-change-with-totp")

    main.get_by_role("link", name="Desactivar la verificación en dos pasos").click()
    # allauth asks to confirm it is them (password first, or the app's code).
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirme que es usted")
    journeys.screenshot(page, "totp-deactivate-confirm")
    _account_form(page).locator("input[name=password]").fill(DEFAULT_PASSWORD)
    _account_form(page).get_by_role("button", name="Confirmar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Desactivar la verificación en dos pasos"
    )
    journeys.screenshot(page, "totp-deactivate")
    page.get_by_role("main").get_by_role("button", name="Sí, desactivarla").click()
    expect(page.locator(".messages")).to_contain_text("desactivad")
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()

    _change_email_from_my_space(page, live_url, new_email="lucia.coaguila@example.org")
    _confirm_email_from_the_message(page, live_url, new_email="lucia.coaguila@example.org")
    journeys.log_out(page)
    journeys.log_in(page, live_url, "lucia.coaguila@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lucía Coaguila")


def test_the_language_switch_keeps_the_page_and_the_header_button_logs_out(page, live_url):
    theme = ThemeFactory(slug="agua", name_es="Gestión del agua", name_en="Water management")
    lesson = ContributionFactory(primary_theme=theme, title="Turnos de riego en Omo")
    workshop = WorkshopFactory(title="Taller de vigilancia del canon")
    member = MemberFactory(email="bilingue@example.org", full_name="Ana Flores")

    for path in (f"/lecciones/{lesson.slug}/", f"/talleres/{workshop.slug}/", "/cuentas/login/"):
        page.goto(f"{live_url}{path}")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        page.locator("nav.lang-switch").get_by_role("link", name="English").click()
        expect(page).to_have_url(f"{live_url}/en{path}")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        journeys.screenshot(page, "english" + path.rstrip("/").replace("/", "-"))
        page.locator("nav.lang-switch").get_by_role("link", name="Español").click()
        expect(page).to_have_url(f"{live_url}{path}")
        expect(page.locator("html")).to_have_attribute("lang", "es")

    journeys.log_in(page, live_url, member.email)
    expect(page).to_have_url(f"{live_url}/miembros/")
    page.locator("nav.lang-switch").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_url}/en/miembros/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("My profile")
    journeys.screenshot(page, "english-my-space")
    page.locator("nav.lang-switch").get_by_role("link", name="Español").click()
    expect(page).to_have_url(f"{live_url}/miembros/")
    expect(page.locator("main")).to_contain_text("Mi perfil")

    journeys.log_out(page)
    expect(page.locator("nav.account-nav")).to_contain_text("Iniciar sesión")
    expect(page.locator("nav.account-nav")).not_to_contain_text("Mi espacio")
    journeys.screenshot(page, "logged-out")
    page.goto(f"{live_url}/miembros/")
    expect(page).to_have_url(re.compile(r"/cuentas/login/\?next=/miembros/$"))


def test_a_logged_out_member_follows_a_members_only_link_logs_in_and_lands_on_it(page, live_url):
    lesson = ContributionFactory(
        visibility=Visibility.MEMBERS, title="Acuerdos de la mesa de diálogo de Tía María"
    )
    member = MemberFactory(email="lectora@example.org")

    response = page.goto(f"{live_url}/lecciones/{lesson.slug}/")
    assert response.status == 404
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("No pudimos encontrar esta página")
    expect(main).not_to_contain_text("Tía María")
    journeys.screenshot(page, "not-found-anonymous")
    main.locator("section.account-aside").get_by_role("link", name="Iniciar sesión").click()

    form = _account_form(page)
    form.locator("input[name=login]").fill(member.email)
    form.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name="Iniciar sesión").click()

    expect(page).to_have_url(f"{live_url}/lecciones/{lesson.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Acuerdos de la mesa de diálogo de Tía María"
    )


def test_a_member_changes_the_password_and_thinks_better_of_a_new_address(page, live_url):
    member = MemberFactory(email="cuidadosa@example.org", full_name="Elena Chambilla")
    journeys.log_in(page, live_url, member.email)

    page.get_by_role("main").get_by_role("link", name="Cambiar mi contraseña").click()
    form = _account_form(page)
    form.locator("input[name=oldpassword]").fill(DEFAULT_PASSWORD)
    form.locator("input[name=password1]").fill(NEW_PASSWORD)
    form.locator("input[name=password2]").fill(NEW_PASSWORD)
    journeys.screenshot(page, "password-change")
    form.get_by_role("button", name="Cambiar mi contraseña").click()
    expect(page.locator(".messages")).to_contain_text("Contraseña cambiada")
    journeys.wait_for_mail(member.email, subject="contraseña")

    _change_email_from_my_space(page, live_url, new_email="equivocada@example.org")
    # Asked again at once: allauth sends at most one every three minutes, as the page says.
    expect(page.get_by_role("main")).to_contain_text("como máximo una confirmación cada tres")
    page.get_by_role("button", name="Enviar de nuevo la confirmación").click()
    expect(page.get_by_role("main")).to_contain_text("en espera de confirmación")
    assert len(journeys.mails_to("equivocada@example.org")) == 1
    page.get_by_role("button", name="Cancelar el cambio").click()
    expect(page.locator(".messages")).to_contain_text("equivocada@example.org eliminado")
    expect(page.get_by_role("main")).not_to_contain_text("en espera de confirmación")
    journeys.screenshot(page, "email-change-cancelled")

    # Her profile: a position, and English from now on.
    page.locator("nav.account-nav").get_by_role("link", name="Mi espacio").click()
    profile = (
        page.get_by_role("main")
        .locator("form[method=post]")
        .filter(has=page.locator("input[name=full_name]"))
    )
    profile.locator("input[name=position]").fill("Especialista ambiental")
    profile.locator("select[name=preferred_language]").select_option("en")
    profile.get_by_role("button", name="Guardar mi perfil").click()
    expect(page).to_have_url(f"{live_url}/en/miembros/")
    expect(page.locator(".messages")).to_contain_text("Your profile has been saved.")
    expect(page.get_by_role("main")).to_contain_text("Especialista ambiental")

    journeys.log_out(page)
    journeys.log_in(page, live_url, member.email, password=NEW_PASSWORD, next_url=None)
    # Logging in from the Spanish pages lands in "My space" in her language.
    expect(page).to_have_url(f"{live_url}/en/miembros/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Elena Chambilla")
