"""OAI-PMH 2.0 for the library, so that university and national repositories can harvest it.

One endpoint (`/oai/`, GET and POST, outside the language prefixes) answers the six verbs
for the public resources of the library only, in Dublin Core (`oai_dc`): the same rule as
the pages (`selectors.public_resources`). A resource that stops being public (unpublished,
made members-only, deleted) is served as a deleted record, dated when it stopped, from the
tombstone that `signals.py` leaves (`deletedRecord` "persistent"); members-only and draft
resources that were never public are never mentioned at all.

Written here rather than taken from a library: the Python OAI-PMH servers are either
frameworks of their own with unsigned, offset-based resumption and a runtime lxml
dependency (pyoai, last released in 2022) or Django apps that keep a second copy of the
records in their own tables (django-oai-pmh), which would have to be kept in step with our
visibility rule. The protocol is small; what matters is ours: the selectors, the
tombstones, and inputs that never cause a 500.

Design:
- Records are listed by resource id (public resources and tombstones never share one), a
  page at a time (`OAI_PAGE_SIZE`) with keyset pagination: each page costs the same fixed
  number of queries however large the library is.
- Resumption tokens are stateless: the query and the position (the last id sent, the
  cursor), signed with the SECRET_KEY (django.core.signing, so they cannot be forged) and
  timestamped (they expire after `OAI_RESUMPTION_TOKEN_MAX_AGE` seconds).
- A record's datestamp is the resource's `updated_at` (every publication, unpublication or
  saved change moves it), a deleted record's the moment it stopped being public.
- Protocol messages are in English (harvesters' operators read them); set names and the
  metadata are in the repository's language, Spanish, with English where we have it.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from io import StringIO
from urllib.parse import urlsplit
from xml.sax.saxutils import XMLGenerator

from django.conf import settings
from django.core import signing
from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from members.links import absolute_url
from members.structured_data import content_license_url
from themes.models import Theme

from . import selectors
from .library import Resource, ResourceKind, ResourceTombstone

NS_OAI = "http://www.openarchives.org/OAI/2.0/"
SCHEMA_OAI = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
NS_OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SCHEMA_OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
SCHEMA_OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"

METADATA_PREFIX = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
SET_THEME = "tema"
SET_KIND = "tipo"
RECORD_PATH = "recurso/"
TOKEN_SALT = "resources.oai.resumption-token"
MAX_TOKEN_LENGTH = 1000

# verb: (required arguments, optional arguments, exclusive argument)
VERBS = {
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
}
# Errors after which the request element names no arguments (OAI-PMH 2.0, 3.2).
SYNTAX_ERRORS = {"badVerb", "badArgument"}

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)
_SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*", re.ASCII)
_RECORD_NUMBER = re.compile(r"[1-9][0-9]{0,17}", re.ASCII)
_REPOSITORY_IDENTIFIER = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
# Characters XML 1.0 cannot carry: dropped from whatever is written.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class OAIError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# ---- Settings


def page_size() -> int:
    return max(1, int(getattr(settings, "OAI_PAGE_SIZE", 100)))


def token_max_age() -> int:
    return int(getattr(settings, "OAI_RESUMPTION_TOKEN_MAX_AGE", 24 * 3600))


def repository_identifier() -> str:
    """The host part of the identifiers (`oai:<this>:recurso/<id>`): stable whatever
    address a harvester uses, so set once for the portal (default: SITE_URL's host)."""
    configured = getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "")
    return configured or urlsplit(settings.SITE_URL).hostname or "localhost"


def admin_email() -> str:
    return getattr(settings, "OAI_ADMIN_EMAIL", "") or "webmaster@localhost"


def oai_identifier(resource_id: int) -> str:
    return f"oai:{repository_identifier()}:{RECORD_PATH}{resource_id}"


def resource_id_of(identifier: str) -> int | None:
    prefix = f"oai:{repository_identifier()}:{RECORD_PATH}"
    if not identifier.startswith(prefix):
        return None
    number = identifier[len(prefix) :]
    return int(number) if _RECORD_NUMBER.fullmatch(number) else None


def utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- Arguments


def _shown(name: str) -> str:
    return name if len(name) <= 40 else f"{name[:40]}…"


def read_arguments(pairs) -> tuple[str, dict[str, str]]:
    """The verb and its arguments, checked against what the verb allows."""
    values: dict[str, list[str]] = {}
    for key, items in pairs:
        values.setdefault(key, []).extend(items)
    verbs = values.pop("verb", [])
    if not verbs:
        raise OAIError("badVerb", "The verb argument is missing.")
    if len(verbs) > 1:
        raise OAIError("badVerb", "The verb argument is repeated.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError("badVerb", f"“{_shown(verb)}” is not an OAI-PMH verb.")
    repeated = sorted(key for key, items in values.items() if len(items) > 1)
    if repeated:
        raise OAIError("badArgument", f"Repeated argument: {_shown(repeated[0])}.")
    arguments = {key: items[0] for key, items in values.items()}
    required, optional, exclusive = VERBS[verb]
    illegal = sorted(set(arguments) - required - optional - {exclusive})
    if illegal:
        raise OAIError("badArgument", f"Illegal argument for {verb}: {_shown(illegal[0])}.")
    empty = sorted(key for key, value in arguments.items() if not value)
    if empty:
        raise OAIError("badArgument", f"Empty argument: {empty[0]}.")
    if exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", f"{exclusive} is an exclusive argument.")
        return verb, arguments
    missing = sorted(required - set(arguments))
    if missing:
        raise OAIError("badArgument", f"Missing argument for {verb}: {missing[0]}.")
    return verb, arguments


@dataclass(frozen=True)
class Bound:
    """A from/until argument: the first second it names and the first one after it."""

    text: str
    day: bool
    start: dt.datetime
    after: dt.datetime | None  # None past the year 9999


def parse_date(name: str, text: str, code: str = "badArgument") -> Bound:
    if _DAY.fullmatch(text):
        pattern, day, step = "%Y-%m-%d", True, dt.timedelta(days=1)
    elif _SECOND.fullmatch(text):
        pattern, day, step = "%Y-%m-%dT%H:%M:%SZ", False, dt.timedelta(seconds=1)
    else:
        raise OAIError(code, f"{name} is not a date as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.")
    try:
        start = dt.datetime.strptime(text, pattern).replace(tzinfo=dt.UTC)
    except ValueError:
        raise OAIError(code, f"{name} is not a valid date.") from None
    try:
        after = start + step
    except OverflowError:
        after = None
    return Bound(text, day, start, after)


@dataclass(frozen=True)
class Harvest:
    """A ListIdentifiers/ListRecords request, and where it stands (after resumption)."""

    verb: str
    metadata_prefix: str
    set_spec: str = ""
    from_: str = ""
    until: str = ""
    last_id: int = 0
    cursor: int = 0

    def bounds(self, code: str = "badArgument") -> tuple[Bound | None, Bound | None]:
        start = parse_date("from", self.from_, code) if self.from_ else None
        end = parse_date("until", self.until, code) if self.until else None
        if start and end:
            if start.day != end.day:
                raise OAIError(code, "from and until must have the same granularity.")
            if start.start > end.start:
                raise OAIError(code, "from is later than until.")
        return start, end

    def token(self) -> str:
        data = [
            self.verb,
            self.metadata_prefix,
            self.set_spec,
            self.from_,
            self.until,
            self.last_id,
            self.cursor,
        ]
        return signing.dumps(data, salt=TOKEN_SALT, compress=True)

    @classmethod
    def from_token(cls, verb: str, token: str) -> "Harvest":
        bad = OAIError("badResumptionToken", "The resumption token is invalid or has expired.")
        if len(token) > MAX_TOKEN_LENGTH:
            raise bad
        try:
            data = signing.loads(token, salt=TOKEN_SALT, max_age=token_max_age())
        except (signing.BadSignature, ValueError):
            raise bad from None
        shape = (str, str, str, str, str, int, int)
        if (
            not isinstance(data, list)
            or len(data) != len(shape)
            or not all(type(value) is kind for value, kind in zip(data, shape, strict=True))
            or data[0] != verb
        ):
            raise bad
        harvest = cls(*data)
        harvest.bounds(code="badResumptionToken")
        return harvest


def harvest_from(verb: str, arguments: dict[str, str]) -> Harvest:
    if "resumptionToken" in arguments:
        return Harvest.from_token(verb, arguments["resumptionToken"])
    harvest = Harvest(
        verb=verb,
        metadata_prefix=arguments["metadataPrefix"],
        set_spec=arguments.get("set", ""),
        from_=arguments.get("from", ""),
        until=arguments.get("until", ""),
    )
    harvest.bounds()
    if harvest.set_spec and not _SET_SPEC.fullmatch(harvest.set_spec):
        raise OAIError("badArgument", "set is not a valid setSpec.")
    check_format(harvest.metadata_prefix)
    return harvest


def check_format(prefix: str) -> None:
    if prefix != METADATA_PREFIX:
        raise OAIError(
            "cannotDisseminateFormat", f"Only the {METADATA_PREFIX} format is available."
        )


# ---- Records


def _set_filters(set_spec: str) -> tuple[Q, Q] | None:
    """(filter of public resources, filter of tombstones) for a set; None for a set that
    does not exist (no records)."""
    if not set_spec:
        return Q(), Q()
    parts = set_spec.split(":")
    if parts == [SET_THEME]:
        themed = Resource.themes.through.objects.filter(resource_id=OuterRef("pk"))
        return Q(Exists(themed)), ~Q(theme_slugs="")
    if parts == [SET_KIND]:
        return Q(), Q()
    if len(parts) == 2 and parts[0] == SET_THEME:
        return Q(themes__slug=parts[1]), Q(theme_slugs__contains=f" {parts[1]} ")
    if len(parts) == 2 and parts[0] == SET_KIND:
        return Q(kind=parts[1]), Q(kind=parts[1])
    return None


def _date_filters(harvest: Harvest) -> tuple[Q, Q]:
    start, end = harvest.bounds()
    resources, tombstones = Q(), Q()
    if start:
        resources &= Q(updated_at__gte=start.start)
        tombstones &= Q(withdrawn_at__gte=start.start)
    if end and end.after:
        resources &= Q(updated_at__lt=end.after)
        tombstones &= Q(withdrawn_at__lt=end.after)
    return resources, tombstones


def _record_id(item) -> int:
    return item.resource_id if isinstance(item, ResourceTombstone) else item.pk


@dataclass
class Page:
    items: list
    complete_size: int | None  # None when the list fits in one response
    next_token: str | None


def harvest_page(harvest: Harvest, with_metadata: bool) -> Page:
    """The next page of records: a fixed number of queries whatever the library's size."""
    sets = _set_filters(harvest.set_spec)
    if sets is None:
        raise OAIError("noRecordsMatch", "No records are in this set.")
    dates = _date_filters(harvest)
    resources = selectors.public_resources().filter(sets[0], dates[0])
    tombstones = selectors.withdrawn_resources().filter(sets[1], dates[1])
    size = page_size()
    listed = resources.filter(pk__gt=harvest.last_id).order_by("pk")
    if with_metadata:
        listed = selectors.with_card_relations(listed)
    else:
        listed = listed.prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("order"))
        )
    withdrawn = tombstones.filter(resource_id__gt=harvest.last_id).order_by("resource_id")
    items = sorted([*listed[: size + 1], *withdrawn[: size + 1]], key=_record_id)
    more = len(items) > size
    items = items[:size]
    if not items:
        raise OAIError("noRecordsMatch", "No records match the request.")
    if not more and not harvest.cursor:
        return Page(items, None, None)
    complete_size = resources.count() + tombstones.count()
    next_token = (
        replace(harvest, last_id=_record_id(items[-1]), cursor=harvest.cursor + len(items)).token()
        if more
        else None
    )
    return Page(items, complete_size, next_token)


