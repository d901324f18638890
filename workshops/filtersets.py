"""The API's filters of workshops and commitments (django-filter). They narrow what the
view got from `selectors.public_workshops` / `public_commitments`; a bad value is a 400
answer naming the parameter."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from members.filtersets import OrderingFilter, SearchFilter
from members.models import Institution, Sector
from themes.filtersets import ThemeFilter

from .models import (
    Commitment,
    CommitmentStatus,
    Modality,
    Registration,
    RegistrationStatus,
    WalkIn,
    Workshop,
    WorkshopStatus,
)
from .selectors import matching_workshops, public_workshops

PUBLIC_STATUSES = [(value, label) for value, label in WorkshopStatus.choices if value != "draft"]


class WorkshopFilterSet(filters.FilterSet):
    theme = ThemeFilter(field_name="themes")
    modality = filters.ChoiceFilter(choices=Modality.choices, label=_("Modality"))
    status = filters.ChoiceFilter(choices=PUBLIC_STATUSES, label=_("Status"))
    city = filters.CharFilter(lookup_expr="iexact", max_length=80, label=_("City"))
    sector = filters.ChoiceFilter(
        method="filter_sector",
        choices=Sector.choices,
        label=_("With participants from this sector"),
    )
    starts_after = filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("Starts on or after (YYYY-MM-DD)")
    )
    starts_before = filters.DateFilter(
        field_name="starts_at",
        lookup_expr="date__lte",
        label=_("Starts on or before (YYYY-MM-DD)"),
    )
    q = SearchFilter()
    ordering = OrderingFilter(fields=(("starts_at", "starts"), ("title", "title")))

    class Meta:
        model = Workshop
        fields = []

    def filter_sector(self, queryset, name, sector):
        registered = Registration.objects.filter(user__institution__sector=sector).exclude(
            status=RegistrationStatus.CANCELLED
        )
        walked_in = WalkIn.objects.filter(sector=sector)
        return queryset.filter(
            Q(pk__in=registered.values("workshop_id")) | Q(pk__in=walked_in.values("workshop_id"))
        )

    def search(self, queryset, name, words):
        return matching_workshops(queryset, words)


class CommitmentFilterSet(filters.FilterSet):
    workshop = filters.ModelChoiceFilter(
        queryset=public_workshops(), to_field_name="slug", label=_("Workshop (its slug)")
    )
    theme = ThemeFilter(field_name="workshop__themes")
    status = filters.ChoiceFilter(choices=CommitmentStatus.choices, label=_("Status"))
    institution = filters.ModelChoiceFilter(
        field_name="responsible_institution",
        queryset=Institution.objects.all(),
        label=_("Responsible institution (its id)"),
    )
    sector = filters.ChoiceFilter(
        field_name="responsible_institution__sector",
        choices=Sector.choices,
        label=_("Sector of the responsible institution"),
    )
    due_after = filters.DateFilter(
        field_name="due_date", lookup_expr="gte", label=_("Due on or after (YYYY-MM-DD)")
    )
    due_before = filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=_("Due on or before (YYYY-MM-DD)")
    )
    q = SearchFilter()
    ordering = OrderingFilter(fields=(("due_date", "due"), ("status", "status")))

    class Meta:
        model = Commitment
        fields = []

    def search(self, queryset, name, words):
        for word in words.split()[:12]:
            queryset = queryset.filter(description__icontains=word)
        return queryset
