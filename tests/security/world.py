"""One small but complete portal for the security tests: two institutions, a member of
each, a facilitator, an account with no role, and one of every kind of object the portal
serves (public, members-only, draft, pending, private), made through the factories and the
services the way the portal makes them.

`build_world()` writes it to the current database and returns a namespace; the test
modules build it once per module (see `module_world` in tests/security/conftest.py).
"""

from datetime import timedelta
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from members.models import District, Notification, Sector
from resources import services as resource_services
from resources.library_seed import tiny_pdf
from resources.models import PrivateDocument
from resources.pages import FoundationalDocumentPage, SectionComment, StandardPage
from tests.factories import (
    AgreementSpaceFactory,
    ContributionFactory,
    FacilitatorFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
    WorkshopFactory,
)
from themes import services as theme_services
from themes.models import (
    Contribution,
    ContributionAttachment,
    LessonApplication,
    Theme,
    Visibility,
)
from themes.prioritisation.models import (
    Ballot,
    Criterion,
    PrioritisationRound,
    RoundStatus,
    Score,
    Solution,
    SolutionStatus,
)
from workshops import services as workshop_services
from workshops.models import (
    CalendarFeed,
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Material,
    Verdict,
    WorkshopStatus,
)

PDF_BYTES = tiny_pdf(["Documento de prueba"])


