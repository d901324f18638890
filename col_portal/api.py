"""The read-only JSON API under /api/ (Django REST framework; docs/api.md).

Composed here from what each app offers: its public selectors (the same rules as the
pages an anonymous visitor reads), its serializers and its FilterSets. Everyone is
answered as an anonymous visitor, whoever asks: there is no authentication at all
(settings.REST_FRAMEWORK), so a logged-in member or facilitator gets the same answers,
and nothing members-only, no draft and no online link of a workshop can be reached.

Bad input is a 400 answer with a JSON body naming what was wrong (unknown parameters,
bad values, a page past the end), anything not found a 404 in JSON; every answer carries
the content licence (`Link: <...>; rel="license"`), and every 200 an ETag and a
Last-Modified so that reusers poll with If-None-Match / If-Modified-Since and get 304.
"""

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.urls import path, re_path
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import conditional_page
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.reverse import reverse
from rest_framework.throttling import SimpleRateThrottle

from members.filtersets import DistrictFilterSet, InstitutionFilterSet
from members.licence import current_licence
from members.models import ContentLicence, District, Province
from members.selectors import public_institutions
from members.serializers import DistrictDetailSerializer, InstitutionSerializer, ProvinceSerializer
from members.structured_data import content_license_url
from resources.filtersets import ResourceFilterSet
from resources.selectors import public_resources
from resources.selectors import with_card_relations as with_resource_relations
from resources.serializers import ResourceSerializer
from themes.filtersets import LessonFilterSet
from themes.models import Theme
from themes.selectors import public_contributions, themes_ordered, with_card_relations
from themes.serializers import LessonSerializer, ThemeSerializer
from workshops.filtersets import (
    AgreementSpaceFilterSet,
    CommitmentFilterSet,
    CommitmentReportFilterSet,
    CommitmentVerdictFilterSet,
    WorkshopFilterSet,
)
from workshops.models import CommitmentMilestone, CommitmentUpdate, CommitmentVerdict
from workshops.selectors import (
    public_agreement_spaces,
    public_commitments,
    public_workshops,
    with_public_relations,
)
from workshops.serializers import (
    AgreementSpaceSerializer,
    CommitmentReportSerializer,
    CommitmentSerializer,
    CommitmentVerdictSerializer,
    WorkshopSerializer,
)

MAX_PAGE_SIZE = 100
# How long the moment an answer last changed is remembered (see `_mark_validators`).
LAST_MODIFIED_MEMORY = 30 * 24 * 3600
FORMAT_PARAMETER = "format"


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = gettext_lazy("Page number, from 1.")
    page_size_query_description = gettext_lazy("Results per page (at most 100).")

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [gettext("A whole number from 1 to 100.")]}
            )
        return super().get_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:  # a page past the end, or not a page number: bad input
            raise ValidationError({self.page_query_param: [error.detail]}) from error


class ClientAddressThrottle(SimpleRateThrottle):
    """Requests per client address, found as allauth's rate limits find it (behind the
    proxy: settings.ALLAUTH_TRUSTED_PROXY_COUNT), whoever is logged in."""

    scope = "api"

    def get_cache_key(self, request, view):
        ident = get_adapter(request).get_client_ip(request._request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class PortalAutoSchema(AutoSchema):
    """The error answers every API operation may give, in the OpenAPI schema."""

    def _get_response_bodies(self, direction="response"):
        bodies = super()._get_response_bodies(direction)
        if direction != "response" or not isinstance(self.view, PublicReadOnlyViewSet):
            return bodies
        errors = [
            (400, BAD_REQUEST),
            *([(404, NOT_FOUND)] if self.view.action == "retrieve" else []),
            (429, THROTTLED),
        ]
        for code, response in errors:
            bodies[str(code)] = self._get_response_for_code(response, str(code))
        return bodies


BAD_REQUEST = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=gettext_lazy(
        "Bad input: an unknown parameter, a value of the wrong form (a date not written "
        "YYYY-MM-DD, a word where a number goes, an unknown theme), or a page past the "
        "end. The body names each wrong parameter with its messages, e.g. "
        '{"published_after": ["Enter a valid date."]}.'
    ),
)
NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=gettext_lazy('Nothing public by this id: {"detail": "Not found."}.'),
)
THROTTLED = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description=gettext_lazy(
        "Too many requests from your address; the Retry-After header says in how many "
        "seconds to try again."
    ),
)


