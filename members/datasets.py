"""The institutions as an open dataset (composed by col_portal.opendata)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .links import absolute_url
from .models import District, Institution, Province, Sector
from .selectors import community_institutions
from .table_schema import Dataset, Field, ForeignKey, chunked, id_field, page_url_field

INSTITUTIONS = "instituciones"
PROVINCES = "provincias"
DISTRICTS = "distritos"


def institutions_dataset(queryset: QuerySet[Institution] | None = None) -> Dataset:
    """The institutions of the Community (`community_institutions`, or the wider queryset
    the composer gives: every institution the other datasets name)."""
    queryset = community_institutions() if queryset is None else queryset

    def rows():
        for institution in chunked(queryset.select_related("district").order_by("pk")):
            yield {
                "id": institution.pk,
                "name": institution.name,
                "short_name": institution.short_name,
                "sector": institution.sector,
                "core_group": institution.is_core_group,
                "website": institution.website,
                "district_ubigeo": institution.district.ubigeo if institution.district else "",
            }

    return Dataset(
        name=INSTITUTIONS,
        title=_("Institutions"),
        description=_(
            "The institutions of the Community: those of the Core Group, those with members, "
            "and those named as authors or responsible in the other datasets."
        ),
        fields=(
            id_field(_("Number of the institution in the portal.")),
            Field("name", "string", _("Name"), _("Full name of the institution."), required=True),
            Field("short_name", "string", _("Short name"), _("Acronym or short name, if any.")),
            Field(
                "sector",
                "string",
                _("Sector"),
                _("Stakeholder sector, as a code."),
                required=True,
                choices=tuple(Sector.choices),
            ),
            Field(
                "core_group",
                "boolean",
                _("Core Group"),
                _("Whether it belongs to the Core Group (true or false)."),
            ),
            Field(
                "website",
                "string",
                _("Website"),
                _("Address of its website, if known."),
                format="uri",
            ),
            Field(
                "district_ubigeo",
                "string",
                _("District of its seat"),
                _("INEI ubigeo code of the district of its seat, if it is in the region."),
            ),
        ),
        rows=rows,
        foreign_keys=(ForeignKey("district_ubigeo", DISTRICTS, "ubigeo"),),
    )


def _ubigeo_field(description) -> Field:
    return Field("ubigeo", "string", _("Ubigeo code"), description, required=True)


def provinces_dataset() -> Dataset:
    """The provinces of the Moquegua region."""

    def rows():
        for province in Province.objects.order_by("ubigeo"):
            yield {
                "ubigeo": province.ubigeo,
                "name": province.name,
                "slug": province.slug,
                "url": absolute_url(province.get_absolute_url()),
            }

    return Dataset(
        name=PROVINCES,
        title=_("Provinces"),
        description=_(
            "The provinces of the Moquegua region, with their INEI ubigeo codes: the places "
            "the other datasets name."
        ),
        fields=(
            _ubigeo_field(_("INEI ubigeo code of the province (four digits).")),
            Field("name", "string", _("Name"), _("Name of the province."), required=True),
            Field("slug", "string", _("Code"), _("Its code in the portal's addresses.")),
            page_url_field(),
        ),
        rows=rows,
        primary_key="ubigeo",
    )


def districts_dataset() -> Dataset:
    """The districts of the Moquegua region, each with its province."""

    def rows():
        for district in District.objects.select_related("province").order_by("ubigeo"):
            yield {
                "ubigeo": district.ubigeo,
                "name": district.name,
                "slug": district.slug,
                "province_ubigeo": district.province.ubigeo,
                "province": district.province.name,
                "created_by": district.created_by,
                "url": absolute_url(district.get_absolute_url()),
            }

    return Dataset(
        name=DISTRICTS,
        title=_("Districts"),
        description=_(
            "The districts of the Moquegua region, with their INEI ubigeo codes and their "
            "province: the places the lessons, workshops, commitments and institutions are "
            "tied to."
        ),
        fields=(
            _ubigeo_field(_("INEI ubigeo code of the district (six digits).")),
            Field("name", "string", _("Name"), _("Name of the district."), required=True),
            Field("slug", "string", _("Code"), _("Its code in the portal's addresses.")),
            Field(
                "province_ubigeo",
                "string",
                _("Province"),
                _("Ubigeo code of its province (see the provinces dataset)."),
                required=True,
            ),
            Field("province", "string", _("Province's name"), _("Name of its province.")),
            Field(
                "created_by",
                "string",
                _("Created by"),
                _("The law that created the district, when it is recent."),
            ),
            page_url_field(),
        ),
        rows=rows,
        primary_key="ubigeo",
        foreign_keys=(ForeignKey("province_ubigeo", PROVINCES, "ubigeo"),),
    )


# Where a lesson, workshop or resource happened: its districts of the Moquegua region.
PLACE_FIELDS = (
    Field(
        "provinces",
        "string",
        _("Provinces"),
        _('Provinces of the Moquegua region of its districts, separated by "; ".'),
        is_list=True,
    ),
    Field(
        "districts",
        "string",
        _("Districts"),
        _('Districts of the Moquegua region where it happened, separated by "; ".'),
        is_list=True,
    ),
    Field(
        "ubigeos",
        "string",
        _("Ubigeo codes"),
        _('INEI ubigeo codes of those districts (six digits), separated by "; ".'),
        is_list=True,
    ),
)


def places_of(districts) -> dict:
    """The PLACE_FIELDS values of prefetched districts (each with its province)."""
    districts = sorted(districts, key=lambda district: district.ubigeo)
    return {
        "provinces": list(dict.fromkeys(district.province.name for district in districts)),
        "districts": [district.name for district in districts],
        "ubigeos": [district.ubigeo for district in districts],
    }
