"""The pieces that keep the portal up when a service is not: the cache that works as an
empty cache while Redis is unreachable, and the 503 page for a database outage."""

import logging
import threading
import time

import pytest
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory

from col_portal import cache as cache_module
from col_portal.cache import ResilientRedisCache
from col_portal.views import server_error
from tests.faults.conftest import free_port, wait_until


def resilient_cache(url: str) -> ResilientRedisCache:
    return ResilientRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2}})


def test_an_unreachable_redis_is_an_empty_cache_that_keeps_nothing(caplog):
    cache = resilient_cache(f"redis://127.0.0.1:{free_port()}/0")  # nobody listens there
    with caplog.at_level(logging.WARNING, logger="col_portal.cache"):
        assert cache.get("lessons", "computed again") == "computed again"
        cache.set("lessons", [1, 2, 3])
        assert cache.get("lessons") is None
        assert cache.get_or_set("facets", lambda: {"agua": 3}) == {"agua": 3}
        assert cache.add("lock", True) is True  # nobody waits on a lock that cannot exist
        assert cache.get_many(["a", "b"]) == {}
        assert cache.has_key("lessons") is False
        assert cache.delete("lessons") is False
        cache.set_many({"a": 1})
        cache.delete_many(["a"])
        with pytest.raises(ValueError):
            cache.incr("hits")
    # An outage is visible in the log, without one line per cache call.
    warnings = [record for record in caplog.records if record.name == "col_portal.cache"]
    assert len(warnings) <= 1


@pytest.fixture
def short_rest(monkeypatch):
    monkeypatch.setattr(cache_module, "RETRY_INTERVAL", 1.0)


def count_redis_calls(cache, monkeypatch) -> list:
    calls = []
    get_client = cache._cache.get_client

    def counting(*args, **kwargs):
        calls.append(args)
        return get_client(*args, **kwargs)

    monkeypatch.setattr(cache._cache, "get_client", counting)
    return calls


def test_the_cache_works_again_when_redis_comes_back(private_redis, short_rest, monkeypatch):
    cache = resilient_cache(private_redis.url)
    cache.set("figure", 42)
    assert cache.get("figure") == 42
    private_redis.kill()
    assert cache.get("figure", "miss") == "miss"
    # After a failure the process leaves Redis alone for a moment: no call waits on it.
    calls = count_redis_calls(cache, monkeypatch)
    cache.set("figure", 43)
    assert cache.get("figure") is None
    assert calls == []
    private_redis.start()

    def back() -> bool:
        cache.set("figure", 44)
        return cache.get("figure") == 44

    wait_until(back, timeout=15, interval=0.2, what="the cache to use Redis again")


def test_a_hung_redis_holds_a_call_for_one_socket_timeout_only(
    private_redis, short_rest, monkeypatch
):
    cache = resilient_cache(private_redis.url)
    cache.set("figure", 42)
    private_redis.pause()
    try:
        answers = []
        started = time.monotonic()
        reader = threading.Thread(target=lambda: answers.append(cache.get("figure", "miss")))
        reader.start()
        reader.join(timeout=15)
        assert not reader.is_alive(), "a cache call waited on a hung Redis"
        assert answers == ["miss"]
        print(f"\nHung Redis: a cache call gave up after {time.monotonic() - started:.2f}s")
        calls = count_redis_calls(cache, monkeypatch)
        assert cache.get("figure", "miss") == "miss"
        assert calls == []  # the next calls do not wait again
    finally:
        private_redis.resume()
    wait_until(lambda: cache.get("figure") == 42, timeout=15, interval=0.2, what="Redis to answer")


@pytest.fixture
def portal_with_a_broken_page(settings):
    settings.ROOT_URLCONF = "tests.faults.urls"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/fallo/base-de-datos/", "The portal is temporarily unavailable"),
        ("/fallo/base-de-datos/", "503"),
    ],
)
def test_a_database_outage_shows_the_friendly_503_page(
    portal_with_a_broken_page, caplog, path, text
):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert text in body
    assert 'class="page-error"' in body and "Traceback" not in body
    assert any(
        "Database unavailable for GET" in record.getMessage()
        and "OperationalError" in record.getMessage()
        for record in caplog.records
    )


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InterfaceError("connection already closed"), 503),
        (OperationalError("the database system is shutting down"), 503),
        (ValueError("a bug"), 500),
    ],
)
def test_errors_outside_views_get_the_503_only_for_a_database_outage(error, status):
    """handler500 runs for exceptions raised in middleware (e.g. saving a session)."""
    request = RequestFactory().get("/")
    try:
        raise error
    except Exception:
        response = server_error(request)
    assert response.status_code == status
    assert ("Retry-After" in response) == (status == 503)
