"""The lessons list's filters, sorting and facet counts.

Everything here narrows a queryset the caller got from the visibility rule
(`selectors.contributions_visible_to`), so that lists and counts never show what the
viewer may not read. Bad values in the address are reported by the form and ignored.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear, Lower
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from members.models import Institution, Sector

from .models import Contribution, ContributionKind, Province, TaggedContribution, Theme

PAGE_SIZE = 12
TAG_FACET_SIZE = 30

SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"
SORT_TITLE = "title"
SORT_RELEVANCE = "relevance"
SORT_CHOICES = [
    (SORT_NEWEST, _("Newest first")),
    (SORT_OLDEST, _("Oldest first")),
    (SORT_TITLE, _("Title (A to Z)")),
    (SORT_RELEVANCE, _("Relevance (when searching)")),
]
ORDERINGS = {
    SORT_NEWEST: ("-first_published_at", "-pk"),
    SORT_OLDEST: ("first_published_at", "pk"),
    SORT_TITLE: (Lower("title"), "pk"),
}

FILTER_NAMES = (
    "theme",
    "kind",
    "sector",
    "institution",
    "province",
    "tag",
    "year",
    "anticorruption",
)


@dataclass(frozen=True)
class ChosenTag:
    """The tag filter's value: the tag's id (None if no tag has this slug), slug and name."""

    pk: int | None
    slug: str
    name: str

    def __str__(self):
        return self.name


class LessonFilterForm(forms.Form):
    """The GET form of the lessons list. All fields optional; invalid ones are ignored."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    theme = forms.SlugField(label=_("Theme"), max_length=80, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *ContributionKind.choices], required=False
    )
    sector = forms.ChoiceField(
        label=_("Sector of the institution"),
        choices=[("", _("All")), *Sector.choices],
        required=False,
    )
    institution = forms.IntegerField(
        label=_("Institution"), min_value=1, max_value=2**53, required=False
    )
    province = forms.ChoiceField(
        label=_("Province"), choices=[("", _("All")), *Province.choices], required=False
    )
    tag = forms.SlugField(label=_("Tag"), max_length=100, allow_unicode=True, required=False)
    year = forms.IntegerField(
        label=_("Year published"), min_value=1990, max_value=2999, required=False
    )
    anticorruption = forms.BooleanField(
        label=_("Only with a transparency and anti-corruption focus"), required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, data=None, *, themes: list[Theme]):
        super().__init__(data)
        self.themes = themes

    def clean_theme(self):
        slug = self.cleaned_data["theme"]
        if not slug:
            return None
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise ValidationError(_("There is no theme with this name."), code="unknown_theme")

    def clean_tag(self):
        """The chosen tag, looked up once: filtering by its id (not through a join on its
        slug) lets PostgreSQL estimate how many contributions carry it."""
        slug = self.cleaned_data["tag"]
        if not slug:
            return None
        found = Tag.objects.filter(slug=slug).values_list("pk", "name").first()
        if found is None:
            # Unknown tags are not an error: a tag may have been merged or removed since
            # the link was made. The list is then empty, and says so.
            return ChosenTag(None, slug, slug)
        return ChosenTag(found[0], slug, found[1])

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    @property
    def filters(self) -> dict:
        """The valid, non-empty filters (invalid ones are left out of cleaned_data)."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in FILTER_NAMES
            if self.cleaned_data.get(name) not in (None, "", False)
        }

    @property
    def query(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("q") or ""

    @property
    def ordering(self) -> str:
        """The chosen sort; relevance only when searching, and by default then."""
        self.is_valid()
        sort = self.cleaned_data.get("sort") or ""
        if sort == SORT_RELEVANCE and not self.query:
            sort = ""
        return sort or (SORT_RELEVANCE if self.query else SORT_NEWEST)


def _secondary_theme_links():
    return Contribution.secondary_themes.through.objects


def _filter_theme(queryset, theme):
    secondary = _secondary_theme_links().filter(theme=theme).values("contribution_id")
    return queryset.filter(Q(primary_theme=theme) | Q(pk__in=secondary))


def _filter_tag(queryset, tag: ChosenTag):
    if tag.pk is None:
        return queryset.none()
    tagged = TaggedContribution.objects.filter(tag_id=tag.pk).values("content_object_id")
    return queryset.filter(pk__in=tagged)


_FILTERS = {
    "theme": _filter_theme,
    "kind": lambda queryset, value: queryset.filter(kind=value),
    "sector": lambda queryset, value: queryset.filter(author_institution__sector=value),
    "institution": lambda queryset, value: queryset.filter(author_institution_id=value),
    "province": lambda queryset, value: queryset.filter(province=value),
    "tag": _filter_tag,
    "year": lambda queryset, value: queryset.filter(first_published_at__year=value),
    "anticorruption": lambda queryset, value: queryset.filter(anti_corruption_focus=True),
}


def apply_filters(queryset: QuerySet, filters: dict, *, skip: str | None = None) -> QuerySet:
    for name, value in filters.items():
        if name != skip:
            queryset = _FILTERS[name](queryset, value)
    return queryset


def normalised(filters: dict) -> dict[str, Any]:
    """The filters as plain values (slugs, numbers), e.g. to key a cache with."""
    plain = {}
    for name, value in filters.items():
        if isinstance(value, (Theme, ChosenTag)):
            value = value.slug
        plain[name] = value
    return plain


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


def _grouped(queryset, field) -> dict:
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return dict(rows)


def _top_tags(scope: QuerySet) -> list[tuple[str, str, int]]:
    """(slug, name, count) of the TAG_FACET_SIZE tags most used in `scope`, the most used
    first (ties by name). Counted by tag id, then the names of the few kept are read:
    joining every tagging to its tag before counting cost twice as much."""
    used = (
        TaggedContribution.objects.filter(content_object__in=scope.order_by().values("pk"))
        .values("tag_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("tag_id", "n")
    )
    counts = dict(used)
    if not counts:
        return []
    ranked = sorted(counts.values(), reverse=True)
    least = ranked[min(TAG_FACET_SIZE, len(ranked)) - 1]
    candidates = [pk for pk, n in counts.items() if n >= least]  # ties at the cut included
    tags = Tag.objects.filter(pk__in=candidates).values_list("pk", "slug", "name")
    rows = sorted(((slug, name, counts[pk]) for pk, slug, name in tags), key=_by_use_then_name)
    return rows[:TAG_FACET_SIZE]


def _by_use_then_name(row):
    return (-row[2], row[1])


def facet_counts(base: QuerySet, filters: dict) -> dict[str, Any]:
    """For each filter, how many contributions each of its values would show.

    Each count applies every other active filter (and the search), never the filter's own
    value, so that people can see where switching would take them. Plain data (ids,
    values, names of institutions and tags, numbers), so that it can be cached; a fixed
    number of queries, whatever the number of contributions.
    """

    def scope(name):
        return apply_filters(base, filters, skip=name)

    counts: dict[str, Any] = {}

    themed = scope("theme")
    by_theme = _grouped(themed, "primary_theme")
    secondary = (
        _secondary_theme_links()
        .filter(contribution__in=themed.order_by().values("pk"))
        .values("theme")
        .annotate(n=Count("contribution"))
        .values_list("theme", "n")
    )
    for theme_id, number in secondary:
        by_theme[theme_id] = by_theme.get(theme_id, 0) + number
    counts["theme"] = by_theme

    for name, field in (
        ("kind", "kind"),
        ("sector", "author_institution__sector"),
        ("province", "province"),
    ):
        counts[name] = _grouped(scope(name), field)

    counts["institution"] = list(
        scope("institution")
        .order_by()
        .values("author_institution", "author_institution__name")
        .annotate(n=Count("pk"))
        .order_by("author_institution__name")
        .values_list("author_institution", "author_institution__name", "n")
    )

    # Sorted here: ordering the groups in SQL made PostgreSQL sort every row first.
    counts["year"] = sorted(
        (
            (year, n)
            for year, n in scope("year")
            .order_by()
            .annotate(published_year=ExtractYear("first_published_at"))
            .values("published_year")
            .annotate(n=Count("pk"))
            .values_list("published_year", "n")
            if year
        ),
        reverse=True,
    )

    counts["tag"] = _top_tags(scope("tag"))

    counts["anticorruption"] = scope("anticorruption").filter(anti_corruption_focus=True).count()
    return counts


def facets(counts: dict[str, Any], filters: dict, themes: list[Theme]) -> dict:
    """The options of each filter, with their counts (from `facet_counts`), in the
    viewer's language; the chosen value is always among them, even with no results."""
    chosen = normalised(filters)

    def selected(name, value) -> bool:
        return name in chosen and str(chosen[name]) == str(value)

    result: dict[str, list[Option] | int] = {}
    result["theme"] = [
        Option(
            theme.slug,
            theme.name,
            counts["theme"].get(theme.pk, 0),
            selected("theme", theme.slug),
        )
        for theme in themes
    ]

    for name, choices in (
        ("kind", ContributionKind.choices),
        ("sector", Sector.choices),
        ("province", Province.choices),
    ):
        found = counts[name]
        result[name] = [
            Option(value, label, found.get(value, 0), selected(name, value))
            for value, label in choices
            if found.get(value) or selected(name, value)
        ]

    options = [
        Option(str(pk), name, n, selected("institution", pk))
        for pk, name, n in counts["institution"]
    ]
    if "institution" in chosen and not any(option.selected for option in options):
        pk = chosen["institution"]
        name = Institution.objects.filter(pk=pk).values_list("name", flat=True).first()
        options.insert(0, Option(str(pk), name or str(pk), 0, True))
    result["institution"] = options

    options = [
        Option(str(year), str(year), n, selected("year", year)) for year, n in counts["year"]
    ]
    if "year" in chosen and not any(option.selected for option in options):
        options.insert(0, Option(str(chosen["year"]), str(chosen["year"]), 0, True))
    result["year"] = options

    options = sorted(
        (Option(slug, name, n, selected("tag", slug)) for slug, name, n in counts["tag"]),
        key=lambda option: option.label.casefold(),
    )
    tag = filters.get("tag")
    if tag is not None and not any(option.selected for option in options):
        options.insert(0, Option(tag.slug, tag.name, 0, True))
    result["tag"] = options

    result["anticorruption"] = counts["anticorruption"]
    return result
