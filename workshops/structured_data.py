"""schema.org JSON-LD of a workshop's page: an Event with what search engines ask of event
results (name, start and end with the offset, location, attendance mode, status,
organiser) and its breadcrumbs. The online meeting link never appears: an online
workshop's VirtualLocation points to the workshop's own page, whoever is reading."""

from django.conf import settings
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from members.links import absolute_url
from members.structured_data import breadcrumbs, community, local_datetime, script
from themes.models import Visibility
from themes.structured_data import theme_reference

from .models import Modality, WorkshopStatus

SCHEMA = "https://schema.org/"
ATTENDANCE_MODES = {
    Modality.IN_PERSON: "OfflineEventAttendanceMode",
    Modality.VIRTUAL: "OnlineEventAttendanceMode",
    Modality.HYBRID: "MixedEventAttendanceMode",
}
DESCRIPTION_LENGTH = 500


def _status(workshop) -> str:
    if workshop.status == WorkshopStatus.CANCELLED:
        return "EventCancelled"
    if workshop.previous_starts_at and workshop.previous_starts_at != workshop.starts_at:
        return "EventRescheduled"
    return "EventScheduled"


def _place(workshop) -> dict:
    address = {"@type": "PostalAddress", "addressCountry": "PE"}
    if workshop.address:
        address["streetAddress"] = workshop.address
    if workshop.city:
        address["addressLocality"] = workshop.city
    return {"@type": "Place", "name": workshop.venue, "address": address}


def event(workshop, request) -> dict:
    url = absolute_url(workshop.get_absolute_url(), request)
    locations = []
    if workshop.has_place:
        locations.append(_place(workshop))
    if workshop.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    data = {
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": workshop.title,
        "description": Truncator(workshop.description).chars(DESCRIPTION_LENGTH),
        "startDate": local_datetime(workshop.starts_at),
        "endDate": local_datetime(workshop.ends_at),
        "eventAttendanceMode": SCHEMA + ATTENDANCE_MODES[workshop.modality],
        "eventStatus": SCHEMA + _status(workshop),
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": community(request, settings.WAGTAIL_SITE_NAME),
        "maximumAttendeeCapacity": workshop.capacity,
        "isAccessibleForFree": True,
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if _status(workshop) == "EventRescheduled":
        data["previousStartDate"] = local_datetime(workshop.previous_starts_at)
    themes = list(workshop.themes.all())
    if themes:
        data["about"] = [theme_reference(theme, request) for theme in themes]
    return data


def workshop_json_ld(workshop, request):
    """Nothing for a workshop an anonymous visitor may not see (members-only, draft)."""
    if workshop.visibility != Visibility.PUBLIC or workshop.status == WorkshopStatus.DRAFT:
        return script()
    trail = [(_("Workshops"), reverse("workshops:list"))]
    if workshop.is_past:
        trail.append((_("Past workshops"), reverse("workshops:list") + "?periodo=pasados"))
    trail.append((workshop.title, None))
    return script(event(workshop, request), breadcrumbs(request, trail))
