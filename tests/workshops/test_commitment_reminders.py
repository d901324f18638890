"""Reminders to the responsible institution before a commitment is due and when it is
overdue (once each, per due date), and the monthly summary of each institution's open
commitments (once per institution and month). E-mails read from the mail backend."""

import datetime
from datetime import timedelta

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail

from members.models import Notification, Sector
from tests.factories import (
    AgreementSpaceFactory,
    CommitmentFactory,
    InstitutionFactory,
    MemberFactory,
    UserFactory,
    WorkshopFactory,
)
from workshops import services
from workshops.models import CommitmentSource, CommitmentStatus, WorkshopStatus
from workshops.tasks import send_commitment_reminders, send_monthly_commitment_summaries

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)
NOW = datetime.datetime(2027, 3, 10, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def company(db):
    return InstitutionFactory(name="Minera del Sur", sector=Sector.PRIVATE_MINING)


def _run(task, capture):
    with capture(execute=True):
        return task.delay().get()


def _by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def _commitment(company, days, **fields):
    return CommitmentFactory(
        responsible_institution=company,
        due_date=TODAY + timedelta(days=days),
        description=fields.pop("description", f"Compromiso a {days} días."),
        **fields,
    )


def test_beat_runs_the_reminders_daily_and_the_summary_on_the_first_of_the_month():
    entries = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    daily = entries["workshops.tasks.send_commitment_reminders"]
    monthly = entries["workshops.tasks.send_monthly_commitment_summaries"]
    assert isinstance(daily, crontab) and isinstance(monthly, crontab)
    assert len(daily.hour) == 1 and daily.day_of_month == set(range(1, 32))
    assert monthly.day_of_month == {1} and len(monthly.hour) == 1
    assert settings.COMMITMENT_REMINDER_DAYS == 14


def test_due_soon_and_overdue_reminders_go_once_to_the_lead_institution_only(
    frozen, company, django_capture_on_commit_callbacks
):
    supporter = InstitutionFactory(name="Municipalidad de Ilo")
    soon = _commitment(company, 10, description="Entregar el informe de monitoreo de Ilo.")
    soon.supporting_institutions.add(supporter)
    late = _commitment(company, -3, description="Instalar la mesa técnica del agua.")
    _commitment(company, 20, description="Todavía lejos.")
    _commitment(company, -5, status=CommitmentStatus.FULFILLED, progress=100)
    _commitment(company, 2, status=CommitmentStatus.DROPPED)
    _commitment(company, 2, status=CommitmentStatus.NOT_FULFILLED)
    ana = MemberFactory(institution=company, full_name="Ana Rojas")
    luis = MemberFactory(institution=company, full_name="Luis Quispe", preferred_language="en")
    MemberFactory(institution=supporter)
    MemberFactory(institution=InstitutionFactory())
    UserFactory(institution=company)  # no role: not a member
    MemberFactory(institution=company, is_active=False)

    first = _run(send_commitment_reminders, django_capture_on_commit_callbacks)
    second = _run(send_commitment_reminders, django_capture_on_commit_callbacks)

    assert (first, second) == (4, 0)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [ana.email] * 2 + [luis.email] * 2
    )
    spanish = [m for m in mail.outbox if m.to[0] == ana.email]
    assert {m.subject for m in spanish} == {
        "Un compromiso de su institución vence en 10 días",
        "Un compromiso de su institución está vencido",
    }
    due = next(m for m in spanish if "10 días" in m.subject)
    assert "Entregar el informe de monitoreo de Ilo." in due.body
    assert "Hola, Ana" in due.body
    assert f"/compromisos/{soon.pk}/informar/" in due.body
    overdue = next(m for m in spanish if "vencido" in m.subject)
    assert "Instalar la mesa técnica del agua." in overdue.body
    assert f"/compromisos/{late.pk}/informar/" in overdue.body
    english = [m for m in mail.outbox if m.to[0] == luis.email]
    assert {m.subject for m in english} == {
        "A commitment of your institution is due in 10 days",
        "A commitment of your institution is overdue",
    }
    assert all("/en/compromisos/" in m.body for m in english)
    assert all(m.alternatives for m in mail.outbox)  # an HTML part too
    # The portal keeps them among each person's notifications.
    assert Notification.objects.filter(recipient=ana, kind="commitment_due_soon").count() == 1


