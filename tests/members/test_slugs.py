"""One unique-slug rule for lessons, library resources and workshops: the title as a slug,
then "-2", "-3"... when it is taken; a word of the app's when the title has no letters."""

from datetime import datetime

import pytest
from django.utils import timezone

from members.slugs import unique_slug
from resources.services import unique_resource_slug
from tests.factories import ContributionFactory, MemberFactory, ThemeFactory, WorkshopFactory
from themes import services as lesson_services
from themes.models import Contribution
from workshops.services import unique_workshop_slug

pytestmark = pytest.mark.django_db


def test_a_lesson_with_a_taken_title_gets_the_next_number():
    member, theme = MemberFactory(), ThemeFactory()
    ContributionFactory(slug="mesa-tecnica-del-agua")
    ContributionFactory(slug="mesa-tecnica-del-agua-2")

    draft = lesson_services.contribution_save_draft(
        user=member,
        fields={"title": "Mesa técnica del agua", "summary": "Resumen.", "primary_theme": theme},
    )

    assert draft.slug == "mesa-tecnica-del-agua-3"


def test_a_title_without_letters_falls_back_and_is_cut():
    assert unique_slug(
        "¿?", taken=Contribution.objects, fallback="contribucion", max_length=200
    ) == ("contribucion")
    assert unique_slug("a" * 300, taken=Contribution.objects, fallback="x", max_length=200) == (
        "a" * 200
    )


def test_reserved_addresses_and_the_workshop_date_suffix():
    assert unique_resource_slug("Proponer") == "proponer-2"
    starts = timezone.make_aware(datetime(2031, 3, 14, 23, 30))  # Lima: still the 14th
    WorkshopFactory(slug="taller-del-canon-2031-03-14")

    assert unique_workshop_slug("Taller del canon", starts) == "taller-del-canon-2031-03-14-2"
