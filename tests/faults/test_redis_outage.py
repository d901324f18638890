"""Redis down while a member submits a lesson and registers for a workshop.

The portal runs in gunicorn with a PRIVATE redis-server as its cache, session cache and
Celery broker (no worker). Redis is killed; the requests still succeed, the data is stored
and the notifications wait in the outbox; once Redis is back the sweep (the beat's task)
sends each of them exactly once.
"""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import F

from members.models import Notification
from members.tasks import deliver_pending_notifications
from tests.factories import FacilitatorFactory, MemberFactory, ThemeFactory
from tests.factories.workshops import WorkshopFactory
from tests.faults.conftest import (
    mail_recipients,
    requires_postgresql,
    session_cookie,
    wait_until,
)
from tests.faults.conftest import test_database_url as portal_database_url
from tests.themes.authoring_helpers import form_data
from themes.models import Contribution
from workshops.models import Registration, RegistrationStatus

MY_CONTRIBUTIONS = "/mis-contribuciones/"


def health(portal) -> tuple[int, dict]:
    answer = portal.get("/healthz")
    return answer.status, json.loads(answer.body)["checks"]


@requires_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_redis_outage_delays_notifications_but_loses_nothing(private_redis, start_portal):
    member = MemberFactory()
    facilitator = FacilitatorFactory()
    theme = ThemeFactory(name_es="Gestión integrada de recursos hídricos")
    workshop = WorkshopFactory(capacity=20, created_by=facilitator)
    portal = start_portal(
        workers=1,
        threads=2,
        DATABASE_URL=portal_database_url(),
        REDIS_URL=private_redis.url,
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    session = session_cookie(member)
    # Logged in, with the session cached in Redis by the portal.
    assert portal.get(MY_CONTRIBUTIONS, session=session).status == 200
    assert health(portal) == (200, {"database": "ok", "cache": "ok"})

    private_redis.kill()
    assert health(portal) == (503, {"database": "ok", "cache": "error"})

    lesson = portal.post(
        "/mis-contribuciones/nueva/", form_data(theme, action="submit"), session=session
    )
    assert lesson.status == 302, portal.log_tail()
    assert lesson.location == MY_CONTRIBUTIONS  # sent for review, still logged in
    seat = portal.post(f"/talleres/{workshop.slug}/inscribirme/", session=session)
    assert seat.status == 302, portal.log_tail()
    assert seat.location == f"/talleres/{workshop.slug}/#inscripcion"
    print(
        f"\nRedis down: lesson submitted in {lesson.seconds:.2f}s, "
        f"registration in {seat.seconds:.2f}s"
    )
    mine = portal.get(MY_CONTRIBUTIONS, session=session)
    assert mine.status == 200
    assert "Mesa técnica del agua en el valle de Ilo" in mine.body

    # Stored...
    contribution = Contribution.objects.get(author=member)
    assert contribution.title == "Mesa técnica del agua en el valle de Ilo"
    assert contribution.workflow_in_progress
    registration = Registration.objects.get(workshop=workshop, user=member)
    assert registration.status == RegistrationStatus.CONFIRMED
    # ...and the messages wait in the outbox: the broker could not take their tasks.
    pending = Notification.objects.filter(sent_at__isnull=True, failed_at__isnull=True)
    assert sorted(pending.values_list("email", "kind")) == sorted(
        [
            (facilitator.email, "contribution_submitted"),
            (member.email, "workshop_confirmed"),
        ]
    )
    assert set(pending.values_list("attempts", flat=True)) == {0}
    assert "the sweep will deliver it" in portal.log_tail(200)
    assert mail_recipients(portal.workdir / "mail") == []

    private_redis.start()
    # Each portal process leaves Redis alone for a few seconds after a failure.
    wait_until(lambda: health(portal)[0] == 200, timeout=20, what="the cache to be back")
    assert health(portal) == (200, {"database": "ok", "cache": "ok"})
    # The beat's next sweep (it leaves messages younger than a minute to their own task).
    Notification.objects.update(created_at=F("created_at") - timedelta(minutes=2))
    assert deliver_pending_notifications() == 2
    assert deliver_pending_notifications() == 0
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [facilitator.email, member.email]
    )
    assert not Notification.objects.filter(sent_at__isnull=True).exists()
