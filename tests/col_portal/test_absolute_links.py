"""Absolute links follow the address the portal is served at.

`make run PORT=8080` serves the portal at http://127.0.0.1:8080: what answers a request
(feeds, sitemap, robots.txt, canonical and hreflang links, calendar subscription links and
the .ics files) names the scheme and host the request was sent to; e-mails, made without a
request, use SITE_URL, which the Makefile sets from PORT (as WAGTAILADMIN_BASE_URL).
"""

import os
import stat
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from tests.factories import ThemeFactory, WorkshopFactory
from tests.themes.lessons_helpers import publish

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SERVED = "http://127.0.0.1:8080"
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


@pytest.fixture
def content():
    theme = ThemeFactory(slug="recursos-hidricos")
    lesson = publish(
        title="Mesa técnica del agua", slug="mesa-tecnica-del-agua", primary_theme=theme
    )
    workshop = WorkshopFactory(slug="taller-de-canon", online_url="")
    return {"theme": theme, "lesson": lesson, "workshop": workshop}


def assert_served_address(body: str, what: str):
    assert f"{SERVED}/" in body, f"{what} names no link on {SERVED}:\n{body[:2000]}"
    assert DEFAULT_SITE_URL not in body, f"{what} still links to {DEFAULT_SITE_URL}"


def test_feeds_sitemap_robots_and_calendars_name_the_address_asked(
    anon_client, settings, served_at, content
):
    settings.SITE_URL = DEFAULT_SITE_URL
    served_at(SERVED)
    theme, workshop = content["theme"], content["workshop"]

    for path in (
        "/lecciones/rss/",
        "/lecciones/atom/",
        f"/temas/{theme.slug}/rss/",
        "/sitemap.xml",
        "/robots.txt",
        "/talleres/calendario.ics",
        f"/talleres/{workshop.slug}/evento.ics",
    ):
        response = anon_client.get(path)
        assert response.status_code == 200, path
        assert_served_address(response.content.decode(), path)

    robots = anon_client.get("/robots.txt").content.decode()
    assert f"Sitemap: {SERVED}/sitemap.xml" in robots.splitlines()
    event = anon_client.get(f"/talleres/{workshop.slug}/evento.ics").content.decode()
    assert f"{SERVED}/talleres/{workshop.slug}/" in event.replace("\r\n ", "")


def test_pages_canonical_hreflang_and_calendar_links_name_the_address_asked(
    anon_client, settings, served_at, content
):
    settings.SITE_URL = DEFAULT_SITE_URL
    served_at(SERVED)
    lesson = content["lesson"]

    page = BeautifulSoup(anon_client.get(f"/lecciones/{lesson.slug}/").content, "html.parser")
    assert page.select_one('link[rel="canonical"]')["href"] == (
        f"{SERVED}/lecciones/{lesson.slug}/"
    )
    hreflang = {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}
    assert hreflang["es"] == f"{SERVED}/lecciones/{lesson.slug}/"
    assert hreflang["en"] == f"{SERVED}/en/lecciones/{lesson.slug}/"

    home = BeautifulSoup(anon_client.get("/").content, "html.parser")
    hreflang = {link["hreflang"]: link["href"] for link in home.select("link[hreflang]")}
    assert hreflang and all(href.startswith(f"{SERVED}/") for href in hreflang.values())

    listing = BeautifulSoup(anon_client.get("/talleres/").content, "html.parser")
    assert [a["href"] for a in listing.select(".calendar-subscribe a")] == [
        "webcal://127.0.0.1:8080/talleres/calendario.ics",
        f"{SERVED}/talleres/calendario.ics",
    ]


def test_personal_calendar_address_names_the_address_asked(
    member, member_client, settings, served_at
):
    settings.SITE_URL = DEFAULT_SITE_URL
    served_at(SERVED)

    page = BeautifulSoup(member_client.get("/mis-talleres/").content, "html.parser")

    token = member.calendar_feed.token
    assert page.select_one("#personal-feed-url")["value"] == (
        f"{SERVED}/talleres/mi-calendario/{token}.ics"
    )
    feed = member_client.get(f"/talleres/mi-calendario/{token}.ics")
    assert DEFAULT_SITE_URL not in feed.content.decode()


