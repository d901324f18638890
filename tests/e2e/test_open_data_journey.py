"""A visitor finds the open data from the footer, reads what the columns of the lessons
mean, and downloads the lessons' CSV (a known public lesson is in it, a members-only one
is not) and the data package's descriptor."""

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from col_portal import opendata
from members.models import Sector
from tests.col_portal.register_helpers import REGISTER_SECRETS, seed_register
from tests.e2e import journeys
from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ThemeFactory,
)
from themes.models import Visibility

PUBLIC_TITLE = "Turnos de riego publicados en la junta de Ilo"
MEMBERS_TITLE = "Acuerdo reservado de la mesa técnica"


@pytest.fixture
def open_data(settings):
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    theme = ThemeFactory(order=3, slug="recursos-hidricos", name_es="Recursos hídricos")
    ContributionFactory(title=PUBLIC_TITLE, primary_theme=theme)
    ContributionFactory(title=MEMBERS_TITLE, primary_theme=theme, visibility=Visibility.MEMBERS)
    opendata.build()


def test_a_visitor_downloads_the_lessons_and_the_data_package(open_data, page, live_url, tmp_path):
    page.goto(f"{live_url}/")
    page.get_by_role("contentinfo").get_by_role("link", name="Datos abiertos").click()
    expect(page).to_have_url(f"{live_url}/datos-abiertos/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Datos abiertos")

    lessons = page.get_by_role("region", name="Lecciones y experiencias")
    expect(lessons.locator(".dataset-rows")).to_have_text("1")
    # The columns, explained, behind a disclosure (no JavaScript needed).
    columns = lessons.locator("details.dataset-columns")
    expect(columns.get_by_text("Sección de la lección que responde").first).to_be_hidden()
    columns.locator("summary").click()
    expect(columns.get_by_text("kind — Tipo")).to_be_visible()
    expect(columns).to_contain_text("lesson = Lección aprendida")

    with page.expect_download() as download_info:
        lessons.get_by_role("link", name=re.compile(r"^CSV")).click()
    download = download_info.value
    assert download.suggested_filename == "lecciones-y-experiencias.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == [PUBLIC_TITLE]
    assert MEMBERS_TITLE not in data.decode("utf-8-sig")

    package = page.get_by_role("region", name="Todos los datos en un paquete")
    with page.expect_download() as download_info:
        package.get_by_role("link", name="Paquete de datos (datapackage.json)").click()
    saved = tmp_path / "datapackage.json"
    download_info.value.save_as(saved)
    descriptor = json.loads(saved.read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["resources"][0]["path"] == "lecciones-y-experiencias.csv"


def test_a_facilitator_changes_the_licence_the_open_data_names(open_data, page, browser, live_url):
    FacilitatorFactory(email="facilitadora@example.org", full_name="Rosa Mamani")
    context = journeys.new_context(browser)
    try:
        facilitator = context.new_page()
        journeys.log_in(facilitator, live_url, "facilitadora@example.org", next_url="/admin/")
        facilitator.goto(f"{live_url}/admin/settings/members/licencesettings/")
        facilitator.get_by_role("combobox", name=re.compile("licencia", re.I)).select_option(
            label="CC BY-SA 4.0"
        )
        facilitator.locator("footer").get_by_role("button", name="Guardar").click()
        expect(facilitator.locator(".messages .success")).to_be_visible()
    finally:
        context.close()

    page.goto(f"{live_url}/datos-abiertos/")
    licence = page.get_by_role("main").locator('a[rel="license"]')
    expect(licence).to_have_text("CC BY-SA 4.0")
    expect(licence).to_have_attribute("href", "https://creativecommons.org/licenses/by-sa/4.0/")


def test_a_visitor_finds_the_register_its_history_and_the_districts(page, live_url, settings):
    """The register's datasets on the page: the history keeps a hidden note out, the
    districts have their ubigeo codes; at a desktop's and a phone's width."""
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    responsible = InstitutionFactory(
        name="Municipalidad Provincial de Ilo", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    confirming = InstitutionFactory(name="Asociación Ilo Vigila", sector=Sector.CIVIL_SOCIETY)
    seed_register(responsible=responsible, confirming=confirming)
    opendata.build()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/datos-abiertos/")
    toc = page.locator(".open-data-toc")
    for title in ("Espacios de acuerdo", "Historial de los compromisos", "Distritos"):
        expect(toc.get_by_role("link", name=title)).to_be_visible()
    history = page.get_by_role("region", name="Historial de los compromisos")
    expect(history.locator(".dataset-rows")).to_have_text("2")
    history.locator("details.dataset-columns summary").click()
    expect(history.locator("details.dataset-columns")).to_contain_text("note_hidden")
    districts = page.get_by_role("region", name="Distritos", exact=True)
    expect(districts.locator(".dataset-rows")).to_have_text("21")
    with page.expect_download() as download_info:
        history.get_by_role("link", name=re.compile(r"^CSV")).click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "La planta funciona desde noviembre." in text
    assert REGISTER_SECRETS["hidden_report_note"] not in text

    shots = os.environ.get("SHOTS_DIR")
    if shots:
        page.screenshot(path=f"{shots}/datos-abiertos-1280.png", full_page=True)
        page.set_viewport_size({"width": 360, "height": 780})
        page.goto(f"{live_url}/datos-abiertos/#compromisos-historial")
        page.screenshot(path=f"{shots}/datos-abiertos-360.png", full_page=True)