def _mark_validators(request, response):
    """ETag: a digest of the answer. Last-Modified: when this address first gave this very
    answer (remembered in the cache with its ETag; forgotten, it starts again from now,
    which only ever costs a reuser one full answer). Neither date of an object would do:
    a list changes when an item leaves it, a workshop when people register."""
    set_response_etag(response)
    etag = response.get("ETag")
    if not etag:
        return
    media_type = getattr(response, "accepted_media_type", "")
    raw = f"{request.get_full_path()}\n{media_type}"
    key = f"col:api:since:{hashlib.sha256(raw.encode()).hexdigest()}"
    stored = cache.get(key)
    if stored and stored[0] == etag:
        since = stored[1]
    else:
        since = int(time.time())
        cache.set(key, (etag, since), LAST_MODIFIED_MEMORY)
    response["Last-Modified"] = http_date(since)


class PublicAPIMixin:
    """Every API view: throttled per address; the licence in every answer; for a 200,
    caching headers and validators (Django's conditional GET then answers 304 to a reuser
    who has it already)."""

    throttle_classes = [ClientAddressThrottle]

    @method_decorator(conditional_page)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = f'<{content_license_url()}>; rel="license"'
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
            response.add_post_render_callback(
                lambda rendered: _mark_validators(request._request, rendered)
            )
        return response

    def check_query_parameters(self, request, allowed: set[str]) -> None:
        unknown = sorted(set(request.query_params) - allowed - {FORMAT_PARAMETER})
        if unknown:
            raise ValidationError({name: [gettext("Unknown parameter.")] for name in unknown})


class PublicReadOnlyViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    schema = PortalAutoSchema()
    pagination_class = Pagination
    name_many = ""
    name_one = ""
    about = ""
    route_name = ""  # api:<route_name>-list, api:<route_name>-detail

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        allowed = set()
        if self.action == "list":
            allowed = {self.paginator.page_query_param, self.paginator.page_size_query_param}
            if self.filterset_class is not None:
                allowed |= set(self.filterset_class.base_filters)
        self.check_query_parameters(request, allowed)

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as error:  # Django's message names the model, in English
            raise NotFound() from error

    def get_view_name(self):
        return self.name_one if self.detail else self.name_many

    def get_view_description(self, html=False):
        return self.about


def public_viewset(
    basename: str,
    *,
    about,
    name_many,
    name_one,
    queryset,
    serializer,
    filterset=None,
    lookup_field: str = "pk",
):
    """One read-only endpoint: the public queryset (from the app's selectors), its
    serializer and its FilterSet, named and described for the browsable API and, in the
    visitor's language (Spanish, and English with ?lang=en), for the OpenAPI schema."""
    viewset = type(
        f"{basename.title().replace('-', '')}ViewSet",
        (PublicReadOnlyViewSet,),
        {
            "__module__": __name__,
            "__doc__": str(about),
            "about": about,
            "name_many": name_many,
            "name_one": name_one,
            "queryset": queryset,
            "serializer_class": serializer,
            "filterset_class": filterset,
            "lookup_field": lookup_field,
            "route_name": basename,
        },
    )
    return extend_schema_view(
        list=extend_schema(summary=name_many, description=about),
        retrieve=extend_schema(summary=name_one, description=about),
    )(viewset)


def _public_commitment_ids():
    return public_commitments().order_by().values("pk")


