"""In a real browser, the responsible institutions' side of the commitments register: a
facilitator downloads the CSV template, uploads it with one bad row (sees the row's error,
nothing is applied), fixes it, previews, applies, and a visitor reads the new status on the
commitment's public page; a member of the responsible company gets a reminder by e-mail,
follows its link, and finds the commitment in "Mi espacio" with its "Report progress"."""

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from members.models import Sector
from tests.e2e import journeys
from tests.factories import (
    CommitmentFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MemberFactory,
)
from workshops import services
from workshops.models import CommitmentStatus, CommitmentUpdate

WATER = "Entregar la planta de tratamiento de agua potable de Pacocha."
ROAD = "Asfaltar el acceso a Chen Chen."


def _write_csv(path, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def test_a_facilitator_updates_commitments_from_a_csv(page, browser, live_url, tmp_path):
    company = InstitutionFactory(name="Minera del Sur S.A.", sector=Sector.PRIVATE_MINING)
    municipality = InstitutionFactory(name="Municipalidad Provincial de Ilo")
    water = CommitmentFactory(description=WATER, responsible_institution=company)
    water.supporting_institutions.add(municipality)
    road = CommitmentFactory(description=ROAD, responsible_institution=company)
    facilitator = FacilitatorFactory(full_name="Lucía Mendoza Flores")

    journeys.log_in(page, live_url, facilitator.email, next_url="/admin/workshop-commitments/")
    page.get_by_role("link", name="Actualizar desde un archivo CSV").click()
    expect(page.locator("h1")).to_contain_text("Actualizar compromisos desde un archivo CSV")

    # ---- The template: the open commitments, ready for Excel.
    with page.expect_download() as download:
        page.get_by_role(
            "link", name="Descargar la plantilla con los compromisos abiertos (CSV)"
        ).click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["id", "compromiso", "institucion_responsable", "vence", "estado"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[str(water.pk)][1] == WATER and by_id[str(road.pk)][4] == "Pendiente"

    # ---- Filled in with one bad row (a CUI of five digits): its error, nothing applied.
    header = rows[0]
    column = {name: index for index, name in enumerate(header)}

    def filled(road_cui):
        out = [header]
        for row in rows[1:]:
            row = list(row)
            if row[0] == str(water.pk):
                row[column["estado"]] = "Cumplido"
                row[column["institucion_que_informa"]] = "Municipalidad Provincial de Ilo"
                row[column["nota"]] = "Acta de entrega del 2 de diciembre."
                row[column["cui"]] = "2345678"
            if row[0] == str(road.pk):
                row[column["estado"]] = "En curso"
                row[column["avance"]] = "30"
                row[column["cui"]] = road_cui
            out.append(row)
        return out

    bad = tmp_path / "compromisos.csv"
    _write_csv(bad, filled("12345"))
    form = page.locator("form.commitment-import-form")
    form.locator("input[type=file]").set_input_files(str(bad))
    form.get_by_role("button", name="Ver la vista previa de los cambios").click()
    preview = page.locator("section.commitment-import-preview")
    expect(preview).to_contain_text("1 fila tiene un error. No se aplicará nada")
    expect(preview.locator("tr", has_text=ROAD[:25])).to_contain_text("7 dígitos")
    expect(preview.locator("tr", has_text=WATER[:25])).to_contain_text(
        "Estado: Pendiente → Cumplido"
    )
    expect(page.get_by_role("button", name=re.compile("^Aplicar"))).to_have_count(0)
    journeys.screenshot(page, "commitment-import-preview-error")
    assert not CommitmentUpdate.objects.exists()

    # ---- Fixed: previewed, then applied at once.
    good = tmp_path / "compromisos-corregido.csv"
    _write_csv(good, filled("7654321"))
    form = page.locator("form.commitment-import-form")
    form.locator("input[type=file]").set_input_files(str(good))
    form.get_by_role("button", name="Ver la vista previa de los cambios").click()
    expect(page.locator("section.commitment-import-preview")).to_contain_text(
        "2 filas cambian un compromiso."
    )
    assert not CommitmentUpdate.objects.exists()
    page.get_by_role("button", name="Aplicar los 2 cambios").click()
    expect(page.locator(".messages .success")).to_contain_text("2 compromisos actualizados")
    water.refresh_from_db()
    road.refresh_from_db()
    assert (water.status, water.progress) == (CommitmentStatus.FULFILLED, 100)
    assert (road.status, road.progress) == (CommitmentStatus.IN_PROGRESS, 30)

    # ---- A visitor reads the new status and its evidence on the public page.
    visitor_context = journeys.new_context(browser)
    try:
        visitor = visitor_context.new_page()
        visitor.goto(f"{live_url}/compromisos/{water.pk}/")
        expect(visitor.locator("main")).to_contain_text("Cumplido")
        timeline = visitor.locator("ol.timeline")
        expect(timeline).to_contain_text("Acta de entrega del 2 de diciembre.")
        expect(timeline).to_contain_text("Municipalidad Provincial de Ilo")
        expect(timeline.get_by_role("link", name=re.compile("CUI 2345678"))).to_be_visible()
    finally:
        visitor_context.close()


def test_a_member_follows_a_reminder_and_reports_from_mi_espacio(page, live_url):
    company = InstitutionFactory(name="Minera del Sur S.A.", sector=Sector.PRIVATE_MINING)
    member = MemberFactory(institution=company, full_name="Ana Rojas Paredes")
    commitment = CommitmentFactory(
        description=WATER,
        responsible_institution=company,
        due_date=timezone.localdate() + timedelta(days=5),
    )
    CommitmentFactory(
        description=ROAD,
        responsible_institution=company,
        due_date=timezone.localdate() - timedelta(days=2),
    )

    assert services.send_commitment_reminders() == 2
    reminder = journeys.wait_for_mail(member.email, subject="vence en 5 días")
    assert WATER in reminder.body

    # ---- "Mi espacio" shows what the institution has to report on.
    journeys.log_in(page, live_url, member.email, next_url="/miembros/")
    section = page.locator("section", has=page.locator("#my-commitments-title"))
    expect(section).to_contain_text("Minera del Sur S.A. lidera o apoya 2 compromisos abiertos.")
    expect(section).to_contain_text("1 vencido")
    journeys.screenshot(page, "my-space-commitments")
    section.get_by_role("link", name=re.compile("Informar avance.*Asfaltar")).click()
    expect(page).to_have_url(re.compile(r"/compromisos/\d+/informar/$"))
    expect(page.locator("main")).to_contain_text(ROAD)

    # ---- The reminder's link leads to the report form of its commitment.
    journeys.follow_link(page, reminder, containing="/informar/", live_url=live_url)
    expect(page).to_have_url(re.compile(rf"/compromisos/{commitment.pk}/informar/$"))
    form = page.locator("form.commitment-report-form")
    journeys.field(form, "Estado").select_option(CommitmentStatus.IN_PROGRESS)
    journeys.field(form, "Avance (%)").fill("60")
    journeys.field(form, "Nota").fill("La obra civil está al 60 %.")
    form.get_by_role("button", name="Agregar mi informe").click()
    expect(page.locator(".messages")).to_contain_text("Su informe se agregó al historial.")
    commitment.refresh_from_db()
    assert (commitment.status, commitment.progress) == (CommitmentStatus.IN_PROGRESS, 60)
