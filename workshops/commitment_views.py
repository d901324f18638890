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
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from members.faceted import FacetedListView
from members.roles import is_member

from . import selectors, services
from .commitment_forms import CommitmentFilterSet, CommitmentReportForm, VerdictForm
from .models import Commitment, CommitmentUpdate, Verdict


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


def _visible_commitment(user, pk) -> Commitment:
    commitment = (
        selectors.commitments_visible_to(user)
        .select_related("responsible_institution", "agreement_space__convener")
        .prefetch_related("supporting_institutions", "themes", "districts")
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
            "latest": timeline[-1] if timeline else None,
            "by_sector": selectors.verdicts_by_sector(timeline),
            "may_report": services.may_report_on(user, commitment),
            "judgeable": judgeable,
        },
    )


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
        form = CommitmentReportForm(request.POST, request.FILES)
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
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your report has been added to the history."))
                return redirect(commitment.get_absolute_url())
    else:
        form = CommitmentReportForm(
            initial={"status": commitment.status, "progress": commitment.progress}
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
