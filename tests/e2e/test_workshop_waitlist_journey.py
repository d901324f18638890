"""In a real browser, a member's way from a full workshop to a seat and a calendar: the
member joins the waitlist and sees the place, someone else cancels in their own browser,
the member is promoted and told by e-mail, finds the online link in the personal calendar
feed shown on "Mis talleres", then changes that address: the old one stops working."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from members.models import Sector
from tests.e2e import journeys
from tests.factories import InstitutionFactory, MemberFactory, WorkshopFactory
from workshops.models import Modality, Registration, RegistrationStatus

LIMA = ZoneInfo("America/Lima")
TITLE = "Diálogo sobre el agua y la minería en Torata"
ONLINE_URL = "https://reuniones.example.org/comunidad-moquegua/agua-torata"


def calendar_events(request_context, url: str):
    """The feed as a calendar app fetches it (no session): (status, events)."""
    response = request_context.get(url)
    if not response.ok:
        return response.status, []
    return response.status, Calendar.from_ical(response.body()).walk("VEVENT")


def test_member_waits_is_promoted_and_keeps_the_calendar_private(page, browser, live_url, settings):
    settings.SITE_URL = live_url
    town = InstitutionFactory(
        name="Municipalidad Distrital de Torata", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    member = MemberFactory(
        email="rosa.ticona@example.org", full_name="Rosa Ticona Mamani", institution=town
    )
    holder = MemberFactory(email="jorge.cutipa@example.org", full_name="Jorge Cutipa Lanchipa")
    starts = (timezone.now() + timedelta(days=6)).astimezone(LIMA)
    starts = starts.replace(hour=10, minute=0, second=0, microsecond=0)
    workshop = WorkshopFactory(
        title=TITLE,
        slug="dialogo-agua-mineria-torata",
        modality=Modality.HYBRID,
        online_url=ONLINE_URL,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        capacity=1,
    )
    Registration.objects.create(workshop=workshop, user=holder, status=RegistrationStatus.CONFIRMED)
    workshop_path = workshop.get_absolute_url()

    # ---- The member finds the workshop full and joins the waitlist.
    journeys.log_in(page, live_url, member.email)
    page.goto(f"{live_url}/talleres/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".workshop-seats")).to_contain_text("Completo")
    page.get_by_role("button", name="Unirme a la lista de espera").click()
    expect(page.locator(".messages, main").first).to_contain_text(
        "usted es el número 1 en la lista de espera"
    )
    expect(page.locator(".registration-state")).to_contain_text(
        "Usted es el número 1 en la lista de espera"
    )
    expect(page.locator("a.online-link")).to_have_count(0)
    waitlisted = journeys.wait_for_mail(member.email, subject=re.compile("lista de espera"))
    assert "lista de espera" in waitlisted.body

    # ---- On "Mis talleres": the workshop, on the waitlist, and the calendar's address.
    page.goto(f"{live_url}/miembros/")
    page.get_by_role("link", name="Mis talleres").first.click()
    expect(page.locator("h1")).to_have_text("Mis talleres")
    expect(page.locator("main")).to_contain_text(TITLE)
    feed_url = page.locator("#personal-feed-url").input_value()
    assert feed_url.startswith(f"{live_url}/talleres/mi-calendario/")
    calendar_app = browser.new_context()
    try:
        status, events = calendar_events(calendar_app.request, feed_url)
        assert status == 200
        (event,) = events
        assert str(event["summary"]) == f"En lista de espera: {TITLE}"
        assert ONLINE_URL not in str(event.get("description", ""))
        assert event.conferences == []

        # ---- The person with the seat cancels, in their own browser.
        holder_context = journeys.new_context(browser)
        try:
            other = holder_context.new_page()
            journeys.log_in(other, live_url, holder.email, next_url=workshop_path)
            other.get_by_role("button", name="Cancelar mi inscripción").click()
            expect(other.locator("main")).to_contain_text("Su inscripción ha sido cancelada")
        finally:
            holder_context.close()

        # ---- The member is told by e-mail and follows the link to the workshop.
        promoted = journeys.wait_for_mail(member.email, subject=f"Tiene un lugar: {TITLE}")
        assert "se liberó un lugar" in promoted.body.lower()
        assert ONLINE_URL in promoted.body
        journeys.follow_link(page, promoted, containing=workshop_path, live_url=live_url)
        expect(page.locator(".registration-state")).to_contain_text("Su lugar está confirmado")
        expect(page.locator(f'a.online-link[href="{ONLINE_URL}"]')).to_be_visible()

        # The calendar app, at the same address, now has the seat and the online link.
        status, events = calendar_events(calendar_app.request, feed_url)
        assert status == 200
        (event,) = events
        assert str(event["summary"]) == TITLE
        assert ONLINE_URL in str(event["description"])
        assert [conference.uri for conference in event.conferences] == [ONLINE_URL]

        # ---- The member changes the calendar's address: the old one stops working.
        page.goto(f"{live_url}/mis-talleres/")
        page.get_by_role("button", name="Cambiar la dirección de mi calendario").click()
        expect(page.locator("main")).to_contain_text("nueva dirección secreta")
        new_feed_url = page.locator("#personal-feed-url").input_value()
        assert new_feed_url != feed_url

        status, _events = calendar_events(calendar_app.request, feed_url)
        assert status in (404, 410)
        status, events = calendar_events(calendar_app.request, new_feed_url)
        assert status == 200
        assert [str(event["summary"]) for event in events] == [TITLE]
        assert ONLINE_URL in str(events[0]["description"])
    finally:
        calendar_app.close()
