"""In a real browser, a lesson from its first draft to the public, and its discussion.

Rosa, a member, writes a lesson with a PDF attached (uploaded through the form) and sends
it for review. Lucía, a facilitator, asks for changes with a comment in the Wagtail admin.
Rosa reads the request in her e-mail and in "Mis contribuciones", revises the lesson and
sends it again; Lucía approves it, which publishes it. An anonymous visitor then finds it
in the lessons list, in the site search (by the plural of a word it holds) and in the RSS
feed, and downloads the attachment. Juan, another member, comments on it; the visitor
sees only how many comments there are and an invitation to log in; Lucía hides the
comment on the lesson's page, and members no longer see it.

Everyone works in Spanish, the portal's default language. Every step is a click or a
form filled in the browser; e-mails are read from the mail backend and followed.
"""

import re
import xml.etree.ElementTree as ET

from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e import journeys
from tests.factories import ContributionFactory, FacilitatorFactory, MemberFactory
from tests.themes.lessons_helpers import PDF_BYTES
from themes.models import Comment, Contribution, Theme

AUTHOR = "rosa.quispe@example.org"
COMMENTER = "juan.mamani@example.org"
FACILITATOR = "lucia.mendoza@example.org"
TITLE = "Turnos de riego acordados con los regantes de Pasto Grande"
REVISED_TITLE = "Turnos de riego acordados con los regantes de Pasto Grande (2023)"
REVIEW_COMMENT = "Cuente cuántas familias participaron y qué hizo el comité de regantes."
REVISED_RESULTS = (
    "En una campaña los reclamos bajaron a la mitad; participaron 140 familias y el comité "
    "de regantes verificó cada turno."
)
COMMENT = "En Carumas probamos algo parecido con los comités de regantes y también funcionó."
PDF_NAME = "calendario-de-turnos.pdf"

SECTIONS = {
    "Contexto": (
        "Valle de Moquegua, 2023: las juntas de usuarios de riego, la municipalidad de "
        "Samegua y el proyecto especial Pasto Grande compartían un agua escasa."
    ),
    "El problema o desafío": (
        "Los chacareros de la parte baja recibían el agua tarde y las asambleas terminaban "
        "en conflicto."
    ),
    "Qué se hizo": (
        "Se acordó en asamblea un calendario de turnos publicado cada semana y verificado "
        "por un comité de regantes."
    ),
    "Resultados": "En una campaña los reclamos bajaron a la mitad y nadie perdió su siembra.",
    "La lección aprendida": "Un turno acordado y visible se respeta más que uno impuesto.",
    "Recomendaciones para replicarla": (
        "Empezar por un canal, publicar el calendario en la plaza y revisar los turnos con "
        "los regantes cada mes."
    ),
}


def write_with_an_attachment_and_send(page, live_url, theme: Theme, tmp_path):
    journeys.log_in(page, live_url, AUTHOR, next_url="/mis-contribuciones/nueva/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Escribir una contribución")
    form = page.locator("form.contribution-form")

    form.get_by_role("radio", name="Buena práctica", exact=True).check()
    journeys.field(form, "Título").fill(TITLE)
    journeys.field(form, "Resumen").fill(
        "Las juntas de usuarios y la municipalidad ordenaron los turnos de riego en asamblea "
        "y los chacareros de la parte baja dejaron de perder sus siembras."
    )
    form.get_by_role("radio", name=theme.name_es, exact=True).check()
    for label, text in SECTIONS.items():
        journeys.field(form, label).fill(text)
    # Districts are checkboxes grouped by province: the lesson is about Samegua.
    form.get_by_role("group", name="Provincia de Mariscal Nieto").get_by_role(
        "checkbox", name="Samegua", exact=True
    ).check()
    journeys.field(form, "Idioma del texto").select_option("es")
    journeys.field(form, "Otras etiquetas (opcional)").fill("riego, juntas de usuarios")
    form.get_by_role("radio", name="Pública", exact=True).check()
    pdf = tmp_path / PDF_NAME
    pdf.write_bytes(PDF_BYTES)
    journeys.field(form, "Agregar archivos (opcional)").set_input_files(pdf)

    form.get_by_role("button", name="Enviar a revisión").click()

    expect(page).to_have_url(f"{live_url}/mis-contribuciones/")
    expect(page.locator(".messages")).to_contain_text("revisión")
    row = page.get_by_role("article", name=TITLE)
    expect(row.get_by_text("En revisión", exact=True)).to_be_visible()


