"""Property-based tests (hypothesis): every public form and every query parameter, fed with
arbitrary text, very long strings, control characters, NUL bytes, lone surrogates and
broken UTF-8 (percent-encoded invalid bytes), SQL and HTML/JS payloads.

What must hold, whatever the input:
- never a server error (the client does not raise: it returns the 500 page, and we look);
- a form that refuses the input says why, on the page, in the visitor's language;
- what is stored is shown as text, never as markup (no `<script>` or `onerror=` comes back
  unescaped, on the page that shows it);
- redirects stay on the site.

Examples are bounded and derandomized, so that CI runs the same inputs every time
(FUZZ_SCALE=N multiplies their number for a longer hunt by hand).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from members.models import MembershipApplication, User
from tests.factories import InvitationFactory
from themes.models import Comment, Contribution

from .fuzz_values import bounded, encoded, texts, values
from .urlwalk import all_patterns

pytestmark = pytest.mark.django_db


def query(params: dict) -> str:
    return "&".join(f"{name}={encoded(value)}" for name, value in params.items())


def params_of(*names: str):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, values))


def form_of(**fields):
    """A form's data: each field fuzzed, or left at a valid value."""
    return st.fixed_dictionaries(
        {name: st.one_of(st.just(valid), values) for name, valid in fields.items()}
    )


MARKUP = re.compile(r"<\s*[a-zA-Z/!]|on[a-z]+\s*=", re.IGNORECASE)


def assert_no_markup_echoed(body: str, sent: dict) -> None:
    """No text that looks like markup comes back as it was sent."""
    for value in sent.values():
        if isinstance(value, str) and MARKUP.search(value) and "\x00" not in value:
            assert value not in body, f"echoed unescaped: {value[:80]!r}"


