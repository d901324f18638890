"""In a real browser, a facilitator adds an institution that joins the Core Group and then
corrects it, in the Wagtail admin; each time we look where people meet it: a visitor on the
Core Group page (served from the page cache to anonymous visitors) and in the "Únete" form's
list of institutions, a member in the directory, the facilitator in an invitation's choice
of institution.

Set-up uses factories; every step is a click or a form filled in the browser.
"""

import re

from playwright.sync_api import expect

from members.models import Institution, Sector
from tests.e2e import journeys
from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory

FACILITATOR = "lucia.mendoza@example.org"
MEMBER = "rosa.quispe@example.org"
NAME = "Junta de Usuarios de Riego de Moquegua"
DESCRIPTION = "Reúne a las comisiones de regantes del valle de Moquegua y administra el agua."
CORRECTED = "Reúne a las comisiones de regantes de los valles de Moquegua y Torata."


def sector_section(page, label: str):
    return page.locator("section.sector", has=page.get_by_role("heading", name=label, level=2))


def save(page, button: str, *, said: str, sector: str):
    """Saves the admin form: back in the listing, with the message and the row."""
    page.locator("footer").get_by_role("button", name=button).click()
    expect(page).to_have_url(re.compile(r"/admin/institutions/$"))
    expect(page.locator(".messages .success")).to_contain_text(f"«{NAME}» (institución) {said}")
    expect(page.locator("main table tbody tr", has_text=NAME)).to_contain_text(sector)


def test_a_facilitator_adds_and_corrects_an_institution_people_see_it(page, browser, live_url):
    FacilitatorFactory(email=FACILITATOR, full_name="Lucía Mendoza Flores")
    InstitutionFactory(
        name="Gobierno Regional de Moquegua",
        sector=Sector.GOVERNMENT_REGIONAL_LOCAL,
        is_core_group=True,
    )
    MemberFactory(email=MEMBER, full_name="Rosa Quispe Mamani")

    visitor_context = journeys.new_context(browser)
    member_context = journeys.new_context(browser)
    try:
        # A visitor reads the Core Group page before (it is now in the page cache).
        visitor = visitor_context.new_page()
        visitor.goto(f"{live_url}/grupo-nucleo/")
        expect(visitor.locator("main")).not_to_contain_text(NAME)

        # ---- The facilitator adds the institution, in the Core Group.
        journeys.log_in(page, live_url, FACILITATOR, next_url="/admin/institutions/")
        page.get_by_role("link", name="Añadir institución").click()
        expect(page).to_have_url(re.compile(r"/admin/institutions/new/$"))
        page.locator("#id_name").fill(NAME)
        page.locator("#id_short_name").fill("JU Moquegua")
        page.locator("#id_sector").select_option(label="Organizaciones de la sociedad civil")
        page.locator("#id_description").fill(DESCRIPTION)
        page.locator("#id_website").fill("https://juntamoquegua.example.org")
        page.locator("#id_is_core_group").check()
        journeys.screenshot(page, "institution-add")
        save(page, "Crear", said="se creó.", sector="Organizaciones de la sociedad civil")
        journeys.screenshot(page, "institution-added-listing")
        institution = Institution.objects.get(name=NAME)
        assert institution.is_core_group and institution.sector == Sector.CIVIL_SOCIETY

        # ---- The visitor sees it on the Core Group page, under its sector, at once.
        visitor.reload()
        civil_society = sector_section(visitor, "Organizaciones de la sociedad civil")
        entry = civil_society.locator("li.institution", has_text=NAME)
        expect(entry).to_contain_text(DESCRIPTION)
        expect(entry.get_by_role("link", name="Sitio web de JU Moquegua")).to_have_attribute(
            "href", "https://juntamoquegua.example.org"
        )
        journeys.screenshot(visitor, "institution-core-group-page")
        # And can choose it when applying to join.
        visitor.goto(f"{live_url}/unete/")
        choice = visitor.get_by_label("Institución existente")
        expect(choice.locator("option", has_text=NAME)).to_have_count(1)

        # ---- A member finds it in the directory, marked as of the Core Group.
        member = member_context.new_page()
        journeys.log_in(member, live_url, MEMBER, next_url="/miembros/directorio/")
        entry = member.locator("li.institution", has_text=NAME)
        expect(entry.locator(".badge")).to_have_text("Grupo Núcleo")
        expect(entry).to_contain_text("Todavía no hay miembros con cuenta.")

        # ---- The facilitator can invite someone of it.
        page.goto(f"{live_url}/admin/invitations/new/")
        page.locator("#id_institution").select_option(label=NAME)

        # ---- She corrects it: another sector, a better description.
        page.goto(f"{live_url}/admin/institutions/")
        page.locator("main table tbody tr", has_text=NAME).get_by_role("link", name=NAME).click()
        expect(page).to_have_url(re.compile(rf"/admin/institutions/edit/{institution.pk}/$"))
        expect(page.locator("#id_name")).to_have_value(NAME)
        page.locator("#id_sector").select_option(label="Academia y colegios profesionales")
        page.locator("#id_description").fill(CORRECTED)
        journeys.screenshot(page, "institution-edit")
        save(page, "Guardar", said="se actualizó.", sector="Academia y colegios profesionales")

        # ---- Everyone sees the correction: the Core Group page moved it to its sector.
        visitor.goto(f"{live_url}/grupo-nucleo/")
        expect(sector_section(visitor, "Organizaciones de la sociedad civil")).to_have_count(0)
        academia = sector_section(visitor, "Academia y colegios profesionales")
        expect(academia.locator("li.institution", has_text=NAME)).to_contain_text(CORRECTED)
        expect(visitor.locator("main")).not_to_contain_text(DESCRIPTION)
        member.reload()
        academia = sector_section(member, "Academia y colegios profesionales")
        expect(academia.locator("li.institution", has_text=NAME)).to_be_visible()
    finally:
        visitor_context.close()
        member_context.close()
