"""The step of `seed_demo` that writes the demo calendar of workshops
(col_portal/content/demo_workshops.yaml, read by col_portal.seed_content): each workshop
with its agenda, commitments, lessons shared and registrations. Dates are relative to the
day of seeding.
"""

from collections import Counter
from datetime import datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from col_portal.seed_content import FACILITATOR, DemoWorkshop, demo_workshops_file
from members.models import Institution, Notification
from members.places import districts_by_slug
from themes.models import Contribution, Theme
from workshops import services
from workshops.models import (
    AgendaItem,
    Commitment,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)


def _lima(day, hhmm: str) -> datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _agenda_time(hhmm: str) -> time:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return time(hour, minute)


def _new_workshop(
    item: DemoWorkshop, *, facilitator, themes, institutions, meeting_link
) -> Workshop:
    today = timezone.localdate()
    starts_at = _lima(today + timedelta(days=item.days_from_today), item.start)
    ends_at = starts_at + timedelta(hours=item.hours)
    # Registration opened weeks before (and is open by now, whatever the hour of seeding)
    # and closes the day before the workshop starts.
    opens_at = min(starts_at - timedelta(days=45), timezone.now() - timedelta(days=7))
    deadline = starts_at - timedelta(days=1)
    # States reached through the services (closing, cancelling) start open.
    status = item.status
    if status in (WorkshopStatus.CLOSED, WorkshopStatus.CANCELLED):
        status = WorkshopStatus.OPEN
    workshop = Workshop(
        slug=item.slug,
        title=item.title,
        description=item.description_with_mark(),
        modality=item.modality,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=item.venue,
        address=item.address,
        city=item.city,
        online_url=f"{meeting_link}{item.online_path}" if item.online_path else "",
        capacity=item.capacity,
        registration_opens_at=opens_at,
        registration_deadline=deadline,
        status=status,
        visibility=item.visibility,
        outcomes=item.outcomes_with_mark(),
    )
    workshop.themes = [themes[slug] for slug in item.themes if slug in themes]
    workshop.districts = districts_by_slug(item.districts)
    workshop.facilitators = [facilitator]
    workshop.lessons = list(
        Contribution.objects.filter(slug__in=item.lessons, live=True, is_archived=False)
    )
    workshop.agenda_items = [
        AgendaItem(
            time=_agenda_time(entry.time),
            title=entry.title,
            speaker=entry.speaker,
            speaker_institution=institutions.get(entry.institution),
            sort_order=number,
        )
        for number, entry in enumerate(item.agenda)
    ]
    workshop.commitments = [
        Commitment(
            description=commitment.description,
            responsible_institution=institutions[commitment.institution],
            due_date=today + timedelta(days=commitment.due_in_days),
            status=commitment.status,
            completed_on=(
                today - timedelta(days=commitment.completed_days_ago)
                if commitment.completed_days_ago is not None
                else None
            ),
            sort_order=number,
        )
        for number, commitment in enumerate(item.commitments)
    ]
    return services.workshop_save(workshop=workshop, user=facilitator)


def _past_registrations(item: DemoWorkshop, workshop: Workshop, users) -> None:
    """A held workshop: everyone had a confirmed seat; attendance is recorded."""
    for number, email in enumerate(item.participants):
        requested = workshop.starts_at - timedelta(days=20 - number, hours=number)
        Registration.objects.create(
            workshop=workshop,
            user=users[email],
            status=RegistrationStatus.CONFIRMED,
            requested_at=requested,
            confirmed_at=requested,
            attended=email in item.attended,
        )


def _upcoming_registrations(item: DemoWorkshop, workshop: Workshop, users, facilitator) -> None:
    """Through the registration service (seats, then the waitlist), then dated back a little
    so the "registered on" dates look lived-in, in the same order."""
    registrations = [
        services.workshop_register(workshop=workshop, user=users[email])
        for email in item.participants
    ]
    now = timezone.now()
    for number, registration in enumerate(registrations):
        requested = now - timedelta(days=len(registrations) - number, hours=3)
        confirmed = requested if registration.status == RegistrationStatus.CONFIRMED else None
        Registration.objects.filter(pk=registration.pk).update(
            requested_at=requested, confirmed_at=confirmed
        )
    if item.status == WorkshopStatus.CLOSED:
        before = services.logistics_snapshot(workshop)
        workshop.status = WorkshopStatus.CLOSED
        services.workshop_save(workshop=workshop, user=facilitator, previous=before)
    elif item.status == WorkshopStatus.CANCELLED:
        services.workshop_cancel(
            workshop=workshop, user=facilitator, reason=item.cancellation_reason
        )


def seed_workshops(seed) -> None:
    """The demo calendar of workshops. A step of `seed_demo` (takes its DemoSeed).

    A workshop is found by its slug: one that exists is left as it is (a facilitator may
    have edited, held or cancelled it), one that is missing is created with its agenda,
    commitments, lessons and registrations. The notifications the services write (seat
    confirmed, waitlist, cancellation) stay in the portal but are not e-mailed.
    """
    users = seed.users
    facilitator = users[FACILITATOR]
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    institutions = {institution.name: institution for institution in Institution.objects.all()}
    last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
    content = demo_workshops_file()
    existing = set(
        Workshop.objects.filter(slug__in=[item.slug for item in content.workshops]).values_list(
            "slug", flat=True
        )
    )
    created = Counter()
    for item in content.workshops:
        if item.slug in existing:
            continue
        workshop = _new_workshop(
            item,
            facilitator=facilitator,
            themes=themes,
            institutions=institutions,
            meeting_link=content.meeting_link,
        )
        if item.is_past:
            _past_registrations(item, workshop, users)
        elif item.participants:
            _upcoming_registrations(item, workshop, users, facilitator)
        created[item.status] += 1

    # Seeded events are not news: the demo people find them in the portal, unmailed.
    Notification.objects.filter(pk__gt=last_notification, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(created.items()))
    seed.write(
        f"Demo workshops: {sum(created.values())} created"
        + (f" ({statuses})" if created else "")
        + f", {len(existing)} already there."
    )