def ask_for_changes_in_the_admin(browser, live_url):
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        journeys.log_in(page, live_url, FACILITATOR, next_url="/admin/")
        panel = page.get_by_role("region", name="Esperando su revisión")
        row = panel.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
        row.get_by_role("button", name="Acciones").click()
        page.get_by_role("button", name="Solicitar cambios", exact=True).click()

        # Wagtail asks for the comment the author will read.
        dialog = page.get_by_role("dialog")
        dialog.get_by_label("Comentario").fill(REVIEW_COMMENT)
        dialog.get_by_role("button", name="Solicitar cambios").click()

        expect(page).to_have_url(f"{live_url}/admin/")
        expect(page.get_by_role("region", name="Esperando su revisión")).to_have_count(0)
    finally:
        context.close()


def read_the_request_and_revise(page, live_url):
    # The e-mail says what the facilitators asked and where to answer it.
    message = journeys.wait_for_mail(
        AUTHOR, subject=re.compile("cambios solicitados", re.IGNORECASE)
    )
    assert REVIEW_COMMENT in message.body
    journeys.follow_link(page, message, containing="/mis-contribuciones/", live_url=live_url)

    row = page.get_by_role("article", name=TITLE)
    expect(row.get_by_text("Devuelta para cambios", exact=True)).to_be_visible()
    expect(row.locator(".review-comment")).to_contain_text(
        "El equipo de facilitación solicitó cambios"
    )
    expect(row.locator(".review-comment")).to_contain_text(REVIEW_COMMENT)
    row.get_by_role("link", name=re.compile("^Editar")).click()

    form = page.locator("form.contribution-form")
    expect(form.locator(".attachment-list")).to_contain_text("calendario")
    journeys.field(form, "Título").fill(REVISED_TITLE)
    journeys.field(form, "Resultados").fill(REVISED_RESULTS)
    form.get_by_role("button", name="Enviar a revisión").click()

    expect(page).to_have_url(f"{live_url}/mis-contribuciones/")
    row = page.get_by_role("article", name=REVISED_TITLE)
    expect(row.get_by_text("En revisión", exact=True)).to_be_visible()


def approve_in_the_admin(browser, live_url):
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        journeys.log_in(page, live_url, FACILITATOR, next_url="/admin/")
        panel = page.get_by_role("region", name="Esperando su revisión")
        row = panel.get_by_role("row").filter(has=page.get_by_role("link", name=REVISED_TITLE))
        row.get_by_role("button", name="Acciones").click()
        page.get_by_role("button", name="Aprobar", exact=True).click()

        expect(page).to_have_url(f"{live_url}/admin/")
        expect(page.get_by_role("region", name="Esperando su revisión")).to_have_count(0)
    finally:
        context.close()


def find_it_and_download_as_a_visitor(browser, live_url, tmp_path):
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        # In the list, newest first.
        page.goto(f"{live_url}/lecciones/")
        results = page.get_by_role("region", name=re.compile(r"^\d+ contribuci"))
        expect(results.get_by_role("article")).to_have_count(2)
        expect(results.get_by_role("article").first).to_contain_text(REVISED_TITLE)
        # Searching the list by a word in another form than the lesson's ("turno").
        page.get_by_role("searchbox", name="Buscar en lecciones y experiencias").fill("Turno")
        page.get_by_role("search").get_by_role("button", name="Buscar").click()
        expect(page).to_have_url(re.compile(r"/lecciones/\?.*q=Turno"))
        expect(results.get_by_role("article")).to_have_count(1)
        expect(results.get_by_role("article")).to_contain_text(REVISED_TITLE)

        # In the site search, by a plural the lesson holds only in the singular.
        page.goto(f"{live_url}/buscar/")
        page.get_by_label("Buscar en páginas, lecciones, recursos y talleres").fill("chacarero")
        page.get_by_role("search").get_by_role("button", name="Buscar").click()
        expect(page).to_have_url(re.compile(r"/buscar/\?q=chacarero"))
        expect(page.get_by_role("status")).to_have_text("1 resultado para “chacarero”")
        page.get_by_role("link", name=REVISED_TITLE).click()

        # The published lesson is the revised one, with its attachment to download.
        expect(page.get_by_role("heading", level=1)).to_have_text(REVISED_TITLE)
        expect(page.get_by_text(REVISED_RESULTS)).to_be_visible()
        with page.expect_download() as download_info:
            page.get_by_role("link", name=re.compile("calendario", re.IGNORECASE)).click()
        download = download_info.value
        saved = tmp_path / "descargado.pdf"
        download.save_as(saved)
        assert saved.read_bytes() == PDF_BYTES
        assert download.suggested_filename.endswith(".pdf")

        # In the RSS feed.
        response = page.request.get(f"{live_url}/lecciones/rss/")
        assert response.ok
        channel = ET.fromstring(response.body()).find("channel")
        items = {item.findtext("title"): item.findtext("link") for item in channel.iter("item")}
        assert items[REVISED_TITLE].endswith(
            Contribution.objects.get(title=REVISED_TITLE).get_absolute_url()
        )
    finally:
        context.close()


