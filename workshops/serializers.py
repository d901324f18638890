"""The API's representation of the workshops shown to visitors (`selectors.public_workshops`)
and of their commitments (`selectors.public_commitments`).

Public fields only: never the online meeting link (that is for confirmed participants),
the facilitators or participants, nor anything of a draft or members-only workshop.
Participation is given as counts per stakeholder sector.
"""

from django.db.models import Manager
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from members.models import Sector
from members.serializers import InstitutionReferenceSerializer, PageURLField, api_url_field
from themes.serializers import LessonReferenceSerializer, ThemeReferenceSerializer

from .models import Commitment, Workshop
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


class CommitmentSerializer(serializers.ModelSerializer):
    api_url = api_url_field("commitment")
    workshop = WorkshopReferenceSerializer(read_only=True)
    responsible_institution = InstitutionReferenceSerializer(read_only=True)

    class Meta:
        model = Commitment
        fields = [
            "id",
            "api_url",
            "description",
            "responsible_institution",
            "due_date",
            "status",
            "completed_on",
            "workshop",
        ]
        read_only_fields = fields
