""" "Mi espacio" shows a member what their institution must report on: how many open
commitments it leads or supports, how many are overdue or due soon, the first ones with a
"Report progress" button, and the way to all of them; at a fixed number of queries."""

import datetime
from datetime import timedelta

import pytest

from tests.factories import CommitmentFactory, InstitutionFactory, MemberFactory, WorkshopFactory
from tests.workshops.views_helpers import soup
from workshops.models import CommitmentStatus, WorkshopStatus

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 3, 10, 15, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2027, 3, 10)

# The member's space (7, tests/members/test_dashboard_budget.py) and two for the
# commitments: the counts and the first few.
MY_SPACE_BUDGET = 9


def _section(client):
    page = soup(client.get("/miembros/"))
    heading = page.find(id="my-commitments-title")
    return heading.find_parent("section") if heading else None


def test_my_space_shows_my_institutions_commitments_to_report_on(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    company = InstitutionFactory(name="Minera del Sur")
    member = MemberFactory(institution=company)
    late = CommitmentFactory(
        responsible_institution=company,
        description="Instalar la mesa técnica del agua.",
        due_date=TODAY - timedelta(days=3),
    )
    supported = CommitmentFactory(
        description="Publicar el monitoreo participativo.", due_date=TODAY + timedelta(days=7)
    )
    supported.supporting_institutions.add(company)
    CommitmentFactory(responsible_institution=company, due_date=TODAY + timedelta(days=60))
    CommitmentFactory(
        responsible_institution=company,
        description="Ya cumplido.",
        status=CommitmentStatus.FULFILLED,
        progress=100,
    )
    CommitmentFactory(
        responsible_institution=company,
        description="De un borrador.",
        workshop=WorkshopFactory(status=WorkshopStatus.DRAFT),
    )
    client.force_login(member)

    section = _section(client)
    text = section.get_text(" ", strip=True)
    assert "Minera del Sur lidera o apoya 3 compromisos abiertos." in text
    assert "1 vencido" in text
    assert "1 vence en los próximos 14 días." in text
    items = section.select("li")
    assert "Instalar la mesa técnica del agua." in items[0].get_text()  # overdue first
    assert "Publicar el monitoreo participativo." in items[1].get_text()
    assert "Ya cumplido." not in text and "De un borrador." not in text
    report = items[0].find("a", class_="button")
    assert report["href"] == f"/compromisos/{late.pk}/informar/"
    assert report.get_text(" ", strip=True).startswith("Informar avance")
    assert section.find("a", href="/mis-compromisos/") is not None


def test_a_member_without_open_commitments_is_told_so_and_others_see_no_section(client):
    member = MemberFactory(institution=InstitutionFactory())
    client.force_login(member)
    text = _section(client).get_text(" ", strip=True)
    assert "Su institución no tiene compromisos abiertos." in text
    client.force_login(MemberFactory(institution=None))
    assert _section(client) is None


def test_my_space_costs_the_same_whatever_the_number_of_commitments(
    client, django_assert_max_num_queries
):
    company = InstitutionFactory()
    member = MemberFactory(institution=company)
    client.force_login(member)
    for count in (1, 8):
        for _ in range(count):
            CommitmentFactory(responsible_institution=company)
        with django_assert_max_num_queries(MY_SPACE_BUDGET):
            response = client.get("/miembros/")
        assert "Informar avance" in response.content.decode()
