"""Workshops and the commitments register as open datasets (composed by
col_portal.opendata): the public workshops (`public_workshops`: not drafts, not
members-only) with participation by sector as counts — never the online meeting link —;
the public agreement spaces (`public_agreement_spaces`); the commitments anyone may read
(`public_commitments`), their history and the confirmations and contests of other sectors,
under the rules of the commitment's page: a note hidden by a facilitator is left out, and
no person is named (institutions only)."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from members.datasets import INSTITUTIONS, PLACE_FIELDS, places_of
from members.links import absolute_url
from members.models import District, Institution, Sector
from members.table_schema import (
    Dataset,
    Field,
    ForeignKey,
    chunked,
    id_field,
    kind_field,
    page_url_field,
    status_field,
    themes_field,
    title_field,
)
from themes.models import Theme

from .models import (
    AgreementSpaceKind,
    CommitmentMilestone,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Modality,
    Verdict,
    WorkshopStatus,
)
from .selectors import (
    participation_by_workshop_and_sector,
    public_agreement_spaces,
    public_commitments,
    public_workshops,
)

WORKSHOPS = "talleres"
AGREEMENT_SPACES = "espacios-de-acuerdo"
COMMITMENTS = "compromisos"
COMMITMENT_UPDATES = "compromisos-historial"
COMMITMENT_VERDICTS = "compromisos-confirmaciones"
COMMITMENT_MILESTONES = "compromisos-hitos"


def _participation_fields() -> tuple[Field, ...]:
    fields = []
    for sector in Sector:
        fields.append(
            Field(
                f"registered_{sector.value}",
                "integer",
                format_lazy(_("Registered: {sector}"), sector=sector.label),
                _("People of institutions of this sector who registered (not cancelled)."),
            )
        )
        fields.append(
            Field(
                f"attended_{sector.value}",
                "integer",
                format_lazy(_("Attended: {sector}"), sector=sector.label),
                _("People of this sector who attended (registered or not)."),
            )
        )
    return tuple(fields)


def workshop_rows():
    workshops = public_workshops()
    participation = participation_by_workshop_and_sector(workshops)
    now = timezone.now()
    queryset = workshops.prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order"))
    ).order_by("pk")
    for workshop in chunked(queryset):
        by_sector = participation.get(workshop.pk, {})
        row = {
            "id": workshop.pk,
            "url": absolute_url(workshop.get_absolute_url()),
            "title": workshop.title,
            "description": workshop.description,
            "themes": [theme.slug for theme in workshop.themes.all()],
            "modality": workshop.modality,
            "status": workshop.status,
            "starts_at": workshop.starts_at,
            "ends_at": workshop.ends_at,
            # Where it meets in person; the online link is for confirmed participants only.
            "venue": workshop.venue if workshop.has_place else "",
            "address": workshop.address if workshop.has_place else "",
            "city": workshop.city,
            "capacity": workshop.capacity,
            # The outcomes are published on its page once it is over.
            "outcomes": workshop.outcomes if workshop.ends_at <= now else "",
        }
        registered = attended = 0
        for sector in Sector:
            counts = by_sector.get(sector.value, {})
            row[f"registered_{sector.value}"] = counts.get("registered", 0)
            row[f"attended_{sector.value}"] = counts.get("attended", 0)
            registered += counts.get("registered", 0)
            attended += counts.get("attended", 0)
        row["registered_total"] = registered
        row["attended_total"] = attended
        yield row


def workshops_dataset() -> Dataset:
    return Dataset(
        name=WORKSHOPS,
        title=_("Workshops"),
        description=_(
            "The Community's public workshops (face-to-face, virtual and hybrid): dates, "
            "place, status and how many people of each sector registered and attended. "
            "Names of participants and online meeting links are never published."
        ),
        fields=(
            id_field(_("Number of the workshop in the portal.")),
            page_url_field(),
            title_field(_("Title of the workshop.")),
            Field("description", "string", _("Description"), _("What the workshop is about.")),
            themes_field(),
            Field(
                "modality",
                "string",
                _("Modality"),
                _("How it meets, as a code."),
                required=True,
                choices=tuple(Modality.choices),
            ),
            status_field(
                (code, label)
                for code, label in WorkshopStatus.choices
                if code != WorkshopStatus.DRAFT
            ),
            Field("starts_at", "datetime", _("Starts"), _("When it starts (UTC)."), required=True),
            Field("ends_at", "datetime", _("Ends"), _("When it ends (UTC)."), required=True),
            Field("venue", "string", _("Venue"), _("Where it meets in person, if it does.")),
            Field(
                "address", "string", _("Address of the venue"), _("Street address of the venue.")
            ),
            Field("city", "string", _("City"), _("City or town.")),
            Field("capacity", "integer", _("Capacity"), _("Number of seats.")),
            Field(
                "outcomes",
                "string",
                _("Outcomes"),
                _("What was discussed and agreed, once it is over."),
            ),
            Field(
                "registered_total",
                "integer",
                _("Registered"),
                _("People of the Community's institutions who registered (not cancelled)."),
            ),
            Field(
                "attended_total",
                "integer",
                _("Attended"),
                _("People who attended, walk-ins included."),
            ),
            *_participation_fields(),
        ),
        rows=workshop_rows,
    )


# ---- The commitments register: agreement spaces, commitments, their history and verdicts


def _public_commitment_ids():
    return public_commitments().order_by().values("pk")


def agreement_space_rows():
    queryset = (
        public_agreement_spaces()
        .select_related("convener")
        .prefetch_related(Prefetch("minutes", queryset=get_document_model().objects.order_by("pk")))
        .order_by("pk")
    )
    for space in chunked(queryset):
        yield {
            "id": space.pk,
            "url": absolute_url(space.get_absolute_url()),
            "name": space.name,
            "kind": space.kind,
            "convener_id": space.convener_id,
            "convener": space.convener.name,
            "description": space.description,
            "started_on": space.started_on,
            "ended_on": space.ended_on,
            "place": space.place,
            "minutes": [absolute_url(document.url) for document in space.minutes.all()],
        }


def agreement_spaces_dataset() -> Dataset:
    return Dataset(
        name=AGREEMENT_SPACES,
        title=_("Agreement spaces"),
        description=_(
            "The dialogue tables, technical tables and agreements between institutions, "
            "outside the Community's workshops, whose agreements are followed as commitments."
        ),
        fields=(
            id_field(_("Number of the agreement space in the portal.")),
            page_url_field(),
            Field("name", "string", _("Name"), _("Name of the agreement space."), required=True),
            kind_field(AgreementSpaceKind.choices),
            Field(
                "convener_id",
                "integer",
                _("Convener institution"),
                _("Identifier of the institution that convened it (see the institutions dataset)."),
                required=True,
            ),
            Field("convener", "string", _("Convener's name"), _("Name of that institution.")),
            Field("description", "string", _("Description"), _("What it is about.")),
            Field("started_on", "date", _("Started on"), _("When it began."), required=True),
            Field("ended_on", "date", _("Ended on"), _("When it ended, if it has.")),
            Field("place", "string", _("Place"), _("Where it meets.")),
            Field(
                "minutes",
                "string",
                _("Minutes"),
                _('Addresses of its minutes and signed agreements, separated by "; ".'),
                is_list=True,
            ),
        ),
        rows=agreement_space_rows,
        foreign_keys=(ForeignKey("convener_id", INSTITUTIONS),),
    )


def commitment_rows():
    queryset = public_commitments().prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order")),
        Prefetch("supporting_institutions", queryset=Institution.objects.order_by("name")),
        Prefetch("districts", queryset=District.objects.select_related("province")),
    )
    for commitment in chunked(queryset.order_by("pk")):
        yield {
            "id": commitment.pk,
            "url": absolute_url(commitment.get_absolute_url()),
            "source": commitment.source,
            "workshop_id": commitment.workshop_id,
            "workshop": commitment.workshop.title if commitment.workshop else "",
            "agreement_space_id": commitment.agreement_space_id,
            "agreement_space": (
                commitment.agreement_space.name if commitment.agreement_space else ""
            ),
            "description": commitment.description,
            "responsible_institution_id": commitment.responsible_institution_id,
            "responsible_institution": commitment.responsible_institution.name,
            "supporting_institutions": [
                institution.name for institution in commitment.supporting_institutions.all()
            ],
            "themes": [theme.slug for theme in commitment.themes.all()],
            **places_of(commitment.districts.all()),
            "agreed_on": commitment.agreement_date,
            "due_date": commitment.due_date,
            "status": commitment.status,
            "progress": commitment.progress,
            "completed_on": commitment.completed_on,
            "last_change_at": commitment.last_change_at,
        }


def commitments_dataset() -> Dataset:
    return Dataset(
        name=COMMITMENTS,
        title=_("Agreements and commitments"),
        description=_(
            "The commitments register: what was agreed at the public workshops, at the "
            "agreement spaces or pledged by an institution, which institution is "
            "responsible, by when, and where it stands. Its history and its confirmations "
            "are in the datasets that follow."
        ),
        fields=(
            id_field(_("Number of the commitment in the portal.")),
            page_url_field(),
            Field(
                "source",
                "string",
                _("Source"),
                _("Where it was agreed, as a code: a workshop, an agreement space or a pledge."),
                required=True,
                choices=tuple(CommitmentSource.choices),
            ),
            Field(
                "workshop_id",
                "integer",
                _("Workshop"),
                _(
                    "Identifier of the workshop where it was made (see the workshops dataset), "
                    "when it comes from one."
                ),
            ),
            Field("workshop", "string", _("Workshop title"), _("Title of that workshop.")),
            Field(
                "agreement_space_id",
                "integer",
                _("Agreement space"),
                _(
                    "Identifier of the agreement space it comes from (see the agreement "
                    "spaces dataset), when it does."
                ),
            ),
            Field(
                "agreement_space",
                "string",
                _("Agreement space"),
                _("The dialogue table, technical table or agreement it comes from, if any."),
            ),
            Field(
                "description",
                "string",
                _("Agreement or commitment"),
                _("What was agreed."),
                required=True,
            ),
            Field(
                "responsible_institution_id",
                "integer",
                _("Responsible institution"),
                _("Identifier of the institution responsible (see the institutions dataset)."),
                required=True,
            ),
            Field(
                "responsible_institution",
                "string",
                _("Responsible institution's name"),
                _("Name of that institution."),
            ),
            Field(
                "supporting_institutions",
                "string",
                _("Supporting institutions"),
                _('Names of the institutions that support it, separated by "; ".'),
                is_list=True,
            ),
            themes_field(),
            *PLACE_FIELDS,
            Field("agreed_on", "date", _("Agreed on"), _("When it was agreed.")),
            Field("due_date", "date", _("Due date"), _("When it is due."), required=True),
            status_field(CommitmentStatus.choices),
            Field("progress", "integer", _("Progress (%)"), _("Progress reported, from 0 to 100.")),
            Field("completed_on", "date", _("Completed on"), _("When it was done, if it was.")),
            Field(
                "last_change_at",
                "datetime",
                _("Last change"),
                _("When its status or progress last changed (UTC)."),
            ),
        ),
        rows=commitment_rows,
        foreign_keys=(
            ForeignKey("workshop_id", WORKSHOPS),
            ForeignKey("agreement_space_id", AGREEMENT_SPACES),
            ForeignKey("responsible_institution_id", INSTITUTIONS),
        ),
    )


def _commitment_key() -> Field:
    return Field(
        "commitment_id",
        "integer",
        _("Commitment"),
        _("Identifier of the commitment (see the commitments dataset)."),
        required=True,
    )


def _evidence_values(entry) -> dict:
    """What a report or verdict shows on the commitment's page: its note unless a
    facilitator hid it, and its evidence as links (never a person's name)."""
    return {
        "note": "" if entry.hidden_at else entry.note,
        "note_hidden": entry.hidden_at is not None,
        "evidence_url": entry.url,
        "document_url": absolute_url(entry.document.url) if entry.document else "",
        "cui": entry.cui,
        "cui_url": entry.cui_url,
    }


def _evidence_fields() -> tuple[Field, ...]:
    return (
        Field(
            "note",
            "string",
            _("Note"),
            _("What was said with it; empty when the facilitators hid the note."),
        ),
        Field(
            "note_hidden",
            "boolean",
            _("Note hidden"),
            _("Whether the facilitators hid its note (true or false)."),
        ),
        Field(
            "evidence_url",
            "string",
            _("Link"),
            _("A link given as evidence, if any."),
            format="uri",
        ),
        Field(
            "document_url",
            "string",
            _("Document"),
            _("Address of a document of the library given as evidence, if any."),
            format="uri",
        ),
        Field(
            "cui",
            "string",
            _("CUI"),
            _("Unique code (CUI) of a public investment given as evidence (7 digits), if any."),
        ),
        Field(
            "cui_url",
            "string",
            _("CUI record"),
            _("Address of that investment's official public record."),
            format="uri",
        ),
    )


def commitment_update_rows():
    queryset = (
        CommitmentUpdate.objects.filter(commitment__in=_public_commitment_ids())
        .select_related("document")
        .order_by("pk")
    )
    for update in chunked(queryset):
        photo = update.photo and not update.hidden_at
        yield {
            "id": update.pk,
            "commitment_id": update.commitment_id,
            "created_at": update.created_at,
            "institution_id": update.institution_id,
            "previous_status": update.previous_status,
            "status": update.status,
            "previous_progress": update.previous_progress,
            "progress": update.progress,
            **_evidence_values(update),
            "photo_url": (
                absolute_url(reverse("workshops:commitment_photo", args=[update.pk]))
                if photo
                else ""
            ),
        }


def commitment_updates_dataset() -> Dataset:
    return Dataset(
        name=COMMITMENT_UPDATES,
        title=_("History of the commitments"),
        description=_(
            "Every report of a commitment's status and progress, dated, with its evidence: "
            "the history is never rewritten. A note the facilitators hid is not published."
        ),
        fields=(
            id_field(_("Number of the report in the portal.")),
            _commitment_key(),
            Field(
                "created_at", "datetime", _("Date"), _("When it was reported (UTC)."), required=True
            ),
            Field(
                "institution_id",
                "integer",
                _("Institution"),
                _(
                    "Identifier of the institution that reported it (see the institutions "
                    "dataset); empty when the facilitators recorded it."
                ),
            ),
            Field(
                "previous_status",
                "string",
                _("Previous status"),
                _("Its status before this report, as a code."),
                required=True,
                choices=tuple(CommitmentStatus.choices),
            ),
            status_field(CommitmentStatus.choices),
            Field(
                "previous_progress",
                "integer",
                _("Previous progress (%)"),
                _("Progress before this report."),
            ),
            Field("progress", "integer", _("Progress (%)"), _("Progress reported, from 0 to 100.")),
            *_evidence_fields(),
            Field(
                "photo_url",
                "string",
                _("Photo"),
                _("Address of a photo given as evidence, if any."),
                format="uri",
            ),
        ),
        rows=commitment_update_rows,
        foreign_keys=(
            ForeignKey("commitment_id", COMMITMENTS),
            ForeignKey("institution_id", INSTITUTIONS),
        ),
    )


def commitment_verdict_rows():
    queryset = (
        CommitmentVerdict.objects.filter(update__commitment__in=_public_commitment_ids())
        .select_related("update", "institution", "document")
        .order_by("pk")
    )
    for verdict in chunked(queryset):
        yield {
            "id": verdict.pk,
            "update_id": verdict.update_id,
            "commitment_id": verdict.update.commitment_id,
            "institution_id": verdict.institution_id,
            "sector": verdict.institution.sector,
            "verdict": verdict.verdict,
            "created_at": verdict.created_at,
            **_evidence_values(verdict),
        }


def commitment_verdicts_dataset() -> Dataset:
    return Dataset(
        name=COMMITMENT_VERDICTS,
        title=_("Confirmations of the commitments"),
        description=_(
            "How institutions of other sectors confirmed or contested each report: which "
            "institution, of which sector, when, with its note and evidence. A note the "
            "facilitators hid is not published."
        ),
        fields=(
            id_field(_("Number of the confirmation or contest in the portal.")),
            Field(
                "update_id",
                "integer",
                _("Report"),
                _("Identifier of the report judged (see the history dataset)."),
                required=True,
            ),
            _commitment_key(),
            Field(
                "institution_id",
                "integer",
                _("Institution"),
                _("Identifier of the institution that judged it (see the institutions dataset)."),
                required=True,
            ),
            Field(
                "sector",
                "string",
                _("Sector"),
                _("Stakeholder sector of that institution, as a code."),
                required=True,
                choices=tuple(Sector.choices),
            ),
            Field(
                "verdict",
                "string",
                _("Verdict"),
                _("Whether it confirmed or contested the report, as a code."),
                required=True,
                choices=tuple(Verdict.choices),
            ),
            Field(
                "created_at", "datetime", _("Date"), _("When it was given (UTC)."), required=True
            ),
            *_evidence_fields(),
        ),
        rows=commitment_verdict_rows,
        foreign_keys=(
            ForeignKey("update_id", COMMITMENT_UPDATES),
            ForeignKey("commitment_id", COMMITMENTS),
            ForeignKey("institution_id", INSTITUTIONS),
        ),
    )


def commitment_milestone_rows():
    queryset = CommitmentMilestone.objects.filter(commitment__in=_public_commitment_ids()).order_by(
        "commitment_id", "planned_on", "pk"
    )
    today = timezone.localdate()
    for milestone in chunked(queryset):
        yield {
            "id": milestone.pk,
            "commitment_id": milestone.commitment_id,
            "title": milestone.title,
            "planned_on": milestone.planned_on,
            "reached_on": milestone.reached_on,
            "late": milestone.reached_on is None and milestone.planned_on < today,
        }


def commitment_milestones_dataset() -> Dataset:
    return Dataset(
        name=COMMITMENT_MILESTONES,
        title=_("Milestones of the commitments"),
        description=_(
            "The steps of a commitment with the date each was planned for and the date it "
            "was reached: progress told in milestones as well as a percentage."
        ),
        fields=(
            id_field(_("Number of the milestone in the portal.")),
            _commitment_key(),
            Field("title", "string", _("Milestone"), _("What the step is."), required=True),
            Field("planned_on", "date", _("Planned date"), _("When it is planned."), required=True),
            Field("reached_on", "date", _("Date reached"), _("When it was reached, if it was.")),
            Field(
                "late",
                "boolean",
                _("Late"),
                _("Not reached and past its planned date, on the day of the file (true or false)."),
            ),
        ),
        rows=commitment_milestone_rows,
        foreign_keys=(ForeignKey("commitment_id", COMMITMENTS),),
    )
