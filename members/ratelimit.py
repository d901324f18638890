"""Limits on what people may store in a period (spam and abuse), shared by every app.

The rates live in settings.ACCOUNT_RATE_LIMITS next to allauth's own (login, password
reset), and allauth's counters do the counting, in the cache (Redis in production), per
client address ("ip") or per account ("user"). Only what is actually stored counts, so
that fixing a mistake in a form costs nothing: check with `allows`, store, then `record`.
"""

from allauth.core import ratelimit

# The open call (/unete/): stored applications per client address.
MEMBERSHIP_APPLICATION = "membership_application"
# Comments on contributions: published comments per member.
COMMENT = "comment"


def allows(request, *, action: str) -> bool:
    """Whether one more `action` fits in its limit now. Counts nothing."""
    return ratelimit.consume(request, action=action, dry_run=True)


def record(request, *, action: str) -> None:
    """Count one `action` towards its limit."""
    ratelimit.consume(request, action=action)
