"""seed_demo's commitments register: a demo dialogue table, commitments from it, from the
demo workshops and an own pledge, over every status and several districts, with
milestones, evidence, confirmations by other sectors and exactly one contest; once,
however often it runs."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from col_portal import seed_content
from members.content_files import DEMO_MARK
from members.models import Notification
from workshops.models import (
    AgreementSpace,
    Commitment,
    CommitmentMilestone,
    CommitmentSource,
    CommitmentStatus,
    CommitmentUpdate,
    CommitmentVerdict,
    Verdict,
)

CONTENT = seed_content.demo_commitments_file()


def test_the_file_covers_every_status_source_and_one_contest():
    final = {
        item.reports[-1].status if item.reports else CommitmentStatus.PENDING
        for item in CONTENT.commitments
    }
    assert final == set(CommitmentStatus.values)
    assert {item.source for item in CONTENT.commitments} == set(CommitmentSource.values)
    verdicts = [v for item in CONTENT.commitments for r in item.reports for v in r.verdicts]
    assert [v.verdict for v in verdicts].count(Verdict.CONTEST) == 1
    assert len({slug for item in CONTENT.commitments for slug in item.districts}) >= 6


def run_seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (
            AgreementSpace,
            Commitment,
            CommitmentMilestone,
            CommitmentUpdate,
            CommitmentVerdict,
        )
    }


@pytest.mark.django_db
def test_seed_demo_writes_the_register_once(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        out = run_seed_demo()
    assert f"Demo commitments: {len(CONTENT.commitments)} created, 0 already there" in out

    space = AgreementSpace.objects.get(slug="mesa-tecnica-dialogo-desarrollo-moquegua")
    assert space.name == "Mesa técnica de diálogo para el desarrollo de Moquegua"
    assert space.description.endswith(DEMO_MARK)
    assert space.minutes.exists()
    demo = Commitment.objects.filter(description__endswith=DEMO_MARK)
    assert demo.count() == len(CONTENT.commitments)
    assert set(demo.values_list("status", flat=True)) == set(CommitmentStatus.values)
    assert demo.filter(source=CommitmentSource.WORKSHOP, workshop__isnull=False).exists()
    assert demo.filter(agreement_space=space).count() == 5
    assert demo.values("districts").distinct().count() >= 6
    updates = CommitmentUpdate.objects.filter(commitment__in=demo)
    assert all(update.note.endswith(DEMO_MARK) for update in updates)
    assert updates.exclude(url="").exists()
    assert updates.exclude(cui="").exists()
    assert updates.filter(document__isnull=False).exists()
    verdicts = CommitmentVerdict.objects.filter(update__commitment__in=demo).select_related(
        "institution", "update__institution"
    )
    assert all(v.institution.sector != v.update.institution.sector for v in verdicts)
    assert verdicts.filter(verdict=Verdict.CONTEST).count() == 1
    assert list(Commitment.objects.filter(needs_review=True)) == [
        verdicts.get(verdict=Verdict.CONTEST).update.commitment
    ]
    fulfilled = demo.filter(status=CommitmentStatus.FULFILLED)
    assert all(c.completed_on and c.progress == 100 for c in fulfilled)
    assert CommitmentMilestone.objects.filter(reached_on__isnull=False).exists()
    assert CommitmentMilestone.objects.filter(reached_on__isnull=True).exists()
    assert mail.outbox == []
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    # A visitor reads them in the register and its summary.
    settings.PAGE_CACHE_ENABLED = False
    register = Client().get("/compromisos/?district=samegua").content.decode()
    assert "centro poblado de Los Ángeles" in register
    summary = Client().get("/compromisos/resumen/").content.decode()
    assert "Publicar cada trimestre" in summary  # overdue, pending

    before = counts()
    out = run_seed_demo()
    assert f"0 created, {len(CONTENT.commitments)} already there" in out
    assert counts() == before
