"""Keep it that way: every form a person can submit is submitted by a browser journey.

The crawl below walks the portal with the test client as an anonymous visitor, a member and
a facilitator (our own pages and our own admin views, on the security tests' fixture world,
tests/security/world.py) and records the action of every `<form method="post">` it finds,
by URL name. At the end of the session (tests/conftest.py, after every xdist worker), when
the whole of tests/e2e ran, each of them must have been POSTed by a page in some browser
test (tests/e2e/conftest.py records every POST of every browser context), or the suite
fails, naming the form and where it was found (tests/e2e/form_coverage.py).
"""

from collections import Counter, deque
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from tests.e2e import form_coverage
from tests.security.urlwalk import _view_module, all_patterns
from tests.security.world import build_world
from workshops.models import Registration, RegistrationStatus

pytestmark = pytest.mark.django_db

# Forms that no browser journey submits yet (issue 10 lists them as still to walk). It can
# only shrink: the suite fails when an entry IS walked by a journey, or has no form any
# more, and when a form outside it is walked by none.
NOT_YET_WALKED: set[str] = set()

ROLES = ("anonymous", "member", "facilitator")
SEEDS = {
    "anonymous": ["/", "/en/", "/unete/", "/cuentas/login/", "/cuentas/password/reset/"],
    "member": ["/", "/miembros/", "/mis-talleres/", "/mis-contribuciones/", "/en/"],
    "facilitator": ["/", "/miembros/", "/admin/", "/en/"],
}
# Files, feeds and exports: nothing to crawl in them.
SKIPPED = (".ics", "/rss/", "/atom/", ".xml", ".txt", "/adjuntos/", "/documents/", "/static/")
SKIPPED_NAMES = {"account_logout", "healthz"}
# A few addresses of each URL name are enough (every lesson page has the same forms).
PER_NAME = 3
MAX_PAGES = 600
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("form-coverage-files")
    files = {"MEDIA_ROOT": root / "media", "PRIVATE_MEDIA_ROOT": root / "private"}
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, **files),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = build_world()
        world.files = files
        yield world
        transaction.set_rollback(True)


def _portal_view(found) -> bool:
    """Our own views, our Wagtail viewsets and pages, the account pages (allauth), the
    language switch: not Wagtail's own admin (pages, images, settings...)."""
    if found is None:
        return False
    module, app_label = _view_module(found.func)
    top = module.split(".")[0]
    return (
        top in {"col_portal", "members", "themes", "resources", "workshops", "allauth"}
        or app_label in {"col_portal", "members", "themes", "resources", "workshops"}
        or found.view_name in {"wagtail_serve", "set_language", "wagtailadmin_home"}
    )


def _local_path(base: str, href: str) -> str | None:
    url = urlsplit(urljoin(base, href))
    if url.scheme not in {"http", ""} or url.netloc not in {"", "testserver"}:
        return None
    if url.query or any(part in url.path for part in SKIPPED):
        return None
    return url.path


def _seeds(role: str, world) -> list[str]:
    """The role's starting pages, and every page of ours that takes no parameter (the
    Wagtail admin's menu is drawn by a script, so its links are not in the HTML)."""
    seeds = list(SEEDS[role])
    if role == "anonymous":
        seeds.append(f"/miembros/invitacion/{world.invitation.token}/")
    if role == "facilitator":
        # Attendance is taken once a workshop has started: a past workshop's page has it.
        seeds.append(reverse("workshop_admin:registrations", args=[world.past_workshop.pk]))
    for pattern in all_patterns():
        ours = pattern.ours or pattern.module.startswith("allauth")
        if pattern.name and ours and "<" not in pattern.route and "(" not in pattern.route:
            path = "/" + pattern.route
            if path not in seeds and not any(part in path for part in SKIPPED):
                seeds.append(path)
    return seeds


def crawl(client: Client, role: str, world) -> dict[str, str]:
    """The forms found on the pages reachable from the role's seeds: URL name -> where."""
    forms: dict[str, str] = {}
    queue = deque(_seeds(role, world))
    seen = set(queue)
    per_name = Counter()
    pages = 0
    while queue and pages < MAX_PAGES:
        path = queue.popleft()
        response = client.get(path)
        pages += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        page = BeautifulSoup(response.content, "html.parser")
        for form in page.find_all("form"):
            if (form.get("method") or "get").lower() != "post":
                continue
            action = _local_path(path, form.get("action") or path)
            found = form_coverage.match(action) if action else None
            if _portal_view(found):
                forms.setdefault(found.view_name, f"{role}: {path}")
        for link in page.find_all("a", href=True):
            target = _local_path(path, link["href"])
            if target is None or target in seen:
                continue
            seen.add(target)
            found = form_coverage.match(target)
            if not _portal_view(found) or found.view_name in SKIPPED_NAMES:
                continue
            per_name[found.view_name] += 1
            if per_name[found.view_name] <= PER_NAME:
                queue.append(target)
    return forms


def test_crawl_finds_the_forms_of_every_role(world, settings):
    for name, folder in world.files.items():  # the world's files, not the test's empty ones
        setattr(settings, name, folder)
    # Attendance is taken on a started workshop's page, for its confirmed participants.
    Registration.objects.get_or_create(
        workshop=world.past_workshop,
        user=world.member,
        defaults={"status": RegistrationStatus.CONFIRMED},
    )
    clients = {role: Client() for role in ROLES}
    clients["member"].force_login(world.member)
    clients["facilitator"].force_login(world.facilitator)

    found = {}
    for role in ROLES:
        for name, where in crawl(clients[role], role, world).items():
            found.setdefault(name, where)

    # The crawl reaches what each role sees: the join and login forms, the invitation, a
    # member's registration and calendar address, a facilitator's admin forms. (That each
    # form is walked by a journey is checked at the session's end.)
    for name in (
        "members:apply",
        "account_login",
        "members:invitation_accept",
        "workshops:register",
        "workshops:regenerate_calendar_token",
        "invitations:add",
        "membership_applications:accept",
        "workshop_admin:attendance",
    ):
        assert name in found, sorted(found)
    form_coverage.CRAWLED.update(found)
    form_coverage.NOT_YET_WALKED.update(NOT_YET_WALKED)
    form_coverage.CRAWL_DONE = True
