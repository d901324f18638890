"""Nothing members-only, no draft, no comment, no online link and no person's e-mail or
name ever comes out of the API, whoever asks (anonymous, a member, a facilitator): the API
answers everyone as an anonymous visitor."""

import datetime as dt
import json
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from col_portal.api import ClientAddressThrottle
from tests.col_portal.api_helpers import ENDPOINTS, seed_community
from tests.col_portal.register_helpers import REGISTER_SECRETS, seed_register
from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    MemberFactory,
    WorkshopFactory,
)
from tests.resources.library_helpers import make_resource
from themes.models import Comment, Visibility
from workshops.models import AgendaItem, Commitment, WorkshopStatus

pytestmark = pytest.mark.django_db

SECRETS = [
    "ZAFIRO",  # a members-only lesson
    "GRANITO",  # a draft lesson
    "BASALTO",  # unpublished changes of a public lesson
    "PIZARRA",  # an archived lesson
    "TURMALINA",  # a member's comment
    "CUARZO",  # a members-only workshop
    "OBSIDIANA",  # a commitment of the members-only workshop
    "ONIX",  # a draft workshop
    "AMATISTA",  # the online link of a public workshop
    "ESPINELA",  # a speaker's name on the agenda
    "JASPE",  # a members-only resource
    "AGATA",  # an unpublished resource
    "PERLA",  # the author's name
    "GRAFITO",  # a facilitator's name
    "perla.autora@example.org",
    "grafito.facilitador@example.org",
    # The register: notes hidden by a facilitator, a members-only and an unpublished
    # agreement space and their commitments.
    *REGISTER_SECRETS.values(),
]


def seed_secrets(community):
    author = MemberFactory(
        full_name="Rosa PERLA", email="perla.autora@example.org", institution=community.ngo
    )
    facilitator = FacilitatorFactory(
        full_name="Fausto GRAFITO", email="grafito.facilitador@example.org"
    )
    public = ContributionFactory(
        title="Lección pública sobre canon", slug="leccion-publica", author=author
    )
    public.title = "Lección cambiada BASALTO"
    public.save_revision(user=author, clean=False)
    ContributionFactory(
        title="Lección ZAFIRO reservada",
        slug="leccion-reservada",
        summary="Solo miembros ZAFIRO",
        visibility=Visibility.MEMBERS,
        primary_theme=community.water,
    )
    ContributionFactory(title="Borrador GRANITO", slug="borrador-granito", published=False)
    ContributionFactory(title="Archivada PIZARRA", slug="archivada", is_archived=True)
    Comment.objects.create(contribution=public, author=author, body="comentario TURMALINA")

    members_only = WorkshopFactory(
        title="Taller CUARZO reservado",
        slug="taller-reservado",
        visibility=Visibility.MEMBERS,
    )
    Commitment.objects.create(
        workshop=members_only,
        description="Compromiso OBSIDIANA",
        responsible_institution=community.ngo,
        due_date=dt.date(2026, 3, 1),
    )
    WorkshopFactory(title="Taller ONIX en preparación", status=WorkshopStatus.DRAFT)
    linked = WorkshopFactory(
        title="Taller virtual abierto",
        slug="taller-virtual",
        modality="virtual",
        online_url="https://reunion.example.org/AMATISTA",
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=2),
    )
    linked.facilitators.add(facilitator)
    linked.save()
    AgendaItem.objects.create(
        workshop=linked, time=dt.time(9), title="Apertura", speaker="ESPINELA"
    )
    make_resource(
        "Estudio JASPE reservado", visibility=Visibility.MEMBERS, themes=[community.water]
    )
    make_resource("Borrador AGATA", publish=False)
    # The register's reports are made by the author (whose name must not come out).
    seed_register(responsible=community.ngo, confirming=community.company, reporter=author)
    return facilitator


