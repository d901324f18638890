"""The commitments register and the places in the API: agreement spaces, commitments with
their source, districts and overdue flag, their reports and the verdicts of other sectors
(never a hidden note), the provinces and districts with their ubigeo codes; each filter,
and bad values answered with a 400 naming the parameter."""

import datetime as dt

import pytest

from tests.col_portal.api_helpers import body, seed_community, titles
from tests.col_portal.register_helpers import CUI, REGISTER_SECRETS, SPACE_SLUG, seed_register

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def register(db, time_machine):
    # 1 March 2026: the pledge (due 30 June 2025, pending) is overdue; the workshop's
    # pending commitment (due 15 January 2026) too; the fulfilled ones are not.
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC), tick=False)
    community = seed_community()
    return community, seed_register(responsible=community.company, confirming=community.ngo)


def get(client, url):
    response = client.get(url, **JSON)
    assert response.status_code == 200, (url, response.content[:300])
    return body(response)


def test_a_commitment_from_an_agreement_space_with_its_places_and_history(client, register):
    _community, reg = register
    data = get(client, f"/api/commitments/{reg.commitment.pk}/")
    assert data["description"] == "Construir la planta de tratamiento de agua de Pacocha"
    assert data["source"] == "agreement_space"
    assert data["workshop"] is None
    assert data["agreement_space"]["slug"] == SPACE_SLUG
    assert (
        data["agreement_space"]["api_url"]
        == f"http://testserver/api/agreement-spaces/{SPACE_SLUG}/"
    )
    assert data["responsible_institution"]["name"] == "Minera del Sur"
    assert [i["name"] for i in data["supporting_institutions"]] == ["Asociación Civil Labor"]
    assert [d["ubigeo"] for d in data["districts"]] == ["180301", "180303"]
    assert (data["agreed_on"], data["due_date"]) == ("2025-03-10", "2025-12-31")
    assert (data["status"], data["progress"], data["overdue"]) == ("fulfilled", 100, False)
    assert data["milestones"] == [
        {
            "title": "Expediente técnico aprobado",
            "planned_on": "2025-05-01",
            "reached_on": "2025-04-28",
            "late": False,
        },
        {
            "title": "Planta en funcionamiento",
            "planned_on": "2025-11-30",
            "reached_on": None,
            "late": True,
        },
    ]
    assert data["url"] == f"http://testserver/compromisos/{reg.commitment.pk}/"

    history = get(client, data["reports_url"])
    assert [(r["previous_status"], r["status"], r["progress"]) for r in history["results"]] == [
        ("pending", "in_progress", 60),
        ("in_progress", "fulfilled", 100),
    ]
    hidden, report = history["results"]
    assert (hidden["note"], hidden["note_hidden"]) == ("", True)
    assert report["note"] == "La planta funciona desde noviembre."
    assert report["institution"]["name"] == "Minera del Sur"
    assert report["cui"] == CUI
    assert report["cui_url"].endswith(f"codigo={CUI}&tipo=2")
    assert report["evidence_url"] == "https://www.ilo.gob.pe/obras/planta-pacocha"
    assert report["document"]["title"] == "acta-mesa-tecnica-ilo.pdf"
    assert client.get(report["document"]["url"]).status_code == 200
    assert report["created_at"] == "2025-11-20T10:00:00-05:00"

    verdicts = get(client, report["verdicts_url"])
    assert [
        (v["verdict"], v["institution"]["sector"], v["note"], v["note_hidden"])
        for v in verdicts["results"]
    ] == [
        ("confirm", "civil_society", "Visitamos la planta en funcionamiento.", False),
        ("contest", "academia", "", True),
    ]
    assert verdicts["results"][0]["report"] == report["api_url"]


def test_an_agreement_space_with_its_minutes_and_commitments(client, register):
    _community, reg = register
    data = get(client, f"/api/agreement-spaces/{SPACE_SLUG}/")
    assert (data["name"], data["kind"], data["started_on"]) == (
        "Mesa técnica de Ilo",
        "technical_table",
        "2025-03-10",
    )
    assert data["convener"]["name"] == "Asociación Civil Labor"
    assert [m["title"] for m in data["minutes"]] == ["acta-mesa-tecnica-ilo.pdf"]
    commitments = get(client, data["commitments_url"])
    assert [c["id"] for c in commitments["results"]] == [reg.commitment.pk]
    listed = get(client, "/api/agreement-spaces/")
    assert [space["slug"] for space in listed["results"]] == [SPACE_SLUG]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("source=pledge", {"Publicar cada trimestre el avance de las obras por impuestos"}),
        ("source=workshop&status=pending", {"Instalar la mesa de seguimiento"}),
        (
            f"agreement_space={SPACE_SLUG}",
            {"Construir la planta de tratamiento de agua de Pacocha"},
        ),
        ("district=pacocha", {"Construir la planta de tratamiento de agua de Pacocha"}),
        ("province=ilo", {"Construir la planta de tratamiento de agua de Pacocha"}),
        (
            "province=mariscal-nieto",
            {"Publicar cada trimestre el avance de las obras por impuestos"},
        ),
        (
            "overdue=true",
            {
                "Publicar cada trimestre el avance de las obras por impuestos",
                "Instalar la mesa de seguimiento",
            },
        ),
        (
            "overdue=false&sector=private_mining",
            {
                "Construir la planta de tratamiento de agua de Pacocha",
                "Publicar el presupuesto trimestral",
            },
        ),
        ("changed_after=2025-11-01", {"Construir la planta de tratamiento de agua de Pacocha"}),
        ("changed_before=2025-11-19", set()),
    ],
)
def test_commitment_filters(client, register, query, expected):
    response = client.get(f"/api/commitments/?{query}&page_size=100", **JSON)
    assert response.status_code == 200, response.content
    assert titles(response) == expected


