"""The HTML of every public page type passes the Nu Html Checker (the W3C validator).

The pages (tests/a11y_pages.py) are fetched with the Django test client, written to a
temporary folder and checked in one run of vnu.jar (npm package vnu-jar, installed by
`make test` with `npm ci`) under Java, together with our stylesheets (static/css). Every
error fails the test; nothing is filtered.

Without Java or the jar the test is skipped with one line saying why, unless
REQUIRE_BROWSER or CI is set (as .ci/run does), in which case it fails instead.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.a11y_pages import PAGE_TYPES, create_portal_data

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_TIMEOUT_S = 300


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def _checks_required() -> bool:
    return _truthy(os.environ.get("REQUIRE_BROWSER")) or _truthy(os.environ.get("CI"))


def _vnu_command() -> list[str]:
    java = shutil.which("java")
    reason = None
    if java is None:
        reason = "java is not installed (the Nu Html Checker runs on Java)"
    elif not VNU_JAR.is_file():
        reason = f"{VNU_JAR.relative_to(ROOT)} is missing (run `npm ci` or `make test`)"
    if reason:
        if _checks_required():
            pytest.fail(f"HTML validity check required (CI/REQUIRE_BROWSER) but {reason}")
        pytest.skip(f"HTML validity check skipped: {reason}")
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def _file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html"


def test_every_public_page_type_is_valid_html(db, client, tmp_path):
    command = _vnu_command()
    data = create_portal_data()

    pages: dict[str, str] = {}  # file name -> what it is
    for page in PAGE_TYPES:
        path = page.path(data)
        response = client.get(path)
        assert response.status_code == page.status, f"{page}: GET {path}"
        name = _file_name(page.name)
        (tmp_path / name).write_bytes(response.content)
        pages[name] = f"{page} ({path})"

    stylesheets = sorted((ROOT / "static" / "css").glob("*.css"))
    pages.update({sheet.name: f"static/css/{sheet.name}" for sheet in stylesheets})
    result = subprocess.run(
        [*command, "--format", "json", "--errors-only", "--also-check-css", "--stdout"]
        + [str(tmp_path / name) for name in pages if not name.endswith(".css")]
        + [str(sheet) for sheet in stylesheets],
        capture_output=True,
        text=True,
        timeout=VNU_TIMEOUT_S,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu did not answer in JSON (exit {result.returncode}): {result.stderr}")

    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    report = [
        f"{pages.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}" + (f"\n    {m['extract'].strip()}" if m.get("extract") else "")
        for m in errors
    ]
    print(
        f"\nNu Html Checker: {len(pages)} documents (pages and stylesheets), {len(errors)} errors"
    )
    assert not report, "Nu Html Checker errors:\n" + "\n".join(report)
