"""In a real browser, a hybrid workshop from the facilitator's first click to the report:
the facilitator plans it in the Wagtail admin (agenda, a document and a link as materials),
opens registration, two members register in their own browsers (the second joins the
waitlist), the facilitator writes to the registrants, gives the waitlisted person a seat,
finds attendance closed until the workshop starts, moves the start (the agenda follows),
marks attendance and a walk-in, records outcomes and commitments, marks it held and
downloads the participant list as CSV and as XLSX."""

import csv
import re
from datetime import timedelta
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from members.models import Sector
from resources.models import PrivateDocument
from tests.e2e import journeys
from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory
from workshops.models import (
    CommitmentStatus,
    Modality,
    Registration,
    RegistrationStatus,
    WalkIn,
    Workshop,
    WorkshopStatus,
)

LIMA = ZoneInfo("America/Lima")
TITLE = "Mesa híbrida sobre la vigilancia del canon minero en Ilo"
ONLINE_URL = "https://reuniones.example.org/comunidad-moquegua/canon-ilo"
LINK_URL = "https://www.transparencia.example.org/canon-moquegua"
GUIDE = "Guía de vigilancia ciudadana del canon"


def fill_date_time(page, selector: str, value) -> None:
    """Type a date-time as the admin shows it (Lima time) and close the picker."""
    field = page.locator(selector)
    field.fill(value.strftime("%Y-%m-%d %H:%M"))
    field.press("Escape")


def fill_time(page, selector: str, value: str) -> None:
    """Type a time, then close the picker that typing opened."""
    page.locator(selector).fill(value)
    close_pickers(page)


def close_pickers(page) -> None:
    """Close any date or time picker still open (it opens a moment after the field gets
    the focus, and covers the buttons below it): Escape, then a click away, on the open
    tab's name, as a person would."""
    pickers = page.locator(".xdsoft_datetimepicker:visible")
    closed_for = 0
    for _attempt in range(12):
        page.wait_for_timeout(250)
        if pickers.count() == 0:
            closed_for += 1
            if closed_for >= 2:  # and it stayed closed: it was not about to open
                return
            continue
        closed_for = 0
        page.keyboard.press("Escape")
        page.locator('[role="tab"][aria-selected="true"]').click()
    expect(pickers).to_have_count(0)


def open_tab(page, name: str) -> None:
    """Open a tab of the workshop form (a date picker left open can swallow the click)."""
    tab = page.get_by_role("tab", name=name, exact=True)
    for _attempt in range(3):
        tab.click()
        try:
            expect(tab).to_have_attribute("aria-selected", "true", timeout=2_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(tab).to_have_attribute("aria-selected", "true")


def save_workshop(page) -> None:
    page.locator("footer button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/workshops/edit/\d+/$"))
    expect(page.locator(".messages .success")).to_be_visible()


def register_in_own_browser(browser, live_url, person, workshop_path, *, expected: str):
    context = journeys.new_context(browser)
    try:
        visitor = context.new_page()
        journeys.log_in(visitor, live_url, person.email, next_url=workshop_path)
        visitor.locator("form.registration-form button[type=submit]").click()
        expect(visitor.locator(".registration-state")).to_contain_text(expected)
    finally:
        context.close()


