"""The API's representation of the themes and of the published, public lessons
(`selectors.public_contributions`): the structured sections, the themes, tags and the
authors' institutions; never a person's name or e-mail, a comment, or a draft."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.serializers import (
    DistrictSerializer,
    InstitutionReferenceSerializer,
    PageURLField,
    TagSerializer,
    api_url_field,
)

from .models import Contribution, Theme


class ThemeReferenceSerializer(serializers.ModelSerializer):
    api_url = api_url_field("theme", lookup_field="slug")

    class Meta:
        model = Theme
        fields = ["id", "slug", "api_url", "name_es", "name_en"]
        read_only_fields = fields


class ThemeSerializer(serializers.ModelSerializer):
    api_url = api_url_field("theme", lookup_field="slug")
    url = PageURLField()

    class Meta:
        model = Theme
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "order",
            "name_es",
            "name_en",
            "short_description_es",
            "short_description_en",
            "color",
        ]
        read_only_fields = fields


class LessonReferenceSerializer(serializers.ModelSerializer):
    api_url = api_url_field("lesson", lookup_field="slug")
    url = PageURLField()

    class Meta:
        model = Contribution
        fields = ["id", "slug", "url", "api_url", "title"]
        read_only_fields = fields


class LessonSerializer(serializers.ModelSerializer):
    api_url = api_url_field("lesson", lookup_field="slug")
    url = PageURLField()
    primary_theme = ThemeReferenceSerializer(read_only=True)
    secondary_themes = ThemeReferenceSerializer(many=True, read_only=True)
    tags = TagSerializer(many=True, read_only=True)
    districts = DistrictSerializer(many=True, read_only=True)
    institutions = serializers.SerializerMethodField(
        help_text=_("Institutions of the author and co-authors (the author's first).")
    )
    published_at = serializers.DateTimeField(
        source="first_published_at", read_only=True, help_text=_("First published.")
    )
    updated_at = serializers.DateTimeField(
        source="last_published_at", read_only=True, help_text=_("Last published.")
    )

    class Meta:
        model = Contribution
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "kind",
            "title",
            "summary",
            "context",
            "challenge",
            "actions",
            "results",
            "lesson",
            "recommendations",
            "primary_theme",
            "secondary_themes",
            "tags",
            "institutions",
            "districts",
            "period_start",
            "period_end",
            "language",
            "anti_corruption_focus",
            "published_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(InstitutionReferenceSerializer(many=True))
    def get_institutions(self, contribution):
        institutions = {contribution.author_institution_id: contribution.author_institution}
        for person in contribution.coauthors.all():
            if person.institution_id and person.institution_id not in institutions:
                institutions[person.institution_id] = person.institution
        return InstitutionReferenceSerializer(
            institutions.values(), many=True, context=self.context
        ).data
