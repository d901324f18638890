"""The register's summary (charts by theme, sector and source with their tables, and the
overdue list), its RSS of changes and ICS of due dates, and a commitment's milestones."""

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from members.models import Sector
from tests.factories import (
    AgreementSpaceFactory,
    CommitmentFactory,
    InstitutionFactory,
    ThemeFactory,
    WorkshopFactory,
)
from tests.workshops.commitment_helpers import make_world
from tests.workshops.views_helpers import soup
from themes.models import Visibility
from workshops import services
from workshops.models import CommitmentMilestone, CommitmentSource, WorkshopStatus

pytestmark = pytest.mark.django_db

SUMMARY = "/compromisos/resumen/"
TODAY = date(2026, 6, 15)
NOON = datetime(2026, 6, 15, 12, tzinfo=ZoneInfo("America/Lima"))


def text(node) -> str:
    return " ".join(node.get_text().split())


def table_rows(page, slug: str) -> list[list[str]]:
    section = page.select_one(f"#chart-{slug}-title").find_parent("section")
    return [
        [text(cell) for cell in row.find_all(["th", "td"])]
        for row in section.select("table tbody tr")
    ]


def make_commitments(count: int, theme, *, label: str = "") -> None:
    """`count` commitments of `theme` led by a mining company, every fifth one fulfilled;
    one of them overdue, and a members-only one nobody outside sees."""
    company = InstitutionFactory(sector=Sector.PRIVATE_MINING)
    for number in range(count):
        commitment = CommitmentFactory(
            description=f"Compromiso {label}{number}",
            responsible_institution=company,
            status="fulfilled" if number % 5 == 0 else "pending",
        )
        commitment.themes.add(theme)
    CommitmentFactory(
        description=f"Compromiso vencido {label}",
        responsible_institution=company,
        due_date=TODAY - timedelta(days=10),
    ).themes.add(theme)
    CommitmentFactory(
        description=f"Compromiso reservado {label}",
        workshop=WorkshopFactory(status=WorkshopStatus.HELD, visibility=Visibility.MEMBERS),
    )


@time_machine.travel(NOON, tick=False)
def test_the_summary_counts_by_theme_sector_and_source_with_a_table_per_chart():
    water = ThemeFactory(name_es="Gestión integrada de recursos hídricos", name_en="Water")
    make_commitments(4, water)
    space = AgreementSpaceFactory()
    CommitmentFactory(
        description="Instalar la mesa técnica del agua.",
        workshop=None,
        source=CommitmentSource.AGREEMENT_SPACE,
        agreement_space=space,
        responsible_institution=InstitutionFactory(sector=Sector.GOVERNMENT_NATIONAL),
        status="in_progress",
    )

    response = Client().get(SUMMARY)

    page = soup(response)
    assert text(page.select_one("h1")) == "Resumen de los compromisos"
    assert "6 compromisos en el registro; cumplidos: 1." in text(page.select_one(".lede"))
    header = [text(th) for th in page.select("#chart-theme-title + svg + .table-wrap thead th")]
    assert header == [
        "Tema",
        "Pendiente",
        "En curso",
        "Cumplido",
        "No cumplido",
        "Descartado",
        "Total",
        "Porcentaje cumplido",
    ]
    assert table_rows(page, "theme") == [
        ["Gestión integrada de recursos hídricos", "4", "0", "1", "0", "0", "5", "20 %"],
        ["Sin tema", "0", "1", "0", "0", "0", "1", "0 %"],
    ]
    assert table_rows(page, "sector") == [
        ["Gobierno nacional", "0", "1", "0", "0", "0", "1", "0 %"],
        ["Empresas mineras y sector privado", "4", "0", "1", "0", "0", "5", "20 %"],
    ]
    sources = {row[0]: row[-2:] for row in table_rows(page, "source")}
    assert sources["Taller"] == ["5", "20 %"]
    assert sources["Espacio de acuerdo"] == ["1", "0 %"]
    captions = [text(caption) for caption in page.select("table caption")]
    assert captions[0] == "Compromisos por estado y por tema"
    # The chart draws the same figures: one bar per row, its figure after it.
    bars = page.select("#chart-theme-title + svg .chart-figure")
    assert [text(bar) for bar in bars] == ["5 · 20 %", "1 · 0 %"]
    assert page.select_one("#chart-theme-title + svg")["role"] == "img"
    overdue = page.select_one("#overdue-title").find_parent("section")
    assert [text(h) for h in overdue.select(".commitment-row h3")] == ["Compromiso vencido"]
    assert "reservado" not in response.content.decode()


@time_machine.travel(NOON, tick=False)
def test_members_see_the_members_only_commitments_in_the_summary(member_client):
    make_commitments(1, ThemeFactory())
    page = soup(member_client.get(SUMMARY))
    assert "3 compromisos en el registro" in text(page.select_one(".lede"))


def test_the_summary_is_in_english_and_says_when_nothing_is_overdue():
    page = soup(Client().get("/en" + SUMMARY))
    assert text(page.select_one("h1")) == "Summary of the commitments"
    assert "No commitment is overdue." in text(page.select_one("main"))


