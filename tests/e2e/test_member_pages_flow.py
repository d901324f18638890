"""In a real browser, what a member does on the Community's own pages: comments on a
section of the Foundational Document (a facilitator is told and can hide it; a visitor
sees only how many there are), proposes a library resource with a file (a facilitator
opens it in the admin from the e-mail), edits the profile in "Mi espacio" and reads the
notifications. And the contact page: a visitor writes to the facilitation team, the
message reaches the address a facilitator sets in the admin.

Set-up uses the seed and factories; every step is a click or a form filled in the browser,
and e-mails are read from the mail backend and their links followed.
"""

import re
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Notification
from resources.library import Resource
from resources.pages import SectionComment
from tests.factories import FacilitatorFactory, MemberFactory
from tests.resources.library_helpers import pdf_bytes

from . import journeys

MEMBER_EMAIL = "rosa.quispe@example.org"
FACILITATOR_EMAIL = "lucia.mendoza@example.org"
DOCUMENT = "/documento-fundacional/"
COMMENT = "Propongo precisar que el propósito incluye la vigilancia ciudadana del canon."


def people():
    call_command("seed_core_group", verbosity=0)
    member = MemberFactory(email=MEMBER_EMAIL, full_name="Rosa Quispe Mamani")
    facilitator = FacilitatorFactory(email=FACILITATOR_EMAIL, full_name="Lucía Mendoza Flores")
    return member, facilitator


def test_a_member_comments_on_a_section_a_facilitator_hides_it_visitors_only_see_a_count(
    page, browser, live_url
):
    people()

    # The member logs in from the document and comments on "1. Propósito".
    journeys.log_in(page, live_url, MEMBER_EMAIL, next_url=DOCUMENT)
    section = page.locator("section.doc-section", has=page.locator("#proposito"))
    section.get_by_text("Comentario sobre “1. Propósito”").click()
    form = section.locator("form.comment-form")
    form.get_by_label("Su comentario sobre esta sección").fill(COMMENT)
    form.get_by_role("button", name="Publicar comentario").click()
    expect(page.locator(".messages")).to_contain_text("Su comentario se ha publicado.")
    expect(section.locator(".comment-body")).to_have_text(COMMENT)
    expect(section.locator(".section-comments-title")).to_have_text("1 comentario de miembros")

    # The facilitator is told by e-mail and opens the comment from it.
    message = journeys.wait_for_mail(FACILITATOR_EMAIL, subject="1. Propósito")
    assert COMMENT in message.body
    facilitator_context = journeys.new_context(browser)
    visitor_context = journeys.new_context(browser)
    try:
        facilitator = facilitator_context.new_page()
        journeys.log_in(facilitator, live_url, FACILITATOR_EMAIL)
        journeys.follow_link(facilitator, message, containing="#comentario-", live_url=live_url)
        comment = facilitator.locator("li.comment").filter(has_text=COMMENT)
        expect(comment).to_be_visible()

        # A visitor sees how many comments there are and how to join, never the comment.
        visitor = visitor_context.new_page()
        visitor.goto(f"{live_url}{DOCUMENT}")
        count = visitor.locator("section.doc-section .section-comment-count")
        expect(count).to_have_count(1)
        expect(count).to_contain_text("1 comentario de miembros en esta sección.")
        expect(count.get_by_role("link", name="únase a la Comunidad")).to_be_visible()
        expect(visitor.get_by_text(COMMENT)).to_have_count(0)
        # The table of contents is numbered once: the headings carry their numbers.
        first_entry = visitor.locator("nav.toc li").first
        assert first_entry.evaluate("li => getComputedStyle(li).listStyleType") == "none"
        expect(first_entry.locator("a").first).to_have_text("1. Propósito")

        # The facilitator hides it with a reason, on the page.
        comment.get_by_text("Ocultar este comentario").click()
        comment.get_by_label("Motivo para ocultarlo").fill("Repite otro comentario.")
        comment.get_by_role("button", name="Ocultar el comentario").click()
        expect(facilitator.locator(".messages")).to_contain_text("El comentario ahora está oculto.")
        assert SectionComment.objects.get().is_hidden

        # Members no longer read it; the visitor's count is gone with it.
        page.reload()
        expect(page.get_by_text(COMMENT)).to_have_count(0)
        visitor.reload()
        expect(visitor.locator(".section-comment-count")).to_have_count(0)
    finally:
        facilitator_context.close()
        visitor_context.close()