def found_record(resource_id: int | None) -> Resource | ResourceTombstone | None:
    if resource_id is None:
        return None
    resource = (
        selectors.with_card_relations(selectors.public_resources()).filter(pk=resource_id).first()
    )
    if resource is not None:
        return resource
    return selectors.withdrawn_resources().filter(resource_id=resource_id).first()


def earliest_datestamp() -> dt.datetime:
    dates = [
        selectors.public_resources().aggregate(first=Min("updated_at"))["first"],
        selectors.withdrawn_resources().aggregate(first=Min("withdrawn_at"))["first"],
    ]
    dates = [date for date in dates if date is not None]
    return min(dates) if dates else timezone.now()


# ---- Writing XML


class XMLWriter(XMLGenerator):
    """SAX's writer (escaping included), dropping what XML 1.0 cannot hold."""

    def __init__(self, stream):
        super().__init__(stream, "utf-8", short_empty_elements=True)

    def characters(self, content):
        super().characters(_NOT_XML.sub("", content))

    def start(self, name: str, attrs: dict | None = None) -> None:
        self.startElement(
            name, {key: _NOT_XML.sub("", str(value)) for key, value in (attrs or {}).items()}
        )

    def end(self, name: str) -> None:
        self.endElement(name)

    def element(self, name: str, text="", attrs: dict | None = None) -> None:
        self.start(name, attrs)
        if text:
            self.characters(str(text))
        self.end(name)


