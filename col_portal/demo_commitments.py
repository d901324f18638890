"""The step of `seed_demo` that writes the demo commitments register
(col_portal/content/demo_commitments.yaml, read by col_portal.seed_content): a dialogue
table, and commitments from it, from the demo workshops and an own pledge, with their
milestones, reports, evidence, confirmations and one contest. Dates are relative to the
day of seeding; reports and verdicts go through the services, then are dated back.
"""

from datetime import datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from col_portal.seed_content import (
    DemoRegisterCommitment,
    DemoReport,
    demo_commitments_file,
)
from members.content_files import with_demo_mark
from members.models import Institution, Notification
from members.places import districts_by_slug
from resources.library import Resource
from themes.models import Theme, Visibility
from workshops import services
from workshops.models import (
    AgreementSpace,
    Commitment,
    CommitmentMilestone,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Workshop,
)


def _days_ago(days: int, hour: int = 10) -> datetime:
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _seed_spaces(content, institutions, documents) -> dict[str, AgreementSpace]:
    today = timezone.localdate()
    spaces = {}
    for item in content.agreement_spaces:
        space = AgreementSpace.objects.filter(slug=item.slug).first()
        if space is None:
            space = AgreementSpace(
                slug=item.slug,
                name=item.name,
                kind=item.kind,
                convener=institutions[item.convener],
                description=item.description_with_mark(),
                started_on=today - timedelta(days=item.started_days_ago),
                ended_on=(
                    today - timedelta(days=item.ended_days_ago)
                    if item.ended_days_ago is not None
                    else None
                ),
                place=item.place,
                visibility=Visibility.PUBLIC,
                published=True,
            )
            space.full_clean()
            space.save()
            space.minutes.set([documents[slug] for slug in item.minutes if slug in documents])
        spaces[item.slug] = space
    return spaces


def _report(item: DemoReport, commitment: Commitment, users, documents) -> None:
    update = services.commitment_report(
        commitment=commitment,
        user=users[item.author],
        status=item.status,
        progress=item.progress,
        note=with_demo_mark(item.note, "es"),
        url=item.url,
        cui=item.cui,
        document=documents.get(item.document),
    )
    when = _days_ago(item.days_ago)
    CommitmentUpdate.objects.filter(pk=update.pk).update(created_at=when)
    for number, demo_verdict in enumerate(item.verdicts, start=1):
        verdict = services.commitment_judge(
            update=update,
            user=users[demo_verdict.author],
            verdict=demo_verdict.verdict,
            note=with_demo_mark(demo_verdict.note, "es") if demo_verdict.note else "",
            url=demo_verdict.url,
        )
        judged = min(when + timedelta(days=number, hours=number), timezone.now())
        CommitmentVerdict.objects.filter(pk=verdict.pk).update(created_at=judged)
    changes = {"last_change_at": when}
    if item.status == CommitmentStatus.FULFILLED:
        changes["completed_on"] = timezone.localdate(when)
    Commitment.objects.filter(pk=commitment.pk).update(**changes)


def _new_commitment(
    item: DemoRegisterCommitment, *, spaces, institutions, themes, users, documents
) -> Commitment:
    today = timezone.localdate()
    commitment = Commitment(
        source=item.source,
        workshop=(
            Workshop.objects.get(slug=item.workshop)
            if item.source == CommitmentSource.WORKSHOP
            else None
        ),
        agreement_space=spaces.get(item.agreement_space),
        description=item.description_with_mark(),
        responsible_institution=institutions[item.institution],
        agreed_on=(
            today - timedelta(days=item.agreed_days_ago)
            if item.agreed_days_ago is not None
            else None
        ),
        due_date=today + timedelta(days=item.due_in_days),
    )
    commitment.full_clean()
    commitment.save()
    commitment.supporting_institutions.set([institutions[name] for name in item.supporting])
    commitment.themes.set([themes[slug] for slug in item.themes if slug in themes])
    commitment.districts.set(districts_by_slug(item.districts))
    CommitmentMilestone.objects.bulk_create(
        CommitmentMilestone(
            commitment=commitment,
            title=milestone.title,
            planned_on=today + timedelta(days=milestone.planned_in_days),
            reached_on=(
                today - timedelta(days=milestone.reached_days_ago)
                if milestone.reached_days_ago is not None
                else None
            ),
            sort_order=number,
        )
        for number, milestone in enumerate(item.milestones)
    )
    for report in item.reports:
        _report(report, commitment, users, documents)
    return commitment


def seed_commitments(seed) -> None:
    """The demo commitments register. A step of `seed_demo`, after the workshops and the
    library (the commitments' sources and evidence). A commitment is found by its
    description: one that exists is left as it is; the notifications the services write
    (a contest reaches the facilitators) stay in the portal, unmailed."""
    content = demo_commitments_file()
    users = seed.users
    institutions = {institution.name: institution for institution in Institution.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    slugs = {slug for space in content.agreement_spaces for slug in space.minutes}
    slugs |= {report.document for item in content.commitments for report in item.reports}
    documents = {
        resource.slug: resource.document
        for resource in Resource.objects.filter(
            slug__in=slugs, document__isnull=False
        ).select_related("document")
    }
    last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    spaces = _seed_spaces(content, institutions, documents)
    existing = set(
        Commitment.objects.filter(
            description__in=[item.description_with_mark() for item in content.commitments]
        ).values_list("description", flat=True)
    )
    created = 0
    for item in content.commitments:
        if item.description_with_mark() in existing:
            continue
        _new_commitment(
            item,
            spaces=spaces,
            institutions=institutions,
            themes=themes,
            users=users,
            documents=documents,
        )
        created += 1
    Notification.objects.filter(pk__gt=last_notification, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    seed.write(
        f"Demo commitments: {created} created, {len(existing)} already there "
        f"({len(spaces)} agreement space)."
    )
