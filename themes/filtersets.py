"""The API's filters of lessons (django-filter). They narrow what the view got from
`selectors.public_contributions`; a bad value is a 400 answer naming the parameter."""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from members.filtersets import BooleanFilter, OrderingFilter, SearchFilter
from members.models import District, Institution, Province, Sector
from members.places import in_places

from .models import Contribution, ContributionKind, TaggedContribution, Theme
from .search import matching_ids
from .selectors import public_contributions


@extend_schema_field(OpenApiTypes.STR)
class ThemeFilter(filters.ModelChoiceFilter):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Theme (its slug)"))
        super().__init__(queryset=Theme.objects.all(), to_field_name="slug", **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class PlaceFilter(filters.ModelChoiceFilter):
    """A province or a district, by its slug; filtered through `in_places` (no join)."""

    def __init__(self, *, model, **kwargs):
        super().__init__(queryset=model.objects.all(), to_field_name="slug", **kwargs)

    def filter(self, queryset, value):
        if value is None:
            return queryset
        # The filter's name (province or district) says which kind of place it is.
        return in_places(queryset, **{self.field_name: value})


class LessonFilterSet(filters.FilterSet):
    theme = ThemeFilter(method="filter_theme")
    kind = filters.ChoiceFilter(choices=ContributionKind.choices, label=_("Kind"))
    tag = filters.CharFilter(method="filter_tag", max_length=100, label=_("Tag (its slug)"))
    institution = filters.ModelChoiceFilter(
        field_name="author_institution",
        queryset=Institution.objects.all(),
        label=_("Institution of the author (its id)"),
    )
    sector = filters.ChoiceFilter(
        field_name="author_institution__sector",
        choices=Sector.choices,
        label=_("Sector of the author's institution"),
    )
    province = PlaceFilter(model=Province, label=_("Province (its slug, e.g. ilo)"))
    district = PlaceFilter(model=District, label=_("District (its slug, e.g. torata)"))
    language = filters.ChoiceFilter(choices=settings.LANGUAGES, label=_("Language"))
    anti_corruption_focus = BooleanFilter(
        label=_("With a transparency and anti-corruption focus (true or false)")
    )
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
        fields=(
            ("first_published_at", "published"),
            ("last_published_at", "updated"),
            ("title", "title"),
        )
    )

    class Meta:
        model = Contribution
        fields = []

    def filter_theme(self, queryset, name, theme):
        secondary = Contribution.secondary_themes.through.objects.filter(theme=theme)
        return queryset.filter(
            Q(primary_theme=theme) | Q(pk__in=secondary.values("contribution_id"))
        )

    def filter_tag(self, queryset, name, slug):
        tagged = TaggedContribution.objects.filter(tag__slug=slug)
        return queryset.filter(pk__in=tagged.values("content_object_id"))

    def search(self, queryset, name, words):
        # The site's search (Spanish and English stemming), over the public lessons only;
        # the other filters narrow the matches afterwards.
        return queryset.filter(pk__in=matching_ids(public_contributions(), words))