def test_a_member_proposes_a_resource_with_a_file_and_a_facilitator_opens_it_in_the_admin(
    page, browser, live_url
):
    people()
    title = "Estudio de brechas de agua potable en Ilo"

    journeys.log_in(page, live_url, MEMBER_EMAIL, next_url="/recursos/")
    page.get_by_role("link", name="Proponer un recurso").click()
    form = page.locator("form.contribution-form")
    journeys.field(form, "Título").fill(title)
    journeys.field(form, "Tipo").select_option(label="Estudio")
    journeys.field(form, "Resumen").fill(
        "Mide cuántas familias de Ilo reciben agua potable menos de doce horas al día."
    )
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "brechas-agua-ilo.pdf"
        pdf.write_bytes(pdf_bytes("Brechas de agua potable en Ilo"))
        journeys.field(form, "Archivo").set_input_files(str(pdf))
        form.get_by_label("Público").check()
        form.get_by_role("button", name="Enviar a revisión").click()

    expect(page).to_have_url(f"{live_url}/recursos/mis-propuestas/")
    expect(page.locator(".messages")).to_contain_text("su propuesta se envió")
    expect(page.get_by_role("main")).to_contain_text(title)
    resource = Resource.objects.get(title=title)
    assert not resource.live
    assert "brechas-agua-ilo" in resource.document.file.name

    # The facilitator follows the e-mail's link into the admin and sees the proposal.
    message = journeys.wait_for_mail(FACILITATOR_EMAIL, subject=title)
    admin_path = re.sub(r"^https?://[^/]+", "", journeys.links_in(message, containing="/admin/")[0])
    context = journeys.new_context(browser)
    try:
        facilitator = context.new_page()
        journeys.log_in(facilitator, live_url, FACILITATOR_EMAIL, next_url=admin_path)
        expect(facilitator.locator("#id_title")).to_have_value(title)
        facilitator.screenshot(path="/tmp/shots-pages/admin-proposal.png", full_page=True)
    finally:
        context.close()


def test_a_member_edits_the_profile_and_reads_the_notifications(page, live_url):
    member, _ = people()
    now = timezone.now()
    for subject in ("Inscripción confirmada: Taller del agua", "Su lección fue publicada"):
        Notification.objects.create(
            recipient=member,
            email=member.email,
            kind="demo",
            subject=subject,
            body_text=f"{subject}.\n\nGracias por participar.",
            sent_at=now,
        )

    journeys.log_in(page, live_url, MEMBER_EMAIL, next_url="/miembros/")
    # On a phone, "Mi espacio" fits the screen (no sideways scrolling).
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    form = page.locator("form.profile-form")
    journeys.field(form, "Nombre completo").fill("Rosa Quispe de Ramos")
    journeys.field(form, "Cargo").fill("Especialista ambiental")
    form.get_by_role("button", name="Guardar mi perfil").click()
    expect(page.locator(".messages")).to_contain_text("Su perfil se ha guardado.")
    expect(journeys.field(form, "Nombre completo")).to_have_value("Rosa Quispe de Ramos")
    expect(journeys.field(form, "Cargo")).to_have_value("Especialista ambiental")

    # Two new notifications: the list shows them as new, then they are read.
    link = page.get_by_role("link", name="Mis notificaciones")
    expect(page.locator("li", has=link).locator(".badge")).to_have_text("2 nuevas")
    link.click()
    items = page.locator("li.notification")
    expect(items).to_have_count(2)
    expect(page.locator(".notification-unread")).to_have_count(2)
    items.first.get_by_text("Mostrar el mensaje").click()
    expect(items.first.locator(".notification-body")).to_contain_text("Gracias por participar.")
    page.reload()
    expect(page.locator(".notification-unread")).to_have_count(0)
    page.get_by_role("link", name="Mi espacio").first.click()
    expect(
        page.locator("li", has=page.get_by_role("link", name="Mis notificaciones"))
    ).not_to_contain_text("nuevas")


