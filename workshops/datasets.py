"""Workshops and their commitments as open datasets (composed by col_portal.opendata):
the public workshops (`public_workshops`: not drafts, not members-only) with participation
by sector as counts — never the online meeting link — and their commitments
(`public_commitments`)."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members.datasets import INSTITUTIONS
from members.links import absolute_url
from members.models import Sector
from members.table_schema import Dataset, Field, ForeignKey, chunked
from themes.models import Theme

from .models import CommitmentSource, CommitmentStatus, Modality, WorkshopStatus
from .selectors import participation_by_workshop_and_sector, public_commitments, public_workshops

WORKSHOPS = "talleres"
COMMITMENTS = "compromisos"


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
            Field(
                "id",
                "integer",
                _("Identifier"),
                _("Number of the workshop in the portal."),
                required=True,
            ),
            Field(
                "url",
                "string",
                _("Address"),
                _("Its page on the portal."),
                required=True,
                format="uri",
            ),
            Field("title", "string", _("Title"), _("Title of the workshop."), required=True),
            Field("description", "string", _("Description"), _("What the workshop is about.")),
            Field(
                "themes",
                "string",
                _("Themes"),
                _('Codes (slugs) of its priority themes, separated by "; ".'),
                is_list=True,
            ),
            Field(
                "modality",
                "string",
                _("Modality"),
                _("How it meets, as a code."),
                required=True,
                choices=tuple(Modality.choices),
            ),
            Field(
                "status",
                "string",
                _("Status"),
                _("Where it stands, as a code."),
                required=True,
                choices=tuple(
                    (code, label)
                    for code, label in WorkshopStatus.choices
                    if code != WorkshopStatus.DRAFT
                ),
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


def commitment_rows():
    for commitment in chunked(public_commitments().order_by("pk")):
        yield {
            "id": commitment.pk,
            "source": commitment.source,
            "workshop_id": commitment.workshop_id,
            "workshop": commitment.workshop.title if commitment.workshop else "",
            "agreement_space": (
                commitment.agreement_space.name if commitment.agreement_space else ""
            ),
            "description": commitment.description,
            "responsible_institution_id": commitment.responsible_institution_id,
            "responsible_institution": commitment.responsible_institution.name,
            "due_date": commitment.due_date,
            "status": commitment.status,
            "progress": commitment.progress,
            "completed_on": commitment.completed_on,
        }


def commitments_dataset() -> Dataset:
    return Dataset(
        name=COMMITMENTS,
        title=_("Agreements and commitments"),
        description=_(
            "The agreements and follow-up commitments made at the public workshops: what "
            "was agreed, which institution is responsible, by when, and where it stands."
        ),
        fields=(
            Field(
                "id",
                "integer",
                _("Identifier"),
                _("Number of the commitment in the portal."),
                required=True,
            ),
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
            Field("due_date", "date", _("Due date"), _("When it is due."), required=True),
            Field(
                "status",
                "string",
                _("Status"),
                _("Where it stands, as a code."),
                required=True,
                choices=tuple(CommitmentStatus.choices),
            ),
            Field("progress", "integer", _("Progress (%)"), _("Progress reported, from 0 to 100.")),
            Field("completed_on", "date", _("Completed on"), _("When it was done, if it was.")),
        ),
        rows=commitment_rows,
        foreign_keys=(
            ForeignKey("workshop_id", WORKSHOPS),
            ForeignKey("responsible_institution_id", INSTITUTIONS),
        ),
    )
