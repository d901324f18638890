"""seed_bulk: synthetic data in bulk for benchmarks, and --purge that removes only it."""

import pytest
from django.core.management.base import CommandError
from taggit.models import Tag
from wagtail.search.backends import get_search_backend

from members import roles
from members.models import Institution, User
from tests.factories import ContributionFactory, MemberFactory
from tests.perf import seed_bulk
from tests.perf.seed_bulk import run
from themes import selectors, services
from themes.models import Comment, Contribution, TaggedContribution

pytestmark = pytest.mark.django_db

SMALL = {
    "contributions": 50,
    "institutions": 3,
    "members": 10,
    "tags": 8,
    "comments_per": 2,
    "batch_size": 20,
    "workshops": 0,
    "registrations": 0,
    "resources": 0,
    "agreement_spaces": 0,
}


def synthetic():
    return seed_bulk.synthetic_contributions()


def search_slugs(query: str) -> set[str]:
    results = get_search_backend().search(query, Contribution.objects.filter(live=True))
    return {contribution.slug for contribution in results}


def test_refuses_when_debug_is_off(settings, themes):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        run(**SMALL)

    assert not Contribution.objects.exists()
    assert not Institution.objects.exists()


def test_runs_with_force_when_debug_is_off(settings, themes):
    settings.DEBUG = False

    run("--force", **SMALL)

    assert synthetic().count() == 50


def test_creates_published_synthetic_contributions_with_their_relations(debug_on, themes):
    out = run(**SMALL)

    contributions = synthetic()
    assert contributions.count() == Contribution.objects.count() == 50
    assert Institution.objects.filter(name__startswith="Institución sintética").count() == 3
    people = User.objects.filter(email__endswith="@sintetico.invalid")
    assert people.count() == 10
    assert all(roles.is_member(person) for person in people)
    assert not any(person.has_usable_password() for person in people)
    assert Tag.objects.filter(name__startswith="etiqueta sintética").count() == 8

    live = contributions.filter(live=True)
    assert live.count() >= 45
    for contribution in live:
        assert contribution.first_published_at is not None
        assert contribution.slug.startswith("sintetica-")
        assert (
            "sintétic" in contribution.summary.lower()
            or "synthetic" in contribution.summary.lower()
        )
        assert contribution.author_institution_id == contribution.author.institution_id
        assert contribution.title and contribution.lesson and contribution.recommendations
        assert contribution.tags.exists()
    assert {c.primary_theme_id for c in contributions} == {theme.pk for theme in themes}
    assert Comment.objects.filter(contribution__in=contributions).exists()
    assert contributions.filter(secondary_themes__isnull=False).exists()
    # The public pages' rule reads them like any other contribution.
    assert selectors.public_contributions().filter(slug__startswith="sintetica-").exists()
    # They are in the search index.
    assert search_slugs("agua") & set(contributions.values_list("slug", flat=True))
    # The progress bar.
    assert "[##############################] 50/50" in out
    assert "Contributions: 50 created" in out


def test_a_second_run_adds_contributions_and_reuses_people_and_tags(debug_on, themes):
    run(**SMALL)
    run(**{**SMALL, "contributions": 20})

    assert synthetic().count() == 70
    assert Institution.objects.filter(name__startswith="Institución sintética").count() == 3
    assert User.objects.filter(email__endswith="@sintetico.invalid").count() == 10
    assert Tag.objects.filter(name__startswith="etiqueta sintética").count() == 8
    assert Contribution.objects.filter(slug="sintetica-70").exists()


def test_purge_removes_only_the_synthetic_data(debug_on, themes):
    real = ContributionFactory(primary_theme=themes[0], title="Turnos de agua en el valle")
    services.contribution_save_draft(user=real.author, contribution=real, fields={}, tags=["agua"])
    real_member = MemberFactory()
    services.comment_create(user=real_member, contribution=real, body="Muy útil, gracias.")
    run(**SMALL)
    # A facilitator reused a synthetic tag on a real contribution: it stays.
    reused = Tag.objects.get(name="etiqueta sintética 1")
    TaggedContribution.objects.create(tag=reused, content_object=real)

    out = run("--purge")

    assert "Contributions: 50 removed" in out
    assert not synthetic().exists()
    assert list(Contribution.objects.all()) == [real]
    assert not User.objects.filter(email__endswith="@sintetico.invalid").exists()
    assert not Institution.objects.filter(name__startswith="Institución sintética").exists()
    assert list(Tag.objects.filter(name__startswith="etiqueta sintética")) == [reused]
    assert Comment.objects.filter(contribution=real, author=real_member).count() == 1
    assert User.objects.filter(pk__in=[real.author_id, real_member.pk]).count() == 2
    assert Institution.objects.filter(pk=real_member.institution_id).exists()
    # The search index no longer has them, and still has the real one.
    assert search_slugs("agua") == {real.slug}


def test_purge_with_nothing_to_remove_says_so(debug_on):
    out = run("--purge")

    assert "Contributions: 0 removed" in out


def test_negative_numbers_are_refused(debug_on, themes):
    with pytest.raises(CommandError, match="cannot be negative"):
        run(contributions=-1)


def test_scale_multiplies_every_number(debug_on, themes):
    out = run(scale=3, **{**SMALL, "contributions": 4, "institutions": 2, "members": 3})

    assert synthetic().count() == 12
    assert Institution.objects.filter(name__startswith=seed_bulk.INSTITUTION_PREFIX).count() == 6
    assert User.objects.filter(email__endswith="@" + seed_bulk.EMAIL_DOMAIN).count() == 9
    assert "12 created" in out or "12/12" in out


def test_scale_must_be_positive(debug_on, themes):
    with pytest.raises(CommandError, match="--scale"):
        run(scale=0, **SMALL)
