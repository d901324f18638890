from .members import (
    FacilitatorFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
    district,
    districts_of,
)
from .themes import ContributionFactory, LessonApplicationFactory, ThemeFactory
from .workshops import AgreementSpaceFactory, CommitmentFactory, WorkshopFactory

__all__ = [
    "AgreementSpaceFactory",
    "CommitmentFactory",
    "ContributionFactory",
    "FacilitatorFactory",
    "InstitutionFactory",
    "InvitationFactory",
    "LessonApplicationFactory",
    "MemberFactory",
    "MembershipApplicationFactory",
    "ThemeFactory",
    "UserFactory",
    "WorkshopFactory",
    "district",
    "districts_of",
]
