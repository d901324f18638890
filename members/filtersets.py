"""The API's filters of institutions (django-filter). A bad value is a 400 answer naming
the parameter, never an empty or unfiltered list."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from .models import District, Institution, Province, Sector

SEARCH_MAX_LENGTH = 200


class SearchFilter(filters.CharFilter):
    """`?q=`: words to look for (each app says where, in its FilterSet's `search`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("method", "search")
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault("label", _("Words to search for"))
        super().__init__(**kwargs)


class BooleanFilter(filters.TypedChoiceFilter):
    """`true` or `false`, nothing else (django-filter's own takes any other word as "no
    filter", which would answer a typo with the whole list)."""

    def __init__(self, **kwargs):
        choices = [("true", "true"), ("false", "false")]
        super().__init__(choices=choices, coerce=lambda value: value == "true", **kwargs)


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=`: the named fields, then the id, so that pages never share or skip rows."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Order by (a minus sign first for descending)"))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        queryset = super().filter(queryset, value)
        if value:
            queryset = queryset.order_by(*queryset.query.order_by, "pk")
        return queryset


class InstitutionFilterSet(filters.FilterSet):
    sector = filters.ChoiceFilter(choices=Sector.choices, label=_("Sector"))
    core_group = BooleanFilter(
        field_name="is_core_group", label=_("Member of the Core Group (true or false)")
    )
    q = SearchFilter()
    ordering = OrderingFilter(fields=(("name", "name"),))

    class Meta:
        model = Institution
        fields = []

    def search(self, queryset, name, value):
        condition = Q()
        for word in value.split()[:12]:
            condition &= Q(name__icontains=word) | Q(short_name__icontains=word)
        return queryset.filter(condition)


class DistrictFilterSet(filters.FilterSet):
    province = filters.ModelChoiceFilter(
        queryset=Province.objects.all(),
        to_field_name="slug",
        label=_("Province (its slug, e.g. ilo)"),
    )

    class Meta:
        model = District
        fields = []
