"""Security headers as browsers receive them: the Content-Security-Policy of the public
site, the members' pages and the Wagtail admin, and, under the production settings, HSTS,
nosniff, Referrer-Policy, COOP, X-Frame-Options and secure, HttpOnly cookies.

What the policy lets a real browser do is tested in tests/e2e/test_content_security_policy.py.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.col_portal.settings_helpers import production_env, run_python
from tests.factories import ContributionFactory
from tests.factories.members import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "media-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/lecciones/", "/talleres/", "/unete/", "/cuentas/login/"]
)
def test_public_pages_forbid_inline_scripts_and_framing(anon_client, path):
    response = anon_client.get(path)

    assert response.status_code == 200
    assert policy(response) == PUBLIC_POLICY
    assert "Content-Security-Policy-Report-Only" not in response


def test_public_policy_has_no_nonce_so_a_cached_page_stays_valid(anon_client):
    contribution = ContributionFactory()

    first = anon_client.get(contribution.get_absolute_url())
    second = anon_client.get(contribution.get_absolute_url())

    assert first["Content-Security-Policy"] == second["Content-Security-Policy"]
    assert "nonce-" not in first["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path", ["/miembros/", "/mis-contribuciones/nueva/", "/cuentas/2fa/", "/mis-talleres/"]
)
def test_member_pages_have_the_public_policy(member_client, path):
    response = member_client.get(path)

    assert response.status_code == 200
    assert policy(response) == PUBLIC_POLICY


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/workshops/", "/admin/reports/site-history/", "/admin/pages/"]
)
def test_wagtail_admin_has_its_own_policy(facilitator_client, path):
    response = facilitator_client.get(path)

    assert response.status_code == 200
    directives = policy(response)
    # Wagtail 8 writes inline <script> blocks and style attributes, but needs no eval.
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["img-src"] == ["'self'", "data:", "blob:"]
    # The page editor frames its live preview; nobody else may frame the admin.
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["frame-src"] == ["'self'"]
    for name in ("default-src", "object-src", "base-uri", "form-action", "connect-src"):
        assert directives[name] == PUBLIC_POLICY[name]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_admin_login_redirect_for_a_member_still_carries_a_policy(member_client):
    response = member_client.get("/admin/")

    assert response.status_code == 302
    assert policy(response)["object-src"] == ["'none'"]


# ---- No inline script, handler or style in our templates (what the public policy needs)

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[^>]*\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"href\s*=\s*\"javascript:", re.IGNORECASE)


def test_templates_have_no_inline_script_handler_or_style():
    offences = []
    for template in sorted(TEMPLATES_DIR.rglob("*.html")):
        if "emails" in template.relative_to(TEMPLATES_DIR).parts:
            continue  # e-mails are read in mail clients, not under the site's policy
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, INLINE_STYLE, JAVASCRIPT_URL):
            offences += [f"{template.name}: {match}" for match in pattern.findall(text)]
    assert offences == []


# ---- Object storage origins and production headers (settings read in a fresh process)

POLICY_PROBE = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({
    "public": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "admin": settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"],
    "security": {name: getattr(settings, name) for name in (
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT", "SECURE_PROXY_SSL_HEADER", "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "X_FRAME_OPTIONS",
        "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SECURE",
    )},
}))
"""


def _production_settings(tmp_path, **overrides) -> dict:
    result = run_python(["-c", POLICY_PROBE], production_env(tmp_path, **overrides))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


S3_VARIABLES = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_S3_REGION_NAME",
)


@pytest.mark.parametrize(
    ("variables", "origins"),
    [
        ({"AWS_S3_CUSTOM_DOMAIN": "archivos.comunidad.example.org"}, []),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "comunidad-archivos",
                "AWS_S3_CUSTOM_DOMAIN": "archivos.comunidad.example.org",
                "AWS_S3_ENDPOINT_URL": "https://s3.example.net/",
            },
            ["https://archivos.comunidad.example.org"],
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "comunidad-archivos",
                "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
                "AWS_S3_ADDRESSING_STYLE": "path",
            },
            ["http://127.0.0.1:9000"],
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "comunidad-archivos",
                "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
                "AWS_S3_ADDRESSING_STYLE": "virtual",
            },
            ["https://s3.example.net", "https://comunidad-archivos.s3.example.net"],
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "comunidad-archivos", "AWS_S3_REGION_NAME": "sa-east-1"},
            [
                "https://comunidad-archivos.s3.amazonaws.com",
                "https://comunidad-archivos.s3.sa-east-1.amazonaws.com",
            ],
        ),
    ],
)
def test_object_storage_origins(monkeypatch, variables, origins):
    from col_portal.settings import _object_storage_origins

    for name in S3_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)

    assert _object_storage_origins() == origins


def test_object_storage_origin_may_serve_images_and_media(tmp_path):
    conf = _production_settings(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="comunidad-archivos",
        AWS_S3_CUSTOM_DOMAIN="archivos.comunidad.example.org",
    )

    origin = "https://archivos.comunidad.example.org"
    assert conf["public"]["img-src"] == ["'self'", "data:", origin]
    assert conf["admin"]["img-src"] == ["'self'", "data:", "blob:", origin]
    for policy_name in ("public", "admin"):
        directives = conf[policy_name]
        assert directives["media-src"] == ["'self'", origin]
        assert origin not in directives["script-src"]
        assert directives["default-src"] == ["'self'"]


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory) -> dict:
    return _production_settings(tmp_path_factory.mktemp("production"))


def test_without_object_storage_only_the_site_serves_images(production_settings):
    conf = production_settings

    assert conf["public"]["img-src"] == ["'self'", "data:"]
    assert conf["public"]["media-src"] == ["'self'"]


def test_production_headers_and_cookies(production_settings, settings, member):
    for name, value in production_settings["security"].items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    client = Client()

    plain = client.get("/cuentas/login/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/cuentas/login/"

    response = client.get("/cuentas/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]

    logged_in = client.post(
        "/cuentas/login/", {"login": member.email, "password": DEFAULT_PASSWORD}, secure=True
    )
    assert logged_in.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = logged_in.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name


def test_no_template_sets_a_referrer_meta_tag():
    """A ``<meta name="referrer">`` of no-referrer makes Chromium send ``Origin: null`` with
    the page's own forms, which Django's CSRF check refuses (403): pages that must hide
    their address from other sites use ``members.decorators.referrer_same_origin``."""
    templates = Path(settings.BASE_DIR) / "templates"
    offenders = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if re.search(r"<meta[^>]+name=[\"']referrer", path.read_text(encoding="utf-8"), re.I)
    ]
    assert offenders == []