def send_contact_message(page, live_url, *, message_text):
    page.goto(f"{live_url}/contacto/")
    form = page.locator("form.contact-form")
    journeys.field(form, "Su nombre").fill("Jorge Ticona Flores")
    journeys.field(form, "Su dirección de correo electrónico").fill("jorge.ticona@example.org")
    form.get_by_label("Institución").fill("Asociación de Productores de Palta de Omate")
    journeys.field(form, "Su mensaje").fill(message_text)
    form.get_by_role("button", name="Enviar el mensaje").click()


def test_a_visitor_writes_to_the_team_at_the_address_a_facilitator_sets(page, browser, live_url):
    people()
    context = journeys.new_context(browser)
    try:
        # The facilitator sets the address in the admin's settings.
        facilitator = context.new_page()
        journeys.log_in(facilitator, live_url, FACILITATOR_EMAIL, next_url="/admin/")
        facilitator.goto(f"{live_url}/admin/settings/resources/contactsettings/")
        facilitator.get_by_role("textbox", name=re.compile("dirección del formulario", re.I)).fill(
            "facilitacion@comunidad.example"
        )
        facilitator.locator("footer").get_by_role("button", name="Guardar").click()
        expect(facilitator.locator(".messages .success")).to_be_visible()

        # A visitor reads how to reach the team and forgets the message at first.
        page.goto(f"{live_url}/contacto/")
        expect(page.locator("h1")).to_have_text("Contacto")
        expect(page.locator(".contact-details a")).to_have_text("facilitacion@comunidad.example")
        send_contact_message(page, live_url, message_text="")
        expect(page.locator(".error-summary")).to_contain_text(
            "Escriba su mensaje antes de enviarlo."
        )
        form = page.locator("form.contact-form")
        expect(journeys.field(form, "Su nombre")).to_have_value("Jorge Ticona Flores")
        journeys.field(form, "Su mensaje").fill("¿Cuándo es el próximo taller sobre el agua?")
        form.get_by_role("button", name="Enviar el mensaje").click()
        expect(page).to_have_url(f"{live_url}/contacto/gracias/")
        expect(page.locator("h1")).to_have_text("Gracias por su mensaje")

        message = journeys.wait_for_mail(
            "facilitacion@comunidad.example", subject="Jorge Ticona Flores"
        )
        assert "¿Cuándo es el próximo taller sobre el agua?" in message.body
        assert "Asociación de Productores de Palta de Omate" in message.body
        assert "jorge.ticona@example.org" in message.body

        # The facilitator changes the address; the next message goes there.
        facilitator.goto(f"{live_url}/admin/settings/resources/contactsettings/")
        facilitator.get_by_role("textbox", name=re.compile("dirección del formulario", re.I)).fill(
            "equipo@comunidad.example"
        )
        facilitator.locator("footer").get_by_role("button", name="Guardar").click()
        expect(facilitator.locator(".messages .success")).to_be_visible()
        send_contact_message(page, live_url, message_text="Gracias por la respuesta.")
        expect(page.locator("h1")).to_have_text("Gracias por su mensaje")
        second = journeys.wait_for_mail("equipo@comunidad.example", subject="Jorge Ticona")
        assert "Gracias por la respuesta." in second.body
    finally:
        context.close()
