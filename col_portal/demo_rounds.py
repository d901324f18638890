"""The step of `seed_demo` that writes the demo prioritisation rounds
(col_portal/content/demo_rounds.yaml, read by col_portal.seed_content): each round with its
criteria, solutions (approved) and the ballots of Core Group institutions. Dates are
relative to the day of seeding; a round that exists is left as it is."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from col_portal.seed_content import demo_rounds
from members.models import Institution
from members.places import districts_by_slug
from themes.models import Contribution, Theme
from themes.prioritisation.models import (
    Ballot,
    Criterion,
    PrioritisationRound,
    RoundStatus,
    Score,
    Solution,
    SolutionStatus,
)


@transaction.atomic
def _new_round(item, *, users) -> PrioritisationRound:
    today = timezone.localdate()
    round_ = PrioritisationRound.objects.create(
        slug=item.slug,
        title=item.title,
        summary=item.summary_with_mark(),
        implementation_gap=item.implementation_gap,
        contextual_factors=item.contextual_factors,
        complementary_measures=item.complementary_measures,
        opens_on=today + timedelta(days=item.opens_days_from_today),
        closes_on=today + timedelta(days=item.closes_days_from_today),
        status=item.status,
        min_sectors=item.min_sectors,
        published_at=timezone.now() if item.status == RoundStatus.PUBLISHED else None,
    )
    round_.themes.set(Theme.objects.filter(slug__in=item.themes))
    criteria = [
        Criterion.objects.create(round=round_, name=name, sort_order=order)
        for order, name in enumerate(item.criteria)
    ]
    solutions = []
    for entry in item.solutions:
        proposer = users[entry.proposer]
        solution = Solution.objects.create(
            round=round_,
            title=entry.title,
            description=entry.description,
            who_acts=entry.who_acts,
            proposer=proposer,
            institution=proposer.institution,
            status=SolutionStatus.APPROVED,
        )
        solution.districts.set(districts_by_slug(entry.districts))
        solution.lessons.set(Contribution.objects.filter(slug__in=entry.lessons))
        solutions.append(solution)
    institutions = Institution.objects.in_bulk(
        [ballot.institution for ballot in item.ballots], field_name="name"
    )
    for entry in item.ballots:
        institution = institutions[entry.institution]
        editor = next((u for u in users.values() if u.institution_id == institution.pk), None)
        ballot = Ballot.objects.create(round=round_, institution=institution, last_edited_by=editor)
        Score.objects.bulk_create(
            Score(ballot=ballot, solution=solution, criterion=criterion, value=value)
            for solution, value in zip(solutions, entry.scores, strict=True)
            for criterion in criteria
        )
    return round_


def seed_rounds(seed) -> None:
    """The demo prioritisation rounds: once, however often the seed runs."""
    items = demo_rounds()
    existing = set(
        PrioritisationRound.objects.filter(slug__in=[i.slug for i in items]).values_list(
            "slug", flat=True
        )
    )
    created = [_new_round(item, users=seed.users) for item in items if item.slug not in existing]
    seed.write(
        f"Demo prioritisation rounds: {len(created)} created, {len(existing)} already there."
    )
