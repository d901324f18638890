"""Workshop pages for members and the public: the list (upcoming and past), a workshop's
page with one-click registration, the iCalendar file and feeds, and "My workshops".

Every read starts from the visibility rule (`selectors.workshops_visible_to`): a workshop
the viewer may not see is a 404, never a 403 that would confirm it exists. The online
meeting link appears only where `selectors.can_see_online_link` allows it, on the page and
in calendar entries alike.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from members.decorators import referrer_same_origin
from members.links import absolute_url, site_url
from members.places import districts_with_provinces, in_places
from members.roles import is_member
from themes.selectors import contributions_visible_to, themes_ordered

from . import ical, selectors, services, structured_data
from .forms import WorkshopFilterForm
from .models import CalendarFeed, Registration, RegistrationStatus, Workshop, WorkshopStatus

PAGE_SIZE = 12


# ---- helpers


def _subscription_urls(request, path: str) -> dict:
    """The same calendar feed as an https address and a webcal:// one (calendar apps), on
    the address the page was asked at."""
    url = absolute_url(path, request)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[-1]}


def calendar_response(body: str, *, filename: str, download: bool, private: bool):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, max-age=0, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _visible_or_404(user, slug: str) -> Workshop:
    workshop = selectors.workshops_visible_to(user).filter(slug=slug).first()
    if workshop is None:
        raise Http404
    return workshop


def _own_registration(workshop: Workshop) -> Registration | None:
    """The viewer's registration, from selectors.with_my_registration (no query)."""
    found = getattr(workshop, "my_registrations", None) or []
    return found[0] if found else None


