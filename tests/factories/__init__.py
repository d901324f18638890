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
from .workshops import (
    AgreementSpaceFactory,
    CommitmentFactory,
    WorkshopFactory,
    add_participation,
)

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
    "add_participation",
    "district",
    "districts_of",
]
