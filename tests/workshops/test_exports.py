"""The participant list of a workshop as CSV and XLSX (name, institution, sector, status,
attended), for facilitators only."""

import csv
import io
from datetime import datetime

import pytest
from django.utils import translation
from openpyxl import load_workbook

from members.models import Sector
from tests.factories import InstitutionFactory, MemberFactory, WorkshopFactory
from tests.workshops.admin_helpers import LIMA, ROLES, admin_url, client_for, refused, register
from workshops.models import RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop():
    workshop = WorkshopFactory(slug="mesa-de-dialogo-de-cuajone", capacity=2)
    regional = InstitutionFactory(
        name="Gobierno Regional de Moquegua", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    association = InstitutionFactory(
        name="Asociación de Regantes de Moquegua", sector=Sector.CIVIL_SOCIETY
    )
    register(
        workshop, user=MemberFactory(full_name="Rosa Quispe", institution=regional), attended=True
    )
    register(
        workshop,
        user=MemberFactory(full_name="Julián Ñahui", institution=association),
        attended=False,
    )
    register(
        workshop,
        RegistrationStatus.WAITLISTED,
        user=MemberFactory(full_name="Carla Ticona", institution=association),
    )
    register(
        workshop,
        RegistrationStatus.CANCELLED,
        user=MemberFactory(full_name="Persona que canceló", institution=association),
    )
    return workshop


def export_url(workshop, fmt: str) -> str:
    return admin_url("registrations", workshop.pk) + f"?export={fmt}"


def _rows_by_name(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row for row in rows[1:]}


def test_csv_participant_list(facilitator_client, workshop):
    response = facilitator_client.get(export_url(workshop, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "mesa-de-dialogo-de-cuajone" in response["Content-Disposition"]
    assert response["Content-Disposition"].rstrip('"').endswith(".csv")
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheet programs read the accents right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows[0]) == 5
    by_name = _rows_by_name(rows)
    assert set(by_name) == {"Rosa Quispe", "Julián Ñahui", "Carla Ticona"}
    rosa = by_name["Rosa Quispe"]
    assert rosa[1] == "Gobierno Regional de Moquegua"
    with translation.override(response.get("Content-Language", "es")):
        assert rosa[2] == str(Sector.GOVERNMENT_REGIONAL_LOCAL.label)
        assert rosa[3] == str(RegistrationStatus.CONFIRMED.label)
        assert rosa[4] == translation.gettext("Yes")
    assert rosa[3] and rosa[4]
    assert by_name["Julián Ñahui"][4] != rosa[4]  # attended: yes / no
    assert by_name["Carla Ticona"][4] == ""  # on the waitlist: not recorded
    assert by_name["Carla Ticona"][3] != rosa[3]  # waitlisted / confirmed
    # Confirmed first, then the waitlist.
    assert [row[0] for row in rows[1:]][-1] == "Carla Ticona"


def test_xlsx_participant_list_opens_in_a_spreadsheet(facilitator_client, workshop):
    response = facilitator_client.get(export_url(workshop, "xlsx"))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "mesa-de-dialogo-de-cuajone" in response["Content-Disposition"]
    assert ".xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.values]
    assert len(rows) == 4 and len(rows[0]) == 5
    by_name = _rows_by_name(rows)
    assert by_name["Julián Ñahui"][1] == "Asociación de Regantes de Moquegua"
    assert by_name["Rosa Quispe"][1] == "Gobierno Regional de Moquegua"
    assert "Persona que canceló" not in by_name


def test_both_formats_hold_the_same_list(facilitator_client, workshop):
    csv_response = facilitator_client.get(export_url(workshop, "csv"))
    csv_rows = list(
        csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig")))
    )
    xlsx_response = facilitator_client.get(export_url(workshop, "xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content))).active
    xlsx_rows = [[cell if cell is not None else "" for cell in row] for row in sheet.values]
    assert csv_rows == xlsx_rows


def test_the_registrations_page_links_to_both_exports(facilitator_client, workshop):
    html = facilitator_client.get(admin_url("registrations", workshop.pk)).content.decode()
    assert "?export=csv" in html and "?export=xlsx" in html


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_are_for_facilitators_only(workshop, role, fmt):
    response = client_for(role).get(export_url(workshop, fmt))
    if role == "facilitator":
        assert response.status_code == 200
        return
    assert refused(response)
    assert "attachment" not in response.get("Content-Disposition", "")


def test_workshop_listing_export_gives_times_in_lima(facilitator_client):
    starts = datetime(2031, 3, 14, 9, 30, tzinfo=LIMA)
    WorkshopFactory(
        title="Taller de presupuesto participativo",
        starts_at=starts,
        ends_at=starts.replace(hour=13),
        capacity=25,
    )
    response = facilitator_client.get(admin_url("index") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = list(sheet.values)
    values = dict(zip(header, row, strict=True))
    assert values[header[0]] == "Taller de presupuesto participativo"
    # Spreadsheets hold no time zone: the cell shows the time as it is in Lima.
    assert values[header[1]] == datetime(2031, 3, 14, 9, 30)
    assert 25 in row and 0 in row

    response = facilitator_client.get(admin_url("index") + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert "09:30" in text and "Taller de presupuesto participativo" in text
