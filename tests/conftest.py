import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory, UserFactory
from tests.factories.members import DEFAULT_PASSWORD


def worker_redis_url(url: str, worker: str) -> str:
    """The Redis database of one pytest-xdist worker: gwN uses the database N above the one
    REDIS_URL names (modulo Redis's 16), so that a test's cache.clear(), which empties the
    whole database (FLUSHDB), never empties another worker's cache, sessions, rate limits
    or page cache. The controller and a run without -n keep REDIS_URL as it is."""
    number = re.fullmatch(r"gw(\d+)", worker or "")
    if not url or number is None:
        return url
    head, _, tail = url.partition("://")
    netloc, _, rest = tail.partition("/")
    path, query_mark, query = rest.partition("?")
    base = int(path) if path.isdigit() else 0
    database = (base + int(number.group(1))) % 16
    return f"{head}://{netloc}/{database}{query_mark}{query}"


def pytest_configure(config):
    """Each xdist worker gets its own Redis database (the settings were loaded before the
    conftests, so the cache handlers are reset as override_settings does). Subprocesses the
    worker starts with REDIS_URL from os.environ (tests/deploy) share that database."""
    import django.test.signals  # noqa: F401  (connects the handler that resets the caches)
    from django.core.signals import setting_changed

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    redis_url = os.environ.get("REDIS_URL", "")
    own = worker_redis_url(redis_url, worker)
    if own == redis_url:
        return
    os.environ["REDIS_URL"] = own
    settings.REDIS_URL = own
    settings.CACHES["default"]["LOCATION"] = own
    setting_changed.send(sender=None, setting="CACHES", value=settings.CACHES, enter=True)


TESTS_DIR = Path(__file__).resolve().parent
# Tests that start servers of their own (gunicorn, a private Redis, a private PostgreSQL
# cluster, two web processes) on free loopback ports: under pytest-xdist (--dist loadgroup,
# as `make test` runs) they all run on one worker, one after the other, so that two of them
# never race for a port or share the machine's two cores, while the other workers go on
# with the rest of the suite.
SERVER_TEST_DIRS = (TESTS_DIR / "faults", TESTS_DIR / "deploy")


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(
        "transactional_db" in fixtures
        or "live_server" in fixtures
        or (marker is not None and marker.kwargs.get("transaction"))
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        parents = Path(str(item.fspath)).resolve().parents
        if any(folder in parents for folder in SERVER_TEST_DIRS):
            item.add_marker(pytest.mark.xdist_group("servers"))
        # Every transactional test restores the migrations' data (groups, home page, site)
        # that the test before it emptied. Without that, a transactional test flushes the
        # database, post_migrate recreates the content types with new ids, and the next
        # browser test cannot restore its snapshot (UNIQUE constraint failed); under
        # pytest-xdist any transactional test may run before the browser tests on a worker.
        fixtures = getattr(item, "fixturenames", None)
        if (
            _transactional(item)
            and fixtures is not None
            and "django_db_serialized_rollback" not in fixtures
        ):
            fixtures.append("django_db_serialized_rollback")


# ---- Form coverage (tests/e2e/form_coverage.py): each worker hands the forms its crawl
# found and the POSTs its browsers made to the controller, which checks them at the end.

_COLLECTED_IDS: list[str] = []


def pytest_collection_finish(session):
    _COLLECTED_IDS.extend(item.nodeid for item in session.items)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node, ids):
    if not _COLLECTED_IDS:  # every worker collects the same tests
        _COLLECTED_IDS.extend(ids)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    from tests.e2e import form_coverage

    output = getattr(node, "workeroutput", {}).get("form_coverage")
    if output:
        form_coverage.merge(output)


def pytest_sessionfinish(session, exitstatus):
    from tests.e2e import form_coverage

    config = session.config
    if hasattr(config, "workerinput"):  # an xdist worker: the controller checks
        config.workeroutput["form_coverage"] = form_coverage.worker_output()
        return
    if not form_coverage.whole_suite_ran(config, _COLLECTED_IDS):
        return
    found = form_coverage.problems()
    config.stash[_FORM_PROBLEMS] = found
    if found and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_FORM_PROBLEMS = pytest.StashKey[list]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    found = config.stash.get(_FORM_PROBLEMS, [])
    if found:
        terminalreporter.section("forms no browser journey submits", red=True)
        for line in found:
            terminalreporter.line(f"FAILED form coverage: {line}", red=True)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments live in the cache: each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request to an /en/ page leaves English active in the thread: start each test in
    # the portal's default language, as a visitor would.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashers take most of a test's time when it creates accounts; none is tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def without_page_cache(settings):
    """For query budgets of anonymous pages: they measure the rendering, which the
    anonymous page cache (col_portal.page_cache) would skip on a repeated request."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def served_at(settings, monkeypatch):
    """served_at("https://comunidad.example.pe"): the test clients' requests go to that
    scheme and host (allowed in ALLOWED_HOSTS), as a browser's would to a portal served
    there. Links made in a request name that address; SITE_URL is left alone."""

    def serve(url: str) -> str:
        parts = urlsplit(url)
        secure = parts.scheme == "https"
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, parts.hostname]
        environ = {
            "SERVER_NAME": parts.hostname,
            "SERVER_PORT": str(parts.port or (443 if secure else 80)),
            "wsgi.url_scheme": parts.scheme,
        }
        base_environ = RequestFactory._base_environ

        def _base_environ(self, **request):
            return base_environ(self, **{**request, **environ})

        monkeypatch.setattr(RequestFactory, "_base_environ", _base_environ)
        return url.rstrip("/")

    return serve


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def institution(db):
    return InstitutionFactory()


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def other_member(db):
    """A member of another institution."""
    return MemberFactory()


@pytest.fixture
def facilitator(db):
    return FacilitatorFactory()


@pytest.fixture
def roleless_user(db):
    return UserFactory()


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member_client(member):
    return _client_for(member)


@pytest.fixture
def facilitator_client(facilitator):
    return _client_for(facilitator)


@pytest.fixture
def english_admin_client(facilitator):
    """A facilitator whose admin is in English (their Wagtail profile's language)."""
    profile = UserProfile.get_for_user(facilitator)
    profile.preferred_language = "en"
    profile.save()
    return _client_for(facilitator)


@pytest.fixture
def anon_client():
    return Client()
