"""The permission matrix (tests/security/matrix.py): every URL pattern walked as each kind of
visitor, in both languages, against real objects, with the answer each must get."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import Page

from themes.models import Comment, Contribution, LessonApplication
from workshops.models import Registration

from .matrix import (
    CASES,
    DENIED,
    LOGIN,
    LOGIN_ADM,
    MISSING,
    MOVED,
    NF,
    NO_5XX,
    NO_ADM,
    NONE,
    OK,
    PATTERNS,
    ROLES,
    Answer,
    Case,
)
from .urlwalk import LANGUAGES, is_login_redirect

pytestmark = pytest.mark.django_db


def test_every_url_pattern_has_expectations():
    assert not MISSING, (
        "These URL patterns have no expected answers in the permission matrix "
        "(tests/security/test_permission_matrix.py): add a row for each to PUBLIC, or to "
        "ADMIN_SCREENS for an admin screen of ours.\n  " + "\n  ".join(MISSING)
    )


@pytest.fixture
def clients(world):
    """A client per role, logged in afresh for each test (a test may log one out)."""
    people = {
        "none": world.outsider,
        "mem": world.member,
        "oth": world.other,
        "fac": world.facilitator,
        "ex": world.former,
        "off": world.closed,  # logged in before the account was closed
    }
    made = {"anon": Client(raise_request_exception=False)}
    for role, user in people.items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        made[role] = client
    return made


def _check(response, answer: Answer, *, language: str, login_next: str) -> str:
    """'' when the response is the expected answer, else what went wrong."""
    status = response.status_code
    got = f"{status} {response.get('Location', '')}".strip()
    if answer is NO_5XX:
        return "" if status < 500 else got
    if answer is LOGIN:
        return (
            "" if is_login_redirect(response, expected_next=login_next, language=language) else got
        )
    if answer is MOVED:
        if status != 302 or is_login_redirect(response, expected_next=None, language=language):
            return got
        return ""
    if answer is LOGIN_ADM:
        return "" if status == 302 and response["Location"].startswith("/admin/login/?") else got
    if answer is NO_ADM:
        return "" if status == 302 and response["Location"] == reverse("wagtailadmin_home") else got
    return "" if status == answer.status else got


def _walk(case: Case, world, clients) -> list[str]:
    languages = LANGUAGES if PATTERNS[case.pattern_key].i18n else [settings.LANGUAGE_CODE]
    problems = []
    for language in languages:
        url = case.url(world, language)
        login_next = url
        if case.row is not None and case.row.login_next is not None:
            login_next = case.row.login_next(world)
        for role, answer in zip(ROLES, case.answers, strict=True):
            response = clients[role].get(url)
            wrong = _check(response, answer, language=language, login_next=login_next)
            if wrong:
                problems.append(f"{role:5} GET {url}: expected {answer!r}, got {wrong}")
                continue
            if response.status_code == 200 and case.answers[0] is not OK:
                # Not for everyone: no shared cache may keep it and hand it to the next.
                cache_control = response.get("Cache-Control", "")
                private = "private" in cache_control or "no-store" in cache_control
                if not private and "cookie" not in response.get("Vary", "").lower():
                    problems.append(f"{role:5} GET {url}: publicly cacheable ({cache_control})")
            row_ = case.row
            if row_ is not None and row_.text and response.status_code == 200:
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                shown = row_.text in body.decode("utf-8", "replace")
                if shown != (role in row_.shown_to.split()):
                    verb = "shows" if shown else "does not show"
                    problems.append(f"{role:5} GET {url}: {verb} {row_.text!r}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=str)
def test_permission_matrix(case, world, clients):
    problems = _walk(case, world, clients)
    assert not problems, f"{case}:\n  " + "\n  ".join(problems)


# ---- The admin menus: facilitators reach every screen their menu offers


def test_facilitators_reach_every_admin_menu_item(world, clients, rf):
    request = rf.get("/admin/")
    request.user = world.facilitator
    urls = []
    items = list(admin_menu.menu_items_for_request(request))
    while items:
        item = items.pop()
        submenu = getattr(item, "menu", None)
        if submenu is not None:
            items += submenu.menu_items_for_request(request)
        elif item.url.startswith("/admin/"):
            urls.append(item.url)
    assert len(urls) >= 8, urls  # the facilitators' back office is there at all
    broken = []
    for url in urls:
        response = clients["fac"].get(url)
        if response.status_code == 302 and url.startswith("/admin/settings/"):
            # A site setting's menu item opens the current site's form.
            response = clients["fac"].get(response["Location"])
        if response.status_code != 200:
            broken.append(f"{url}: {response.status_code} {response.get('Location', '')}")
    assert not broken, broken


# ---- State-changing requests by the wrong person change nothing


@dataclass(frozen=True)
class Attempt:
    what: str
    role: str
    url: Callable[[Any], str]
    data: Callable[[Any], dict]
    answer: Answer
    unchanged: Callable[[Any], bool]  # the world as it was?

    def __str__(self):
        return f"{self.role}: {self.what}"


def _registrations(w) -> set:
    return set(Registration.objects.values_list("user_id", "workshop_id", "status"))


def _live(model, pk) -> bool:
    return model.objects.filter(pk=pk, live=True).exists()


def _exists(obj) -> bool:
    return type(obj).objects.filter(pk=obj.pk).exists()


def _hidden(model, pk) -> bool:
    return model.objects.get(pk=pk).is_hidden


def _workflow_action(w, action):
    state = w.pending_lesson.current_workflow_state
    return reverse(
        "wagtailsnippets_themes_contribution:workflow_action",
        kwargs={
            "pk": w.pending_lesson.pk,
            "action_name": action,
            "task_state_id": state.current_task_state_id,
        },
    )


def _application_action(w, action):
    state = w.pending_application.current_workflow_state
    return reverse(
        "wagtailsnippets_themes_lessonapplication:workflow_action",
        kwargs={
            "pk": w.pending_application.pk,
            "action_name": action,
            "task_state_id": state.current_task_state_id,
        },
    )


def _application_form(w):
    return {
        "districts": [str(w.torata_pk)],
        "started_on": "2025-01-01",
        "adapted": "Intento de otro",
        "results": "Nada",
    }


# fmt: off
ATTEMPTS = [
    # register for a workshop
    Attempt("register for the members-only workshop", "anon", lambda w: f"/talleres/{w.members_workshop.slug}/inscribirme/", NONE, NF, lambda w: len(_registrations(w)) == 1),
    Attempt("register for the members-only workshop", "none", lambda w: f"/talleres/{w.members_workshop.slug}/inscribirme/", NONE, NF, lambda w: len(_registrations(w)) == 1),
    Attempt("register for a public workshop", "anon", lambda w: f"/talleres/{w.workshop.slug}/inscribirme/", NONE, LOGIN, lambda w: len(_registrations(w)) == 1),
    Attempt("register for a public workshop", "none", lambda w: f"/talleres/{w.workshop.slug}/inscribirme/", NONE, DENIED, lambda w: len(_registrations(w)) == 1),
    Attempt("register for a draft workshop", "oth", lambda w: f"/talleres/{w.draft_workshop.slug}/inscribirme/", NONE, NF, lambda w: len(_registrations(w)) == 1),
    Attempt("cancel (nobody's registration named)", "oth", lambda w: f"/talleres/{w.workshop.slug}/cancelar/", NONE, MOVED, lambda w: _registrations(w) == {(w.member.pk, w.workshop.pk, "confirmed")}),
    # membership decisions
    Attempt("accept an application", "anon", lambda w: reverse("membership_applications:accept", args=[w.application.pk]), NONE, LOGIN, lambda w: type(w.application).objects.get(pk=w.application.pk).status == "pending"),
    Attempt("accept an application", "mem", lambda w: reverse("membership_applications:accept", args=[w.application.pk]), NONE, LOGIN, lambda w: type(w.application).objects.get(pk=w.application.pk).status == "pending"),
    Attempt("decline an application", "oth", lambda w: reverse("membership_applications:decline", args=[w.application.pk]), lambda w: {"reason": "No."}, LOGIN, lambda w: type(w.application).objects.get(pk=w.application.pk).status == "pending"),
    Attempt("revoke an invitation", "mem", lambda w: reverse("invitations:revoke", args=[w.invitation.pk]), NONE, LOGIN, lambda w: type(w.invitation).objects.get(pk=w.invitation.pk).revoked_at is None),
    # moderation
    Attempt("approve a lesson in review", "mem", lambda w: _workflow_action(w, "approve"), NONE, LOGIN, lambda w: not _live(Contribution, w.pending_lesson.pk)),
    Attempt("approve a lesson in review", "oth", lambda w: _workflow_action(w, "approve"), NONE, LOGIN, lambda w: not _live(Contribution, w.pending_lesson.pk)),
    Attempt("hide a comment (site)", "mem", lambda w: f"/comentarios/{w.comment.pk}/ocultar/", lambda w: {"reason": "x"}, DENIED, lambda w: not _hidden(Comment, w.comment.pk)),
    Attempt("hide a comment (site)", "anon", lambda w: f"/comentarios/{w.comment.pk}/ocultar/", lambda w: {"reason": "x"}, LOGIN, lambda w: not _hidden(Comment, w.comment.pk)),
    Attempt("hide a comment (admin)", "oth", lambda w: reverse("contribution_comments:hide", args=[w.comment.pk]), lambda w: {"reason": "x"}, LOGIN, lambda w: not _hidden(Comment, w.comment.pk)),
    Attempt("hide a section comment", "mem", lambda w: f"{w.foundational.url}comentarios/{w.section_comment.pk}/ocultar/", lambda w: {"reason": "x"}, DENIED, lambda w: not _hidden(type(w.section_comment), w.section_comment.pk)),
    Attempt("comment on the members-only lesson", "none", lambda w: f"/lecciones/{w.members_lesson.slug}/comentar/", lambda w: {"body": "Hola"}, NF, lambda w: Comment.objects.count() == 2),
    Attempt("comment on mem's draft", "oth", lambda w: f"/lecciones/{w.draft_lesson.slug}/comentar/", lambda w: {"body": "Hola"}, NF, lambda w: Comment.objects.count() == 2),
    # reporting an application of a lesson
    Attempt("report applying a public lesson", "none", lambda w: f"/lecciones/{w.public_lesson.slug}/lo-aplicamos/", _application_form, DENIED, lambda w: LessonApplication.objects.count() == 3),
    Attempt("report applying a public lesson", "ex", lambda w: f"/lecciones/{w.public_lesson.slug}/lo-aplicamos/", _application_form, DENIED, lambda w: LessonApplication.objects.count() == 3),
    Attempt("report applying a public lesson", "off", lambda w: f"/lecciones/{w.public_lesson.slug}/lo-aplicamos/", _application_form, LOGIN, lambda w: LessonApplication.objects.count() == 3),
    Attempt("report applying the members-only lesson", "none", lambda w: f"/lecciones/{w.members_lesson.slug}/lo-aplicamos/", _application_form, NF, lambda w: LessonApplication.objects.count() == 3),
    Attempt("report applying mem's draft", "oth", lambda w: f"/lecciones/{w.draft_lesson.slug}/lo-aplicamos/", _application_form, NF, lambda w: LessonApplication.objects.count() == 3),
    Attempt("approve an application in review", "mem", lambda w: _application_action(w, "approve"), NONE, LOGIN, lambda w: not _live(LessonApplication, w.pending_application.pk)),
    Attempt("approve an application in review", "oth", lambda w: _application_action(w, "approve"), NONE, LOGIN, lambda w: not _live(LessonApplication, w.pending_application.pk)),
    Attempt("delete an application", "fac", lambda w: reverse("wagtailsnippets_themes_lessonapplication:delete", args=[w.pending_application.pk]), NONE, NO_ADM, lambda w: _exists(w.pending_application)),
    # someone else's drafts
    Attempt("send mem's draft for review", "oth", lambda w: f"/mis-contribuciones/{w.draft_lesson.pk}/enviar/", NONE, NF, lambda w: w.draft_lesson.workflow_states.count() == 0),
    Attempt("withdraw mem's lesson from review", "oth", lambda w: f"/mis-contribuciones/{w.pending_lesson.pk}/retirar/", NONE, NF, lambda w: Contribution.objects.get(pk=w.pending_lesson.pk).workflow_in_progress),
    Attempt("edit mem's draft", "oth", lambda w: f"/mis-contribuciones/{w.draft_lesson.pk}/editar/", lambda w: {"title": "Cambiado por otro"}, NF, lambda w: Contribution.objects.get(pk=w.draft_lesson.pk).get_latest_revision_as_object().title == "Borrador de Ana"),
    Attempt("edit mem's draft", "fac", lambda w: f"/mis-contribuciones/{w.draft_lesson.pk}/editar/", lambda w: {"title": "Cambiado por otro"}, NF, lambda w: Contribution.objects.get(pk=w.draft_lesson.pk).get_latest_revision_as_object().title == "Borrador de Ana"),
    # deleting: administrators only
    Attempt("delete a resource", "fac", lambda w: reverse("wagtailsnippets_resources_resource:delete", args=[w.public_resource.pk]), NONE, NO_ADM, lambda w: _exists(w.public_resource)),
    Attempt("delete a workshop", "fac", lambda w: reverse("workshop_admin:delete", args=[w.workshop.pk]), NONE, NO_ADM, lambda w: _exists(w.workshop)),
    Attempt("delete an institution", "fac", lambda w: reverse("institutions:delete", args=[w.institution_b.pk]), NONE, NO_ADM, lambda w: _exists(w.institution_b)),
    Attempt("delete a lesson", "fac", lambda w: reverse("wagtailsnippets_themes_contribution:delete", args=[w.public_lesson.pk]), NONE, NO_ADM, lambda w: _exists(w.public_lesson)),
    Attempt("delete a workshop", "mem", lambda w: reverse("workshop_admin:delete", args=[w.workshop.pk]), NONE, LOGIN, lambda w: _exists(w.workshop)),
    Attempt("delete a page", "mem", lambda w: reverse("wagtailadmin_pages:delete", args=[w.foundational.pk]), NONE, LOGIN, lambda w: Page.objects.filter(pk=w.foundational.pk).exists()),
    # former members: nothing of what came with the role
    Attempt("register for a public workshop", "ex", lambda w: f"/talleres/{w.workshop.slug}/inscribirme/", NONE, DENIED, lambda w: len(_registrations(w)) == 1),
    Attempt("register for a public workshop", "off", lambda w: f"/talleres/{w.workshop.slug}/inscribirme/", NONE, LOGIN, lambda w: len(_registrations(w)) == 1),
    Attempt("register for the members-only workshop", "ex", lambda w: f"/talleres/{w.members_workshop.slug}/inscribirme/", NONE, NF, lambda w: len(_registrations(w)) == 1),
    Attempt("comment on a public lesson", "ex", lambda w: f"/lecciones/{w.public_lesson.slug}/comentar/", lambda w: {"body": "Hola"}, DENIED, lambda w: Comment.objects.count() == 2),
    Attempt("comment on a public lesson", "off", lambda w: f"/lecciones/{w.public_lesson.slug}/comentar/", lambda w: {"body": "Hola"}, LOGIN, lambda w: Comment.objects.count() == 2),
    Attempt("propose a resource", "ex", lambda w: "/recursos/proponer/", lambda w: {"title": "Propuesta de Fermín", "kind": "guide", "summary": "x", "language": "es", "visibility": "public", "external_url": "https://example.org/"}, NF, lambda w: not type(w.proposal).objects.filter(title="Propuesta de Fermín").exists()),
    Attempt("start a lesson", "ex", lambda w: "/mis-contribuciones/nueva/", lambda w: {"kind": "lesson", "title": "Lección de Fermín", "summary": "x", "primary_theme": w.theme.pk, "language": "es", "visibility": "public"}, NF, lambda w: not Contribution.objects.filter(title="Lección de Fermín").exists()),
    Attempt("comment on a section", "ex", lambda w: f"{w.foundational.url}comentar/", lambda w: {"anchor": next(iter(w.foundational.section_anchors())), "body": "De Fermín"}, DENIED, lambda w: not type(w.section_comment).objects.filter(body="De Fermín").exists()),
    Attempt("accept an application", "ex", lambda w: reverse("membership_applications:accept", args=[w.application.pk]), NONE, LOGIN, lambda w: type(w.application).objects.get(pk=w.application.pk).status == "pending"),
    Attempt("accept an application", "off", lambda w: reverse("membership_applications:accept", args=[w.application.pk]), NONE, LOGIN, lambda w: type(w.application).objects.get(pk=w.application.pk).status == "pending"),
    # Wagtail's own log-in form would skip allauth's checks: it takes no POST
    Attempt("log in through Wagtail's form", "anon", lambda w: "/admin/login/", lambda w: {"username": w.facilitator.email, "password": "una-clave-de-prueba-larga"}, LOGIN, lambda w: True),
    Attempt("log in through Wagtail's page-privacy form", "anon", lambda w: "/_util/login/", lambda w: {"username": w.facilitator.email, "password": "una-clave-de-prueba-larga"}, LOGIN, lambda w: True),
]
# fmt: on


@pytest.mark.parametrize("attempt", ATTEMPTS, ids=str)
def test_state_changing_requests_by_the_wrong_person_change_nothing(attempt, world, clients):
    client = clients[attempt.role]
    url = attempt.url(world)
    response = client.post(url, attempt.data(world))
    wagtail_logins = ("/admin/login/", "/_util/login/")
    login_next = "" if url in wagtail_logins else url
    if attempt.what == "register for a public workshop":
        login_next = world.workshop.get_absolute_url()
    wrong = _check(response, attempt.answer, language="es", login_next=login_next)
    assert not wrong, f"POST {url}: expected {attempt.answer!r}, got {wrong}"
    assert attempt.unchanged(world), f"POST {url} as {attempt.role} changed something"
    if url in wagtail_logins:
        assert "_auth_user_id" not in client.session


# fmt: off
FORGED = [
    ("comment on a lesson",  lambda w: f"/lecciones/{w.public_lesson.slug}/comentar/", {"body": "Falso"}, lambda w: Comment.objects.count() == 2),
    ("register for a workshop", lambda w: f"/talleres/{w.members_workshop.slug}/inscribirme/", {}, lambda w: len(_registrations(w)) == 1),
    ("cancel a registration", lambda w: f"/talleres/{w.workshop.slug}/cancelar/", {}, lambda w: _registrations(w) == {(w.member.pk, w.workshop.pk, "confirmed")}),
    ("send a draft for review", lambda w: f"/mis-contribuciones/{w.draft_lesson.pk}/enviar/", {}, lambda w: w.draft_lesson.workflow_states.count() == 0),
    ("report applying a lesson", lambda w: f"/lecciones/{w.public_lesson.slug}/lo-aplicamos/", {"started_on": "2025-01-01", "adapted": "Falso", "results": "Falso"}, lambda w: LessonApplication.objects.count() == 3),
    ("change the profile", lambda w: "/miembros/", {"full_name": "Falso", "preferred_language": "es"}, lambda w: type(w.member).objects.get(pk=w.member.pk).full_name == "Ana Miembro"),
]
# fmt: on


@pytest.mark.parametrize(("what", "url", "data", "unchanged"), FORGED, ids=[f[0] for f in FORGED])
def test_a_forged_cross_site_post_changes_nothing(world, what, url, data, unchanged):
    """The member is logged in, but the form did not come from the portal (no CSRF token)."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(world.member)
    response = client.post(url(world), data)
    assert response.status_code == 403
    assert unchanged(world)


def test_a_cross_site_get_of_the_admin_logout_leaves_the_facilitator_logged_in(client):
    """Any page could send a facilitator's browser to /admin/logout/: Wagtail's view
    answered 405 but deleted the session cookie all the same."""
    from tests.factories import FacilitatorFactory

    client.force_login(FacilitatorFactory())

    refused = client.get("/admin/logout/")

    assert refused.status_code == 405
    assert "sessionid" not in refused.cookies
    assert client.get("/admin/").status_code == 200
    logged_out = client.post("/admin/logout/")
    assert logged_out.status_code == 302
    assert client.get("/admin/").status_code == 302
