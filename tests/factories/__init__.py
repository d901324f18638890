from .members import (
    FacilitatorFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
)
from .themes import ContributionFactory, ThemeFactory
from .workshops import AgreementSpaceFactory, CommitmentFactory, WorkshopFactory

__all__ = [
    "AgreementSpaceFactory",
    "CommitmentFactory",
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
