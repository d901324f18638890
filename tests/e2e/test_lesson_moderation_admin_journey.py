"""In a real browser, a facilitator's moderation of published lessons in the Wagtail admin,
and what anyone reading the portal then notices.

Lucía, a facilitator, opens the contributions from the admin's "Lecciones" menu. She
features an older lesson, which a visitor then finds first among the lessons on the home
page; she fixes a typo in another and publishes it, and the visitor reads the corrected
text; she archives one and unpublishes another, and both leave the public list and the
search (the unpublished one's address gives the visitor the log-in offer of the "not found"
page). From the admin's listings of comments she hides a member's comment on a lesson and
one on a section of the Foundational Document: the member no longer reads them, and the
listings say they are hidden.

Set-up uses factories; every step is a click or a form filled in the browser.
"""

import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from resources import services as resource_services
from resources.pages import FoundationalDocumentPage, SectionComment
from tests.e2e import journeys
from tests.factories import ContributionFactory, FacilitatorFactory, MemberFactory
from themes import services as theme_services
from themes.models import Comment, Contribution

FACILITATOR = "lucia.mendoza@example.org"
MEMBER = "juan.mamani@example.org"

FEATURED = "Mesa de diálogo por el agua de Torata"
EDITED = "Presupuesto participativo con las juntas vecinales de Ilo"
ARCHIVED = "Vigilancia del canon minero en Carumas"
UNPUBLISHED = "Monitoreo ambiental participativo en Cuajone"
TYPO = "Las juntas vecinales priorizaron cinco obras y la municipalidda publicó su avance."
FIXED = "Las juntas vecinales priorizaron cinco obras y la municipalidad publicó su avance."
# A word only the unpublished and the archived lessons hold, to look for them.
SEARCHED = {ARCHIVED: "Carumas", UNPUBLISHED: "Cuajone"}

LESSON_COMMENT = "Este comentario ofrece servicios de una consultora y no trata de la lección."
SECTION_COMMENT = "Vendo terrenos en Samegua, llame al número que figura en mi perfil."


def published_lessons():
    """Four published lessons, newest first in this order: the home page shows three."""
    now = timezone.now()
    titles = [EDITED, ARCHIVED, UNPUBLISHED, FEATURED]
    lessons = {}
    for age, title in enumerate(titles):
        extra = {"results": TYPO} if title == EDITED else {}
        lesson = ContributionFactory(title=title, **extra)
        published_at = now - timedelta(days=age + 1)
        Contribution.objects.filter(pk=lesson.pk).update(
            first_published_at=published_at, last_published_at=published_at
        )
        lessons[title] = lesson
    return lessons


