"""Commitments: reports with evidence, the append-only history, confirmations and contests
by other sectors, the facilitators' queue and moderation."""

from datetime import time, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import ModelLogEntry

from members.models import Notification
from tests.factories import (
    AgreementSpaceFactory,
    CommitmentFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MemberFactory,
    WorkshopFactory,
)
from tests.workshops.commitment_helpers import make_world, pdf_upload, png_upload
from themes.models import Visibility
from workshops import selectors, services
from workshops.models import (
    AgendaItem,
    Commitment,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    WorkshopStatus,
)

pytestmark = pytest.mark.django_db


def test_a_member_of_the_lead_institution_reports_fulfilled_with_evidence():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment,
        user=world.reporter,
        status=CommitmentStatus.FULFILLED,
        note="La obra fue entregada.",
        cui="2345678",
        url="https://www.gob.pe/ilo/obra",
        photo=png_upload(),
        document_upload=pdf_upload(),
    )
    world.commitment.refresh_from_db()
    assert world.commitment.status == CommitmentStatus.FULFILLED
    assert world.commitment.progress == 100
    assert world.commitment.completed_on == timezone.localdate()
    assert update.institution == world.company
    assert update.previous_status == CommitmentStatus.PENDING
    assert update.cui_url == "https://ofi5.mef.gob.pe/ssi/Ssi/Index?codigo=2345678&tipo=2"
    assert update.document.title.startswith("Evidencia")
    assert update.photo.name.endswith(".png")
    entry = ModelLogEntry.objects.get(action="workshops.commitment_report")
    assert entry.user == world.reporter


def test_members_of_a_supporting_institution_report_too():
    world = make_world()
    services.commitment_report(
        commitment=world.commitment,
        user=world.supporter,
        status=CommitmentStatus.IN_PROGRESS,
        progress=40,
    )
    world.commitment.refresh_from_db()
    assert (world.commitment.status, world.commitment.progress) == ("in_progress", 40)


@pytest.mark.parametrize("who", ["civil", "other_company_member"])
def test_nobody_else_reports(who):
    world = make_world()
    with pytest.raises(PermissionDenied):
        services.commitment_report(
            commitment=world.commitment, user=getattr(world, who), status="in_progress"
        )
    assert not CommitmentUpdate.objects.exists()


@pytest.mark.parametrize(
    ("evidence", "field", "message"),
    [
        ({"cui": "12345"}, "cui", "exactamente 7 dígitos"),
        ({"cui": "12345678"}, "cui", "exactamente 7 dígitos"),
        ({"cui": "abcdefg"}, "cui", "exactamente 7 dígitos"),
        ({"url": "ftp://example.org/x"}, "url", "http:// o https://"),
        ({"url": "javascript:alert(1)"}, "url", "http:// o https://"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_stored(evidence, field, message):
    world = make_world()
    with pytest.raises(ValidationError) as error:
        services.commitment_report(
            commitment=world.commitment, user=world.reporter, status="in_progress", **evidence
        )
    assert message in " ".join(error.value.message_dict[field])
    world.commitment.refresh_from_db()
    assert world.commitment.status == CommitmentStatus.PENDING
    assert not CommitmentUpdate.objects.exists()


def test_a_fake_image_is_refused():
    world = make_world()
    program = SimpleUploadedFile("foto.png", b"MZ\x90\x00" + b"\x00" * 64)
    with pytest.raises(ValidationError):
        services.commitment_report(
            commitment=world.commitment, user=world.reporter, status="in_progress", photo=program
        )
    assert not CommitmentUpdate.objects.exists()


def test_reopening_a_fulfilled_commitment_needs_a_note():
    world = make_world()
    services.commitment_report(commitment=world.commitment, user=world.reporter, status="fulfilled")
    with pytest.raises(ValidationError) as error:
        services.commitment_report(
            commitment=world.commitment, user=world.reporter, status="pending", progress=100
        )
    assert "explique en una nota por qué cambia su estado" in error.value.message_dict["note"][0]
    assert CommitmentUpdate.objects.count() == 1
    services.commitment_report(
        commitment=world.commitment,
        user=world.reporter,
        status="pending",
        progress=100,
        note="La obra presentó fallas.",
    )
    world.commitment.refresh_from_db()
    assert world.commitment.status == CommitmentStatus.PENDING
    assert world.commitment.completed_on is None
    assert CommitmentUpdate.objects.count() == 2


def test_history_entries_cannot_be_rewritten():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=10
    )
    update.note = "otra cosa"
    with pytest.raises(ValueError, match="append-only"):
        update.save()
    with pytest.raises(ValueError, match="append-only"):
        update.save(update_fields=["note"])


def test_due_date_before_the_agreement_is_refused():
    space = AgreementSpaceFactory(started_on=timezone.localdate())
    commitment = Commitment(
        source=CommitmentSource.AGREEMENT_SPACE,
        agreement_space=space,
        description="Instalar la mesa técnica del agua.",
        responsible_institution=InstitutionFactory(),
        due_date=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(ValidationError) as error:
        commitment.full_clean()
    assert "no puede ser anterior al acuerdo" in error.value.message_dict["due_date"][0]


def test_another_sector_confirms_and_a_third_contests():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="fulfilled", cui="2345678"
    )
    facilitator = FacilitatorFactory()
    services.commitment_confirm(update=update, user=world.civil, note="Lo vimos en obra.")
    contest = services.commitment_contest(
        update=update, user=world.academic, note="La planta no funciona todavía."
    )
    world.commitment.refresh_from_db()
    assert world.commitment.needs_review
    assert list(selectors.contested_commitments()) == [world.commitment]
    assert contest.institution.name == "Universidad Nacional de Moquegua"
    subjects = set(
        Notification.objects.filter(recipient=facilitator).values_list("subject", flat=True)
    )
    assert any("contested" in s or "cuestionó" in s for s in subjects)
    assert Notification.objects.filter(recipient=world.reporter).count() == 2
    rows = selectors.verdicts_by_sector(selectors.commitment_timeline(world.commitment))
    assert [(r["sector"], len(r["confirmed"]), len(r["contested"])) for r in rows] == [
        ("civil_society", 1, 0),
        ("academia", 0, 1),
    ]


@pytest.mark.parametrize("who", ["colleague", "supporter", "other_company_member", "reporter"])
def test_the_reporting_sector_and_responsible_institutions_never_judge(who):
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=30
    )
    with pytest.raises(PermissionDenied):
        services.commitment_confirm(update=update, user=getattr(world, who))
    assert not CommitmentVerdict.objects.exists()


def test_one_verdict_per_institution_per_report():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=30
    )
    services.commitment_confirm(update=update, user=world.civil)
    same_institution = MemberFactory(institution=world.civil.institution)
    with pytest.raises(ValidationError, match="ya confirmó o cuestionó este informe"):
        services.commitment_contest(update=update, user=same_institution, note="No es cierto.")
    assert CommitmentVerdict.objects.count() == 1


