"""The public side of the lessons: the list with its filters, a lesson's page, attachments,
comments, and the latest lessons on a theme page."""

import datetime

import pytest
from django.utils import timezone

from members.models import Notification, Sector
from tests.factories import (
    ContributionFactory,
    InstitutionFactory,
    MemberFactory,
    district,
    districts_of,
)
from tests.themes.lessons_helpers import attach, publish, soup
from themes import services
from themes.models import Comment, Contribution, ContributionKind, Visibility

pytestmark = pytest.mark.django_db

LIST = "/en/lecciones/"


def titles(response) -> list[str]:
    return [link.text.strip() for link in soup(response).select(".lesson-results .card-title a")]


def option_counts(response, name) -> dict[str, str]:
    page = soup(response)
    return {
        option["value"]: option.text.strip()
        for option in page.select(f"select[name={name}] option")
        if option["value"]
    }


def set_published(contribution, year, month=6):
    when = timezone.make_aware(datetime.datetime(year, month, 15, 12, 0))
    Contribution.objects.filter(pk=contribution.pk).update(
        first_published_at=when, last_published_at=when
    )


# ---- The list


def test_list_shows_cards_with_what_a_reader_needs(anon_client, water, member, time_machine):
    # New Year's Eve, 22:00 in Lima, already 2027 in UTC: the card gives Lima's year.
    time_machine.move_to(datetime.datetime(2027, 1, 1, 3, 0, tzinfo=datetime.UTC), tick=False)
    mine = InstitutionFactory(name="Junta de Usuarios de Ilo", sector=Sector.CIVIL_SOCIETY)
    author = MemberFactory(institution=mine)
    partner = MemberFactory(institution=InstitutionFactory(name="Universidad Nacional de Moquegua"))
    publish(
        title="Turnos de riego acordados en el valle de Ilo",
        summary="Regantes y empresa acordaron turnos de agua con actas públicas.",
        primary_theme=water,
        kind=ContributionKind.GOOD_PRACTICE,
        districts=districts_of("ilo"),
        author=author,
        tags=["agua", "riego"],
        coauthors=[partner],
        anti_corruption_focus=True,
    )

    response = anon_client.get(LIST)

    assert response.status_code == 200
    card = soup(response).select_one(".lesson-results .card")
    text = " ".join(card.text.split())
    assert "Turnos de riego acordados en el valle de Ilo" in text
    assert "Integrated water resources management" in text
    assert "Good practice" in text
    assert "Regantes y empresa acordaron" in text
    assert "Junta de Usuarios de Ilo, Universidad Nacional de Moquegua" in text
    assert "Ilo" in text
    published = card.select_one("time")
    assert published.text == "2026"
    assert published["datetime"].startswith("2026-12-31T22:00")
    assert "#agua" in text and "#riego" in text
    assert "Transparency and anti-corruption" in text
    assert "Members only" not in text
    assert card.select_one("a")["href"].startswith("/en/lecciones/")


def test_members_only_cards_are_marked_for_members(member_client, water):
    publish(title="Acta reservada de la mesa", primary_theme=water, visibility=Visibility.MEMBERS)
    publish(title="Informe abierto", primary_theme=water)

    response = member_client.get(LIST)

    cards = {
        card.select_one(".card-title").text.strip(): card.text
        for card in soup(response).select(".lesson-results .card")
    }
    assert "Members only" in cards["Acta reservada de la mesa"]
    assert "Members only" not in cards["Informe abierto"]


def test_drafts_archived_and_members_only_are_not_listed_for_the_public(anon_client, water):
    publish(title="Publicado y público", primary_theme=water)
    publish(title="Solo para miembros", primary_theme=water, visibility=Visibility.MEMBERS)
    ContributionFactory(title="Borrador sin enviar", primary_theme=water, published=False)
    archived = publish(title="Archivado", primary_theme=water)
    Contribution.objects.filter(pk=archived.pk).update(is_archived=True)

    response = anon_client.get(LIST)

    assert titles(response) == ["Publicado y público"]
    assert soup(response).select_one("#results-title").text.strip() == "1 contribution"


