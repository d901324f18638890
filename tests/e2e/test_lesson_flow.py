"""In a real browser, the heart of the portal end to end: the demo member writes a lesson
and sends it for review; the demo facilitator approves it in the Wagtail admin, which
publishes it; an anonymous visitor then finds it in the lessons list, in a search and in
the RSS feed.

The member works in English (/en/, labels are the interface's own msgids); the facilitator
and the visitor in Spanish, the portal's default language.
"""

import re
import xml.etree.ElementTree as ET

from django.core.management import call_command
from playwright.sync_api import expect

from tests.factories import ContributionFactory, FacilitatorFactory, MemberFactory
from tests.factories.members import DEFAULT_PASSWORD
from themes.models import Contribution, Theme

MEMBER_EMAIL = "rosa.quispe@example.org"
FACILITATOR_EMAIL = "lucia.mendoza@example.org"
TITLE = "Turnos de riego acordados con los regantes de Pasto Grande"
# A word that only this lesson contains, to search for.
DISTINCTIVE = "chacareros"

SECTIONS = {
    "Context": (
        "Valle de Moquegua, 2023: las juntas de usuarios de riego, la municipalidad de "
        "Samegua y el proyecto especial Pasto Grande compartían un agua escasa."
    ),
    "The problem or challenge": (
        "Los chacareros de la parte baja recibían el agua tarde y las asambleas terminaban "
        "en conflicto."
    ),
    "What was done": (
        "Se acordó en asamblea un calendario de turnos publicado cada semana y verificado "
        "por un comité de regantes."
    ),
    "Results": "En una campaña los reclamos bajaron a la mitad y nadie perdió su siembra.",
    "The lesson learned": "Un turno acordado y visible se respeta más que uno impuesto.",
    "Recommendations for replicating it": (
        "Empezar por un canal, publicar el calendario en la plaza y revisar los turnos con "
        "los regantes cada mes."
    ),
}


def log_in(page, live_url, email, *, language_prefix="", next_url):
    page.goto(f"{live_url}{language_prefix}/cuentas/login/?next={next_url}")
    form = page.get_by_role("main").locator("form.account-form")
    form.get_by_label(re.compile(r"^(e-?mail|correo)", re.IGNORECASE)).fill(email)
    form.get_by_label(re.compile(r"^(password|contraseña)", re.IGNORECASE)).fill(DEFAULT_PASSWORD)
    form.get_by_role("button", name=re.compile(r"^(log in|iniciar sesión)$", re.IGNORECASE)).click()
    expect(page).to_have_url(re.compile(re.escape(next_url) + "$"))


def field(form, label: str):
    """The form control labelled `label` (Django writes "Label:")."""
    return form.get_by_label(re.compile(rf"^{re.escape(label)}:?$"))


def write_and_send_for_review(page, live_url, theme: Theme):
    log_in(
        page,
        live_url,
        MEMBER_EMAIL,
        language_prefix="/en",
        next_url="/en/mis-contribuciones/nueva/",
    )
    form = page.locator("form.contribution-form")
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a contribution")

    form.get_by_role("radio", name="Good practice", exact=True).check()
    field(form, "Title").fill(TITLE)
    field(form, "Summary").fill(
        "Las juntas de usuarios y la municipalidad ordenaron los turnos de riego en asamblea "
        "y los chacareros de la parte baja dejaron de perder sus siembras."
    )
    form.get_by_role("radio", name=theme.name_en, exact=True).check()
    for label, text in SECTIONS.items():
        field(form, label).fill(text)
    field(form, "Province (optional)").select_option(label="Mariscal Nieto")
    field(form, "Language of the text").select_option("es")
    field(form, "Other tags (optional)").fill("riego, juntas de usuarios")
    form.get_by_role("radio", name="Public", exact=True).check()

    form.get_by_role("button", name="Send for review").click()

    # Back in "My contributions", with the confirmation and the lesson in review.
    expect(page).to_have_url(f"{live_url}/en/mis-contribuciones/")
    expect(page.get_by_text("Your contribution has been sent for review.")).to_be_visible()
    row = page.get_by_role("article", name=TITLE)
    expect(row.get_by_text("In review", exact=True)).to_be_visible()


def approve_in_the_admin(browser, live_url):
    context = browser.new_context(locale="es-PE", timezone_id="America/Lima")
    page = context.new_page()
    try:
        log_in(page, live_url, FACILITATOR_EMAIL, next_url="/admin/")

        # The dashboard lists what awaits the facilitator's review.
        panel = page.get_by_role("region", name="Esperando su revisión")
        row = panel.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
        expect(row).to_be_visible()
        row.get_by_role("button", name="Acciones").click()
        page.get_by_role("button", name="Aprobar", exact=True).click()

        # Approving the only task of the workflow publishes the lesson: back on the
        # dashboard, nothing awaits review any more.
        expect(page).to_have_url(f"{live_url}/admin/")
        expect(page.get_by_role("region", name="Esperando su revisión")).to_have_count(0)
    finally:
        context.close()


def find_it_as_a_visitor(browser, live_url):
    context = browser.new_context(locale="es-PE", timezone_id="America/Lima")
    page = context.new_page()
    try:
        # In the list, newest first.
        page.goto(f"{live_url}/lecciones/")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        results = page.get_by_role("region", name=re.compile(r"^\d+ contribuci"))
        cards = results.get_by_role("article")
        expect(cards).to_have_count(2)
        expect(cards.first.get_by_role("heading", name=TITLE)).to_be_visible()

        # In a search, through the search box: only this lesson has the word.
        page.get_by_role("searchbox", name="Buscar en lecciones y experiencias").fill(DISTINCTIVE)
        page.get_by_role("search").get_by_role("button", name="Buscar").click()
        expect(page).to_have_url(re.compile(rf"/lecciones/\?.*q={DISTINCTIVE}"))
        expect(results.get_by_role("article")).to_have_count(1)
        results.get_by_role("link", name=TITLE).click()

        # The lesson's own page shows its six parts.
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
        expect(page.get_by_text(SECTIONS["The lesson learned"])).to_be_visible()

        # In the RSS feed.
        response = page.request.get(f"{live_url}/lecciones/rss/")
        assert response.ok
        assert "rss" in response.headers["content-type"]
        channel = ET.fromstring(response.body()).find("channel")
        items = {item.findtext("title"): item.findtext("link") for item in channel.iter("item")}
        assert items[TITLE].endswith(Contribution.objects.get(title=TITLE).get_absolute_url())
    finally:
        context.close()


def test_a_member_writes_a_lesson_a_facilitator_publishes_it_and_the_public_finds_it(
    page, browser, live_url
):
    call_command("seed_core_group", verbosity=0)  # the four themes and the Core Group
    theme = Theme.objects.get(order=3)
    MemberFactory(email=MEMBER_EMAIL, full_name="Rosa Quispe Mamani")
    FacilitatorFactory(email=FACILITATOR_EMAIL, full_name="Lucía Mendoza Flores")
    # Another published lesson, older, without the distinctive word.
    ContributionFactory(primary_theme=Theme.objects.get(order=1))

    write_and_send_for_review(page, live_url, theme)
    contribution = Contribution.objects.get(title=TITLE)
    assert not contribution.live

    approve_in_the_admin(browser, live_url)
    contribution.refresh_from_db()
    assert contribution.live
    assert contribution.tags.count() == 2

    find_it_as_a_visitor(browser, live_url)
