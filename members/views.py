"""Members' pages. (Being built: invitation and application views arrive with their forms.)"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from . import selectors
from .roles import is_member


def _require_member(request):
    if not is_member(request.user):
        raise Http404


@login_required
def dashboard(request):
    return render(request, "members/dashboard.html", {})


@login_required
def directory(request):
    _require_member(request)
    return render(request, "members/directory.html", {"sectors": selectors.directory_by_sector()})


@login_required
def notifications(request):
    return render(
        request,
        "members/notifications.html",
        {"notifications": selectors.notifications_for(request.user)[:100]},
    )


def core_group(request):
    return render(
        request, "members/core_group.html", {"institutions": selectors.core_group_institutions()}
    )


def invitation_accept(request, token):
    raise Http404


def apply(request):
    raise Http404


def apply_thanks(request):
    raise Http404
