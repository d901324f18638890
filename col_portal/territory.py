"""The territory: one page per province and per district of Moquegua, with the public
lessons, workshops, library resources, commitments and institutions tied to it, and an index of the
three provinces with their districts and counts.

Composed here, at the top, from each app's selectors (the apps below know nothing of
each other's places). Only public things are shown, to everyone: the pages are the same
for a visitor and a member, and members find the rest in the lists, filtered by district.
Each section shows the first SECTION_SIZE items and links to the full list filtered by
the place, so that a page costs the same number of queries however much is tied to it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from members.links import absolute_url
from members.models import District, Institution, Province
from members.places import counts_by_place
from members.selectors import institutions_in, provinces_with_districts
from resources.selectors import public_resources, public_resources_in
from themes.selectors import public_contributions, public_lessons_in
from workshops.selectors import (
    public_commitments_in,
    public_workshops,
    public_workshops_in,
    with_my_registration,
)

SECTION_SIZE = 6


@dataclass(frozen=True)
class Counts:
    lessons: int = 0
    workshops: int = 0
    resources: int = 0
    institutions: int = 0

    @property
    def total(self) -> int:
        return self.lessons + self.workshops + self.resources + self.institutions


def _place_counts() -> tuple[dict[int, Counts], dict[int, Counts]]:
    """Counts of public things per district and per province (eight grouped queries)."""
    kinds = {
        "lessons": counts_by_place(public_contributions()),
        "workshops": counts_by_place(public_workshops()),
        "resources": counts_by_place(public_resources()),
        "institutions": counts_by_place(Institution.objects.all(), field="district"),
    }

    def per(index: int) -> dict[int, Counts]:
        ids = {pk for by_place in kinds.values() for pk in by_place[index]}
        return {
            pk: Counts(**{kind: by_place[index].get(pk, 0) for kind, by_place in kinds.items()})
            for pk in ids
        }

    return per(0), per(1)


def _with_counts(provinces, by_district, by_province):
    return [
        {
            "province": province,
            "counts": by_province.get(province.pk, Counts()),
            "districts": [
                {"district": district, "counts": by_district.get(district.pk, Counts())}
                for district in province.districts.all()
            ],
        }
        for province in provinces
    ]


@require_GET
def territory_index(request):
    by_district, by_province = _place_counts()
    return render(
        request,
        "col_portal/territory_index.html",
        {
            "provinces": _with_counts(provinces_with_districts(), by_district, by_province),
            "canonical_url": absolute_url(reverse("territory:index"), request),
        },
    )


def _sections(request, *, district=None, province=None) -> dict:
    """The lists of a place's page, each cut at SECTION_SIZE, with its full count."""
    place = {"district": district, "province": province}
    user = getattr(request, "user", None) or AnonymousUser()
    lessons = public_lessons_in(**place)
    upcoming = with_my_registration(public_workshops_in(**place, past=False), user)
    past = with_my_registration(public_workshops_in(**place, past=True), user)
    resources = public_resources_in(**place)
    commitments = public_commitments_in(**place)
    return {
        "commitments": list(commitments[:SECTION_SIZE]),
        "commitment_count": commitments.count(),
        "lessons": list(lessons[:SECTION_SIZE]),
        "lesson_count": lessons.count(),
        "upcoming": list(upcoming[:SECTION_SIZE]),
        "upcoming_count": upcoming.count(),
        "past": list(past[:SECTION_SIZE]),
        "past_count": past.count(),
        "resources": list(resources[:SECTION_SIZE]),
        "resource_count": resources.count(),
        "institutions": list(institutions_in(**place)),
        "section_size": SECTION_SIZE,
    }


def _list_url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


@require_GET
def province_detail(request, province):
    found = Province.objects.filter(slug=province).prefetch_related("districts").first()
    if found is None:
        raise Http404
    by_district, by_province = _place_counts()
    return render(
        request,
        "col_portal/territory_place.html",
        {
            "province": found,
            "district": None,
            "districts": _with_counts([found], by_district, by_province)[0]["districts"],
            "lessons_url": _list_url("themes:lesson_list", province=found.slug),
            "resources_url": _list_url("resources:library", province=found.slug),
            "commitments_url": reverse("workshops:commitments"),
            "canonical_url": absolute_url(found.get_absolute_url(), request),
            **_sections(request, province=found),
        },
    )


@require_GET
def district_detail(request, province, district):
    found = (
        District.objects.select_related("province")
        .filter(slug=district, province__slug=province)
        .first()
    )
    if found is None:
        raise Http404
    return render(
        request,
        "col_portal/territory_place.html",
        {
            "province": found.province,
            "district": found,
            "lessons_url": _list_url("themes:lesson_list", district=found.slug),
            "upcoming_url": _list_url("workshops:list", distrito=found.slug),
            "past_url": _list_url("workshops:list", distrito=found.slug, periodo="pasados"),
            "resources_url": _list_url("resources:library", district=found.slug),
            "commitments_url": _list_url("workshops:commitments", district=found.slug),
            "canonical_url": absolute_url(found.get_absolute_url(), request),
            **_sections(request, district=found),
        },
    )
