from .members import (
    FacilitatorFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
)
from .themes import ContributionFactory, ThemeFactory
from .workshops import WorkshopFactory

__all__ = [
    "ContributionFactory",
    "FacilitatorFactory",
    "InstitutionFactory",
    "InvitationFactory",
    "MemberFactory",
    "MembershipApplicationFactory",
    "ThemeFactory",
    "UserFactory",
    "WorkshopFactory",
]
