"""The commitments register on the portal: the list with filters, a commitment's page
with its timeline and verifications, an agreement space's page, the evidence photos, and
the members' pages in "My space" (report on my institution's commitments, confirm or
contest other sectors' reports).

Every read starts from `selectors.commitments_visible_to`: a commitment whose source the
viewer may not see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.faceted import FacetedListView
from members.links import site_url
from members.places import districts_with_provinces
from members.roles import is_member

from . import charts, ical, selectors, services
from .commitment_forms import CommitmentFilterSet, CommitmentReportForm, VerdictForm
from .models import OPEN_COMMITMENT_STATUSES, Commitment, CommitmentUpdate, Verdict
from .views import calendar_response


def _search(queryset, query: str) -> list[int]:
    """The register is short and plain text: its commitments whose words contain the query."""
    words = query.split()
    for word in words:
        queryset = queryset.filter(description__icontains=word)
    return list(queryset.order_by("due_date", "pk").values_list("pk", flat=True)[:500])


def _with_list_relations(queryset):
    return queryset.select_related(
        "workshop", "agreement_space", "responsible_institution"
    ).prefetch_related("themes", "districts")


class CommitmentRegister(FacetedListView):
    filterset_class = CommitmentFilterSet
    template_name = "workshops/commitments/register.html"
    object_list_name = "commitments"
    visible = staticmethod(selectors.commitments_visible_to)
    search = staticmethod(_search)
    with_card_relations = staticmethod(_with_list_relations)


commitment_register = CommitmentRegister.as_view()


def commitment_summary(request):
    """Progress by theme, by sector of the lead institution and by source, and the overdue
    commitments: of the commitments the register shows the person."""
    summary = selectors.commitments_summary(request.user)
    groups = [
        ("theme", _("By theme"), _("Commitments by status and theme"), _("Theme")),
        (
            "sector",
            _("By sector of the responsible institution"),
            _("Commitments by status and sector of the responsible institution"),
            _("Sector"),
        ),
        ("source", _("By source"), _("Commitments by status and source"), _("Source")),
    ]
    return render(
        request,
        "workshops/commitments/summary.html",
        {
            "charts": [
                {
                    "slug": slug,
                    "title": title,
                    "caption": caption,
                    "group_label": group_label,
                    "rows": summary[f"by_{slug}"],
                    "chart": charts.stacked_bars(summary[f"by_{slug}"]),
                }
                for slug, title, caption, group_label in groups
            ],
            "statuses": charts.status_legend(),
            "total": sum(row["total"] for row in summary["by_source"]),
            "fulfilled": sum(row["fulfilled"] for row in summary["by_source"]),
            "overdue": summary["overdue"],
        },
    )


def commitments_calendar(request):
    """The due dates of the open public commitments, for calendar apps."""
    commitments = selectors.public_commitments().filter(status__in=OPEN_COMMITMENT_STATUSES)
    body = ical.commitments_due_ics(
        commitments,
        name=_("Due dates of the commitments — Moquegua Community of Learning"),
        base_url=site_url(request),
    )
    return calendar_response(body, filename="compromisos.ics", download=False, private=False)


def _visible_commitment(user, pk) -> Commitment:
    commitment = (
        selectors.commitments_visible_to(user)
        .select_related("responsible_institution", "agreement_space__convener")
        .prefetch_related(
            "supporting_institutions",
            "themes",
            Prefetch("districts", queryset=districts_with_provinces()),
            "milestones",
        )
        .filter(pk=pk)
        .first()
    )
    if commitment is None:
        raise Http404
    return commitment


def commitment_detail(request, pk):
    commitment = _visible_commitment(request.user, pk)
    timeline = selectors.commitment_timeline(commitment)
    user = request.user
    judgeable = set()
    if is_member(user):
        judgeable = {
            update.pk
            for update in timeline
            if services.may_judge(user, update)
            and not any(v.institution_id == user.institution_id for v in update.verdicts.all())
        }
    return render(
        request,
        "workshops/commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "timeline": timeline,
            "entries": _timeline_entries(timeline, commitment.milestones.all()),
            "planned_milestones": sorted(
                (m for m in commitment.milestones.all() if m.reached_on is None),
                key=lambda milestone: (milestone.planned_on, milestone.pk),
            ),
            "latest": timeline[-1] if timeline else None,
            "by_sector": selectors.verdicts_by_sector(timeline),
            "may_report": services.may_report_on(user, commitment),
            "judgeable": judgeable,
        },
    )


def _timeline_entries(timeline, milestones) -> list[dict]:
    """The reports and the milestones reached, in the order they happened (a milestone
    before the report of the same day that marked it)."""
    entries = [
        {"date": timezone.localdate(update.created_at), "order": 1, "update": update}
        for update in timeline
    ]
    entries += [
        {"date": milestone.reached_on, "order": 0, "milestone": milestone}
        for milestone in milestones
        if milestone.reached_on is not None
    ]
    return sorted(entries, key=lambda entry: (entry["date"], entry["order"]))


def agreement_space_detail(request, slug):
    space = get_object_or_404(
        selectors.agreement_spaces_visible_to(request.user)
        .select_related("convener")
        .prefetch_related("minutes"),
        slug=slug,
    )
    commitments = (
        selectors.commitments_visible_to(request.user)
        .filter(agreement_space=space)
        .select_related("responsible_institution")
    )
    return render(
        request,
        "workshops/commitments/agreement_space_detail.html",
        {"space": space, "commitments": list(commitments)},
    )


def evidence_photo(request, pk):
    update = get_object_or_404(
        CommitmentUpdate.objects.exclude(photo=""),
        pk=pk,
        hidden_at__isnull=True,
        commitment__in=selectors.commitments_visible_to(request.user).order_by(),
    )
    try:
        handle = update.photo.open("rb")
    except (FileNotFoundError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, filename=update.photo.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=0, no-store"
    return response


# ---- MEMBERS ("My space")


@never_cache
@login_required
def my_commitments(request):
    user = request.user
    if not is_member(user):
        raise Http404
    open_commitments = []
    if user.institution_id:
        visible = selectors.commitments_visible_to(user).order_by().values("pk")
        open_commitments = list(
            selectors.open_commitments_of(user.institution).filter(pk__in=visible)
        )
    return render(
        request,
        "workshops/commitments/my_commitments.html",
        {
            "institution": user.institution,
            "open_commitments": open_commitments,
            "to_judge": selectors.reports_to_judge(user),
        },
    )


@never_cache
@login_required
def commitment_report(request, pk):
    commitment = _visible_commitment(request.user, pk)
    if not services.may_report_on(request.user, commitment):
        raise PermissionDenied
    if request.method == "POST":
        form = CommitmentReportForm(request.POST, request.FILES, commitment=commitment)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.commitment_report(
                    commitment=commitment,
                    user=request.user,
                    status=data["status"],
                    progress=data["progress"],
                    **form.evidence(),
                    photo=data["photo"],
                    document_upload=data["document"],
                    milestones_reached=data.get("milestones") or (),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your report has been added to the history."))
                return redirect(commitment.get_absolute_url())
    else:
        form = CommitmentReportForm(
            initial={"status": commitment.status, "progress": commitment.progress},
            commitment=commitment,
        )
    return render(
        request,
        "workshops/commitments/report_form.html",
        {"commitment": commitment, "form": form},
    )


@never_cache
@login_required
def commitment_verdict(request, pk):
    update = get_object_or_404(
        CommitmentUpdate.objects.select_related("institution", "author").prefetch_related(
            Prefetch("verdicts")
        ),
        pk=pk,
        commitment__in=selectors.commitments_visible_to(request.user).order_by(),
    )
    commitment = _visible_commitment(request.user, update.commitment_id)
    if not services.may_judge(request.user, update):
        raise PermissionDenied
    if request.method == "POST":
        form = VerdictForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.commitment_judge(
                    update=update,
                    user=request.user,
                    verdict=data["verdict"],
                    **form.evidence(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if data["verdict"] == Verdict.CONFIRM:
                    messages.success(request, _("Your institution confirmed this report."))
                else:
                    messages.success(
                        request,
                        _(
                            "Your institution contested this report; the facilitators will "
                            "review it."
                        ),
                    )
                return redirect(commitment.get_absolute_url())
    else:
        form = VerdictForm()
    return render(
        request,
        "workshops/commitments/verdict_form.html",
        {"commitment": commitment, "update": update, "form": form},
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
