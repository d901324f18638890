"""The audit log of facilitators' decisions: who accepted or declined a membership
application, sent, resent or revoked an invitation, changed an institution or someone's
role, and who approved a contribution, each shown with a readable label in the admin's
"Site history" report and in the object's history. Members cannot reach the report."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from members import roles, services
from members.models import Invitation, MembershipApplication, User
from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    InstitutionFactory,
    InvitationFactory,
    MemberFactory,
    MembershipApplicationFactory,
    UserFactory,
)
from themes import services as themes_services

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


@pytest.fixture
def reviewer():
    facilitator = FacilitatorFactory(full_name="Lucía Mendoza Flores")
    profile = UserProfile.get_for_user(facilitator)
    profile.preferred_language = "en"
    profile.save()
    return facilitator


@pytest.fixture
def reviewer_client(reviewer):
    client = Client()
    client.force_login(reviewer)
    return client


def entries(instance) -> list[ModelLogEntry]:
    return list(ModelLogEntry.objects.for_instance(instance).order_by("timestamp", "pk"))


def site_history(client, **filters) -> str:
    response = client.get(SITE_HISTORY, filters)
    assert response.status_code == 200
    return response.content.decode()


def test_accepting_an_application_is_logged_with_the_facilitator(
    reviewer, reviewer_client, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(
        email="juan.mamani@example.org", new_institution_name="Junta de Usuarios de Ilo"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            reverse("membership_applications:accept", args=[application.pk]),
            {"note": "Bienvenidos a la mesa del agua."},
        )
    assert response.status_code == 302

    [accepted] = entries(application)
    assert accepted.action == "members.application_accept"
    assert accepted.user == reviewer
    assert accepted.data["email"] == "juan.mamani@example.org"
    invitation = Invitation.objects.get(email="juan.mamani@example.org")
    assert [(e.action, e.user) for e in entries(invitation)] == [
        ("members.invitation_send", reviewer)
    ]
    institution = MembershipApplication.objects.get(pk=application.pk).institution
    assert [(e.action, e.user) for e in entries(institution)] == [("wagtail.create", reviewer)]

    page = site_history(reviewer_client, action="members.application_accept")
    assert "Accept application" in page
    assert (
        "Application accepted: juan.mamani@example.org invited to join Junta de Usuarios "
        "de Ilo — Note: Bienvenidos a la mesa del agua."
    ) in page
    assert "Lucía Mendoza Flores" in page
    # ... and in the application's own history.
    history = reviewer_client.get(
        reverse("membership_applications:history", args=[application.pk])
    ).content.decode()
    assert "Application accepted: juan.mamani@example.org" in history


def test_declining_an_application_is_logged_with_the_note(
    reviewer, reviewer_client, django_capture_on_commit_callbacks
):
    application = MembershipApplicationFactory(
        email="ana@example.org", new_institution_name="Colectivo de Omate"
    )

    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            reverse("membership_applications:decline", args=[application.pk]),
            {"note": "La convocatoria es para instituciones de Moquegua."},
        )

    [declined] = entries(application)
    assert (declined.action, declined.user) == ("members.application_decline", reviewer)
    page = site_history(reviewer_client)
    assert "Decline application" in page
    assert (
        "Application from ana@example.org (Colectivo de Omate) declined — Note: La "
        "convocatoria es para instituciones de Moquegua."
    ) in page


def test_invitations_sent_resent_revoked_and_accepted_are_logged(
    reviewer, reviewer_client, django_capture_on_commit_callbacks
):
    institution = InstitutionFactory(name="Municipalidad Provincial de Ilo")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            "/admin/invitations/new/",
            {
                "email": "rosa.quispe@example.org",
                "full_name": "Rosa Quispe",
                "institution": institution.pk,
                "role": "member",
                "language": "es",
            },
        )
        invitation = Invitation.objects.get(email="rosa.quispe@example.org")
        reviewer_client.post(f"/admin/invitations/resend/{invitation.pk}/", {"language": "es"})
    new_member = services.invitation_accept(
        invitation=invitation,
        full_name="Rosa Quispe",
        password="turnos-de-riego-2026",
        preferred_language="es",
    )
    other = InvitationFactory(email="otra@example.org", institution=institution)
    reviewer_client.post(f"/admin/invitations/revoke/{other.pk}/")

    assert [(e.action, e.user) for e in entries(invitation)] == [
        ("members.invitation_send", reviewer),
        ("members.invitation_resend", reviewer),
        ("members.invitation_accept", new_member),
    ]
    assert [(e.action, e.user) for e in entries(other)] == [("members.invitation_revoke", reviewer)]
    page = site_history(reviewer_client)
    for text in (
        "Invitation sent to rosa.quispe@example.org to join Municipalidad Provincial de Ilo "
        "as Member",
        "Invitation sent again to rosa.quispe@example.org",
        "Invitation accepted by rosa.quispe@example.org, who joined Municipalidad Provincial "
        "de Ilo",
        "Invitation to otra@example.org revoked",
    ):
        assert text in page


def test_an_invitation_replaced_by_a_newer_one_is_logged_as_revoked(reviewer):
    institution = InstitutionFactory()
    first = services.invitation_create(
        email="luis@example.org", institution=institution, invited_by=reviewer
    )
    second = services.invitation_create(
        email="Luis@example.org", institution=institution, invited_by=reviewer
    )

    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert [(e.action, e.user) for e in entries(first)] == [
        ("members.invitation_send", reviewer),
        ("members.invitation_revoke", reviewer),
    ]


def test_editing_an_institution_is_logged(reviewer, reviewer_client):
    institution = InstitutionFactory(name="Minera Hampton Perú")

    response = reviewer_client.post(
        reverse("institutions:edit", args=[institution.pk]),
        {
            "name": "Minera Hampton Perú",
            "short_name": "MHP",
            "sector": institution.sector,
            "is_core_group": "on",
            "date_joined": "2025-03-14",
        },
    )
    assert response.status_code == 302

    [edited] = entries(institution)
    assert (edited.action, edited.user) == ("wagtail.edit", reviewer)
    page = site_history(reviewer_client, action="wagtail.edit")
    assert "Minera Hampton Perú" in page


def test_role_changes_in_the_users_admin_are_logged(client):
    administrator = UserFactory(is_superuser=True, full_name="Carmen Administradora")
    client.force_login(administrator)
    person = MemberFactory(email="pedro@example.org", full_name="Pedro Condori")
    form = client.get(reverse("wagtailusers_users:edit", args=[person.pk]))
    assert form.status_code == 200
    facilitators = Group.objects.get(name=roles.FACILITATORS)

    response = client.post(
        reverse("wagtailusers_users:edit", args=[person.pk]),
        {
            "email": person.email,
            "full_name": "Pedro Condori",
            "is_active": "on",
            "groups": [facilitators.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors

    assert roles.is_facilitator(User.objects.get(pk=person.pk))
    [changed] = [e for e in entries(person) if e.action == "members.role_change"]
    assert changed.user == administrator
    assert changed.data == {"before": [roles.MEMBERS], "after": [roles.FACILITATORS]}
    page = site_history(client, action="members.role_change")
    assert "Pedro Condori" in page
    assert f"Grupos cambiados de {roles.MEMBERS} a {roles.FACILITATORS}" in page


def _decide(contribution, reviewer, action, **kwargs):
    task_state = contribution.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, reviewer, action, **kwargs)


def test_moderation_decisions_show_with_the_facilitator(reviewer, reviewer_client, member):
    approved = ContributionFactory(
        author=member, published=False, title="Turnos de riego en Pasto Grande"
    )
    sent_back = ContributionFactory(author=member, published=False, title="Canon en Omate")
    for contribution in (approved, sent_back):
        themes_services.contribution_submit(user=member, contribution=contribution)
    _decide(approved, reviewer, "approve")
    _decide(sent_back, reviewer, "reject", comment="Falta el año.")
    comment = themes_services.comment_create(user=member, contribution=approved, body="Spam")
    themes_services.comment_hide(user=reviewer, comment=comment, reason="Publicidad")

    assert ("wagtail.workflow.approve", reviewer) in [(e.action, e.user) for e in entries(approved)]
    assert ("wagtail.workflow.reject", reviewer) in [(e.action, e.user) for e in entries(sent_back)]
    for action, texts in (
        ("wagtail.workflow.approve", ["Turnos de riego en Pasto Grande"]),
        ("wagtail.workflow.reject", ["Canon en Omate"]),
        ("themes.comment_hide", ["Comment hidden: Publicidad"]),
    ):
        page = site_history(reviewer_client, action=action)
        for text in [*texts, "Lucía Mendoza Flores"]:
            assert text in page, (action, text)


@pytest.mark.parametrize("who", ["anonymous", "member", "roleless"])
def test_only_facilitators_reach_the_site_history(who):
    client = Client()
    if who == "member":
        client.force_login(MemberFactory())
    elif who == "roleless":
        client.force_login(UserFactory())

    response = client.get(SITE_HISTORY)

    assert response.status_code == 302
    assert "/cuentas/login/" in response["Location"]
