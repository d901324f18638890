"""Who may open each page added for accounts: anonymous visitors, people without a role,
members and facilitators."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from tests.factories import FacilitatorFactory, InvitationFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language():
    """Requests to /en/ pages leave English active in the thread: start and end in Spanish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


ROLES = ["anonymous", "roleless", "member", "facilitator"]


@pytest.fixture
def client_for():
    def make(role):
        client = Client()
        user = {
            "anonymous": lambda: None,
            "roleless": UserFactory,
            "member": MemberFactory,
            "facilitator": FacilitatorFactory,
        }[role]()
        if user is not None:
            client.force_login(user)
        return client

    return make


def login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/cuentas/login/")


# url -> expected outcome per role: an HTTP status, or "login" for a redirect to log in.
MEMBER_PAGES = {
    "/miembros/": {"anonymous": "login", "roleless": 200, "member": 200, "facilitator": 200},
    "/miembros/directorio/": {
        "anonymous": "login",
        "roleless": 404,
        "member": 200,
        "facilitator": 200,
    },
    "/miembros/notificaciones/": {
        "anonymous": "login",
        "roleless": 200,
        "member": 200,
        "facilitator": 200,
    },
    "/cuentas/2fa/": {"anonymous": "login", "roleless": 200, "member": 200, "facilitator": 200},
    "/cuentas/password/change/": {
        "anonymous": "login",
        "roleless": 200,
        "member": 200,
        "facilitator": 200,
    },
    "/cuentas/email/": {"anonymous": "login", "roleless": 200, "member": 200, "facilitator": 200},
    # Public account pages.
    "/cuentas/login/": {"anonymous": 200},
    "/cuentas/signup/": {"anonymous": 200, "member": 200},
    "/cuentas/password/reset/": {"anonymous": 200},
}


@pytest.mark.parametrize(
    ("url", "role", "expected"),
    [
        (url, role, expected)
        for url, rules in MEMBER_PAGES.items()
        for role, expected in rules.items()
    ],
)
def test_member_pages(client_for, url, role, expected):
    response = client_for(role).get(url)
    if expected == "login":
        assert login_redirect(response), (response.status_code, response.get("Location"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_security_changes_need_a_login_and_then_the_password_again(client_for, role):
    response = client_for(role).get("/cuentas/2fa/totp/activate/")
    assert response.status_code == 302
    expected = "/cuentas/login/" if role == "anonymous" else "/cuentas/reauthenticate/"
    assert response["Location"].startswith(expected)


@pytest.mark.parametrize("role", ROLES)
def test_invitation_link_works_for_its_invitee_only_when_logged_out(client_for, role):
    invitation = InvitationFactory()
    response = client_for(role).get(f"/miembros/invitacion/{invitation.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    if role == "anonymous":
        assert 'name="password1"' in html
    else:
        assert 'name="password1"' not in html
        assert 'action="/cuentas/logout/"' in html


# ---- The Wagtail admin: facilitators only


def admin_urls():
    invitation = InvitationFactory()
    pk = invitation.pk
    return [
        "/admin/",
        "/admin/invitations/",
        "/admin/invitations/new/",
        f"/admin/invitations/edit/{pk}/",
        f"/admin/invitations/resend/{pk}/",
        f"/admin/invitations/revoke/{pk}/",
    ]


@pytest.mark.parametrize("role", ["anonymous", "roleless", "member"])
def test_admin_is_closed_to_everyone_but_facilitators(client_for, role):
    client = client_for(role)
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            assert not response["Location"].startswith("/admin/"), url


@pytest.mark.parametrize("role", ["roleless", "member"])
def test_non_facilitators_cannot_act_on_invitations(client_for, role):
    invitation = InvitationFactory()
    client = client_for(role)
    client.post(f"/admin/invitations/revoke/{invitation.pk}/")
    client.post(
        "/admin/invitations/new/",
        {
            "email": "colado@example.org",
            "institution": invitation.institution.pk,
            "role": "member",
            "language": "es",
        },
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert not invitation.__class__.objects.filter(email="colado@example.org").exists()


def test_facilitator_reaches_every_invitation_page(client_for):
    client = client_for("facilitator")
    for url in admin_urls():
        assert client.get(url).status_code == 200, url


def test_facilitator_cannot_delete_invitations(client_for):
    invitation = InvitationFactory()
    response = client_for("facilitator").post(f"/admin/invitations/delete/{invitation.pk}/")
    assert response.status_code in (302, 403)
    assert invitation.__class__.objects.filter(pk=invitation.pk).exists()


@pytest.mark.parametrize("role", ["roleless", "member"])
def test_member_opening_the_admin_gets_a_clear_page_not_a_redirect_loop(client_for, role):
    response = client_for(role).get("/admin/", follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) == 1
    html = response.content.decode()
    assert 'class="skip-link"' in html
    assert "/miembros/" in html
    assert "wagtail" not in response.redirect_chain[-1][0]
