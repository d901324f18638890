"""Two-factor authentication (allauth.mfa): offered to everyone, recommended to facilitators."""

from allauth.mfa.models import Authenticator

from .roles import is_facilitator


def has_totp(user) -> bool:
    if not user.is_authenticated:
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def two_factor_recommended(user) -> bool:
    """Facilitators reach the admin and members' data: nudge them until TOTP is on."""
    return is_facilitator(user) and not has_totp(user)
