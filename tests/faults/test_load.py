"""Load: 50 members register for a 20-seat workshop at the same instant, through a real
multi-process, multi-threaded gunicorn: exactly 20 seats, 30 on the waitlist, no error."""

import threading
from collections import Counter

import pytest

from members.models import Notification
from tests.factories import MemberFactory
from tests.factories.workshops import WorkshopFactory
from tests.faults.conftest import mail_recipients, requires_postgresql, session_cookie
from tests.faults.conftest import test_database_url as portal_database_url
from workshops.models import Registration, RegistrationStatus

MEMBERS = 50
SEATS = 20


@requires_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_members_register_for_twenty_seats_at_once(start_portal):
    workshop = WorkshopFactory(capacity=SEATS)
    members = MemberFactory.create_batch(MEMBERS)
    sessions = {member.pk: session_cookie(member) for member in members}
    # No REDIS_URL: each worker its own local cache, tasks run after commit in the request.
    portal = start_portal(workers=3, threads=4, DATABASE_URL=portal_database_url())
    path = f"/talleres/{workshop.slug}/inscribirme/"

    start = threading.Barrier(MEMBERS)
    answers = {}

    def register(member):
        start.wait(timeout=30)
        try:
            answers[member.pk] = portal.post(path, session=sessions[member.pk], timeout=60)
        except OSError as error:
            answers[member.pk] = error

    threads = [threading.Thread(target=register, args=(member,)) for member in members]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a request never finished"

    failures = {
        pk: answer
        for pk, answer in answers.items()
        if isinstance(answer, OSError) or answer.status != 302
    }
    assert failures == {}, f"{failures}\n{portal.log_tail()}"
    # Everyone is sent back to the workshop's registration box, not to the login page.
    assert {answer.location for answer in answers.values()} == {
        f"/talleres/{workshop.slug}/#inscripcion"
    }
    slowest = max(answer.seconds for answer in answers.values())
    print(f"\n{MEMBERS} simultaneous registrations: slowest answer {slowest:.2f}s")

    statuses = dict(Registration.objects.filter(workshop=workshop).values_list("user_id", "status"))
    assert set(statuses) == {member.pk for member in members}
    assert Counter(statuses.values()) == {
        RegistrationStatus.CONFIRMED: SEATS,
        RegistrationStatus.WAITLISTED: MEMBERS - SEATS,
    }
    # Each member was told once, and told the right thing.
    expected_kind = {
        RegistrationStatus.CONFIRMED: "workshop_confirmed",
        RegistrationStatus.WAITLISTED: "workshop_waitlisted",
    }
    notifications = list(
        Notification.objects.filter(recipient__in=members).values_list(
            "recipient_id", "kind", "sent_at"
        )
    )
    assert sorted((user, kind) for user, kind, _ in notifications) == sorted(
        (user, expected_kind[status]) for user, status in statuses.items()
    )
    # ...and got the e-mail, delivered once.
    assert all(sent_at is not None for _, _, sent_at in notifications)
    assert sorted(mail_recipients(portal.workdir / "mail")) == sorted(
        member.email for member in members
    )
