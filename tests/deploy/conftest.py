"""The portal as real gunicorn processes, for tests of what several web processes share.

`two_portals` starts two of them (A and B) on free loopback ports with production settings
(DEBUG off, a random SECRET_KEY, HTTPS-only cookies behind a proxy that says
"X-Forwarded-Proto: https"), both on the test's PostgreSQL database, the same Redis
(REDIS_URL) and the same upload folders, and stops them at the end, also on failure.
`Browser` is one person's HTTP client, with its own cookies, sent to either process as a
reverse proxy would forward them.
"""

import http.cookies
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.conf import settings
from django.db import connection
from django.urls import reverse

from tests.factories.members import DEFAULT_PASSWORD
from tests.processes import bytecode_environment

STARTUP_SECONDS = 90
REQUEST_SECONDS = 30
CLIENT_ADDRESS = "203.0.113.10"  # what the proxy reports in X-Forwarded-For
LOGIN = reverse("account_login")


@dataclass
class Portal:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def origin(self) -> str:
        # The address the proxy would be reached at: HTTPS, so secure cookies and CSRF apply.
        return f"https://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


class Browser:
    """Cookies kept per person (HTTPS-only ones too), requests forwarded as by the proxy."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def get(self, portal: Portal, path: str) -> requests.Response:
        return self.request(portal, "GET", path)

    def post(self, portal: Portal, path: str, data=None, files=None) -> requests.Response:
        return self.request(portal, "POST", path, data=data, files=files)

    def request(self, portal, method, path, data=None, files=None) -> requests.Response:
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": CLIENT_ADDRESS,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        if method == "POST":
            headers["Origin"] = portal.origin
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        response = requests.request(
            method,
            f"http://127.0.0.1:{portal.port}{path}",
            data=data,
            files=files,
            headers=headers,
            allow_redirects=False,
            timeout=REQUEST_SECONDS,
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response


def log_in(browser: Browser, portal, user, password: str = DEFAULT_PASSWORD) -> None:
    """Through the log-in form, as a person does: the CSRF cookie first, then the form."""
    assert browser.get(portal, LOGIN).status_code == 200
    response = browser.post(portal, LOGIN, {"login": user.email, "password": password})
    assert response.status_code == 302, response.text[:2000]
    assert response.headers["Location"] == reverse("members:dashboard")


def _clean_environment(tmp_path: Path) -> dict[str, str]:
    """No DATABASE_URL, REDIS_URL... from the test process, no .env file."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        **bytecode_environment(),
        "DJANGO_SETTINGS_MODULE": "col_portal.settings",
        "ENV_FILE": str(tmp_path / "no-such.env"),
        # A developer's machine, as make sets it (the settings fail closed without it).
        "DEBUG": "true",
    }


def settings_in_a_fresh_process(tmp_path: Path, *names: str, **environment: str) -> dict:
    """The named settings as col_portal/settings.py computes them from `environment` alone
    (JSON values), in a new interpreter: what the test process was started with does not
    leak in. Fails the test, with the error, when the settings refuse the environment."""
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name, None) for name in {names!r}}}))"
    )
    env = {**_clean_environment(tmp_path), **environment}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise SettingsRefused(result.stderr.strip().splitlines()[-1])
    return json.loads(result.stdout.strip().splitlines()[-1])


class SettingsRefused(Exception):
    """The settings module refused to load (ImproperlyConfigured or another error)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"


def _environment(tmp_path: Path, secret_key: str) -> dict[str, str]:
    return {
        **_clean_environment(tmp_path),
        "DEBUG": "False",
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        # No Celery worker here: tasks run in the request, e-mails stay in memory.
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_URL": "memorymail://",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        # No collectstatic in a test run: plain static names instead of the manifest.
        "STATIC_MANIFEST": "False",
        "ALLAUTH_TRUSTED_PROXY_COUNT": "1",
        "SECURE_PROXY_SSL_HEADER": "True",
        "LOG_LEVEL": "WARNING",
    }


def _start(name: str, env: dict[str, str], tmp_path: Path) -> Portal:
    port = _free_port()
    log = tmp_path / f"gunicorn-{name}.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "col_portal.wsgi",
        f"--bind=127.0.0.1:{port}",
        "--workers=1",
        "--timeout=60",
        "--forwarded-allow-ips=127.0.0.1",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Portal(name=name, port=port, process=process, log=log)


def _wait_until_ready(portal: Portal, deadline: float) -> None:
    while time.monotonic() < deadline:
        if portal.process.poll() is not None:
            break
        try:
            response = requests.get(f"http://127.0.0.1:{portal.port}/healthz", timeout=5)
            if response.status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    pytest.fail(f"portal {portal.name} did not answer /healthz:\n{portal.log_tail()}")


def _stop(portal: Portal) -> None:
    if portal.process.poll() is not None:
        return
    try:
        os.killpg(portal.process.pid, signal.SIGTERM)
        portal.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(portal.process.pid, signal.SIGKILL)
        portal.process.wait(timeout=15)
    except ProcessLookupError:
        pass


@pytest.fixture
def two_portals(tmp_path, transactional_db):
    """Web processes A and B sharing PostgreSQL, Redis and the upload folders."""
    if connection.vendor != "postgresql":
        pytest.skip("several web processes need a shared server database: set DATABASE_URL")
    if not os.environ.get("REDIS_URL"):
        pytest.skip("several web processes share sessions and cache through Redis: set REDIS_URL")
    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        Path(folder).mkdir(parents=True, exist_ok=True)
    env = _environment(tmp_path, secrets.token_urlsafe(50))
    portals = []
    try:
        for name in ("A", "B"):
            portals.append(_start(name, env, tmp_path))
        deadline = time.monotonic() + STARTUP_SECONDS
        for portal in portals:
            _wait_until_ready(portal, deadline)
        yield tuple(portals)
    finally:
        for portal in portals:
            _stop(portal)
