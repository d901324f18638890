"""Site-wide views: health check, error pages and the open data ("Datos abiertos")."""

import logging
import sys
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.views.account import LogoutView as WagtailLogoutView

from members.licence import current_licence
from members.table_schema import LIST_SEPARATOR

from . import opendata
from .middleware import is_database_outage, service_unavailable_response
from .models import OpenDataFile

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 with JSON when the database and the cache answer, 503 otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:
        logger.exception("healthz: database check failed")
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception:
        logger.exception("healthz: cache check failed")
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


def to_portal_login(request):
    """Wagtail's own log-in forms (the admin's, /admin/login/, and the one for private
    pages, /_util/login/) would let people in without allauth's checks (failed-login rate
    limit, verified e-mail, second factor): everyone logs in on the portal's page instead,
    coming back to where they were going. A POST is not read."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"{target}?{urlencode({'next': next_url})}"
    return redirect(target)


@require_POST
def admin_logout(request):
    """Wagtail's log-out view clears the session cookie even when it answers a GET with
    405, so that any page could log a facilitator out by sending them to /admin/logout/.
    Here a GET is refused before Wagtail's view runs; a POST (the admin menu's form, with
    its CSRF token) logs out as Wagtail does."""
    return WagtailLogoutView.as_view()(request)


def page_not_found(request, exception=None):
    """The same page for an address that leads nowhere and for one that only members may
    see (their views raise Http404 for everyone else): an anonymous visitor is offered to log
    in, coming back to this address, or to join, and is never told which case it is."""
    context = {}
    if not request.user.is_authenticated:
        context["login_query"] = urlencode({"next": request.get_full_path()})
    return render(request, "404.html", context, status=404)


def server_error(request):
    # Django calls this while handling the exception: a database outage raised outside a
    # view (e.g. by the session middleware) gets the same 503 as one raised in a view.
    if is_database_outage(sys.exc_info()[1]):
        return service_unavailable_response()
    # No context processors that touch the database: the error may be the database.
    return render(request, "500.html", status=500)


@require_GET
def bench_baseline(request):
    """A view that touches nothing (no database, no cache, no template): the baseline of
    `make bench`, served through the same middleware as every page."""
    return HttpResponse("ok", content_type="text/plain")


# ---- Datos abiertos

TYPE_LABELS = {
    "string": _("text"),
    "integer": _("whole number"),
    "number": _("number"),
    "boolean": _("true or false"),
    "date": _("date (YYYY-MM-DD)"),
    "datetime": _("date and time (UTC)"),
}


@require_GET
def open_data(request):
    """The open data: each dataset with its columns (from the same Table Schema the files
    carry), rows, last change and downloads. Reads one row per file; never builds."""
    files = {record.name: record for record in OpenDataFile.objects.all()}
    datasets = []
    for dataset in opendata.datasets():
        csv_file = files.get(f"{dataset.name}.csv")
        json_file = files.get(f"{dataset.name}.json")
        datasets.append(
            {
                "name": dataset.name,
                "title": dataset.title,
                "description": dataset.description,
                "columns": [
                    {
                        "name": field.name,
                        "title": field.title,
                        "type": _("list of texts") if field.is_list else TYPE_LABELS[field.type],
                        "description": field.full_description(),
                    }
                    for field in dataset.fields
                ],
                "csv": csv_file,
                "json": json_file,
                "csv_url": opendata.file_url(f"{dataset.name}.csv") if csv_file else "",
                "json_url": opendata.file_url(f"{dataset.name}.json") if json_file else "",
            }
        )
    descriptor = files.get(opendata.DESCRIPTOR)
    archive = files.get(opendata.ARCHIVE)
    return render(
        request,
        "col_portal/open_data.html",
        {
            "datasets": datasets,
            "descriptor": descriptor,
            "descriptor_url": opendata.file_url(opendata.DESCRIPTOR) if descriptor else "",
            "archive": archive,
            "archive_url": opendata.file_url(opendata.ARCHIVE) if archive else "",
            "licence": current_licence(),
            "list_separator": LIST_SEPARATOR,
        },
    )
