"""iCalendar (RFC 5545) for workshops: one event, or a calendar of several.

Times are written in America/Lima with a VTIMEZONE. The online link goes into an event
only for someone allowed to see it (confirmed participants and facilitators).
"""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vText

from .models import Modality, WorkshopStatus
from .selectors import can_see_online_link

PRODID = "-//Comunidad de Aprendizaje Moquegua//Portal//ES"


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(Timezone.from_tzid(settings.TIME_ZONE))
    return calendar


def _location(workshop) -> str:
    parts = [workshop.venue, workshop.address, workshop.city]
    return ", ".join(part for part in parts if part)


def _event(workshop, *, online_url: str = "", base_url: str = "") -> Event:
    """One workshop; its link on `base_url` (the address the calendar was asked at), else
    SITE_URL. The UID stays on SITE_URL: the same event whatever address it came from."""
    url = f"{base_url or settings.SITE_URL}{workshop.get_absolute_url()}"
    event = Event()
    event.add("uid", f"workshop-{workshop.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(workshop.starts_at))
    event.add("dtend", timezone.localtime(workshop.ends_at))
    event.add("summary", workshop.title)
    event.add("sequence", workshop.logistics_version)
    description = [workshop.description.strip(), "", url]
    if online_url:
        description[1:1] = ["", online_url]
    event.add("description", "\n".join(description).strip())
    event.add("url", url)
    location = _location(workshop) if workshop.modality != Modality.VIRTUAL else ""
    if online_url and not location:
        location = online_url
    if location:
        event["location"] = vText(location)
    event.add("status", "CANCELLED" if workshop.status == WorkshopStatus.CANCELLED else "CONFIRMED")
    return event


def workshop_ics(workshop, *, for_user=None, base_url: str = "") -> str:
    online_url = workshop.online_url if for_user and can_see_online_link(for_user, workshop) else ""
    calendar = _calendar(workshop.title)
    calendar.add_component(_event(workshop, online_url=online_url, base_url=base_url))
    return calendar.to_ical().decode("utf-8")


def calendar_ics(
    workshops, *, name: str, online_ids: set[int] = frozenset(), base_url: str = ""
) -> str:
    """Several workshops; `online_ids` are those whose link the reader may see."""
    calendar = _calendar(name)
    for workshop in workshops:
        online_url = workshop.online_url if workshop.pk in online_ids else ""
        calendar.add_component(_event(workshop, online_url=online_url, base_url=base_url))
    return calendar.to_ical().decode("utf-8")
