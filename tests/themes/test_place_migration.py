"""themes 0007: the old free-text province and district of a contribution become its
districts (members.District), in the table and in the saved revisions."""

import importlib

import pytest
from django.apps import apps

from members.models import District
from tests.factories import ContributionFactory, district, districts_of

pytestmark = pytest.mark.django_db

migration = importlib.import_module("themes.migrations.0007_districts_from_province")


def slugs(ids) -> list[str]:
    by_pk = dict(District.objects.values_list("pk", "slug"))
    return [by_pk[pk] for pk in ids]


@pytest.mark.parametrize(
    ("province", "name", "expected"),
    [
        ("ilo", "El Algarrobal", ["el-algarrobal"]),
        ("ilo", "Ilo", ["ilo-distrito"]),
        ("general_sanchez_cerro", "ichuna", ["ichuna"]),  # accents and case do not matter
        ("mariscal_nieto", "San Cristóbal", ["san-cristobal"]),
        ("", "", []),
    ],
)
def test_a_district_name_becomes_that_district(province, name, expected):
    assert slugs(migration.places(apps)(province, name)) == expected


@pytest.mark.parametrize("name", ["", "Calacoa", "Torata"])  # Torata is not in Ilo
def test_a_province_alone_or_an_unknown_name_becomes_the_whole_province(name):
    assert slugs(migration.places(apps)("ilo", name)) == [
        "ilo-distrito",
        "el-algarrobal",
        "pacocha",
    ]
    assert len(migration.places(apps)("mariscal_nieto", name if name != "Torata" else "")) == 7


def test_saved_revisions_keep_their_place():
    contribution = ContributionFactory(published=False)
    revision = contribution.latest_revision
    content = dict(revision.content)
    content.pop("districts", None)
    revision.content = {**content, "province": "general_sanchez_cerro", "district": "Omate"}
    revision.save(update_fields=["content"])

    migration.rewrite_revisions(apps, migration.places(apps))

    revision.refresh_from_db()
    assert "province" not in revision.content and "district" not in revision.content
    draft = contribution.get_latest_revision_as_object()
    assert [d.name for d in draft.districts.all()] == ["Omate"]
    assert district("omate") in districts_of("general-sanchez-cerro")
