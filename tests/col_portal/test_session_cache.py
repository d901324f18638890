"""The admin home and "My space" are kept briefly per session (col_portal.session_cache),
and rendered again as soon as something they show changes."""

import pytest
from django.test import Client

from members.models import Notification
from members.notifications import mark_read
from tests.factories import ContributionFactory, MemberFactory
from themes import services as themes_services
from themes.models import Contribution

pytestmark = pytest.mark.django_db

HIT = "X-Session-Cache"


def load(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def warm(client, url):
    """The first visit sets the CSRF cookie (not stored); the second is stored."""
    load(client, url)
    assert load(client, url)[HIT] == "miss"


def test_the_admin_home_is_served_again_to_the_same_session(
    facilitator_client, django_assert_max_num_queries
):
    warm(facilitator_client, "/admin/")
    with django_assert_max_num_queries(3):  # the session and the person, nothing else
        again = load(facilitator_client, "/admin/")
    assert again[HIT] == "hit"
    assert "Content-Security-Policy" in again  # the middlewares above still add theirs


def test_a_submitted_lesson_shows_at_once_on_the_admin_home(facilitator_client, member):
    warm(facilitator_client, "/admin/")
    contribution = ContributionFactory(author=member, published=False, title="Qochas en Cuchumbaya")
    themes_services.contribution_submit(
        user=member, contribution=Contribution.objects.get(pk=contribution.pk)
    )
    response = load(facilitator_client, "/admin/")
    assert response[HIT] == "miss"
    assert "Qochas en Cuchumbaya" in response.text


def test_another_session_of_the_same_person_never_gets_the_page(facilitator, facilitator_client):
    warm(facilitator_client, "/admin/")
    other = Client()
    other.force_login(facilitator)
    load(other, "/admin/")
    assert load(other, "/admin/")[HIT] == "miss"


def test_a_pending_message_is_shown_by_a_fresh_page(member_client, member):
    warm(member_client, "/miembros/")
    response = member_client.post(
        "/miembros/",
        {"full_name": "Ana Flores Quispe", "position": "", "preferred_language": "es"},
        follow=True,
    )
    assert "Su perfil" in response.text or "perfil" in response.text
    assert response.get(HIT) != "hit"
    # And the next visit shows the new name, not the page kept before the change.
    page = load(member_client, "/miembros/")
    assert page[HIT] == "miss"
    assert "Ana Flores Quispe" in page.text


def test_reading_the_notifications_updates_the_count_in_my_space(member_client, member):
    Notification.objects.create(
        recipient=member, kind="test", subject="Aviso", body_text="Texto", url=""
    )
    warm(member_client, "/en/miembros/")
    assert "1 new" in load(member_client, "/en/miembros/").text
    mark_read(user=member)
    page = load(member_client, "/en/miembros/")
    assert "1 new" not in page.text


def test_role_changes_show_at_once(member_client, member):
    warm(member_client, "/en/miembros/")
    member.groups.clear()
    assert load(member_client, "/en/miembros/")[HIT] == "miss"


def test_visitors_and_other_pages_are_never_kept(anon_client, member_client):
    load(anon_client, "/cuentas/login/")
    assert load(anon_client, "/cuentas/login/").get(HIT) is None
    other = MemberFactory()
    assert other.pk  # a second person's space is their own key (the session is in it)
    load(member_client, "/miembros/notificaciones/")
    assert load(member_client, "/miembros/notificaciones/").get(HIT) is None
