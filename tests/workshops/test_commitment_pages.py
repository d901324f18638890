"""The commitments register on the portal (Spanish and English), a commitment's page with
its timeline and verifications, "My space" for the responsible institutions and the other
sectors, and the facilitators' queue in the admin."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from members.models import District
from tests.factories import (
    AgreementSpaceFactory,
    CommitmentFactory,
    FacilitatorFactory,
    InstitutionFactory,
    ThemeFactory,
    WorkshopFactory,
)
from tests.workshops.commitment_helpers import make_world, pdf_upload, png_upload
from tests.workshops.views_helpers import soup
from themes.models import Visibility
from workshops import services
from workshops.models import (
    AgendaItem,
    AgreementSpace,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    WorkshopStatus,
)

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [h.get_text(" ", strip=True) for h in soup(response).select(".commitment-row h3")]


def test_the_register_lists_only_what_visitors_may_see_in_both_languages():
    CommitmentFactory(description="Publicar el padrón de regantes.")
    CommitmentFactory(
        description="Compromiso reservado.",
        workshop=WorkshopFactory(status=WorkshopStatus.HELD, visibility=Visibility.MEMBERS),
    )
    CommitmentFactory(
        description="Compromiso en borrador.",
        workshop=WorkshopFactory(status=WorkshopStatus.DRAFT),
    )
    response = Client().get("/compromisos/")
    assert titles(response) == ["Publicar el padrón de regantes."]
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Registro de compromisos"
    english = Client().get("/en/compromisos/")
    assert soup(english).find("h1").get_text(strip=True) == "Commitments register"
    assert titles(english) == ["Publicar el padrón de regantes."]


def test_the_register_filters_by_status_sector_district_source_overdue_and_verification():
    world = make_world(description="Construir la planta de tratamiento de Ilo.")
    ilo = District.objects.get(name="Ilo")
    world.commitment.districts.add(ilo)
    theme = ThemeFactory(slug="agua", name_es="Agua", name_en="Water")
    world.commitment.themes.add(theme)
    space = AgreementSpaceFactory()
    late = CommitmentFactory(
        description="Instalar la mesa técnica.",
        workshop=None,
        source=CommitmentSource.AGREEMENT_SPACE,
        agreement_space=space,
        responsible_institution=InstitutionFactory(sector="gov_national"),
        due_date=timezone.localdate() - timedelta(days=3),
    )
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=50
    )
    services.commitment_contest(update=update, user=world.civil, note="No hay avance.")
    client = Client()
    assert titles(client.get("/compromisos/?status=in_progress")) == [
        "Construir la planta de tratamiento de Ilo."
    ]
    assert titles(client.get(f"/compromisos/?district={ilo.slug}")) == [
        "Construir la planta de tratamiento de Ilo."
    ]
    assert titles(client.get("/compromisos/?theme=agua")) == [
        "Construir la planta de tratamiento de Ilo."
    ]
    assert titles(client.get("/compromisos/?sector=private_mining")) == [
        "Construir la planta de tratamiento de Ilo."
    ]
    assert titles(client.get("/compromisos/?source=agreement_space")) == [late.description]
    assert titles(client.get("/compromisos/?overdue=on")) == [late.description]
    assert titles(client.get("/compromisos/?checked=contested")) == [
        "Construir la planta de tratamiento de Ilo."
    ]
    assert titles(client.get("/compromisos/?checked=confirmed")) == []
    assert titles(client.get(f"/compromisos/?institution={world.company.pk}")) == [
        "Construir la planta de tratamiento de Ilo."
    ]
    assert titles(client.get("/compromisos/?q=planta")) == [
        "Construir la planta de tratamiento de Ilo."
    ]


def test_the_register_query_count_does_not_grow(django_assert_max_num_queries, without_page_cache):
    districts = list(District.objects.all()[:3])
    theme = ThemeFactory()

    def make(count):
        for _ in range(count):
            commitment = CommitmentFactory()
            commitment.districts.add(*districts)
            commitment.themes.add(theme)

    make(2)
    client = Client()
    with django_assert_max_num_queries(100) as captured:
        assert len(titles(client.get("/compromisos/?status=pending"))) == 2
    few = len(captured.captured_queries)
    make(20)
    with django_assert_max_num_queries(few):
        assert len(titles(client.get("/compromisos/?status=pending"))) == 12


def test_a_commitments_page_shows_its_timeline_verifications_and_cui_link(
    django_assert_max_num_queries, without_page_cache
):
    world = make_world(description="Entregar la obra de agua potable de Pacocha.")
    update = services.commitment_report(
        commitment=world.commitment,
        user=world.reporter,
        status="fulfilled",
        note="Obra entregada el lunes.",
        cui="2345678",
        document_upload=pdf_upload(),
    )
    services.commitment_confirm(update=update, user=world.civil, note="Lo verificamos.")
    services.commitment_contest(update=update, user=world.academic, note="Falta el agua.")
    with django_assert_max_num_queries(14):
        response = Client().get(world.commitment.get_absolute_url())
    page = soup(response)
    text = page.get_text(" ", strip=True)
    assert "Entregar la obra de agua potable de Pacocha." in page.find("h1").get_text()
    assert "Obra entregada el lunes." in text
    cui = page.find("a", string=lambda s: s and "CUI 2345678" in s)
    assert cui["href"] == "https://ofi5.mef.gob.pe/ssi/Ssi/Index?codigo=2345678&tipo=2"
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in page.select("table.verification tbody tr")
    ]
    assert rows == [
        ["Organizaciones de la sociedad civil", "Frente de Defensa del Agua", "—"],
        ["Academia y colegios profesionales", "—", "Universidad Nacional de Moquegua"],
    ] or [r[1:] for r in rows] == [
        ["Frente de Defensa del Agua", "—"],
        ["—", "Universidad Nacional de Moquegua"],
    ]
    entries = page.select("ol.timeline > li")
    assert "Acordado" in entries[0].get_text() or "Agreed" in entries[0].get_text()
    assert "Ana Rojas" in entries[1].get_text()
    # A second report and more verdicts: the same number of queries.
    second = services.commitment_report(
        commitment=world.commitment,
        user=world.reporter,
        status="fulfilled",
        note="Agregamos el acta de entrega.",
        url="https://www.gob.pe/acta",
    )
    services.commitment_confirm(update=second, user=world.civil)
    with django_assert_max_num_queries(14):
        assert Client().get(world.commitment.get_absolute_url()).status_code == 200


def test_a_members_only_commitment_is_a_404_for_visitors_and_its_photo_too():
    world = make_world(
        workshop=WorkshopFactory(status=WorkshopStatus.HELD, visibility=Visibility.MEMBERS)
    )
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", photo=png_upload()
    )
    url = world.commitment.get_absolute_url()
    photo = f"/compromisos/informes/{update.pk}/foto/"
    assert Client().get(url).status_code == 404
    assert Client().get(photo).status_code == 404
    assert client_for(world.civil).get(url).status_code == 200
    response = client_for(world.civil).get(photo)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_my_space_lists_my_institutions_commitments_and_reports_to_check():
    world = make_world(description="Asfaltar el acceso a Toquepala.")
    response = client_for(world.reporter).get("/mis-compromisos/")
    page = soup(response)
    assert (
        "Asfaltar el acceso a Toquepala."
        in page.select_one("#open-title").find_parent("section").get_text()
    )
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=20
    )
    other = soup(client_for(world.civil).get("/mis-compromisos/"))
    section = other.select_one("#judge-title").find_parent("section")
    assert "Asfaltar el acceso a Toquepala." in section.get_text()
    assert section.find("a", href=f"/compromisos/informes/{update.pk}/verificar/")
    # The reporter's own sector is not asked.
    same_sector = soup(client_for(world.other_company_member).get("/mis-compromisos/"))
    assert (
        "Asfaltar" not in same_sector.select_one("#judge-title").find_parent("section").get_text()
    )


def test_reporting_through_the_form_and_its_errors():
    world = make_world()
    url = f"/compromisos/{world.commitment.pk}/informar/"
    client = client_for(world.reporter)
    refused = client.post(url, {"status": "in_progress", "progress": "30", "cui": "12ab"})
    assert refused.status_code == 200
    assert "7 dígitos" in soup(refused).get_text()
    assert not CommitmentUpdate.objects.exists()
    response = client.post(
        url,
        {
            "status": "fulfilled",
            "progress": "100",
            "note": "Obra concluida.",
            "cui": "2345678",
            "document": pdf_upload(),
        },
    )
    assert response.status_code == 302
    world.commitment.refresh_from_db()
    assert world.commitment.status == CommitmentStatus.FULFILLED
    assert client_for(world.civil).get(url).status_code == 403


def test_confirming_and_contesting_through_the_form():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=30
    )
    url = f"/compromisos/informes/{update.pk}/verificar/"
    assert client_for(world.colleague).get(url).status_code == 403
    response = client_for(world.civil).post(url, {"verdict": "confirm", "note": ""})
    assert response.status_code == 302
    refused = client_for(world.academic).post(url, {"verdict": "contest", "note": ""})
    assert refused.status_code == 200
    assert CommitmentVerdict.objects.count() == 1
    client_for(world.academic).post(url, {"verdict": "contest", "note": "No hay obra."})
    assert CommitmentVerdict.objects.count() == 2
    world.commitment.refresh_from_db()
    assert world.commitment.needs_review


def test_the_facilitators_queue_agenda_and_hidden_note(client):
    world = make_world(description="Reforestar la cabecera de cuenca.")
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="fulfilled"
    )
    verdict = services.commitment_contest(update=update, user=world.civil, note="Mentira total.")
    facilitator = FacilitatorFactory()
    client.force_login(facilitator)
    queue = client.get("/admin/workshop-commitments/?contested=yes")
    assert "Reforestar la cabecera de cuenca." in queue.content.decode()
    coming = WorkshopFactory(title="Taller de seguimiento de compromisos")
    response = client.post(
        f"/admin/workshop-commitments/to-agenda/{world.commitment.pk}/",
        {"workshop": coming.pk, "time": "10:30"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert AgendaItem.objects.get(commitment=world.commitment).workshop == coming
    queue = client.get("/admin/workshop-commitments/?contested=yes")
    assert "Reforestar la cabecera de cuenca." not in queue.content.decode()
    response = client.post(
        f"/admin/workshop-commitments/hide-note/{world.commitment.pk}/",
        {"entry": f"verdict:{verdict.pk}", "reason": "Acusación sin sustento"},
    )
    assert response.status_code == 302, response.context["form"].errors
    page = Client().get(world.commitment.get_absolute_url()).content.decode()
    assert "Mentira total." not in page
    assert ModelLogEntry.objects.filter(action="workshops.commitment_note_hidden").exists()


def test_facilitators_record_an_agreement_space_and_its_commitment_in_the_admin(client):
    facilitator = FacilitatorFactory()
    client.force_login(facilitator)
    convener = InstitutionFactory(name="Presidencia del Consejo de Ministros")
    response = client.post(
        "/admin/agreement-spaces/new/",
        {
            "name": "Mesa Técnica para el Desarrollo Integral de Moquegua",
            "slug": "mesa-tecnica-moquegua",
            "kind": "technical_table",
            "convener": convener.pk,
            "description": "",
            "started_on": "2025-03-10",
            "ended_on": "",
            "place": "Moquegua",
            "visibility": "public",
            "published": "on",
        },
    )
    assert response.status_code == 302
    space = AgreementSpace.objects.get()
    data = {
        "source": "agreement_space",
        "agreement_space": space.pk,
        "description": "Financiar el estudio de la represa.",
        "responsible_institution": convener.pk,
        "agreed_on": "",
        "due_date": "2025-01-01",
        "status": "pending",
        "progress": "0",
        "completed_on": "",
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-title": "Estudio de perfil aprobado",
        "milestones-0-planned_on": "2025-09-01",
        "milestones-0-reached_on": "",
        "milestones-0-ORDER": "1",
        "milestones-0-DELETE": "",
        "milestones-0-id": "",
    }
    response = client.post("/admin/workshop-commitments/new/", data)
    assert response.status_code == 200
    assert "no puede ser anterior al acuerdo" in response.content.decode()
    assert not space.commitments.exists()
    response = client.post("/admin/workshop-commitments/new/", {**data, "due_date": "2026-01-01"})
    assert response.status_code == 302
    commitment = space.commitments.get()
    assert commitment.agreement_date.isoformat() == "2025-03-10"
    milestone = commitment.milestones.get()
    assert (milestone.title, milestone.planned_on.isoformat()) == (
        "Estudio de perfil aprobado",
        "2025-09-01",
    )
    assert Client().get(commitment.get_absolute_url()).status_code == 200
