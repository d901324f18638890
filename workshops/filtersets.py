"""The API's filters of workshops and commitments (django-filter). They narrow what the
view got from `selectors.public_workshops` / `public_commitments`; a bad value is a 400
answer naming the parameter."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field

from members.filtersets import BooleanFilter, OrderingFilter, SearchFilter
from members.models import District, Institution, Province, Sector
from themes.filtersets import PlaceFilter, ThemeFilter

from .models import (
    OPEN_COMMITMENT_STATUSES,
    AgreementSpace,
    AgreementSpaceKind,
    Commitment,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Modality,
    Registration,
    RegistrationStatus,
    Verdict,
    WalkIn,
    Workshop,
    WorkshopStatus,
)
from .selectors import (
    matching_workshops,
    public_agreement_spaces,
    public_commitments,
    public_workshops,
)

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


@extend_schema_field({"type": "string", "enum": ["true", "false"]})
class TypedBooleanFilter(BooleanFilter):
    """`true` or `false` for a filter computed by a method (no model field to read it from)."""


def _institution_filter(label, field_name):
    return filters.ModelChoiceFilter(
        field_name=field_name, queryset=Institution.objects.all(), label=label
    )


def _sector_filter(label, field_name):
    return filters.ChoiceFilter(field_name=field_name, choices=Sector.choices, label=label)


def _date_filters(field_name: str, after, before) -> tuple:
    """`…_after` and `…_before` (YYYY-MM-DD, both ends included) on a date or datetime."""
    lookup = "date__" if field_name.endswith("_at") else ""
    return (
        filters.DateFilter(field_name=field_name, lookup_expr=f"{lookup}gte", label=after),
        filters.DateFilter(field_name=field_name, lookup_expr=f"{lookup}lte", label=before),
    )


class CommitmentFilterSet(filters.FilterSet):
    workshop = filters.ModelChoiceFilter(
        queryset=public_workshops(), to_field_name="slug", label=_("Workshop (its slug)")
    )
    agreement_space = filters.ModelChoiceFilter(
        queryset=public_agreement_spaces(),
        to_field_name="slug",
        label=_("Agreement space (its slug)"),
    )
    source = filters.ChoiceFilter(choices=CommitmentSource.choices, label=_("Source"))
    theme = ThemeFilter(method="filter_theme")
    status = filters.ChoiceFilter(choices=CommitmentStatus.choices, label=_("Status"))
    institution = _institution_filter(
        _("Responsible institution (its id)"), "responsible_institution"
    )
    sector = _sector_filter(
        _("Sector of the responsible institution"), "responsible_institution__sector"
    )
    province = PlaceFilter(model=Province, label=_("Province (its slug, e.g. ilo)"))
    district = PlaceFilter(model=District, label=_("District (its slug, e.g. torata)"))
    overdue = TypedBooleanFilter(
        method="filter_overdue", label=_("Open and past its due date (true or false)")
    )
    due_after, due_before = _date_filters(
        "due_date", _("Due on or after (YYYY-MM-DD)"), _("Due on or before (YYYY-MM-DD)")
    )
    changed_after, changed_before = _date_filters(
        "last_change_at",
        _("Status or progress last changed on or after (YYYY-MM-DD)"),
        _("Status or progress last changed on or before (YYYY-MM-DD)"),
    )
    q = SearchFilter()
    ordering = OrderingFilter(
        fields=(("due_date", "due"), ("status", "status"), ("last_change_at", "changed"))
    )

    class Meta:
        model = Commitment
        fields = []

    def filter_theme(self, queryset, name, theme):
        # A commitment's own themes, or those of the workshop it comes from.
        own = Commitment.themes.through.objects.filter(theme=theme)
        workshops = Workshop.themes.through.objects.filter(theme=theme)
        return queryset.filter(
            Q(pk__in=own.values("commitment_id")) | Q(workshop__in=workshops.values("workshop_id"))
        )

    def filter_overdue(self, queryset, name, overdue):
        late = Q(status__in=OPEN_COMMITMENT_STATUSES, due_date__lt=timezone.localdate())
        return queryset.filter(late if overdue else ~late)

    def search(self, queryset, name, words):
        for word in words.split()[:12]:
            queryset = queryset.filter(description__icontains=word)
        return queryset


def _public_commitment_ids():
    return public_commitments().order_by().values("pk")


class CommitmentReportFilterSet(filters.FilterSet):
    commitment = filters.ModelChoiceFilter(
        queryset=public_commitments(), label=_("Commitment (its id)")
    )
    status = filters.ChoiceFilter(choices=CommitmentStatus.choices, label=_("Status reported"))
    institution = _institution_filter(_("Reporting institution (its id)"), "institution")
    sector = _sector_filter(_("Sector of the reporting institution"), "institution__sector")
    date_after, date_before = _date_filters(
        "created_at",
        _("Reported on or after (YYYY-MM-DD)"),
        _("Reported on or before (YYYY-MM-DD)"),
    )
    ordering = OrderingFilter(fields=(("created_at", "date"),))

    class Meta:
        model = CommitmentUpdate
        fields = []


class CommitmentVerdictFilterSet(filters.FilterSet):
    commitment = filters.ModelChoiceFilter(
        field_name="update__commitment",
        queryset=public_commitments(),
        label=_("Commitment (its id)"),
    )
    report = filters.ModelChoiceFilter(
        field_name="update",
        queryset=CommitmentUpdate.objects.filter(commitment__in=_public_commitment_ids()),
        label=_("Report (its id)"),
    )
    verdict = filters.ChoiceFilter(choices=Verdict.choices, label=_("Confirmed or contested"))
    institution = _institution_filter(_("Institution that judged it (its id)"), "institution")
    sector = _sector_filter(_("Sector of that institution"), "institution__sector")
    date_after, date_before = _date_filters(
        "created_at", _("Given on or after (YYYY-MM-DD)"), _("Given on or before (YYYY-MM-DD)")
    )
    ordering = OrderingFilter(fields=(("created_at", "date"),))

    class Meta:
        model = CommitmentVerdict
        fields = []


class AgreementSpaceFilterSet(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=AgreementSpaceKind.choices, label=_("Kind"))
    convener = _institution_filter(_("Convener institution (its id)"), "convener")
    started_after, started_before = _date_filters(
        "started_on", _("Started on or after (YYYY-MM-DD)"), _("Started on or before (YYYY-MM-DD)")
    )
    q = SearchFilter()
    ordering = OrderingFilter(fields=(("started_on", "started"), ("name", "name")))

    class Meta:
        model = AgreementSpace
        fields = []

    def search(self, queryset, name, words):
        for word in words.split()[:12]:
            queryset = queryset.filter(name__icontains=word)
        return queryset