def test_emails_sent_while_answering_a_request_use_site_url(
    member, member_client, settings, served_at, django_capture_on_commit_callbacks
):
    # The e-mail is read later, anywhere: it names the portal's configured address, not
    # the host one request happened to use.
    settings.SITE_URL = "https://comunidad.example.pe"
    served_at(SERVED)
    workshop = WorkshopFactory(slug="taller-de-riego")

    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(f"/talleres/{workshop.slug}/inscribirme/")

    [message] = [m for m in mail.outbox if member.email in m.to]
    assert "https://comunidad.example.pe/talleres/taller-de-riego/" in message.body
    assert SERVED not in message.body


def test_a_host_not_allowed_gets_no_links(anon_client, content):
    response = anon_client.get("/lecciones/rss/", HTTP_HOST="portal.example.invalid")

    assert response.status_code == 400
    assert b"portal.example.invalid" not in response.content


# ---- make run: SITE_URL and WAGTAILADMIN_BASE_URL from PORT


def _stub_venv(folder: Path) -> Path:
    """A .venv whose python and celery only print the arguments and the environment they
    got, installed already (its stamp newer than uv.lock): `make run` runs them
    instead of migrating, seeding and serving."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("python", "celery"):
        script = bin_dir / name
        script.write_text(
            "#!/bin/sh\n"
            f'echo "{name} $* | SITE_URL=$SITE_URL WAGTAILADMIN_BASE_URL=$WAGTAILADMIN_BASE_URL'
            ' BROKER=$CELERY_BROKER_URL EAGER=$CELERY_TASK_ALWAYS_EAGER"\n'
            # "runserver" serves a moment, as the real one serves until Ctrl+C: the worker
            # started beside it gets to run before make stops it.
            'case "$*" in *runserver*) sleep 2 ;; esac\n'
        )
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
    (folder / ".installed-run").touch()
    # uv, installed already too (newer than requirements-uv.txt): make has nothing to install.
    uv = folder / "tools" / "bin" / "uv"
    uv.parent.mkdir(parents=True)
    uv.touch()
    return folder


def _make_run(tmp_path: Path, *args: str, **env: str) -> list[str]:
    venv = _stub_venv(tmp_path / "venv")
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SITE_URL", "WAGTAILADMIN_BASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "PORT"}
        and not key.startswith(("MAKE", "CELERY_TASK"))
    }
    result = subprocess.run(
        ["make", "--no-print-directory", "run", f"VENV={venv}", f"UV_VENV={venv}/tools", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def test_make_run_sets_site_url_from_port_and_starts_the_worker_with_beat(tmp_path):
    lines = _make_run(tmp_path, "PORT=8080")

    runserver = next(line for line in lines if "runserver" in line)
    assert runserver.startswith("python manage.py runserver 127.0.0.1:8080 |")
    assert "SITE_URL=http://127.0.0.1:8080 " in runserver
    assert "WAGTAILADMIN_BASE_URL=http://127.0.0.1:8080 " in runserver
    assert "BROKER=filesystem:// EAGER=false" in runserver
    worker = next(line for line in lines if line.startswith("celery "))
    assert worker.startswith("celery -A col_portal worker --beat ")
    assert "SITE_URL=http://127.0.0.1:8080 " in worker
    assert "BROKER=filesystem:// EAGER=false" in worker
    assert any("Serving the portal at http://127.0.0.1:8080/" in line for line in lines)


def test_make_run_keeps_a_site_url_given(tmp_path):
    lines = _make_run(tmp_path, "PORT=8080", SITE_URL="https://comunidad.example.pe")

    runserver = next(line for line in lines if "runserver" in line)
    assert "SITE_URL=https://comunidad.example.pe " in runserver
    assert "WAGTAILADMIN_BASE_URL=https://comunidad.example.pe " in runserver
