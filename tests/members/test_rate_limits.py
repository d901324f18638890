"""The rate limits of the accounts pages actually trigger: failed logins per address,
password reset links per address asked for (with a page that says what to do), and the open
call's form (tests/members/test_applications.py). Comments: tests/themes."""

import pytest
from django.core import mail
from django.test import Client

from tests.factories import MemberFactory
from tests.factories.members import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/cuentas/login/"
RESET = "/en/cuentas/password/reset/"
TOO_MANY_LOGINS = "Too many failed login attempts. Try again later."


def test_failed_logins_from_one_address_are_limited_across_accounts():
    """Guessing passwords of many accounts from one address is stopped too."""
    accounts = MemberFactory.create_batch(6)
    attacker = Client(REMOTE_ADDR="203.0.113.50")
    for account in accounts[:5]:
        response = attacker.post(LOGIN, {"login": account.email, "password": "adivinanza-1"})
        assert "not correct" in response.content.decode()

    response = attacker.post(LOGIN, {"login": accounts[5].email, "password": "adivinanza-1"})
    assert TOO_MANY_LOGINS in response.content.decode()
    # Even the right password is refused from that address for now...
    response = attacker.post(LOGIN, {"login": accounts[5].email, "password": DEFAULT_PASSWORD})
    assert TOO_MANY_LOGINS in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    # ... while the account's owner, elsewhere, logs in.
    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = owner.post(LOGIN, {"login": accounts[5].email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def test_password_reset_links_for_one_address_are_limited():
    member = MemberFactory()
    client = Client(REMOTE_ADDR="203.0.113.60")
    for _attempt in range(5):
        response = client.post(RESET, {"email": member.email})
        assert response.status_code == 302
    assert len(mail.outbox) == 5

    response = client.post(RESET, {"email": member.email})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many attempts" in page
    assert "check your inbox and your spam folder" in page
    assert len(mail.outbox) == 5
    # Another address may still ask for its link.
    other = MemberFactory()
    assert client.post(RESET, {"email": other.email}).status_code == 302
    assert len(mail.outbox) == 6


def test_password_reset_requests_from_one_address_are_limited():
    """Asking for links for many addresses from one place stops at 10 a minute."""
    client = Client(REMOTE_ADDR="203.0.113.61")
    for number in range(10):
        response = client.post(RESET, {"email": f"nadie{number}@example.org"})
        assert response.status_code == 302

    response = client.post(RESET, {"email": "nadie-mas@example.org"})

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_wrong_passwords_for_one_account_from_one_address_do_not_lock_its_owner_out():
    """Anyone who knows a facilitator's address could otherwise keep them out of the
    portal by sending wrong passwords for it every few minutes."""
    owner = MemberFactory()
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    for attempt in range(12):
        attacker.post(LOGIN, {"login": owner.email, "password": f"adivinanza-{attempt}"})
    # The attacker's address is stopped...
    refused = attacker.post(LOGIN, {"login": owner.email, "password": DEFAULT_PASSWORD})
    assert TOO_MANY_LOGINS in refused.content.decode()
    assert not refused.wsgi_request.user.is_authenticated

    # ... and the owner, from their own address, logs in as usual.
    response = Client(REMOTE_ADDR="198.51.100.23").post(
        LOGIN, {"login": owner.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == owner


def test_guessing_one_accounts_password_from_one_address_stays_bounded():
    owner = MemberFactory()
    attacker = Client(REMOTE_ADDR="203.0.113.67")
    answers = [
        attacker.post(LOGIN, {"login": owner.email, "password": f"adivinanza-{n}"})
        for n in range(7)
    ]

    refused = [TOO_MANY_LOGINS in answer.content.decode() for answer in answers]
    assert refused == [False] * 5 + [True] * 2