def test_the_subjects_say_today_and_tomorrow(frozen, company, django_capture_on_commit_callbacks):
    _commitment(company, 0)
    other = InstitutionFactory()
    _commitment(other, 1)
    MemberFactory(institution=company)
    MemberFactory(institution=other)
    _run(send_commitment_reminders, django_capture_on_commit_callbacks)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Un compromiso de su institución vence hoy",
        "Un compromiso de su institución vence mañana",
    ]


def test_a_moved_due_date_earns_a_new_reminder_the_same_date_never_a_second(
    frozen, company, django_capture_on_commit_callbacks
):
    commitment = _commitment(company, 5)
    MemberFactory(institution=company)
    assert _run(send_commitment_reminders, django_capture_on_commit_callbacks) == 1
    commitment.due_date = TODAY + timedelta(days=12)
    commitment.save()
    assert _run(send_commitment_reminders, django_capture_on_commit_callbacks) == 1
    commitment.due_date = TODAY + timedelta(days=5)  # back to the date already reminded of
    commitment.save()
    assert _run(send_commitment_reminders, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


def test_a_commitment_closed_before_its_date_gets_no_reminder_and_drafts_are_skipped(
    frozen, company, django_capture_on_commit_callbacks
):
    member = MemberFactory(institution=company)
    closed = _commitment(company, 3)
    services.commitment_report(
        commitment=closed, user=member, status=CommitmentStatus.FULFILLED, note="Hecho."
    )
    _commitment(company, 3, workshop=WorkshopFactory(status=WorkshopStatus.DRAFT))
    _commitment(
        company,
        3,
        source=CommitmentSource.AGREEMENT_SPACE,
        workshop=None,
        agreement_space=AgreementSpaceFactory(published=False),
    )
    assert _run(send_commitment_reminders, django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_the_monthly_summary_lists_open_commitments_overdue_first_once_a_month(
    time_machine, company, django_capture_on_commit_callbacks
):
    time_machine.move_to(datetime.datetime(2027, 3, 1, 13, 0, tzinfo=datetime.UTC), tick=False)
    supporter = InstitutionFactory(name="Municipalidad Provincial de Ilo")
    idle = InstitutionFactory(name="Universidad sin compromisos")
    first_of_march = datetime.date(2027, 3, 1)
    coming = CommitmentFactory(
        responsible_institution=company,
        description="Publicar el plan de cierre de la relavera.",
        due_date=first_of_march + timedelta(days=40),
    )
    late = CommitmentFactory(
        responsible_institution=company,
        description="Entregar la planta de agua de Pacocha.",
        due_date=first_of_march - timedelta(days=20),
    )
    late.supporting_institutions.add(supporter)
    CommitmentFactory(
        responsible_institution=company,
        description="Ya cumplido.",
        status=CommitmentStatus.FULFILLED,
        progress=100,
    )
    ana = MemberFactory(institution=company, full_name="Ana Rojas")
    mayor = MemberFactory(institution=supporter, full_name="Rosa Mamani")
    MemberFactory(institution=idle)

    assert _run(send_monthly_commitment_summaries, django_capture_on_commit_callbacks) == 2
    assert _run(send_monthly_commitment_summaries, django_capture_on_commit_callbacks) == 0

    mails = _by_recipient()
    assert set(mails) == {ana.email, mayor.email}
    to_ana = mails[ana.email]
    assert to_ana.subject.endswith("Minera del Sur: 2 compromisos abiertos")
    body = to_ana.body
    assert body.index("Vencidos") < body.index("Entregar la planta de agua de Pacocha.")
    assert body.index("Entregar la planta de agua de Pacocha.") < body.index("Próximos")
    assert body.index("Próximos") < body.index("Publicar el plan de cierre de la relavera.")
    assert "Ya cumplido." not in body
    assert f"/compromisos/{coming.pk}/" in body and f"/compromisos/{late.pk}/" in body
    assert "/mis-compromisos/" in body
    to_mayor = mails[mayor.email]
    assert to_mayor.subject.endswith("Municipalidad Provincial de Ilo: 1 compromiso abierto")
    assert "Lo lidera Minera del Sur; su institución lo apoya." in to_mayor.body
    assert "Publicar el plan de cierre" not in to_mayor.body

    # A month later, the summary goes again.
    time_machine.move_to(datetime.datetime(2027, 4, 1, 13, 0, tzinfo=datetime.UTC), tick=False)
    assert _run(send_monthly_commitment_summaries, django_capture_on_commit_callbacks) == 2
