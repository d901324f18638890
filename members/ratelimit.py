"""Limits on what people may store in a period (spam and abuse), shared by every app.

The rates live in settings.ACCOUNT_RATE_LIMITS next to allauth's own (login, password
reset), and allauth's counters do the counting, in the cache (Redis in production), per
client address ("ip") or per account ("user"). Only what is actually stored counts, so
that fixing a mistake in a form costs nothing: check with `allows`, store, then `record`.
"""

from allauth.core import ratelimit
from django.utils.translation import gettext

# The open call (/unete/): stored applications per client address.
MEMBERSHIP_APPLICATION = "membership_application"
# Comments on contributions: published comments per member.
COMMENT = "comment"
# The contact form (/contacto/): messages sent per client address.
CONTACT_MESSAGE = "contact_message"


def allows(request, *, action: str) -> bool:
    """Whether one more `action` fits in its limit now. Counts nothing."""
    return ratelimit.consume(request, action=action, dry_run=True)


def record(request, *, action: str) -> None:
    """Count one `action` towards its limit."""
    ratelimit.consume(request, action=action)


def comment_limit_message() -> str:
    """What a member over the comment limit reads beside the comment they wrote."""
    return gettext(
        "You have published several comments in a short time. To protect the "
        "discussion from spam, please wait a few minutes and send it again: your "
        "text is still here."
    )
