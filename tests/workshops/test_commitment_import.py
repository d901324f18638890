"""The facilitators' bulk update of commitments from a CSV: the file as Excel writes it,
each row checked (and its error named), a preview, then every row applied at once through
the report service, or none. Only facilitators reach it."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from members.models import Sector
from tests.factories import CommitmentFactory, FacilitatorFactory, InstitutionFactory
from tests.workshops.views_helpers import soup
from workshops import commitment_import, services
from workshops.admin_views import _sign_rows
from workshops.models import CommitmentStatus, CommitmentUpdate

pytestmark = pytest.mark.django_db

IMPORT_URL = "/admin/workshop-commitments/import/"
TEMPLATE_URL = "/admin/workshop-commitments/import/template.csv"
HEADINGS = "id;estado;avance;institucion_que_informa;nota;enlace;cui"


def upload(text: str, *, bom=True, encoding="utf-8", name="compromisos.csv"):
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def company(db):
    return InstitutionFactory(name="Minera del Sur", short_name="MdS", sector=Sector.PRIVATE_MINING)


@pytest.fixture
def municipality(db):
    return InstitutionFactory(name="Municipalidad Provincial de Ilo")


@pytest.fixture
def water(company, municipality):
    commitment = CommitmentFactory(
        responsible_institution=company, description="Entregar la planta de agua de Pacocha."
    )
    commitment.supporting_institutions.add(municipality)
    return commitment


@pytest.fixture
def road(company):
    return CommitmentFactory(
        responsible_institution=company,
        description="Asfaltar el acceso a Chen Chen.",
        status=CommitmentStatus.FULFILLED,
        progress=100,
    )


# ---- Reading the file


def test_reads_excel_csv_utf8_with_bom_and_semicolons_and_plain_commas(water):
    rows = commitment_import.read_rows(
        upload(f"{HEADINGS}\r\n{water.pk};En curso;40;;Obra al 40 %;;\r\n;;;;;;\r\n")
    )
    assert rows == [
        {
            "line": 2,
            "id": str(water.pk),
            "status": "En curso",
            "progress": "40",
            "institution": "",
            "note": "Obra al 40 %",
            "url": "",
            "cui": "",
        }
    ]
    rows = commitment_import.read_rows(
        upload(f'ID,Status,Progress,Note\n{water.pk},in_progress,40,"Obra, al 40 %"\n', bom=False)
    )
    assert rows[0]["note"] == "Obra, al 40 %" and rows[0]["status"] == "in_progress"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("id;estado\n1;Año cumplido\n".encode("latin-1"), "no está en UTF-8"),
        (b"", "está vacío"),
        (b"estado;avance\nPendiente;10\n", "«id»"),
        (b"id;estado\n", "no tiene filas"),
        (b"\x00\x01\x02id\n1\n", "no es un archivo CSV"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(data, message):
    with pytest.raises(Exception) as error:
        commitment_import.read_rows(SimpleUploadedFile("x.csv", data))
    assert message in " ".join(error.value.messages)


# ---- Checking each row


def test_each_row_names_its_error_and_valid_rows_say_what_changes(water, road, company):
    rows = [
        {
            "line": 2,
            "id": str(water.pk),
            "status": "en curso",
            "progress": "40 %",
            "institution": "mds",
            "note": "Obra al 40 %",
            "url": "https://ilo.gob.pe/obra",
            "cui": "2345678",
        },
        {"line": 3, "id": "999999", "status": "Cumplido"},
        {"line": 4, "id": "abc"},
        {"line": 5, "id": str(road.pk), "status": "Pendiente"},
        {"line": 6, "id": str(water.pk), "status": "Pendiente"},
    ]
    planned = services.commitment_bulk_plan(rows)
    first, unknown, garbled, reopened, twice = planned
    assert not first.error and first.institution == company
    assert first.changes == [
        "Estado: Pendiente → En curso",
        "Avance: 0 % → 40 %",
        "Nota: Obra al 40 %",
        "Enlace: https://ilo.gob.pe/obra",
        "CUI: 2345678",
    ]
    assert unknown.error == "Compromiso desconocido: “999999”."
    huge, superscript = services.commitment_bulk_plan(
        [{"line": 7, "id": "99999999999999999999999"}, {"line": 8, "id": "²"}]
    )
    assert huge.error.startswith("Compromiso desconocido") and superscript.error
    assert garbled.error == "Compromiso desconocido: “abc”."
    assert "explique en una nota por qué cambia su estado" in reopened.error
    assert twice.error.startswith("Este compromiso ya está en la línea 2")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "Terminado"}, "Estado desconocido: “Terminado”"),
        ({"institution": "Minera Inexistente"}, "Institución desconocida: “Minera Inexistente”."),
        ({"progress": "120"}, "de 0 a 100"),
        ({"progress": "mucho"}, "de 0 a 100"),
        ({"cui": "12345"}, "7 dígitos"),
        ({"url": "javascript:alert(1)"}, "http:// o https://"),
        ({"url": "ftp://ilo.gob.pe/acta.pdf"}, "http:// o https://"),
        ({"status": "Cumplido", "progress": "80"}, "100 %"),
        ({"note": "x" * 3001}, "La nota es demasiado larga"),
    ],
)
def test_bad_values_are_refused_row_by_row(water, fields, message):
    (plan,) = services.commitment_bulk_plan([{"line": 2, "id": str(water.pk), **fields}])
    assert message in plan.error


def test_an_institution_not_responsible_for_the_commitment_cannot_report(water):
    InstitutionFactory(name="Universidad Nacional de Moquegua")
    (plan,) = services.commitment_bulk_plan(
        [
            {
                "line": 2,
                "id": str(water.pk),
                "status": "En curso",
                "institution": "Universidad Nacional de Moquegua",
            }
        ]
    )
    assert "no es responsable de este compromiso" in plan.error


def test_a_row_that_changes_nothing_is_skipped(water):
    (plan,) = services.commitment_bulk_plan(
        [{"line": 2, "id": str(water.pk), "status": "Pendiente", "progress": "0"}]
    )
    assert plan.unchanged and not plan.error


# ---- Applying: all rows or none, each as a report in the history


def test_apply_appends_a_report_per_row_with_the_reporting_institution_and_logs_it(
    water, road, municipality
):
    facilitator = FacilitatorFactory()
    updates = services.commitments_bulk_update(
        rows=[
            {
                "line": 2,
                "id": str(water.pk),
                "status": "Cumplido",
                "institution": "Municipalidad Provincial de Ilo",
                "cui": "2345678",
            },
            {"line": 3, "id": str(road.pk), "status": "Cumplido"},  # unchanged: skipped
        ],
        user=facilitator,
    )
    water.refresh_from_db()
    assert water.status == CommitmentStatus.FULFILLED and water.progress == 100
    (update,) = updates
    assert update.institution == municipality and update.author == facilitator
    assert update.previous_status == CommitmentStatus.PENDING and update.cui == "2345678"
    assert update.note == "Registrado por los facilitadores."
    entry = ModelLogEntry.objects.get(action="workshops.commitment_bulk_update")
    assert entry.user == facilitator and entry.object_id == str(water.pk)


def test_one_bad_row_means_nothing_is_applied(water, road):
    with pytest.raises(Exception) as error:
        services.commitments_bulk_update(
            rows=[
                {"line": 2, "id": str(water.pk), "status": "En curso", "progress": "50"},
                {"line": 3, "id": str(road.pk), "status": "Pendiente"},
            ],
            user=FacilitatorFactory(),
        )
    assert "Línea 3" in " ".join(error.value.messages)
    water.refresh_from_db()
    assert water.status == CommitmentStatus.PENDING and water.progress == 0
    assert not CommitmentUpdate.objects.exists()


def test_only_facilitators_apply(water, member):
    with pytest.raises(Exception) as error:
        services.commitments_bulk_update(
            rows=[{"line": 2, "id": str(water.pk), "status": "En curso"}], user=member
        )
    assert type(error.value).__name__ == "PermissionDenied"


# ---- The admin pages


def test_the_page_documents_the_columns_and_offers_the_template(facilitator_client):
    response = facilitator_client.get(IMPORT_URL)
    page = soup(response)
    assert response.status_code == 200
    assert page.h1.get_text(strip=True) == "Actualizar compromisos desde un archivo CSV"
    text = page.get_text(" ", strip=True)
    assert "institucion_que_informa" in text and "Pendiente, En curso, Cumplido" in text
    assert (
        page.find("a", href=TEMPLATE_URL).get_text(strip=True).startswith("Descargar la plantilla")
    )
    listing = soup(facilitator_client.get("/admin/workshop-commitments/"))
    assert listing.find("a", href=IMPORT_URL) is not None


def test_the_template_holds_the_open_commitments_for_excel(facilitator_client, water, road):
    response = facilitator_client.get(TEMPLATE_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.match(
        r'attachment; filename="compromisos-abiertos-\d{4}-\d\d-\d\d\.csv"',
        response["Content-Disposition"],
    )
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert (
        lines[0]
        == "id;compromiso;institucion_responsable;vence;estado;avance;institucion_que_informa;nota;enlace;cui"
    )
    assert lines[1].startswith(f"{water.pk};Entregar la planta de agua de Pacocha.;Minera del Sur;")
    assert ";Pendiente;0;" in lines[1]
    assert len(lines) == 2  # the fulfilled one is not open
    # The template as downloaded changes nothing.
    planned = services.commitment_bulk_plan(
        commitment_import.read_rows(SimpleUploadedFile("t.csv", content))
    )
    assert [plan.unchanged for plan in planned] == [True]


def test_preview_with_an_error_shows_it_and_offers_no_apply(facilitator_client, water, road):
    csv = f"{HEADINGS}\n{water.pk};En curso;50;;;;\n{road.pk};Pendiente;;;;;\n"
    response = facilitator_client.post(IMPORT_URL, {"file": upload(csv)})
    page = soup(response)
    text = page.get_text(" ", strip=True)
    assert "1 fila tiene un error. No se aplicará nada" in text
    rows = page.select("table.commitment-import-table tbody tr")
    assert "Estado: Pendiente → En curso" in rows[0].get_text(" ", strip=True)
    assert "Error:" in rows[1].get_text(" ", strip=True)
    assert page.find("input", attrs={"name": "rows"}) is None
    assert not CommitmentUpdate.objects.exists()


def test_preview_then_apply(facilitator_client, facilitator, water):
    csv = f"{HEADINGS}\n{water.pk};En curso;50;;Obra al 50 %;;\n"
    page = soup(facilitator_client.post(IMPORT_URL, {"file": upload(csv)}))
    signed = page.find("input", attrs={"name": "rows"})["value"]
    assert "Aplicar el cambio" in page.get_text(" ", strip=True)
    assert not CommitmentUpdate.objects.exists()  # a preview writes nothing

    response = facilitator_client.post(IMPORT_URL, {"rows": signed}, follow=True)
    assert "1 compromiso actualizado" in response.content.decode()
    water.refresh_from_db()
    assert (water.status, water.progress) == (CommitmentStatus.IN_PROGRESS, 50)
    assert water.updates.get().note == "Obra al 50 %"
    # The same preview posted again (a second click, the back button) adds nothing: the
    # commitment changed after it.
    text = soup(facilitator_client.post(IMPORT_URL, {"rows": signed})).get_text(" ", strip=True)
    assert "No se aplicó nada" in text
    assert "Este compromiso cambió después de la vista previa" in text
    assert water.updates.count() == 1


def test_a_preview_that_no_longer_holds_applies_nothing(facilitator_client, water):
    csv = f"{HEADINGS}\n{water.pk};En curso;50;;;;\n"
    page = soup(facilitator_client.post(IMPORT_URL, {"file": upload(csv)}))
    signed = page.find("input", attrs={"name": "rows"})["value"]
    water.status, water.progress = CommitmentStatus.DROPPED, 0
    water.save()
    response = facilitator_client.post(IMPORT_URL, {"rows": signed})
    text = soup(response).get_text(" ", strip=True)
    assert "No se aplicó nada" in text and "Error:" in text
    assert not CommitmentUpdate.objects.exists()


def test_altered_or_someone_elses_signed_rows_are_refused(facilitator_client, water):
    rows = [{"line": 2, "id": str(water.pk), "status": "En curso"}]
    other = FacilitatorFactory()
    for value in ("tampered", _sign_rows(rows, {str(water.pk): ""}, other)):
        response = facilitator_client.post(IMPORT_URL, {"rows": value}, follow=True)
        assert "Esta vista previa expiró o fue alterada" in response.content.decode()
    assert not CommitmentUpdate.objects.exists()


def test_members_never_reach_the_import(member_client, water):
    for url in (IMPORT_URL, TEMPLATE_URL):
        response = member_client.get(url)
        assert response.status_code == 302 and "login/" in response["Location"]
    response = member_client.post(
        IMPORT_URL, {"file": upload(f"{HEADINGS}\n{water.pk};En curso;;;;;\n")}
    )
    assert response.status_code == 302
    assert not CommitmentUpdate.objects.exists()


def test_preview_costs_the_same_whatever_the_number_of_rows(
    facilitator_client, django_assert_max_num_queries, company
):
    def preview(count):
        commitments = [CommitmentFactory(responsible_institution=company) for _ in range(count)]
        csv = (
            HEADINGS
            + "\n"
            + "".join(f"{c.pk};En curso;10;Minera del Sur;;;\n" for c in commitments)
        )
        with django_assert_max_num_queries(PREVIEW_BUDGET):
            response = facilitator_client.post(IMPORT_URL, {"file": upload(csv)})
        assert response.content.decode().count("Estado: Pendiente → En curso") == count

    preview(2)
    preview(12)


PREVIEW_BUDGET = 14