def test_facilitator_runs_a_hybrid_workshop_from_plan_to_report(page, browser, live_url, settings):
    settings.SITE_URL = live_url
    facilitator = FacilitatorFactory(
        email="lucia.mendoza@example.org", full_name="Lucía Mendoza Flores"
    )
    other_facilitator = FacilitatorFactory(full_name="Miguel Ángel Chambi")
    propuesta = InstitutionFactory(name="Propuesta Ciudadana", sector=Sector.CIVIL_SOCIETY)
    municipality = InstitutionFactory(
        name="Municipalidad Provincial de Ilo", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    carlos = MemberFactory(
        email="carlos.huaman@example.org", full_name="Carlos Huamán Quispe", institution=propuesta
    )
    ana = MemberFactory(
        email="ana.flores@example.org", full_name="Ana Flores Ccori", institution=municipality
    )
    guide = PrivateDocument(title=GUIDE)
    guide.file.save("guia-vigilancia-canon.pdf", ContentFile(b"%PDF-1.4 guia"), save=True)
    starts = (timezone.now() + timedelta(days=10)).astimezone(LIMA)
    starts = starts.replace(hour=9, minute=0, second=0, microsecond=0)
    ends = starts + timedelta(hours=4)

    # ---- The facilitator plans the workshop in the admin, as a draft.
    journeys.log_in(page, live_url, facilitator.email, next_url="/admin/workshops/new/")
    # Whoever creates the workshop is ticked as its facilitator; the others are not.
    expect(page.locator(f'input[name="facilitators"][value="{facilitator.pk}"]')).to_be_checked()
    expect(
        page.locator(f'input[name="facilitators"][value="{other_facilitator.pk}"]')
    ).not_to_be_checked()
    page.fill("#id_title", TITLE)
    page.fill(
        "#id_description",
        "Revisamos juntos cómo avanzan las obras financiadas con canon minero en Ilo.",
    )
    page.select_option("#id_status", "draft")
    page.select_option("#id_modality", "hybrid")
    fill_date_time(page, "#id_starts_at", starts)
    fill_date_time(page, "#id_ends_at", ends)
    page.fill("#id_venue", "Salón de usos múltiples de la Municipalidad Provincial de Ilo")
    page.fill("#id_address", "Jr. Zepita 400")
    page.fill("#id_city", "Ilo")
    page.fill("#id_online_url", ONLINE_URL)
    page.fill("#id_capacity", "1")

    open_tab(page, "Agenda y materiales")
    close_pickers(page)
    page.locator("#id_agenda_items-ADD").click()
    fill_time(page, "#id_agenda_items-0-time", "09:00")
    page.fill("#id_agenda_items-0-title", "Bienvenida y presentación de participantes")
    close_pickers(page)
    page.locator("#id_agenda_items-ADD").click()
    fill_time(page, "#id_agenda_items-1-time", "10:30")
    page.fill("#id_agenda_items-1-title", "Mesas de trabajo por distrito")
    page.fill("#id_agenda_items-1-speaker", "Carlos Huamán Quispe")

    close_pickers(page)
    page.locator("#id_materials-ADD").click()
    page.fill("#id_materials-0-title", GUIDE)
    page.locator("#id_materials-0-document-chooser .unchosen button").click()
    modal = page.locator(".modal-dialog")
    modal.locator("a[data-chooser-modal-choice]", has_text=GUIDE).click()
    expect(page.locator("#id_materials-0-document-chooser .chooser__title")).to_have_text(GUIDE)
    close_pickers(page)
    page.locator("#id_materials-ADD").click()
    page.fill("#id_materials-1-title", "Portal de transparencia del canon")
    page.fill("#id_materials-1-url", LINK_URL)
    save_workshop(page)

    workshop = Workshop.objects.get(title=TITLE)
    assert workshop.status == WorkshopStatus.DRAFT
    assert workshop.modality == Modality.HYBRID
    assert list(workshop.facilitators.all()) == [facilitator]
    assert [f"{item.time:%H:%M}" for item in workshop.agenda_items.all()] == ["09:00", "10:30"]
    assert [(m.document, m.url) for m in workshop.materials.all()] == [
        (guide, ""),
        (None, LINK_URL),
    ]
    edit_url = page.url
    workshop_path = workshop.get_absolute_url()

    # ---- Opens registration.
    open_tab(page, "Taller")
    page.select_option("#id_status", "open")
    save_workshop(page)
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.OPEN

    # ---- Two members register, each in their own browser; the second joins the waitlist.
    register_in_own_browser(
        browser, live_url, carlos, workshop_path, expected="Su lugar está confirmado"
    )
    register_in_own_browser(
        browser, live_url, ana, workshop_path, expected="número 1 en la lista de espera"
    )

    # ---- The facilitator writes to everyone registered.
    page.goto(f"{live_url}/admin/workshops/registrations/{workshop.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Carlos Huamán Quispe")
    expect(main).to_contain_text("Ana Flores Ccori")
    main.get_by_role("link", name="Escribir a las personas inscritas").click()
    page.get_by_label("Asunto").fill("Qué traer al taller del jueves")
    page.get_by_label("Mensaje").fill(
        "Traigan, por favor, la lista de obras de su distrito financiadas con canon."
    )
    page.get_by_role("button", name="Enviar el mensaje").click()
    expect(page.locator(".messages .success")).to_contain_text("Mensaje enviado a 2 personas")
    for person in (carlos, ana):
        message = journeys.wait_for_mail(person.email, subject="Qué traer al taller del jueves")
        assert "lista de obras de su distrito" in message.body

    # ---- Gives the person on the waitlist a seat (the workshop is full: one seat more).
    expect(main).to_contain_text("El taller está lleno")
    main.get_by_role("button", name=re.compile("Confirmar con un lugar más")).click()
    expect(page.locator(".messages .success")).to_contain_text("Ana Flores Ccori")
    promoted = journeys.wait_for_mail(ana.email, subject=f"Tiene un lugar: {TITLE}")
    assert "El equipo de facilitación le ha dado un lugar" in promoted.body
    workshop.refresh_from_db()
    assert workshop.capacity == 2
    assert Registration.objects.get(user=ana).status == RegistrationStatus.CONFIRMED

    # ---- Attendance waits for the start: no attendance form yet, and it says so.
    expect(main).to_contain_text("La asistencia se toma aquí cuando el taller haya empezado")
    expect(page.get_by_role("button", name="Guardar asistencia")).to_have_count(0)

    # ---- The workshop is brought forward to today and is under way: the agenda follows.
    page.goto(edit_url)
    now = timezone.now().astimezone(LIMA).replace(second=0, microsecond=0)
    new_start = now - timedelta(hours=1)
    fill_date_time(page, "#id_starts_at", new_start)
    fill_date_time(page, "#id_ends_at", new_start + timedelta(hours=4))
    save_workshop(page)
    expect(page.locator(".messages")).to_contain_text("2 puntos de la agenda se movieron")
    first_item = (new_start).strftime("%H:%M")
    assert f"{workshop.agenda_items.first().time:%H:%M}" == first_item
    changed = journeys.wait_for_mail(carlos.email, subject=re.compile("Cambio de hora"))
    assert "Su lugar está confirmado" in changed.body

    # ---- Marks attendance: Carlos came, Ana did not; Elena came without registering.
    page.goto(f"{live_url}/admin/workshops/registrations/{workshop.pk}/")
    carlos_registration = Registration.objects.get(workshop=workshop, user=carlos)
    page.locator(f'input[name="attended"][value="{carlos_registration.pk}"]').check()
    page.get_by_role("button", name="Guardar asistencia").click()
    expect(page.locator(".messages .success")).to_contain_text("1 de 2")

    walk_in_form = page.locator("form.walk-in-form")
    walk_in_form.get_by_label("Nombre completo").fill("Nombre equivocado")
    walk_in_form.get_by_label("Institución", exact=True).select_option(label=propuesta.name)
    walk_in_form.get_by_role("button", name="Agregar a la asistencia").click()
    expect(page.locator(".messages .success")).to_contain_text("Nombre equivocado")
    page.locator(".walk-ins").get_by_role("button", name=re.compile("Quitar")).click()
    expect(page.locator(".messages .success")).to_contain_text("ya no figura")
    walk_in_form.get_by_label("Nombre completo").fill("Elena Condori Mamani")
    walk_in_form.get_by_label("Otra institución", exact=True).fill(
        "Junta de Usuarios de Riego de Ilo"
    )
    walk_in_form.get_by_label("Sector de la otra institución").select_option(Sector.CIVIL_SOCIETY)
    walk_in_form.get_by_role("button", name="Agregar a la asistencia").click()
    walk_ins = page.locator(".walk-ins table")
    expect(walk_ins).to_contain_text("Elena Condori Mamani")
    expect(walk_ins).to_contain_text("Junta de Usuarios de Riego de Ilo")
    assert list(WalkIn.objects.values_list("name", "sector")) == [
        ("Elena Condori Mamani", Sector.CIVIL_SOCIETY)
    ]
    # The balance by sector counts both people who attended from civil society.
    with translation.override("es"):
        civil_society = str(Sector.CIVIL_SOCIETY.label)
    balance = page.locator(".participation-chart table tbody tr", has_text=civil_society)
    expect(balance.locator("td")).to_have_text(["1", "2"])

    # ---- Records outcomes and a commitment, and marks the workshop held.
    page.goto(edit_url)
    open_tab(page, "Después del taller")
    page.fill(
        "#id_outcomes",
        "Se acordó publicar cada trimestre el avance de las obras financiadas con canon.",
    )
    page.locator("#id_commitments-ADD").click()
    page.fill(
        "#id_commitments-0-description",
        "Publicar el avance trimestral de las obras con canon en el portal municipal.",
    )
    page.select_option("#id_commitments-0-responsible_institution", label=municipality.name)
    due = (timezone.localdate() + timedelta(days=90)).strftime("%Y-%m-%d")
    page.locator("#id_commitments-0-due_date").fill(due)
    page.locator("#id_commitments-0-due_date").press("Escape")
    open_tab(page, "Taller")
    page.select_option("#id_status", "held")
    save_workshop(page)
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.HELD
    assert "cada trimestre" in workshop.outcomes
    (commitment,) = workshop.commitments.all()
    assert commitment.responsible_institution == municipality
    assert commitment.status == CommitmentStatus.PENDING

    # ---- Downloads the participant list as CSV and as XLSX.
    page.goto(f"{live_url}/admin/workshops/registrations/{workshop.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lista de participantes (CSV)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    people = {row[0]: row for row in rows[1:]}
    assert set(people) == {"Carlos Huamán Quispe", "Ana Flores Ccori"}
    assert "Propuesta Ciudadana" in people["Carlos Huamán Quispe"]
    assert "Municipalidad Provincial de Ilo" in people["Ana Flores Ccori"]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lista de participantes (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(BytesIO(Path(download.path()).read_bytes())).active
    names = {row[0] for row in list(sheet.iter_rows(values_only=True))[1:]}
    assert names == {"Carlos Huamán Quispe", "Ana Flores Ccori"}

    # ---- On the portal, anyone reads the outcomes and the commitment.
    visitor_context = journeys.new_context(browser)
    try:
        visitor = visitor_context.new_page()
        visitor.goto(f"{live_url}{workshop_path}")
        expect(visitor.locator("main")).to_contain_text("cada trimestre")
        expect(visitor.locator("main")).to_contain_text("Publicar el avance trimestral")
        expect(visitor.locator("main")).to_contain_text(GUIDE)
        expect(visitor.locator("main")).not_to_contain_text("disponible")
    finally:
        visitor_context.close()
