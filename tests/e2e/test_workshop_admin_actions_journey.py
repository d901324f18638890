"""In a real browser, a facilitator's other actions on workshops in the Wagtail admin: from
the workshops listing, duplicates a workshop (a draft copy opens for editing), cancels
another with a reason (everyone registered gets the notice by e-mail, and the portal says
it is cancelled), and, from the commitments listing, moves a commitment to "in progress",
which the workshop's public page then shows."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from members.models import Sector
from tests.e2e import journeys
from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory
from tests.factories.workshops import WorkshopFactory
from workshops.models import (
    Commitment,
    CommitmentStatus,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)

TITLE = "Conversatorio sobre el presupuesto participativo de Ilo"
REASON = "La municipalidad cambió la fecha de la audiencia pública; le avisaremos la nueva."
COMMITMENT = "Publicar las actas de las mesas de trabajo en el portal municipal."


def test_facilitator_duplicates_and_cancels_a_workshop(page, live_url, settings):
    settings.SITE_URL = live_url
    facilitator = FacilitatorFactory(full_name="Lucía Mendoza Flores")
    workshop = WorkshopFactory(title=TITLE, slug="conversatorio-presupuesto-ilo", capacity=1)
    workshop.facilitators.add(facilitator)
    carlos = MemberFactory(email="carlos.huaman@example.org", full_name="Carlos Huamán Quispe")
    ana = MemberFactory(email="ana.flores@example.org", full_name="Ana Flores Ccori")
    Registration.objects.create(workshop=workshop, user=carlos, status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(workshop=workshop, user=ana, status=RegistrationStatus.WAITLISTED)

    # ---- From the listing, the facilitator duplicates the workshop.
    journeys.log_in(page, live_url, facilitator.email, next_url="/admin/workshops/")
    row = page.locator("main table tbody tr", has_text=TITLE)
    row.get_by_role("button", name=re.compile("Más opciones")).click()
    row.get_by_role("link", name="Duplicar").click()
    expect(page.locator("main")).to_contain_text("Se creará una copia en borrador")
    page.get_by_role("button", name="Sí, duplicar").click()
    expect(page.locator(".messages .success")).to_contain_text(
        f"Se creó una copia en borrador de “{TITLE}”"
    )
    (copy,) = [w for w in Workshop.objects.all() if w.pk != workshop.pk]
    expect(page).to_have_url(re.compile(rf"/admin/workshops/edit/{copy.pk}/$"))
    assert copy.status == WorkshopStatus.DRAFT
    assert not copy.registrations.exists()
    journeys.screenshot(page, "workshop-duplicated")

    # ---- Then cancels the original, from its edit page, with a reason.
    page.goto(f"{live_url}/admin/workshops/")
    row = page.locator("main table tbody tr", has_text=TITLE).filter(has_not_text="Borrador")
    row.get_by_role("button", name=re.compile("Más opciones")).click()
    row.get_by_role("link", name="Cancelar taller").click()
    main = page.locator("main")
    expect(main).to_contain_text("las 2 personas inscritas")
    page.get_by_role("button", name="Sí, cancelar el taller").click()
    # The reason is required: the form says so and nothing is cancelled.
    expect(page.locator(".error-message, .w-field__errors").first).to_be_visible()
    workshop.refresh_from_db()
    assert workshop.status != WorkshopStatus.CANCELLED
    page.get_by_label("Motivo").fill(REASON)
    page.get_by_role("button", name="Sí, cancelar el taller").click()
    expect(page.locator(".messages .success")).to_contain_text(
        f"“{TITLE}” está cancelado; se ha avisado a todas las personas inscritas."
    )
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.CANCELLED

    # ---- Everyone registered, confirmed or waiting, is told why.
    for person in (carlos, ana):
        message = journeys.wait_for_mail(person.email, subject=f"Cancelado: {TITLE}")
        assert "ha sido cancelado" in message.body
        assert REASON in message.body

    # ---- The portal says so on the workshop's page.
    page.goto(f"{live_url}{workshop.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Este taller ha sido cancelado")


def test_facilitator_updates_a_commitment_from_the_commitments_listing(
    page, browser, live_url, settings
):
    settings.SITE_URL = live_url
    facilitator = FacilitatorFactory()
    municipality = InstitutionFactory(
        name="Municipalidad Provincial de Ilo", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    starts = timezone.now() - timedelta(days=20)
    workshop = WorkshopFactory(
        title="Mesa de seguimiento del canon en Ilo",
        slug="mesa-seguimiento-canon-ilo",
        status=WorkshopStatus.HELD,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        outcomes="Se acordó publicar las actas de cada mesa.",
    )
    commitment = Commitment.objects.create(
        workshop=workshop,
        description=COMMITMENT,
        responsible_institution=municipality,
        due_date=timezone.localdate() + timedelta(days=60),
    )
    public_path = workshop.get_absolute_url()

    visitor_context = journeys.new_context(browser)
    try:
        visitor = visitor_context.new_page()
        visitor.goto(f"{live_url}{public_path}")
        commitments = visitor.locator("table.commitments")
        expect(commitments.locator("tr", has_text=COMMITMENT)).to_contain_text("Pendiente")

        # ---- The facilitator opens the commitments listing and the commitment.
        journeys.log_in(page, live_url, facilitator.email, next_url="/admin/workshop-commitments/")
        row = page.locator("main table tbody tr", has_text=COMMITMENT)
        expect(row).to_contain_text("Pendiente")
        row.get_by_role("link", name=COMMITMENT).click()
        expect(page).to_have_url(re.compile(rf"/admin/workshop-commitments/edit/{commitment.pk}/$"))
        # A completion date on a commitment that is not done is refused, in Spanish.
        page.locator("#id_completed_on").fill(timezone.localdate().strftime("%Y-%m-%d"))
        page.locator("#id_completed_on").press("Escape")
        page.select_option("#id_status", CommitmentStatus.IN_PROGRESS)
        page.locator("footer button[type=submit]").first.click()
        expect(page.locator("main")).to_contain_text(
            "Solo un compromiso cumplido tiene fecha de cumplimiento"
        )
        page.locator("#id_completed_on").fill("")
        page.locator("#id_completed_on").press("Escape")
        page.locator("footer button[type=submit]").first.click()
        expect(page).to_have_url(re.compile(r"/admin/workshop-commitments/$"))
        expect(page.locator(".messages .success")).to_be_visible()
        expect(page.locator("main table tbody tr", has_text=COMMITMENT)).to_contain_text("En curso")
        commitment.refresh_from_db()
        assert commitment.status == CommitmentStatus.IN_PROGRESS
        journeys.screenshot(page, "commitment-updated")

        # ---- Anyone reading the workshop's page sees the new status.
        visitor.reload()
        row = visitor.locator("table.commitments tr", has_text=COMMITMENT)
        expect(row).to_contain_text("En curso")
        expect(row).not_to_contain_text("Pendiente")
    finally:
        visitor_context.close()
