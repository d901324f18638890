"""seed_demo's demo calendar: past workshops with their follow-up, upcoming ones of every
modality and state, registrations from the demo people; once, however often it runs."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from col_portal import seed_content
from members.content_files import DEMO_MARK
from members.models import Notification, User
from themes.models import Visibility
from workshops import selectors
from workshops.models import (
    CommitmentStatus,
    Modality,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)

DEMO_EMAILS = {person.email for person in seed_content.demo_people()}
CORE_GROUP = {institution.name for institution in seed_content.core_group()}
PUBLISHED_LESSONS = {
    item.slug for item in seed_content.demo_lessons() if item.status == seed_content.PUBLISHED
}
SLUGS = [item.slug for item in seed_content.demo_workshops()]
PAST = [item for item in seed_content.demo_workshops() if item.is_past]
UPCOMING = [item for item in seed_content.demo_workshops() if not item.is_past]


# ---- The data itself (no database)


def test_slugs_are_unique_and_people_and_institutions_exist():
    assert len(set(SLUGS)) == len(SLUGS)
    for item in seed_content.demo_workshops():
        assert set(item.participants) <= DEMO_EMAILS, item.slug
        assert len(set(item.participants)) == len(item.participants), item.slug
        assert set(item.attended) <= set(item.participants), item.slug
        assert set(item.lessons) <= PUBLISHED_LESSONS, item.slug
        for entry in item.agenda:
            assert not entry.institution or entry.institution in CORE_GROUP, item.slug
        for commitment in item.commitments:
            assert commitment.institution in CORE_GROUP, item.slug


def test_past_workshops_were_held_with_outcomes_commitments_and_lessons():
    assert 4 <= len(PAST) <= 5
    for item in PAST:
        assert item.status == WorkshopStatus.HELD, item.slug
        assert item.outcomes and item.commitments and item.lessons and item.agenda, item.slug
        assert item.attended and len(item.participants) <= item.capacity, item.slug
        # Speakers from several institutions.
        assert len({entry.institution for entry in item.agenda if entry.institution}) >= 3
    commitments = [c for item in PAST for c in item.commitments]
    statuses = {c.status for c in commitments}
    assert {CommitmentStatus.FULFILLED, CommitmentStatus.IN_PROGRESS, CommitmentStatus.PENDING} <= (
        statuses
    )
    overdue = [
        c for c in commitments if c.status != CommitmentStatus.FULFILLED and c.due_in_days < 0
    ]
    assert overdue
    assert len({c.institution for c in commitments}) >= 8


def test_upcoming_workshops_cover_every_modality_place_and_state():
    in_person_cities = {item.city for item in UPCOMING if item.modality == Modality.IN_PERSON}
    assert {"Moquegua", "Ilo", "Omate"} <= in_person_cities
    assert {item.modality for item in UPCOMING} == set(Modality.values)
    assert {item.status for item in UPCOMING} >= {
        WorkshopStatus.OPEN,
        WorkshopStatus.CLOSED,
        WorkshopStatus.DRAFT,
        WorkshopStatus.CANCELLED,
    }
    assert any(item.visibility == Visibility.MEMBERS for item in UPCOMING)
    assert any(len(item.participants) > item.capacity for item in UPCOMING)
    for item in UPCOMING:
        assert not item.outcomes and not item.commitments, item.slug
        if item.modality != Modality.IN_PERSON:
            assert item.online_path, item.slug
        if item.modality != Modality.VIRTUAL:
            assert item.venue and item.city, item.slug


# ---- What seed_demo writes
#
# One test seeds (the demo lessons make it take seconds), checks the calendar, edits as a
# facilitator would, seeds again and checks that nothing was duplicated or overwritten.


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


def demo_workshop(slug: str) -> Workshop:
    return Workshop.objects.get(slug=slug)


def test_seed_demo_writes_the_demo_calendar_once(seeded):
    assert f"Demo workshops: {len(SLUGS)} created" in seeded
    assert Workshop.objects.filter(slug__in=SLUGS).count() == len(SLUGS)
    for workshop in Workshop.objects.filter(slug__in=SLUGS):
        assert workshop.description.endswith(DEMO_MARK), workshop.slug
        assert workshop.themes.exists(), workshop.slug
        assert [person.email for person in workshop.facilitators.all()] == [
            seed_content.FACILITATOR
        ]
    check_past_workshops()
    check_upcoming_workshops()
    check_registrations_of_the_demo_member()
    check_participation_by_sector()
    check_who_sees_what()
    # Seeded registrations are not news: no e-mail, but the notifications are in the portal.
    assert mail.outbox == []
    assert Notification.objects.filter(
        recipient__email="member@example.org", kind="workshop_confirmed"
    ).exists()
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    # A facilitator edits one workshop and deletes another; seeding again restores only
    # the deleted one and touches nothing else.
    edited = demo_workshop("escuela-de-vigilancia-del-canon-moquegua")
    edited.title = "Escuela de vigilancia del canon (sesión 1)"
    edited.capacity = 25
    edited.save()
    demo_workshop("conversatorio-virtual-diversificacion-productiva").delete()
    registrations = Registration.objects.count()
    notifications = Notification.objects.count()

    out = run_seed_demo()

    assert f"Demo workshops: 1 created (1 open), {len(SLUGS) - 1} already there." in out
    assert Workshop.objects.filter(slug__in=SLUGS).count() == len(SLUGS)
    assert Workshop.objects.count() == len(SLUGS)
    edited.refresh_from_db()
    assert (edited.title, edited.capacity) == ("Escuela de vigilancia del canon (sesión 1)", 25)
    restored = demo_workshop("conversatorio-virtual-diversificacion-productiva")
    assert restored.registrations.count() == 5
    assert Registration.objects.count() == registrations + 5
    assert Notification.objects.count() == notifications + 5
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    out = run_seed_demo()
    assert f"Demo workshops: 0 created, {len(SLUGS)} already there." in out
    assert Workshop.objects.count() == len(SLUGS)


def check_past_workshops():
    now = timezone.now()
    past = Workshop.objects.filter(slug__in=SLUGS, ends_at__lt=now)
    assert past.count() == len(PAST)
    assert {workshop.modality for workshop in past} == set(Modality.values)
    for workshop in past:
        assert workshop.status == WorkshopStatus.HELD
        assert workshop.outcomes.strip().endswith(DEMO_MARK)
        assert workshop.commitments.count() >= 2
        assert workshop.lessons.filter(live=True).count() >= 2
        assert workshop.agenda_items.count() >= 4
        registrations = workshop.registrations.all()
        assert registrations.count() >= 5
        assert all(r.status == RegistrationStatus.CONFIRMED for r in registrations)
        assert all(r.requested_at < workshop.starts_at for r in registrations)
        # Attendance marked: most came, someone did not.
        assert registrations.filter(attended=True).count() >= 4
        assert registrations.filter(attended=False).exists()
        assert not registrations.filter(attended__isnull=True).exists()
        speakers = workshop.agenda_items.exclude(speaker_institution=None)
        assert speakers.values("speaker_institution").distinct().count() >= 3
    overdue = selectors.overdue_commitments().filter(workshop__slug__in=SLUGS)
    assert overdue.count() >= 2
    assert {c.responsible_institution.is_core_group for c in overdue} == {True}
    done = [c for w in past for c in w.commitments.all() if c.status == CommitmentStatus.FULFILLED]
    assert done and all(c.completed_on and c.completed_on <= timezone.localdate() for c in done)
    in_progress = [
        c for w in past for c in w.commitments.all() if c.status == CommitmentStatus.IN_PROGRESS
    ]
    assert any(not c.is_overdue for c in in_progress)


def check_upcoming_workshops():
    now = timezone.now()
    upcoming = Workshop.objects.filter(slug__in=SLUGS, starts_at__gt=now)
    open_ones = upcoming.filter(status=WorkshopStatus.OPEN)
    assert {w.modality for w in open_ones} == set(Modality.values)
    assert {w.city for w in open_ones.filter(modality=Modality.IN_PERSON)} == {
        "Moquegua",
        "Ilo",
        "Omate",
    }
    for workshop in open_ones:
        assert workshop.registration_is_open(), workshop.slug
        if workshop.is_online:
            assert workshop.online_url.startswith("https://"), workshop.slug

    full = demo_workshop("visita-de-campo-monitoreo-en-la-cuenca-alta")
    counted = selectors.with_seat_counts(Workshop.objects.filter(pk=full.pk)).get()
    assert counted.confirmed_count == full.capacity == 4
    assert counted.waitlist_count == 2
    waitlist = [r.user.email for r in selectors.waitlist(full)]
    assert waitlist == ["member@example.org", "camara.comercio@example.org"]

    members_only = upcoming.get(visibility=Visibility.MEMBERS)
    assert members_only.status == WorkshopStatus.OPEN
    assert members_only.registrations.count() == 7

    draft = upcoming.get(status=WorkshopStatus.DRAFT)
    assert not draft.registrations.exists()

    cancelled = upcoming.get(status=WorkshopStatus.CANCELLED)
    told = Notification.objects.filter(kind="workshop_cancelled", url__contains=cancelled.slug)
    assert told.count() == cancelled.registrations.count() == 3
    assert "reprograma" in told.first().body_text

    closed = upcoming.get(status=WorkshopStatus.CLOSED)
    assert closed.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert not closed.registration_is_open()


def check_registrations_of_the_demo_member():
    member = User.objects.get(email="member@example.org")
    mine = selectors.my_registrations(member).filter(workshop__starts_at__gt=timezone.now())
    confirmed = mine.filter(
        status=RegistrationStatus.CONFIRMED, workshop__status=WorkshopStatus.OPEN
    )
    assert confirmed.count() >= 3
    assert confirmed.filter(workshop__modality=Modality.HYBRID).exists()
    assert mine.filter(status=RegistrationStatus.WAITLISTED).count() == 1
    # Every demo person takes part somewhere.
    for email in DEMO_EMAILS - {seed_content.FACILITATOR}:
        assert Registration.objects.filter(user__email=email).count() >= 3, email


def check_participation_by_sector():
    rows = selectors.participation_last_12_months()
    registered = [row for row in rows if row["registered"]]
    attended = [row for row in rows if row["attended"]]
    assert len(registered) >= 5
    assert len(attended) >= 5
    full = demo_workshop("seguimiento-del-gasto-del-canon-en-tu-distrito")
    assert (
        sum(1 for row in selectors.participation_by_sector(workshop=full) if row["attended"]) >= 4
    )


def check_who_sees_what():
    public = set(selectors.workshops_visible_to(AnonymousUser()).values_list("slug", flat=True))
    member = User.objects.get(email="member@example.org")
    for_members = set(selectors.workshops_visible_to(member).values_list("slug", flat=True))
    draft = Workshop.objects.get(slug__in=SLUGS, status=WorkshopStatus.DRAFT).slug
    members_only = Workshop.objects.get(slug__in=SLUGS, visibility=Visibility.MEMBERS).slug
    assert draft not in public | for_members
    assert members_only in for_members - public
    assert len(public) == len(SLUGS) - 2

    # The pages show them: the list to a visitor, a past workshop's follow-up.
    anonymous = Client()
    listing = anonymous.get("/talleres/").content.decode()
    assert "Mesa del agua: balance hídrico de la cuenca, sesión abierta" in listing
    assert "Planes de cierre de minas" not in listing
    assert "plan del próximo semestre" not in listing
    past = anonymous.get("/talleres/seguimiento-del-gasto-del-canon-en-tu-distrito/")
    assert past.status_code == 200
    page = past.content.decode()
    assert "Organizar una escuela de vigilancia ciudadana" in page
    assert "Vigilancia ciudadana de obras financiadas con canon minero" in page
    assert "Contenido de demostración" in page
