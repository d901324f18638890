"""The Foundational Document: sections with anchors and a table of contents, version and
adoption date, revisions, printing, and the members' comments on its sections."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from members.models import Notification
from resources import services
from resources.page_content import h2, p
from resources.pages import SectionComment
from tests.factories import FacilitatorFactory, MemberFactory, UserFactory
from themes.services import comment_hide

from .page_helpers import make_document, soup

pytestmark = pytest.mark.django_db

URL = "/documento-fundacional/"
COMMENT_URL = URL + "comentar/"


def hide_url(comment) -> str:
    return f"{URL}comentarios/{comment.pk}/ocultar/"


@pytest.fixture
def document():
    return make_document()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def comment(document, author, anchor="proposito", body="Propongo precisar el alcance."):
    return services.section_comment_create(user=author, page=document, anchor=anchor, body=body)


# ---- Reading


def test_visitors_read_the_document(anon_client, document):
    response = anon_client.get(URL)

    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("h1").text.strip() == "Documento Fundacional"
    assert "Ningún sector es dueño de la Comunidad." in page.text
    assert page.select_one("figure.quote blockquote").text.strip() == (
        "La confianza se construye con hechos."
    )
    table = page.select_one(".table-wrap table")
    assert table.select_one("caption").text.strip() == "Roles"
    assert [th.text for th in table.select("thead th")] == ["Rol", "Qué hace"]
    assert table.select_one("tbody th[scope=row]").text.strip() == "Facilitación"
    assert page.select("[style]") == []
    assert page.select("script") == []


def test_table_of_contents_links_to_every_heading(anon_client, document):
    page = soup(anon_client.get(URL))

    toc = page.select_one("nav.toc")
    links = [(link["href"], link.text.strip()) for link in toc.select("a")]
    assert links == [
        ("#proposito", "1. Propósito"),
        ("#principios", "2. Principios"),
        ("#espacio-neutral", "Espacio neutral"),
        ("#miembros-y-roles", "3. Miembros y roles"),
    ]
    for href, text in links:
        target = page.find(id=href[1:])
        assert target.name in {"h2", "h3"}
        assert target.text.strip() == text
    # Subsections are nested under their section.
    assert toc.select_one("ol > li > ol a")["href"] == "#espacio-neutral"
    # Each section is a landmark-free <section> named by its heading.
    section = page.find(id="principios").find_parent("section")
    assert section["aria-labelledby"] == "principios"
    assert section.find(id="espacio-neutral") is not None


def test_a_heading_without_anchor_gets_one_from_its_text(anon_client):
    from resources.blocks import DocumentBodyBlock

    block = DocumentBodyBlock()
    value = block.to_python(
        [{"type": "heading", "value": {"text": "Cómo trabajamos", "level": "h2", "anchor": ""}}]
    )
    cleaned = block.clean(value)

    assert cleaned[0].value["anchor"] == "como-trabajamos"


def test_two_headings_cannot_share_an_anchor():
    from wagtail.blocks import StreamBlockValidationError

    from resources.blocks import DocumentBodyBlock

    block = DocumentBodyBlock()
    value = block.to_python(
        [
            {"type": "heading", "value": {"text": "Temas", "level": "h2", "anchor": "temas"}},
            {"type": "heading", "value": {"text": "Otros temas", "level": "h3", "anchor": "temas"}},
        ]
    )

    with pytest.raises(StreamBlockValidationError):
        block.clean(value)


def test_version_and_adoption_date_are_shown(anon_client):
    make_document(version="2.1", adopted_on=datetime.date(2022, 11, 18))

    page = soup(anon_client.get(URL))

    assert page.select_one(".doc-version").text.strip() == "2.1"
    adopted = page.select_one(".doc-adopted time")
    assert adopted["datetime"] == "2022-11-18"


def test_a_version_not_yet_adopted_says_so(anon_client, document):
    page = soup(anon_client.get(URL))

    assert page.select_one(".doc-adopted time") is None
    assert page.select_one(".doc-adopted").text.strip()


def test_publishing_a_new_version_keeps_the_previous_one_in_the_history(anon_client, document):
    document.version = "1.1"
    document.save_revision().publish()

    assert document.revisions.count() == 2
    first = document.revisions.order_by("created_at").first().as_object()
    assert first.version == "1.0"
    assert soup(anon_client.get(URL)).select_one(".doc-version").text.strip() == "1.1"


def test_the_table_of_contents_is_numbered_once():
    """The headings carry their numbers ("1. Propósito"): the list must add none, or a
    reader sees "1. 1. Propósito"."""
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    rule = re.search(r"^\.toc ol \{([^}]*)\}", css, re.MULTILINE)

    assert rule is not None and "list-style: none" in rule.group(1)


def publish_version(document, *, version, changes="", adopted_on=None, **fields):
    document = type(document).objects.get(pk=document.pk)
    document.version = version
    document.changes = changes
    document.adopted_on = adopted_on
    for name, value in fields.items():
        setattr(document, name, value)
    document.save_revision().publish()
    document.refresh_from_db()
    return document


def test_visitors_see_the_earlier_versions_with_their_date_and_what_changed(anon_client):
    document = make_document(
        version="1.0", changes="Primera versión.", adopted_on=datetime.date(2022, 11, 18)
    )
    publish_version(
        document,
        version="1.0",
        changes="Erratas corregidas.",
        adopted_on=datetime.date(2022, 11, 18),
    )
    publish_version(document, version="1.1", changes="Roles de la facilitación precisados.")

    page = soup(anon_client.get(URL))

    assert page.select_one('.doc-meta a[href="#doc-history-title"]').text.strip() == (
        "1 versión anterior"
    )
    history = page.select(".doc-history .past-version")
    assert len(history) == 1  # the live version (1.1) is not an "earlier" one
    assert history[0].select_one("a").text.strip() == "Versión 1.0"
    assert history[0].select_one("a")["href"] == URL + "versiones/1-0/"
    assert history[0].select_one("time")["datetime"] == "2022-11-18"
    assert "adoptada el" in history[0].text
    # The last publication under that number is the one listed.
    assert history[0].select_one(".past-version-changes").text.strip() == "Erratas corregidas."


def test_a_visitor_reads_an_earlier_version_as_it_was_published(anon_client, member):
    document = make_document(version="1.0")
    comment(document, member, body="Comentario interno de un miembro.")
    publish_version(
        document,
        version="2.0",
        changes="Se agregó la sección de temas.",
        body=[p("Texto nuevo."), h2("1. Temas", "temas")],
    )

    response = anon_client.get(URL + "versiones/1-0/")

    assert response.status_code == 200
    page = soup(response)
    assert "Ningún sector es dueño de la Comunidad." in page.text
    assert page.select_one(".doc-version").text.strip() == "1.0"
    notice = page.select_one(".past-version-notice")
    assert "versión 1.0" in notice.text
    assert notice.select_one("a")["href"] == URL
    assert page.select_one("nav.toc a")["href"] == "#proposito"
    assert "Comentario interno de un miembro." not in page.text
    assert page.select("form.comment-form") == []
    # The live document no longer has that text.
    assert "Ningún sector es dueño de la Comunidad." not in soup(anon_client.get(URL)).text


def test_an_unknown_or_the_live_version_is_not_found(anon_client, document):
    publish_version(document, version="1.1")

    assert anon_client.get(URL + "versiones/9-9/").status_code == 404
    assert anon_client.get(URL + "versiones/1-1/").status_code == 404
    assert anon_client.get(URL + "versiones/1-0/").status_code == 200


def test_members_read_an_earlier_version_without_comment_forms(member_client, member, document):
    comment(document, member, body="Comentario interno de un miembro.")
    publish_version(document, version="1.1")

    page = soup(member_client.get(URL + "versiones/1-0/"))

    assert page.select("form.comment-form") == []
    assert "Comentario interno de un miembro." not in page.text
    assert page.select(".section-comment-count") == []


def test_a_post_to_an_earlier_version_publishes_nothing(member_client, document):
    publish_version(document, version="1.1")

    member_client.post(URL + "versiones/1-0/", {"anchor": "proposito", "body": "Hola"})

    assert not SectionComment.objects.exists()


def test_print_layout_is_in_the_linked_stylesheet(anon_client, document):
    page = soup(anon_client.get(URL))

    stylesheets = [link["href"] for link in page.select('link[rel="stylesheet"]')]
    assert stylesheets == ["/static/css/portal.css"]
    css = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    print_blocks = [block.split("}\n}")[0] for block in css.split("@media print")[1:]]
    assert any(".section-comments" in block and "display: none" in block for block in print_blocks)


def test_document_queries_do_not_grow_with_comments(
    member_client, member, document, django_assert_max_num_queries
):
    comment(document, member)
    member_client.get(URL)
    with django_assert_max_num_queries(20) as few:
        member_client.get(URL)
    for anchor in ("proposito", "principios", "miembros-y-roles"):
        for _ in range(5):
            comment(document, MemberFactory(), anchor=anchor)
    with django_assert_max_num_queries(20) as many:
        response = member_client.get(URL)

    assert len(soup(response).select(".comment")) == 16
    assert len(many.captured_queries) == len(few.captured_queries)


# ---- Comments: members only


def test_visitors_see_no_comments_and_no_form(anon_client, document, member):
    comment(document, member, body="Comentario interno de un miembro.")

    page = soup(anon_client.get(URL))

    assert "Comentario interno de un miembro." not in page.text
    assert page.select(".section-comments") == []
    assert page.select("textarea") == []
    login = page.select_one(".comment-login a")
    assert login["href"].startswith(reverse("account_login"))


def test_visitors_see_how_many_comments_a_section_has_and_how_to_join(
    anon_client, document, member, facilitator
):
    comment(document, member, body="Comentario interno de un miembro.")
    comment(document, MemberFactory(), body="Otro comentario.")
    hidden = comment(document, member, anchor="principios", body="Fuera de lugar.")
    comment_hide(user=facilitator, comment=hidden, reason="Spam")

    page = soup(anon_client.get(URL))

    counts = page.select(".section-comment-count")
    assert len(counts) == 1  # the hidden comment is not counted
    assert counts[0].find_parent("section")["aria-labelledby"] == "proposito"
    text = " ".join(counts[0].text.split())
    assert text.startswith("2 comentarios de miembros en esta sección.")
    links = {a.text.strip(): a["href"] for a in counts[0].select("a")}
    assert links["inicie sesión"].startswith(reverse("account_login") + "?next=")
    assert links["únase a la Comunidad"] == reverse("members:apply")
    assert "Comentario interno de un miembro." not in page.text
    assert "Otro comentario." not in page.text


def test_the_cached_page_for_visitors_never_holds_a_comment_and_follows_the_count(
    anon_client, document, member, facilitator
):
    first = comment(document, member, body="Comentario interno de un miembro.")
    anon_client.get(URL)  # stored in the anonymous page cache
    cached = anon_client.get(URL)
    assert cached["X-Page-Cache"] == "hit"
    assert "Comentario interno de un miembro." not in cached.content.decode()
    assert "1 comentario de miembros" in soup(cached).select_one(".section-comment-count").text

    comment(document, MemberFactory(), body="Segundo comentario interno.")
    after_new = anon_client.get(URL)
    assert "2 comentarios de miembros" in soup(after_new).select_one(".section-comment-count").text
    assert "Segundo comentario interno." not in after_new.content.decode()

    comment_hide(user=facilitator, comment=first, reason="Repetido")
    after_hiding = anon_client.get(URL)
    assert (
        "1 comentario de miembros" in soup(after_hiding).select_one(".section-comment-count").text
    )


@pytest.mark.parametrize(
    "address", ["/buscar/?q=interno", "/lecciones/rss/", "/lecciones/atom/", "/sitemap.xml"]
)
def test_comments_never_reach_visitors_through_search_feeds_or_sitemap(
    anon_client, document, member, address
):
    comment(document, member, body="Comentario interno de un miembro.")

    response = anon_client.get(address)

    assert response.status_code == 200
    content = b"".join(response) if response.streaming else response.content
    assert "Comentario interno" not in content.decode()
    assert "#comentario-" not in content.decode()


def test_people_without_a_role_see_no_comments_either(document, member):
    comment(document, member, body="Comentario interno de un miembro.")

    page = soup(client_for(UserFactory()).get(URL))

    assert "Comentario interno de un miembro." not in page.text
    assert page.select("form.comment-form") == []


def test_members_see_comments_under_their_section_and_a_form_in_each(
    member_client, document, other_member
):
    comment(document, other_member, anchor="principios", body="¿Y la paridad de género?")

    page = soup(member_client.get(URL))

    principles = page.find(id="principios").find_parent("section")
    assert "¿Y la paridad de género?" in principles.select_one(".comment-list").text
    assert other_member.full_name in principles.select_one(".comment-meta").text
    purpose = page.find(id="proposito").find_parent("section")
    assert purpose.select_one(".comment-list") is None
    forms = page.select("form.comment-form")
    assert {form["action"] for form in forms} == {COMMENT_URL}
    assert [form.select_one("input[name=anchor]")["value"] for form in forms] == [
        "proposito",
        "principios",
        "miembros-y-roles",
    ]
    assert all(form.select_one("input[name=csrfmiddlewaretoken]") for form in forms)
    assert page.select(".comment-moderation") == []


def test_a_member_comments_on_a_section_and_facilitators_are_told(member_client, member, document):
    facilitator = FacilitatorFactory()

    response = member_client.post(
        COMMENT_URL, {"anchor": "principios", "body": "  Sugiero añadir el principio de paridad.  "}
    )

    saved = SectionComment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{URL}#comentario-{saved.pk}"
    assert saved.anchor == "principios"
    assert saved.author == member
    assert saved.body == "Sugiero añadir el principio de paridad."
    notice = Notification.objects.get(recipient=facilitator, kind="section_comment")
    assert "Sugiero añadir el principio de paridad." in notice.body_text
    assert notice.url.endswith(f"{URL}#comentario-{saved.pk}")
    assert not Notification.objects.filter(recipient=member).exists()
    page = soup(member_client.get(URL))
    assert page.find(id=f"comentario-{saved.pk}") is not None


def test_an_empty_comment_or_an_unknown_section_is_refused(member_client, document):
    empty = member_client.post(COMMENT_URL, {"anchor": "principios", "body": "   "})
    unknown = member_client.post(COMMENT_URL, {"anchor": "no-existe", "body": "Un comentario."})

    assert empty.status_code == 400
    assert unknown.status_code == 400
    assert SectionComment.objects.count() == 0
    assert soup(unknown).select_one(".message-error") is not None


def test_the_form_with_an_error_keeps_the_text_and_opens(member_client, document):
    response = member_client.post(COMMENT_URL, {"anchor": "principios", "body": "x" * 4001})

    assert response.status_code == 400
    page = soup(response)
    section = page.find(id="principios").find_parent("section")
    assert section.select_one("details.comment-on-section")["open"] is not None
    textarea = section.select_one("textarea")
    assert textarea["aria-invalid"] == "true"
    assert textarea.text == "x" * 4001


def test_section_comments_share_the_members_comment_limit(member_client, member, document):
    for number in range(10):
        response = member_client.post(
            COMMENT_URL, {"anchor": "principios", "body": f"Aporte {number}"}
        )
        assert response.status_code == 302, number
    text = "Propongo citar la Ley de Transparencia en este principio."

    response = member_client.post(COMMENT_URL, {"anchor": "principios", "body": text})

    assert response.status_code == 429
    section = soup(response).find(id="principios").find_parent("section")
    assert "publicado varios comentarios" in section.select_one(".errorlist").text
    assert section.select_one("textarea").text == text
    assert SectionComment.objects.filter(author=member).count() == 10
    # Facilitators, who answer and moderate, are not limited.
    facilitator = client_for(FacilitatorFactory())
    for number in range(11):
        response = facilitator.post(
            COMMENT_URL, {"anchor": "principios", "body": f"Respuesta {number}"}
        )
        assert response.status_code == 302, number


def test_comments_are_posted_to_their_own_address_only(member_client, document):
    assert member_client.get(COMMENT_URL).status_code == 405
    page = member_client.post(URL, {"anchor": "principios", "body": "Hola."})
    assert page.status_code == 200  # the document, as on any visit
    assert SectionComment.objects.count() == 0


def test_visitors_cannot_post_comments(anon_client, document):
    response = anon_client.post(COMMENT_URL, {"anchor": "principios", "body": "Hola."})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert SectionComment.objects.count() == 0


def test_people_without_a_role_cannot_post_comments(document):
    response = client_for(UserFactory()).post(
        COMMENT_URL, {"anchor": "principios", "body": "Hola."}
    )

    assert response.status_code == 403
    assert SectionComment.objects.count() == 0


def test_the_service_refuses_non_members_and_unpublished_documents(document):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        comment(document, UserFactory())
    document.unpublish()
    with pytest.raises(PermissionDenied):
        comment(document, MemberFactory())


# ---- Moderation: hidden with a reason, never deleted


def test_a_facilitator_hides_a_comment_from_the_page_with_a_reason(
    facilitator_client, facilitator, document, member
):
    hidden = comment(document, member, body="Comentario fuera de lugar.")

    response = facilitator_client.post(hide_url(hidden), {"reason": "Ataque personal."})

    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.is_hidden
    assert hidden.hidden_reason == "Ataque personal."
    assert hidden.hidden_by == facilitator
    assert hidden.hidden_at is not None
    # Facilitators still see it, marked; members no longer do.
    page = soup(facilitator_client.get(URL))
    assert "Ataque personal." in page.select_one(".comment-hidden").text
    member_page = soup(client_for(member).get(URL))
    assert "Comentario fuera de lugar." not in member_page.text


def test_hiding_needs_a_reason(facilitator_client, document, member):
    kept = comment(document, member)

    facilitator_client.post(hide_url(kept), {"reason": " "})

    kept.refresh_from_db()
    assert not kept.is_hidden


def test_members_cannot_hide_comments(member_client, document, other_member):
    kept = comment(document, other_member)

    response = member_client.post(hide_url(kept), {"reason": "No."})

    assert response.status_code == 403
    kept.refresh_from_db()
    assert not kept.is_hidden


def test_facilitators_see_a_hide_form_for_each_comment(facilitator_client, document, member):
    shown = comment(document, member)

    page = soup(facilitator_client.get(URL))

    form = page.select_one(".comment-moderation form")
    assert form["action"] == hide_url(shown)
    assert form.select_one("input[name=reason]").has_attr("required")


def test_comments_are_listed_and_hidden_in_the_admin(facilitator_client, document, member):
    kept = comment(document, member, body="Comentario para moderar.")
    index = reverse("section_comments:index")

    listing = facilitator_client.get(index)
    assert listing.status_code == 200
    assert "Comentario para moderar." in listing.content.decode()

    hide_url = reverse("section_comments:hide", args=[kept.pk])
    assert facilitator_client.get(hide_url).status_code == 200
    response = facilitator_client.post(hide_url, {"reason": "Datos personales de terceros."})

    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.is_hidden
    assert kept.hidden_reason == "Datos personales de terceros."
    inspect = facilitator_client.get(reverse("section_comments:inspect", args=[kept.pk]))
    assert "Datos personales de terceros." in inspect.content.decode()

    facilitator_client.post(reverse("section_comments:unhide", args=[kept.pk]))
    kept.refresh_from_db()
    assert not kept.is_hidden
    assert SectionComment.objects.filter(pk=kept.pk).exists()


def test_the_admin_names_a_comments_section_by_its_heading(facilitator_client, document, member):
    kept = comment(document, member, anchor="principios", body="Comentario para moderar.")

    listing = soup(facilitator_client.get(reverse("section_comments:index")))
    row = listing.select_one("main table tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert "2. Principios" in cells
    assert "principios" not in cells
    inspect = soup(facilitator_client.get(reverse("section_comments:inspect", args=[kept.pk])))
    assert "2. Principios" in inspect.select_one("main").get_text(" ", strip=True)
    hide = soup(facilitator_client.get(reverse("section_comments:hide", args=[kept.pk])))
    assert "#principios" not in hide.get_text(" ", strip=True)
    assert "2. Principios" in hide.select_one("header").get_text(" ", strip=True)
    # The hide page quotes the comment, with who wrote it and where.
    quoted = hide.select_one("main figure.quoted-comment")
    assert quoted.select_one("blockquote").get_text(strip=True) == "Comentario para moderar."
    assert member.full_name in quoted.select_one("figcaption").get_text()
    assert "2. Principios" in quoted.select_one("figcaption").get_text()


def test_members_have_no_access_to_the_admin_comments(member_client, document, other_member):
    kept = comment(document, other_member)

    listing = member_client.get(reverse("section_comments:index"))
    hide = member_client.post(reverse("section_comments:hide", args=[kept.pk]), {"reason": "x"})

    assert listing.status_code in (302, 403)
    assert hide.status_code in (302, 403)
    kept.refresh_from_db()
    assert not kept.is_hidden
