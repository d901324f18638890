"""The library on the portal: the list with filters and search, a resource's page, and the
members' proposals.

Every reading view starts from the visibility rule (`selectors.resources_visible_to`):
what the viewer may not read is a 404, never a 403 that would confirm it exists. Files
are downloaded through Wagtail's document view, where `wagtail_hooks` applies the same
rule.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from wagtail.models import Locale

from members.faceted import FacetedListView
from members.links import absolute_url
from members.roles import is_member
from themes.search import matching_ids

from . import selectors, services, structured_data
from .forms import ResourceFilterSet, ResourceProposalForm
from .pages import FoundationalDocumentPage

OPENGRAPH_LOCALES = {"es": "es_PE", "en": "en_GB"}


class Library(FacetedListView):
    filterset_class = ResourceFilterSet
    template_name = "resources/library/library.html"
    object_list_name = "resources"
    visible = staticmethod(selectors.resources_visible_to)
    search = staticmethod(matching_ids)
    with_card_relations = staticmethod(selectors.with_card_relations)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_propose=is_member(self.request.user), **kwargs)


library = Library.as_view()


def detail(request, slug):
    resource = selectors.resource_for_reading(request.user, slug)
    if resource is None:
        raise Http404
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    og_locale = OPENGRAPH_LOCALES.get(language, OPENGRAPH_LOCALES["es"])
    return render(
        request,
        "resources/library/resource_detail.html",
        {
            "resource": resource,
            "canonical_url": absolute_url(resource.get_absolute_url(), request),
            "og_locale": og_locale,
            "og_locale_alternates": [
                locale for locale in OPENGRAPH_LOCALES.values() if locale != og_locale
            ],
            "json_ld": structured_data.resource_json_ld(resource, request),
        },
    )


def foundational_document(request):
    """A stable named address (resources:foundational_document) for the live Foundational
    Document in the language being read, or in Spanish where it has no translation."""
    pages = FoundationalDocumentPage.objects.live().public().select_related("locale")
    page = (
        pages.filter(locale=Locale.get_active()).first()
        or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    url = page.get_url(request) if page is not None else None
    if not url:
        raise Http404
    return redirect(url)


def _require_member(user) -> None:
    if not is_member(user):
        raise Http404


def _report(form, error: ValidationError) -> None:
    """Show a service's refusal on the form, beside the field it concerns if it has one."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


@login_required
def propose(request):
    _require_member(request.user)
    if request.method == "POST":
        form = ResourceProposalForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                services.resource_propose(user=request.user, **form.service_kwargs())
            except ValidationError as error:
                _report(form, error)
            else:
                messages.success(
                    request,
                    gettext(
                        "Thank you: your proposal was sent to the facilitators. You will "
                        "receive an e-mail when they have reviewed it."
                    ),
                )
                return redirect("resources:my_proposals")
        status = 400
    else:
        form = ResourceProposalForm(user=request.user)
        status = 200
    return render(
        request,
        "resources/library/propose.html",
        {"form": form, "files_dropped": request.method == "POST" and bool(request.FILES)},
        status=status,
    )


@login_required
def my_proposals(request):
    _require_member(request.user)
    rows = []
    for resource in selectors.proposals_of(request.user):
        rows.append(
            {
                "resource": resource,
                "status": selectors.resource_status(resource),
                "review_comment": selectors.review_comment(resource),
            }
        )
    return render(request, "resources/library/my_proposals.html", {"rows": rows})
