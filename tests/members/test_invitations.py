"""Invitations: a facilitator invites from the Wagtail admin, the invitee creates their
account from the link; broken, expired, revoked and reused links get a clear page."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from members import roles, services
from members.models import Invitation, Notification, User
from tests.factories import InstitutionFactory, InvitationFactory, MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language():
    """Requests to /en/ pages leave English active in the thread: start and end in Spanish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


STRONG_PASSWORD = "cobre-y-agua-de-Moquegua-2026"
LINK = re.compile(r"https?://[^\s\"<>]+/miembros/invitacion/[\w-]+/")


def es(message: str) -> str:
    """A message as a Spanish page or e-mail shows it (escaped as in HTML)."""
    with translation.override("es"):
        return escape(gettext(message))


def accept_data(**overrides):
    data = {
        "full_name": "Rosa Quispe Mamani",
        "position": "Especialista ambiental",
        "preferred_language": "es",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
    }
    data.update(overrides)
    return data


def invite(facilitator_client, institution, capture, **overrides):
    data = {
        "email": "Rosa.Quispe@Example.org",
        "full_name": "Rosa Quispe",
        "institution": institution.pk,
        "position": "Especialista ambiental",
        "role": "member",
        "message": "Te esperamos en el próximo taller sobre el agua.",
        "language": "es",
    }
    data.update(overrides)
    with capture(execute=True):
        return facilitator_client.post("/admin/invitations/new/", data)


def accept_path(invitation, language="es") -> str:
    prefix = "" if language == "es" else f"/{language}"
    return f"{prefix}/miembros/invitacion/{invitation.token}/"


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


# ---- End to end


