"""A member's own space ("My space", where they land after logging in) costs a small,
fixed number of queries whatever the member has done."""

import pytest

from tests.factories import ContributionFactory, WorkshopFactory
from workshops import services as workshop_services

pytestmark = pytest.mark.django_db

# Session and user, the institution, the roles (which also decide the header's "Back
# office" link), the two-factor state and the unread notifications.
MEMBER_SPACE_QUERY_BUDGET = 7


def test_my_space_stays_within_its_query_budget(
    member, member_client, django_assert_max_num_queries
):
    for _ in range(3):
        ContributionFactory(author=member)
        workshop_services.workshop_register(workshop=WorkshopFactory(), user=member)

    with django_assert_max_num_queries(MEMBER_SPACE_QUERY_BUDGET):
        response = member_client.get("/en/miembros/")

    assert response.status_code == 200
    assert member.email in response.content.decode()
