"""In a real browser, “we applied this”: Rosa, of a district municipality, reports on a
lesson's page that her institution applied it (a first try without a district is refused,
with the reason beside the field); Lucía, a facilitator, approves the report from her
review queue in the admin; Pedro, the lesson's author, is told by e-mail and follows the
link to his lesson, which now shows the report, where it was made, and the lessons it
builds on and that build on it; the district's page lists it; a visitor sees the count on
the lesson's card and the lesson among the theme's most applied.

Set-up uses the seed and factories; every step is a click or a form filled in the browser.
"""

import re

from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e import journeys
from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    LessonApplicationFactory,
    MemberFactory,
    district,
)
from themes.models import LessonApplication, Theme

AUTHOR = "pedro.mamani@example.org"
REPORTER = "rosa.quispe@example.org"
FACILITATOR = "lucia.mendoza@example.org"
LESSON = "Vigilancia vecinal de las obras de agua en Torata"
EARLIER = "Mesa de diálogo sobre el agua en Moquegua"
LATER = "Comités de obra en los barrios de Ilo"
ADAPTED = "Hicimos las visitas de obra con las juntas vecinales de El Algarrobal."
RESULTS = "Dos obras de agua se reanudaron y la municipalidad publica su avance cada mes."
INSTITUTION = "Municipalidad Distrital de El Algarrobal"


def report_the_application(page, live_url, lesson_url):
    journeys.log_in(page, live_url, REPORTER, next_url=lesson_url)
    page.get_by_text("Lo aplicamos en mi institución").click()
    form = page.locator("form.application-form")
    journeys.field(form, "¿Desde cuándo?").fill("2025-04-01")
    journeys.field(form, "Qué se adaptó").fill(ADAPTED)
    journeys.field(form, "Qué pasó").fill(RESULTS)
    journeys.field(form, "Qué no funcionó").fill("Las actas llegaron tarde a las juntas.")
    journeys.field(form, "CUI de una inversión pública (opcional)").fill("2456789")
    # No district chosen: refused, with the reason, and what was written is kept.
    form.get_by_role("button", name="Enviar el informe").click()
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Elija al menos un distrito.")
    form = page.locator("form.application-form")
    expect(journeys.field(form, "Qué se adaptó")).to_have_value(ADAPTED)
    journeys.screenshot(page, "application-form-error")

    province = form.get_by_role("group", name="Provincia de Ilo")
    province.get_by_role("checkbox", name="El Algarrobal", exact=True).check()
    form.get_by_role("button", name="Enviar el informe").click()
    expect(page.locator(".messages")).to_contain_text(
        "Su informe se ha enviado al equipo de facilitación"
    )
    # Not shown before the facilitators approve it.
    expect(page.locator("#aplicaciones")).not_to_contain_text(ADAPTED)


def approve_it_in_the_admin(browser, live_url):
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        journeys.log_in(page, live_url, FACILITATOR, next_url="/admin/")
        panel = page.get_by_role("region", name="Esperando su revisión")
        title = f"{INSTITUTION} aplicó «{LESSON}»"
        row = panel.get_by_role("row").filter(has=page.get_by_role("link", name=title))
        row.get_by_role("button", name="Acciones").click()
        page.get_by_role("button", name="Aprobar", exact=True).click()
        expect(page).to_have_url(f"{live_url}/admin/")
        expect(page.get_by_role("region", name="Esperando su revisión")).to_have_count(0)
    finally:
        context.close()


def the_author_is_told_and_reads_it(browser, live_url):
    message = journeys.wait_for_mail(AUTHOR, subject=re.compile("aplicó su lección"))
    assert INSTITUTION in message.subject
    assert ADAPTED in message.body
    context = journeys.new_context(browser)
    page = context.new_page()
    try:
        journeys.log_in(page, live_url, AUTHOR)
        journeys.follow_link(page, message, containing="#aplicacion-", live_url=live_url)
        expect(page.get_by_role("heading", level=1)).to_have_text(LESSON)
        section = page.locator("#aplicaciones")
        expect(section.get_by_role("heading", level=2)).to_have_text("Puesta en práctica (1)")
        report = section.get_by_role("article", name=INSTITUTION)
        expect(report).to_contain_text(ADAPTED)
        expect(report).to_contain_text(RESULTS)
        expect(report).to_contain_text("Las actas llegaron tarde a las juntas.")
        expect(report.get_by_role("link", name=re.compile("CUI 2456789"))).to_be_visible()
        expect(section.locator(".application-places")).to_have_text(
            re.compile(r"El Algarrobal\s*\(1\)")
        )
        lineage = page.locator(".lineage")
        expect(lineage.get_by_role("link", name=EARLIER)).to_be_visible()
        expect(lineage.get_by_role("link", name=LATER)).to_be_visible()
        journeys.screenshot(page, "lesson-with-applications")

        # Where it was made: the district's page lists it.
        section.locator(".application-places").get_by_role("link", name="El Algarrobal").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Distrito de El Algarrobal")
        here = page.locator(".applications-here")
        expect(here.get_by_role("heading", level=2)).to_have_text("Lecciones aplicadas aquí (1)")
        expect(here.get_by_role("link", name=LESSON)).to_be_visible()
    finally:
        context.close()