# The endpoints: /api/<prefix>/ and /api/<prefix>/<lookup>/, named api:<basename>-list/-detail.
ENDPOINTS = {
    "lessons": public_viewset(
        "lesson",
        about=gettext_lazy(
            "The public, published lessons learned, experiences and good practices, with "
            "their structured sections; newest first. ?q= searches them as the site does."
        ),
        name_many=gettext_lazy("Lessons and experiences"),
        name_one=gettext_lazy("Lesson or experience"),
        queryset=(
            with_card_relations(public_contributions())
            .prefetch_related(Prefetch("secondary_themes", queryset=themes_ordered()))
            .order_by("-first_published_at", "-pk")
        ),
        serializer=LessonSerializer,
        filterset=LessonFilterSet,
        lookup_field="slug",
    ),
    "workshops": public_viewset(
        "workshop",
        about=gettext_lazy(
            "The Community's public workshops (announced, held or cancelled; never a draft or "
            "a members-only one), with participation per sector as counts; latest first."
        ),
        name_many=gettext_lazy("Workshops"),
        name_one=gettext_lazy("Workshop"),
        queryset=with_public_relations(public_workshops()).order_by("-starts_at", "-pk"),
        serializer=WorkshopSerializer,
        filterset=WorkshopFilterSet,
        lookup_field="slug",
    ),
    "agreement-spaces": public_viewset(
        "agreement-space",
        about=gettext_lazy(
            "The dialogue tables, technical tables and agreements between institutions whose "
            "agreements the register follows (published and public ones); latest first."
        ),
        name_many=gettext_lazy("Agreement spaces"),
        name_one=gettext_lazy("Agreement space"),
        queryset=public_agreement_spaces()
        .select_related("convener")
        .prefetch_related("minutes")
        .order_by("-started_on", "-pk"),
        serializer=AgreementSpaceSerializer,
        filterset=AgreementSpaceFilterSet,
        lookup_field="slug",
    ),
    "commitments": public_viewset(
        "commitment",
        about=gettext_lazy(
            "The commitments register: agreements made at the public workshops and agreement "
            "spaces, and institutions' own pledges, with the responsible institution, due "
            "date, status and progress; soonest due first."
        ),
        name_many=gettext_lazy("Commitments"),
        name_one=gettext_lazy("Commitment"),
        queryset=public_commitments().prefetch_related(
            "supporting_institutions",
            Prefetch("themes", queryset=themes_ordered()),
            Prefetch("districts", queryset=District.objects.select_related("province")),
            Prefetch(
                "milestones", queryset=CommitmentMilestone.objects.order_by("planned_on", "pk")
            ),
        ),
        serializer=CommitmentSerializer,
        filterset=CommitmentFilterSet,
    ),
    "commitment-reports": public_viewset(
        "commitment-report",
        about=gettext_lazy(
            "The history of the commitments: every report of status and progress, dated, with "
            "its evidence; a note the facilitators hid is left out. Oldest first."
        ),
        name_many=gettext_lazy("Reports on commitments"),
        name_one=gettext_lazy("Report on a commitment"),
        queryset=CommitmentUpdate.objects.filter(commitment__in=_public_commitment_ids())
        .select_related("institution", "document")
        .order_by("created_at", "pk"),
        serializer=CommitmentReportSerializer,
        filterset=CommitmentReportFilterSet,
    ),
    "commitment-verdicts": public_viewset(
        "commitment-verdict",
        about=gettext_lazy(
            "How institutions of other sectors confirmed or contested each report, with their "
            "note (unless the facilitators hid it) and evidence. Oldest first."
        ),
        name_many=gettext_lazy("Confirmations and contests"),
        name_one=gettext_lazy("Confirmation or contest"),
        queryset=CommitmentVerdict.objects.filter(update__commitment__in=_public_commitment_ids())
        .select_related("update", "institution", "document")
        .order_by("created_at", "pk"),
        serializer=CommitmentVerdictSerializer,
        filterset=CommitmentVerdictFilterSet,
    ),
    "institutions": public_viewset(
        "institution",
        about=gettext_lazy(
            "The institutions of the Community: name, sector, Core Group membership, web site."
        ),
        name_many=gettext_lazy("Institutions"),
        name_one=gettext_lazy("Institution"),
        queryset=public_institutions(),
        serializer=InstitutionSerializer,
        filterset=InstitutionFilterSet,
    ),
    "resources": public_viewset(
        "resource",
        about=gettext_lazy(
            "The public studies, reports, guides and other resources of the library, with the "
            "address of the file when the portal holds one; newest first."
        ),
        name_many=gettext_lazy("Library resources"),
        name_one=gettext_lazy("Library resource"),
        queryset=with_resource_relations(public_resources()).order_by("-first_published_at", "-pk"),
        serializer=ResourceSerializer,
        filterset=ResourceFilterSet,
        lookup_field="slug",
    ),
    "themes": public_viewset(
        "theme",
        about=gettext_lazy("The priority themes of the RIMAY Moquegua consensus, in order."),
        name_many=gettext_lazy("Themes"),
        name_one=gettext_lazy("Theme"),
        queryset=Theme.objects.order_by("order", "pk"),
        serializer=ThemeSerializer,
        lookup_field="slug",
    ),
    "provinces": public_viewset(
        "province",
        about=gettext_lazy(
            "The provinces of the Moquegua region, by their INEI ubigeo code (four digits)."
        ),
        name_many=gettext_lazy("Provinces"),
        name_one=gettext_lazy("Province"),
        queryset=Province.objects.order_by("ubigeo"),
        serializer=ProvinceSerializer,
        lookup_field="ubigeo",
    ),
    "districts": public_viewset(
        "district",
        about=gettext_lazy(
            "The districts of the Moquegua region, by their INEI ubigeo code (six digits), "
            "with their province."
        ),
        name_many=gettext_lazy("Districts"),
        name_one=gettext_lazy("District"),
        queryset=District.objects.select_related("province").order_by("ubigeo"),
        serializer=DistrictDetailSerializer,
        filterset=DistrictFilterSet,
        lookup_field="ubigeo",
    ),
}


