"""The API's filters of the library (django-filter). They narrow what the view got from
`selectors.public_resources`; a bad value is a 400 answer naming the parameter."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from members.filtersets import OrderingFilter, SearchFilter
from members.models import Institution, Sector
from themes.filtersets import ThemeFilter
from themes.search import matching_ids

from .library import Resource, ResourceKind, TaggedResource
from .selectors import public_resources


class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=9999, **kwargs)


class ResourceFilterSet(filters.FilterSet):
    theme = ThemeFilter(field_name="themes")
    kind = filters.ChoiceFilter(choices=ResourceKind.choices, label=_("Kind"))
    tag = filters.CharFilter(method="filter_tag", max_length=100, label=_("Tag (its slug)"))
    institution = filters.ModelChoiceFilter(
        field_name="institutions",
        queryset=Institution.objects.all(),
        label=_("Author institution (its id)"),
    )
    sector = filters.ChoiceFilter(
        method="filter_sector", choices=Sector.choices, label=_("Sector of an author institution")
    )
    language = filters.ChoiceFilter(choices=settings.LANGUAGES, label=_("Language"))
    year_min = YearFilter(field_name="year", lookup_expr="gte", label=_("From year"))
    year_max = YearFilter(field_name="year", lookup_expr="lte", label=_("To year"))
    published_after = filters.DateFilter(
        field_name="first_published_at",
        lookup_expr="date__gte",
        label=_("Published on or after (YYYY-MM-DD)"),
    )
    published_before = filters.DateFilter(
        field_name="first_published_at",
        lookup_expr="date__lte",
        label=_("Published on or before (YYYY-MM-DD)"),
    )
    q = SearchFilter()
    ordering = OrderingFilter(
        fields=(("year", "year"), ("first_published_at", "published"), ("title", "title"))
    )

    class Meta:
        model = Resource
        fields = []

    def filter_tag(self, queryset, name, slug):
        tagged = TaggedResource.objects.filter(tag__slug=slug)
        return queryset.filter(pk__in=tagged.values("content_object_id"))

    def filter_sector(self, queryset, name, sector):
        through = Resource.institutions.through.objects.filter(institution__sector=sector)
        return queryset.filter(pk__in=through.values("resource_id"))

    def search(self, queryset, name, words):
        # The library's search (Wagtail search, Spanish and English) over the public ones.
        return queryset.filter(pk__in=matching_ids(public_resources(), words))