def comment_as_a_member(browser, live_url) -> str:
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        journeys.log_in(page, live_url, COMMENTER)
        page.goto(f"{live_url}/lecciones/")
        page.get_by_role("link", name=REVISED_TITLE).click()
        lesson_url = page.url
        form = page.locator("form.comment-form")
        expect(form.locator(".helptext")).to_contain_text("Lo leen los miembros de la Comunidad")
        form.get_by_label("Su comentario").fill(COMMENT)
        form.get_by_role("button", name="Publicar comentario").click()

        expect(page.locator(".messages")).to_contain_text("Su comentario se ha publicado.")
        comments = page.locator("#comentarios")
        expect(comments.get_by_role("heading", level=2)).to_have_text("1 comentario")
        expect(comments.locator(".comment-list")).to_contain_text(COMMENT)
        expect(comments.locator(".comment-list")).to_contain_text("Juan Mamani")
        return lesson_url.removeprefix(live_url)
    finally:
        context.close()


def see_only_the_count_as_a_visitor(browser, live_url, lesson_path):
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        page.goto(f"{live_url}{lesson_path}")
        comments = page.locator("#comentarios")
        expect(comments.get_by_role("heading", level=2)).to_have_text("1 comentario")
        expect(comments).not_to_contain_text(COMMENT)
        expect(page.locator("body")).not_to_contain_text("Juan Mamani")
        comments.get_by_role("link", name="Inicie sesión para leer y comentar").click()
        expect(page).to_have_url(re.compile(r"/cuentas/login/\?next="))
    finally:
        context.close()


def hide_the_comment_as_the_facilitator(browser, live_url, lesson_path):
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        journeys.log_in(page, live_url, FACILITATOR, next_url=lesson_path)
        comment = page.locator(".comment").filter(has_text=COMMENT)
        comment.get_by_text("Ocultar este comentario").click()
        comment.get_by_label("Motivo para ocultarlo").fill("Se repite en otra lección")
        comment.get_by_role("button", name="Ocultar el comentario").click()

        expect(page.locator(".messages")).to_contain_text("El comentario ahora está oculto.")
        hidden = page.locator(".comment-hidden")
        expect(hidden).to_contain_text("Oculto: Se repite en otra lección")
    finally:
        context.close()


def no_longer_shown_to_members(browser, live_url, lesson_path):
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        journeys.log_in(page, live_url, COMMENTER, next_url=lesson_path)
        comments = page.locator("#comentarios")
        expect(comments.get_by_role("heading", level=2)).to_have_text("0 comentarios")
        expect(comments).not_to_contain_text(COMMENT)
    finally:
        context.close()


def test_a_lesson_from_draft_to_the_public_and_its_discussion(page, browser, live_url, tmp_path):
    call_command("seed_core_group", verbosity=0)  # the four themes and the Core Group
    theme = Theme.objects.get(order=3)
    MemberFactory(email=AUTHOR, full_name="Rosa Quispe Mamani")
    MemberFactory(email=COMMENTER, full_name="Juan Mamani Coaquira")
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza Flores")
    # Another published lesson, older, without the words searched for.
    ContributionFactory(primary_theme=Theme.objects.get(order=1))

    write_with_an_attachment_and_send(page, live_url, theme, tmp_path)
    contribution = Contribution.objects.get(title=TITLE)
    assert not contribution.live
    assert contribution.attachments.count() == 1
    assert [d.name for d in contribution.get_latest_revision_as_object().districts.all()] == [
        "Samegua"
    ]

    ask_for_changes_in_the_admin(browser, live_url)
    read_the_request_and_revise(page, live_url)
    approve_in_the_admin(browser, live_url)
    contribution.refresh_from_db()
    assert contribution.live and contribution.title == REVISED_TITLE

    find_it_and_download_as_a_visitor(browser, live_url, tmp_path)
    lesson_path = comment_as_a_member(browser, live_url)
    see_only_the_count_as_a_visitor(browser, live_url, lesson_path)
    hide_the_comment_as_the_facilitator(browser, live_url, lesson_path)
    no_longer_shown_to_members(browser, live_url, lesson_path)
    assert Comment.objects.get().is_hidden
