"""The API's representation of the workshops shown to visitors (`selectors.public_workshops`)
and of the commitments register: agreement spaces (`selectors.public_agreement_spaces`),
commitments (`selectors.public_commitments`), their reports and verdicts.

Public fields only: never the online meeting link (that is for confirmed participants),
the facilitators or participants, nor anything of a draft or members-only workshop.
Participation is given as counts per stakeholder sector. Reports and verdicts name their
institution, never the person, and leave out a note a facilitator hid (as the page does).
"""

from django.db.models import Manager
from django.urls import reverse as django_reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from members.links import absolute_url
from members.models import Sector
from members.serializers import (
    DistrictSerializer,
    InstitutionReferenceSerializer,
    PageURLField,
    api_url_field,
)
from themes.serializers import LessonReferenceSerializer, ThemeReferenceSerializer

from .models import (
    AgreementSpace,
    Commitment,
    CommitmentMilestone,
    CommitmentUpdate,
    CommitmentVerdict,
    Workshop,
)
from .selectors import participation_by_sector_of


class SectorParticipationSerializer(serializers.Serializer):
    sector = serializers.ChoiceField(choices=Sector.choices, read_only=True)
    registered = serializers.IntegerField(
        read_only=True, help_text=_("People registered (not cancelled) from this sector.")
    )
    attended = serializers.IntegerField(
        read_only=True,
        help_text=_("People who attended from this sector, with those not registered."),
    )


class WorkshopListSerializer(serializers.ListSerializer):
    """Reads the participation of the whole page at once (two queries, not two a row)."""

    def to_representation(self, data):
        workshops = list(data.all() if isinstance(data, Manager) else data)
        self.context["participation"] = participation_by_sector_of(workshops)
        return super().to_representation(workshops)


class WorkshopReferenceSerializer(serializers.ModelSerializer):
    api_url = api_url_field("workshop", lookup_field="slug")
    url = PageURLField()

    class Meta:
        model = Workshop
        fields = ["id", "slug", "url", "api_url", "title", "starts_at"]
        read_only_fields = fields


class WorkshopSerializer(serializers.ModelSerializer):
    api_url = api_url_field("workshop", lookup_field="slug")
    url = PageURLField()
    themes = ThemeReferenceSerializer(many=True, read_only=True)
    lessons = LessonReferenceSerializer(
        many=True, read_only=True, help_text=_("Public lessons shared at the workshop.")
    )
    outcomes = serializers.SerializerMethodField(
        help_text=_("What was discussed and agreed (once the workshop has taken place).")
    )
    participation = serializers.SerializerMethodField(
        help_text=_("People registered and attending, per stakeholder sector.")
    )
    commitments_url = serializers.SerializerMethodField(
        help_text=_("Address in the API of the workshop's commitments.")
    )

    class Meta:
        model = Workshop
        list_serializer_class = WorkshopListSerializer
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "title",
            "description",
            "themes",
            "modality",
            "status",
            "starts_at",
            "ends_at",
            "previous_starts_at",
            "venue",
            "address",
            "city",
            "capacity",
            "registration_opens_at",
            "registration_deadline",
            "outcomes",
            "lessons",
            "participation",
            "commitments_url",
        ]
        read_only_fields = fields

    def get_outcomes(self, workshop) -> str:
        # As on its page: told once the workshop is over.
        if workshop.ends_at <= timezone.now() or workshop.status == "held":
            return workshop.outcomes
        return ""

    @extend_schema_field(SectorParticipationSerializer(many=True))
    def get_participation(self, workshop):
        known = self.context.get("participation") or {}
        rows = known.get(workshop.pk)
        if rows is None:
            rows = participation_by_sector_of([workshop])[workshop.pk]
        return SectorParticipationSerializer(rows, many=True).data

    def get_commitments_url(self, workshop) -> str:
        path = reverse("api:commitment-list", request=self.context.get("request"))
        return f"{path}?workshop={workshop.slug}"


class AgreementSpaceReferenceSerializer(serializers.ModelSerializer):
    api_url = api_url_field("agreement-space", lookup_field="slug")
    url = PageURLField()

    class Meta:
        model = AgreementSpace
        fields = ["id", "slug", "url", "api_url", "name", "kind"]
        read_only_fields = fields


class DocumentLinkSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField(help_text=_("Address to download it."))

    def get_url(self, document) -> str:
        return absolute_url(document.url, self.context.get("request"))


class AgreementSpaceSerializer(serializers.ModelSerializer):
    api_url = api_url_field("agreement-space", lookup_field="slug")
    url = PageURLField()
    convener = InstitutionReferenceSerializer(read_only=True)
    minutes = DocumentLinkSerializer(
        many=True, read_only=True, help_text=_("Its minutes and signed agreements.")
    )
    commitments_url = serializers.SerializerMethodField(
        help_text=_("Address in the API of its commitments.")
    )

    class Meta:
        model = AgreementSpace
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "name",
            "kind",
            "convener",
            "description",
            "started_on",
            "ended_on",
            "place",
            "minutes",
            "commitments_url",
        ]
        read_only_fields = fields

    def get_commitments_url(self, space) -> str:
        path = reverse("api:commitment-list", request=self.context.get("request"))
        return f"{path}?agreement_space={space.slug}"


