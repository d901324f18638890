"""The open data: datasets from the public selectors only, written as CSV (with a BOM)
and JSON with a Frictionless Data Package that validates, atomically, rebuilt after
publications (once per burst) and never on a request; the "Datos abiertos" page."""

import os
import shutil
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from frictionless import validate
from wagtail.models import Site

from col_portal import opendata, opendata_schedule, tasks
from col_portal.models import OpenDataFile
from members.models import ContentLicence, LicenceSettings
from members.structured_data import content_license_url
from resources import document_access
from tests.factories import (
    CommitmentFactory,
    ContributionFactory,
    InstitutionFactory,
    MemberFactory,
    district,
)
from themes.datasets import LESSONS
from themes.models import Contribution, Visibility
from workshops.models import CommitmentUpdate, CommitmentVerdict

from .open_data_helpers import (
    DATASET_NAMES,
    SECRETS,
    all_written_text,
    read_bytes,
    read_csv,
    read_descriptor,
    read_json,
    seed_world,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return seed_world()


@pytest.fixture
def built(world):
    opendata.build()
    return world


def media_path(name: str):
    return settings.MEDIA_ROOT / opendata.folder() / name


# ---- What the datasets hold


def test_lessons_are_the_public_published_ones_with_every_column(built):
    public = built["public"]
    rows = read_csv(LESSONS)
    assert [row["title"] for row in rows] == ["Mesa del agua de Ilo con turnos publicados"]
    row = rows[0]
    assert row["id"] == str(public.pk)
    assert row["url"] == settings.SITE_URL + public.get_absolute_url()
    assert row["kind"] == "experience"
    assert row["context"] == public.context and row["lesson"] == public.lesson
    assert row["recommendations"] == public.recommendations
    assert row["primary_theme"] == "recursos-hidricos"
    assert row["themes"] == "recursos-hidricos; brechas-y-renta-minera"
    assert row["tags"] == "agua; riego"
    assert row["institution_id"] == str(built["gore"].pk)
    assert row["institutions"] == "Gobierno Regional de Moquegua; Asociación Ilo Vigila"
    assert row["sectors"] == "gov_regional_local; civil_society"
    assert (row["provinces"], row["districts"], row["ubigeos"]) == (
        "Ilo",
        "Ilo; Pacocha",
        "180301; 180303",
    )
    assert (row["period_start"], row["period_end"]) == ("2021", "2023")
    assert row["language"] == "es"
    assert row["anti_corruption_focus"] == "true"
    assert row["first_published_at"].endswith("Z")

    (item,) = read_json(LESSONS)
    assert item["themes"] == ["recursos-hidricos", "brechas-y-renta-minera"]
    assert item["period_start"] == 2021
    assert item["anti_corruption_focus"] is True
    assert item["title"] == row["title"]


def test_workshops_give_participation_by_sector_and_never_the_online_link(built):
    rows = read_csv("talleres")
    assert [row["title"] for row in rows] == ["Taller virtual sobre el canon"]
    row = rows[0]
    assert row["modality"] == "virtual" and row["status"] == "held"
    assert row["venue"] == ""
    assert row["outcomes"] == "Se acordó publicar los turnos de riego."
    assert row["registered_gov_regional_local"] == "1"
    assert row["registered_civil_society"] == "1"
    assert row["registered_private_mining"] == "1"  # the cancelled one is not counted
    assert row["attended_private_mining"] == "0"
    assert row["attended_citizens"] == "1"  # the walk-in
    assert (row["registered_total"], row["attended_total"]) == ("3", "3")
    assert "online_url" not in row
    assert SECRETS["online_link"] not in str(rows)


def test_commitments_and_institutions_join_by_their_keys(built):
    (commitment,) = [row for row in read_csv("compromisos") if row["source"] == "workshop"]
    assert commitment["description"] == "Publicar los turnos de riego cada mes."
    assert commitment["workshop_id"] == str(built["workshop"].pk)
    assert commitment["responsible_institution"] == "Minera del Sur"
    assert commitment["status"] == "in_progress"
    institutions = {row["id"]: row for row in read_csv("instituciones")}
    responsible = institutions[commitment["responsible_institution_id"]]
    assert responsible["name"] == "Minera del Sur" and responsible["sector"] == "private_mining"
    gore = institutions[str(built["gore"].pk)]
    assert gore == {
        "id": str(built["gore"].pk),
        "name": "Gobierno Regional de Moquegua",
        "short_name": "GORE",
        "sector": "gov_regional_local",
        "core_group": "true",
        "website": "https://www.regionmoquegua.gob.pe",
        "district_ubigeo": "",
    }


def test_the_register_gives_spaces_commitments_history_and_verdicts_joined_by_keys(built):
    register = built["register"]
    (space,) = read_csv("espacios-de-acuerdo")
    assert space["name"] == "Mesa técnica de Ilo" and space["kind"] == "technical_table"
    assert space["convener_id"] == str(built["ngo"].pk)
    assert space["started_on"] == "2025-03-10"
    commitments = {row["id"]: row for row in read_csv("compromisos")}
    assert {row["source"] for row in commitments.values()} == {
        "workshop",
        "agreement_space",
        "pledge",
    }
    row = commitments[str(register.commitment.pk)]
    assert row["agreement_space_id"] == space["id"]
    assert row["workshop_id"] == ""
    assert row["supporting_institutions"] == "Asociación Ilo Vigila"
    assert row["themes"] == "recursos-hidricos"
    assert (row["districts"], row["ubigeos"]) == ("Ilo; Pacocha", "180301; 180303")
    assert (row["status"], row["progress"], row["agreed_on"]) == ("fulfilled", "100", "2025-03-10")
    assert row["url"] == settings.SITE_URL + register.commitment.get_absolute_url()

    milestones = read_csv("compromisos-hitos")
    assert [(m["commitment_id"], m["title"], m["reached_on"], m["late"]) for m in milestones] == [
        (row["id"], "Expediente técnico aprobado", "2025-04-28", "false"),
        (row["id"], "Planta en funcionamiento", "", "true"),
    ]

    history = read_csv("compromisos-historial")
    assert [(h["previous_status"], h["status"], h["progress"]) for h in history] == [
        ("pending", "in_progress", "60"),
        ("in_progress", "fulfilled", "100"),
    ]
    hidden, report = history
    assert (hidden["note"], hidden["note_hidden"]) == ("", "true")
    assert report["note"] == "La planta funciona desde noviembre."
    assert report["cui"] == "2345678"
    assert report["cui_url"] == settings.COMMITMENT_CUI_URL.format(cui="2345678")
    assert report["evidence_url"] == "https://www.ilo.gob.pe/obras/planta-pacocha"
    assert report["institution_id"] == str(built["gore"].pk)
    assert report["document_url"] == settings.SITE_URL + register.report.document.url
    assert space["minutes"] == report["document_url"]
    assert Client().get(register.report.document.url).status_code == 200
    assert report["created_at"] == "2025-11-20T15:00:00Z"  # 10:00 in Lima, in UTC

    verdicts = read_csv("compromisos-confirmaciones")
    assert [(v["verdict"], v["sector"], v["note"], v["note_hidden"]) for v in verdicts] == [
        ("confirm", "civil_society", "Visitamos la planta en funcionamiento.", "false"),
        ("contest", "academia", "", "true"),
    ]
    assert {v["update_id"] for v in verdicts} == {report["id"]}
    institutions = {row["id"] for row in read_csv("instituciones")}
    # Every institution a key names is in its file (the contesting one has no members).
    assert str(register.contesting_institution.pk) in institutions
    assert {v["institution_id"] for v in verdicts} <= institutions


def test_the_provinces_and_districts_with_their_ubigeo_codes(built):
    provinces = read_csv("provincias")
    assert [(p["ubigeo"], p["name"]) for p in provinces] == [
        ("1801", "Mariscal Nieto"),
        ("1802", "General Sánchez Cerro"),
        ("1803", "Ilo"),
    ]
    districts = {row["ubigeo"]: row for row in read_csv("distritos")}
    assert len(districts) == 21
    assert districts["180107"]["name"] == "San Antonio"
    assert districts["180107"]["province_ubigeo"] == "1801"
    assert "31216" in districts["180107"]["created_by"]
    assert districts["180303"]["name"] == "Pacocha"
    assert districts["180303"]["url"].endswith("/territorio/ilo/pacocha/")
    descriptor = {r["name"]: r for r in read_descriptor()["resources"]}
    assert descriptor["distritos"]["schema"]["primaryKey"] == ["ubigeo"]
    assert descriptor["distritos"]["schema"]["foreignKeys"] == [
        {
            "fields": ["province_ubigeo"],
            "reference": {"resource": "provincias", "fields": ["ubigeo"]},
        }
    ]


def test_a_note_hidden_after_the_build_leaves_the_files_at_the_next(built):
    register = built["register"]
    opendata.build()
    assert "Visitamos la planta" in all_written_text()
    register.confirmation.hidden_at = timezone.now()
    register.confirmation.hidden_reason = "Datos personales"
    register.confirmation.save(update_fields=["hidden_at", "hidden_reason"])
    opendata.build()
    assert "Visitamos la planta" not in all_written_text()


def test_library_resources_name_their_public_file(built):
    (row,) = read_csv("biblioteca")
    study = built["study"]
    assert row["title"] == "Estudio del agua en la cuenca"
    assert row["file_url"] == settings.SITE_URL + study.document.url
    assert row["file_format"] == "pdf"
    assert row["institutions"] == "Gobierno Regional de Moquegua"
    assert document_access.is_public(study.document)
    response = Client().get(study.document.url)
    assert response.status_code == 200


def test_nothing_members_only_draft_or_personal_reaches_any_file(built):
    text = all_written_text()
    assert "Mesa del agua de Ilo" in text  # the files were read
    for what, word in SECRETS.items():
        assert word not in text, what
    # Nor in the JSON's escaped form.
    assert "Quillaruna" not in read_bytes("lecciones-y-experiencias.json").decode()


# ---- The files


def test_csv_opens_in_excel_with_the_byte_order_mark_and_the_headers(built):
    data = read_bytes(f"{LESSONS}.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    header = data[3:].split(b"\r\n", 1)[0].decode()
    assert header.startswith("id,url,title,kind,summary,context,challenge,actions,")
    assert "Asociación Ilo Vigila".encode() in data  # UTF-8, accents intact


def test_the_data_package_describes_every_file_and_validates_with_frictionless(built):
    descriptor = read_descriptor()
    assert descriptor["profile"] == "tabular-data-package"
    assert descriptor["title"] == "Datos abiertos de la Comunidad de Aprendizaje de Moquegua"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["created"] and descriptor["last_modified"]
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == DATASET_NAMES
    lessons = descriptor["resources"][0]
    assert lessons["count_of_rows"] == 1
    fields = {field["name"]: field for field in lessons["schema"]["fields"]}
    assert fields["kind"]["constraints"]["enum"] == ["experience", "lesson", "good_practice"]
    assert fields["title"]["title"] == "Título" and fields["title"]["title_en"] == "Title"
    assert lessons["schema"]["foreignKeys"][0]["reference"]["resource"] == "instituciones"

    report = validate(str(media_path(opendata.DESCRIPTOR)))
    assert report.valid, report.flatten(["type", "note"])


def test_frictionless_catches_a_broken_foreign_key(built, tmp_path):
    """The validation is not a formality: an institution missing from its file fails."""

    copy = tmp_path / "copia"
    shutil.copytree(settings.MEDIA_ROOT / opendata.folder(), copy)
    descriptor = copy / opendata.DESCRIPTOR
    text = descriptor.read_text().replace('"bytes"', '"x_bytes"').replace('"hash"', '"x_hash"')
    descriptor.write_text(text)
    institutions = copy / "instituciones.csv"
    lines = institutions.read_bytes().split(b"\r\n")
    responsible = str(built["mine"].pk).encode() + b","
    institutions.write_bytes(
        b"\r\n".join(line for line in lines if not line.startswith(responsible))
    )

    report = validate(str(descriptor))
    assert not report.valid
    assert {error[0] for error in report.flatten(["type"])} == {"foreign-key"}


def test_a_file_is_replaced_whole_or_not_at_all(built, monkeypatch):
    before = read_bytes(f"{LESSONS}.csv")
    ContributionFactory(title="Una segunda lección pública", primary_theme=built["water"])

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        opendata.build()
    assert read_bytes(f"{LESSONS}.csv") == before
    leftovers = [name for name in os.listdir(media_path("")) if name.endswith(".part")]
    assert leftovers == []

    monkeypatch.undo()
    opendata.build()
    assert "Una segunda lección pública" in read_bytes(f"{LESSONS}.csv").decode("utf-8-sig")


def test_unchanged_data_is_not_rewritten_and_keeps_its_date(built):
    first = {record.name: record.modified_at for record in OpenDataFile.objects.all()}
    mtime = media_path(f"{LESSONS}.csv").stat().st_mtime_ns
    assert opendata.build() is False
    again = {record.name: record.modified_at for record in OpenDataFile.objects.all()}
    assert again == first
    assert media_path(f"{LESSONS}.csv").stat().st_mtime_ns == mtime


def test_the_rows_are_read_in_a_fixed_number_of_queries(world):
    with CaptureQueriesContext(connection) as few:
        opendata.build()
    register = world["register"]
    for number in range(5):
        ContributionFactory(title=f"Otra lección {number}", primary_theme=world["canon"])
        commitment = CommitmentFactory(responsible_institution=InstitutionFactory())
        commitment.themes.set([world["water"]])
        commitment.districts.set([district("torata")])
        commitment.supporting_institutions.set([InstitutionFactory()])
        report = CommitmentUpdate.objects.create(
            commitment=commitment,
            institution=commitment.responsible_institution,
            previous_status="pending",
            status="in_progress",
            progress=10,
            document=register.report.document,
        )
        CommitmentVerdict.objects.create(
            update=report, institution=InstitutionFactory(), verdict="confirm"
        )
    with CaptureQueriesContext(connection) as more:
        opendata.build()
    reads = [query for query in more.captured_queries if query["sql"].startswith("SELECT")]
    first_reads = [query for query in few.captured_queries if query["sql"].startswith("SELECT")]
    assert len(reads) <= len(first_reads) + 2, len(reads)


# ---- When it is rebuilt


def test_a_burst_of_publications_queues_one_rebuild_after_the_commit(
    world, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(tasks.rebuild_open_data, "apply_async") as queued:
        with django_capture_on_commit_callbacks(execute=True):
            for number in range(3):
                ContributionFactory(title=f"Ráfaga {number}", primary_theme=world["canon"])
        assert queued.call_count == 1
        assert queued.call_args.kwargs == {"countdown": settings.OPEN_DATA_DEBOUNCE_SECONDS}
        # Once the queued task has started, the next publication queues another.
        with mock.patch.object(opendata, "build"):
            tasks.rebuild_open_data.apply()
        with django_capture_on_commit_callbacks(execute=True):
            ContributionFactory(title="Después", primary_theme=world["canon"])
        assert queued.call_count == 2


def test_unpublishing_a_lesson_or_saving_a_workshop_asks_for_a_rebuild(
    built, django_capture_on_commit_callbacks
):
    with mock.patch.object(opendata_schedule, "request_rebuild") as requested:
        with django_capture_on_commit_callbacks(execute=True):
            built["public"].unpublish()
        assert requested.call_count == 1
        with django_capture_on_commit_callbacks(execute=True):
            built["workshop"].save()
        assert requested.call_count == 2


def test_a_draft_saved_by_its_author_asks_for_nothing(world, django_capture_on_commit_callbacks):
    author = MemberFactory()  # a new institution is news; the draft is not
    with mock.patch.object(opendata_schedule, "request_rebuild") as requested:
        with django_capture_on_commit_callbacks(execute=True):
            ContributionFactory(
                title="Solo un borrador",
                primary_theme=world["canon"],
                author=author,
                published=False,
            )
        assert requested.call_count == 0


def test_without_a_broker_the_publication_rebuilds_at_once_unless_the_files_are_fresh(
    built, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # The last build was just now: publishing does not wait for another.
    with django_capture_on_commit_callbacks(execute=True):
        ContributionFactory(title="Publicada enseguida", primary_theme=built["canon"])
    assert "Publicada enseguida" not in read_bytes(f"{LESSONS}.csv").decode("utf-8-sig")

    # Later than OPEN_DATA_EAGER_INTERVAL: the next publication rebuilds, with both.
    later = timezone.now() + timedelta(seconds=settings.OPEN_DATA_EAGER_INTERVAL + 1)
    with (
        mock.patch.object(timezone, "now", return_value=later),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ContributionFactory(title="Publicada más tarde", primary_theme=built["canon"])
    text = read_bytes(f"{LESSONS}.csv").decode("utf-8-sig")
    assert "Publicada enseguida" in text and "Publicada más tarde" in text


def test_it_is_rebuilt_every_night_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["rebuild-open-data"]
    assert entry["task"] == "col_portal.tasks.rebuild_open_data"
    assert entry["schedule"].hour == {2}


def test_viewing_the_page_never_builds(world, without_page_cache):
    with mock.patch.object(opendata, "build") as build:
        Client().get("/datos-abiertos/")
    build.assert_not_called()


# ---- The licence


def test_the_licence_is_a_setting_that_json_ld_and_the_package_share(built):
    assert content_license_url() == ContentLicence.CC_BY_4
    setting = LicenceSettings.for_site(Site.objects.get(is_default_site=True))
    setting.licence = ContentLicence.CC_BY_SA_4
    setting.save()
    assert content_license_url() == "https://creativecommons.org/licenses/by-sa/4.0/"
    opendata.build()
    assert read_descriptor()["licenses"][0]["name"] == "CC-BY-SA-4.0"
    page = BeautifulSoup(Client().get("/datos-abiertos/").content, "html.parser")
    assert page.select_one('a[rel="license"]')["href"] == ContentLicence.CC_BY_SA_4


# ---- The page


def test_the_page_before_the_first_build_says_the_files_are_coming(world):
    page = BeautifulSoup(Client().get("/datos-abiertos/").content, "html.parser")
    assert "Los archivos de datos se están preparando" in page.select_one(".empty-state").text
    assert not page.select('a[href$=".csv"]')


@pytest.mark.parametrize(
    ("path", "heading", "rows_label"),
    [("/datos-abiertos/", "Datos abiertos", "Filas"), ("/en/datos-abiertos/", "Open data", "Rows")],
)
def test_the_page_lists_each_dataset_with_columns_counts_dates_and_downloads(
    built, path, heading, rows_label
):
    response = Client().get(path)
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("h1").text.strip() == heading
    sections = page.select("section.dataset")
    assert [section["id"] for section in sections] == DATASET_NAMES
    lessons = sections[0]
    assert rows_label in lessons.select_one("dl.details").text
    assert lessons.select_one(".dataset-rows").text.strip() == "1"
    assert lessons.select_one("time")["datetime"]
    links = [link["href"] for link in lessons.select("a.button")]
    assert links == [
        f"{settings.MEDIA_URL}datos-abiertos/lecciones-y-experiencias.csv",
        f"{settings.MEDIA_URL}datos-abiertos/lecciones-y-experiencias.json",
    ]
    columns = [code.text for code in lessons.select(".dataset-columns dt code")]
    assert columns[:4] == ["id", "url", "title", "kind"]
    package = page.select_one(".open-data-package")
    assert f"{settings.MEDIA_URL}datos-abiertos/datapackage.json" in [
        link["href"] for link in package.select("a")
    ]
    institutions = sections[DATASET_NAMES.index("instituciones")]
    written = len(read_csv("instituciones"))
    assert written >= 3
    assert institutions.select_one(".dataset-rows").text.strip() == str(written)


def test_the_page_explains_columns_in_the_visitors_language(built):
    spanish = BeautifulSoup(Client().get("/datos-abiertos/").content, "html.parser")
    english = BeautifulSoup(Client().get("/en/datos-abiertos/").content, "html.parser")
    assert "in_person = Presencial" in spanish.select_one("#talleres .dataset-columns").text
    assert "in_person = Face-to-face" in english.select_one("#talleres .dataset-columns").text


def test_the_page_reads_a_fixed_number_of_queries(
    built, without_page_cache, django_assert_max_num_queries
):
    Client().get("/datos-abiertos/")  # the licence is cached after the first time
    with CaptureQueriesContext(connection) as few:
        Client().get("/datos-abiertos/")
    for number in range(5):
        ContributionFactory(title=f"Más {number}", primary_theme=built["canon"])
    opendata.build()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = Client().get("/datos-abiertos/")
    assert "Más 4" not in response.content.decode()
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#lecciones-y-experiencias .dataset-rows").text.strip() == "6"


def test_the_footer_and_the_sitemap_lead_to_the_page(world):
    page = BeautifulSoup(Client().get("/grupo-nucleo/").content, "html.parser")
    footer_links = [link["href"] for link in page.select("footer a")]
    assert "/datos-abiertos/" in footer_links
    sitemap = Client().get("/sitemap.xml").content.decode()
    assert "/datos-abiertos/</loc>" in sitemap
    assert "/en/datos-abiertos/" in sitemap


# ---- The demo


def test_the_demo_seed_leaves_a_valid_data_package(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    descriptor = read_descriptor()
    counts = {resource["name"]: resource["count_of_rows"] for resource in descriptor["resources"]}
    assert counts["lecciones-y-experiencias"] > 5
    assert counts["talleres"] > 2 and counts["compromisos"] > 2 and counts["biblioteca"] > 2
    report = validate(str(media_path(opendata.DESCRIPTOR)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # Nothing members-only of the demo is in it.

    members_only = Contribution.objects.filter(visibility=Visibility.MEMBERS, live=True)
    assert members_only.exists()
    text = all_written_text()
    for contribution in members_only:
        assert contribution.title not in text


@pytest.mark.parametrize(
    ("path", "api_text", "oai_text"),
    [
        ("/datos-abiertos/", "La API JSON de solo lectura", "OAI-PMH 2.0"),
        ("/en/datos-abiertos/", "The read-only JSON API", "OAI-PMH 2.0"),
    ],
)
def test_the_page_leads_programs_to_the_api_and_the_oai_endpoint(db, path, api_text, oai_text):
    soup = BeautifulSoup(Client().get(path).content, "html.parser")
    services = soup.select_one("section.open-data-services")
    api_link = services.find("a", string=api_text)
    assert api_link["href"] == "/api/docs/"
    assert Client().get(api_link["href"], HTTP_ACCEPT="text/html").status_code == 200
    assert oai_text in services.get_text()
    assert services.find("code", string="/oai/") is not None
    assert b"<Identify>" in Client().get("/oai/?verb=Identify").content