def test_the_register_links_to_the_summary_and_announces_its_feeds():
    page = soup(Client().get("/compromisos/"))
    assert page.find("a", string="Resumen: avance por tema, sector y origen")["href"] == SUMMARY
    alternates = {link["type"]: link["href"] for link in page.select('link[rel="alternate"][type]')}
    assert alternates["application/rss+xml"] == "/compromisos/rss/"
    assert alternates["text/calendar"] == "/compromisos/vencimientos.ics"


@time_machine.travel(NOON, tick=False)
def test_the_summary_query_count_does_not_grow(django_assert_max_num_queries, without_page_cache):
    theme = ThemeFactory()
    make_commitments(2, theme, label="a")
    client = Client()
    with django_assert_max_num_queries(30) as small:
        assert client.get(SUMMARY).status_code == 200
    make_commitments(15, ThemeFactory(), label="b")
    with django_assert_max_num_queries(30) as large:
        response = client.get(SUMMARY)
    assert "Compromiso vencido b" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def rss_items(response) -> list[ET.Element]:
    assert response.status_code == 200
    return ET.fromstring(response.content).findall("./channel/item")


def test_the_rss_tells_each_public_report_with_the_commitments_link():
    world = make_world(description="Entregar la obra de agua de Pacocha.")
    first = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=40
    )
    services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=60
    )
    hidden = make_world(
        workshop=WorkshopFactory(status=WorkshopStatus.HELD, visibility=Visibility.MEMBERS)
    )
    services.commitment_report(commitment=hidden.commitment, user=hidden.reporter, status="dropped")

    items = rss_items(Client().get("/compromisos/rss/"))

    assert [item.findtext("title") for item in items] == [
        "Avance: 60 %: Entregar la obra de agua de Pacocha.",
        "Estado cambiado a “En curso”: Entregar la obra de agua de Pacocha.",
    ]
    link = f"http://testserver{world.commitment.get_absolute_url()}#report-{first.pk}"
    assert items[1].findtext("link") == link
    assert "Minera Sur" in items[1].findtext("description")


def test_the_ics_has_one_all_day_event_per_open_public_commitment_with_a_stable_uid():
    open_one = CommitmentFactory(description="Publicar el padrón de regantes.")
    CommitmentFactory(description="Compromiso cumplido.", status="fulfilled")
    CommitmentFactory(
        description="Compromiso reservado.",
        workshop=WorkshopFactory(status=WorkshopStatus.HELD, visibility=Visibility.MEMBERS),
    )

    response = Client().get("/compromisos/vencimientos.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == open_one.due_date
    assert event.decoded("dtend") == open_one.due_date + timedelta(days=1)
    assert str(event["summary"]) == "Vence: Publicar el padrón de regantes."
    assert str(event["uid"]).startswith(f"commitment-{open_one.pk}-due@")
    assert str(event["url"]) == f"http://testserver{open_one.get_absolute_url()}"
    again = Calendar.from_ical(Client().get("/compromisos/vencimientos.ics").content)
    assert str(again.walk("VEVENT")[0]["uid"]) == str(event["uid"])


@time_machine.travel(NOON, tick=False)
def test_milestones_show_on_the_timeline_and_are_marked_reached_from_a_report():
    world = make_world(description="Construir el reservorio de Cambrune.")
    reached = CommitmentMilestone.objects.create(
        commitment=world.commitment,
        title="Expediente técnico aprobado",
        planned_on=TODAY - timedelta(days=20),
        reached_on=TODAY - timedelta(days=25),
    )
    late = CommitmentMilestone.objects.create(
        commitment=world.commitment, title="Obra iniciada", planned_on=TODAY - timedelta(days=5)
    )
    CommitmentMilestone.objects.create(
        commitment=world.commitment, title="Obra entregada", planned_on=TODAY + timedelta(days=60)
    )
    page = soup(Client().get(world.commitment.get_absolute_url()))
    entries = [text(li) for li in page.select("ol.timeline > li")]
    assert entries[1].startswith("21 de mayo de 2026 — Hito alcanzado: Expediente técnico aprobado")
    assert "Hito previsto, aún no alcanzado (atrasado): Obra iniciada" in entries[2]
    assert "Hito previsto: Obra entregada" in entries[3]

    client = Client()
    client.force_login(world.reporter)
    form = soup(client.get(f"{world.commitment.get_absolute_url()}informar/"))
    choices = [text(label) for label in form.select("#id_milestones label")]
    assert choices == [
        "Obra iniciada (previsto para el 10 de junio de 2026)",
        "Obra entregada (previsto para el 14 de agosto de 2026)",
    ]
    response = client.post(
        f"{world.commitment.get_absolute_url()}informar/",
        {"status": "in_progress", "progress": "30", "milestones": [late.pk], "note": ""},
    )
    assert response.status_code == 302
    late.refresh_from_db()
    reached.refresh_from_db()
    assert late.reached_on == TODAY
    page = soup(Client().get(world.commitment.get_absolute_url()))
    entries = [text(li) for li in page.select("ol.timeline > li")]
    assert "Hito alcanzado: Obra iniciada" in entries[2]
    assert "En curso" in entries[3]


def test_a_milestone_cannot_be_reached_in_the_future():
    milestone = CommitmentMilestone(
        commitment=CommitmentFactory(),
        title="Obra entregada",
        planned_on=timezone.localdate(),
        reached_on=timezone.localdate() + timedelta(days=3),
    )
    with pytest.raises(ValidationError, match="no puede alcanzarse en una fecha futura"):
        milestone.full_clean()