def test_filters_by_theme_primary_or_secondary(anon_client, water, environment):
    publish(title="Agua principal", primary_theme=water)
    publish(title="Ambiente con agua", primary_theme=environment, secondary_themes=[water])
    publish(title="Solo ambiente", primary_theme=environment)

    response = anon_client.get(LIST, {"theme": water.slug})

    assert sorted(titles(response)) == ["Agua principal", "Ambiente con agua"]
    counts = option_counts(response, "theme")
    assert counts[water.slug] == "Integrated water resources management (2)"
    # The theme's own filter does not narrow its counts: switching shows what you get.
    assert counts[environment.slug] == "Environment (2)"


def test_filters_by_kind_sector_institution_province_tag_year_and_focus(anon_client, water):
    university = InstitutionFactory(name="Universidad de Moquegua", sector=Sector.ACADEMIA)
    municipality = InstitutionFactory(
        name="Municipalidad de Torata", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    target = publish(
        title="La que buscamos",
        primary_theme=water,
        kind=ContributionKind.EXPERIENCE,
        author=MemberFactory(institution=university),
        districts=[district("omate")],
        tags=["relaves"],
        anti_corruption_focus=True,
    )
    set_published(target, 2024)
    for title, changes in [
        ("Otro tipo", {"kind": ContributionKind.LESSON}),
        ("Otro sector", {"author": MemberFactory(institution=municipality)}),
        ("Otra provincia", {"districts": [district("pacocha")]}),
        ("Otra etiqueta", {"tags": ["agua"]}),
        ("Sin enfoque", {"anti_corruption_focus": False}),
    ]:
        fields = {
            "primary_theme": water,
            "kind": ContributionKind.EXPERIENCE,
            "author": MemberFactory(institution=university),
            "districts": [district("omate")],
            "tags": ["relaves"],
            "anti_corruption_focus": True,
            **changes,
        }
        set_published(publish(title=title, **fields), 2024)
    other_year = publish(
        title="Otro año",
        primary_theme=water,
        kind=ContributionKind.EXPERIENCE,
        author=MemberFactory(institution=university),
        districts=[district("omate")],
        tags=["relaves"],
        anti_corruption_focus=True,
    )
    set_published(other_year, 2023)

    response = anon_client.get(
        LIST,
        {
            "kind": "experience",
            "sector": Sector.ACADEMIA,
            "institution": university.pk,
            "province": "general-sanchez-cerro",
            "tag": "relaves",
            "year": "2024",
            "anticorruption": "1",
        },
    )

    assert response.status_code == 200
    assert titles(response) == ["La que buscamos"]
    assert option_counts(response, "year") == {"2024": "2024 (1)", "2023": "2023 (1)"}
    assert option_counts(response, "kind")["lesson"] == "Lesson learned (1)"
    assert option_counts(response, "tag") == {"agua": "agua (1)", "relaves": "relaves (1)"}
    active = soup(response).select(".active-filters li")
    assert len(active) == 7
    assert any("Institution: Universidad de Moquegua" in li.text for li in active)

    # Removing one filter keeps the others.
    remove_year = next(li.a["href"] for li in active if "Year" in li.text)
    assert "year=" not in remove_year and "tag=relaves" in remove_year
    assert sorted(titles(anon_client.get(remove_year))) == ["La que buscamos", "Otro año"]


def test_bad_filter_values_are_reported_and_ignored_never_a_server_error(anon_client, water):
    publish(title="Una lección", primary_theme=water, kind=ContributionKind.LESSON)

    response = anon_client.get(
        LIST,
        {
            "kind": "lesson",
            "theme": "no-existe",
            "sector": "<script>",
            "institution": "abc",
            "year": "1e9",
            "tag": "no vale!",
            "sort": "random",
            "q": "x" * 300,
            "page": "dos",
        },
    )

    assert response.status_code == 200
    summary = soup(response).select_one(".error-summary")
    assert summary is not None
    assert "There is no theme with this name." in summary.text
    assert "<script>" not in response.content.decode()
    # The valid filter still applies; the bad ones are ignored.
    assert titles(response) == ["Una lección"]


@pytest.mark.parametrize("value", ["0", "-3", "99999999999999999999", "1.5", "null"])
def test_odd_institution_and_year_values(anon_client, value):
    response = anon_client.get(LIST, {"institution": value, "year": value, "page": value})
    assert response.status_code == 200


def test_pagination_twelve_per_page_and_odd_page_numbers(anon_client, water):
    for number in range(13):
        contribution = publish(title=f"Lección {number:02d}", primary_theme=water)
        set_published(contribution, 2020 + number // 12, month=1 + number % 12)

    first = anon_client.get(LIST)
    assert len(titles(first)) == 12
    assert titles(first)[0] == "Lección 12"
    assert soup(first).select_one('.pagination a[rel="next"]')["href"] == "?page=2"

    assert titles(anon_client.get(LIST, {"page": 2})) == ["Lección 00"]
    assert titles(anon_client.get(LIST, {"page": 999})) == ["Lección 00"]
    assert len(titles(anon_client.get(LIST, {"page": "abc"}))) == 12

    oldest = anon_client.get(LIST, {"sort": "oldest", "page": 2})
    assert titles(oldest) == ["Lección 12"]
    next_link = soup(anon_client.get(LIST, {"sort": "oldest"})).select_one('a[rel="next"]')
    assert next_link["href"] == "?sort=oldest&page=2"


def test_sort_by_title(anon_client, water):
    for title in ["Canon y obras", "agua para todos", "Relaves seguros"]:
        publish(title=title, primary_theme=water)

    response = anon_client.get(LIST, {"sort": "title"})

    assert titles(response) == ["agua para todos", "Canon y obras", "Relaves seguros"]


def test_the_list_works_without_javascript_and_advertises_its_feeds(anon_client):
    page = soup(anon_client.get(LIST))

    form = page.select_one("form#list-filters")
    assert form["method"] == "get"
    assert form.select_one('button[type="submit"]') is not None
    search = page.select_one('[role="search"] input[type="search"]')
    assert search["form"] == "list-filters" and search["name"] == "q"
    fields = [search, *form.select("select, input")]
    assert len(fields) == 11
    for field in fields:
        assert page.select_one(f'label[for="{field["id"]}"]') is not None
    rss = page.select_one('head link[rel="alternate"][type="application/rss+xml"]')
    atom = page.select_one('head link[rel="alternate"][type="application/atom+xml"]')
    assert rss["href"] == "/en/lecciones/rss/"
    assert atom["href"] == "/en/lecciones/atom/"
    assert not page.select("script")


def test_the_spanish_list_is_at_the_default_address(anon_client, water):
    publish(title="Lección en castellano", primary_theme=water)

    response = anon_client.get("/lecciones/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == "es"
    assert titles(response) == ["Lección en castellano"]


# ---- A lesson's page


@pytest.fixture
def lesson(water, environment):
    author = MemberFactory(
        full_name="Rosa Quispe",
        institution=InstitutionFactory(name="Asociación de Regantes de Ilo"),
    )
    coauthor = MemberFactory(
        full_name="Juan Mamani",
        institution=InstitutionFactory(name="Universidad Nacional de Moquegua"),
    )
    contribution = publish(
        title="Mesa técnica del agua en el valle de Ilo",
        slug="mesa-tecnica-del-agua",
        summary="Regantes, empresa y municipio acordaron turnos de riego con actas públicas.",
        primary_theme=water,
        secondary_themes=[environment],
        kind=ContributionKind.EXPERIENCE,
        districts=[district("el-algarrobal")],
        period_start=2021,
        period_end=2023,
        language="es",
        anti_corruption_focus=True,
        author=author,
        coauthors=[coauthor],
        tags=["agua", "riego"],
        context="Valle de Ilo, con escasez de agua en estiaje.",
        challenge="Conflictos por los turnos de riego.",
        actions="Una mesa técnica mensual con actas públicas.",
        results="Turnos acordados y cumplidos durante dos campañas.",
        lesson="Las actas públicas sostienen los acuerdos.",
        recommendations="Invitar desde el inicio a todos los usuarios del agua.",
    )
    attach(contribution, title="Acta de la mesa técnica (marzo)")
    return contribution


def test_detail_shows_the_structured_lesson(anon_client, lesson):
    response = anon_client.get("/en/lecciones/mesa-tecnica-del-agua/")

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").text.strip() == "Mesa técnica del agua en el valle de Ilo"
    headings = [h.text.strip() for h in page.select(".lesson-body h2")]
    assert headings == [
        "Context",
        "The problem or challenge",
        "What was done",
        "Results",
        "The lesson learned",
        "Recommendations for replicating it",
        "Tags",
        "Attachments",
    ]
    body = " ".join(page.select_one(".lesson-body").text.split())
    assert body.index("Valle de Ilo") < body.index("Conflictos") < body.index("Invitar desde")
    facts = " ".join(page.select_one(".lesson-facts").text.split())
    assert "Rosa Quispe · Asociación de Regantes de Ilo" in facts
    assert "Juan Mamani · Universidad Nacional de Moquegua" in facts
    assert "Integrated water resources management" in facts and "Environment" in facts
    assert "El Algarrobal (province of Ilo)" in facts
    place = page.select_one(".lesson-facts .place-list")
    assert [(a.text, a["href"]) for a in place.select("a")] == [
        ("El Algarrobal", "/en/territorio/ilo/el-algarrobal/"),
        ("province of Ilo", "/en/territorio/ilo/"),
    ]
    assert "2021\u20132023" in facts
    assert "Español" in facts
    assert "Transparency and anti-corruption" in page.select_one(".lesson-header").text
    tag_links = {a.text.strip(): a["href"] for a in page.select(".tag-links a")}
    assert tag_links == {"#agua": "/en/lecciones/?tag=agua", "#riego": "/en/lecciones/?tag=riego"}
    attachment = page.select_one(".attachment-list a")
    assert attachment.text.strip() == "Acta de la mesa técnica (marzo)"
    assert attachment["href"].startswith("/en/lecciones/mesa-tecnica-del-agua/adjuntos/")
    assert page.select_one("article.lesson")["lang"] == "es"


def test_detail_has_opengraph_canonical_and_feed_links(anon_client, lesson, served_at):
    served_at("https://comunidad.example.pe")

    page = soup(anon_client.get("/lecciones/mesa-tecnica-del-agua/"))

    def meta(name):
        tag = page.select_one(f'meta[property="{name}"]') or page.select_one(f'meta[name="{name}"]')
        return tag["content"]

    url = "https://comunidad.example.pe/lecciones/mesa-tecnica-del-agua/"
    assert page.select_one('link[rel="canonical"]')["href"] == url
    assert meta("og:url") == url
    assert meta("og:title") == "Mesa técnica del agua en el valle de Ilo"
    assert meta("og:description").startswith("Regantes, empresa y municipio")
    assert meta("og:type") == "article"
    assert meta("og:locale") == "es_PE"
    assert meta("twitter:card") == "summary"
    assert meta("twitter:title") == "Mesa técnica del agua en el valle de Ilo"
    feeds = [link["href"] for link in page.select('head link[rel="alternate"][type*="xml"]')]
    assert "/lecciones/rss/" in feeds and "/temas/recursos-hidricos/rss/" in feeds
    assert page.select_one('meta[name="robots"]') is None


def test_detail_shows_related_contributions(anon_client, lesson, water):
    publish(title="Otra experiencia del agua", primary_theme=water)
    publish(title="Solo para miembros del agua", primary_theme=water, visibility=Visibility.MEMBERS)

    page = soup(anon_client.get("/en/lecciones/mesa-tecnica-del-agua/"))

    related = [a.text.strip() for a in page.select(".related .card-title a")]
    assert related == ["Otra experiencia del agua"]


def test_text_is_escaped_never_executed(anon_client, water):
    publish(
        title="<script>alert(1)</script> Título",
        slug="titulo-con-html",
        summary='<img src=x onerror="alert(1)">',
        primary_theme=water,
        lesson="<b>negrita</b>",
    )

    response = anon_client.get("/lecciones/titulo-con-html/")

    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Título" in html
    assert "<img src=x" not in html
    assert "<b>negrita</b>" not in html


@pytest.mark.parametrize("state", ["draft", "archived", "unpublished"])
def test_detail_is_404_for_what_nobody_may_read(state, anon_client, member_client, water):
    contribution = publish(title="No visible", slug="no-visible", primary_theme=water)
    if state == "draft":
        Contribution.objects.filter(pk=contribution.pk).update(live=False, first_published_at=None)
    elif state == "archived":
        Contribution.objects.filter(pk=contribution.pk).update(is_archived=True)
    else:
        contribution.unpublish()

    assert anon_client.get("/lecciones/no-visible/").status_code == 404
    assert member_client.get("/lecciones/no-visible/").status_code == 404
    assert anon_client.get("/lecciones/no-existe/").status_code == 404


def test_members_only_detail_is_404_for_anonymous_and_readable_for_members(
    anon_client, member_client, water
):
    publish(
        title="Acta reservada",
        slug="acta-reservada",
        primary_theme=water,
        visibility=Visibility.MEMBERS,
    )

    assert anon_client.get("/lecciones/acta-reservada/").status_code == 404
    response = member_client.get("/en/lecciones/acta-reservada/")
    assert response.status_code == 200
    page = soup(response)
    assert "Members only" in page.select_one(".lesson-header").text
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"


def test_authors_get_an_edit_link(client, lesson):
    client.force_login(lesson.author)

    page = soup(client.get("/en/lecciones/mesa-tecnica-del-agua/"))

    assert page.select_one(f'a[href="/en/mis-contribuciones/{lesson.pk}/editar/"]') is not None


# ---- Attachments


def test_attachment_download(anon_client, lesson):
    attachment = lesson.attachments.get()

    response = anon_client.get(f"/lecciones/mesa-tecnica-del-agua/adjuntos/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        'attachment; filename="acta-de-la-mesa-tecnica-marzo.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert "/media/" not in attachment.file.path


def test_attachment_of_members_only_lesson_is_404_for_anonymous(
    anon_client, member_client, roleless_user, client, water
):
    reserved = publish(
        title="Reservada", slug="reservada", primary_theme=water, visibility=Visibility.MEMBERS
    )
    attachment = attach(reserved)
    url = f"/lecciones/reservada/adjuntos/{attachment.pk}/"

    assert anon_client.get(url).status_code == 404
    client.force_login(roleless_user)
    assert client.get(url).status_code == 404
    assert member_client.get(url).status_code == 200


def test_attachment_must_belong_to_the_lesson_in_the_address(anon_client, lesson, water):
    other = publish(title="Otra", slug="otra", primary_theme=water)
    attachment = lesson.attachments.get()

    assert anon_client.get(f"/lecciones/otra/adjuntos/{attachment.pk}/").status_code == 404
    assert anon_client.get(f"/lecciones/{other.slug}/adjuntos/999999/").status_code == 404


def test_missing_attachment_file_is_404(anon_client, lesson):
    attachment = lesson.attachments.get()
    attachment.file.storage.delete(attachment.file.name)

    url = f"/lecciones/mesa-tecnica-del-agua/adjuntos/{attachment.pk}/"
    assert anon_client.get(url).status_code == 404


def test_attachment_with_an_unexpected_type_is_served_as_bytes(anon_client, lesson):
    attachment = lesson.attachments.get()
    type(attachment).objects.filter(pk=attachment.pk).update(content_type="text/html")

    response = anon_client.get(f"/lecciones/mesa-tecnica-del-agua/adjuntos/{attachment.pk}/")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


# ---- Comments


def test_member_comments_and_the_authors_are_told(
    member, member_client, lesson, django_capture_on_commit_callbacks
):
    url = "/en/lecciones/mesa-tecnica-del-agua/comentar/"

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(url, {"body": "¿Cómo <b>convocaron</b> a la empresa?"})

    assert response.status_code == 302
    assert response["Location"] == "/en/lecciones/mesa-tecnica-del-agua/#comentarios"
    comment = Comment.objects.get()
    assert comment.author == member
    assert Notification.objects.filter(recipient=lesson.author, kind="comment").exists()
    page = soup(member_client.get("/en/lecciones/mesa-tecnica-del-agua/"))
    shown = page.select_one(f"#comentario-{comment.pk}")
    assert "¿Cómo <b>convocaron</b> a la empresa?" in shown.text
    assert shown.select_one("b") is None
    assert member.full_name in shown.text
    assert "1 comment" in page.select_one("#comments-title").text


def test_empty_comment_shows_the_error_on_the_page(member_client, lesson):
    response = member_client.post("/en/lecciones/mesa-tecnica-del-agua/comentar/", {"body": "   "})

    assert response.status_code == 400
    page = soup(response)
    assert "Write a comment before sending it." in page.select_one(".comment-form .errorlist").text
    assert page.select_one("#comment-body")["aria-invalid"] == "true"
    assert not Comment.objects.exists()


def test_over_long_comment_is_refused(member_client, lesson):
    response = member_client.post(
        "/en/lecciones/mesa-tecnica-del-agua/comentar/", {"body": "a" * 4001}
    )

    assert response.status_code == 400
    assert soup(response).select_one(".comment-form .errorlist") is not None
    assert not Comment.objects.exists()


def test_who_may_not_comment(anon_client, client, roleless_user, member_client, lesson, water):
    url = "/lecciones/mesa-tecnica-del-agua/comentar/"

    response = anon_client.post(url, {"body": "Hola"})
    assert response.status_code == 302 and "/cuentas/" in response["Location"]
    client.force_login(roleless_user)
    assert client.post(url, {"body": "Hola"}).status_code == 403
    assert member_client.get(url).status_code == 405
    ContributionFactory(primary_theme=water, published=False, slug="borrador")
    assert member_client.post("/lecciones/borrador/comentar/", {"body": "Hola"}).status_code == 404
    assert not Comment.objects.exists()


def test_the_comment_form_is_for_members_only(anon_client, client, roleless_user, lesson):
    anonymous = soup(anon_client.get("/en/lecciones/mesa-tecnica-del-agua/"))
    assert anonymous.select_one(".comment-form") is None
    login = anonymous.select_one(".comment-invitation a")
    assert login["href"].startswith("/en/cuentas/login/?next=")

    client.force_login(roleless_user)
    roleless = soup(client.get("/en/lecciones/mesa-tecnica-del-agua/"))
    assert roleless.select_one(".comment-form") is None
    assert "Your account is not a member's account yet." in roleless.text


def test_facilitator_hides_a_comment_with_a_reason(
    facilitator, facilitator_client, member, member_client, anon_client, lesson
):
    comment = services.comment_create(user=member, contribution=lesson, body="Texto ofensivo")
    detail = "/en/lecciones/mesa-tecnica-del-agua/"

    hide_form = soup(facilitator_client.get(detail)).select_one(f"#comentario-{comment.pk} form")
    assert hide_form["action"] == f"/en/comentarios/{comment.pk}/ocultar/"
    assert hide_form.select_one('input[name="reason"]').has_attr("required")
    assert soup(member_client.get(detail)).select_one(".comment-moderation") is None

    response = facilitator_client.post(
        f"/en/comentarios/{comment.pk}/ocultar/", {"reason": "Lenguaje ofensivo"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{detail}#comentario-{comment.pk}"
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Lenguaje ofensivo"
    assert comment.hidden_by == facilitator
    for client in (member_client, anon_client):
        page = soup(client.get(detail))
        assert page.select_one(f"#comentario-{comment.pk}") is None
        assert "Texto ofensivo" not in page.text
        assert "0 comments" in page.select_one("#comments-title").text
    shown = soup(facilitator_client.get(detail)).select_one(f"#comentario-{comment.pk}")
    assert "Hidden: Lenguaje ofensivo" in " ".join(shown.text.split())
    assert "Texto ofensivo" in shown.text


def test_hiding_needs_a_reason_and_a_facilitator(member, member_client, facilitator_client, lesson):
    comment = services.comment_create(user=member, contribution=lesson, body="Un comentario")
    url = f"/en/comentarios/{comment.pk}/ocultar/"

    response = facilitator_client.post(url, {"reason": "  "}, follow=True)
    assert "Say why the comment is hidden." in soup(response).select_one(".messages").text
    assert member_client.post(url, {"reason": "Porque sí"}).status_code == 403
    assert facilitator_client.get(url).status_code == 405
    assert (
        facilitator_client.post("/en/comentarios/999999/ocultar/", {"reason": "x"}).status_code
        == 404
    )
    comment.refresh_from_db()
    assert not comment.is_hidden


# ---- Theme pages


def test_theme_page_lists_its_latest_lessons_and_feeds(anon_client, water, environment):
    publish(title="Agua en Ilo", primary_theme=water)
    publish(title="Ambiente y agua", primary_theme=environment, secondary_themes=[water])
    publish(title="Solo ambiente", primary_theme=environment)
    publish(title="Agua reservada", primary_theme=water, visibility=Visibility.MEMBERS)

    page = soup(anon_client.get("/en/temas/recursos-hidricos/"))

    listed = sorted(
        a.text.strip() for a in page.select("#lessons-title ~ .card-grid .card-title a")
    )
    assert listed == ["Agua en Ilo", "Ambiente y agua"]
    more = page.select_one(".section-more a")
    assert more["href"] == "/en/lecciones/?theme=recursos-hidricos"
    feeds = [link["href"] for link in page.select('head link[rel="alternate"][type*="xml"]')]
    assert "/en/temas/recursos-hidricos/rss/" in feeds
    assert "/en/temas/recursos-hidricos/atom/" in feeds


def test_theme_page_without_lessons_says_so(anon_client, water):
    page = soup(anon_client.get("/en/temas/recursos-hidricos/"))

    assert (
        "No lessons have been published in this theme yet." in page.select_one(".empty-state").text
    )
