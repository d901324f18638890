"""schema.org JSON-LD of the themes' pages: a lesson as an Article and LearningResource,
breadcrumbs of a lesson and of a theme. Built from what the views already load."""

from django.urls import reverse
from django.utils.translation import gettext as _

from members.links import absolute_url
from members.structured_data import (
    breadcrumbs,
    content_license_url,
    local_datetime,
    organization,
    script,
)


def theme_reference(theme, request) -> dict:
    return {
        "@type": "Thing",
        "name": theme.name,
        "url": absolute_url(theme.get_absolute_url(), request),
    }


def _institutions(contribution) -> list:
    """The author's institution, then the co-authors' (each once)."""
    found = {contribution.author_institution.pk: contribution.author_institution}
    for person in contribution.coauthors.all():
        if person.institution is not None:
            found.setdefault(person.institution.pk, person.institution)
    return list(found.values())


def _period(contribution) -> str:
    start, end = contribution.period_start, contribution.period_end
    if start and end and start != end:
        return f"{start}/{end}"
    return str(start or end or "")


def place(district, request) -> dict:
    """A district as a schema.org Place, within its province (its INEI ubigeo as an id)."""
    province = district.province
    return {
        "@type": "Place",
        "name": f"{district.name}, {province.name}, Moquegua, Perú",
        "url": absolute_url(district.get_absolute_url(), request),
        "identifier": {"@type": "PropertyValue", "propertyID": "ubigeo", "value": district.ubigeo},
        "containedInPlace": {
            "@type": "AdministrativeArea",
            "name": f"{province.name}, Moquegua, Perú",
            "url": absolute_url(province.get_absolute_url(), request),
        },
    }


def lesson(contribution, request) -> dict:
    url = absolute_url(contribution.get_absolute_url(), request)
    themes = [contribution.primary_theme, *contribution.secondary_themes.all()]
    data = {
        "@type": ["Article", "LearningResource"],
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": contribution.title,
        "name": contribution.title,
        "description": contribution.summary,
        "learningResourceType": contribution.get_kind_display(),
        "about": [theme_reference(theme, request) for theme in themes],
        "author": [organization(institution) for institution in _institutions(contribution)],
        "datePublished": local_datetime(contribution.first_published_at),
        "dateModified": local_datetime(
            contribution.last_published_at or contribution.first_published_at
        ),
        "inLanguage": contribution.language,
        "license": content_license_url(),
        "isAccessibleForFree": True,
    }
    tags = [tag.name for tag in contribution.tags.all()]
    if tags:
        data["keywords"] = tags
    districts = list(contribution.districts.all())
    if districts:
        data["spatialCoverage"] = [place(district, request) for district in districts]
    if period := _period(contribution):
        data["temporalCoverage"] = period
    return data


def lesson_json_ld(contribution, request):
    """Nothing for a lesson an anonymous visitor may not read (members-only)."""
    if not contribution.is_public:
        return script()
    theme = contribution.primary_theme
    trail = [
        (_("Lessons and experiences"), reverse("themes:lesson_list")),
        (theme.name, theme.get_absolute_url()),
        (contribution.title, None),
    ]
    return script(lesson(contribution, request), breadcrumbs(request, trail))


def theme_json_ld(theme, request):
    trail = [(_("Priority themes"), reverse("themes:index")), (theme.name, None)]
    return script(breadcrumbs(request, trail))