@dataclass
class Context:
    """What every record of a response shares."""

    request: object
    kind_labels: dict[str, tuple[str, str]]

    @classmethod
    def of(cls, request) -> "Context":
        labels = {}
        for kind in ResourceKind:
            with translation.override("en"):
                english = str(kind.label)
            labels[kind.value] = (str(kind.label), english)
        return cls(request, labels)


def _set_specs(item) -> list[str]:
    if isinstance(item, ResourceTombstone):
        themes = item.themes
    else:
        themes = [theme.slug for theme in item.themes.all()]
    return [*(f"{SET_THEME}:{slug}" for slug in themes), f"{SET_KIND}:{item.kind}"]


def write_header(out: XMLWriter, item) -> None:
    deleted = isinstance(item, ResourceTombstone)
    out.start("header", {"status": "deleted"} if deleted else {})
    out.element("identifier", oai_identifier(_record_id(item)))
    out.element("datestamp", utc(item.withdrawn_at if deleted else item.updated_at))
    for spec in _set_specs(item):
        out.element("setSpec", spec)
    out.end("header")


def write_dublin_core(out: XMLWriter, resource: Resource, context: Context) -> None:
    request = context.request
    lang = {"xml:lang": resource.language}
    out.start(
        "oai_dc:dc",
        {
            "xmlns:oai_dc": NS_OAI_DC,
            "xmlns:dc": NS_DC,
            "xmlns:xsi": NS_XSI,
            "xsi:schemaLocation": f"{NS_OAI_DC} {SCHEMA_OAI_DC}",
        },
    )
    out.element("dc:title", resource.title, lang)
    for institution in resource.institutions.all():
        out.element("dc:creator", institution.name)
    if resource.other_authors:
        out.element("dc:creator", resource.other_authors)
    for theme in resource.themes.all():
        out.element("dc:subject", theme.name_es, {"xml:lang": "es"})
        if theme.name_en:
            out.element("dc:subject", theme.name_en, {"xml:lang": "en"})
    for tag in sorted(resource.tags.all(), key=lambda tag: tag.name):
        out.element("dc:subject", tag.name)
    out.element("dc:description", resource.summary, lang)
    out.element("dc:publisher", settings.WAGTAIL_SITE_NAME)
    if resource.year:
        out.element("dc:date", str(resource.year))
    elif resource.first_published_at:
        out.element("dc:date", resource.first_published_at.date().isoformat())
    # The DCMI Type vocabulary, then the library's own kind.
    out.element("dc:type", "Dataset" if resource.kind == ResourceKind.DATASET else "Text")
    spanish, english = context.kind_labels.get(resource.kind, (resource.kind, resource.kind))
    out.element("dc:type", spanish, {"xml:lang": "es"})
    out.element("dc:type", english, {"xml:lang": "en"})
    document = resource.document
    if document is not None:
        out.element("dc:format", document.content_type)
    out.element("dc:identifier", absolute_url(resource.get_absolute_url(), request))
    # A public resource's file is public too: the library lets anyone read the documents
    # of the resources they may read (selectors.library_lets_read).
    if document is not None:
        out.element("dc:identifier", absolute_url(document.url, request))
    elif resource.external_url:
        out.element("dc:identifier", resource.external_url)
    out.element("dc:language", resource.language)
    out.element("dc:rights", content_license_url())
    out.end("oai_dc:dc")


