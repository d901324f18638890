"""The permission matrix: every URL pattern of the portal, taken from the URL conf, walked
as each kind of visitor, in both languages, against real objects, with the answer each
must get.

Who walks (the columns of the tables below):

    anon   nobody logged in
    none   logged in, but with no role (e.g. an account whose membership was withdrawn)
    mem    a member of institution A: the author of the drafts, registrations, proposals
    oth    a member of institution B ("another institution")
    fac    a facilitator
    ex     a former member of institution A: the role was taken away (their calendar
           address and a notification remain)
    off    a former member whose account was closed (is_active=False) while logged in

A row gives the answers of the first five; `ex` gets the answer of `none` and `off` that
of `anon` (whatever they had, they get nothing a person without a role would not), unless
the row says otherwise with `ex=`/`off=`.

The answers:

    OK      200
    LOGIN   302 to the log-in page, coming back to the same address
    NF      404: the object is not shown, and its existence is not confirmed either
    DENIED  403 (only where nothing about an object is revealed)
    GONE    410 (a used or expired invitation link)
    POST    405: the address only takes POST
    MOVED   302 elsewhere (not to the log-in page)
    NO_ADM  302 to the admin's dashboard: Wagtail's "you may not do this" (facilitators)
    NO_5XX  any answer but a server error (Wagtail's own admin screens, made-up ids)
    LOGIN_ADM  302 to /admin/login/ (which sends on to the log-in page)
    ERROR   500: only Wagtail's page that fails on purpose, to test error reporting

A pattern with no row here makes `test_every_url_pattern_has_expectations` fail: add the
new address to the tables (public side: PUBLIC; our admin screens: ADMIN_SCREENS; Wagtail's
own admin: WAGTAIL_ADMIN_PUBLIC or the WAGTAIL_ADMIN rule).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import Page

from themes.models import Comment, Contribution
from workshops.models import Registration

from .urlwalk import LANGUAGES, all_patterns, dummy_url, is_login_redirect, url_for

pytestmark = pytest.mark.django_db

ROLES = ("anon", "none", "mem", "oth", "fac", "ex", "off")


@dataclass(frozen=True)
class Answer:
    label: str
    status: int | None = None

    def __repr__(self):
        return self.label


OK = Answer("OK", 200)
LOGIN = Answer("LOGIN", 302)
NF = Answer("NF", 404)
DENIED = Answer("DENIED", 403)
GONE = Answer("GONE", 410)
POST = Answer("POST", 405)
MOVED = Answer("MOVED", 302)
NO_ADM = Answer("NO_ADM", 302)
NO_5XX = Answer("NO_5XX")
LOGIN_ADM = Answer("LOGIN_ADM", 302)
ERROR = Answer("ERROR", 500)


@dataclass(frozen=True)
class Row:
    key: str  # the pattern's name (or route, when it has none)
    what: str  # which object, in words
    target: Callable[[Any], Any]  # world -> kwargs (dict), args (tuple) or a path (str)
    answers: tuple[Answer, ...]  # in the order of ROLES
    # Text that must appear on a 200 page for the roles in `shown_to`, and never for others.
    text: str = ""
    shown_to: str = ""
    login_next: Callable[[Any], str] | None = None  # where LOGIN comes back to, if not here
    debug_only: bool = False  # a pattern that exists only with DEBUG on (media files)


def with_former_members(answers, ex=None, off=None) -> tuple:
    """The five answers given, and those of a former member (as `none`) and of a closed
    account (as `anon`)."""
    return (*answers, ex or answers[1], off or answers[0])


def row(key, what, target, *answers, ex=None, off=None, **options) -> Row:
    assert len(answers) == 5, key
    return Row(key, what, target, with_former_members(answers, ex, off), **options)


class PerLanguage(dict):
    """A target given as one path per language (pages have their own slugs in each)."""

    def __init__(self, **paths):
        super().__init__(paths)


def NONE(w):
    return {}


MEMBERS = "mem oth fac"

# ---- the public side (both languages)
# fmt: off
PUBLIC = [
    # key                              object                      target                                                            anon   none    mem    oth    fac
    row("healthz",                     "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("bench_baseline",              "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("sitemap",                     "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="leccion-reservada", shown_to=""),
    row("robots_txt",                  "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("^media/(?P<path>.*)$",        "a private file's name",    lambda w: "/media/" + w.members_attachment.file.name,              NF,    NF,     NF,    NF,    NF,  debug_only=True),
    row("wagtaildocs_serve",           "public library file",      lambda w: (w.public_document.pk, w.public_document.filename),     OK,    OK,     OK,    OK,    OK),
    row("wagtaildocs_serve",           "members-only resource's",  lambda w: (w.private_document.pk, w.private_document.filename),   NF,    NF,     OK,    OK,    OK),
    row("wagtaildocs_serve",           "members-only workshop's",  lambda w: (w.material_document.pk, w.material_document.filename), NF,    NF,     OK,    OK,    OK),
    row("wagtaildocs_serve",           "mem's pending proposal's", lambda w: (w.proposal_document.pk, w.proposal_document.filename), NF,    NF,     OK,    NF,    OK),
    row("wagtaildocs_serve",           "wrong file name",          lambda w: (w.private_document.pk, "otro-nombre.pdf"),             NF,    NF,     NF,    NF,    NF),
    row("wagtaildocs_serve",           "used nowhere yet",         lambda w: (w.loose_document.pk, w.loose_document.filename),       NF,    NF,     NF,    NF,    OK),
    row("wagtaildocs_serve",           "public workshop's",        lambda w: (w.public_material_document.pk, w.public_material_document.filename),   OK, OK, OK, OK, OK),
    row("wagtaildocs_serve",           "draft workshop's",         lambda w: (w.draft_material_document.pk, w.draft_material_document.filename),     NF, NF, NF, NF, OK),
    row("wagtaildocs_serve",           "deleted workshop's",       lambda w: (w.deleted_material_document.pk, w.deleted_material_document.filename), NF, NF, NF, NF, OK),
    # The route that serves them (Wagtail's view with our headers): the same answers.
    row("document_download",           "public library file",      lambda w: (w.public_document.pk, w.public_document.filename),     OK,    OK,     OK,    OK,    OK),
    row("document_download",           "members-only resource's",  lambda w: (w.private_document.pk, w.private_document.filename),   NF,    NF,     OK,    OK,    OK),
    row("document_download",           "used nowhere yet",         lambda w: (w.loose_document.pk, w.loose_document.filename),       NF,    NF,     NF,    NF,    OK),
    row("document_download",           "members-only workshop's",  lambda w: (w.material_document.pk, w.material_document.filename), NF,    NF,     OK,    OK,    OK),
    row("document_download",           "public workshop's",        lambda w: (w.public_material_document.pk, w.public_material_document.filename),   OK, OK, OK, OK, OK),
    row("document_download",           "draft workshop's",         lambda w: (w.draft_material_document.pk, w.draft_material_document.filename),     NF, NF, NF, NF, OK),
    row("document_download",           "deleted workshop's",       lambda w: (w.deleted_material_document.pk, w.deleted_material_document.filename), NF, NF, NF, NF, OK),
    row("document_download",           "mem's pending proposal's", lambda w: (w.proposal_document.pk, w.proposal_document.filename), NF,    NF,     OK,    NF,    OK),
    row("wagtaildocs_authenticate_with_password", "no such restriction", lambda w: {"restriction_id": 999999},                       NF,    NF,     NF,    NF,    NF),
    row("set_language",                "GET, no next",             NONE,                                                             MOVED, MOVED,  MOVED, MOVED, MOVED),
    row("javascript-catalog",          "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    # allauth
    row("account_login",               "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("account_logout",              "GET asks to confirm",      NONE,                                                             MOVED, OK,     OK,    OK,    OK),
    row("account_inactive",            "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("account_signup",              "closed: by invitation",    NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("account_reauthenticate",      "-",                        NONE,                                                             LOGIN, OK,     OK,    OK,    OK),
    row("account_request_reauthentication_code", "-",              NONE,                                                             LOGIN, OK,     OK,    OK,    OK),
    row("account_confirm_reauthentication_code", "-",              NONE,                                                             LOGIN, MOVED,  MOVED, MOVED, MOVED),
    row("account_email",               "-",                        NONE,                                                             LOGIN, OK,     OK,    OK,    OK),
    row("account_email_verification_sent", "-",                    NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("account_change_password",     "-",                        NONE,                                                             LOGIN, OK,     OK,    OK,    OK),
    row("account_set_password",        "has one already",          NONE,                                                             LOGIN, MOVED,  MOVED, MOVED, MOVED),
    row("account_reset_password",      "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("account_confirm_login_code",  "no code asked",            NONE,                                                             MOVED, MOVED,  MOVED, MOVED, MOVED),
    row("account_confirm_email",       "made-up key",              lambda w: {"key": "made-up-key"},                                 OK,    OK,     OK,    OK,    OK),
    row("account_reset_password_from_key_done", "-",               NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("account_reset_password_from_key", "made-up key",          lambda w: {"uidb36": "1", "key": "made-up-key"},                  OK,    OK,     OK,    OK,    OK),
    row("account_reset_password_done", "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("mfa_index",                   "-",                        NONE,                                                             LOGIN, OK,     OK,    OK,    OK),
    row("mfa_authenticate",            "no login in progress",     NONE,                                                             MOVED, MOVED,  MOVED, MOVED, MOVED),
    row("mfa_reauthenticate",          "no second factor",         NONE,                                                             LOGIN, MOVED,  MOVED, MOVED, MOVED),
    row("mfa_activate_totp",           "asks the password again",  NONE,                                                             LOGIN, MOVED,  MOVED, MOVED, MOVED),
    row("mfa_deactivate_totp",         "none to deactivate",       NONE,                                                             LOGIN, NF,     NF,    NF,    NF),
    row("mfa_view_recovery_codes",     "none yet",                 NONE,                                                             LOGIN, NF,     NF,    NF,    NF),
    row("mfa_generate_recovery_codes", "asks the password again",  NONE,                                                             LOGIN, MOVED,  MOVED, MOVED, MOVED),
    row("mfa_download_recovery_codes", "none yet",                 NONE,                                                             LOGIN, NF,     NF,    NF,    NF),
    # members
    row("members:dashboard",           "-",                        NONE,                                                             LOGIN, OK,     OK,    OK,    OK),
    row("members:directory",           "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Beto Otro", shown_to=MEMBERS),
    row("members:directory",           "no one without a role",    NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Octavio Sin Rol", shown_to=""),
    row("members:directory",           "no former member",         NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Fermín Exmiembro", shown_to=""),
    row("members:directory",           "no closed account",        NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Clara Cuenta Cerrada", shown_to=""),
    row("members:invitation_accept",   "a pending invitation",     lambda w: {"token": w.invitation.token},                          OK,    OK,     OK,    OK,    OK),
    row("members:invitation_accept",   "made-up token",            lambda w: {"token": "no-such-token"},                             NF,    NF,     NF,    NF,    NF),
    row("members:notifications",       "the person's own",         NONE,                                                             LOGIN, OK,     OK,    OK,    OK,  text="Aviso privado para Ana", shown_to="mem"),
    row("members:notifications",       "a former member's own",    NONE,                                                             LOGIN, OK,     OK,    OK,    OK,  text="Aviso antiguo para Fermín", shown_to="ex"),
    row("members:core_group",          "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("members:apply",               "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("members:apply_thanks",        "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    # themes, lessons and experiences
    row("themes:index",                "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("themes:detail",               "a theme",                  lambda w: {"slug": w.theme.slug},                                 OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=MEMBERS),
    row("themes:detail",               "no such theme",            lambda w: {"slug": "no-existe"},                                  NF,    NF,     NF,    NF,    NF),
    row("themes:theme_feed_rss",       "a theme",                  lambda w: {"slug": w.theme.slug},                                 OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=""),
    row("themes:theme_feed_atom",      "a theme",                  lambda w: {"slug": w.theme.slug},                                 OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=""),
    row("themes:lesson_list",          "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=MEMBERS),
    row("themes:lesson_list",          "drafts never listed",      NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Borrador de Ana", shown_to=""),
    row("themes:feed_rss",             "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=""),
    row("themes:feed_atom",            "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=""),
    row("themes:lesson_detail",        "public lesson",            lambda w: {"slug": w.public_lesson.slug},                         OK,    OK,     OK,    OK,    OK,  text="Un comentario de Beto.", shown_to=MEMBERS),
    row("themes:lesson_detail",        "members-only lesson",      lambda w: {"slug": w.members_lesson.slug},                        NF,    NF,     OK,    OK,    OK),
    row("themes:lesson_detail",        "draft of mem",             lambda w: {"slug": w.draft_lesson.slug},                          NF,    NF,     NF,    NF,    NF),
    row("themes:lesson_detail",        "mem's lesson in review",   lambda w: {"slug": w.pending_lesson.slug},                        NF,    NF,     NF,    NF,    NF),
    row("themes:attachment",           "of the public lesson",     lambda w: {"slug": w.public_lesson.slug, "pk": w.public_attachment.pk},   OK, OK, OK, OK, OK),
    row("themes:attachment",           "of the members-only one",  lambda w: {"slug": w.members_lesson.slug, "pk": w.members_attachment.pk}, NF, NF, OK, OK, OK),
    row("themes:attachment",           "of mem's draft",           lambda w: {"slug": w.draft_lesson.slug, "pk": w.draft_attachment.pk},     NF, NF, OK, NF, OK),
    row("themes:attachment",           "under another lesson",     lambda w: {"slug": w.public_lesson.slug, "pk": w.members_attachment.pk},  NF, NF, NF, NF, NF),
    row("themes:comment_create",       "GET",                      lambda w: {"slug": w.public_lesson.slug},                         LOGIN, POST,   POST,  POST,  POST),
    row("themes:comment_hide",         "GET",                      lambda w: {"pk": w.comment.pk},                                   LOGIN, POST,   POST,  POST,  POST),
    row("themes:my_contributions",     "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Borrador de Ana", shown_to="mem"),
    row("themes:contribution_create",  "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK),
    row("themes:contribution_edit",    "draft of mem",             lambda w: {"pk": w.draft_lesson.pk},                              LOGIN, NF,     OK,    NF,    NF),
    row("themes:contribution_edit",    "in review: not editable",  lambda w: {"pk": w.pending_lesson.pk},                            LOGIN, NF,     MOVED, NF,    NF),
    row("themes:contribution_preview", "draft of mem",             lambda w: {"pk": w.draft_lesson.pk},                              LOGIN, NF,     OK,    NF,    OK),
    row("themes:contribution_submit",  "GET",                      lambda w: {"pk": w.draft_lesson.pk},                              LOGIN, POST,   POST,  POST,  POST),
    row("themes:contribution_withdraw", "GET",                     lambda w: {"pk": w.pending_lesson.pk},                            LOGIN, POST,   POST,  POST,  POST),
    # workshops
    row("workshops:list",              "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Taller reservado", shown_to=MEMBERS),
    row("workshops:list",              "drafts never listed",      NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Taller en borrador", shown_to=""),
    row("workshops:public_calendar",   "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Taller reservado", shown_to=""),
    row("workshops:personal_calendar", "mem's secret address",     lambda w: {"token": w.member_feed.token},                         OK,    OK,     OK,    OK,    OK),
    row("workshops:personal_calendar", "made-up token",            lambda w: {"token": "no-such-token"},                             NF,    NF,     NF,    NF,    NF),
    row("workshops:personal_calendar", "a former member's address", lambda w: {"token": w.former_feed.token},                        NF,    NF,     NF,    NF,    NF),
    row("workshops:personal_calendar", "a closed account's address", lambda w: {"token": w.closed_feed.token},                      NF,    NF,     NF,    NF,    NF),
    row("workshops:detail",            "public workshop",          lambda w: {"slug": w.workshop.slug},                              OK,    OK,     OK,    OK,    OK),
    row("workshops:detail",            "members-only workshop",    lambda w: {"slug": w.members_workshop.slug},                      NF,    NF,     OK,    OK,    OK),
    row("workshops:detail",            "draft workshop",           lambda w: {"slug": w.draft_workshop.slug},                        NF,    NF,     NF,    NF,    NF),
    row("workshops:detail",            "past workshop",            lambda w: {"slug": w.past_workshop.slug},                         OK,    OK,     OK,    OK,    OK),
    row("workshops:register",          "GET",                      lambda w: {"slug": w.workshop.slug},                              POST,  POST,   POST,  POST,  POST),
    row("workshops:cancel",            "GET",                      lambda w: {"slug": w.workshop.slug},                              POST,  POST,   POST,  POST,  POST),
    row("workshops:ics",               "public workshop",          lambda w: {"slug": w.workshop.slug},                              OK,    OK,     OK,    OK,    OK),
    row("workshops:ics",               "members-only workshop",    lambda w: {"slug": w.members_workshop.slug},                      NF,    NF,     OK,    OK,    OK),
    row("workshops:ics",               "draft workshop",           lambda w: {"slug": w.draft_workshop.slug},                        NF,    NF,     NF,    NF,    NF),
    row("workshops:my_workshops",      "-",                        NONE,                                                             LOGIN, DENIED, OK,    OK,    OK,  text="Taller público", shown_to="mem"),
    row("workshops:regenerate_calendar_token", "GET",              NONE,                                                             LOGIN, POST,   POST,  POST,  POST),
    # the library
    row("resources:library",           "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Informe reservado de la matriz", shown_to=MEMBERS),
    row("resources:library",           "proposals never listed",   NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Propuesta de Ana", shown_to=""),
    row("resources:propose",           "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK),
    row("resources:my_proposals",      "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Propuesta de Ana", shown_to="mem"),
    row("resources:foundational_document", "-",                    NONE,                                                             MOVED, MOVED,  MOVED, MOVED, MOVED),
    row("resources:detail",            "public resource",          lambda w: {"slug": w.public_resource.slug},                       OK,    OK,     OK,    OK,    OK),
    row("resources:detail",            "members-only resource",    lambda w: {"slug": w.members_resource.slug},                      NF,    NF,     OK,    OK,    OK),
    row("resources:detail",            "mem's proposal",           lambda w: {"slug": w.proposal.slug},                              NF,    NF,     NF,    NF,    NF),
    row("search",                      "a word in everything",     lambda w: "/buscar/?q=reservad",                                  OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=MEMBERS),
    row("search",                      "drafts never found",       lambda w: "/buscar/?q=borrador",                                  OK,    OK,     OK,    OK,    OK,  text="Borrador de Ana", shown_to=""),
    # Wagtail's page serving
    row("wagtailcore_authenticate_with_password", "no such restriction", lambda w: {"page_view_restriction_id": 999999, "page_id": w.foundational.pk}, NF, NF, NF, NF, NF),
    row("page_privacy_login",          "?next=a page",             lambda w: "/_util/login/?next=/temas/",                          LOGIN, LOGIN,  LOGIN, LOGIN, LOGIN, login_next=lambda w: "/temas/"),
    row("wagtailcore_login",           "shadowed by the above",    NONE,                                                             LOGIN, LOGIN,  LOGIN, LOGIN, LOGIN, login_next=lambda w: ""),
    row("wagtail_serve",               "home page",                lambda w: "/",                                                    OK,    OK,     OK,    OK,    OK),
    row("wagtail_serve",               "Foundational Document",    lambda w: PerLanguage(es=w.foundational.url, en=w.foundational_en.url), OK, OK, OK, OK, OK, text="Comentario de sección", shown_to=MEMBERS),
    row("wagtail_serve",               "an unpublished page",      lambda w: w.draft_page.get_url(),                                 NF,    NF,     NF,    NF,    NF),
    row("wagtail_serve",               "no such page",             lambda w: "/no-existe-esta-pagina/",                              NF,    NF,     NF,    NF,    NF),
]
# fmt: on

# ---- Wagtail's own admin screens: nobody without a role in the back office gets in.
# Their answers for facilitators are Wagtail's permissions (menus are checked below).
WAGTAIL_ADMIN = ("Wagtail admin screen", LOGIN, LOGIN, LOGIN, LOGIN, NO_5XX)
# ... except these, open to everyone:
# fmt: off
WAGTAIL_ADMIN_PUBLIC = [
    # Wagtail's log-in form is replaced by the portal's (allauth: rate limit, second factor).
    row("admin_login",                 "?next=/admin/", lambda w: "/admin/login/?next=/admin/", LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, login_next=lambda w: "/admin/"),
    row("admin_login",                 "?next elsewhere", lambda w: "/admin/login/?next=https://example.com/", LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, login_next=lambda w: ""),
    row("wagtailadmin_login",          "shadowed",   NONE,                             LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, login_next=lambda w: ""),
    # Logging out of the admin only by POST (Wagtail's view cleared the cookie on a GET).
    row("admin_logout",                "GET",        NONE,                             POST,  POST,  POST,  POST,  POST),
    row("wagtailadmin_logout",         "shadowed",   NONE,                             POST,  POST,  POST,  POST,  POST),
    row("wagtailadmin_password_reset", "disabled",   NONE,                             NF,    NF,    NF,    NF,    NF),
    row("wagtailadmin_password_reset_done", "disabled", NONE,                          NF,    NF,    NF,    NF,    NF),
    row("wagtailadmin_password_reset_confirm", "disabled", lambda w: {"uidb64": "MQ", "token": "x-x"}, NF, NF, NF, NF, NF),
    row("wagtailadmin_password_reset_complete", "disabled", NONE,                      NF,    NF,    NF,    NF,    NF),
    row("wagtailadmin_sprite",         "-",  NONE,                                     OK,    OK,    OK,    OK,    OK),
    row("wagtailadmin_javascript_catalog", "-", NONE,                                  OK,    OK,    OK,    OK,    OK),
    row("wagtailadmin_error_test",     "Wagtail's deliberate error", NONE,             LOGIN, LOGIN, LOGIN, LOGIN, ERROR),
    row("admin/^.*/$",                 "no such screen", lambda w: "/admin/no-such-screen/", LOGIN_ADM, LOGIN_ADM, LOGIN_ADM, LOGIN_ADM, NF),
]
# fmt: on


# ---- Our admin screens: each namespace, the object its ids point at, and for every
# screen the facilitator's answer (the other roles get WAGTAIL_ADMIN's).
def _revision(obj):
    return obj.latest_revision_id


def _task_state(obj):
    state = obj.current_workflow_state
    return state.current_task_state_id if state else 0


def _workflow_state(obj):
    state = obj.current_workflow_state
    return state.pk if state else 0


@dataclass(frozen=True)
class AdminScreens:
    obj: Callable[[Any], Any]
    facilitator: dict[str, Answer] = field(default_factory=dict)


SNIPPET_SCREENS = {
    "list": OK,
    "list_results": OK,
    "edit": OK,
    "usage": OK,
    "history": OK,
    "history_results": OK,
    "inspect": OK,
    "revisions_revert": OK,
    "revisions_compare": OK,
    "revisions_unschedule": OK,
    "unpublish": OK,
    "lock": POST,
    "unlock": NO_ADM,  # not locked
    "workflow_action": OK,
    "collect_workflow_action_data": OK,
    "confirm_workflow_cancellation": OK,
    "workflow_history": OK,
    "workflow_history_detail": OK,
}
CHOOSER_SCREENS = {
    "choose": OK,
    "choose_results": OK,
    "chosen": OK,
    "chosen_multiple": OK,
}
GENERIC_SCREENS = {
    "index": OK,
    "index_results": OK,
    "history": OK,
    "history_results": OK,
    "usage": OK,
}

ADMIN_SCREENS = {
    "wagtailsnippets_themes_contribution": AdminScreens(
        lambda w: w.pending_lesson,
        {
            **SNIPPET_SCREENS,
            "delete": NO_ADM,
            "archive": OK,
            "unarchive": MOVED,  # not archived: back to the edit screen
            "feature": MOVED,  # asks nothing: the edit screen says why not
            "unfeature": MOVED,
        },
    ),
    "wagtailsnippetchoosers_themes_contribution": AdminScreens(
        lambda w: w.public_lesson,
        {**CHOOSER_SCREENS, "create": NO_ADM},  # members write them
    ),
    "moderation_queue": AdminScreens(lambda w: None, {"index": OK, "index_results": OK}),
    "contribution_comments": AdminScreens(
        lambda w: w.comment, {**GENERIC_SCREENS, "inspect": OK, "hide": OK, "unhide": MOVED}
    ),
    "wagtailsnippets_resources_resource": AdminScreens(
        lambda w: w.proposal, {**SNIPPET_SCREENS, "add": OK, "delete": NO_ADM}
    ),
    "wagtailsnippetchoosers_resources_resource": AdminScreens(
        lambda w: w.public_resource, {**CHOOSER_SCREENS, "create": OK}
    ),
    "wagtailadmin_api:documents": AdminScreens(
        lambda w: w.private_document, {"listing": OK, "detail": OK, "find": NF}
    ),
    # Facilitators upload and manage the library's files and the workshops' materials
    # (Wagtail checks its own wagtaildocs permissions: members.roles grants them).
    "wagtaildocs": AdminScreens(
        lambda w: w.private_document,
        {
            "index": OK,
            "index_results": OK,
            "add": OK,
            "edit": OK,
            "delete": NO_ADM,  # deleting files is for administrators (members.roles)
            "document_usage": OK,
            "add_multiple": OK,
            "edit_multiple": POST,
            "create_multiple_from_uploaded_document": POST,
            "delete_multiple": POST,
            "delete_upload_multiple": POST,
        },
    ),
    "wagtailusers_users": AdminScreens(
        lambda w: w.member,
        {
            "index": OK,  # facilitators may see who has an account (members.view_user)
            "index_results": OK,
            "add": NO_ADM,
            "edit": NO_ADM,
            "delete": NO_ADM,
            "history": NO_ADM,
            "history_results": NO_ADM,
            "usage": NO_ADM,
            "copy": NO_ADM,
        },
    ),
    "membership_applications": AdminScreens(
        lambda w: w.application,
        {**GENERIC_SCREENS, "delete": NO_ADM, "inspect": OK, "accept": OK, "decline": OK},
    ),
    "institutions": AdminScreens(
        lambda w: w.institution_b,
        {**GENERIC_SCREENS, "add": OK, "edit": OK, "delete": NO_ADM, "inspect": OK},
    ),
    "invitations": AdminScreens(
        lambda w: w.invitation,
        {
            **GENERIC_SCREENS,
            "add": OK,
            "edit": OK,
            "delete": NO_ADM,
            "resend": OK,
            "revoke": OK,
        },
    ),
    "section_comments": AdminScreens(
        lambda w: w.section_comment,
        {**GENERIC_SCREENS, "inspect": OK, "hide": OK, "unhide": MOVED},
    ),
    "workshop_admin": AdminScreens(
        lambda w: w.workshop,
        {
            **GENERIC_SCREENS,
            "add": OK,
            "edit": OK,
            "delete": NO_ADM,
            "registrations": OK,
            "attendance": POST,
            "confirm": POST,
            "walk_in_add": POST,
            "walk_in_remove": POST,
            "duplicate": OK,
            "cancel": OK,
            "message": OK,
        },
    ),
    "workshop_commitments": AdminScreens(
        lambda w: w.commitment, {**GENERIC_SCREENS, "edit": OK, "delete": NO_ADM}
    ),
}


def _admin_kwargs(pattern, obj, w) -> dict:
    values = {
        "pk": getattr(obj, "pk", 1),
        "document_id": getattr(obj, "pk", 1),
        "doc_id": getattr(obj, "pk", 1),
        "uploaded_file_id": 1,
        "revision_id": _revision(obj) if hasattr(obj, "latest_revision_id") else 1,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": _task_state(obj) if hasattr(obj, "current_workflow_state") else 1,
        "workflow_state_id": (
            _workflow_state(obj) if hasattr(obj, "current_workflow_state") else 1
        ),
        "action_name": "approve",
        "registration_pk": w.registration.pk,
        "walk_in_pk": 1,
    }
    route = pattern.route
    return {name: value for name, value in values.items() if f"{name}>" in route}


def _split(key: str) -> tuple[str, str]:
    namespace, _sep, name = key.rpartition(":")
    return namespace, name


# ---- From the tables to the cases walked


@dataclass(frozen=True)
class Case:
    pattern_key: str
    what: str
    answers: tuple[Answer, ...]
    url: Callable[[Any, str], str]
    row: Row | None = None

    def __str__(self):
        return f"{self.pattern_key} [{self.what}]"


PATTERNS = {pattern.key: pattern for pattern in all_patterns()}


def _row_url(r: Row, pattern):
    def build(w, language):
        target = r.target(w)
        if isinstance(target, PerLanguage):
            return target[language]
        if isinstance(target, str):
            return url_for(pattern, language, path=target)
        if isinstance(target, tuple):
            return url_for(pattern, language, args=target)
        return url_for(pattern, language, kwargs=target)

    return build


def _cases() -> tuple[list[Case], list[str]]:
    """Every case to walk, and the patterns nobody wrote an expectation for."""
    cases, missing = [], []
    rows: dict[str, list[Row]] = {}
    for r in PUBLIC + WAGTAIL_ADMIN_PUBLIC:
        rows.setdefault(r.key, []).append(r)
    for key, pattern in PATTERNS.items():
        if key in rows:
            cases += [Case(key, r.what, r.answers, _row_url(r, pattern), r) for r in rows[key]]
            continue
        if not pattern.route.startswith("admin/"):
            missing.append(key)
            continue
        namespace, name = _split(key)
        screens = ADMIN_SCREENS.get(namespace)
        if screens is not None and name in screens.facilitator:
            answers = with_former_members((*WAGTAIL_ADMIN[1:5], screens.facilitator[name]))

            def build(w, language, pattern=pattern, screens=screens):
                obj = screens.obj(w)
                return reverse(pattern.name, kwargs=_admin_kwargs(pattern, obj, w) or None)

            cases.append(Case(key, "our admin screen", answers, build))
        elif pattern.ours or screens is not None:
            missing.append(key)
        else:
            cases.append(
                Case(
                    key,
                    WAGTAIL_ADMIN[0],
                    with_former_members(WAGTAIL_ADMIN[1:]),
                    lambda w, lang, p=pattern: dummy_url(p),
                )
            )
    stale = [
        key
        for key, its_rows in rows.items()
        if key not in PATTERNS and not all(r.debug_only for r in its_rows)
    ]
    return cases, missing + [f"{key} (no such pattern: remove its row)" for key in stale]


CASES, MISSING = _cases()


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
    Attempt("hide a section comment", "mem", lambda w: w.foundational.url, lambda w: {"action": "hide", "comment": w.section_comment.pk, "reason": "x"}, DENIED, lambda w: not _hidden(type(w.section_comment), w.section_comment.pk)),
    Attempt("comment on the members-only lesson", "none", lambda w: f"/lecciones/{w.members_lesson.slug}/comentar/", lambda w: {"body": "Hola"}, NF, lambda w: Comment.objects.count() == 2),
    Attempt("comment on mem's draft", "oth", lambda w: f"/lecciones/{w.draft_lesson.slug}/comentar/", lambda w: {"body": "Hola"}, NF, lambda w: Comment.objects.count() == 2),
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
    Attempt("comment on a section", "ex", lambda w: w.foundational.url, lambda w: {"anchor": next(iter(w.foundational.section_anchors())), "body": "De Fermín"}, DENIED, lambda w: not type(w.section_comment).objects.filter(body="De Fermín").exists()),
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
