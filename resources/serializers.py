"""The API's representation of the library's published, public resources
(`selectors.public_resources`): their metadata and, when there is one, the file's address
(a public resource's file is public) or the external link; never who proposed it."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.links import absolute_url
from members.serializers import (
    InstitutionReferenceSerializer,
    PageURLField,
    TagSerializer,
    api_url_field,
)
from themes.serializers import ThemeReferenceSerializer

from .library import Resource


class ResourceSerializer(serializers.ModelSerializer):
    api_url = api_url_field("resource", lookup_field="slug")
    url = PageURLField()
    themes = ThemeReferenceSerializer(many=True, read_only=True)
    tags = TagSerializer(many=True, read_only=True)
    institutions = InstitutionReferenceSerializer(many=True, read_only=True)
    published_at = serializers.DateTimeField(
        source="first_published_at", read_only=True, help_text=_("First published.")
    )
    updated_at = serializers.DateTimeField(
        source="last_published_at", read_only=True, help_text=_("Last published.")
    )
    file_url = serializers.SerializerMethodField(
        help_text=_("Address of the file to download, if the portal holds one.")
    )
    file_type = serializers.SerializerMethodField(
        help_text=_("Media type of the file, if the portal holds one.")
    )

    class Meta:
        model = Resource
        fields = [
            "id",
            "slug",
            "url",
            "api_url",
            "kind",
            "title",
            "summary",
            "themes",
            "tags",
            "institutions",
            "other_authors",
            "year",
            "language",
            "file_url",
            "file_type",
            "external_url",
            "published_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_file_url(self, resource) -> str | None:
        if resource.document is None:
            return None
        return absolute_url(resource.document.url, self.context.get("request"))

    def get_file_type(self, resource) -> str | None:
        return resource.document.content_type if resource.document else None
