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

from django.urls import reverse

from .urlwalk import all_patterns, dummy_url, url_for

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
EVERYONE = "anon none mem oth fac ex off"

# ---- the public side (both languages)
# fmt: off
PUBLIC = [
    # key                              object                      target                                                            anon   none    mem    oth    fac
    row("healthz",                     "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("bench_baseline",              "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("sitemap",                     "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="leccion-reservada", shown_to=""),
    row("robots_txt",                  "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("oai",                         "members-only never",       lambda w: "/oai/?verb=ListRecords&metadataPrefix=oai_dc",          OK,    OK,     OK,    OK,    OK,  text="Informe reservado de la matriz", shown_to=""),
    row("oai",                         "proposals never",          lambda w: "/oai/?verb=ListRecords&metadataPrefix=oai_dc",          OK,    OK,     OK,    OK,    OK,  text="Propuesta de Ana", shown_to=""),
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
    row("account_request_reauthentication_code", "not offered",    NONE,                                                             LOGIN, DENIED, DENIED, DENIED, DENIED),
    row("account_confirm_reauthentication_code", "not offered",    NONE,                                                             LOGIN, DENIED, DENIED, DENIED, DENIED),
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
    row("themes:application_create",   "GET",                      lambda w: {"slug": w.public_lesson.slug},                         LOGIN, POST,   POST,  POST,  POST),
    row("themes:lesson_detail",        "its approved application", lambda w: {"slug": w.public_lesson.slug},                         OK,    OK,     OK,    OK,    OK,  text="Aplicación pública de Beto", shown_to=EVERYONE),
    row("themes:lesson_detail",        "an application in review", lambda w: {"slug": w.public_lesson.slug},                         OK,    OK,     OK,    OK,    OK,  text="Aplicación de Beto en revisión", shown_to=""),
    row("themes:lesson_detail",        "the report form",          lambda w: {"slug": w.public_lesson.slug},                         OK,    OK,     OK,    OK,    OK,  text="/lo-aplicamos/", shown_to=MEMBERS),
    row("themes:lesson_detail",        "members-only application", lambda w: {"slug": w.members_lesson.slug},                        NF,    NF,     OK,    OK,    OK,  text="Aplicación reservada de Beto", shown_to=MEMBERS),
    row("themes:comment_hide",         "GET",                      lambda w: {"pk": w.comment.pk},                                   LOGIN, POST,   POST,  POST,  POST),
    row("themes:my_contributions",     "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Borrador de Ana", shown_to="mem"),
    row("themes:contribution_create",  "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK),
    row("themes:contribution_edit",    "draft of mem",             lambda w: {"pk": w.draft_lesson.pk},                              LOGIN, NF,     OK,    NF,    NF),
    row("themes:contribution_edit",    "in review: not editable",  lambda w: {"pk": w.pending_lesson.pk},                            LOGIN, NF,     MOVED, NF,    NF),
    row("themes:contribution_preview", "draft of mem",             lambda w: {"pk": w.draft_lesson.pk},                              LOGIN, NF,     OK,    NF,    OK),
    row("themes:contribution_submit",  "GET",                      lambda w: {"pk": w.draft_lesson.pk},                              LOGIN, POST,   POST,  POST,  POST),
    row("themes:contribution_withdraw", "GET",                     lambda w: {"pk": w.pending_lesson.pk},                            LOGIN, POST,   POST,  POST,  POST),
    # prioritisation rounds (TAP-Plus): pending proposals only for their proposer; the ballot form only for members of an institution (never facilitators)
    row("themes:round_list",           "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Ronda de la matriz", shown_to="anon none mem oth fac ex off"),
    row("themes:round_list",           "drafts never listed",      NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Ronda en borrador de la matriz", shown_to=""),
    row("themes:round_detail",         "an open round",            lambda w: {"slug": w.round.slug},                                 OK,    OK,     OK,    OK,    OK,  text="Solución aprobada de la matriz", shown_to="anon none mem oth fac ex off"),
    row("themes:round_detail",         "mem's pending proposal",   lambda w: {"slug": w.round.slug},                                 OK,    OK,     OK,    OK,    OK,  text="Propuesta pendiente de Ana", shown_to="mem"),
    row("themes:round_detail",         "the ballot form",          lambda w: {"slug": w.round.slug},                                 OK,    OK,     OK,    OK,    OK,  text="ronda-de-la-matriz/votar/", shown_to="mem oth"),
    row("themes:round_detail",         "inst. A's ballot",         lambda w: {"slug": w.round.slug},                                 OK,    OK,     OK,    OK,    OK,  text='<option value="4" selected>', shown_to="mem"),
    row("themes:round_detail",         "a draft round",            lambda w: {"slug": w.draft_round.slug},                           NF,    NF,     NF,    NF,    NF),
    row("themes:round_detail",         "no such round",            lambda w: {"slug": "no-existe"},                                  NF,    NF,     NF,    NF,    NF),
    row("themes:solution_propose",     "GET",                      lambda w: {"slug": w.round.slug},                                 LOGIN, POST,   POST,  POST,  POST),
    row("themes:ballot_save",          "GET",                      lambda w: {"slug": w.round.slug},                                 LOGIN, POST,   POST,  POST,  POST),
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
    # open data, territory and the commitments register: public pages
    row("open_data",                   "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("territory:index",             "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("territory:province",          "a province",               lambda w: {"province": "ilo"},                                    OK,    OK,     OK,    OK,    OK),
    row("territory:province",          "no such province",         lambda w: {"province": "no-existe"},                              NF,    NF,     NF,    NF,    NF),
    row("territory:district",          "a district",               lambda w: {"province": "mariscal-nieto", "district": "torata"},   OK,    OK,     OK,    OK,    OK),
    row("territory:district",          "public application",       lambda w: {"province": "mariscal-nieto", "district": "torata"},   OK,    OK,     OK,    OK,    OK,  text="Aplicación pública de Beto", shown_to=EVERYONE),
    row("territory:district",          "members-only application never", lambda w: {"province": "mariscal-nieto", "district": "torata"}, OK, OK,    OK,    OK,    OK,  text="Aplicación reservada de Beto", shown_to=""),
    row("territory:district",          "district elsewhere",       lambda w: {"province": "ilo", "district": "torata"},              NF,    NF,     NF,    NF,    NF),
    row("workshops:commitments",       "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("workshops:commitment",        "of a public workshop",     lambda w: {"pk": w.commitment.pk},                                OK,    OK,     OK,    OK,    OK),
    row("workshops:commitment_summary", "-",                       NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("workshops:commitments_rss",   "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("workshops:commitments_calendar", "-",                     NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("workshops:commitment",        "no such commitment",       lambda w: {"pk": 999999},                                         NF,    NF,     NF,    NF,    NF),
    row("workshops:agreement_space",   "public space",             lambda w: {"slug": w.agreement_space.slug},                       OK,    OK,     OK,    OK,    OK),
    row("workshops:agreement_space",   "members-only space",       lambda w: {"slug": w.members_space.slug},                         NF,    NF,     OK,    OK,    OK),
    row("workshops:agreement_space",   "unpublished space",        lambda w: {"slug": w.draft_space.slug},                           NF,    NF,     NF,    NF,    NF),
    row("workshops:agreement_space",   "no such space",            lambda w: {"slug": "no-existe"},                                  NF,    NF,     NF,    NF,    NF),
    row("workshops:commitment_photo",  "a report with no photo",   lambda w: {"pk": w.report.pk},                                    NF,    NF,     NF,    NF,    NF),
    row("workshops:commitment_photo",  "no such report",           lambda w: {"pk": 999999},                                         NF,    NF,     NF,    NF,    NF),
    # Only another sector's members judge a report (B is of another sector than A; the
    # facilitator's institution is of A's sector); only the responsible institution's report.
    row("workshops:commitment_verdict", "inst. A's report",        lambda w: {"pk": w.report.pk},                                    LOGIN, DENIED, DENIED, OK,   DENIED, ex=DENIED),
    row("workshops:commitment_verdict", "no such report",          lambda w: {"pk": 999999},                                         LOGIN, NF,     NF,    NF,    NF),
    row("workshops:commitment_report", "commitment of inst. A",    lambda w: {"pk": w.commitment.pk},                                LOGIN, DENIED, OK,    DENIED, DENIED, ex=DENIED),
    row("workshops:commitment_report", "no such commitment",       lambda w: {"pk": 999999},                                         LOGIN, NF,     NF,    NF,    NF),
    row("workshops:my_commitments",    "-",                        NONE,                                                             LOGIN, NF,     OK,    OK,    OK,  text="Publicar el informe del taller.", shown_to="mem oth"),
    # the open data API (/api/): everyone gets what an anonymous visitor gets
    row("api:api-root",                "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:schema",                  "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:docs",                    "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:lesson-list",             "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Lección reservada", shown_to=""),
    row("api:lesson-list",             "drafts never listed",      NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Borrador de Ana", shown_to=""),
    row("api:lesson-detail",           "public lesson",            lambda w: {"slug": w.public_lesson.slug},                         OK,    OK,     OK,    OK,    OK,  text="Un comentario de Beto.", shown_to=""),
    row("api:lesson-detail",           "members-only lesson",      lambda w: {"slug": w.members_lesson.slug},                        NF,    NF,     NF,    NF,    NF),
    row("api:lesson-detail",           "draft of mem",             lambda w: {"slug": w.draft_lesson.slug},                          NF,    NF,     NF,    NF,    NF),
    row("api:workshop-list",           "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Taller reservado", shown_to=""),
    row("api:workshop-list",           "drafts never listed",      NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Taller en borrador", shown_to=""),
    row("api:workshop-detail",         "public workshop",          lambda w: {"slug": w.workshop.slug},                              OK,    OK,     OK,    OK,    OK),
    row("api:workshop-detail",         "members-only workshop",    lambda w: {"slug": w.members_workshop.slug},                      NF,    NF,     NF,    NF,    NF),
    row("api:workshop-detail",         "draft workshop",           lambda w: {"slug": w.draft_workshop.slug},                        NF,    NF,     NF,    NF,    NF),
    row("api:commitment-list",         "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:commitment-detail",       "made-up id",               lambda w: {"pk": 999999},                                         NF,    NF,     NF,    NF,    NF),
    row("api:agreement-space-list",    "members-only never",       NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Mesa reservada de la matriz", shown_to=""),
    row("api:agreement-space-list",    "unpublished never",        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Mesa sin publicar", shown_to=""),
    row("api:agreement-space-detail",  "public space",             lambda w: {"slug": w.agreement_space.slug},                       OK,    OK,     OK,    OK,    OK),
    row("api:agreement-space-detail",  "members-only space",       lambda w: {"slug": w.members_space.slug},                         NF,    NF,     NF,    NF,    NF),
    row("api:agreement-space-detail",  "unpublished space",        lambda w: {"slug": w.draft_space.slug},                           NF,    NF,     NF,    NF,    NF),
    row("api:commitment-report-list",  "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:commitment-report-detail", "inst. A's report",        lambda w: {"pk": w.report.pk},                                    OK,    OK,     OK,    OK,    OK),
    row("api:commitment-report-detail", "made-up id",              lambda w: {"pk": 999999},                                         NF,    NF,     NF,    NF,    NF),
    row("api:commitment-verdict-list", "a hidden note never",      NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="No vimos los árboles", shown_to=""),
    row("api:commitment-verdict-detail", "B's contest",            lambda w: {"pk": w.contest.pk},                                   OK,    OK,     OK,    OK,    OK,  text="No vimos los árboles", shown_to=""),
    row("api:commitment-verdict-detail", "made-up id",             lambda w: {"pk": 999999},                                         NF,    NF,     NF,    NF,    NF),
    row("api:province-list",           "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:province-detail",         "Ilo",                      lambda w: {"ubigeo": "1803"},                                     OK,    OK,     OK,    OK,    OK),
    row("api:province-detail",         "no such province",         lambda w: {"ubigeo": "9999"},                                     NF,    NF,     NF,    NF,    NF),
    row("api:district-list",           "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:district-detail",         "San Antonio",              lambda w: {"ubigeo": "180107"},                                   OK,    OK,     OK,    OK,    OK),
    row("api:district-detail",         "no such district",         lambda w: {"ubigeo": "180199"},                                   NF,    NF,     NF,    NF,    NF),
    row("api:institution-list",        "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:institution-detail",      "mem's institution",        lambda w: {"pk": w.member.institution_id},                        OK,    OK,     OK,    OK,    OK),
    row("api:resource-list",           "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK,  text="Informe reservado de la matriz", shown_to=""),
    row("api:resource-detail",         "public resource",          lambda w: {"slug": w.public_resource.slug},                       OK,    OK,     OK,    OK,    OK),
    row("api:resource-detail",         "members-only resource",    lambda w: {"slug": w.members_resource.slug},                      NF,    NF,     NF,    NF,    NF),
    row("api:resource-detail",         "mem's proposal",           lambda w: {"slug": w.proposal.slug},                              NF,    NF,     NF,    NF,    NF),
    row("api:theme-list",              "-",                        NONE,                                                             OK,    OK,     OK,    OK,    OK),
    row("api:theme-detail",            "a theme",                  lambda w: {"slug": w.theme.slug},                                 OK,    OK,     OK,    OK,    OK),
    row("api:not_found",               "any other address",        lambda w: "/api/no-existe/",                                      NF,    NF,     NF,    NF,    NF),
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
    "wagtailsnippets_themes_lessonapplication": AdminScreens(
        lambda w: w.pending_application, {**SNIPPET_SCREENS, "delete": NO_ADM}
    ),
    "wagtailsnippetchoosers_themes_lessonapplication": AdminScreens(
        lambda w: w.pending_application, {**CHOOSER_SCREENS, "create": NO_ADM}
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
        lambda w: w.contested,
        {
            **GENERIC_SCREENS,
            "add": OK,
            "edit": OK,
            "delete": NO_ADM,
            # The contested commitment, in the queue: its confirmation pages.
            "to_agenda": OK,
            "hide_note": OK,
            # The bulk update from a CSV (upload, preview, apply) and its template.
            "import": OK,
            "import_template": OK,
        },
    ),
    "prioritisation_rounds": AdminScreens(
        lambda w: w.round,
        {
            **GENERIC_SCREENS,
            "add": OK,
            "edit": OK,
            "delete": NO_ADM,
            "open": MOVED,  # already open: back, saying so
            "close": OK,
            "publish": MOVED,  # not closed yet
        },
    ),
    "prioritisation_solutions": AdminScreens(
        lambda w: w.pending_solution,
        {
            **GENERIC_SCREENS,
            "add": NO_ADM,
            "edit": OK,
            "delete": NO_ADM,
            "approve": OK,
            "reject": OK,
        },
    ),
    "agreement_spaces": AdminScreens(
        lambda w: w.agreement_space,
        {**GENERIC_SCREENS, "add": OK, "edit": OK, "delete": NO_ADM},
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
