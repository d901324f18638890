"""The demo applications of lessons and the demo lessons that build on others
(col_portal/content/demo_applications.yaml): a step of `seed_demo`, after the lessons."""

from collections import Counter
from datetime import timedelta

from django.core.management.base import CommandError
from django.db.models import Max
from django.utils import timezone

from members.models import Notification
from members.places import districts_by_slug
from themes import services
from themes.models import Contribution, LessonApplication

from .seed_content import FACILITATOR, demo_applications_file


def _builds_on(content, facilitator) -> int:
    """Set what a demo lesson builds on while it names nothing, through a revision the
    demo facilitator publishes (its dates kept)."""
    lessons = Contribution.objects.in_bulk(
        {slug for item in content.builds_on for slug in (item.lesson, *item.builds_on)},
        field_name="slug",
    )
    written = 0
    for item in content.builds_on:
        lesson = lessons.get(item.lesson)
        earlier = [lessons[slug] for slug in item.builds_on if slug in lessons]
        if lesson is None or not lesson.live or not earlier or lesson.builds_on.exists():
            continue
        dates = (lesson.first_published_at, lesson.last_published_at)
        draft = lesson.get_latest_revision_as_object()
        draft.builds_on = earlier
        draft.save_revision(user=facilitator, log_action=True, clean=False).publish(
            user=facilitator, log_action=True
        )
        Contribution.objects.filter(pk=lesson.pk).update(
            first_published_at=dates[0], last_published_at=dates[1]
        )
        written += 1
    return written


def _approve(application: LessonApplication, facilitator) -> None:
    """The facilitator's "approve" in the moderation workflow (which publishes it)."""
    task_state = application.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "approve")


def seed_applications(seed) -> None:
    """Report and approve the demo applications that are missing. The notifications this
    writes (to the facilitators, the reporters, the lessons' authors) stay in the portal
    but are not e-mailed."""
    users = seed.users
    facilitator = users[FACILITATOR]
    content = demo_applications_file()
    last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    lessons = Contribution.objects.in_bulk(
        {item.lesson for item in content.applications}, field_name="slug"
    )
    counted = Counter()
    for item in content.applications:
        lesson = lessons.get(item.lesson)
        reporter = users[item.reporter]
        if lesson is None or not lesson.live:
            counted["skipped"] += 1
            continue
        if LessonApplication.objects.filter(
            lesson=lesson, institution_id=reporter.institution_id, started_on=item.start
        ).exists():
            counted["already there"] += 1
            continue
        try:
            districts = districts_by_slug(item.districts)
        except ValueError as error:
            raise CommandError(f"demo_applications.yaml > {item.lesson}: {error}") from error
        application = services.application_report(
            user=reporter,
            lesson=lesson,
            fields={
                "started_on": item.start,
                "ended_on": item.end,
                "adapted": item.adapted,
                "results": item.results_with_mark(),
                "shortcomings": item.shortcomings,
                "evidence_url": item.evidence_url,
                "cui": item.cui,
            },
            districts=districts,
        )
        _approve(LessonApplication.objects.get(pk=application.pk), facilitator)
        approved_at = timezone.now() - timedelta(days=item.published_days_ago)
        LessonApplication.objects.filter(pk=application.pk).update(
            first_published_at=approved_at, last_published_at=approved_at
        )
        counted["created"] += 1
    built = _builds_on(content, facilitator)
    Notification.objects.filter(pk__gt=last_notification, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    seed.write(
        f"Demo applications of lessons: {counted['created']} created, "
        f"{counted['already there']} already there; {built} lessons told what they build on."
    )
