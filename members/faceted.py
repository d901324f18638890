"""One faceted listing for the portal's public lists (the lessons, the library).

A list is a `FacetedFilterSet` (django-filter) over a queryset that the caller got from
its visibility selector: the filter set only narrows it, so that neither the items nor the
counts ever show what the viewer may not read. Each filter is a `Facet`, shown in the
sidebar (templates/includes/facets.html) with its options and how many items each option
would show. A facet's counts apply every other active filter and the search, never the
facet's own value, so that people see where switching would take them; the chosen value
is always among the options, even with no results. Bad values in the address are
reported by the form and ignored: the page is the list without them.

`FacetedListView` puts the list together: search, filters, counts, order, pagination. A
list whose figures are costly keeps them in a cache by overriding `cached()`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .models import District, Institution, Province
from .places import districts_with_provinces

PAGE_SIZE = 12
SORT_RELEVANCE = "relevance"
RELEVANCE_CHOICE = (SORT_RELEVANCE, _("Relevance (when searching)"))


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool
    group: str = ""


@dataclass(frozen=True)
class Shown:
    """A facet as the sidebar shows it: its form field, its options, the chosen value."""

    facet: "Facet"
    field: forms.BoundField
    options: list[Option]
    value: Any

    @property
    def checkbox(self) -> bool:
        return isinstance(self.facet, FlagFacet)


def grouped(scope: QuerySet, field) -> dict:
    """{value of `field`: number of items}."""
    rows = scope.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return dict(rows)


def _links(model, field_name: str):
    """The link model of a many-to-many field and the names of its two sides."""
    field = model._meta.get_field(field_name)
    return field.remote_field.through, field.m2m_field_name(), field.m2m_reverse_field_name()


def narrow_through_links(queryset: QuerySet, field_name: str, value) -> QuerySet:
    """Items linked to `value` through the many-to-many `field_name`, by a subquery on the
    links: no join, so no duplicate rows and no join shared with another facet."""
    through, source, target = _links(queryset.model, field_name)
    return queryset.filter(pk__in=through.objects.filter(**{target: value}).values(source))


def links_of(scope: QuerySet, field_name: str) -> tuple[QuerySet, str]:
    """The links of the many-to-many `field_name` of the items in `scope`, and the name of
    their side that points to the other model."""
    through, source, target = _links(scope.model, field_name)
    return through.objects.filter(**{f"{source}__in": scope.order_by().values("pk")}), target


class Facet(django_filters.Filter):
    """One filter of a faceted list, shown with its options and their counts.

    Narrows like any django-filter filter (`field_name`, `lookup_expr`, or `method`);
    `count(scope)` returns plain data (so that it can be cached) and `options()` turns it
    into what the sidebar shows, in the viewer's language.
    """

    def __init__(self, field_name=None, lookup_expr=None, *, all_label="", **kwargs):
        super().__init__(field_name, lookup_expr, **kwargs)
        self.all_label = all_label

    def count(self, scope: QuerySet) -> Any:
        raise NotImplementedError

    def column(self):
        """An expression of the item's own row to group by, when this facet's counts can be
        read from one grouping shared with other facets (`from_groups`); None otherwise."""
        return None

    def from_groups(self, groups: dict) -> Any:
        """What `count()` returns, from {value of `column()`: number of items}."""
        raise NotImplementedError

    def options(self, counts, value) -> list[Option]:
        raise NotImplementedError

    def plain(self, value):
        """The value as a slug or a number, e.g. to key a cache with."""
        return value

    def is_chosen(self, value, option_value) -> bool:
        return value is not None and str(self.plain(value)) == str(option_value)

    def describe(self, value, options) -> str:
        """The chosen value as the list of active filters names it."""
        chosen = [option.label for option in options if option.selected]
        return chosen[0] if chosen else str(self.plain(value))


class ChoiceFacet(Facet):
    """A field with fixed choices; the sidebar offers those with items, and the chosen one."""

    field_class = forms.ChoiceField

    def __init__(self, field_name=None, *, choices, **kwargs):
        super().__init__(field_name, choices=[("", _("All")), *choices], **kwargs)
        self.choices = choices

    def count(self, scope):
        return grouped(scope, self.field_name)

    def column(self):
        return None if "__" in self.field_name else F(self.field_name)

    def from_groups(self, groups):
        return dict(groups)

    def options(self, counts, value):
        return [
            Option(code, label, counts.get(code, 0), self.is_chosen(value, code))
            for code, label in self.choices
            if counts.get(code) or self.is_chosen(value, code)
        ]


class YearFacet(Facet):
    """A year (a date field's, with lookup_expr="year"), the most recent first."""

    field_class = forms.IntegerField

    def count(self, scope):
        rows = scope.order_by().values(facet_year=self.column()).annotate(n=Count("pk"))
        return self.from_groups(dict(rows.values_list("facet_year", "n")))

    def column(self):
        field = self.field_name
        return ExtractYear(field) if self.lookup_expr == "year" else F(field)

    def from_groups(self, groups):
        # Sorted here: ordering the groups in SQL made PostgreSQL sort every row first.
        return sorted(((y, n) for y, n in groups.items() if y), reverse=True)

    def options(self, counts, value):
        options = [Option(str(y), str(y), n, self.is_chosen(value, y)) for y, n in counts]
        if value is not None and not any(option.selected for option in options):
            options.insert(0, Option(str(value), str(value), 0, True))
        return options


class InstitutionFacet(Facet):
    """The institution behind an item (a foreign key or a many-to-many field), by name."""

    field_class = forms.IntegerField

    def __init__(self, field_name=None, **kwargs):
        super().__init__(field_name, label=_("Institution"), min_value=1, max_value=2**53, **kwargs)

    def _many(self, queryset) -> bool:
        return queryset.model._meta.get_field(self.field_name).many_to_many

    def filter(self, queryset, value):
        if self._many(queryset):
            return narrow_through_links(queryset, self.field_name, value)
        return queryset.filter(**{f"{self.field_name}_id": value})

    def count(self, scope):
        field = self.field_name
        if self._many(scope):
            scope, field = links_of(scope, field)
        name = f"{field}__name"
        rows = scope.order_by().values(field, name).annotate(n=Count("pk")).order_by(name)
        return list(rows.values_list(field, name, "n"))

    def options(self, counts, value):
        options = [Option(str(pk), name, n, self.is_chosen(value, pk)) for pk, name, n in counts]
        if value is not None and not any(option.selected for option in options):
            name = Institution.objects.filter(pk=value).values_list("name", flat=True).first()
            options.insert(0, Option(str(value), name or str(value), 0, True))
        return options


class PlaceField(forms.SlugField):
    """A province's or district's slug in, the place out (from the list the facet read)."""

    places: list = []
    unknown_message = ""

    def clean(self, value):
        slug = super().clean(value)
        if not slug:
            return None
        for place in self.places:
            if place.slug == slug:
                return place
        raise ValidationError(self.unknown_message, code="unknown_place")


class _PlaceFacet(Facet):
    field_class = PlaceField
    unknown_message = ""

    def __init__(self, field_name="districts", **kwargs):
        super().__init__(field_name, max_length=60, **kwargs)

    @property
    def field(self):
        field = super().field
        field.places = self.places
        field.unknown_message = self.unknown_message
        return field

    def plain(self, value):
        return value.slug


class DistrictFacet(_PlaceFacet):
    """The districts an item is tied to (the many-to-many `field_name`), in ubigeo order
    and grouped by province; those with items are offered, and the chosen one."""

    unknown_message = _("There is no district with this name in Moquegua.")

    @cached_property
    def places(self) -> list[District]:
        return list(districts_with_provinces())

    def filter(self, queryset, value):
        return narrow_through_links(queryset, self.field_name, value)

    def count(self, scope):
        return grouped(*links_of(scope, self.field_name))

    def options(self, counts, value):
        return [
            Option(d.slug, d.name, counts.get(d.pk, 0), selected, d.province.name)
            for d in self.places
            for selected in [self.is_chosen(value, d.slug)]
            if counts.get(d.pk) or selected
        ]


class ProvinceFacet(_PlaceFacet):
    """The provinces of the districts an item is tied to; an item tied to two districts
    of a province counts once."""

    unknown_message = _("There is no province with this name in Moquegua.")

    @cached_property
    def places(self) -> list[Province]:
        return list(Province.objects.order_by("ubigeo"))

    def filter(self, queryset, value):
        through, source, target = _links(queryset.model, self.field_name)
        links = through.objects.filter(**{f"{target}__province": value})
        return queryset.filter(pk__in=links.values(source))

    def count(self, scope):
        links, target = links_of(scope, self.field_name)
        source = scope.model._meta.get_field(self.field_name).m2m_field_name()
        rows = (
            links.order_by()
            .values(f"{target}__province")
            .annotate(n=Count(source, distinct=True))
            .values_list(f"{target}__province", "n")
        )
        return dict(rows)

    def options(self, counts, value):
        return [
            Option(p.slug, p.name, counts.get(p.pk, 0), selected)
            for p in self.places
            for selected in [self.is_chosen(value, p.slug)]
            if counts.get(p.pk) or selected
        ]


class FlagFacet(Facet):
    """A checkbox ("only those that…"), shown with how many items have the flag; its one
    option's label names it among the active filters."""

    field_class = forms.BooleanField

    def __init__(self, field_name=None, *, active_label, **kwargs):
        super().__init__(field_name, **kwargs)
        self.active_label = active_label

    def filter(self, queryset, value):
        return queryset.filter(**{self.field_name: True}) if value else queryset

    def count(self, scope):
        return scope.filter(**{self.field_name: True}).count()

    def column(self):
        return F(self.field_name)

    def from_groups(self, groups):
        return groups.get(True, 0)

    def options(self, counts, value):
        return [Option("1", str(self.active_label), counts, bool(value))]


class ListForm(forms.Form):
    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


class FacetedFilterSet(django_filters.FilterSet):
    """A list's search box, facets and sort. Subclasses declare their facets in the order
    of the sidebar, `sort_choices` (relevance included) and `orderings` (the arguments of
    `order_by()` for each choice but relevance)."""

    sort_choices: list[tuple[str, str]]
    orderings: dict[str, tuple]
    default_sort = "newest"

    class Meta:
        form = ListForm

    def get_form_class(self):
        fields = {
            "q": forms.CharField(label=_("Search"), max_length=200, required=False),
            **{name: facet.field for name, facet in self.filters.items()},
            "sort": forms.ChoiceField(
                label=_("Sort by"), choices=self.sort_choices, required=False
            ),
        }
        return type(f"{type(self).__name__}Form", (self._meta.form,), fields)

    @cached_property
    def cleaned(self) -> dict:
        """The valid values (invalid ones are left out, and reported by the form)."""
        self.form.is_valid()
        return self.form.cleaned_data

    @cached_property
    def active(self) -> dict:
        """The valid, non-empty filters."""
        values = {name: self.cleaned.get(name) for name in self.filters}
        return {name: value for name, value in values.items() if value not in (None, "", False)}

    @property
    def query(self) -> str:
        return self.cleaned.get("q") or ""

    @property
    def ordering(self) -> str:
        """The chosen sort; relevance only when searching, and by default then."""
        sort = self.cleaned.get("sort") or ""
        if sort == SORT_RELEVANCE and not self.query:
            sort = ""
        return sort or (SORT_RELEVANCE if self.query else self.default_sort)

    def narrow(self, queryset: QuerySet, *, skip: str | None = None) -> QuerySet:
        for name, value in self.active.items():
            if name != skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_queryset(self, queryset):
        return self.narrow(queryset)

    def plain(self) -> dict:
        """The active filters as slugs and numbers, e.g. to key a cache with."""
        return {name: self.filters[name].plain(value) for name, value in self.active.items()}

    def counts(self, base: QuerySet) -> dict[str, Any]:
        """Each facet's counts over `base` narrowed by every other active filter.

        The facets not in use all count over the same items (the list as filtered now);
        those whose value is a column of the item's own row (`Facet.column()`: a kind, a
        province, a year, a flag) are counted together, in one pass over the rows grouped
        by all of them at once (a few hundred groups at most), instead of one pass each."""
        counts: dict[str, Any] = {}
        shared = [
            name
            for name, facet in self.filters.items()
            if name not in self.active and facet.column() is not None
        ]
        if len(shared) > 1:
            columns = {f"facet_{name}": self.filters[name].column() for name in shared}
            rows = (
                self.narrow(base)
                .order_by()
                .values(**columns)
                .annotate(facet_n=Count("pk"))
                .values_list(*columns, "facet_n")
            )
            groups: dict[str, dict] = {name: {} for name in shared}
            for row in rows:
                for name, value in zip(shared, row, strict=False):
                    groups[name][value] = groups[name].get(value, 0) + row[-1]
            counts = {name: self.filters[name].from_groups(groups[name]) for name in shared}
        return {
            name: counts[name] if name in counts else facet.count(self.narrow(base, skip=name))
            for name, facet in self.filters.items()
        }

    def shown(self, counts: dict[str, Any]) -> list[Shown]:
        return [
            Shown(facet, self.form[name], facet.options(counts[name], value), value)
            for name, facet in self.filters.items()
            for value in [self.active.get(name)]
        ]


def active_filters(request, filterset: FacetedFilterSet, shown: list[Shown]) -> list[dict]:
    """What narrows the list now, each with a link that removes it."""

    def chip(name, label, value) -> dict:
        params = request.GET.copy()
        for removed in (name, "page"):
            params.pop(removed, None)
        url = f"{request.path}?{params.urlencode()}" if params else request.path
        return {"label": label, "value": value, "url": url}

    chips = [chip("q", filterset.form["q"].label, filterset.query)] if filterset.query else []
    return chips + [
        chip(facet.field.name, facet.field.label, facet.facet.describe(facet.value, facet.options))
        for facet in shown
        if facet.value is not None
    ]


class FacetedListView(TemplateView):
    """A faceted list: search, filters with counts, order and pages of PAGE_SIZE items.

    Subclasses give the filter set, `visible` (the visibility selector: user -> queryset),
    `with_card_relations()` and `search` (the ids of the items of a queryset that match
    the words, best first); the page's items are in the context as `object_list_name`.
    """

    filterset_class: type[FacetedFilterSet]
    object_list_name = "object_list"
    visible: Callable[[Any], QuerySet]
    search: Callable[[QuerySet, str], list[int]]

    def with_card_relations(self, queryset: QuerySet) -> QuerySet:
        return queryset

    def search_words(self, query: str) -> str:
        """The words searched, as they key the figures."""
        return query.lower()

    def cached(self, name: str, parts: dict, compute: Callable[[], Any]) -> Any:
        """`compute()`; a list caches its figures (`name`: search, kept, count, facets)
        here, keyed by `parts`, which hold everything they depend on but the data."""
        return compute()

    def get_context_data(self, **kwargs):
        user = self.request.user
        filterset = self.filterset_class(self.request.GET, queryset=self.visible(user))
        query, sort = filterset.query, filterset.ordering
        key = {"filters": filterset.plain(), "q": self.search_words(query)}

        base = filterset.queryset
        kept: list[int] = []
        if query:
            ranked = self.cached("search", {"q": key["q"]}, lambda: self.search(base, key["q"]))
            base = base.filter(pk__in=ranked)
        results = filterset.narrow(base)

        if query:
            # The matches that pass the filters, best first; their number is the count.
            kept = ranked
            if filterset.active:
                kept = self.cached("kept", key, lambda: _in_rank_order(results, ranked))
            count = len(kept)
        else:
            count = self.cached("count", key, results.count)

        number = self.request.GET.get("page")
        if sort == SORT_RELEVANCE:
            page = Paginator(kept, PAGE_SIZE).get_page(number)
            # The rows come through the visibility rule again, never from cached ids alone.
            readable = self.with_card_relations(self.visible(user)).in_bulk(list(page.object_list))
            page.object_list = [readable[pk] for pk in page.object_list if pk in readable]
        else:
            ordered = results.order_by(*filterset.orderings[sort])
            paginator = Paginator(self.with_card_relations(ordered), PAGE_SIZE)
            paginator.count = count  # counted above (maybe cached): not counted again
            page = paginator.get_page(number)

        counts = self.cached("facets", key, lambda: filterset.counts(base))
        shown = filterset.shown(counts)
        return super().get_context_data(
            form=filterset.form,
            query=query,
            sort=sort,
            filters=filterset.active,
            facets=shown,
            active_filters=active_filters(self.request, filterset, shown),
            page_obj=page,
            result_count=page.paginator.count,
            **{self.object_list_name: page.object_list},
            **kwargs,
        )


def _in_rank_order(results: QuerySet, ranked_ids: list[int]) -> list[int]:
    kept = set(results.values_list("pk", flat=True))
    return [pk for pk in ranked_ids if pk in kept]
