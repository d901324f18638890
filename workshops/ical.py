"""iCalendar (RFC 5545) for workshops: one event, or a calendar of several.

Times are written in America/Lima with a VTIMEZONE. Every event links back to the workshop
page (URL). The online link goes into an event only for someone allowed to see it today
(confirmed members and facilitators: `selectors.can_see_online_link`), as an RFC 7986
CONFERENCE property and in the description, for the calendar apps that ignore CONFERENCE.

An event keeps its UID for good; its SEQUENCE is the workshop's stored
`logistics_version`, which the workshop services raise when the time, place, link or
status changes (rescheduled, cancelled), so calendar apps replace the copy they hold.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vUri

from members.roles import is_facilitator

from .models import Modality, RegistrationStatus, WorkshopStatus
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


def _conference(online_url: str) -> vUri:
    """RFC 7986 §5.11. Built as a vUri rather than with icalendar's Conference, whose
    to_uri() joins the features into one quoted value ("AUDIO,VIDEO"), which RFC 5545
    reads as a single unknown feature; here they stay two values: FEATURE=AUDIO,VIDEO."""
    return vUri(
        online_url,
        params={
            "VALUE": "URI",
            "FEATURE": ["AUDIO", "VIDEO"],
            "LABEL": _("Online meeting link"),
            "LANGUAGE": get_language() or settings.LANGUAGE_CODE,
        },
    )


def _event(workshop, *, online_url: str = "", base_url: str = "") -> Event:
    """One workshop; its link on `base_url` (the address the calendar was asked at), else
    SITE_URL. The UID stays on SITE_URL: the same event whatever address it came from."""
    url = f"{base_url or settings.SITE_URL}{workshop.get_absolute_url()}"
    cancelled = workshop.status == WorkshopStatus.CANCELLED
    description = [workshop.description.strip(), "", url]
    if online_url:
        description[1:1] = ["", f"{_('Online meeting link')}: {online_url}"]
    location = _location(workshop) if workshop.modality != Modality.VIRTUAL else ""
    event = Event.new(
        uid=f"workshop-{workshop.pk}@{settings.SITE_URL.split('://')[-1]}",
        stamp=timezone.now(),
        last_modified=workshop.updated_at,
        start=timezone.localtime(workshop.starts_at),
        end=timezone.localtime(workshop.ends_at),
        # Calendar apps that ignore STATUS (subscriptions in some of them) still say it.
        summary=_("Cancelled: %(title)s") % {"title": workshop.title}
        if cancelled
        else workshop.title,
        description="\n".join(description).strip(),
        url=url,
        location=location or online_url or None,
        sequence=workshop.logistics_version,
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    if online_url:
        event.add("conference", _conference(online_url))
    return event


def workshop_ics(workshop, *, for_user=None, base_url: str = "") -> str:
    online_url = workshop.online_url if for_user and can_see_online_link(for_user, workshop) else ""
    calendar = _calendar(workshop.title)
    calendar.add_component(_event(workshop, online_url=online_url, base_url=base_url))
    return calendar.to_ical().decode("utf-8")


def registration_ics(registration) -> str:
    """The .ics e-mailed to a confirmed registrant who is a member (the notices go only to
    members): with the meeting link, as in the e-mail itself, in the person's language."""
    workshop = registration.workshop
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    online_url = workshop.online_url if confirmed and workshop.is_online else ""
    language = registration.user.preferred_language or settings.LANGUAGE_CODE
    with override(language):
        calendar = _calendar(workshop.title)
        calendar.add_component(_event(workshop, online_url=online_url))
        return calendar.to_ical().decode("utf-8")


def calendar_ics(workshops, *, name: str, base_url: str = "") -> str:
    """Several workshops for anyone (the public feed): never a meeting link."""
    calendar = _calendar(name)
    for workshop in workshops:
        calendar.add_component(_event(workshop, base_url=base_url))
    return calendar.to_ical().decode("utf-8")


def personal_ics(registrations, *, owner, base_url: str = "") -> str:
    """A member's registrations (confirmed or waitlisted) for their secret feed. The link
    follows `can_see_online_link` without a query per row: the owner is a member (the
    view checked), so a confirmed seat or the facilitator role shows it."""
    sees_every_link = is_facilitator(owner)
    calendar = _calendar(_("My workshops — Moquegua Community of Learning"))
    for registration in registrations:
        workshop = registration.workshop
        confirmed = registration.status == RegistrationStatus.CONFIRMED
        allowed = workshop.is_online and (confirmed or sees_every_link)
        event = _event(
            workshop, online_url=workshop.online_url if allowed else "", base_url=base_url
        )
        waitlisted = registration.status == RegistrationStatus.WAITLISTED
        if waitlisted and workshop.status != WorkshopStatus.CANCELLED:
            event.summary = _("On the waitlist: %(title)s") % {"title": workshop.title}
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def commitments_due_ics(commitments, *, name: str, base_url: str = "") -> str:
    """The due dates of open commitments, one all-day event each. The UID names the
    commitment only: a new due date replaces the event in the calendar apps."""
    calendar = _calendar(name)
    host = settings.SITE_URL.split("://")[-1]
    for commitment in commitments:
        url = f"{base_url or settings.SITE_URL}{commitment.get_absolute_url()}"
        description = [
            commitment.description.strip(),
            "",
            _("Responsible institution: %(name)s") % {"name": commitment.responsible_institution},
            _("Status: %(status)s, %(progress)s %% done")
            % {"status": commitment.get_status_display(), "progress": commitment.progress},
            "",
            url,
        ]
        event = Event.new(
            uid=f"commitment-{commitment.pk}-due@{host}",
            stamp=timezone.now(),
            start=commitment.due_date,
            end=commitment.due_date + timedelta(days=1),
            summary=_("Due: %(commitment)s") % {"commitment": commitment.title},
            description="\n".join(description),
            url=url,
        )
        if commitment.last_change_at:
            event.add("last-modified", commitment.last_change_at)
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