def _document(title: str, name: str) -> PrivateDocument:
    document = PrivateDocument(title=title)
    document.file.save(name, ContentFile(PDF_BYTES), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _attach(contribution: Contribution, title: str) -> ContributionAttachment:
    attachment = ContributionAttachment(
        contribution=contribution, title=title, content_type="application/pdf", size=1
    )
    attachment.file.save(f"{contribution.slug}.pdf", ContentFile(PDF_BYTES), save=False)
    attachment.save()
    return attachment


def _publish(**fields) -> Contribution:
    contribution = ContributionFactory(published=False, **fields)
    contribution.save_revision(user=contribution.author, clean=False).publish()
    contribution.refresh_from_db()
    return contribution


def _resource(title, *, visibility=Visibility.PUBLIC, document=None, publish=True, user=None):
    fields = {
        "title": title,
        "kind": "study",
        "summary": f"Resumen de «{title}».",
        "language": "es",
        "visibility": visibility,
    }
    if user is not None:
        return resource_services.resource_propose(user=user, fields=fields, upload=None)
    return resource_services.resource_add(fields=fields, document=document, publish=publish)


def build_world() -> SimpleNamespace:
    call_command("seed_core_group", verbosity=0)
    w = SimpleNamespace()
    w.theme = Theme.objects.order_by("order").first()

    # ---- people
    w.institution_a = InstitutionFactory(name="Institución A de la matriz")
    # Of another sector than A: its members may confirm or contest A's reports.
    w.institution_b = InstitutionFactory(name="Institución B de la matriz", sector=Sector.ACADEMIA)
    w.member = MemberFactory(institution=w.institution_a, full_name="Ana Miembro")
    w.other = MemberFactory(institution=w.institution_b, full_name="Beto Otro")
    w.facilitator = FacilitatorFactory(full_name="Fabiola Facilitadora")
    w.outsider = UserFactory(full_name="Octavio Sin Rol")
    # Were members: one lost the role, the other's account was closed (logged in before).
    w.former = MemberFactory(institution=w.institution_a, full_name="Fermín Exmiembro")
    w.closed = MemberFactory(institution=w.institution_b, full_name="Clara Cuenta Cerrada")

    # ---- lessons and experiences
    common = {"author": w.member, "primary_theme": w.theme}
    w.public_lesson = _publish(title="Lección pública", slug="leccion-publica", **common)
    w.members_lesson = _publish(
        title="Lección reservada",
        slug="leccion-reservada",
        visibility=Visibility.MEMBERS,
        **common,
    )
    w.draft_lesson = ContributionFactory(
        title="Borrador de Ana", slug="borrador-de-ana", published=False, **common
    )
    w.pending_lesson = ContributionFactory(
        title="Lección de Ana en revisión", slug="en-revision-de-ana", published=False, **common
    )
    theme_services.contribution_submit(user=w.member, contribution=w.pending_lesson)
    w.public_attachment = _attach(w.public_lesson, "Anexo público")
    w.members_attachment = _attach(w.members_lesson, "Anexo reservado")
    w.draft_attachment = _attach(w.draft_lesson, "Anexo del borrador")
    w.comment = theme_services.comment_create(
        user=w.other, contribution=w.public_lesson, body="Un comentario de Beto."
    )
    w.members_comment = theme_services.comment_create(
        user=w.other, contribution=w.members_lesson, body="Comentario en la reservada."
    )
    # Applications of lessons: approved ones (of the public and the members-only lesson,
    # in Torata) and one of Beto's in review.
    torata = District.objects.get(slug="torata")
    w.torata_pk = torata.pk
    for lesson, text in (
        (w.public_lesson, "Aplicación pública de Beto"),
        (w.members_lesson, "Aplicación reservada de Beto"),
    ):
        application = LessonApplication(
            lesson=lesson,
            author=w.other,
            institution=w.institution_b,
            started_on=timezone.localdate() - timedelta(days=90),
            adapted=text,
            results=f"{text}: funcionó con ajustes.",
        )
        application.districts = [torata]
        application.save()
        application.save_revision(user=w.other, clean=False).publish()
    w.pending_application = theme_services.application_report(
        user=w.other,
        lesson=w.public_lesson,
        fields={
            "started_on": timezone.localdate() - timedelta(days=30),
            "adapted": "Aplicación de Beto en revisión",
            "results": "Todavía sin revisar.",
        },
        districts=[torata],
    )

    # ---- the library
    w.public_document = _document("Estudio público", "estudio-publico.pdf")
    w.private_document = _document("Informe reservado", "informe-reservado.pdf")
    # Uploaded in the admin and used nowhere yet: facilitators only.
    w.loose_document = _document("Borrador suelto", "borrador-suelto.pdf")
    w.public_resource = _resource("Estudio público de la matriz", document=w.public_document)
    w.members_resource = _resource(
        "Informe reservado de la matriz",
        visibility=Visibility.MEMBERS,
        document=w.private_document,
    )
    w.proposal = _resource("Propuesta de Ana", user=w.member)
    w.proposal_with_file = resource_services.resource_propose(
        user=w.member,
        fields={
            "title": "Informe propuesto por Ana",
            "kind": "report",
            "summary": "Un informe que Ana propone.",
            "language": "es",
            "visibility": Visibility.PUBLIC,
        },
        upload=SimpleUploadedFile("propuesta.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    w.proposal_document = w.proposal_with_file.document
    w.foundational = FoundationalDocumentPage.objects.get(locale__language_code="es")
    w.foundational_en = FoundationalDocumentPage.objects.get(locale__language_code="en")
    w.draft_page = StandardPage(title="Página sin publicar", slug="pagina-sin-publicar", live=False)
    w.foundational.get_parent().add_child(instance=w.draft_page)
    anchor = next(iter(w.foundational.section_anchors()))
    w.section_comment = SectionComment.objects.create(
        page=w.foundational, anchor=anchor, author=w.other, body="Comentario de sección."
    )
    SectionComment.objects.create(
        page=w.foundational_en,
        anchor=next(iter(w.foundational_en.section_anchors())),
        author=w.other,
        body="Comentario de sección (en inglés).",
    )

    # ---- workshops
    w.workshop = WorkshopFactory(title="Taller público", slug="taller-publico")
    w.members_workshop = WorkshopFactory(
        title="Taller reservado", slug="taller-reservado", visibility=Visibility.MEMBERS
    )
    w.draft_workshop = WorkshopFactory(
        title="Taller en borrador", slug="taller-borrador", status=WorkshopStatus.DRAFT
    )
    w.past_workshop = WorkshopFactory(
        title="Taller pasado",
        slug="taller-pasado",
        starts_at=timezone.now() - timedelta(days=30),
        status=WorkshopStatus.HELD,
    )
    w.material_document = _document("Material reservado", "material-reservado.pdf")
    Material.objects.create(
        workshop=w.members_workshop, title="Presentación", document=w.material_document
    )
    w.public_material_document = _document("Material abierto", "material-abierto.pdf")
    Material.objects.create(
        workshop=w.workshop, title="Programa", document=w.public_material_document
    )
    w.draft_material_document = _document("Material del borrador", "material-borrador.pdf")
    Material.objects.create(
        workshop=w.draft_workshop, title="Guion", document=w.draft_material_document
    )
    # The material of a workshop deleted since: the file stays, claimed by nothing.
    w.deleted_material_document = _document("Material de un taller borrado", "borrado.pdf")
    deleted = WorkshopFactory(title="Taller borrado", slug="taller-borrado")
    Material.objects.create(workshop=deleted, title="Acta", document=w.deleted_material_document)
    deleted.delete()
    w.commitment = Commitment.objects.create(
        workshop=w.past_workshop,
        description="Publicar el informe del taller.",
        responsible_institution=w.institution_a,
        due_date=timezone.localdate() + timedelta(days=30),
    )
    # The register: A's report on its commitment (for B to judge), a contested commitment
    # in the facilitators' queue, and agreement spaces public, members-only and unpublished.
    w.report = CommitmentUpdate.objects.create(
        commitment=w.commitment,
        institution=w.institution_a,
        author=w.member,
        previous_status=CommitmentStatus.PENDING,
        status=CommitmentStatus.IN_PROGRESS,
        progress=40,
        note="Informe en redacción.",
    )
    w.contested = Commitment.objects.create(
        workshop=w.past_workshop,
        description="Reforestar la ribera del río de la matriz.",
        responsible_institution=w.institution_a,
        due_date=timezone.localdate() + timedelta(days=60),
        needs_review=True,
    )
    contested_report = CommitmentUpdate.objects.create(
        commitment=w.contested,
        institution=w.institution_a,
        previous_status=CommitmentStatus.PENDING,
        status=CommitmentStatus.FULFILLED,
        progress=100,
        note="Ya reforestamos.",
    )
    # Its note hidden by a facilitator: in no public answer.
    w.contest = CommitmentVerdict.objects.create(
        update=contested_report,
        institution=w.institution_b,
        author=w.other,
        verdict=Verdict.CONTEST,
        note="No vimos los árboles.",
        hidden_at=timezone.now(),
        hidden_reason="Prueba de la matriz",
    )
    w.agreement_space = AgreementSpaceFactory(
        name="Mesa de diálogo de la matriz", slug="mesa-de-la-matriz", convener=w.institution_b
    )
    w.members_space = AgreementSpaceFactory(
        name="Mesa reservada de la matriz",
        slug="mesa-reservada-de-la-matriz",
        convener=w.institution_b,
        visibility=Visibility.MEMBERS,
    )
    w.draft_space = AgreementSpaceFactory(
        name="Mesa sin publicar de la matriz",
        slug="mesa-sin-publicar",
        convener=w.institution_b,
        published=False,
    )
    w.registration = workshop_services.workshop_register(workshop=w.workshop, user=w.member)
    w.member_feed = CalendarFeed.objects.create(user=w.member)
    w.former_feed = CalendarFeed.objects.create(user=w.former)
    w.closed_feed = CalendarFeed.objects.create(user=w.closed)

    # ---- membership
    w.invitation = InvitationFactory(institution=w.institution_a, invited_by=w.facilitator)
    w.application = MembershipApplicationFactory()
    w.notification = Notification.objects.create(
        recipient=w.member,
        email=w.member.email,
        kind="test",
        subject="Aviso privado para Ana",
        body_text="Aviso privado para Ana.",
    )
    w.former_notification = Notification.objects.create(
        recipient=w.former,
        email=w.former.email,
        kind="test",
        subject="Aviso antiguo para Fermín",
        body_text="Aviso antiguo para Fermín.",
    )

    # ---- prioritisation rounds: an open one with an approved solution, the member's
    # pending proposal and institution A's ballot; a draft nobody sees on the portal.
    w.round = PrioritisationRound.objects.create(
        title="Ronda de la matriz",
        slug="ronda-de-la-matriz",
        implementation_gap="Brecha.",
        contextual_factors="Factores.",
        complementary_measures="Medidas.",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + timedelta(days=30),
        status=RoundStatus.OPEN,
    )
    w.round.themes.add(w.theme)
    criterion = Criterion.objects.create(round=w.round, name="Urgencia")
    w.solution = Solution.objects.create(
        round=w.round,
        title="Solución aprobada de la matriz",
        description="Descripción.",
        who_acts="Municipalidad",
        proposer=w.other,
        institution=w.institution_b,
        status=SolutionStatus.APPROVED,
    )
    w.pending_solution = Solution.objects.create(
        round=w.round,
        title="Propuesta pendiente de Ana",
        description="Descripción.",
        who_acts="Municipalidad",
        proposer=w.member,
        institution=w.institution_a,
    )
    ballot = Ballot.objects.create(
        round=w.round, institution=w.institution_a, last_edited_by=w.member
    )
    Score.objects.create(ballot=ballot, solution=w.solution, criterion=criterion, value=4)
    w.draft_round = PrioritisationRound.objects.create(
        title="Ronda en borrador de la matriz",
        slug="ronda-en-borrador",
        implementation_gap="Brecha.",
        contextual_factors="Factores.",
        complementary_measures="Medidas.",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate(),
    )

    # ---- the end of two memberships
    w.former.groups.clear()
    w.closed.is_active = False
    w.closed.save()
    return w
