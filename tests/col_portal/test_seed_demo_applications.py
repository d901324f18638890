"""seed_demo's demo applications of lessons and demo lessons that build on others: approved
through the moderation workflow, in several districts, marked as demo content, written once."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from col_portal import seed_content
from members.content_files import DEMO_MARK
from members.models import Notification
from themes import selectors
from themes.models import Contribution, LessonApplication


def run_seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_every_demo_application_names_a_published_lesson_and_a_member():
    content = seed_content.demo_applications_file()
    published = {
        item.slug for item in seed_content.demo_lessons() if item.status == seed_content.PUBLISHED
    }
    authors = {item.slug: item.author for item in seed_content.demo_lessons()}
    assert len(content.applications) >= 5
    for item in content.applications:
        assert item.lesson in published
        assert item.reporter != authors[item.lesson], item.lesson
        assert item.results_with_mark().endswith(DEMO_MARK)
    assert len({district for item in content.applications for district in item.districts}) >= 5


@pytest.mark.django_db
def test_seed_demo_writes_the_demo_applications_once(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        out = run_seed_demo()
    total = len(seed_content.demo_applications_file().applications)
    assert f"Demo applications of lessons: {total} created, 0 already there" in out

    applications = LessonApplication.objects.all()
    assert applications.count() == total
    assert not applications.filter(live=False).exists()
    assert all(a.results.endswith(DEMO_MARK) for a in applications)
    districts = {d.slug for a in applications for d in a.districts.all()}
    assert len(districts) >= 5
    # One of them is of a members-only lesson: the public does not see it.
    assert selectors.public_applications().count() == total - 1
    # The lessons' authors (and co-authors) were told, in the portal, not by e-mail.
    told = Notification.objects.filter(kind="application_new")
    assert told.count() >= total
    assert set(told.values_list("recipient__email", flat=True)) >= {
        a.lesson.author.email for a in applications
    }
    assert mail.outbox == []
    # A demo lesson builds on another, in its published version.
    later = Contribution.objects.get(slug="priorizar-inversiones-por-brechas")
    assert [c.slug for c in later.builds_on.all()] == ["tablero-abierto-de-proyectos-de-inversion"]
    assert later.get_latest_revision_as_object().builds_on.count() == 1

    LessonApplication.objects.filter(
        lesson__slug="turnos-de-riego-acordados-y-publicados"
    ).first().delete()
    out = run_seed_demo()
    assert f"Demo applications of lessons: 1 created, {total - 1} already there" in out
    assert "0 lessons told what they build on" in out
    assert LessonApplication.objects.count() == total
