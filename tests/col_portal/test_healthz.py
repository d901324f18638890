"""/healthz: what the container health checks and load balancers poll."""

from unittest import mock

import pytest
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db

URL = "/healthz"


def test_healthy_portal_answers_200_with_json(anon_client):
    response = anon_client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_cache_failure_answers_503(anon_client):
    with mock.patch("col_portal.views.cache") as cache:
        cache.set.side_effect = ConnectionError("redis is down")
        response = anon_client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "cache": "error"}}


def test_cache_that_forgets_answers_503(anon_client):
    with mock.patch("col_portal.views.cache") as cache:
        cache.get.return_value = None
        response = anon_client.get(URL)

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


def test_database_failure_answers_503(anon_client):
    with mock.patch("col_portal.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("could not connect to server")
        response = anon_client.get(URL)

    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "error", "cache": "ok"}}


def test_only_get_is_allowed(anon_client):
    assert anon_client.post(URL).status_code == 405


def test_not_redirected_to_https_so_plain_http_probes_work(anon_client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

    assert anon_client.get(URL).status_code == 200
    # Any other page is redirected, so the exemption is what lets the probe through.
    assert anon_client.get("/").status_code == 301
