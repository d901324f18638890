"""seed_bulk's workshops: synthetic workshops and registrations in bulk, and their purge."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.utils import timezone

from members.models import Institution, User
from tests.factories import MemberFactory, WorkshopFactory
from tests.perf import seed_bulk
from tests.perf.seed_bulk import run
from workshops import selectors
from workshops.models import (
    AgreementSpace,
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_on")]

SMALL = {
    "contributions": 5,
    "institutions": 3,
    "members": 12,
    "tags": 4,
    "comments_per": 0,
    "batch_size": 7,
    "no_index": True,
    "workshops": 40,
    "registrations": 300,
    "resources": 0,
    "agreement_spaces": 3,
}


def synthetic_workshops():
    return Workshop.objects.filter(slug__startswith=seed_bulk.WORKSHOP_SLUG_PREFIX)


def test_creates_workshops_with_registrations_in_every_state(themes):
    out = run(**SMALL)

    assert "Workshops: 40 created with 300 registrations" in out
    workshops = synthetic_workshops()
    assert workshops.count() == 40
    registrations = Registration.objects.filter(workshop__in=workshops)
    assert registrations.count() == 300
    assert {r.user.email.split("@")[1] for r in registrations} == {"sintetico.invalid"}
    now = timezone.now()
    assert workshops.filter(ends_at__lt=now, status=WorkshopStatus.HELD).exists()
    assert workshops.filter(starts_at__gt=now, status=WorkshopStatus.OPEN).exists()
    assert not workshops.filter(starts_at__gt=now, status=WorkshopStatus.HELD).exists()
    assert not workshops.filter(status=WorkshopStatus.DRAFT, registrations__isnull=False).exists()
    for workshop in selectors.with_seat_counts(workshops):
        assert workshop.confirmed_count <= workshop.capacity, workshop.slug
        assert "sintético" in workshop.description
        assert workshop.themes.exists()
        assert workshop.agenda_items.count() == 4
        workshop.full_clean()  # a real workshop could look like this one
        if workshop.is_online:
            assert workshop.online_url.startswith("https://reuniones.sintetico.invalid/")
    # Attendance on the held ones; commitments to follow, some of them overdue.
    held = registrations.filter(workshop__status=WorkshopStatus.HELD)
    confirmed_held = held.filter(status=RegistrationStatus.CONFIRMED)
    assert not confirmed_held.filter(attended__isnull=True).exists()
    assert confirmed_held.filter(attended=True).exists()
    assert not registrations.exclude(workshop__status=WorkshopStatus.HELD).filter(
        attended__isnull=False
    )
    assert Commitment.objects.filter(workshop__in=workshops).exists()
    assert (
        not Commitment.objects.filter(workshop__isnull=False)
        .exclude(workshop__status=WorkshopStatus.HELD)
        .exists()
    )
    # The lessons shared are synthetic contributions.
    linked = Workshop.lessons.through.objects.filter(workshop__in=workshops)
    assert linked.exists()
    assert not linked.exclude(contribution__slug__startswith="sintetica-").exists()
    # The public pages' rule reads them like any other workshop.
    assert selectors.public_workshops().filter(pk__in=workshops).exists()


def test_registrations_never_exceed_one_per_person_and_workshop(themes):
    out = run(**{**SMALL, "members": 30, "registrations": 100000})

    # 30 members: at most 30 registrations for each workshop that takes any (not drafts).
    workshops = synthetic_workshops()
    taking = workshops.exclude(status=WorkshopStatus.DRAFT).count()
    registrations = Registration.objects.filter(workshop__in=workshops)
    assert registrations.count() == 30 * taking
    assert f"with {30 * taking:,} registrations" in out
    # Workshops with fewer seats than that are full, with a waitlist.
    assert registrations.filter(status=RegistrationStatus.WAITLISTED).exists()


def test_a_second_run_adds_workshops_and_numbers_on(themes):
    run(**SMALL)
    run(**{**SMALL, "contributions": 0, "workshops": 10, "registrations": 50})

    assert synthetic_workshops().count() == 50
    assert Workshop.objects.filter(slug="taller-sintetico-50").exists()
    assert Registration.objects.count() == 350


def test_no_workshops_when_asked_for_none(themes):
    out = run(**{**SMALL, "workshops": 0})

    assert not Workshop.objects.exists()
    assert "Workshops:" not in out


def test_purge_removes_the_synthetic_workshops_and_only_them(themes):
    real = WorkshopFactory(title="Mesa del agua en Ilo")
    real_member = MemberFactory()
    Registration.objects.create(
        workshop=real, user=real_member, status=RegistrationStatus.CONFIRMED
    )
    run(**SMALL)
    # A synthetic person registered for the real workshop, and a real commitment names a
    # synthetic institution: the registration goes, the institution stays.
    synthetic_person = User.objects.filter(email__endswith="@sintetico.invalid").first()
    Registration.objects.create(
        workshop=real, user=synthetic_person, status=RegistrationStatus.CONFIRMED
    )
    kept = Institution.objects.filter(name__startswith="Institución sintética").first()
    Commitment.objects.create(
        workshop=real,
        description="Compartir el informe de la mesa.",
        responsible_institution=kept,
        due_date=timezone.localdate(),
    )

    out = run("--purge")

    assert "Workshops: 40 removed" in out
    assert list(Workshop.objects.all()) == [real]
    assert list(real.registrations.values_list("user", flat=True)) == [real_member.pk]
    assert list(Institution.objects.filter(name__startswith="Institución sintética")) == [kept]
    assert real.commitments.count() == 1
    assert not User.objects.filter(email__endswith="@sintetico.invalid").exists()


def test_negative_numbers_of_workshops_are_refused(themes):
    with pytest.raises(CommandError, match="cannot be negative"):
        run(workshops=-1)
    with pytest.raises(CommandError, match="cannot be negative"):
        run(registrations=-5)


def test_registrations_are_spread_unevenly_over_the_workshops(themes):
    run(**SMALL)

    taking = synthetic_workshops().exclude(status=WorkshopStatus.DRAFT)
    counts = [w.taken for w in taking.annotate(taken=Count("registrations"))]
    assert sum(counts) == 300
    # Some workshops busy, some quiet, as real ones: many different numbers of people.
    assert len(set(counts)) > 5


def test_the_register_gets_agreement_spaces_and_histories_judged_by_other_sectors(themes):
    out = run(**SMALL)

    spaces = AgreementSpace.objects.filter(slug__startswith=seed_bulk.SPACE_SLUG_PREFIX)
    assert spaces.count() == 3
    from_spaces = Commitment.objects.filter(agreement_space__in=spaces)
    assert from_spaces.count() == 3 * seed_bulk.COMMITMENTS_PER_SPACE
    assert f"Register: 3 agreement spaces with {from_spaces.count()} commitments" in out
    assert from_spaces.filter(themes__isnull=False).exists()
    assert from_spaces.filter(districts__isnull=False).exists()
    for commitment in from_spaces:
        commitment.full_clean()  # a real commitment could look like this one
    # Every synthetic commitment that moved has reports ending in its status and progress;
    # the pending ones have none.
    synthetic = Commitment.objects.filter(
        Q(agreement_space__in=spaces) | Q(workshop__in=synthetic_workshops())
    )
    assert not synthetic.filter(status=CommitmentStatus.PENDING, updates__isnull=False).exists()
    for commitment in synthetic.exclude(status=CommitmentStatus.PENDING):
        last = commitment.updates.order_by("created_at", "pk").last()
        assert (last.status, last.progress) == (commitment.status, commitment.progress)
    # Judged only by institutions of another sector than the responsible one.
    verdicts = CommitmentVerdict.objects.filter(update__commitment__in=synthetic)
    assert verdicts.exists()
    for verdict in verdicts.select_related(
        "institution", "update__commitment__responsible_institution"
    ):
        assert (
            verdict.institution.sector != verdict.update.commitment.responsible_institution.sector
        )
    # The register's public rule reads them like any other commitment.
    assert selectors.commitments_visible_to(AnonymousUser()).filter(pk__in=from_spaces).exists()

    run("--purge")
    assert not AgreementSpace.objects.exists()
    assert not CommitmentUpdate.objects.exists()
