"""The facilitators' dashboard (Wagtail admin home): upcoming workshops, overdue
commitments, participation by sector; the other apps' panels; a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from members.cache_versions import CONTENT
from members.models import Sector
from tests.factories import (
    InstitutionFactory,
    MemberFactory,
    MembershipApplicationFactory,
    WorkshopFactory,
)
from tests.workshops.admin_helpers import admin_url, register
from workshops.models import Commitment, CommitmentStatus, RegistrationStatus, WorkshopStatus

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def _panel(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}')
    end = html.find('class="w-panel ', start + 1)
    return html[start : end if end != -1 else None]


def test_upcoming_workshops_with_seats_and_waitlist(facilitator_client):
    soon = WorkshopFactory(title="Vigilancia ciudadana del canon", capacity=2)
    register(soon)
    register(soon)
    register(soon, RegistrationStatus.WAITLISTED)
    register(soon, RegistrationStatus.CANCELLED)
    WorkshopFactory(
        title="Taller que ya pasó",
        starts_at=timezone.now() - timedelta(days=5),
        ends_at=timezone.now() - timedelta(days=5) + timedelta(hours=2),
        status=WorkshopStatus.HELD,
    )
    WorkshopFactory(title="Taller suspendido", status=WorkshopStatus.CANCELLED)

    html = facilitator_client.get(HOME).content.decode()

    panel = _panel(html, "upcoming-workshops")
    assert "Vigilancia ciudadana del canon" in panel
    assert "2 / 2" in panel
    assert admin_url("registrations", soon.pk) in panel
    assert admin_url("edit", soon.pk) in panel
    assert "Taller que ya pasó" not in panel
    assert "Taller suspendido" not in panel


def test_overdue_commitments_link_to_their_workshop(facilitator_client):
    workshop = WorkshopFactory(title="Mesa técnica de Ilo")
    ana = InstitutionFactory(name="Autoridad Local del Agua Moquegua")
    Commitment.objects.create(
        workshop=workshop,
        description="Publicar los resultados del monitoreo participativo.",
        responsible_institution=ana,
        due_date=timezone.localdate() - timedelta(days=12),
    )
    Commitment.objects.create(
        workshop=workshop,
        description="Compromiso ya cumplido.",
        responsible_institution=ana,
        due_date=timezone.localdate() - timedelta(days=12),
        status=CommitmentStatus.FULFILLED,
    )
    Commitment.objects.create(
        workshop=workshop,
        description="Compromiso a tiempo.",
        responsible_institution=ana,
        due_date=timezone.localdate() + timedelta(days=12),
    )

    panel = _panel(facilitator_client.get(HOME).content.decode(), "overdue-commitments")

    assert "Publicar los resultados del monitoreo participativo." in panel
    assert "Autoridad Local del Agua Moquegua" in panel
    assert admin_url("edit", workshop.pk) in panel
    assert "Compromiso ya cumplido." not in panel
    assert "Compromiso a tiempo." not in panel
    assert "/admin/workshop-commitments/?overdue=yes" in panel


def test_participation_by_sector_over_the_last_twelve_months(facilitator_client):
    recent = WorkshopFactory(
        starts_at=timezone.now() - timedelta(days=40),
        ends_at=timezone.now() - timedelta(days=40) + timedelta(hours=3),
        status=WorkshopStatus.HELD,
    )
    old = WorkshopFactory(
        starts_at=timezone.now() - timedelta(days=500),
        ends_at=timezone.now() - timedelta(days=500) + timedelta(hours=3),
        status=WorkshopStatus.HELD,
    )
    mining = InstitutionFactory(name="Compañía Minera del Sur", sector=Sector.PRIVATE_MINING)
    academia = InstitutionFactory(name="Universidad Nacional de Moquegua", sector=Sector.ACADEMIA)
    register(recent, user=MemberFactory(institution=mining), attended=True)
    register(recent, user=MemberFactory(institution=mining), attended=False)
    register(recent, user=MemberFactory(institution=academia), attended=True)
    register(old, user=MemberFactory(institution=academia), attended=True)

    response = facilitator_client.get(HOME)
    panel = _panel(response.content.decode(), "participation-by-sector")

    assert "<svg" in panel and "<script" not in panel
    figures = re.findall(r'<th scope="row">[^<]+</th>\s*<td>(\d+)</td>\s*<td>(\d+)</td>', panel)
    # Every sector is shown, in order, even with nobody: an absent sector is the point.
    assert len(figures) == len(Sector)
    rows = {sector: (int(a), int(b)) for sector, (a, b) in zip(Sector, figures, strict=True)}
    assert rows[Sector.PRIVATE_MINING] == (2, 1)
    assert rows[Sector.ACADEMIA] == (1, 1)
    assert rows[Sector.CITIZENS] == (0, 0)


def test_panels_of_the_other_apps_are_there_in_a_sensible_order(facilitator_client):
    MembershipApplicationFactory()
    WorkshopFactory(title="Taller próximo")
    html = facilitator_client.get(HOME).content.decode()
    order = [
        html.index('id="pending-membership-applications'),
        html.index('id="upcoming-workshops'),
        html.index('id="overdue-commitments'),
        html.index('id="participation-by-sector'),
    ]
    assert order == sorted(order)


def _populate(workshops: int, registrations_each: int):
    institutions = [
        InstitutionFactory(sector=sector) for sector in (Sector.CIVIL_SOCIETY, Sector.ACADEMIA)
    ]
    people = [MemberFactory(institution=institutions[i % 2]) for i in range(registrations_each)]
    for index in range(workshops):
        workshop = WorkshopFactory(capacity=max(1, registrations_each - 1))
        for number, person in enumerate(people):
            status = (
                RegistrationStatus.CONFIRMED
                if number < registrations_each - 1
                else RegistrationStatus.WAITLISTED
            )
            register(workshop, status, user=person, attended=bool(number % 2))
        Commitment.objects.create(
            workshop=workshop,
            description=f"Compromiso de seguimiento número {index}.",
            responsible_institution=institutions[index % 2],
            due_date=timezone.localdate() - timedelta(days=index + 1),
        )


def _home_queries(client) -> int:
    CONTENT.bump()  # the workshop panels are cached a while: count a fresh rendering
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


def test_admin_home_runs_a_fixed_number_of_queries(
    facilitator_client, django_assert_max_num_queries
):
    _populate(workshops=2, registrations_each=2)
    facilitator_client.get(HOME)  # warm caches (site, permissions) like a real visit
    small = _home_queries(facilitator_client)

    _populate(workshops=15, registrations_each=6)
    CONTENT.bump()
    with django_assert_max_num_queries(small):
        response = facilitator_client.get(HOME)
    assert response.status_code == 200
    panel = _panel(response.content.decode(), "upcoming-workshops")
    assert len(re.findall(r"/admin/workshops/registrations/\d+/", panel)) == 8


def test_members_do_not_see_the_dashboard(member_client, anon_client):
    for client in (member_client, anon_client):
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code in (302, 403)
        assert "upcoming-workshops" not in response.content.decode()