def open_the_contribution(page, title: str):
    """From the admin's sidebar: "Lecciones" > "Contribuciones" > the lesson's edit page."""
    page.get_by_role("navigation").get_by_role("button", name="Lecciones").click()
    page.get_by_role("navigation").get_by_role("link", name="Contribuciones", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contribuciones")
    page.locator("main table tbody").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def header_action(page, name: str):
    """Choose an action in the header's "Acciones" menu of the edit page."""
    page.locator("header").get_by_role("button", name="Acciones").click()
    page.locator("header").get_by_role("link", name=name).click()


def search_as_a_visitor(visitor, live_url, word: str):
    """The site search, as a visitor uses it; its status line ("1 resultado para …")."""
    visitor.goto(f"{live_url}/buscar/")
    visitor.get_by_label("Buscar en páginas, lecciones, recursos y talleres").fill(word)
    visitor.get_by_role("search").get_by_role("button", name="Buscar").click()
    return visitor.get_by_role("status")


def visitor_sees_on_the_home_page_first(visitor, live_url, title: str):
    visitor.goto(f"{live_url}/")
    cards = visitor.locator("section[aria-labelledby=latest-title] article")
    expect(cards.first).to_contain_text(title)


def test_facilitator_features_edits_archives_and_unpublishes_lessons(page, browser, live_url):
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza Flores")
    lessons = published_lessons()

    visitor_context = journeys.new_context(browser)
    try:
        visitor = visitor_context.new_page()
        # Before: the home page shows the three newest, not the oldest one.
        visitor.goto(f"{live_url}/")
        latest = visitor.locator("section[aria-labelledby=latest-title]")
        expect(latest.locator("article")).to_have_count(3)
        expect(latest).not_to_contain_text(FEATURED)
        # The lessons to archive and unpublish are in the list and found by the search.
        visitor.goto(f"{live_url}/lecciones/")
        results = visitor.get_by_role("region", name=re.compile(r"^\d+ contribuci"))
        expect(results.get_by_role("article")).to_have_count(4)
        for title, word in SEARCHED.items():
            expect(search_as_a_visitor(visitor, live_url, word)).to_have_text(
                f"1 resultado para “{word}”"
            )
            expect(visitor.get_by_role("link", name=title)).to_be_visible()

        journeys.log_in(page, live_url, FACILITATOR, next_url="/admin/")

        # ---- Features the oldest lesson on the home page.
        open_the_contribution(page, FEATURED)
        journeys.screenshot(page, "admin-contribution-edit")
        header_action(page, "Destacar en la página de inicio")
        journeys.screenshot(page, "admin-contribution-feature-confirm")
        page.get_by_role("button", name="Sí, destacarla").click()
        expect(page.locator(".messages .success")).to_contain_text(
            f"“{FEATURED}” ahora está destacada en la página de inicio."
        )
        visitor_sees_on_the_home_page_first(visitor, live_url, FEATURED)

        # ---- Fixes a typo in another and publishes it.
        page.goto(f"{live_url}/admin/")
        open_the_contribution(page, EDITED)
        expect(page.get_by_label("Resultados")).to_have_value(TYPO)
        page.get_by_label("Resultados").fill(FIXED)
        page.locator("footer").get_by_role("button", name="Más acciones").click()
        page.locator("footer").get_by_role("button", name="Publicar").click()
        expect(page.locator(".messages .success")).to_be_visible()
        journeys.screenshot(page, "admin-contribution-published")
        visitor.goto(f"{live_url}{lessons[EDITED].get_absolute_url()}")
        expect(visitor.get_by_role("heading", level=1)).to_have_text(EDITED)
        expect(visitor.get_by_text(FIXED)).to_be_visible()
        expect(visitor.locator("main")).not_to_contain_text("municipalidda")

        # ---- Archives one.
        page.goto(f"{live_url}/admin/")
        open_the_contribution(page, ARCHIVED)
        header_action(page, "Archivar")
        journeys.screenshot(page, "admin-contribution-archive-confirm")
        page.get_by_role("button", name="Sí, archivar").click()
        expect(page.locator(".messages .success")).to_contain_text(f"Se archivó “{ARCHIVED}”.")

        # ---- Unpublishes another.
        page.goto(f"{live_url}/admin/")
        open_the_contribution(page, UNPUBLISHED)
        page.locator("footer").get_by_role("button", name="Más acciones").click()
        page.locator("footer").get_by_role("link", name="Despublicar").click()
        expect(page.locator("main")).to_contain_text(
            f"“{UNPUBLISHED}” dejará de verse en el portal"
        )
        journeys.screenshot(page, "admin-contribution-unpublish-confirm")
        page.get_by_role("button", name=re.compile("^Sí, despublicar")).click()
        expect(page.locator(".messages .success")).to_be_visible()
        journeys.screenshot(page, "admin-contributions-after-unpublish")

        # Both leave the public list and the search.
        visitor.goto(f"{live_url}/lecciones/")
        results = visitor.get_by_role("region", name=re.compile(r"^\d+ contribuci"))
        expect(results.get_by_role("article")).to_have_count(2)
        expect(results).not_to_contain_text(ARCHIVED)
        expect(results).not_to_contain_text(UNPUBLISHED)
        for title, word in SEARCHED.items():
            expect(search_as_a_visitor(visitor, live_url, word)).to_contain_text(
                f"0 resultados para “{word}”"
            )
            expect(visitor.locator("main")).not_to_contain_text(title)

        # The unpublished lesson's address: not found, with the log-in offered.
        response = visitor.goto(f"{live_url}{lessons[UNPUBLISHED].get_absolute_url()}")
        assert response.status == 404
        main = visitor.get_by_role("main")
        expect(main.get_by_role("heading", level=1)).to_have_text(
            "No pudimos encontrar esta página"
        )
        expect(main).not_to_contain_text(UNPUBLISHED)
        expect(main.locator("section.account-aside")).to_contain_text("Iniciar sesión")
    finally:
        visitor_context.close()

    for title, live in ((ARCHIVED, False), (UNPUBLISHED, False), (EDITED, True)):
        lessons[title].refresh_from_db()
        assert lessons[title].live is live
    assert lessons[ARCHIVED].is_archived


def hide_from_the_listing(page, text: str, reason: str, shots: str):
    """In an admin listing of comments: the row's "⋯" menu > "Ocultar", with a reason; the
    listing then says the comment is hidden."""
    row = page.locator("main table tbody tr", has_text=text[:40])
    expect(row).to_contain_text("visible")
    journeys.screenshot(page, shots)
    row.get_by_role("button", name=re.compile("Más opciones")).click()
    row.get_by_role("link", name="Ocultar").click()
    expect(page.get_by_role("heading", name="Ocultar comentario")).to_be_visible()
    journeys.screenshot(page, f"{shots}-hide")
    page.get_by_label("Motivo").fill(reason)
    page.get_by_role("button", name="Ocultar el comentario").click()
    expect(page.locator(".messages .success")).to_contain_text("El comentario ahora está oculto.")
    row = page.locator("main table tbody tr", has_text=text[:40])
    expect(row).to_contain_text("oculto")
    journeys.screenshot(page, f"{shots}-hidden")
    return row


def test_facilitator_hides_comments_from_the_admin_listings(page, browser, live_url):
    call_command("seed_core_group", verbosity=0)
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza Flores")
    member = MemberFactory(email=MEMBER, full_name="Juan Mamani Coaquira")
    lesson = ContributionFactory(title=FEATURED)
    theme_services.comment_create(user=member, contribution=lesson, body=LESSON_COMMENT)
    document = FoundationalDocumentPage.objects.get(locale__language_code="es")
    resource_services.section_comment_create(
        user=member, page=document, anchor="proposito", body=SECTION_COMMENT
    )

    member_context = journeys.new_context(browser)
    try:
        reader = member_context.new_page()
        journeys.log_in(reader, live_url, MEMBER, next_url=lesson.get_absolute_url())
        expect(reader.locator("#comentarios")).to_contain_text(LESSON_COMMENT)

        journeys.log_in(page, live_url, FACILITATOR, next_url="/admin/")
        sidebar = page.get_by_role("navigation", name="Menú principal")
        # Wagtail's badge on "Ayuda" is read out in Spanish too.
        expect(sidebar.get_by_role("button", name=re.compile("^Ayuda"))).to_have_accessible_name(
            re.compile(r"^Ayuda( \(\d+ elementos? nuevos? en este menú\))?$")
        )

        # ---- A lesson comment, from "Lecciones" > "Comentarios".
        sidebar.get_by_role("button", name="Lecciones").click()
        sidebar.get_by_role("link", name="Comentarios", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Comentarios")
        row = hide_from_the_listing(
            page, LESSON_COMMENT, "Publicidad de una consultora.", "admin-lesson-comments"
        )
        expect(row).to_contain_text(FEATURED)

        reader.reload()
        comments = reader.locator("#comentarios")
        expect(comments.get_by_role("heading", level=2)).to_have_text("0 comentarios")
        expect(comments).not_to_contain_text(LESSON_COMMENT)

        # ---- A comment on the Foundational Document, from "Comentarios al Documento".
        reader.goto(f"{live_url}/documento-fundacional/")
        expect(reader.locator("main")).to_contain_text(SECTION_COMMENT)
        sidebar.get_by_role("link", name="Comentarios al Documento").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Documento Fundacional")
        row = hide_from_the_listing(
            page,
            SECTION_COMMENT,
            "Aviso comercial, no trata del documento.",
            "admin-section-comments",
        )
        # The section by its heading, as members read it.
        expect(row).to_contain_text("1. Propósito")

        reader.reload()
        expect(reader.locator("main")).not_to_contain_text(SECTION_COMMENT)
    finally:
        member_context.close()

    assert Comment.objects.get().is_hidden
    assert SectionComment.objects.get().is_hidden