def test_commitment_filters_by_institution_id(client, register):
    community, reg = register
    data = get(client, f"/api/commitments/?institution={community.ngo.pk}&source=pledge")
    assert [c["id"] for c in data["results"]] == [reg.pledge.pk]


def test_report_and_verdict_filters(client, register):
    _community, reg = register
    reports = get(
        client, f"/api/commitment-reports/?commitment={reg.commitment.pk}&status=fulfilled"
    )
    assert [r["id"] for r in reports["results"]] == [reg.report.pk]
    reports = get(client, "/api/commitment-reports/?date_before=2025-11-10&sector=private_mining")
    assert [r["id"] for r in reports["results"]] == [reg.hidden_report.pk]
    contested = get(client, "/api/commitment-verdicts/?verdict=contest")
    assert [v["id"] for v in contested["results"]] == [reg.contest.pk]
    by_sector = get(client, "/api/commitment-verdicts/?sector=civil_society&date_after=2025-11-21")
    assert [v["id"] for v in by_sector["results"]] == [reg.confirmation.pk]
    by_institution = get(
        client, f"/api/commitment-verdicts/?institution={reg.contesting_institution.pk}"
    )
    assert [v["id"] for v in by_institution["results"]] == [reg.contest.pk]


def test_provinces_and_districts_by_their_ubigeo_codes(client, db):
    provinces = get(client, "/api/provinces/")
    assert [(p["ubigeo"], p["name"]) for p in provinces["results"]] == [
        ("1801", "Mariscal Nieto"),
        ("1802", "General Sánchez Cerro"),
        ("1803", "Ilo"),
    ]
    ilo = get(client, "/api/provinces/1803/")
    assert ilo["url"] == "http://testserver/territorio/ilo/"
    districts = get(client, ilo["districts_url"])
    assert [d["name"] for d in districts["results"]] == ["Ilo", "El Algarrobal", "Pacocha"]
    assert get(client, "/api/districts/?page_size=100")["count"] == 21
    san_antonio = get(client, "/api/districts/180107/")
    assert (san_antonio["name"], san_antonio["province_ubigeo"]) == ("San Antonio", "1801")
    assert "31216" in san_antonio["created_by"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/commitments/?overdue=maybe", "overdue"),
        ("/api/commitments/?district=no-such-district", "district"),
        ("/api/commitments/?source=promise", "source"),
        ("/api/commitments/?changed_after=2025-13-01", "changed_after"),
        (
            f"/api/commitments/?agreement_space=mesa-{REGISTER_SECRETS['members_space']}",
            "agreement_space",
        ),
        ("/api/commitment-reports/?commitment=abc", "commitment"),
        ("/api/commitment-verdicts/?verdict=maybe", "verdict"),
        ("/api/agreement-spaces/?kind=party", "kind"),
        ("/api/districts/?province=lima", "province"),
    ],
)
def test_bad_values_are_a_400_naming_the_parameter(client, register, url, parameter):
    response = client.get(url, **JSON)
    assert response.status_code == 400
    assert parameter in body(response)


@pytest.mark.parametrize(
    "url",
    ["/api/provinces/9999/", "/api/districts/180199/", "/api/agreement-spaces/no-existe/"],
)
def test_unknown_places_and_spaces_are_a_404(client, register, url):
    response = client.get(url, **JSON)
    assert response.status_code == 404
    assert body(response) == {"detail": "No encontrado."}


def test_members_only_and_unpublished_spaces_and_their_commitments_are_not_found(client, register):
    from workshops.models import AgreementSpace, Commitment

    for space in AgreementSpace.objects.exclude(slug=SPACE_SLUG):
        assert client.get(f"/api/agreement-spaces/{space.slug}/", **JSON).status_code == 404
    hidden = Commitment.objects.filter(agreement_space__isnull=False).exclude(
        agreement_space__slug=SPACE_SLUG
    )
    assert hidden.count() == 2
    reported = {r["commitment"] for r in get(client, "/api/commitment-reports/")["results"]}
    for commitment in hidden:
        assert client.get(f"/api/commitments/{commitment.pk}/", **JSON).status_code == 404
        assert f"http://testserver/api/commitments/{commitment.pk}/" not in reported
