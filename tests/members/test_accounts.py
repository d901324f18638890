"""Accounts through allauth: login, rate limits, logout, closed signup, password reset without
account enumeration, e-mail confirmation, two-factor authentication and "My space"."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from members.models import User
from tests.factories import FacilitatorFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language():
    """Requests to /en/ pages leave English active in the thread: start and end in Spanish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


NEW_PASSWORD = "nueva-clave-de-Ilo-2026"


def es(message: str) -> str:
    """A message as a Spanish page or e-mail shows it (escaped as in HTML)."""
    with translation.override("es"):
        return escape(gettext(message))


def log_in(client, user, password, path="/cuentas/login/"):
    return client.post(path, {"login": user.email, "password": password})


def totp_code(secret: str) -> str:
    """The code of the current 30-second step. Close to the end of a step, wait for the next
    one: on a loaded machine the request could otherwise reach the check in the next step,
    where the code no longer counts (the portal allows no drift)."""
    left = 30 - time.time() % 30
    if left < 8:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def give_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def main_content(response) -> str:
    html = response.content.decode()
    html = html[html.index("<main") : html.index("</main>")]
    # The CSRF token differs from one response to the next.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s]+", message.body)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


# ---- Login and logout


def test_login_page_is_in_the_portal_layout_and_points_to_the_open_call(anon_client):
    response = anon_client.get("/cuentas/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="skip-link"' in html and 'class="site-header' in html
    assert 'name="login"' in html and 'type="password"' in html
    assert 'href="/unete/"' in html
    assert 'href="/cuentas/password/reset/"' in html
    assert "/cuentas/signup/" not in html


def test_login_with_email_lands_in_my_space(anon_client, member, password):
    response = log_in(anon_client, member, password)
    assert response.status_code == 302
    assert response["Location"] == "/miembros/"
    assert anon_client.get("/miembros/").status_code == 200


def test_login_is_case_insensitive_on_the_email(anon_client, member, password):
    response = anon_client.post(
        "/cuentas/login/", {"login": member.email.upper(), "password": password}
    )
    assert response.status_code == 302


def test_login_lands_in_the_preferred_language(anon_client, password):
    member = MemberFactory(preferred_language="en")
    response = log_in(anon_client, member, password)
    assert response["Location"] == "/en/miembros/"


def test_login_follows_next(anon_client, member, password):
    response = anon_client.post(
        "/cuentas/login/",
        {"login": member.email, "password": password, "next": "/miembros/directorio/"},
    )
    assert response["Location"] == "/miembros/directorio/"


def test_wrong_password_is_refused_with_a_clear_message(anon_client, member):
    response = log_in(anon_client, member, "no-es-la-clave", path="/en/cuentas/login/")
    assert response.status_code == 200
    assert (
        "The email address and/or password you specified are not correct."
        in response.content.decode()
    )
    assert not response.wsgi_request.user.is_authenticated


def test_sixth_wrong_password_is_refused_by_the_rate_limit(anon_client, member, password):
    for _attempt in range(5):
        response = log_in(anon_client, member, "no-es-la-clave", path="/en/cuentas/login/")
        assert "not correct" in response.content.decode()
    response = log_in(anon_client, member, "no-es-la-clave", path="/en/cuentas/login/")
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    # Even the right password is refused until the limit expires.
    response = log_in(anon_client, member, password, path="/en/cuentas/login/")
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert anon_client.get("/miembros/").status_code == 302


def test_inactive_account_cannot_log_in(anon_client, password):
    member = MemberFactory(is_active=False)
    response = anon_client.post(
        "/cuentas/login/", {"login": member.email, "password": password}, follow=True
    )
    assert response.redirect_chain == [("/cuentas/inactive/", 302)]
    assert "Esta cuenta ha sido desactivada" in main_content(response)
    assert anon_client.get("/miembros/").status_code == 302


def test_logout_by_get_only_asks_for_confirmation(member_client):
    response = member_client.get("/cuentas/logout/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post" action="/cuentas/logout/"' in html
    assert member_client.get("/miembros/").status_code == 200


def test_logout_by_post(member_client):
    response = member_client.post("/cuentas/logout/")
    assert response.status_code == 302
    dashboard = member_client.get("/miembros/")
    assert dashboard.status_code == 302
    assert dashboard["Location"].startswith("/cuentas/login/")


# ---- No open signup


def test_signup_is_closed_and_points_to_the_open_call(anon_client):
    response = anon_client.get("/en/cuentas/signup/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Registration is by invitation" in html
    assert 'href="/en/unete/"' in html
    assert 'type="password"' not in html


def test_signup_post_creates_nothing(anon_client):
    anon_client.post(
        "/cuentas/signup/",
        {"email": "intruso@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert not User.objects.filter(email="intruso@example.org").exists()


# ---- Password reset


def test_password_reset_does_not_reveal_whether_an_account_exists(anon_client, member):
    known = anon_client.post("/cuentas/password/reset/", {"email": member.email})
    unknown = Client().post("/cuentas/password/reset/", {"email": "nadie@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert main_content(anon_client.get(known["Location"])) == main_content(
        Client().get(unknown["Location"])
    )
    # The owner of each address is told by e-mail, whether they have an account or not.
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [member.email, "nadie@example.org"]
    )
    to_unknown = next(m for m in mail.outbox if m.to == ["nadie@example.org"])
    assert "/unete/" in to_unknown.body
    assert "/cuentas/password/reset/key/" not in to_unknown.body


def test_password_reset_pages_look_the_same_for_known_and_unknown_addresses(anon_client, member):
    form = anon_client.get("/cuentas/password/reset/")
    assert form.status_code == 200
    assert 'class="skip-link"' in form.content.decode()
    known = anon_client.post("/cuentas/password/reset/", {"email": member.email}, follow=True)
    unknown = Client().post("/cuentas/password/reset/", {"email": "x@example.org"}, follow=True)
    assert main_content(known) == main_content(unknown)


def test_password_reset_from_the_link(anon_client, member, password):
    anon_client.post("/cuentas/password/reset/", {"email": member.email})
    (message,) = mail.outbox
    reset_link = next(link for link in links_in(message) if "/password/reset/key/" in link)
    page = anon_client.get(path_of(reset_link), follow=True)
    assert page.status_code == 200
    assert 'class="skip-link"' in page.content.decode()
    form_path = page.redirect_chain[-1][0] if page.redirect_chain else path_of(reset_link)
    response = anon_client.post(
        form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not member.check_password(password)
    assert (
        Client()
        .post("/cuentas/login/", {"login": member.email, "password": NEW_PASSWORD})
        .status_code
        == 302
    )
    # The link works once.
    reused = Client().get("/en" + path_of(reset_link), follow=True)
    assert "This link no longer works" in reused.content.decode()
    assert 'name="password1"' not in reused.content.decode()


def test_password_reset_with_a_broken_link(anon_client):
    response = anon_client.get("/en/cuentas/password/reset/key/1-invalido/", follow=True)
    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()


def test_weak_new_password_is_refused(member_client, password):
    response = member_client.post(
        "/en/cuentas/password/change/",
        {"oldpassword": password, "password1": "corta", "password2": "corta"},
    )
    assert response.status_code == 200
    assert "This password is too short." in response.content.decode()


# ---- Security e-mails in the person's language


@pytest.mark.parametrize("language", ["es", "en"])
def test_security_emails_are_written_in_the_persons_language(language, password):
    member = MemberFactory(preferred_language=language)
    client = Client()
    log_in(client, member, password)
    # The page is in Spanish; the e-mail follows the person's preference.
    client.post(
        "/cuentas/password/change/",
        {"oldpassword": password, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert member.get_full_name() in message.body
    now = timezone.localtime()
    with translation.override("es"):
        spanish_month = date_format(now, "F")
    with translation.override("en"):
        english_month = date_format(now, "N")
    if language == "es":
        assert f"de {spanish_month} de" in message.body
    else:
        assert english_month in message.body
        assert spanish_month not in message.body


# ---- E-mail confirmation (mandatory verification)


def test_unverified_address_must_be_confirmed_before_logging_in(anon_client, password):
    person = MemberFactory(verified=False)
    response = log_in(anon_client, person, password)
    assert response.status_code == 302
    assert response["Location"] == "/cuentas/confirm-email/"
    sent = anon_client.get(response["Location"])
    assert 'class="skip-link"' in sent.content.decode()
    assert anon_client.get("/miembros/").status_code == 302

    (message,) = mail.outbox
    confirm_link = next(link for link in links_in(message) if "/confirm-email/" in link)
    page = anon_client.get(path_of(confirm_link))
    assert page.status_code == 200
    assert person.email in page.content.decode()
    anon_client.post(path_of(confirm_link))
    assert EmailAddress.objects.get(user=person).verified
    assert log_in(Client(), person, password)["Location"] == "/miembros/"


# ---- Two-factor authentication


def reauthenticate(client, password, next_path):
    """allauth asks for the password again before security changes."""
    response = client.get(next_path)
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/reauthenticate/")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'class="skip-link"' in page.content.decode()
    response = client.post(response["Location"], {"password": password})
    assert response["Location"] == next_path


def test_confirming_it_is_you_asks_for_the_password_and_offers_no_code_by_email(
    anon_client, member, password
):
    """The portal logs people in with their password only (no sign-in code by e-mail), so
    confirming it is you before a security change does not offer one either."""
    EmailAddress.objects.update_or_create(
        user=member, email=member.email, defaults={"verified": True, "primary": True}
    )
    log_in(anon_client, member, password)
    response = anon_client.get("/cuentas/2fa/totp/activate/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/cuentas/reauthenticate/")
    assert es("Confirm it is you") in html
    assert es("Send me a sign-in code") not in html
    assert "/cuentas/reauthenticate/code/" not in html
    # Nor by its address: nothing is sent.
    response = anon_client.post("/cuentas/reauthenticate/code/", {"email": member.email})
    assert response.status_code == 403
    assert not mail.outbox


def test_member_can_turn_on_two_factor_authentication(
    anon_client, member, password, django_capture_on_commit_callbacks
):
    log_in(anon_client, member, password)
    reauthenticate(anon_client, password, "/cuentas/2fa/totp/activate/")
    page = anon_client.get("/cuentas/2fa/totp/activate/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="skip-link"' in html
    assert 'src="data:image/svg+xml' in html
    secret = re.search(r"<code>([A-Z2-7=]+)</code>", html).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post("/cuentas/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    codes = anon_client.get(response["Location"], follow=True)
    assert codes.status_code == 200
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert es("Two-factor authentication turned on") in message.subject


def test_wrong_code_does_not_turn_on_two_factor(anon_client, member, password):
    log_in(anon_client, member, password)
    reauthenticate(anon_client, password, "/cuentas/2fa/totp/activate/")
    anon_client.get("/cuentas/2fa/totp/activate/")
    response = anon_client.post("/en/cuentas/2fa/totp/activate/", {"code": "000000"})
    assert response.status_code == 200
    assert not Authenticator.objects.filter(user=member).exists()


def test_login_asks_for_the_code_when_two_factor_is_on(anon_client, member, password):
    secret = give_totp(member)
    response = log_in(anon_client, member, password)
    assert response["Location"] == "/cuentas/2fa/authenticate/"
    page = anon_client.get("/cuentas/2fa/authenticate/")
    assert page.status_code == 200
    assert 'class="skip-link"' in page.content.decode()
    assert anon_client.get("/miembros/").status_code == 302

    wrong = anon_client.post("/cuentas/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200
    assert anon_client.get("/miembros/").status_code == 302

    right = anon_client.post("/cuentas/2fa/authenticate/", {"code": totp_code(secret)})
    assert right["Location"] == "/miembros/"
    assert anon_client.get("/miembros/").status_code == 200


def test_two_factor_page_offers_setup(member_client):
    response = member_client.get("/cuentas/2fa/")
    assert response.status_code == 200
    assert "/cuentas/2fa/totp/activate/" in response.content.decode()


# ---- My space


def test_my_space_shows_who_i_am_and_links_to_security(member_client, member):
    response = member_client.get("/miembros/")
    html = response.content.decode()
    assert member.full_name in html
    assert member.institution.name in html
    assert "/cuentas/password/change/" in html
    assert "/cuentas/2fa/" in html
    assert "/miembros/notificaciones/" in html
    assert "/miembros/directorio/" in html


def test_facilitator_without_two_factor_is_urged_to_set_it_up(facilitator_client):
    response = facilitator_client.get("/en/miembros/")
    assert "We recommend two-factor authentication" in response.content.decode()
    assert "/en/cuentas/2fa/totp/activate/" in response.content.decode()


def test_facilitator_with_two_factor_is_not_nagged(facilitator, facilitator_client):
    give_totp(facilitator)
    response = facilitator_client.get("/en/miembros/")
    assert "We recommend two-factor authentication" not in response.content.decode()


def test_member_is_offered_but_not_urged(member_client):
    html = member_client.get("/en/miembros/").content.decode()
    assert "We recommend two-factor authentication" not in html
    assert "/en/cuentas/2fa/" in html


def test_admin_dashboard_recommends_two_factor_to_facilitators(facilitator, facilitator_client):
    response = facilitator_client.get("/admin/")
    assert response.status_code == 200
    assert 'id="two-factor-recommendation-section"' in response.content.decode()
    give_totp(facilitator)
    response = facilitator_client.get("/admin/")
    assert 'id="two-factor-recommendation-section"' not in response.content.decode()


def test_profile_update(member_client, member):
    response = member_client.post(
        "/miembros/",
        {
            "full_name": "Julia Condori Flores",
            "position": "Coordinadora de proyectos",
            "preferred_language": "en",
            "wants_digest": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/miembros/"
    member.refresh_from_db()
    assert member.full_name == "Julia Condori Flores"
    assert member.position == "Coordinadora de proyectos"
    assert member.preferred_language == "en"
    assert member.wants_digest is True
    page = member_client.get(response["Location"])
    assert "Your profile has been saved." in page.content.decode()


def test_profile_needs_a_name(member_client, member):
    old_name = member.full_name
    response = member_client.post(
        "/en/miembros/", {"full_name": "", "position": "", "preferred_language": "es"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    member.refresh_from_db()
    assert member.full_name == old_name


def test_profile_cannot_change_institution_or_email(member_client, member):
    other = FacilitatorFactory()
    member_client.post(
        "/miembros/",
        {
            "full_name": "Julia",
            "position": "",
            "preferred_language": "es",
            "institution": other.institution.pk,
            "email": "otra@example.org",
        },
    )
    member.refresh_from_db()
    assert member.institution != other.institution
    assert member.email != "otra@example.org"


def test_roleless_person_sees_their_space_without_members_links():
    person = UserFactory()
    client = Client()
    client.force_login(person)
    html = client.get("/en/miembros/").content.decode()
    assert "has no role in the Community" in html
    assert "/miembros/directorio/" not in html


def test_login_from_english_pages_stays_in_english(anon_client, member, password):
    response = log_in(anon_client, member, password, path="/en/cuentas/login/")
    assert response["Location"] == "/en/miembros/"


def test_two_factor_management_pages(
    anon_client, member, password, django_capture_on_commit_callbacks
):
    """Recovery codes and turning two-factor off, all inside the portal's layout."""
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    secret = give_totp(member)
    RecoveryCodes.activate(member)
    log_in(anon_client, member, password)
    anon_client.post("/cuentas/2fa/authenticate/", {"code": totp_code(secret)})

    overview = anon_client.get("/en/cuentas/2fa/")
    assert overview.status_code == 200
    assert "Recovery codes" in overview.content.decode()

    reauthenticate(anon_client, password, "/cuentas/2fa/recovery-codes/")
    for path in [
        "/cuentas/2fa/recovery-codes/",
        "/cuentas/2fa/recovery-codes/generate/",
        "/cuentas/2fa/totp/deactivate/",
    ]:
        page = anon_client.get(path)
        assert page.status_code == 200, path
        assert 'class="skip-link"' in page.content.decode(), path
    codes = anon_client.get("/cuentas/2fa/recovery-codes/").content.decode()
    assert codes.count("<li><code>") == 10

    with django_capture_on_commit_callbacks(execute=True):
        response = anon_client.post("/cuentas/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    assert any(
        es("Two-factor authentication turned off") in message.subject for message in mail.outbox
    )
