"""In a real browser, a commitment from the agreement to the evidence, checked by the other
sectors: a member of the responsible mining company reports it "fulfilled" with a CUI and a
document; a member of a civil-society organisation confirms; a member of a university
contests; the facilitator finds it in the queue of contested commitments, puts it on a
coming workshop's agenda and hides an abusive note; records a dialogue table and one of its
commitments; a visitor reads the timeline."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from members.models import Sector
from tests.e2e import journeys
from tests.factories import (
    AgreementSpaceFactory,
    CommitmentFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MemberFactory,
    WorkshopFactory,
)
from workshops.models import AgendaItem, AgreementSpace, CommitmentStatus, CommitmentVerdict

COMMITMENT = "Entregar la planta de tratamiento de agua potable de Pacocha."
CONTEST_NOTE = "El agua no cumple los límites: ustedes mienten siempre."
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _log_in_other(browser, live_url, person):
    context = journeys.new_context(browser)
    page = context.new_page()
    journeys.log_in(page, live_url, person.email, next_url="/mis-compromisos/")
    return context, page


def test_a_commitment_from_report_to_contest_to_agenda(page, browser, live_url, settings, tmp_path):
    settings.SITE_URL = live_url
    company = InstitutionFactory(name="Minera del Sur S.A.", sector=Sector.PRIVATE_MINING)
    reporter = MemberFactory(institution=company, full_name="Ana Rojas Paredes")
    civil = MemberFactory(
        institution=InstitutionFactory(
            name="Frente de Defensa de Pacocha", sector=Sector.CIVIL_SOCIETY
        )
    )
    academic = MemberFactory(
        institution=InstitutionFactory(
            name="Universidad Nacional de Moquegua", sector=Sector.ACADEMIA
        )
    )
    facilitator = FacilitatorFactory(full_name="Lucía Mendoza Flores")
    commitment = CommitmentFactory(description=COMMITMENT, responsible_institution=company)
    coming = WorkshopFactory(title="Taller de seguimiento de compromisos de Ilo")
    act = tmp_path / "acta-de-entrega.pdf"
    act.write_bytes(PDF)

    # ---- A member of the responsible company reports it fulfilled, with a CUI and a document.
    journeys.log_in(page, live_url, reporter.email, next_url="/mis-compromisos/")
    open_list = page.locator("section", has=page.locator("#open-title"))
    expect(open_list).to_contain_text(COMMITMENT)
    open_list.get_by_role("link", name=re.compile("Informar avance")).click()
    form = page.locator("form.commitment-report-form")
    journeys.field(form, "Estado").select_option(CommitmentStatus.FULFILLED)
    journeys.field(form, "Avance (%)").fill("100")
    journeys.field(form, "Nota").fill("La planta fue entregada a la EPS el 2 de diciembre.")
    journeys.field(form, "CUI de una inversión pública").fill("23456")
    form.locator("input[type=file][name=document]").set_input_files(str(act))
    form.get_by_role("button", name="Agregar mi informe").click()
    # A malformed CUI is refused, in Spanish, and nothing is stored.
    expect(page.locator("form.commitment-report-form")).to_contain_text("7 dígitos")
    assert not commitment.updates.exists()
    form = page.locator("form.commitment-report-form")
    journeys.field(form, "CUI de una inversión pública").fill("2345678")
    form.locator("input[type=file][name=document]").set_input_files(str(act))
    form.get_by_role("button", name="Agregar mi informe").click()
    expect(page).to_have_url(re.compile(rf"/compromisos/{commitment.pk}/$"))
    expect(page.locator(".messages")).to_contain_text("Su informe se agregó al historial.")
    expect(page.locator("h1")).to_contain_text(COMMITMENT)
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.FULFILLED

    # ---- A member of civil society confirms it.
    civil_context, civil_page = _log_in_other(browser, live_url, civil)
    try:
        to_check = civil_page.locator("section", has=civil_page.locator("#judge-title"))
        to_check.get_by_role("link", name=re.compile("Confirmar o cuestionar")).click()
        form = civil_page.locator("form.commitment-verdict-form")
        form.get_by_label("Confirmar", exact=True).check()
        journeys.field(form, "Nota").fill("Visitamos la planta: funciona.")
        form.get_by_role("button", name="Registrar la verificación de mi institución").click()
        expect(civil_page.locator(".messages")).to_contain_text("Su institución confirmó")
    finally:
        civil_context.close()

    # ---- A member of a university contests it (a note is required to contest).
    academic_context, academic_page = _log_in_other(browser, live_url, academic)
    try:
        to_check = academic_page.locator("section", has=academic_page.locator("#judge-title"))
        to_check.get_by_role("link", name=re.compile("Confirmar o cuestionar")).click()
        form = academic_page.locator("form.commitment-verdict-form")
        form.get_by_label("Cuestionar", exact=True).check()
        journeys.field(form, "Nota").fill(CONTEST_NOTE)
        form.get_by_role("button", name="Registrar la verificación de mi institución").click()
        expect(academic_page.locator(".messages")).to_contain_text("Su institución cuestionó")
    finally:
        academic_context.close()
    assert CommitmentVerdict.objects.count() == 2

    # ---- The facilitator finds it in the queue and puts it on a coming workshop's agenda.
    journeys.log_out(page)
    journeys.log_in(
        page, live_url, facilitator.email, next_url="/admin/workshop-commitments/?contested=yes"
    )
    row = page.locator("main table tbody tr", has_text=COMMITMENT[:40])
    expect(row).to_contain_text("cuestionado")
    row.get_by_role("button", name=re.compile("Más opciones")).click()
    row.get_by_role("link", name="Incluir en la agenda de un taller").click()
    page.locator("#id_workshop").select_option(label=coming.title)
    page.locator("#id_time").fill("10:30")
    page.get_by_role("button", name="Incluir en la agenda").click()
    expect(page.locator(".messages .success")).to_contain_text("Taller de seguimiento")
    assert AgendaItem.objects.get(commitment=commitment).workshop == coming

    # ---- And hides the abusive note, with a reason kept in the audit log.
    page.goto(f"{live_url}/admin/workshop-commitments/hide-note/{commitment.pk}/")
    page.locator("#id_entry").select_option(
        label="Universidad Nacional de Moquegua: " + CONTEST_NOTE
    )
    page.locator("#id_reason").fill("Acusación sin sustento contra personas.")
    page.get_by_role("button", name="Ocultar la nota").click()
    expect(page.locator(".messages .success")).to_contain_text("La nota está oculta.")

    # ---- Records a dialogue table and one of its commitments.
    page.goto(f"{live_url}/admin/agreement-spaces/new/")
    page.locator("#id_name").fill("Mesa de Diálogo de Moquegua")
    page.locator("#id_slug").fill("mesa-dialogo-moquegua")
    page.locator("#id_kind").select_option("dialogue_table")
    page.locator("#id_convener").select_option(label="Minera del Sur S.A.")
    page.locator("#id_started_on").fill((timezone.localdate() - timedelta(days=30)).isoformat())
    page.locator("#id_started_on").press("Escape")
    page.locator("#id_published").check()
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages .success")).to_be_visible()
    space = AgreementSpace.objects.get()
    page.goto(f"{live_url}/admin/workshop-commitments/new/")
    page.locator("#id_source").select_option("agreement_space")
    page.locator("#id_agreement_space").select_option(str(space.pk))
    page.locator("#id_description").fill("Instalar la mesa técnica del agua de Moquegua.")
    page.locator("#id_responsible_institution").select_option(label="Minera del Sur S.A.")
    page.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.locator("#id_due_date").press("Escape")
    page.locator("footer button[type=submit]").first.click()
    expect(page.locator(".messages .success")).to_be_visible()
    assert space.commitments.count() == 1

    # ---- A visitor reads the timeline: the report, its CUI link, who confirmed, who contested.
    visitor_context = journeys.new_context(browser)
    try:
        visitor = visitor_context.new_page()
        visitor.goto(f"{live_url}/compromisos/?checked=contested")
        visitor.get_by_role("link", name=COMMITMENT).click()
        timeline = visitor.locator("ol.timeline")
        expect(timeline).to_contain_text("La planta fue entregada a la EPS")
        expect(timeline.get_by_role("link", name=re.compile("CUI 2345678"))).to_have_attribute(
            "href", "https://ofi5.mef.gob.pe/ssi/Ssi/Index?codigo=2345678&tipo=2"
        )
        expect(timeline).not_to_contain_text("ustedes mienten")
        table = visitor.locator("table.verification")
        expect(table.locator("tr", has_text="Frente de Defensa de Pacocha")).to_be_visible()
        expect(table.locator("tr", has_text="Universidad Nacional de Moquegua")).to_be_visible()
        journeys.screenshot(visitor, "commitment-timeline")
    finally:
        visitor_context.close()


def test_a_facilitator_records_that_a_dialogue_table_ended_and_visitors_read_it(
    page, browser, live_url
):
    space = AgreementSpaceFactory(
        name="Mesa técnica del agua de Ilo", description="Se reúne cada mes en Ilo."
    )
    FacilitatorFactory(email="lucia.mendoza@example.org", full_name="Lucía Mendoza")
    ended = timezone.localdate() - timedelta(days=3)

    journeys.log_in(page, live_url, "lucia.mendoza@example.org", next_url="/admin/")
    page.get_by_role("navigation").get_by_role("button", name="Talleres").click()
    page.get_by_role("navigation").get_by_role("link", name="Espacios de acuerdo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Espacios de acuerdo")
    page.locator("main table tbody").get_by_role("link", name=space.name).click()
    page.locator("#id_ended_on").fill(ended.isoformat())
    page.locator("#id_description").fill(
        "Se reunió cada mes en Ilo; cerró con el acta de acuerdos firmada."
    )
    page.locator("footer").get_by_role("button", name="Guardar").click()
    expect(page.locator(".messages .success")).to_be_visible()

    visitor = journeys.new_context(browser).new_page()
    visitor.goto(f"{live_url}/compromisos/espacios/{space.slug}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(space.name)
    expect(visitor.locator("main")).to_contain_text("cerró con el acta de acuerdos firmada")
    visitor.context.close()
    space.refresh_from_db()
    assert space.ended_on == ended
