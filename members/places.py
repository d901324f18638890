"""The provinces and districts things are tied to: narrowing a list to a place, grouping
a thing's districts by province, and the form widget that chooses districts.

Lessons, workshops, library resources (a many-to-many `districts`) and institutions (the
district of their seat) live on higher floors; what they share about places is here.
"""

from collections.abc import Iterable

from django import forms
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import District, Province


def _links(model, field_name: str):
    field = model._meta.get_field(field_name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def in_places(
    queryset: QuerySet,
    *,
    district: District | None = None,
    province: Province | None = None,
    field: str = "districts",
) -> QuerySet:
    """The items of `queryset` tied to `district`, or to any district of `province`.

    A subquery on the links of the many-to-many `field` (no join: an item tied to two
    districts of the province comes once); a foreign key (an institution's seat) is
    filtered directly."""
    model_field = queryset.model._meta.get_field(field)
    if not model_field.many_to_many:
        if district is not None:
            return queryset.filter(**{field: district})
        return queryset.filter(**{f"{field}__province": province})
    through, source, target = _links(queryset.model, field)
    links = through.objects.all()
    if district is not None:
        links = links.filter(**{target: district})
    if province is not None:
        links = links.filter(**{f"{target}__province": province})
    return queryset.filter(pk__in=links.values(source))


def counts_by_place(queryset: QuerySet, field: str = "districts") -> tuple[dict, dict]:
    """How many items of `queryset` each district has, and each province (an item tied
    to two districts of a province counts once there): two grouped queries."""
    model_field = queryset.model._meta.get_field(field)
    if model_field.many_to_many:
        through, source, target = _links(queryset.model, field)
        links = through.objects.filter(**{f"{source}__in": queryset.order_by().values("pk")})
        rows, place, counted = links.order_by(), target, source
    else:
        rows, place, counted = queryset.order_by(), field, "pk"
    by_district = dict(
        rows.filter(**{f"{place}__isnull": False})
        .values(place)
        .annotate(n=Count(counted))
        .values_list(place, "n")
    )
    by_province = dict(
        rows.filter(**{f"{place}__isnull": False})
        .values(f"{place}__province")
        .annotate(n=Count(counted, distinct=True))
        .values_list(f"{place}__province", "n")
    )
    return by_district, by_province


def by_province(districts: Iterable[District]) -> list[tuple[Province, list[District]]]:
    """`districts` (with their province selected) grouped by province, in ubigeo order."""
    groups: dict[int, tuple[Province, list[District]]] = {}
    for district in sorted(districts, key=lambda d: d.ubigeo):
        groups.setdefault(district.province_id, (district.province, []))[1].append(district)
    return list(groups.values())


def districts_with_provinces() -> QuerySet[District]:
    return District.objects.select_related("province").order_by("ubigeo")


class DistrictCheckboxes(forms.CheckboxSelectMultiple):
    """Districts as checkboxes, one group (a fieldset) per province.

    Light on purpose: no script, wraps into columns as the screen allows (360 px phones
    included). The field's choices stay flat (the form validates against its queryset);
    the widget groups them by reading the region's 21 districts once per rendering."""

    template_name = "members/widgets/district_checkboxes.html"

    def optgroups(self, name, value, attrs=None):
        flat = super().optgroups(name, value, attrs)
        province_of = {
            str(pk): province
            for pk, province in District.objects.values_list("pk", "province__name")
        }
        groups: dict[str, list] = {}
        for _group, options, _index in flat:
            for option in options:
                key = str(getattr(option["value"], "value", option["value"]))
                groups.setdefault(province_of.get(key, ""), []).append(option)
        return [(province, options, i) for i, (province, options) in enumerate(groups.items())]


class DistrictMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The districts of the region, chosen by checkboxes grouped by province; an unknown
    id is refused with a translated message."""

    widget = DistrictCheckboxes
    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not a district of the Moquegua region."),
        "invalid_pk_value": _("“%(pk)s” is not a district of the Moquegua region."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", districts_with_provinces())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


def districts_by_slug(slugs=(), *, province: str = "") -> list[District]:
    """The districts named by their slugs (and all those of the province named by its
    slug), for content files; an unknown slug is a ValueError that names it."""
    found = {d.slug: d for d in District.objects.filter(slug__in=slugs)}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValueError(f"unknown district: {unknown[0]!r}")
    chosen = [found[slug] for slug in slugs]
    if province:
        whole = list(District.objects.filter(province__slug=province))
        if not whole:
            raise ValueError(f"unknown province: {province!r}")
        chosen += [d for d in whole if d.slug not in found]
    return chosen
