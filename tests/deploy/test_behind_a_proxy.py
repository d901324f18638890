"""Behind the reverse proxy: the portal believes the proxy's headers only as far as the
"BEHIND A PROXY" settings say, and tells clients apart by the address the proxy reports,
so that one client's failed logins do not lock out everyone else behind the same proxy."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.deploy.conftest import SettingsRefused, settings_in_a_fresh_process

NAMES = ("ALLAUTH_TRUSTED_PROXY_COUNT", "SECURE_PROXY_SSL_HEADER", "USE_X_FORWARDED_HOST")
PRODUCTION = {"DEBUG": "False", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "comunidad.example.org"}
PROXY_ADDRESS = "10.0.0.2"  # where every request comes from, behind the proxy
TOO_MANY = "Too many failed login attempts"


def test_defaults_trust_no_forwarded_address(tmp_path):
    development = settings_in_a_fresh_process(tmp_path, *NAMES)
    assert development == {
        "ALLAUTH_TRUSTED_PROXY_COUNT": 0,
        "SECURE_PROXY_SSL_HEADER": None,
        "USE_X_FORWARDED_HOST": False,
    }
    # With DEBUG off the portal is behind a TLS proxy: its X-Forwarded-Proto is believed.
    production = settings_in_a_fresh_process(tmp_path, *NAMES, **PRODUCTION)
    assert production["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0
    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_the_proxy_settings_come_from_the_environment(tmp_path):
    values = settings_in_a_fresh_process(
        tmp_path,
        *NAMES,
        **PRODUCTION,
        ALLAUTH_TRUSTED_PROXY_COUNT="2",
        SECURE_PROXY_SSL_HEADER="False",
        USE_X_FORWARDED_HOST="True",
    )
    assert values == {
        "ALLAUTH_TRUSTED_PROXY_COUNT": 2,
        "SECURE_PROXY_SSL_HEADER": None,
        "USE_X_FORWARDED_HOST": True,
    }
    with pytest.raises(SettingsRefused, match="ALLAUTH_TRUSTED_PROXY_COUNT cannot be negative"):
        settings_in_a_fresh_process(tmp_path, *NAMES, ALLAUTH_TRUSTED_PROXY_COUNT="-1")


def failed_login(client, forwarded_for: str, attempt: int) -> str:
    with translation.override("en"):
        url = reverse("account_login")
    response = client.post(
        url,
        # A new address each time: only the per-client limit applies, not the per-account one.
        {"login": f"nadie{attempt}@example.org", "password": "not-the-password"},
        REMOTE_ADDR=PROXY_ADDRESS,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_behind_one_proxy_failed_logins_count_per_client(settings, anon_client):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for attempt in range(5):
        assert TOO_MANY not in failed_login(anon_client, "203.0.113.1", attempt)

    # The same client again, even with a made-up address in front of the proxy's entry.
    assert TOO_MANY in failed_login(anon_client, "198.51.100.99, 203.0.113.1", 5)
    # Someone else behind the same proxy may still try.
    assert TOO_MANY not in failed_login(anon_client, "203.0.113.2", 6)


@pytest.mark.django_db
def test_with_no_proxy_trusted_a_forged_forwarded_address_does_not_dodge_the_limit(
    anon_client,
):
    for attempt in range(5):
        failed_login(anon_client, f"198.51.100.{attempt}", attempt)

    assert TOO_MANY in failed_login(anon_client, "198.51.100.200", 5)