def test_invitation_from_admin_to_member_account(
    facilitator, facilitator_client, django_capture_on_commit_callbacks
):
    institution = InstitutionFactory(name="Mesa de Concertación de Lucha Contra la Pobreza")
    response = invite(facilitator_client, institution, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    # The e-mail: to the invitee, with the institution, the message, the link and its expiry.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rosa.quispe@example.org"]
    assert "Mesa de Concertación de Lucha Contra la Pobreza" in message.body
    assert "Te esperamos en el próximo taller" in message.body
    invitation = Invitation.objects.get()
    expiry = timezone.localtime(invitation.expires_at)
    assert str(expiry.year) in message.body
    url = link_in(message)
    assert url.endswith(f"/miembros/invitacion/{invitation.token}/")
    assert invitation.invited_by == facilitator

    # The invitee opens the link: a form with their name already filled in.
    invitee = Client()
    page = invitee.get(path_of(url))
    assert page.status_code == 200
    assert "Mesa de Concertación de Lucha Contra la Pobreza" in page.content.decode()
    assert 'value="Rosa Quispe"' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = invitee.post(path_of(url), accept_data(), follow=True)
    assert response.redirect_chain[-1][0] == "/miembros/"
    assert (
        es("Welcome to the Community, %(name)s! Your account is ready.") % {"name": "Rosa"}
        in response.content.decode()
    )
    assert response.context["user"].is_authenticated

    user = User.objects.get(email="rosa.quispe@example.org")
    assert user.full_name == "Rosa Quispe Mamani"
    assert user.position == "Especialista ambiental"
    assert user.institution == institution
    assert roles.is_member(user) and not roles.is_facilitator(user)
    assert user.check_password(STRONG_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.user == user

    # The facilitator hears that the invitation was accepted.
    assert Notification.objects.filter(recipient=facilitator, kind="invitation_accepted").exists()
    assert mail.outbox[-1].to == [facilitator.email]

    # The new member can log in with the password they chose.
    again = Client()
    login = again.post(
        "/cuentas/login/", {"login": "rosa.quispe@example.org", "password": STRONG_PASSWORD}
    )
    assert login.status_code == 302 and login["Location"] == "/miembros/"

    # The link works once.
    reused = Client().get("/en" + path_of(url))
    assert reused.status_code == 410
    assert "This invitation has already been used" in reused.content.decode()
    reused_post = Client().post(path_of(url), accept_data(full_name="Otra Persona"))
    assert reused_post.status_code == 410
    assert User.objects.filter(email="rosa.quispe@example.org").count() == 1


def test_english_invitation_links_to_the_english_page(
    facilitator_client, institution, django_capture_on_commit_callbacks
):
    invite(facilitator_client, institution, django_capture_on_commit_callbacks, language="en")
    message = mail.outbox[0]
    url = link_in(message)
    assert "/en/miembros/invitacion/" in url
    html_body, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="en">' in html_body
    assert f'href="{url}"' in html_body
    page = Client().get(path_of(url))
    assert page.status_code == 200
    assert '<html lang="en"' in page.content.decode()


def test_english_speaker_lands_on_english_dashboard(anon_client):
    invitation = InvitationFactory()
    response = anon_client.post(
        accept_path(invitation), accept_data(preferred_language="en"), follow=True
    )
    assert response.redirect_chain[-1][0] == "/en/miembros/"
    assert User.objects.get(email=invitation.email).preferred_language == "en"


# ---- Bad links and bad input


def test_unknown_token_gets_a_clear_404(anon_client):
    response = anon_client.get("/en/miembros/invitacion/no-existe-este-enlace/")
    assert response.status_code == 404
    assert "We do not recognise this invitation link" in response.content.decode()


def test_expired_link_is_refused_and_creates_nothing(anon_client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(minutes=1))
    response = anon_client.get(accept_path(invitation, "en"))
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    response = anon_client.post(accept_path(invitation), accept_data())
    assert response.status_code == 410
    assert not User.objects.filter(email=invitation.email).exists()


def test_revoked_link_is_refused_and_creates_nothing(anon_client):
    invitation = InvitationFactory(revoked_at=timezone.now())
    response = anon_client.post(accept_path(invitation, "en"), accept_data())
    assert response.status_code == 410
    assert "This invitation has been withdrawn" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


@pytest.mark.parametrize(
    ("password", "error"),
    [
        ("corta", "This password is too short."),
        ("password123", "This password is too common."),
        ("8472910365012", "This password is entirely numeric."),
    ],
)
def test_weak_password_shows_the_error_and_creates_nothing(anon_client, password, error):
    invitation = InvitationFactory()
    response = anon_client.post(
        accept_path(invitation, "en"), accept_data(password1=password, password2=password)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()
    assert not EmailAddress.objects.filter(email=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_password_like_the_email_is_refused(anon_client):
    invitation = InvitationFactory(email="rosa.quispe.mamani@example.org")
    response = anon_client.post(
        accept_path(invitation, "en"),
        accept_data(password1="rosa.quispe.mamani", password2="rosa.quispe.mamani"),
    )
    assert "too similar" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_passwords_that_differ_are_refused(anon_client):
    invitation = InvitationFactory()
    response = anon_client.post(
        accept_path(invitation, "en"), accept_data(password2="otra-clave-muy-distinta")
    )
    assert "The two passwords do not match." in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()


def test_empty_name_is_refused(anon_client):
    invitation = InvitationFactory()
    response = anon_client.post(accept_path(invitation), accept_data(full_name="   "))
    assert response.status_code == 200
    assert not User.objects.filter(email=invitation.email).exists()


def test_accepting_twice_creates_one_account():
    invitation = InvitationFactory()
    services.invitation_accept(
        invitation=invitation,
        full_name="Rosa Quispe",
        password=STRONG_PASSWORD,
        preferred_language="es",
    )
    with pytest.raises(services.InvitationUnusable) as error:
        services.invitation_accept(
            invitation=invitation,
            full_name="Rosa Quispe",
            password=STRONG_PASSWORD,
            preferred_language="es",
        )
    assert error.value.reason == "accepted"
    assert User.objects.filter(email=invitation.email).count() == 1


def test_logged_in_person_is_asked_to_log_out_first(member_client, member):
    invitation = InvitationFactory()
    response = member_client.get(accept_path(invitation, "en"))
    assert response.status_code == 200
    assert "log out first to accept it" in response.content.decode()
    response = member_client.post(accept_path(invitation), accept_data())
    assert not User.objects.filter(email=invitation.email).exists()


# ---- Creating, resending and revoking


def test_cannot_invite_an_address_that_has_an_account(
    facilitator_client, member, django_capture_on_commit_callbacks
):
    response = invite(
        facilitator_client,
        member.institution,
        django_capture_on_commit_callbacks,
        email=member.email.upper(),
    )
    assert response.status_code == 200
    assert es("There is already an account with this e-mail address.") in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        services.invitation_create(
            email=member.email, institution=member.institution, invited_by=None
        )


def test_new_invitation_replaces_a_pending_one(facilitator, institution):
    first = services.invitation_create(
        email="ana@example.org", institution=institution, invited_by=facilitator
    )
    second = services.invitation_create(
        email="ANA@example.org", institution=institution, invited_by=facilitator
    )
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert second.is_usable


def test_facilitator_cannot_invite_a_facilitator(
    facilitator_client, institution, django_capture_on_commit_callbacks
):
    invite(facilitator_client, institution, django_capture_on_commit_callbacks, role="facilitator")
    assert Invitation.objects.get().role == "member"


def test_administrator_can_invite_a_facilitator(institution, django_capture_on_commit_callbacks):
    administrator = MemberFactory(role="administrator")
    client = Client()
    client.force_login(administrator)
    invite(client, institution, django_capture_on_commit_callbacks, role="facilitator")
    invitation = Invitation.objects.get()
    assert invitation.role == "facilitator"
    user = services.invitation_accept(
        invitation=invitation,
        full_name="Nueva Facilitadora",
        password=STRONG_PASSWORD,
        preferred_language="es",
    )
    assert roles.is_facilitator(user)


def test_admin_listing_shows_the_status_of_each_invitation(facilitator_client):
    InvitationFactory(email="pendiente@example.org")
    InvitationFactory(email="caducada@example.org", expires_at=timezone.now() - timedelta(days=1))
    InvitationFactory(email="revocada@example.org", revoked_at=timezone.now())
    InvitationFactory(email="aceptada@example.org", accepted_at=timezone.now())
    response = facilitator_client.get("/admin/invitations/")
    assert response.status_code == 200
    html = response.content.decode()
    for email in ["pendiente@", "caducada@", "revocada@", "aceptada@"]:
        assert email in html
    for status in ["Pending", "Expired", "Revoked", "Accepted"]:
        assert es(status) in html


def test_resend_from_admin_sends_the_link_again_and_renews_it(
    facilitator_client, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(days=1))
    page = facilitator_client.get(f"/admin/invitations/resend/{invitation.pk}/")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(
            f"/admin/invitations/resend/{invitation.pk}/", {"language": "es"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    invitation.refresh_from_db()
    assert invitation.is_usable
    assert Client().get(accept_path(invitation)).status_code == 200


def test_revoke_from_admin_stops_the_link(facilitator_client):
    invitation = InvitationFactory()
    page = facilitator_client.get(f"/admin/invitations/revoke/{invitation.pk}/")
    assert page.status_code == 200
    assert invitation.email in page.content.decode()
    response = facilitator_client.post(f"/admin/invitations/revoke/{invitation.pk}/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert Client().get(accept_path(invitation)).status_code == 410


def test_accepted_invitation_cannot_be_resent_or_revoked(facilitator_client):
    invitation = InvitationFactory(accepted_at=timezone.now())
    response = facilitator_client.post(
        f"/admin/invitations/resend/{invitation.pk}/", {"language": "es"}, follow=True
    )
    assert es("This invitation has already been accepted.") in response.content.decode()
    response = facilitator_client.post(f"/admin/invitations/revoke/{invitation.pk}/", follow=True)
    assert es("This invitation has already been accepted.") in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert mail.outbox == []


def test_accepting_locks_the_invitation_row():
    """A double submit waits on the lock, then finds the invitation used (as tested above)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if not connection.features.has_select_for_update:
        pytest.skip("this database has no row locks; it runs one writer at a time")
    invitation = InvitationFactory()
    with CaptureQueriesContext(connection) as queries:
        services.invitation_accept(
            invitation=invitation,
            full_name="Rosa Quispe",
            password=STRONG_PASSWORD,
            preferred_language="es",
        )
    locking = [q["sql"] for q in queries if "FOR UPDATE" in q["sql"]]
    assert locking and '"members_invitation"' in locking[0]


def test_facilitator_corrects_a_pending_invitation(facilitator_client):
    invitation = InvitationFactory(position="")
    page = facilitator_client.get(f"/admin/invitations/edit/{invitation.pk}/")
    assert page.status_code == 200
    assert "/admin/invitations/resend/" in page.content.decode()
    response = facilitator_client.post(
        f"/admin/invitations/edit/{invitation.pk}/",
        {
            "full_name": "Rosa Quispe Mamani",
            "institution": invitation.institution.pk,
            "position": "Regidora",
            "message": "",
        },
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.position == "Regidora"
    assert invitation.full_name == "Rosa Quispe Mamani"
