"""Seats, waitlist, cancellations, reminders and notices, through the services."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation
from icalendar import Calendar

from tests.factories import FacilitatorFactory, MemberFactory, UserFactory, WorkshopFactory
from workshops import services
from workshops.models import Modality, Registration, RegistrationStatus, WorkshopStatus

pytestmark = pytest.mark.django_db


def test_last_seat_then_waitlist_then_promotion(django_capture_on_commit_callbacks):
    workshop = WorkshopFactory(capacity=1)
    first, second = MemberFactory(), MemberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        a = services.workshop_register(workshop=workshop, user=first)
        b = services.workshop_register(workshop=workshop, user=second)
    assert (a.status, b.status) == (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
    confirmation = next(m for m in mail.outbox if m.to == [first.email])
    assert confirmation.attachments[0][0].endswith(".ics")
    Calendar.from_ical(confirmation.attachments[0][1])

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=a, user=first)
    assert [r.user for r in promoted] == [second]
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[second.email]]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def test_refusals(member, english):
    past_deadline = WorkshopFactory(registration_deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="deadline"):
        services.workshop_register(workshop=past_deadline, user=member)
    cancelled = WorkshopFactory(status=WorkshopStatus.CANCELLED)
    with pytest.raises(ValidationError, match="cancelled"):
        services.workshop_register(workshop=cancelled, user=member)
    closed = WorkshopFactory(status=WorkshopStatus.CLOSED)
    with pytest.raises(ValidationError):
        services.workshop_register(workshop=closed, user=member)
    workshop = WorkshopFactory()
    services.workshop_register(workshop=workshop, user=member)
    with pytest.raises(ValidationError, match="already registered"):
        services.workshop_register(workshop=workshop, user=member)
    with pytest.raises(PermissionDenied):
        services.workshop_register(workshop=workshop, user=UserFactory())


def test_cancelling_someone_elses_registration_is_refused(member, other_member):
    registration = services.workshop_register(workshop=WorkshopFactory(), user=member)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=registration, user=other_member)


def test_reminders_are_sent_once(member, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory(starts_at=timezone.now() + timedelta(hours=20))
    services.workshop_register(workshop=workshop, user=member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 1
        assert services.send_reminders() == 0
    assert len(mail.outbox) == 1


def test_change_of_place_is_announced_once_per_change(member, django_capture_on_commit_callbacks):
    facilitator = FacilitatorFactory()
    workshop = WorkshopFactory()
    services.workshop_register(workshop=workshop, user=member)
    mail.outbox.clear()
    before = services.logistics_snapshot(workshop)
    workshop.venue = "Casa de la Cultura de Ilo"
    workshop.city = "Ilo"
    with django_capture_on_commit_callbacks(execute=True):
        services.workshop_save(workshop=workshop, user=facilitator, previous=before)
        services.workshop_save(
            workshop=workshop, user=facilitator, previous=services.logistics_snapshot(workshop)
        )
    assert len(mail.outbox) == 1
    assert "Casa de la Cultura de Ilo" in mail.outbox[0].body


def test_validation_of_bad_workshops():
    workshop = WorkshopFactory.build(modality=Modality.VIRTUAL, online_url="")
    with pytest.raises(ValidationError) as error:
        workshop.full_clean()
    assert "online_url" in error.value.message_dict
    workshop = WorkshopFactory.build(modality=Modality.HYBRID, venue="", online_url="ftp://x.org")
    with pytest.raises(ValidationError) as error:
        workshop.full_clean()
    assert {"venue", "online_url"} <= set(error.value.message_dict)
    workshop = WorkshopFactory.build()
    workshop.ends_at = workshop.starts_at - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        workshop.full_clean()
    assert "ends_at" in error.value.message_dict


def test_capacity_cannot_drop_below_confirmed(member, other_member):
    workshop = WorkshopFactory(capacity=2)
    services.workshop_register(workshop=workshop, user=member)
    services.workshop_register(workshop=workshop, user=other_member)
    workshop.capacity = 1
    with pytest.raises(ValidationError) as error:
        workshop.full_clean()
    assert "capacity" in error.value.message_dict


def test_duplicate_is_a_draft_copy():
    facilitator = FacilitatorFactory()
    workshop = WorkshopFactory(outcomes="Acuerdos")
    copy = services.workshop_duplicate(workshop=workshop, user=facilitator)
    assert copy.pk != workshop.pk
    assert copy.status == WorkshopStatus.DRAFT
    assert copy.outcomes == ""
    assert copy.slug != workshop.slug


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_members_take_the_last_seat_at_once():
    workshop = WorkshopFactory(capacity=1)
    members = [MemberFactory(), MemberFactory()]
    barrier = threading.Barrier(2)
    errors = []

    def take_seat(user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            services.workshop_register(workshop=workshop, user=user)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=take_seat, args=(user,)) for user in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = sorted(
        Registration.objects.filter(workshop=workshop).values_list("status", flat=True)
    )
    assert statuses == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
