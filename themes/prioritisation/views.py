"""The prioritisation rounds on the portal: the list, and each round's page with its
problem analysis, solutions, the member's proposal form and their institution's ballot
while it is open, and the results once published."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.models import Sector
from members.roles import is_member

from . import charts, selectors, services
from .forms import SolutionForm
from .models import SCALE_MAX, SCALE_MIN

SCORE_FIELD = re.compile(r"^score-(\d+)-(\d+)$")


def round_list(request):
    rounds = list(selectors.rounds_listed())
    return render(request, "themes/prioritisation/round_list.html", {"rounds": rounds})


def _round_or_404(slug):
    round_ = selectors.round_for_reading(slug)
    if round_ is None:
        raise Http404
    return round_


def _ballot_rows(solutions, criteria, ballot):
    current = (
        {(s.solution_id, s.criterion_id): s.value for s in ballot.scores.all()} if ballot else {}
    )
    return [
        {
            "solution": solution,
            "cells": [
                {
                    "criterion": criterion,
                    "name": f"score-{solution.pk}-{criterion.pk}",
                    "value": current.get((solution.pk, criterion.pk)),
                }
                for criterion in criteria
            ],
        }
        for solution in solutions
    ]


def _context(request, round_, *, solution_form=None):
    user = request.user
    criteria = list(round_.criteria.all())
    solutions = selectors.solutions_shown_to(user, round_)
    can_propose = round_.is_open and is_member(user) and user.institution_id is not None
    can_vote = round_.is_open and selectors.can_vote(user)
    ballot = selectors.ballot_of(user, round_) if selectors.can_vote(user) else None
    context = {
        "round": round_,
        "themes": list(round_.themes.all()),
        "criteria": criteria,
        "solutions": solutions,
        "own_pending": selectors.own_pending_solutions(user, round_),
        "can_propose": can_propose,
        "solution_form": solution_form
        or (SolutionForm(user=user, round_=round_) if can_propose else None),
        "can_vote": can_vote,
        "ballot": ballot,
        "ballot_rows": _ballot_rows(solutions, criteria, ballot) if can_vote else [],
        "scale": range(SCALE_MIN, SCALE_MAX + 1),
        "scale_min": SCALE_MIN,
        "scale_max": SCALE_MAX,
        "ballot_count": round_.ballots.count(),
    }
    if round_.is_published:
        results = selectors.round_results(round_, solutions)
        context.update(
            {
                "results": results,
                "sector_rankings": [
                    (
                        Sector(sector).label,
                        [(r.solution, charts.fmt(r.sector_means[sector])) for r in ranked],
                    )
                    for sector, ranked in results.by_sector.items()
                ],
                "sector_labels": [Sector(sector).label for sector in results.sectors],
                "legend": charts.sector_legend(results),
                "ranking_chart": charts.ranking_chart(results),
                "spread_chart": charts.spread_chart(results),
                "spread_rows": [
                    {
                        "result": result,
                        "means": [
                            charts.fmt(result.sector_means[s]) if s in result.sector_means else "—"
                            for s in results.sectors
                        ],
                        "spread": charts.fmt(result.spread) if result.spread is not None else "—",
                    }
                    for result in results.overall
                ],
            }
        )
    return context


def round_detail(request, slug):
    round_ = _round_or_404(slug)
    return render(request, "themes/prioritisation/round_detail.html", _context(request, round_))


@login_required
@require_POST
def solution_propose(request, slug):
    round_ = _round_or_404(slug)
    if not is_member(request.user):
        raise Http404
    form = SolutionForm(request.POST, user=request.user, round_=round_)
    if form.is_valid():
        try:
            services.solution_propose(round_=round_, user=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(
                None, error.messages if isinstance(error, ValidationError) else str(error)
            )
        else:
            messages.success(
                request,
                _("Thank you: your solution will appear once a facilitator has reviewed it."),
            )
            return redirect(f"{round_.get_absolute_url()}#propuestas")
    context = _context(request, round_, solution_form=form)
    return render(request, "themes/prioritisation/round_detail.html", context, status=400)


@login_required
@require_POST
def ballot_save(request, slug):
    round_ = _round_or_404(slug)
    scores = {}
    try:
        for key, value in request.POST.items():
            if key.startswith("score-"):
                match = SCORE_FIELD.match(key)
                if match is None:
                    raise ValidationError(
                        _("One of the solutions scored is not part of this round.")
                    )
                scores[(int(match[1]), int(match[2]))] = value
        services.ballot_save(round_=round_, user=request.user, scores=scores)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Your institution's ballot has been saved. You can change it until the round closes."
            ),
        )
    return redirect(f"{round_.get_absolute_url()}#papeleta")
