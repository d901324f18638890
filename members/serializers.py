"""The API's representation of institutions, and the fields every app's serializers share.

Serializers here and in the other apps describe objects that their app's public selectors
already chose (`selectors.public_institutions`): they never decide who may see what. The
API itself is put together in col_portal/api.py, which names the views
(`api:<name>-detail`) that the `api_url` fields point to.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from .links import absolute_url
from .models import District, Institution, Province


@extend_schema_field(OpenApiTypes.URI)
class PageURLField(serializers.Field):
    """The absolute address of the object's own page on the portal."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("help_text", _("Address of its public page on the portal."))
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute_url(value.get_absolute_url(), self.context.get("request"))


def api_url_field(view_name: str, *, lookup_field: str = "pk"):
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view_name}-detail",
        lookup_field=lookup_field,
        help_text=_("Address of this object in the API."),
    )


class TagSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True, help_text=_("Stable identifier of the tag."))
    name = serializers.CharField(read_only=True)


class DistrictSerializer(serializers.ModelSerializer):
    """A district of the Moquegua region, with its INEI ubigeo code and its province."""

    province = serializers.CharField(source="province.name", read_only=True)
    province_slug = serializers.CharField(source="province.slug", read_only=True)

    class Meta:
        model = District
        fields = ["ubigeo", "slug", "name", "province", "province_slug"]
        read_only_fields = fields


class InstitutionReferenceSerializer(serializers.ModelSerializer):
    """An institution named by another object (a lesson's author, a commitment's owner)."""

    api_url = api_url_field("institution")

    class Meta:
        model = Institution
        fields = ["id", "api_url", "name", "sector"]
        read_only_fields = fields


class InstitutionSerializer(serializers.ModelSerializer):
    api_url = api_url_field("institution")

    class Meta:
        model = Institution
        fields = ["id", "api_url", "name", "short_name", "sector", "is_core_group", "website"]
        read_only_fields = fields


class ProvinceSerializer(serializers.ModelSerializer):
    """A province of the Moquegua region, with its INEI ubigeo code (four digits)."""

    api_url = api_url_field("province", lookup_field="ubigeo")
    url = PageURLField()
    districts_url = serializers.SerializerMethodField(
        help_text=_("Address in the API of its districts.")
    )

    class Meta:
        model = Province
        fields = ["ubigeo", "slug", "name", "url", "api_url", "districts_url"]
        read_only_fields = fields

    def get_districts_url(self, province) -> str:
        path = reverse("api:district-list", request=self.context.get("request"))
        return f"{path}?province={province.slug}"


class DistrictDetailSerializer(DistrictSerializer):
    """A district as the API's districts list gives it: with its page, its province's
    code and the law that created it, when it is recent."""

    api_url = api_url_field("district", lookup_field="ubigeo")
    url = PageURLField()
    province_ubigeo = serializers.CharField(source="province.ubigeo", read_only=True)

    class Meta(DistrictSerializer.Meta):
        fields = [
            *DistrictSerializer.Meta.fields,
            "province_ubigeo",
            "created_by",
            "url",
            "api_url",
        ]
        read_only_fields = fields