def a_visitor_sees_the_count(page, live_url, theme):
    page.goto(f"{live_url}/lecciones/")
    card = page.get_by_role("article").filter(has=page.get_by_role("link", name=LESSON))
    expect(card.locator(".card-applied")).to_have_text("Aplicada 1 vez")
    page.goto(f"{live_url}{theme.get_absolute_url()}")
    most = page.locator(".most-applied")
    expect(most.get_by_role("heading", level=2)).to_have_text("Lecciones más aplicadas")
    expect(most.get_by_role("link", name=LESSON)).to_be_visible()
    journeys.screenshot(page, "theme-most-applied")


def test_a_member_reports_applying_a_lesson_and_its_author_is_told(page, browser, live_url):
    call_command("seed_core_group", verbosity=0)
    theme = Theme.objects.get(order=1)
    author = MemberFactory(email=AUTHOR, full_name="Pedro Mamani Condori")
    earlier = ContributionFactory(title=EARLIER, primary_theme=theme)
    lesson = ContributionFactory(
        title=LESSON, primary_theme=theme, author=author, districts=[district("torata")]
    )
    lesson.builds_on = [earlier]
    lesson.save()
    later = ContributionFactory(title=LATER, primary_theme=theme)
    later.builds_on = [lesson]
    later.save()
    reporter = MemberFactory(email=REPORTER, full_name="Rosa Quispe Mamani")
    reporter.institution.name = INSTITUTION
    reporter.institution.save()
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza")

    report_the_application(page, live_url, lesson.get_absolute_url())
    assert LessonApplication.objects.filter(live=False).count() == 1
    approve_it_in_the_admin(browser, live_url)
    the_author_is_told_and_reads_it(browser, live_url)

    visitor = journeys.new_context(browser)
    try:
        a_visitor_sees_the_count(visitor.new_page(), live_url, theme)
    finally:
        visitor.close()


TYPO = "Dos obras de agua se reanudaron y la municipalidda publica su avance."
FIXED = "Dos obras de agua se reanudaron y la municipalidad publica su avance cada mes."


def open_the_application(page, lesson_title: str):
    """From the admin's sidebar: "Lecciones" > "Aplicaciones" > the report's edit page."""
    page.get_by_role("navigation").get_by_role("button", name="Lecciones").click()
    page.get_by_role("navigation").get_by_role("link", name="Aplicaciones", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aplicaciones")
    row = page.locator("main table tbody tr").filter(has_text=lesson_title)
    row.get_by_role("link").first.click()


def test_a_facilitator_corrects_and_then_unpublishes_an_application(page, browser, live_url):
    call_command("seed_core_group", verbosity=0)
    theme = Theme.objects.get(order=1)
    lesson = ContributionFactory(title=LESSON, primary_theme=theme)
    reporter = MemberFactory(full_name="Rosa Quispe Mamani")
    reporter.institution.name = INSTITUTION
    reporter.institution.save()
    LessonApplicationFactory(lesson=lesson, author=reporter, results=TYPO)
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza")
    visitor = journeys.new_context(browser).new_page()
    visitor.goto(f"{live_url}{lesson.get_absolute_url()}")
    expect(visitor.locator("#aplicaciones")).to_contain_text(TYPO)

    # Lucía fixes the typo in the admin and publishes the correction.
    journeys.log_in(page, live_url, FACILITATOR, next_url="/admin/")
    open_the_application(page, LESSON)
    results = page.get_by_role("textbox", name=re.compile("^Qué pasó"))
    expect(results).to_have_value(TYPO)
    results.fill(FIXED)
    page.locator("footer").get_by_role("button", name="Más acciones").click()
    page.locator("footer").get_by_role("button", name="Publicar").click()
    expect(page.locator(".messages .success")).to_be_visible()
    visitor.reload()
    section = visitor.locator("#aplicaciones")
    expect(section).to_contain_text(FIXED)
    expect(section).not_to_contain_text("municipalidda")

    # Then she unpublishes it: the lesson's page and card no longer count it.
    page.goto(f"{live_url}/admin/")
    open_the_application(page, LESSON)
    page.locator("footer").get_by_role("button", name="Más acciones").click()
    page.locator("footer").get_by_role("link", name="Despublicar").click()
    page.get_by_role("button", name=re.compile("^Sí, despublicar")).click()
    expect(page.locator(".messages .success")).to_be_visible()
    visitor.reload()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(LESSON)
    expect(visitor.locator("main")).not_to_contain_text(FIXED)
    visitor.goto(f"{live_url}/lecciones/")
    card = visitor.get_by_role("article").filter(has=visitor.get_by_role("link", name=LESSON))
    expect(card.locator(".card-applied")).to_have_count(0)
    visitor.context.close()
