"""The institutions as an open dataset (composed by col_portal.opendata)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Institution, Sector
from .selectors import community_institutions
from .table_schema import Dataset, Field, chunked

INSTITUTIONS = "instituciones"


def institutions_dataset(queryset: QuerySet[Institution] | None = None) -> Dataset:
    """The institutions of the Community (`community_institutions`, or the wider queryset
    the composer gives: every institution the other datasets name)."""
    queryset = community_institutions() if queryset is None else queryset

    def rows():
        for institution in chunked(queryset.order_by("pk")):
            yield {
                "id": institution.pk,
                "name": institution.name,
                "short_name": institution.short_name,
                "sector": institution.sector,
                "core_group": institution.is_core_group,
                "website": institution.website,
            }

    return Dataset(
        name=INSTITUTIONS,
        title=_("Institutions"),
        description=_(
            "The institutions of the Community: those of the Core Group, those with members, "
            "and those named as authors or responsible in the other datasets."
        ),
        fields=(
            Field(
                "id",
                "integer",
                _("Identifier"),
                _("Number of the institution in the portal."),
                required=True,
            ),
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
        ),
        rows=rows,
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