class RootView(PublicAPIMixin, routers.APIRootView):
    """The browsable API's front page: every list, the schema, its documentation and the
    licence of the content."""

    def get(self, request, *args, **kwargs):
        self.check_query_parameters(request, set())
        response = super().get(request, *args, **kwargs)
        response.data.update(
            {
                "schema": reverse("api:schema", request=request),
                "docs": reverse("api:docs", request=request),
                "license": content_license_url(),
            }
        )
        return response

    def get_view_name(self):
        return gettext("Open data API of the Community of Learning")

    def get_view_description(self, html=False):
        return gettext(
            "What the portal publishes for everyone, as JSON: follow the addresses below. "
            "The documentation describes every list, filter and field."
        )


def only_public_api(endpoints):
    """drf-spectacular's preprocessing hook: the schema describes /api/ only."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


def name_the_licence(result, generator, request, public):
    """drf-spectacular's postprocessing hook: the schema names the licence facilitators set
    (read when the schema is made, not when this module is imported)."""
    if request is not None:
        licence = current_licence()
        named = {"name": licence.name, "url": licence.url}
    else:
        # `check --deploy` makes the schema with no request, where no database or cache
        # may answer (an image build): the default licence, which the setting starts from.
        default = ContentLicence.CC_BY_4
        named = {"name": default.label, "url": default.value}
    result.setdefault("info", {})["license"] = named
    return result


def not_found(request, *args, **kwargs):
    """Any other address under /api/: a 404 in JSON, as the API's own."""
    return JsonResponse({"detail": gettext("Not found.")}, status=404)


class Router(routers.DefaultRouter):
    APIRootView = RootView
    include_format_suffixes = False


router = Router()
for prefix, viewset in ENDPOINTS.items():
    router.register(prefix, viewset, basename=viewset.route_name)

SCHEMA_SETTINGS = {
    "TITLE": gettext_lazy("Community of Learning of Moquegua: open data API"),
    "DESCRIPTION": gettext_lazy(
        "Read-only JSON API of what the portal publishes for everyone: lessons and "
        "experiences, workshops, the commitments register (agreement spaces, commitments, "
        "their reports and the confirmations of other sectors), institutions, library "
        "resources, themes, and the provinces and districts of the region. "
        "No account needed; everyone gets what an anonymous visitor sees. The content's "
        "licence is named below and in every answer's Link header. Lists are paginated (page, "
        "page_size); answers carry ETag and Last-Modified for conditional requests; "
        "requests are limited per address (429 with Retry-After)."
    ),
}

urlpatterns = [
    path(
        "schema/",
        SpectacularAPIView.as_view(
            custom_settings=SCHEMA_SETTINGS, throttle_classes=[ClientAddressThrottle]
        ),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema",
            title=SCHEMA_SETTINGS["TITLE"],
            throttle_classes=[ClientAddressThrottle],
        ),
        name="docs",
    ),
    *router.urls,
    re_path(r"^", not_found, name="not_found"),
]
