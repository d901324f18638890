"""A database outage answers with a friendly 503 instead of a 500.

While PostgreSQL restarts (or is briefly unreachable) every query raises OperationalError
or InterfaceError. The person should see "temporarily unavailable, try again shortly",
with Retry-After for browsers and proxies, not the "something went wrong" page; the error
is still logged. The page is rendered without a request context, so no context processor
touches the database that just failed.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# PostgreSQL error classes that mean the server cannot serve now (connection exception,
# insufficient resources, operator intervention such as a shutdown), as opposed to a
# query it refused.
POSTGRES_OUTAGE_CLASSES = {"08", "53", "57"}
# SQLite result codes that mean the file cannot be used now (busy, locked, I/O error,
# corrupt, full, cannot open), as opposed to SQLITE_ERROR for a query it refused.
SQLITE_OUTAGE_NAMES = {
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_IOERR",
    "SQLITE_CORRUPT",
    "SQLITE_FULL",
    "SQLITE_CANTOPEN",
    "SQLITE_NOTADB",
}


def is_database_outage(error: BaseException | None) -> bool:
    """Whether the database could not be reached or used, rather than refusing a query.

    A refused query (an unterminated quote in a full-text search, say) is a bug of ours,
    reported as such (500), not an outage that tells people to come back later.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    pgcode = getattr(cause, "pgcode", None)
    if pgcode:
        return pgcode[:2] in POSTGRES_OUTAGE_CLASSES
    sqlite_name = getattr(cause, "sqlite_errorname", None)
    if sqlite_name:
        return "_".join(sqlite_name.split("_")[:2]) in SQLITE_OUTAGE_NAMES
    # A lost or refused connection carries no error code.
    return True


def service_unavailable_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database error raised by a view into the 503 page (see the module doc).

    Errors raised outside a view (in another middleware) reach handler500, which makes
    the same answer for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        # The cause, not the traceback: an outage fails every request the same way.
        logger.error(
            "Database unavailable for %s %s: %s: %s",
            request.method,
            request.path,
            exception.__class__.__name__,
            exception,
        )
        return service_unavailable_response()