class MilestoneSerializer(serializers.ModelSerializer):
    late = serializers.BooleanField(
        source="is_late", read_only=True, help_text=_("Not reached and past its planned date.")
    )

    class Meta:
        model = CommitmentMilestone
        fields = ["title", "planned_on", "reached_on", "late"]
        read_only_fields = fields


class CommitmentSerializer(serializers.ModelSerializer):
    api_url = api_url_field("commitment")
    url = PageURLField()
    workshop = WorkshopReferenceSerializer(read_only=True)
    agreement_space = AgreementSpaceReferenceSerializer(read_only=True)
    responsible_institution = InstitutionReferenceSerializer(read_only=True)
    supporting_institutions = InstitutionReferenceSerializer(many=True, read_only=True)
    themes = ThemeReferenceSerializer(many=True, read_only=True)
    districts = DistrictSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(
        many=True, read_only=True, help_text=_("Its steps, with planned and reached dates.")
    )
    agreed_on = serializers.DateField(
        source="agreement_date",
        read_only=True,
        help_text=_("When it was agreed (left empty, the date of its workshop or space)."),
    )
    overdue = serializers.BooleanField(
        source="is_overdue", read_only=True, help_text=_("Open and past its due date.")
    )
    reports_url = serializers.SerializerMethodField(
        help_text=_("Address in the API of its history of reports.")
    )

    class Meta:
        model = Commitment
        fields = [
            "id",
            "url",
            "api_url",
            "description",
            "source",
            "responsible_institution",
            "supporting_institutions",
            "themes",
            "districts",
            "agreed_on",
            "due_date",
            "status",
            "progress",
            "milestones",
            "overdue",
            "completed_on",
            "last_change_at",
            "workshop",
            "agreement_space",
            "reports_url",
        ]
        read_only_fields = fields

    def get_reports_url(self, commitment) -> str:
        path = reverse("api:commitment-report-list", request=self.context.get("request"))
        return f"{path}?commitment={commitment.pk}"


class EvidenceSerializer(serializers.Serializer):
    """What a report or verdict shows on the commitment's page: its note unless a
    facilitator hid it, its evidence as links; never a person's name."""

    FIELDS = ("note", "note_hidden", "evidence_url", "document", "cui", "cui_url")

    note = serializers.SerializerMethodField(
        help_text=_("What was said with it; empty when the facilitators hid the note.")
    )
    note_hidden = serializers.SerializerMethodField(
        help_text=_("Whether the facilitators hid its note.")
    )
    evidence_url = serializers.URLField(
        source="url", read_only=True, help_text=_("A link given as evidence, if any.")
    )
    document = DocumentLinkSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("A document of the library given as evidence, if any."),
    )
    cui = serializers.CharField(
        read_only=True,
        help_text=_("Unique code (CUI) of a public investment given as evidence, if any."),
    )
    cui_url = serializers.CharField(
        read_only=True, help_text=_("Address of that investment's official public record.")
    )

    def get_note(self, entry) -> str:
        return "" if entry.hidden_at else entry.note

    def get_note_hidden(self, entry) -> bool:
        return entry.hidden_at is not None


class CommitmentReportSerializer(EvidenceSerializer, serializers.ModelSerializer):
    api_url = api_url_field("commitment-report")
    commitment = serializers.HyperlinkedRelatedField(
        view_name="api:commitment-detail",
        read_only=True,
        help_text=_("Address in the API of the commitment."),
    )
    institution = InstitutionReferenceSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("The institution that reported it; empty when the facilitators did."),
    )
    photo_url = serializers.SerializerMethodField(
        help_text=_("Address of a photo given as evidence, if any.")
    )
    verdicts_url = serializers.SerializerMethodField(
        help_text=_("Address in the API of its confirmations and contests.")
    )

    class Meta:
        model = CommitmentUpdate
        fields = [
            "id",
            "api_url",
            "commitment",
            "created_at",
            "institution",
            "previous_status",
            "status",
            "previous_progress",
            "progress",
            *EvidenceSerializer.FIELDS,
            "photo_url",
            "verdicts_url",
        ]
        read_only_fields = fields

    def get_photo_url(self, update) -> str:
        # As the photo's own address: not once the facilitators hid the report's note.
        if not update.photo or update.hidden_at:
            return ""
        path = django_reverse("workshops:commitment_photo", args=[update.pk])
        return absolute_url(path, self.context.get("request"))

    def get_verdicts_url(self, update) -> str:
        path = reverse("api:commitment-verdict-list", request=self.context.get("request"))
        return f"{path}?report={update.pk}"


class CommitmentVerdictSerializer(EvidenceSerializer, serializers.ModelSerializer):
    api_url = api_url_field("commitment-verdict")
    report = serializers.HyperlinkedRelatedField(
        source="update",
        view_name="api:commitment-report-detail",
        read_only=True,
        help_text=_("Address in the API of the report judged."),
    )
    commitment = serializers.HyperlinkedRelatedField(
        source="update.commitment",
        view_name="api:commitment-detail",
        read_only=True,
        help_text=_("Address in the API of the commitment."),
    )
    institution = InstitutionReferenceSerializer(read_only=True)

    class Meta:
        model = CommitmentVerdict
        fields = [
            "id",
            "api_url",
            "report",
            "commitment",
            "institution",
            "verdict",
            "created_at",
            *EvidenceSerializer.FIELDS,
        ]
        read_only_fields = fields
