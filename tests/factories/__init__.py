from .members import (
    FacilitatorFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
)
from .themes import ContributionFactory, ThemeFactory

__all__ = [
    "ContributionFactory",
    "FacilitatorFactory",
    "InstitutionFactory",
    "InvitationFactory",
    "MemberFactory",
    "MembershipApplicationFactory",
    "ThemeFactory",
    "UserFactory",
]