def crawl(client) -> dict[str, bytes]:
    """Every list (every page, with filters) and every object they name, as JSON; the
    root and lists as the browsable API too; the schema and the documentation."""
    answers: dict[str, bytes] = {}
    queue = ["/api/", "/api/schema/?format=json", "/api/docs/"]
    for name in ENDPOINTS:
        queue += [
            f"/api/{name}/",
            f"/api/{name}/?page_size=1",
        ]
    queue += [
        "/api/lessons/?theme=agua&page_size=100",
        "/api/lessons/?q=zafiro",
        "/api/lessons/?q=granito",
        "/api/lessons/?q=basalto",
        "/api/lessons/?q=pizarra",
        "/api/lessons/?sector=civil_society",
        "/api/workshops/?q=cuarzo",
        "/api/workshops/?modality=virtual",
        "/api/workshops/?status=open&ordering=-starts",
        "/api/commitments/?q=obsidiana",
        "/api/commitments/?sector=civil_society",
        "/api/resources/?q=jaspe",
        "/api/resources/?theme=agua",
        "/api/lessons/leccion-reservada/",
        "/api/lessons/borrador-granito/",
        "/api/lessons/archivada/",
        "/api/workshops/taller-reservado/",
        "/api/commitments/?workshop=taller-reservado",
        "/api/commitments/?q=reservado",
        "/api/commitments/?source=agreement_space&page_size=100",
        "/api/commitments/?district=pacocha",
        "/api/commitment-reports/?page_size=100",
        "/api/commitment-verdicts/?verdict=contest",
        "/api/agreement-spaces/?q=mesa",
    ]
    seen: set[str] = set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        accept = "text/html" if url.startswith("/api/docs/") else "application/json"
        response = client.get(url, HTTP_ACCEPT=accept)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        answers[url] = response.content
        if url.startswith("/api/docs/"):
            continue
        data = json.loads(response.content) if response.status_code == 200 else {}
        links = []
        if isinstance(data.get("results"), list):
            for item in data["results"]:
                links += [
                    item.get(key)
                    for key in (
                        "api_url",
                        "commitments_url",
                        "reports_url",
                        "verdicts_url",
                        "districts_url",
                    )
                ]
            links.append(data.get("next"))
        for link in links:
            if link:
                parts = urlsplit(link)
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    for name in ("", *(f"{endpoint}/" for endpoint in ENDPOINTS)):
        url = f"/api/{name}"
        answers[f"{url} (html)"] = client.get(url, HTTP_ACCEPT="text/html").content
    return answers


def test_no_api_answer_tells_anything_not_public_whoever_asks(community_with_secrets):
    facilitator = community_with_secrets
    member_client = Client()
    member_client.force_login(MemberFactory())
    facilitator_client = Client()
    facilitator_client.force_login(facilitator)
    crawled = {}
    for who, client in (
        ("anonymous", Client()),
        ("member", member_client),
        ("facilitator", facilitator_client),
    ):
        answers = crawl(client)
        assert len(answers) > 40, who
        for url, content in answers.items():
            text = content.decode()
            for secret in SECRETS:
                assert secret.lower() not in text.lower(), (who, url, secret)
        crawled[who] = answers
    # And the public content is there, the same for everyone.
    lessons = crawled["anonymous"]["/api/lessons/"].decode()
    assert "Lección pública sobre canon" in lessons
    assert "Taller virtual abierto" in crawled["anonymous"]["/api/workshops/"].decode()
    reports = crawled["anonymous"]["/api/commitment-reports/?page_size=100"].decode()
    assert "La planta funciona desde noviembre." in reports
    assert '"note_hidden":true' in reports.replace(" ", "")
    for url, content in crawled["anonymous"].items():
        if url.endswith("(html)") or url.startswith(("/api/docs/", "/api/schema/")):
            continue
        assert crawled["member"][url] == content, url
        assert crawled["facilitator"][url] == content, url


@pytest.fixture(autouse=True)
def _no_rate_limit(monkeypatch):
    # Hundreds of requests from one address: the limit is tested in test_api.py.
    monkeypatch.setattr(ClientAddressThrottle, "THROTTLE_RATES", {"api": "100000/minute"})


@pytest.fixture
def community_with_secrets(db):
    community = seed_community()
    return seed_secrets(community)
