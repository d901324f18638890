"""Members' pages: "My space", the member directory, notifications and invitations."""

from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import ratelimit, selectors, services, structured_data
from .decorators import referrer_same_origin
from .forms import InvitationAcceptForm, MembershipApplicationForm, ProfileForm
from .models import Invitation
from .roles import is_facilitator, is_member
from .two_factor import has_totp


def _require_member(request):
    if not is_member(request.user):
        raise Http404


def _url_in_language(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@never_cache
@login_required
def dashboard(request):
    """ "My space": who I am, my profile form, my security settings and my notifications."""
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=user)
        if form.is_valid():
            services.user_update_profile(
                user=user,
                full_name=form.cleaned_data["full_name"],
                position=form.cleaned_data["position"],
                preferred_language=form.cleaned_data["preferred_language"],
                wants_digest=form.cleaned_data["wants_digest"],
            )
            with translation.override(user.preferred_language):
                messages.success(request, _("Your profile has been saved."))
            return redirect(_url_in_language("members:dashboard", user.preferred_language))
        # A failed form leaves the instance with the rejected values: show the saved ones.
        user.refresh_from_db()
    else:
        form = ProfileForm(instance=user)
    return render(
        request,
        "members/dashboard.html",
        {
            "form": form,
            "institution": user.institution,
            "is_member": is_member(user),
            "is_facilitator": is_facilitator(user),
            "has_totp": has_totp(user),
            "unread_count": selectors.notifications_for(user).filter(read_at__isnull=True).count(),
        },
    )


@login_required
def directory(request):
    _require_member(request)
    return render(request, "members/directory.html", {"sectors": selectors.directory_by_sector()})


@never_cache
@login_required
def notifications(request):
    """The person's notifications, newest first; showing them marks them read."""
    items = list(selectors.notifications_for(request.user)[:100])
    unread_ids = [item.pk for item in items if item.read_at is None]
    if unread_ids:
        services.notifications_mark_read(user=request.user, notification_ids=unread_ids)
    return render(
        request,
        "members/notifications.html",
        {"notifications": items, "unread_ids": set(unread_ids)},
    )


def core_group(request):
    institutions = list(selectors.core_group_institutions())
    return render(
        request,
        "members/core_group.html",
        {
            "institutions": institutions,
            "json_ld": structured_data.core_group_json_ld(institutions, request),
        },
    )


def _invitation_invalid(request, reason: str, invitation=None):
    """A clear page for a link that cannot be used; 404 unknown, 410 for used/expired/revoked."""
    return render(
        request,
        "members/invitation_invalid.html",
        {"reason": reason, "invitation": invitation},
        status=404 if reason == "unknown" else 410,
    )


@never_cache
@referrer_same_origin
@sensitive_post_parameters("password1", "password2")
def invitation_accept(request, token):
    invitation = (
        Invitation.objects.select_related("institution", "invited_by").filter(token=token).first()
    )
    if invitation is None:
        return _invitation_invalid(request, "unknown")
    reason = services.invitation_unusable_reason(invitation)
    if reason:
        return _invitation_invalid(request, reason, invitation)
    if request.user.is_authenticated:
        return render(
            request,
            "members/invitation_accept.html",
            {"invitation": invitation, "logged_in_elsewhere": True},
        )

    if request.method == "POST":
        form = InvitationAcceptForm(request.POST, invitation=invitation)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.invitation_accept(
                    invitation=invitation,
                    full_name=data["full_name"],
                    position=data["position"],
                    password=data["password1"],
                    preferred_language=data["preferred_language"],
                )
            except services.InvitationUnusable as error:
                return _invitation_invalid(request, error.reason, invitation)
            except ValidationError as error:
                form.add_error("password1", error)
            else:
                return _welcome(request, user)
    else:
        form = InvitationAcceptForm(
            invitation=invitation,
            initial={
                "full_name": invitation.full_name,
                "position": invitation.position,
                "preferred_language": get_language(),
            },
        )
    return render(
        request, "members/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def _welcome(request, user):
    dashboard_url = _url_in_language("members:dashboard", user.preferred_language)
    # The welcome below replaces allauth's "signed in as" message (see the adapter).
    request.welcome_new_member = True
    response = perform_login(request, user, redirect_url=dashboard_url, email=user.email)
    with translation.override(user.preferred_language):
        messages.success(
            request,
            _("Welcome to the Community, %(name)s! Your account is ready.")
            % {"name": user.get_short_name()},
        )
    return response


def apply(request):
    """The open call ("Únete a la Comunidad"): anyone may apply for themselves and their
    institution. A honeypot and a per-address rate limit keep robots out."""
    if request.method != "POST":
        return render(request, "members/apply.html", {"form": MembershipApplicationForm()})

    # Only stored applications count, so that fixing a mistake in the form costs nothing.
    if not ratelimit.allows(request, action=ratelimit.MEMBERSHIP_APPLICATION):
        return render(request, "members/apply_limited.html", status=429)
    form = MembershipApplicationForm(request.POST)
    if form.is_spam():
        # Robots get the same thanks page as people, and nothing is stored or sent.
        ratelimit.record(request, action=ratelimit.MEMBERSHIP_APPLICATION)
        return redirect("members:apply_thanks")
    if not form.is_valid():
        return render(request, "members/apply.html", {"form": form})
    ratelimit.record(request, action=ratelimit.MEMBERSHIP_APPLICATION)
    services.application_submit(**form.application_data(), language=request.LANGUAGE_CODE)
    return redirect("members:apply_thanks")


def apply_thanks(request):
    return render(request, "members/apply_thanks.html")
