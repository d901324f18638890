"""Browser tests: Playwright (sync API) driving Debian's Chromium against live_server.

Playwright never downloads a browser here: we point it at an installed Chromium
(CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser or the PATH). When none is
found every test in tests/e2e is skipped with one reason, unless REQUIRE_BROWSER is set
(as .ci/run does), in which case they fail instead.

Tests get `page` (a fresh browser context per test, Spanish locale) and `live_url` (the
address of the live server, which is also SITE_URL for the test: e-mails link to it). The live server runs in a thread with its own transactional
database; data created by the migrations (home page, groups, the Wagtail site) is restored
after every test (serialized rollback), so one browser test cannot break the next.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e import form_coverage

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DEFAULT_TIMEOUT_MS = 15_000


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def find_chromium() -> str | None:
    """Path of an installed Chromium, or None."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _why_no_browser() -> str | None:
    """The reason browser tests cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (make test installs it)"
    if find_chromium() is None:
        where = os.environ.get("CHROMIUM_PATH") or ", ".join(CHROMIUM_CANDIDATES)
        return (
            f"no Chromium found ({where}); install Debian's chromium or set CHROMIUM_PATH "
            "to run the browser tests"
        )
    return None


def pytest_collection_modifyitems(config, items):
    reason = _why_no_browser()
    skip = pytest.mark.skip(reason=f"browser tests skipped: {reason}") if reason else None
    for item in items:
        if E2E_DIR not in Path(str(item.fspath)).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if skip is not None and not _truthy(os.environ.get("REQUIRE_BROWSER")):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    reason = _why_no_browser()
    if reason:
        # Only reached when REQUIRE_BROWSER is set (otherwise the tests were skipped).
        pytest.fail(f"REQUIRE_BROWSER is set but {reason}", pytrace=False)
    return find_chromium()


@pytest.fixture(scope="session")
def _playwright(django_db_setup):
    """Playwright, started once the test databases exist.

    Playwright's sync API leaves an asyncio loop "running" in this thread. Two things
    follow. Django refuses ORM calls from a thread with a running loop unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set (the tests create users and pages from here). And
    Django's database connections are thread-critical locals, which in such a thread live
    in context variables: the connection objects seen from now on are new ones, without
    the snapshot of the migrated data that setup_databases() stored on the old ones for
    serialized rollback. We carry that snapshot over, so that every browser test starts
    with the home page, the groups and the Wagtail site the migrations created.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, contents in snapshots.items():
                connections[alias]._test_serialized_contents = contents
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _record_post(request) -> None:
    """Every POST a page sends to the portal (form_coverage: which forms journeys walk)."""
    if request.method == "POST":
        url = urlsplit(request.url)
        if url.hostname in {"127.0.0.1", "localhost"}:
            form_coverage.POSTED.add(url.path)


@pytest.fixture(scope="session")
def browser(_playwright, chromium_path):
    browser = _playwright.chromium.launch(
        executable_path=chromium_path,
        headless=True,
        args=CHROMIUM_ARGS,
    )
    # Every context, also those a test opens itself (journeys.new_context), records the
    # POST requests of its pages.
    new_context = browser.new_context

    def recording_new_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.on("request", _record_post)
        return context

    browser.new_context = recording_new_context
    yield browser
    browser.close()


@pytest.fixture
def live_url(live_server, django_db_serialized_rollback, settings) -> str:
    """Base address of the live server, without a trailing slash. It is the portal's
    address for this test: SITE_URL and WAGTAILADMIN_BASE_URL (and what derives from them)
    name it, so that the links in e-mails lead to this live server, as written."""
    url = live_server.url.rstrip("/")
    settings.SITE_URL = url
    settings.WAGTAILADMIN_BASE_URL = url
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if url.startswith("https") else "http"
    return url


@pytest.fixture
def context(browser):
    context = browser.new_context(locale="es-PE", timezone_id="America/Lima")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
