"""The lessons list's facets and sorting (members.faceted), and the theme facet that the
library uses too.

The filter set narrows a queryset the caller got from the visibility rule
(`selectors.contributions_visible_to`), so that lists and counts never show what the
viewer may not read.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from members.faceted import (
    RELEVANCE_CHOICE,
    ChoiceFacet,
    DistrictFacet,
    Facet,
    FacetedFilterSet,
    FlagFacet,
    InstitutionFacet,
    Option,
    ProvinceFacet,
    YearFacet,
    grouped,
    links_of,
    narrow_through_links,
)
from members.models import Sector

from .models import Contribution, ContributionKind, TaggedContribution
from .selectors import themes_ordered

TAG_FACET_SIZE = 30


class ThemeField(forms.SlugField):
    """A theme's slug in, the theme out (from the list the facet read once)."""

    themes: list = []

    def clean(self, value):
        slug = super().clean(value)
        if not slug:
            return None
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise ValidationError(_("There is no theme with this name."), code="unknown_theme")


class ThemeFacet(Facet):
    """The priority themes, all of them in their order, each with its count. Counted
    through the many-to-many `field_name`; the lessons count their primary theme too."""

    field_class = ThemeField

    def __init__(self, field_name=None, **kwargs):
        super().__init__(field_name, label=_("Theme"), max_length=80, **kwargs)

    @cached_property
    def themes(self) -> list:
        return list(themes_ordered())

    @property
    def field(self):
        field = super().field
        field.themes = self.themes
        return field

    def filter(self, queryset, value):
        return narrow_through_links(queryset, self.field_name, value)

    def count(self, scope):
        return grouped(*links_of(scope, self.field_name))

    def options(self, counts, value):
        return [
            Option(
                theme.slug, theme.name, counts.get(theme.pk, 0), self.is_chosen(value, theme.slug)
            )
            for theme in self.themes
        ]

    def plain(self, value):
        return value.slug


class LessonThemeFacet(ThemeFacet):
    """A lesson is under its primary theme and its secondary ones."""

    def filter(self, queryset, value):
        secondary = Contribution.secondary_themes.through.objects.filter(theme=value)
        return queryset.filter(
            Q(primary_theme=value) | Q(pk__in=secondary.values("contribution_id"))
        )

    def count(self, scope):
        counts = grouped(scope, "primary_theme")
        for theme_id, number in super().count(scope).items():
            counts[theme_id] = counts.get(theme_id, 0) + number
        return counts


@dataclass(frozen=True)
class ChosenTag:
    """The tag filter's value: the tag's id (None if no tag has this slug), slug and name."""

    pk: int | None
    slug: str
    name: str

    def __str__(self):
        return self.name


class TagField(forms.SlugField):
    def clean(self, value):
        """The chosen tag, looked up once: filtering by its id (not through a join on its
        slug) lets PostgreSQL estimate how many contributions carry it."""
        slug = super().clean(value)
        if not slug:
            return None
        found = Tag.objects.filter(slug=slug).values_list("pk", "name").first()
        if found is None:
            # Unknown tags are not an error: a tag may have been merged or removed since
            # the link was made. The list is then empty, and says so.
            return ChosenTag(None, slug, slug)
        return ChosenTag(found[0], slug, found[1])


class TagFacet(Facet):
    """The TAG_FACET_SIZE tags most used in the list, by name."""

    field_class = TagField

    def filter(self, queryset, tag):
        if tag.pk is None:
            return queryset.none()
        tagged = TaggedContribution.objects.filter(tag_id=tag.pk).values("content_object_id")
        return queryset.filter(pk__in=tagged)

    def count(self, scope):
        """(slug, name, count) of the most used tags in `scope`, the most used first (ties
        by name). Counted by tag id, then the names of the few kept are read: joining every
        tagging to its tag before counting cost twice as much."""
        used = TaggedContribution.objects.filter(content_object__in=scope.order_by().values("pk"))
        counts = dict(
            used.values("tag_id").annotate(n=Count("pk")).order_by().values_list("tag_id", "n")
        )
        if not counts:
            return []
        ranked = sorted(counts.values(), reverse=True)
        least = ranked[min(TAG_FACET_SIZE, len(ranked)) - 1]
        candidates = [pk for pk, n in counts.items() if n >= least]  # ties at the cut included
        tags = Tag.objects.filter(pk__in=candidates).values_list("pk", "slug", "name")
        rows = sorted(((slug, name, counts[pk]) for pk, slug, name in tags), key=_by_use_then_name)
        return rows[:TAG_FACET_SIZE]

    def options(self, counts, tag):
        options = sorted(
            (Option(slug, name, n, self.is_chosen(tag, slug)) for slug, name, n in counts),
            key=lambda option: option.label.casefold(),
        )
        if tag is not None and not any(option.selected for option in options):
            options.insert(0, Option(tag.slug, tag.name, 0, True))
        return options

    def plain(self, tag):
        return tag.slug


def _by_use_then_name(row):
    return (-row[2], row[1])


class LessonFilterSet(FacetedFilterSet):
    """The lessons list's facets, in the order of its sidebar."""

    theme = LessonThemeFacet("secondary_themes", all_label=_("All themes"))
    kind = ChoiceFacet(label=_("Kind"), choices=ContributionKind.choices, all_label=_("All kinds"))
    sector = ChoiceFacet(
        "author_institution__sector",
        label=_("Sector of the institution"),
        choices=Sector.choices,
        all_label=_("All sectors"),
    )
    institution = InstitutionFacet("author_institution", all_label=_("All institutions"))
    province = ProvinceFacet(label=_("Province"), all_label=_("All provinces"))
    district = DistrictFacet(label=_("District"), all_label=_("All districts"))
    tag = TagFacet(label=_("Tag"), max_length=100, allow_unicode=True, all_label=_("All tags"))
    year = YearFacet(
        "first_published_at",
        "year",
        label=_("Year published"),
        min_value=1990,
        max_value=2999,
        all_label=_("Any year"),
    )
    anticorruption = FlagFacet(
        "anti_corruption_focus",
        label=_("Only with a transparency and anti-corruption focus"),
        active_label=_("Transparency and anti-corruption focus"),
    )

    sort_choices = [
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("title", _("Title (A to Z)")),
        RELEVANCE_CHOICE,
    ]
    orderings = {
        "newest": ("-first_published_at", "-pk"),
        "oldest": ("first_published_at", "pk"),
        "title": (Lower("title"), "pk"),
    }
