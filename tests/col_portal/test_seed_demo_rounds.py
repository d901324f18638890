"""seed_demo's prioritisation rounds: a published round on which at least four sectors
voted and disagree, an open one; marked as demo content; once, however often it runs."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client

from col_portal import seed_content
from members.content_files import DEMO_MARK
from themes.prioritisation.models import Ballot, PrioritisationRound, RoundStatus
from themes.prioritisation.selectors import round_results, solutions_shown_to


def test_the_demo_rounds_file_is_valid():
    rounds = seed_content.demo_rounds()
    assert {r.status for r in rounds} >= {RoundStatus.PUBLISHED, RoundStatus.OPEN}


@pytest.mark.django_db
def test_seed_demo_writes_the_rounds_once(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    with django_capture_on_commit_callbacks(execute=True):
        out = StringIO()
        call_command("seed_demo", stdout=out)
    assert "Demo prioritisation rounds: 2 created" in out.getvalue()

    published = PrioritisationRound.objects.get(status=RoundStatus.PUBLISHED)
    assert DEMO_MARK in published.summary
    results = round_results(published, solutions_shown_to(AnonymousUser(), published))
    assert results.sector_count >= 4
    assert {r.agreement for r in results.overall} >= {"agree", "divided"}
    page = Client().get(published.get_absolute_url()).content.decode()
    assert "Divide a los sectores" in page and "Todos los sectores coinciden" in page
    assert PrioritisationRound.objects.filter(status=RoundStatus.OPEN).exists()

    ballots = Ballot.objects.count()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Demo prioritisation rounds: 0 created, 2 already there." in out.getvalue()
    assert Ballot.objects.count() == ballots