def write_record(out: XMLWriter, item, context: Context) -> None:
    out.start("record")
    write_header(out, item)
    if not isinstance(item, ResourceTombstone):
        out.start("metadata")
        write_dublin_core(out, item, context)
        out.end("metadata")
    out.end("record")


def write_resumption(out: XMLWriter, harvest: Harvest, page: Page) -> None:
    if page.complete_size is None:
        return
    attrs = {"completeListSize": page.complete_size, "cursor": harvest.cursor}
    if page.next_token:
        expires = timezone.now() + dt.timedelta(seconds=token_max_age())
        attrs["expirationDate"] = utc(expires)
    out.element("resumptionToken", page.next_token or "", attrs)


# ---- The verbs: each checks, queries, and returns what writes its answer.

Write = Callable[[XMLWriter], None]


def identify(request, arguments) -> Write:
    earliest = earliest_datestamp()
    base_url = absolute_url(reverse("oai"), request)
    repository = repository_identifier()
    name = f"{settings.WAGTAIL_SITE_NAME}: {gettext('Resources library')}"

    def write(out):
        out.start("Identify")
        out.element("repositoryName", name)
        out.element("baseURL", base_url)
        out.element("protocolVersion", "2.0")
        out.element("adminEmail", admin_email())
        out.element("earliestDatestamp", utc(earliest))
        out.element("deletedRecord", "persistent")
        out.element("granularity", GRANULARITY)
        if _REPOSITORY_IDENTIFIER.fullmatch(repository):
            out.start("description")
            out.start(
                "oai-identifier",
                {
                    "xmlns": NS_OAI_IDENTIFIER,
                    "xsi:schemaLocation": f"{NS_OAI_IDENTIFIER} {SCHEMA_OAI_IDENTIFIER}",
                },
            )
            out.element("scheme", "oai")
            out.element("repositoryIdentifier", repository)
            out.element("delimiter", ":")
            out.element("sampleIdentifier", oai_identifier(1))
            out.end("oai-identifier")
            out.end("description")
        out.end("Identify")

    return write


def list_metadata_formats(request, arguments) -> Write:
    identifier = arguments.get("identifier")
    if identifier is not None and found_record(resource_id_of(identifier)) is None:
        raise OAIError("idDoesNotExist", "No record has this identifier.")

    def write(out):
        out.start("ListMetadataFormats")
        out.start("metadataFormat")
        out.element("metadataPrefix", METADATA_PREFIX)
        out.element("schema", SCHEMA_OAI_DC)
        out.element("metadataNamespace", NS_OAI_DC)
        out.end("metadataFormat")
        out.end("ListMetadataFormats")

    return write


