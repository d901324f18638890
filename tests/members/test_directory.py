"""The member directory (members only) and a person's notifications."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from members.models import Notification, Sector
from members.notifications import notify
from tests.factories import InstitutionFactory, InvitationFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language():
    """Requests to /en/ pages leave English active in the thread: start and end in Spanish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def community(db):
    government = InstitutionFactory(
        name="Gobierno Regional de Moquegua",
        short_name="GORE Moquegua",
        sector=Sector.GOVERNMENT_REGIONAL_LOCAL,
        website="https://www.regionmoquegua.gob.pe",
        is_core_group=True,
    )
    company = InstitutionFactory(
        name="Southern Perú Copper Corporation",
        short_name="Southern Perú",
        sector=Sector.PRIVATE_MINING,
    )
    civil = InstitutionFactory(
        name="Propuesta Ciudadana", short_name="", sector=Sector.CIVIL_SOCIETY
    )
    MemberFactory(
        full_name="Ana Flores Ticona",
        position="Gerente de Recursos Naturales",
        institution=government,
        email="ana.flores@example.org",
    )
    MemberFactory(full_name="Luis Mamani", position="", institution=company)
    MemberFactory(full_name="Carmen Ccori", institution=civil, is_active=False)
    return {"government": government, "company": company, "civil": civil}


def test_directory_lists_institutions_by_sector_with_their_members(member_client, community):
    response = member_client.get("/en/miembros/directorio/")
    assert response.status_code == 200
    html = response.content.decode()
    # Sectors in their canonical order, each with its institutions.
    assert "Regional and local government" in html
    assert "Mining companies and private sector" in html
    government_at = html.index('<section class="sector" id="sector-gov_regional_local"')
    private_at = html.index('<section class="sector" id="sector-private_mining"')
    civil_at = html.index('<section class="sector" id="sector-civil_society"')
    assert government_at < private_at < civil_at
    assert government_at < html.index("Gobierno Regional de Moquegua") < private_at
    assert private_at < html.index("Southern Perú Copper Corporation") < civil_at
    # People with their position, and the institution's website.
    assert "Ana Flores Ticona" in html
    assert "Gerente de Recursos Naturales" in html
    assert "Luis Mamani" in html
    assert 'href="https://www.regionmoquegua.gob.pe"' in html
    # Deactivated accounts are not listed.
    assert "Carmen Ccori" not in html
    assert "No members with an account yet." in html


def test_directory_never_shows_email_addresses(member_client, member, community):
    html = member_client.get("/miembros/directorio/").content.decode()
    assert "ana.flores@example.org" not in html
    assert member.email not in html
    assert "mailto:" not in html


def test_directory_says_it_is_for_members_only(member_client, community):
    html = member_client.get("/en/miembros/directorio/").content.decode()
    assert "Members only" in html
    assert '<meta name="robots" content="noindex">' in html


def test_directory_query_count_does_not_grow_with_members(
    member_client, community, django_assert_max_num_queries
):
    for n in range(10):
        MemberFactory(full_name=f"Persona {n}", institution=community["company"])
    for n in range(5):
        InstitutionFactory(name=f"Asociación {n}", sector=Sector.ACADEMIA)
    with django_assert_max_num_queries(8):
        response = member_client.get("/miembros/directorio/")
    assert response.status_code == 200


def test_directory_is_not_for_the_public(anon_client, community):
    response = anon_client.get("/miembros/directorio/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cuentas/login/")
    assert (
        "Ana Flores" not in anon_client.get("/miembros/directorio/", follow=True).content.decode()
    )


def test_directory_is_not_for_people_without_a_role(community):
    client = Client()
    client.force_login(UserFactory())
    response = client.get("/miembros/directorio/")
    assert response.status_code == 404
    assert "Ana Flores" not in response.content.decode()


# ---- Notifications


def _notify(user, subject_hint: str):
    return notify(
        kind="test",
        template="members/invitation_accepted",
        context={
            "new_member_name": subject_hint,
            "institution_name": "Propuesta Ciudadana",
            "inviter_name": user.get_full_name(),
        },
        recipient=user,
        url="/miembros/directorio/",
    )


def test_notifications_page_shows_mine_and_marks_them_read(
    member_client, member, other_member, django_assert_max_num_queries
):
    mine = _notify(member, "Julia Condori")
    _notify(other_member, "Pedro Quispe")
    with django_assert_max_num_queries(12):
        response = member_client.get("/en/miembros/notificaciones/")
    html = response.content.decode()
    # Written in the member's language (Spanish) when it was sent.
    assert "Julia Condori" in html
    assert "Pedro Quispe" not in html
    assert "New" in html
    mine.refresh_from_db()
    assert mine.read_at is not None
    # Shown as read the next time.
    html = member_client.get("/en/miembros/notificaciones/").content.decode()
    assert "badge-warning" not in html
    other = Notification.objects.get(recipient=other_member)
    assert other.read_at is None


def test_dashboard_counts_unread_notifications(member_client, member):
    _notify(member, "Julia Condori")
    _notify(member, "Rosa Quispe")
    assert "2 new" in member_client.get("/en/miembros/").content.decode()
    member_client.get("/miembros/notificaciones/")
    assert "2 new" not in member_client.get("/en/miembros/").content.decode()


def test_no_notifications_yet(member_client):
    html = member_client.get("/en/miembros/notificaciones/").content.decode()
    assert "You have no notifications yet." in html


def test_my_space_query_budget(member_client, member, django_assert_max_num_queries):
    for n in range(5):
        _notify(member, f"Persona {n}")
    with django_assert_max_num_queries(10):
        assert member_client.get("/miembros/").status_code == 200


def test_admin_invitation_listing_query_budget(facilitator_client, django_assert_max_num_queries):
    for _n in range(15):
        InvitationFactory()
    # Institution and inviter come with each invitation: no query per row.
    with django_assert_max_num_queries(16):
        assert facilitator_client.get("/admin/invitations/").status_code == 200