def _waitlist_ahead() -> Subquery:
    """How many people are before the outer registration on its workshop's waitlist."""
    return Subquery(
        Registration.objects.filter(
            workshop=OuterRef("workshop"), status=RegistrationStatus.WAITLISTED
        )
        .filter(
            Q(requested_at__lt=OuterRef("requested_at"))
            | Q(requested_at=OuterRef("requested_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("workshop")
        .annotate(ahead=Count("pk"))
        .values("ahead"),
        output_field=IntegerField(),
    )


def _waitlist_position(registration: Registration) -> int:
    """1 for the first on the waitlist (same order as the services' promotion)."""
    ahead = (
        Registration.objects.filter(
            workshop_id=registration.workshop_id, status=RegistrationStatus.WAITLISTED
        )
        .filter(
            Q(requested_at__lt=registration.requested_at)
            | Q(requested_at=registration.requested_at, pk__lt=registration.pk)
        )
        .count()
    )
    return ahead + 1


def _registration_closed_reason(workshop: Workshop, now) -> str:
    """Why nobody can register now, as a code the template words; "" when it is open."""
    if workshop.status == WorkshopStatus.CANCELLED:
        return "cancelled"
    if workshop.is_past or workshop.status == WorkshopStatus.HELD:
        return "over"
    if workshop.starts_at <= now:
        return "started"
    if workshop.status != WorkshopStatus.OPEN:
        return "closed"
    if workshop.registration_opens_at and now < workshop.registration_opens_at:
        return "not_yet"
    if workshop.registration_deadline and now > workshop.registration_deadline:
        return "deadline"
    return ""


def _require_member(request) -> None:
    if not is_member(request.user):
        raise PermissionDenied


# ---- the list and a workshop's page


def workshop_list(request):
    themes = list(themes_ordered())
    districts = list(districts_with_provinces())
    form = WorkshopFilterForm(request.GET, themes=themes, districts=districts)
    user = request.user
    if form.is_past:
        workshops = selectors.past_for(user).order_by("-starts_at", "-pk")
    else:
        workshops = selectors.upcoming_for(user).order_by("starts_at", "pk")
    if form.theme is not None:
        tagged = Workshop.themes.through.objects.filter(theme=form.theme).values("workshop_id")
        workshops = workshops.filter(pk__in=tagged)
    if form.modality:
        workshops = workshops.filter(modality=form.modality)
    if form.district is not None:
        workshops = in_places(workshops, district=form.district)
    workshops = selectors.with_my_registration(workshops, user)

    paginator = Paginator(workshops, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "workshops/workshop_list.html",
        {
            "form": form,
            "themes": themes,
            "is_past": form.is_past,
            "period": form.period,
            "selected_theme": form.theme,
            "selected_modality": form.modality,
            "selected_district": form.district,
            "filtered": bool(form.theme or form.modality or form.district),
            "page_obj": page,
            "workshops": page.object_list,
            "result_count": paginator.count,
            "public_feed": _subscription_urls(request, reverse("workshops:public_calendar")),
        },
    )


def workshop_detail(request, slug):
    user = request.user
    workshop = selectors.workshop_for_reading(user, slug)
    if workshop is None:
        raise Http404
    now = timezone.now()
    registration = _own_registration(workshop)
    active = (
        registration
        if registration is not None and registration.status != RegistrationStatus.CANCELLED
        else None
    )
    member = is_member(user)
    closed_reason = _registration_closed_reason(workshop, now)
    seats_left = max(workshop.capacity - workshop.confirmed_count, 0)
    after = workshop.is_past or workshop.status == WorkshopStatus.HELD

    lessons, participation = [], []
    if after:
        lessons = list(
            contributions_visible_to(user)
            .filter(workshops=workshop)
            .select_related("primary_theme")
            .order_by("title")
        )
        participation = selectors.participation_by_sector(workshop=workshop)

    return render(
        request,
        "workshops/workshop_detail.html",
        {
            "workshop": workshop,
            "canonical_url": absolute_url(workshop.get_absolute_url(), request),
            "registration": active,
            "attended": registration.attended if registration is not None else None,
            "waitlist_position": (
                _waitlist_position(active)
                if active is not None and active.status == RegistrationStatus.WAITLISTED
                else None
            ),
            "is_member": member,
            "can_register": member and active is None and not closed_reason,
            "can_cancel": member and active is not None and not workshop.is_past,
            "closed_reason": closed_reason,
            "seats_left": seats_left,
            "advertises_seats": workshop.advertises_seats(now),
            "show_online_link": selectors.can_see_online_link(user, workshop),
            "after": after,
            "facilitators": list(workshop.facilitators.all()),
            "agenda": list(workshop.agenda_items.all()),
            "materials": list(workshop.materials.all()),
            "commitments": list(workshop.commitments.all()),
            "lessons": lessons,
            "participation": participation,
            "participation_max": max((row["registered"] for row in participation), default=0),
            "json_ld": structured_data.workshop_json_ld(workshop, request),
        },
    )


# ---- registering and cancelling (POST, one click)


@require_POST
def register(request, slug):
    workshop = _visible_or_404(request.user, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(workshop.get_absolute_url())
    _require_member(request)
    try:
        registration = services.workshop_register(workshop=workshop, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(
                request,
                _(
                    "Your seat is confirmed. We have sent you an e-mail with the details "
                    "and a calendar entry."
                ),
            )
        else:
            messages.warning(
                request,
                _(
                    "The workshop is full: you are number %(position)s on the waitlist. "
                    "If a seat frees up we will confirm you and tell you by e-mail."
                )
                % {"position": _waitlist_position(registration)},
            )
    return redirect(f"{workshop.get_absolute_url()}#inscripcion")


@require_POST
def cancel(request, slug):
    """Cancel the viewer's own registration: the address names no registration, so nobody
    can cancel someone else's."""
    workshop = _visible_or_404(request.user, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(workshop.get_absolute_url())
    _require_member(request)
    registration = selectors.registration_of(request.user, workshop)
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        messages.error(request, _("You are not registered for this workshop."))
        return redirect(f"{workshop.get_absolute_url()}#inscripcion")
    was_waitlisted = registration.status == RegistrationStatus.WAITLISTED
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("You have left the waitlist.")
            if was_waitlisted
            else _("Your registration has been cancelled."),
        )
    return redirect(f"{workshop.get_absolute_url()}#inscripcion")


# ---- iCalendar: one workshop, the public feed, a person's feed


def workshop_ics(request, slug):
    workshop = _visible_or_404(request.user, slug)
    body = ical.workshop_ics(workshop, for_user=request.user, base_url=site_url(request))
    return calendar_response(
        body,
        filename=f"{workshop.slug}.ics",
        download=True,
        private=request.user.is_authenticated,
    )


def public_calendar(request):
    """Public upcoming workshops, for calendar apps. Never any meeting link."""
    workshops = selectors.public_workshops().filter(ends_at__gte=timezone.now())
    body = ical.calendar_ics(
        workshops.order_by("starts_at", "pk"),
        name=_("Workshops of the Moquegua Community of Learning"),
        base_url=site_url(request),
    )
    return calendar_response(body, filename="talleres.ics", download=False, private=False)


@never_cache
def personal_calendar(request, token):
    """A person's registrations behind their secret token. Calendar apps cannot log in, so
    the token is the key; regenerating it makes the old address a 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    # Calendar apps keep polling: the address stops answering once its owner is no longer
    # a member (role taken away or account closed), as if it had never existed.
    if feed is None or not is_member(feed.user):
        raise Http404
    owner = feed.user
    registrations = selectors.my_registrations(owner).filter(
        workshop__in=selectors.workshops_visible_to(owner)
    )
    body = ical.personal_ics(registrations, owner=owner, base_url=site_url(request))
    return calendar_response(
        body,
        filename="mis-talleres.ics",
        download=False,
        private=True,
    )


# ---- My workshops


@login_required
@never_cache
@referrer_same_origin
def my_workshops(request):
    _require_member(request)
    user = request.user
    now = timezone.now()
    registrations = list(
        selectors.my_registrations(user).annotate(
            waitlist_ahead=Coalesce(_waitlist_ahead(), Value(0))
        )
    )
    feed = selectors.calendar_feed_for(user)
    path = reverse("workshops:personal_calendar", kwargs={"token": feed.token})
    return render(
        request,
        "workshops/my_workshops.html",
        {
            "upcoming": [r for r in registrations if r.workshop.ends_at >= now],
            "past": sorted(
                (r for r in registrations if r.workshop.ends_at < now),
                key=lambda r: r.workshop.starts_at,
                reverse=True,
            ),
            "personal_feed": _subscription_urls(request, path),
        },
    )


@login_required
@require_POST
@referrer_same_origin
def regenerate_calendar_token(request):
    _require_member(request)
    selectors.calendar_feed_for(request.user).regenerate()
    messages.success(
        request,
        _(
            "Your calendar has a new secret address. The old one no longer works: "
            "subscribe again with the new one."
        ),
    )
    return redirect("workshops:my_workshops")
