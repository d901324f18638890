from .members import (
    FacilitatorFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
)
from .themes import ThemeFactory

__all__ = [
    "FacilitatorFactory",
    "InstitutionFactory",
    "InvitationFactory",
    "MemberFactory",
    "MembershipApplicationFactory",
    "ThemeFactory",
    "UserFactory",
]
