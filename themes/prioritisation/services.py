"""Writes on prioritisation rounds: facilitators open, close and publish them and moderate
the solutions; members propose solutions and save their institution's ballot. Every change
of a round's status is in the site history (Wagtail's log)."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from members.models import Institution
from members.roles import is_facilitator, is_member

from .models import (
    SCALE_MAX,
    SCALE_MIN,
    Ballot,
    PrioritisationRound,
    RoundStatus,
    Score,
    Solution,
    SolutionStatus,
)
from .selectors import can_vote, lessons_to_cite, voting_sectors


def _require_facilitator(user) -> None:
    if not is_facilitator(user):
        raise PermissionDenied(_("Only facilitators can do this."))


def _locked(round_: PrioritisationRound) -> PrioritisationRound:
    return PrioritisationRound.objects.select_for_update().get(pk=round_.pk)


def _set_status(round_, *, user, expected: str, status: str, action: str, message: str):
    current = _locked(round_)
    if current.status != expected:
        raise ValidationError(message)
    round_.status = status
    fields = ["status"]
    if status == RoundStatus.PUBLISHED:
        round_.published_at = timezone.now()
        fields.append("published_at")
    round_.save(update_fields=fields)
    log(instance=round_, action=action, user=user, data={"title": round_.title})
    return round_


@transaction.atomic
def round_open(*, round_: PrioritisationRound, user) -> PrioritisationRound:
    _require_facilitator(user)
    if not round_.criteria.exists():
        raise ValidationError(_("Add at least one criterion before opening the round."))
    return _set_status(
        round_,
        user=user,
        expected=RoundStatus.DRAFT,
        status=RoundStatus.OPEN,
        action="themes.round_open",
        message=_("Only a draft round can be opened."),
    )


@transaction.atomic
def round_close(*, round_: PrioritisationRound, user) -> PrioritisationRound:
    _require_facilitator(user)
    return _set_status(
        round_,
        user=user,
        expected=RoundStatus.OPEN,
        status=RoundStatus.CLOSED,
        action="themes.round_close",
        message=_("Only an open round can be closed."),
    )


@transaction.atomic
def round_publish(*, round_: PrioritisationRound, user) -> PrioritisationRound:
    _require_facilitator(user)
    if round_.status != RoundStatus.CLOSED:
        raise ValidationError(_("Close the round before publishing its results."))
    voted = len(voting_sectors(round_))
    if voted < round_.min_sectors:
        raise ValidationError(
            _(
                "Only %(voted)s sector(s) have voted; this round needs at least %(minimum)s "
                "to publish its results."
            )
            % {"voted": voted, "minimum": round_.min_sectors}
        )
    return _set_status(
        round_,
        user=user,
        expected=RoundStatus.CLOSED,
        status=RoundStatus.PUBLISHED,
        action="themes.round_publish",
        message=_("Close the round before publishing its results."),
    )


@transaction.atomic
def solution_propose(
    *,
    round_: PrioritisationRound,
    user,
    title: str,
    description: str,
    who_acts: str,
    lessons: Iterable = (),
    districts: Iterable = (),
) -> Solution:
    if not is_member(user):
        raise PermissionDenied(_("Only members of the Community can propose solutions."))
    if user.institution_id is None:
        raise ValidationError(_("Your account has no institution; ask a facilitator."))
    if _locked(round_).status != RoundStatus.OPEN:
        raise ValidationError(_("This round is not open: solutions can no longer be proposed."))
    lessons = list(lessons)
    cited = [lesson.pk for lesson in lessons]
    allowed = set(lessons_to_cite(user, round_).filter(pk__in=cited).values_list("pk", flat=True))
    if any(lesson.pk not in allowed for lesson in lessons):
        raise ValidationError(_("Choose lessons of this round's themes that you can read."))
    solution = Solution.objects.create(
        round=round_,
        title=title.strip(),
        description=description.strip(),
        who_acts=who_acts.strip(),
        proposer=user,
        institution_id=user.institution_id,
    )
    solution.lessons.set(lessons)
    solution.districts.set(list(districts))
    return solution


@transaction.atomic
def solution_moderate(*, solution: Solution, user, approve: bool, note: str = "") -> Solution:
    _require_facilitator(user)
    solution.status = SolutionStatus.APPROVED if approve else SolutionStatus.REJECTED
    solution.moderation_note = note.strip()
    solution.save(update_fields=["status", "moderation_note"])
    log(
        instance=solution,
        action="themes.solution_approve" if approve else "themes.solution_reject",
        user=user,
        data={"title": solution.title, "note": solution.moderation_note},
    )
    return solution


def _parse_value(raw) -> int | None:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return value if SCALE_MIN <= value <= SCALE_MAX else None


@transaction.atomic
def ballot_save(
    *,
    round_: PrioritisationRound,
    user,
    scores: Mapping[tuple[int, int], object],
    institution: Institution | None = None,
) -> Ballot:
    """Save the ballot of the person's institution, replacing what it held: a score on
    the scale for every criterion of every approved solution. `scores` maps
    (solution id, criterion id) to a value. Nothing is stored when anything is wrong."""
    if is_facilitator(user) and user.is_authenticated:
        raise PermissionDenied(_("Facilitators cannot vote on behalf of an institution."))
    if not can_vote(user):
        raise PermissionDenied(_("Only members of an institution of the Community can vote."))
    if institution is not None and institution.pk != user.institution_id:
        raise PermissionDenied(_("You can only vote for your own institution."))
    if _locked(round_).status != RoundStatus.OPEN:
        raise ValidationError(_("This round is closed: its ballots can no longer change."))
    solution_ids = set(
        round_.solutions.filter(status=SolutionStatus.APPROVED).values_list("pk", flat=True)
    )
    criterion_ids = set(round_.criteria.values_list("pk", flat=True))
    if not solution_ids:
        raise ValidationError(_("There are no approved solutions to score yet."))
    for solution_id, criterion_id in scores:
        if solution_id not in solution_ids:
            raise ValidationError(_("One of the solutions scored is not part of this round."))
        if criterion_id not in criterion_ids:
            raise ValidationError(_("One of the criteria scored is not part of this round."))
    values = {}
    for solution_id in solution_ids:
        for criterion_id in criterion_ids:
            raw = scores.get((solution_id, criterion_id))
            if raw in (None, ""):
                raise ValidationError(_("Score every solution on every criterion."))
            value = _parse_value(raw)
            if value is None:
                raise ValidationError(
                    _("Every score must be a whole number from %(low)s to %(high)s.")
                    % {"low": SCALE_MIN, "high": SCALE_MAX}
                )
            values[(solution_id, criterion_id)] = value
    ballot, _created = Ballot.objects.select_for_update().get_or_create(
        round=round_, institution_id=user.institution_id, defaults={"last_edited_by": user}
    )
    ballot.last_edited_by = user
    ballot.save()
    ballot.scores.all().delete()
    Score.objects.bulk_create(
        Score(ballot=ballot, solution_id=s, criterion_id=c, value=v) for (s, c), v in values.items()
    )
    return ballot
