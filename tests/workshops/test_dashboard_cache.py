"""The admin home's workshop panels are rendered once for all facilitators and kept a
minute at most, forgotten as soon as a workshop, registration or commitment changes; the
admin home and the workshops listing stay within a fixed query budget, and the listing
counts seats for the workshops of its page only."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import FacilitatorFactory, InstitutionFactory, WorkshopFactory
from tests.workshops.admin_helpers import register
from workshops.models import Commitment, RegistrationStatus

pytestmark = pytest.mark.django_db

HOME = "/admin/"
LISTING = "/admin/workshops/"
# The whole admin home for a facilitator once its panels are cached: session and user,
# permissions, Wagtail's own panels (moderation, locked pages, recent edits, summary) and
# the membership applications; the workshop panels cost none.
ADMIN_HOME_QUERY_BUDGET = 30
LISTING_QUERY_BUDGET = 20


def _panel(html: str, panel_id: str) -> str:
    start = html.index(f'id="{panel_id}')
    end = html.find('class="w-panel ', start + 1)
    return html[start : end if end != -1 else None]


def _queries(client, url) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


def test_panels_are_cached_and_within_the_query_budget(facilitator_client):
    other = facilitator_client.__class__()
    other.force_login(FacilitatorFactory())
    workshop = WorkshopFactory(title="Mesa técnica del agua", capacity=3)
    register(workshop)
    Commitment.objects.create(
        workshop=workshop,
        description="Enviar el acta.",
        responsible_institution=InstitutionFactory(),
        due_date=timezone.localdate() - timedelta(days=3),
    )
    first_html, first = _queries(facilitator_client, HOME)
    second_html, second = _queries(facilitator_client, HOME)

    assert not [sql for sql in second if "workshops_registration" in sql]
    assert not [sql for sql in second if "workshops_commitment" in sql]
    assert len(second) < len(first)
    assert len(second) <= ADMIN_HOME_QUERY_BUDGET
    for panel in ("upcoming-workshops", "overdue-commitments", "participation-by-sector"):
        assert _panel(second_html, panel) == _panel(first_html, panel)
    # Another facilitator gets the same panels from the cache.
    _html, others = _queries(other, HOME)
    assert not [sql for sql in others if "workshops_registration" in sql]


def test_a_new_workshop_or_registration_shows_at_once(facilitator_client):
    workshop = WorkshopFactory(title="Mesa técnica del agua", capacity=3)
    register(workshop)
    assert "1 / 3" in _panel(facilitator_client.get(HOME).content.decode(), "upcoming-workshops")

    register(workshop)
    WorkshopFactory(title="Conversatorio sobre el canon")

    panel = _panel(facilitator_client.get(HOME).content.decode(), "upcoming-workshops")
    assert "2 / 3" in panel
    assert "Conversatorio sobre el canon" in panel


def test_listing_counts_seats_of_its_page_only(facilitator_client):
    workshops = [WorkshopFactory(title=f"Taller número {n}", capacity=5) for n in range(3)]
    register(workshops[0])
    register(workshops[0])
    register(workshops[0], RegistrationStatus.WAITLISTED)
    register(workshops[1], RegistrationStatus.CANCELLED)

    html, queries = _queries(facilitator_client, LISTING)

    assert len(queries) <= LISTING_QUERY_BUDGET
    # One count per workshop shown, no grouping of every registration before the page.
    listing = [sql for sql in queries if "workshops_registration" in sql]
    assert listing and not [sql for sql in listing if "GROUP BY" in sql.split("FROM")[-1]]
    assert "2 / 5" in html and "0 / 5" in html
