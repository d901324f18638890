"""In a real browser, the commitments register's summary and places: a member of the
responsible institution reports progress and marks a milestone reached; an anonymous
visitor opens the summary from the register, reads the table that follows a chart, goes
from the overdue list to a commitment, reads its milestones on the timeline, and finds the
commitment on its district's page, which leads back to the register filtered by the
district."""

import re
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from members.models import Sector
from tests.e2e import journeys
from tests.factories import CommitmentFactory, InstitutionFactory, MemberFactory, district
from themes.models import Theme
from workshops.models import CommitmentMilestone, CommitmentStatus

OVERDUE = "Instalar la red de agua potable del anexo de Yacango, en Torata."
OTHER = "Publicar el padrón de usuarios de agua de Samegua."


def member_marks_a_milestone_reached(page, live_url, commitment, reporter):
    journeys.log_in(page, live_url, reporter.email, next_url=f"/compromisos/{commitment.pk}/")
    page.get_by_role("link", name="Informar avance").click()
    form = page.locator("form.commitment-report-form")
    journeys.field(form, "Estado").select_option(CommitmentStatus.IN_PROGRESS)
    journeys.field(form, "Avance (%)").fill("40")
    form.get_by_role("checkbox", name=re.compile("Obra iniciada")).check()
    journeys.field(form, "Nota").fill("La obra empezó con la excavación de las zanjas.")
    form.get_by_role("button", name="Agregar mi informe").click()
    expect(page.locator(".messages")).to_contain_text("Su informe se agregó al historial.")
    journeys.log_out(page)


def visitor_reads_the_summary_and_finds_the_commitment_in_its_district(page, live_url):
    page.goto(f"{live_url}/compromisos/")
    page.get_by_role("link", name="Resumen: avance por tema, sector y origen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resumen de los compromisos")
    expect(page.locator(".lede")).to_contain_text("2 compromisos en el registro; cumplidos: 1.")

    by_theme = page.locator("section", has=page.locator("#chart-theme-title"))
    expect(by_theme.get_by_role("img")).to_have_count(1)
    table = by_theme.get_by_role("table", name="Compromisos por estado y por tema")
    row = table.locator("tbody tr", has=page.get_by_role("rowheader", name="Diversificación"))
    expect(row.locator("td")).to_have_text(["0", "1", "1", "0", "0", "2", "50 %"])
    journeys.screenshot(page, "commitments-summary")

    overdue = page.locator("section", has=page.locator("#overdue-title"))
    overdue.get_by_role("link", name=OVERDUE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(OVERDUE)
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Hito alcanzado: Obra iniciada")
    expect(timeline).to_contain_text("Hito previsto: Obra entregada a la junta")
    journeys.screenshot(page, "commitment-milestones")

    page.locator(".commitment-facts .place-list").get_by_role("link", name="Torata").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Distrito de Torata")
    commitments = page.locator("section", has=page.locator("#commitments-title"))
    expect(commitments.get_by_role("link", name=OVERDUE)).to_be_visible()
    expect(commitments).to_contain_text("Vencido")
    expect(commitments.get_by_role("link", name=OTHER)).to_have_count(0)
    journeys.screenshot(page, "district-commitments")
    commitments.get_by_role("link", name="Ver este compromiso en el registro").click()
    expect(page).to_have_url(f"{live_url}/compromisos/?district=torata")
    expect(page.locator(".commitment-row h3")).to_have_text([OVERDUE])


def test_the_summary_and_the_district_page_of_a_commitment(page, live_url):
    call_command("seed_core_group", verbosity=0)
    theme = Theme.objects.get(slug="diversificacion-productiva")
    company = InstitutionFactory(name="Minera del Sur S.A.", sector=Sector.PRIVATE_MINING)
    reporter = MemberFactory(institution=company, full_name="Ana Rojas Paredes")
    today = timezone.localdate()
    overdue = CommitmentFactory(
        description=OVERDUE,
        responsible_institution=company,
        due_date=today - timedelta(days=5),
    )
    overdue.districts.add(district("torata"))
    overdue.themes.add(theme)
    CommitmentMilestone.objects.create(
        commitment=overdue, title="Obra iniciada", planned_on=today - timedelta(days=20)
    )
    CommitmentMilestone.objects.create(
        commitment=overdue,
        title="Obra entregada a la junta",
        planned_on=today + timedelta(days=30),
    )
    done = CommitmentFactory(
        description=OTHER, status=CommitmentStatus.FULFILLED, progress=100, completed_on=today
    )
    done.districts.add(district("samegua"))
    done.themes.add(theme)

    member_marks_a_milestone_reached(page, live_url, overdue, reporter)
    assert overdue.milestones.get(title="Obra iniciada").reached_on == today

    visitor_reads_the_summary_and_finds_the_commitment_in_its_district(page, live_url)