def list_sets(request, arguments) -> Write:
    if "resumptionToken" in arguments:
        # The sets fit in one answer: no token is ever given for them.
        raise OAIError("badResumptionToken", "The resumption token is invalid or has expired.")
    themes = list(Theme.objects.order_by("order"))
    kinds = [(kind.value, str(kind.label)) for kind in ResourceKind]

    def write(out):
        out.start("ListSets")
        out.start("set")
        out.element("setSpec", SET_THEME)
        out.element("setName", gettext("Priority themes"))
        out.end("set")
        for theme in themes:
            out.start("set")
            out.element("setSpec", f"{SET_THEME}:{theme.slug}")
            out.element("setName", theme.name_es)
            if theme.short_description_es:
                out.start("setDescription")
                out.start(
                    "oai_dc:dc",
                    {
                        "xmlns:oai_dc": NS_OAI_DC,
                        "xmlns:dc": NS_DC,
                        "xsi:schemaLocation": f"{NS_OAI_DC} {SCHEMA_OAI_DC}",
                    },
                )
                out.element("dc:description", theme.short_description_es, {"xml:lang": "es"})
                out.end("oai_dc:dc")
                out.end("setDescription")
            out.end("set")
        out.start("set")
        out.element("setSpec", SET_KIND)
        out.element("setName", gettext("Kinds of resource"))
        out.end("set")
        for value, label in kinds:
            out.start("set")
            out.element("setSpec", f"{SET_KIND}:{value}")
            out.element("setName", label)
            out.end("set")
        out.end("ListSets")

    return write


def _list(verb: str, with_metadata: bool):
    def handler(request, arguments) -> Write:
        harvest = harvest_from(verb, arguments)
        page = harvest_page(harvest, with_metadata)
        context = Context.of(request)

        def write(out):
            out.start(verb)
            for item in page.items:
                if with_metadata:
                    write_record(out, item, context)
                else:
                    write_header(out, item)
            write_resumption(out, harvest, page)
            out.end(verb)

        return write

    return handler


def get_record(request, arguments) -> Write:
    check_format(arguments["metadataPrefix"])
    item = found_record(resource_id_of(arguments["identifier"]))
    if item is None:
        raise OAIError("idDoesNotExist", "No record has this identifier.")
    context = Context.of(request)

    def write(out):
        out.start("GetRecord")
        write_record(out, item, context)
        out.end("GetRecord")

    return write


HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "ListIdentifiers": _list("ListIdentifiers", with_metadata=False),
    "ListRecords": _list("ListRecords", with_metadata=True),
    "GetRecord": get_record,
}


def render(base_url: str, echoed: dict[str, str], write: Write | None, error=None) -> str:
    stream = StringIO()
    out = XMLWriter(stream)
    out.startDocument()
    out.start(
        "OAI-PMH",
        {"xmlns": NS_OAI, "xmlns:xsi": NS_XSI, "xsi:schemaLocation": f"{NS_OAI} {SCHEMA_OAI}"},
    )
    out.element("responseDate", utc(timezone.now()))
    out.element("request", base_url, echoed)
    if error is not None:
        out.element("error", error.message, {"code": error.code})
    else:
        write(out)
    out.end("OAI-PMH")
    out.endDocument()
    return stream.getvalue()


@csrf_exempt  # read-only: nothing to forge
@never_cache  # responseDate and the tokens' expiry are of the moment
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    pairs = list(request.GET.lists())
    if request.method == "POST":
        pairs += list(request.POST.lists())
    base_url = absolute_url(reverse("oai"), request)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            verb, arguments = read_arguments(pairs)
        except OAIError as error:
            return _xml(render(base_url, {}, None, error))
        echoed = {"verb": verb, **arguments}
        try:
            text = render(base_url, echoed, HANDLERS[verb](request, arguments))
        except OAIError as error:
            text = render(base_url, {} if error.code in SYNTAX_ERRORS else echoed, None, error)
    return _xml(text)


def _xml(text: str) -> HttpResponse:
    return HttpResponse(text, content_type="text/xml; charset=utf-8")
