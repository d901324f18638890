"""seed_demo's demo contributions: varied, moderated through Wagtail, marked as demo content."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from col_portal import seed_content
from members.content_files import DEMO_MARK, DEMO_MARK_EN
from members.models import District, Notification, User
from themes import selectors
from themes.models import SECTION_NAMES, Comment, Contribution, Theme, Visibility

DEMO_EMAILS = {person.email for person in seed_content.demo_people()}
SLUGS = [item.slug for item in seed_content.demo_lessons()]


def run_seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db, settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        out = run_seed_demo()
    return out


def demo_contributions():
    return Contribution.objects.filter(slug__in=SLUGS)


# ---- The data itself (no database)


def test_every_demo_person_named_in_the_lessons_exists():
    for item in seed_content.demo_lessons():
        assert item.author in DEMO_EMAILS, item.slug
        assert set(item.coauthors) <= DEMO_EMAILS, item.slug
        assert item.author not in item.coauthors, item.slug
        for comment in item.comments:
            assert comment.author in DEMO_EMAILS, item.slug


def test_tags_come_from_one_vocabulary_and_slugs_are_unique():
    assert len(set(SLUGS)) == len(SLUGS)
    for item in seed_content.demo_lessons():
        assert item.tags, item.slug
        assert set(item.tags) <= set(seed_content.demo_lessons_file().tags), item.slug


def test_every_summary_is_marked_as_demo_content_and_fits():
    for item in seed_content.demo_lessons():
        summary = item.summary_with_mark()
        assert summary.endswith(".)"), item.slug
        assert "Contenido de demostración." in summary, item.slug
        assert len(summary) <= 600, item.slug


def test_published_and_submitted_lessons_have_every_section_in_a_few_sentences():
    for item in seed_content.demo_lessons():
        if item.status == seed_content.DRAFT:
            continue
        for name in SECTION_NAMES:
            text = getattr(item, name)
            assert text.strip(), (item.slug, name)
            if item.status == seed_content.PUBLISHED:
                sentences = text.count(". ") + 1
                assert 2 <= sentences <= 5, (item.slug, name, sentences)


# ---- What seed_demo writes
#
# Seeding takes seconds (every contribution goes through Wagtail's revisions, publishing
# and search indexing), so one test seeds, checks everything, edits as a facilitator
# would, seeds again and checks that nothing was duplicated or overwritten.


def test_seed_demo_writes_varied_demo_contributions_once(seeded):
    assert f"Demo contributions: {len(seed_content.demo_lessons())} created" in seeded
    check_variety()
    check_published_through_wagtail()
    check_members_only()
    check_moderation_statuses()
    check_comments()
    # Seeded events are not news: no e-mail, but the notifications are in the portal.
    assert mail.outbox == []
    assert Notification.objects.filter(recipient__email="member@example.org").exists()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    edited = Contribution.objects.get(slug="turnos-de-riego-acordados-y-publicados")
    edited.title = "Turnos de riego publicados (revisado)"
    edited.save_revision().publish()
    Contribution.objects.filter(slug="tablero-abierto-de-proyectos-de-inversion").update(
        is_featured=False
    )
    Contribution.objects.get(slug="olive-growers-share-a-press").delete()
    comments = Comment.objects.count()

    out = run_seed_demo()

    assert f"1 created (1 published), {len(seed_content.demo_lessons()) - 1} already there" in out
    assert demo_contributions().count() == len(seed_content.demo_lessons())
    assert Contribution.objects.count() == len(seed_content.demo_lessons())
    assert Contribution.objects.get(pk=edited.pk).title == "Turnos de riego publicados (revisado)"
    assert not Contribution.objects.get(
        slug="tablero-abierto-de-proyectos-de-inversion"
    ).is_featured
    # The deleted one came back, with its comments (it has none); nothing else was added.
    assert Contribution.objects.filter(slug="olive-growers-share-a-press", live=True).exists()
    assert Comment.objects.count() == comments


def check_variety():
    published = demo_contributions().filter(live=True)
    themes = set(Theme.objects.values_list("slug", flat=True))
    assert {c.primary_theme.slug for c in published} == themes
    for theme in Theme.objects.all():
        assert published.filter(primary_theme=theme).count() >= 3, theme.slug
    assert {c.kind for c in published} == {"experience", "lesson", "good_practice"}
    institutions = {c.author_institution for c in published}
    assert len(institutions) >= 6
    assert len({institution.sector for institution in institutions}) >= 4
    places = District.objects.filter(contributions__in=published)
    assert set(places.values_list("province__slug", flat=True)) == {
        "mariscal-nieto",
        "general-sanchez-cerro",
        "ilo",
    }
    assert places.distinct().count() >= 10
    assert published.filter(language="en").exists()
    assert published.filter(anti_corruption_focus=True).count() >= 3
    assert published.filter(coauthors__isnull=False).distinct().count() >= 3
    assert published.filter(secondary_themes__isnull=False).distinct().exists()
    assert published.filter(is_featured=True).count() >= 3
    assert published.filter(tags__name="canon minero").distinct().count() >= 3


def check_published_through_wagtail():
    published = list(demo_contributions().filter(live=True))
    assert len(published) >= 14
    for contribution in published:
        assert contribution.live_revision_id is not None, contribution.slug
        assert contribution.latest_revision_id == contribution.live_revision_id
        assert not contribution.has_unpublished_changes
        assert contribution.first_published_at < timezone.now()
        assert selectors.contribution_status(contribution).code == "published"
        for name in SECTION_NAMES:
            assert getattr(contribution, name).strip(), (contribution.slug, name)
        assert contribution.summary.endswith((DEMO_MARK, DEMO_MARK_EN))
    assert len({c.first_published_at.date() for c in published}) > 10


def check_members_only():
    members_only = demo_contributions().filter(live=True, visibility=Visibility.MEMBERS)
    assert members_only.count() >= 3
    public = set(selectors.public_contributions().values_list("slug", flat=True))
    assert public.isdisjoint(members_only.values_list("slug", flat=True))
    assert len(public) >= 12


def check_moderation_statuses():
    statuses = [selectors.contribution_status(c).code for c in demo_contributions()]
    assert statuses.count("in_review") >= 2
    assert "draft" in statuses
    assert "needs_changes" in statuses

    member = User.objects.get(email="member@example.org")
    mine = {selectors.contribution_status(c).code for c in selectors.contributions_of(member)}
    assert {"published", "in_review", "draft", "needs_changes"} <= mine
    sent_back = Contribution.objects.get(slug="brigadas-escolares-de-vigilancia-ambiental")
    assert "resultados" in selectors.review_comment(sent_back)


def check_comments():
    assert demo_contributions().filter(comments__isnull=False).distinct().count() >= 8
    comments = Comment.objects.select_related("author", "contribution")
    assert comments.count() == sum(len(item.comments) for item in seed_content.demo_lessons())
    for comment in comments:
        assert comment.author.email in DEMO_EMAILS
        assert not comment.is_hidden
        assert comment.created_at >= comment.contribution.first_published_at
    # Mostly other members; an author may answer a question on their own contribution.
    by_authors = comments.filter(author=F("contribution__author")).count()
    assert by_authors <= 2
