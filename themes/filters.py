"""The lessons list's filters, sorting and facet counts.

Everything here narrows a queryset the caller got from the visibility rule
(`selectors.contributions_visible_to`), so that lists and counts never show what the
viewer may not read. Bad values in the address are reported by the form and ignored.
"""

from dataclasses import dataclass

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


def _filter_tag(queryset, slug):
    tagged = TaggedContribution.objects.filter(tag__slug=slug).values("content_object_id")
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


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


def _grouped(queryset, field) -> dict:
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return dict(rows)


def facets(base: QuerySet, filters: dict, themes: list[Theme]) -> dict[str, list[Option] | int]:
    """For each filter, its options with how many contributions each would show.

    Each count applies every other active filter (and the search), never the filter's own
    value, so that people can see where switching would take them. A fixed number of
    queries, whatever the number of contributions.
    """

    def scope(name):
        return apply_filters(base, filters, skip=name)

    def selected(name, value) -> bool:
        current = filters.get(name)
        return current is not None and str(getattr(current, "pk", current)) == str(value)

    result: dict[str, list[Option] | int] = {}

    themed = scope("theme")
    counts = _grouped(themed, "primary_theme")
    secondary = (
        _secondary_theme_links()
        .filter(contribution__in=themed.order_by().values("pk"))
        .values("theme")
        .annotate(n=Count("contribution"))
        .values_list("theme", "n")
    )
    for theme_id, number in secondary:
        counts[theme_id] = counts.get(theme_id, 0) + number
    current_theme = filters.get("theme")
    result["theme"] = [
        Option(
            theme.slug,
            theme.name,
            counts.get(theme.pk, 0),
            current_theme is not None and theme.pk == current_theme.pk,
        )
        for theme in themes
    ]

    for name, field, choices in (
        ("kind", "kind", ContributionKind.choices),
        ("sector", "author_institution__sector", Sector.choices),
        ("province", "province", Province.choices),
    ):
        counts = _grouped(scope(name), field)
        result[name] = [
            Option(value, label, counts.get(value, 0), selected(name, value))
            for value, label in choices
            if counts.get(value) or selected(name, value)
        ]

    rows = (
        scope("institution")
        .order_by()
        .values("author_institution", "author_institution__name")
        .annotate(n=Count("pk"))
        .order_by("author_institution__name")
        .values_list("author_institution", "author_institution__name", "n")
    )
    options = [Option(str(pk), name, n, selected("institution", pk)) for pk, name, n in rows]
    chosen = filters.get("institution")
    if chosen is not None and not any(option.selected for option in options):
        name = Institution.objects.filter(pk=chosen).values_list("name", flat=True).first()
        options.insert(0, Option(str(chosen), name or str(chosen), 0, True))
    result["institution"] = options

    rows = (
        scope("year")
        .order_by()
        .annotate(published_year=ExtractYear("first_published_at"))
        .values("published_year")
        .annotate(n=Count("pk"))
        .order_by("-published_year")
        .values_list("published_year", "n")
    )
    options = [Option(str(year), str(year), n, selected("year", year)) for year, n in rows if year]
    chosen = filters.get("year")
    if chosen is not None and not any(option.selected for option in options):
        options.insert(0, Option(str(chosen), str(chosen), 0, True))
    result["year"] = options

    rows = (
        TaggedContribution.objects.filter(content_object__in=scope("tag").order_by().values("pk"))
        .values("tag__slug", "tag__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "tag__name")
        .values_list("tag__slug", "tag__name", "n")[:TAG_FACET_SIZE]
    )
    options = sorted(
        (Option(slug, name, n, selected("tag", slug)) for slug, name, n in rows),
        key=lambda option: option.label.casefold(),
    )
    chosen = filters.get("tag")
    if chosen is not None and not any(option.selected for option in options):
        name = Tag.objects.filter(slug=chosen).values_list("name", flat=True).first()
        options.insert(0, Option(chosen, name or chosen, 0, True))
    result["tag"] = options

    result["anticorruption"] = scope("anticorruption").filter(anti_corruption_focus=True).count()
    return result
