"""In a real browser, a hybrid workshop from start to finish: the demo facilitator plans it
in the Wagtail admin, the demo member registers in one click and takes the .ics, then the
facilitator marks attendance and exports the participant list."""

import csv
import re
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from members.models import Sector
from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory
from tests.factories.members import DEFAULT_PASSWORD
from workshops.models import Modality, Registration, RegistrationStatus, Workshop, WorkshopStatus

LIMA = ZoneInfo("America/Lima")
TITLE = "Mesa híbrida sobre la vigilancia del canon minero en Ilo"
ONLINE_URL = "https://reuniones.example.org/comunidad-moquegua/canon-ilo"


def log_in(page, live_url: str, email: str, next_path: str) -> None:
    page.goto(f"{live_url}/cuentas/login/?next={next_path}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_url}{next_path}")


def fill_date_time(page, field_id: str, value) -> None:
    """Type a date-time as the admin shows it (Lima time) and close the picker."""
    field = page.locator(f"#{field_id}")
    field.fill(value.strftime("%Y-%m-%d %H:%M"))
    field.press("Escape")


def test_facilitator_plans_a_hybrid_workshop_member_registers_and_attends(page, browser, live_url):
    facilitator = FacilitatorFactory(
        email="facilitator@example.org", full_name="Lucía Mendoza Flores"
    )
    propuesta = InstitutionFactory(name="Propuesta Ciudadana", sector=Sector.CIVIL_SOCIETY)
    member = MemberFactory(
        email="member@example.org", full_name="Carlos Huamán Quispe", institution=propuesta
    )
    starts = (timezone.now() + timedelta(days=10)).astimezone(LIMA)
    starts = starts.replace(hour=9, minute=0, second=0, microsecond=0)
    ends = starts + timedelta(hours=4)

    # ---- The facilitator logs in through the form and plans the workshop in the admin.
    log_in(page, live_url, facilitator.email, "/admin/workshops/new/")
    page.fill("#id_title", TITLE)
    page.fill(
        "#id_description",
        "Revisamos juntos cómo avanzan las obras financiadas con canon minero en Ilo.",
    )
    page.select_option("#id_status", "open")
    page.select_option("#id_modality", "hybrid")
    fill_date_time(page, "id_starts_at", starts)
    fill_date_time(page, "id_ends_at", ends)
    page.fill("#id_venue", "Salón de usos múltiples de la Municipalidad Provincial de Ilo")
    page.fill("#id_address", "Centro de Ilo")
    page.fill("#id_city", "Ilo")
    page.fill("#id_online_url", ONLINE_URL)
    page.fill("#id_capacity", "30")
    page.locator("footer button[type=submit]").first.click()

    # Saved: back on its edit page, with Wagtail's success message.
    expect(page).to_have_url(re.compile(r"/admin/workshops/edit/\d+/$"))
    expect(page.locator(".messages .success")).to_be_visible()
    workshop = Workshop.objects.get(title=TITLE)
    assert workshop.modality == Modality.HYBRID
    assert workshop.status == WorkshopStatus.OPEN
    assert workshop.starts_at == starts and workshop.ends_at == ends
    assert workshop.online_url == ONLINE_URL
    assert workshop.created_by == facilitator
    workshop_path = workshop.get_absolute_url()

    # ---- The member, in a browser of their own, registers in one click.
    member_context = browser.new_context(
        locale="es-PE", timezone_id="America/Lima", accept_downloads=True
    )
    visitor = member_context.new_page()
    try:
        log_in(visitor, live_url, member.email, workshop_path)
        expect(visitor.locator("h1")).to_have_text(TITLE)
        # Before registering, the meeting link is not on the page.
        expect(visitor.locator(f'a[href="{ONLINE_URL}"]')).to_have_count(0)
        visitor.locator("form.registration-form button[type=submit]").click()

        expect(visitor).to_have_url(re.compile(re.escape(workshop_path)))
        expect(visitor.locator(".registration-state")).to_be_visible()
        expect(visitor.locator(f'a.online-link[href="{ONLINE_URL}"]')).to_be_visible()
        registration = Registration.objects.get(workshop=workshop, user=member)
        assert registration.status == RegistrationStatus.CONFIRMED

        # The calendar entry: Lima times, the link back to the page and, for a confirmed
        # participant, the meeting link.
        with visitor.expect_download() as download_info:
            visitor.locator(".calendar-download a").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".ics")
        calendar = Calendar.from_ical(Path(download.path()).read_bytes())
        events = calendar.walk("VEVENT")
        assert len(events) == 1
        event = events[0]
        assert str(event["summary"]) == TITLE
        assert event["dtstart"].params.get("TZID") == "America/Lima"
        assert event.decoded("dtstart") == starts
        assert event.decoded("dtend") == ends
        assert str(event["url"]) == f"{live_url}{workshop_path}"
        assert ONLINE_URL in str(event["description"])
        assert "Ilo" in str(event["location"])
    finally:
        member_context.close()

    # ---- The facilitator marks attendance on the registrations page and saves.
    page.goto(f"{live_url}/admin/workshops/registrations/{workshop.pk}/")
    main = page.locator("main")
    expect(main.get_by_role("cell", name="Carlos Huamán Quispe", exact=True)).to_be_visible()
    attended = page.locator(f'input[name="attended"][value="{registration.pk}"]')
    expect(attended).not_to_be_checked()
    attended.check()
    page.locator('form[action$="/attendance/"] button[type=submit]').click()
    expect(page.locator(".messages .success")).to_be_visible()
    expect(page.locator(f'input[name="attended"][value="{registration.pk}"]')).to_be_checked()
    registration.refresh_from_db()
    assert registration.attended is True

    # ---- And exports the participant list.
    with page.expect_download() as download_info:
        main.locator('a[href*="export=csv"]').click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.reader(Path(download.path()).read_text(encoding="utf-8-sig").splitlines()))
    header, people = rows[0], rows[1:]
    assert len(header) == 5
    assert len(people) == 1
    name, institution, sector, status, attended_cell = people[0]
    assert name == "Carlos Huamán Quispe"
    assert institution == "Propuesta Ciudadana"
    assert sector
    assert status
    assert attended_cell in {"Sí", "Yes"}