def test_a_contest_needs_a_note():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=30
    )
    with pytest.raises(ValidationError):
        services.commitment_contest(update=update, user=world.civil, note="  ")
    assert not CommitmentVerdict.objects.exists()


def test_the_facilitator_puts_a_contested_commitment_on_a_workshop_agenda():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="fulfilled"
    )
    services.commitment_contest(update=update, user=world.civil, note="No se ve la obra.")
    coming = WorkshopFactory(title="Taller de seguimiento")
    facilitator = FacilitatorFactory()
    item = services.commitment_add_to_agenda(
        commitment=world.commitment, workshop=coming, time=time(10, 30), user=facilitator
    )
    assert item.workshop == coming
    assert item.title.startswith("Revisión de un compromiso cuestionado")
    assert AgendaItem.objects.filter(commitment=world.commitment).count() == 1
    assert not selectors.contested_commitments().exists()
    assert ModelLogEntry.objects.filter(action="workshops.commitment_to_agenda").exists()
    held = WorkshopFactory(status=WorkshopStatus.HELD)
    with pytest.raises(ValidationError):
        services.commitment_add_to_agenda(
            commitment=world.commitment, workshop=held, time=time(9), user=facilitator
        )
    with pytest.raises(PermissionDenied):
        services.commitment_add_to_agenda(
            commitment=world.commitment, workshop=coming, time=time(9), user=world.civil
        )


def test_the_facilitator_hides_an_abusive_note_with_a_reason_in_the_audit_log():
    world = make_world()
    update = services.commitment_report(
        commitment=world.commitment, user=world.reporter, status="in_progress", progress=30
    )
    verdict = services.commitment_contest(update=update, user=world.civil, note="Insulto.")
    facilitator = FacilitatorFactory()
    services.commitment_entry_hide(entry=verdict, user=facilitator, reason="Lenguaje ofensivo")
    verdict.refresh_from_db()
    assert verdict.hidden_at is not None
    assert verdict.note == "Insulto."  # kept, not rewritten
    entry = ModelLogEntry.objects.get(action="workshops.commitment_note_hidden")
    assert entry.data["reason"] == "Lenguaje ofensivo"
    with pytest.raises(PermissionDenied):
        services.commitment_entry_hide(entry=update, user=world.civil, reason="x")


def test_visibility_follows_the_source():
    public = CommitmentFactory()
    members_only = CommitmentFactory(
        workshop=WorkshopFactory(status=WorkshopStatus.HELD, visibility=Visibility.MEMBERS)
    )
    draft = CommitmentFactory(workshop=WorkshopFactory(status=WorkshopStatus.DRAFT))
    space = AgreementSpaceFactory()
    from_space = CommitmentFactory(
        workshop=None, source=CommitmentSource.AGREEMENT_SPACE, agreement_space=space
    )
    unpublished = CommitmentFactory(
        workshop=None,
        source=CommitmentSource.AGREEMENT_SPACE,
        agreement_space=AgreementSpaceFactory(published=False),
    )
    pledge = CommitmentFactory(workshop=None, source=CommitmentSource.PLEDGE)
    assert set(selectors.public_commitments()) == {public, from_space, pledge}
    assert set(selectors.commitments_visible_to(AnonymousUser())) == {public, from_space, pledge}
    assert set(selectors.commitments_visible_to(MemberFactory())) == {
        public,
        members_only,
        from_space,
        pledge,
    }
    assert draft not in selectors.commitments_visible_to(FacilitatorFactory())
    assert unpublished not in selectors.commitments_visible_to(FacilitatorFactory())
