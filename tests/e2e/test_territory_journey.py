"""In a real browser, the territory: a visitor goes from a lesson to its district, then
to the province and the index of the territory; a member writes a lesson about a
district, choosing it among the checkboxes grouped by province (no script needed), and
the narrow screen of a phone (360 px) shows the choices without scrolling sideways.
"""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e import journeys
from tests.factories import ContributionFactory, MemberFactory, WorkshopFactory, district
from themes.models import Contribution, Theme, Visibility

MEMBER = "carmen.flores@example.org"
LESSON = "Vigilancia vecinal de las obras de agua en Torata"
WORKSHOP = "Taller de seguimiento de obras en Torata"
HIDDEN = "Acuerdos internos sobre el agua en Torata"
NEW_LESSON = "Comités de agua potable en Ichuña"


def visitor_goes_from_the_lesson_to_the_territory(page, live_url):
    page.goto(f"{live_url}/lecciones/")
    page.get_by_role("link", name=LESSON).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(LESSON)

    page.locator(".lesson-facts .place-list").get_by_role("link", name="Torata").click()
    expect(page).to_have_url(f"{live_url}/territorio/mariscal-nieto/torata/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Distrito de Torata")
    lessons = page.locator("section", has=page.locator("#lessons-title"))
    expect(lessons.get_by_role("link", name=LESSON)).to_be_visible()
    expect(page.get_by_text(HIDDEN)).to_have_count(0)
    upcoming = page.locator("section", has=page.locator("#upcoming-title"))
    expect(upcoming.get_by_role("link", name=WORKSHOP)).to_be_visible()

    page.locator(".breadcrumb").get_by_role("link", name="Provincia de Mariscal Nieto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Provincia de Mariscal Nieto")
    torata = page.locator(".district-table tbody tr", has=page.get_by_role("link", name="Torata"))
    expect(torata.locator("td").nth(0)).to_have_text("1")
    expect(torata.locator("td").nth(1)).to_have_text("1")

    page.locator(".breadcrumb").get_by_role("link", name="Territorio").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Territorio: provincias y distritos")
    expect(page.locator(".territory-province h2")).to_have_count(3)
    expect(page.locator(".district-table tbody tr")).to_have_count(21)


def member_writes_a_lesson_about_a_district(page, live_url, theme: Theme):
    page.set_viewport_size({"width": 360, "height": 780})
    journeys.log_in(page, live_url, MEMBER, next_url="/mis-contribuciones/nueva/")
    form = page.locator("form.contribution-form")
    journeys.field(form, "Título").fill(NEW_LESSON)
    journeys.field(form, "Resumen").fill(
        "Las juntas administradoras de agua de Ichuña aprendieron a rendir cuentas cada mes."
    )
    form.get_by_role("radio", name=theme.name_es, exact=True).check()
    province = form.get_by_role("group", name="Provincia de General Sánchez Cerro")
    ichuna = province.get_by_role("checkbox", name="Ichuña", exact=True)
    ichuna.scroll_into_view_if_needed()
    # At 360 px the groups fit the screen: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    ichuna.check()
    form.get_by_role("button", name="Guardar borrador").click()

    expect(page.locator(".messages")).to_contain_text("borrador")
    form = page.locator("form.contribution-form")
    expect(
        form.get_by_role("group", name="Provincia de General Sánchez Cerro").get_by_role(
            "checkbox", name="Ichuña", exact=True
        )
    ).to_be_checked()


def test_from_a_lesson_to_its_district_and_writing_one(page, browser, live_url):
    call_command("seed_core_group", verbosity=0)
    theme = Theme.objects.get(order=1)
    torata = district("torata")
    ContributionFactory(title=LESSON, primary_theme=theme, districts=[torata])
    ContributionFactory(
        title=HIDDEN, primary_theme=theme, districts=[torata], visibility=Visibility.MEMBERS
    )
    WorkshopFactory(
        title=WORKSHOP,
        districts=[torata],
        starts_at=timezone.now() + timedelta(days=10),
    )
    MemberFactory(email=MEMBER, full_name="Carmen Flores Ticona")

    visitor_goes_from_the_lesson_to_the_territory(page, live_url)

    context = journeys.new_context(browser)
    try:
        member_writes_a_lesson_about_a_district(context.new_page(), live_url, theme)
    finally:
        context.close()
    draft = Contribution.objects.get(title=NEW_LESSON).get_latest_revision_as_object()
    assert [d.name for d in draft.districts.all()] == ["Ichuña"]