def text_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def assert_no_server_error(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


def post(client: Client, path: str, data: dict):
    body = query(data)
    return client.post(path, body, content_type="application/x-www-form-urlencoded")


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.fixture
def member_in(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.member)
    return client


# ---- Query parameters of the lists, the search and the feeds

LISTS = {
    "/lecciones/": (
        "q",
        "theme",
        "kind",
        "sector",
        "institution",
        "province",
        "district",
        "tag",
        "year",
        "anticorruption",
        "sort",
        "page",
    ),
    "/buscar/": ("q",),
    "/recursos/": (
        "q",
        "theme",
        "kind",
        "year",
        "institution",
        "language",
        "province",
        "district",
        "sort",
        "page",
    ),
    "/talleres/": ("periodo", "tema", "modalidad", "distrito", "page"),
    "/lecciones/rss/": ("q", "page"),
    "/en/lecciones/atom/": ("q",),
}


@bounded(120)
@given(
    path=st.sampled_from(sorted(LISTS)),
    data=st.data(),
    as_member=st.booleans(),
)
def test_query_parameters_never_break_a_list(world, visitor, member_in, path, data, as_member):
    params = data.draw(params_of(*LISTS[path]))
    response = (member_in if as_member else visitor).get(f"{path}?{query(params)}")
    assert_no_server_error(response, f"GET {path}?{query(params)[:200]}")
    assert response.status_code == 200
    assert_no_markup_echoed(text_of(response), params)


# Every public address with a part taken from the address itself (slugs, tokens, ids):
# walked with that part replaced by junk, as a robot or a mangled link would.
PARAMETERISED = sorted(
    pattern.route
    for pattern in all_patterns()
    if not pattern.route.startswith(("admin/", "^media"))
    and re.search(r"<\w+:\w+>|<\w+>|\(\?P<\w+>", pattern.route)
)


def _fill(route: str, junk: str) -> str:
    path = re.sub(r"<(?:\w+:)?\w+>", junk, route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", junk, path)
    path = re.sub(r"\([^)]*\)", junk, path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\Z", "")


@bounded(60)
@given(route=st.sampled_from(PARAMETERISED), value=values, as_member=st.booleans())
def test_junk_in_the_address_is_never_a_server_error(
    world, visitor, member_in, route, value, as_member
):
    junk = encoded(value).replace("%2F", "") or "x"
    path = _fill(route, junk)
    client = member_in if as_member else visitor
    response = client.get(path)
    assert_no_server_error(response, f"GET {path[:200]}")
    assert_no_markup_echoed(text_of(response), {"part": value})


# ---- Public forms


@bounded(40)
@given(
    fields=form_of(
        full_name="Juana Pérez",
        email="juana@example.org",
        position="Coordinadora",
        new_institution_name="Asociación de prueba",
        new_institution_short_name="ADP",
        new_institution_website="https://example.org",
        sector="civil_society",
        motivation="Queremos aprender de otras experiencias de vigilancia del canon.",
        consent="on",
    )
)
def test_join_form(world, visitor, fields):
    cache.clear()  # the open call's rate limit counts stored applications
    before = MembershipApplication.objects.count()
    response = post(visitor, "/unete/", fields)
    assert_no_server_error(response, "POST /unete/")
    if response.status_code == 302:
        assert response["Location"] == "/unete/gracias/"
        stored = MembershipApplication.objects.order_by("-pk").first()
        if MembershipApplication.objects.count() > before:
            assert "\x00" not in stored.full_name + stored.motivation + stored.position
    else:
        assert response.status_code == 200
        page = text_of(response)
        assert 'class="error-summary"' in page
        assert_no_markup_echoed(page, fields)


@bounded(25)
@given(fields=form_of(login="persona@example.org", password="una-clave"))
def test_login_form(world, visitor, fields):
    cache.clear()  # allauth's failed-login limit
    response = post(visitor, "/cuentas/login/", fields)
    assert_no_server_error(response, "POST /cuentas/login/")
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in visitor.session
    assert_no_markup_echoed(text_of(response), fields)


@bounded(25)
@given(fields=form_of(email="persona@example.org"))
def test_password_reset_form(world, visitor, fields):
    cache.clear()
    response = post(visitor, "/cuentas/password/reset/", fields)
    assert_no_server_error(response, "POST /cuentas/password/reset/")
    assert response.status_code in (200, 302, 429)
    assert_no_markup_echoed(text_of(response), fields)


@bounded(30)
@given(fields=form_of(language="en", next="/lecciones/"))
def test_language_switcher_stays_on_the_site(world, visitor, fields):
    for response in (
        post(visitor, "/i18n/setlang/", fields),
        visitor.get(f"/i18n/setlang/?{query(fields)}"),
    ):
        assert_no_server_error(response, "/i18n/setlang/")
        if response.status_code == 302:
            # Browsers read a backslash as a slash: "/\\evil.example" would leave the site.
            target = urlsplit(response["Location"].replace("\\", "/"))
            assert not target.scheme and not target.netloc, response["Location"]


# ---- Members' forms: what they store is shown as text


@bounded(30)
@given(body=texts)
def test_comment_form(world, member_in, body):
    cache.clear()  # the members' comment limit counts stored comments
    lesson = world.public_lesson
    response = post(member_in, f"/lecciones/{lesson.slug}/comentar/", {"body": body})
    assert_no_server_error(response, "POST comment")
    page = text_of(member_in.get(f"/lecciones/{lesson.slug}/"))
    if response.status_code == 302:
        stored = Comment.objects.filter(contribution=lesson).order_by("-pk").first()
        assert "\x00" not in stored.body
        assert_no_markup_echoed(page, {"body": body})
    else:
        assert response.status_code == 400
        assert 'class="errorlist' in text_of(response)
        assert_no_markup_echoed(text_of(response), {"body": body})


@bounded(25)
@given(
    fields=form_of(
        kind="lesson",
        title="Mesa de diálogo del agua",
        summary="Lo que aprendimos en la mesa de diálogo.",
        primary_theme="",
        language="es",
        visibility="public",
        tags="agua, diálogo",
        context="En Ilo, 2022.",
        period_start="2020",
    )
)
def test_lesson_submission_form(world, member_in, fields):
    fields = {**fields}
    if fields["primary_theme"] == "":
        fields["primary_theme"] = str(world.theme.pk)
    before = set(Contribution.objects.values_list("pk", flat=True))
    response = post(member_in, "/mis-contribuciones/nueva/", fields)
    assert_no_server_error(response, "POST lesson form")
    created = Contribution.objects.exclude(pk__in=before).first()
    if response.status_code == 302:
        assert created is not None
        draft = created.get_latest_revision_as_object()
        assert "\x00" not in draft.title + draft.summary + draft.context
        for path in ("/mis-contribuciones/", f"/mis-contribuciones/{created.pk}/vista-previa/"):
            shown = member_in.get(path)
            assert shown.status_code == 200
            assert_no_markup_echoed(text_of(shown), fields)
    else:
        assert response.status_code == 200 and created is None
        page = text_of(response)
        assert 'class="error-summary"' in page
        assert_no_markup_echoed(page, fields)


@bounded(15)
@given(
    fields=form_of(
        full_name="Rosa Quispe",
        position="Especialista",
        preferred_language="es",
        password1="una-clave-larga-y-segura-2024",
        password2="una-clave-larga-y-segura-2024",
    )
)
def test_invitation_acceptance_form(world, fields):
    invitation = InvitationFactory(institution=world.institution_a, invited_by=world.facilitator)
    client = Client(raise_request_exception=False)
    response = post(client, invitation.get_accept_path(), fields)
    assert_no_server_error(response, "POST invitation")
    if response.status_code == 200:
        page = text_of(response)
        assert 'class="error-summary"' in page or 'class="errorlist' in page
        assert_no_markup_echoed(page, fields)
    else:
        assert response.status_code == 302
        person = User.objects.get(email=invitation.email)
        assert "\x00" not in person.full_name + person.position


@bounded(15)
@given(fields=form_of(full_name="Ana Miembro", position="Analista", preferred_language="es"))
def test_profile_form(world, member_in, fields):
    response = post(member_in, "/miembros/", fields)
    assert_no_server_error(response, "POST profile")
    page = text_of(member_in.get("/miembros/"))
    assert_no_markup_echoed(page, fields)
    if response.status_code == 200:
        assert 'class="errorlist' in text_of(response) or "error-summary" in text_of(response)


@bounded(15)
@given(fields=form_of(anchor="", body="Una observación sobre esta sección."))
def test_section_comment_form(world, member_in, fields):
    cache.clear()  # the members' comment limit counts stored comments
    fields = {**fields}
    if fields["anchor"] == "":
        fields["anchor"] = next(iter(world.foundational.section_anchors()))
    response = post(member_in, world.foundational.url + "comentar/", fields)
    assert_no_server_error(response, "POST section comment")
    assert response.status_code in (302, 400)
    assert_no_markup_echoed(text_of(member_in.get(world.foundational.url)), fields)


@bounded(15)
@given(
    fields=form_of(
        title="Guía de vigilancia del canon",
        kind="guide",
        summary="Una guía práctica.",
        other_authors="MINEM",
        year="2021",
        language="es",
        tags="canon, guía",
        external_url="https://example.org/guia.pdf",
        visibility="public",
    )
)
def test_resource_proposal_form(world, member_in, fields):
    response = post(member_in, "/recursos/proponer/", fields)
    assert_no_server_error(response, "POST resource proposal")
    assert response.status_code in (302, 400)
    page = text_of(member_in.get("/recursos/mis-propuestas/"))
    assert_no_markup_echoed(page, fields)


@bounded(20)
@given(slug=values, extra=values)
def test_workshop_registration(world, member_in, slug, extra):
    path = f"/talleres/{encoded(slug).replace('%2F', '') or 'x'}/inscribirme/"
    response = post(member_in, path, {"next": extra})
    assert_no_server_error(response, f"POST {path[:200]}")
    assert response.status_code in (302, 404)


# ---- Fixed examples: the errors people read, and payloads shown as text


def test_a_nul_byte_in_a_comment_is_refused_with_a_spanish_message(world, member_in):
    response = member_in.post(
        f"/lecciones/{world.public_lesson.slug}/comentar/", {"body": "Hola\x00mundo"}
    )
    assert response.status_code == 400
    assert "Los caracteres nulos no están permitidos." in text_of(response)
    assert not Comment.objects.filter(body__contains="mundo").exists()


def test_a_comment_with_markup_is_shown_as_text(world, member_in):
    body = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    response = member_in.post(f"/lecciones/{world.public_lesson.slug}/comentar/", {"body": body})
    assert response.status_code == 302
    page = text_of(member_in.get(f"/lecciones/{world.public_lesson.slug}/"))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img src=x onerror" not in page


def test_a_lesson_title_with_markup_is_shown_as_text(world, member_in):
    title = '<img src=x onerror="alert(1)">Agua'
    response = member_in.post(
        "/mis-contribuciones/nueva/",
        {
            "kind": "lesson",
            "title": title,
            "summary": "Resumen.",
            "primary_theme": world.theme.pk,
            "language": "es",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    for path in ("/mis-contribuciones/", response["Location"]):
        page = text_of(member_in.get(path))
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Agua" in page
        assert "<img src=x" not in page


def test_the_join_form_says_what_is_wrong_in_spanish(world, visitor):
    response = visitor.post("/unete/", {"full_name": "Ana\x00", "email": "no-es-correo"})
    assert response.status_code == 200
    page = text_of(response)
    assert "Los caracteres nulos no están permitidos." in page
    assert not MembershipApplication.objects.filter(full_name__startswith="Ana").exists()


@pytest.mark.parametrize(
    "path", ["/miembros/invitacion/a%00b/", "/talleres/mi-calendario/a%00b.ics"]
)
def test_a_nul_byte_in_a_secret_link_is_a_404(world, visitor, path):
    # PostgreSQL cannot compare text with NUL: the lookup used to fail with a 500.
    assert visitor.get(path).status_code == 404


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_the_language_switcher_never_sends_people_off_the_site(world, visitor, next_url):
    response = visitor.post("/i18n/setlang/", {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/en/"  # the home page, in the language chosen
