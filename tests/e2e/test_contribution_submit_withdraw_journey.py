"""In a real browser, a member's lesson between the draft and the review, from the list of
"Mis contribuciones": Rosa writes a lesson and only saves it as a draft; back in her list she
sends it for review with the row's button (Lucía, a facilitator, finds it waiting for her
review on the admin's dashboard), then withdraws it from review with the row's other button
to change something: the lesson is a draft again that she can edit, and it leaves Lucía's
queue.

Set-up uses the seed and factories; every step is a click or a form filled in the browser.
"""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e import journeys
from tests.factories import FacilitatorFactory, MemberFactory
from themes.models import Contribution, Theme

AUTHOR = "rosa.quispe@example.org"
FACILITATOR = "lucia.mendoza@example.org"
TITLE = "Mesa de diálogo sobre el uso del agua en Torata"
SECTIONS = {
    "Contexto": (
        "Torata, 2024: la empresa minera, la junta de usuarios de riego y la municipalidad "
        "discutían cada campaña cuánta agua quedaba para la agricultura."
    ),
    "El problema o desafío": "Cada parte traía sus propias cifras del caudal y nadie las creía.",
    "Qué se hizo": (
        "Se instaló una mesa de diálogo con un monitoreo participativo del caudal, hecho por "
        "los regantes y la empresa juntos."
    ),
    "Resultados": "Las cifras se publican cada mes y las reuniones ya no terminan en conflicto.",
    "La lección aprendida": "Un dato medido en conjunto se discute menos que uno ajeno.",
    "Recomendaciones para replicarla": (
        "Empezar midiendo un solo punto del río y publicar los resultados en la plaza."
    ),
}


def write_and_save_a_draft(page, live_url, theme: Theme):
    journeys.log_in(page, live_url, AUTHOR, next_url="/mis-contribuciones/")
    page.get_by_role("link", name="Escribir una contribución").click()
    form = page.locator("form.contribution-form")
    form.get_by_role("radio", name="Lección aprendida", exact=True).check()
    journeys.field(form, "Título").fill(TITLE)
    journeys.field(form, "Resumen").fill(
        "Una mesa de diálogo con monitoreo participativo del caudal acercó a la empresa y "
        "a los regantes de Torata."
    )
    form.get_by_role("radio", name=theme.name_es, exact=True).check()
    for label, text in SECTIONS.items():
        journeys.field(form, label).fill(text)
    form.get_by_role("radio", name="Pública", exact=True).check()
    form.get_by_role("button", name="Guardar borrador").click()
    expect(page.locator(".messages")).to_contain_text("Su borrador se ha guardado")


def queue(page):
    """The facilitator's review queue on the admin's dashboard."""
    return page.get_by_role("region", name="Esperando su revisión")


def test_a_member_sends_a_draft_for_review_from_the_list_and_withdraws_it(page, browser, live_url):
    call_command("seed_core_group", verbosity=0)  # the four themes
    theme = Theme.objects.get(order=2)
    MemberFactory(email=AUTHOR, full_name="Rosa Quispe Mamani")
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza Flores")

    write_and_save_a_draft(page, live_url, theme)
    contribution = Contribution.objects.get(title=TITLE)
    assert contribution.current_workflow_state is None

    # ---- In her list, the draft waits: she sends it for review from its row.
    page.goto(f"{live_url}/mis-contribuciones/")
    row = page.get_by_role("article", name=TITLE)
    expect(row.get_by_text("Borrador", exact=True)).to_be_visible()
    expect(row.get_by_role("button", name=re.compile("^Retirar de la revisión"))).to_have_count(0)
    journeys.screenshot(page, "contribution-draft-in-list")
    row.get_by_role("button", name=re.compile("^Enviar a revisión")).click()
    expect(page).to_have_url(f"{live_url}/mis-contribuciones/")
    expect(page.locator(".messages")).to_contain_text("Su contribución se ha enviado a revisión")
    row = page.get_by_role("article", name=TITLE)
    expect(row.get_by_text("En revisión", exact=True)).to_be_visible()
    expect(row).to_contain_text("El equipo de facilitación la está revisando")
    # While in review it cannot be edited: only withdrawn.
    expect(row.get_by_role("link", name=re.compile("^Editar"))).to_have_count(0)
    expect(row.get_by_role("button", name=re.compile("^Enviar a revisión"))).to_have_count(0)
    journeys.screenshot(page, "contribution-in-review-in-list")

    # ---- The facilitator is told, and finds it waiting for her review.
    message = journeys.wait_for_mail(FACILITATOR, subject=re.compile(re.escape(TITLE)))
    assert "/admin/" in message.body
    context = journeys.new_context(browser)
    try:
        facilitator = context.new_page()
        journeys.log_in(facilitator, live_url, FACILITATOR, next_url="/admin/")
        expect(queue(facilitator).get_by_role("link", name=TITLE)).to_be_visible()

        # ---- Rosa withdraws it to change something: a draft again, hers to edit.
        row.get_by_role("button", name=re.compile("^Retirar de la revisión")).click()
        expect(page).to_have_url(f"{live_url}/mis-contribuciones/")
        expect(page.locator(".messages")).to_contain_text(
            "Su contribución se ha retirado de la revisión. Puede volver a editarla."
        )
        row = page.get_by_role("article", name=TITLE)
        expect(row.get_by_text("Borrador", exact=True)).to_be_visible()
        expect(row).not_to_contain_text("El equipo de facilitación la está revisando")
        expect(row.get_by_role("button", name=re.compile("^Enviar a revisión"))).to_be_visible()
        journeys.screenshot(page, "contribution-withdrawn-in-list")
        contribution.refresh_from_db()
        assert not contribution.workflow_in_progress

        # ---- It has left the facilitator's queue.
        facilitator.reload()
        expect(queue(facilitator)).to_have_count(0)
        journeys.screenshot(facilitator, "contribution-withdrawn-admin-dashboard")

        # ---- And she can edit it again.
        row.get_by_role("link", name=re.compile("^Editar")).click()
        expect(journeys.field(page.locator("form.contribution-form"), "Título")).to_have_value(
            TITLE
        )
    finally:
        context.close()
