"""The moderation cycle through the services and Wagtail's workflow."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import WorkflowState

from tests.factories import ContributionFactory, ThemeFactory
from themes import selectors, services
from themes.models import Contribution, Visibility

pytestmark = pytest.mark.django_db


def _fields(theme, **overrides):
    fields = {
        "title": "Mesa técnica del agua en Ilo",
        "summary": "Regantes, empresa y municipio acordaron turnos de riego.",
        "primary_theme": theme,
        "context": "Valle de Ilo, 2022.",
        "challenge": "Conflicto por turnos de agua.",
        "actions": "Mesa técnica mensual con actas públicas.",
        "results": "Turnos acordados y cumplidos.",
        "lesson": "Las actas públicas sostienen los acuerdos.",
        "recommendations": "Invitar a todos los usuarios del agua desde el inicio.",
        "visibility": Visibility.PUBLIC,
    }
    fields.update(overrides)
    return fields


def _approve(contribution, facilitator):
    state = contribution.current_workflow_state
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "approve")


def _reject(contribution, facilitator, comment):
    state = contribution.current_workflow_state
    task_state = state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "reject", comment=comment)


def test_full_cycle_draft_submit_approve_edit_resubmit(
    member, facilitator, django_capture_on_commit_callbacks
):
    theme = ThemeFactory()
    draft = services.contribution_save_draft(
        user=member, fields=_fields(theme, lesson=""), tags=["agua", "Ilo"]
    )
    assert not draft.live
    assert selectors.contribution_status(draft).code == "draft"
    assert not selectors.public_contributions().exists()

    with pytest.raises(ValidationError):
        services.contribution_submit(user=member, contribution=draft)

    draft = services.contribution_save_draft(
        user=member, contribution=draft, fields={"lesson": "Las actas públicas sostienen."}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_submit(user=member, contribution=draft)
    draft = Contribution.objects.get(pk=draft.pk)
    assert selectors.contribution_status(draft).code == "in_review"
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    assert not services.user_can_edit(member, draft)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(draft, facilitator)
    draft = Contribution.objects.get(pk=draft.pk)
    assert draft.live
    assert list(selectors.public_contributions()) == [draft]
    assert sorted(t.name for t in draft.tags.all()) == ["Ilo", "agua"]
    assert [m.to for m in mail.outbox] == [[member.email]]

    # Editing the published one: the published text stays until the new one is approved.
    edited = services.contribution_save_draft(
        user=member, contribution=draft, fields={"title": "Mesa del agua de Ilo (actualizado)"}
    )
    draft.refresh_from_db()
    assert draft.title == "Mesa técnica del agua en Ilo"
    assert edited.title.endswith("(actualizado)")
    assert selectors.contribution_status(draft).code == "published_changes_draft"
    services.contribution_submit(user=member, contribution=draft)
    draft = Contribution.objects.get(pk=draft.pk)
    assert selectors.contribution_status(draft).code == "published_changes_in_review"
    assert draft.title == "Mesa técnica del agua en Ilo"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _reject(draft, facilitator, "Añadan la fecha de la mesa técnica.")
    draft = Contribution.objects.get(pk=draft.pk)
    assert selectors.contribution_status(draft).code == "needs_changes"
    assert selectors.review_comment(draft) == "Añadan la fecha de la mesa técnica."
    assert "Añadan la fecha" in mail.outbox[0].body
    assert draft.live and draft.title == "Mesa técnica del agua en Ilo"

    services.contribution_save_draft(
        user=member, contribution=draft, fields={"context": "Ilo, marzo de 2022."}
    )
    services.contribution_submit(user=member, contribution=draft)
    draft = Contribution.objects.get(pk=draft.pk)
    assert selectors.contribution_status(draft).code == "published_changes_in_review"
    _approve(draft, facilitator)
    draft = Contribution.objects.get(pk=draft.pk)
    assert draft.title == "Mesa del agua de Ilo (actualizado)"
    assert draft.context == "Ilo, marzo de 2022."
    assert draft.current_workflow_state is None


def test_members_only_contribution_is_invisible_to_the_public(member, roleless_user):
    contribution = ContributionFactory(visibility=Visibility.MEMBERS)
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.contributions_visible_to(AnonymousUser()).exists()
    assert not selectors.contributions_visible_to(roleless_user).exists()
    assert list(selectors.contributions_visible_to(member)) == [contribution]


def test_someone_else_cannot_edit(member, other_member):
    contribution = ContributionFactory(author=member)
    with pytest.raises(PermissionDenied):
        services.contribution_save_draft(
            user=other_member, contribution=contribution, fields={"title": "x"}
        )


def test_workflow_state_is_wagtails(member, facilitator):
    contribution = ContributionFactory(author=member, published=False)
    services.contribution_submit(user=member, contribution=contribution)
    assert WorkflowState.objects.for_instance(contribution).count() == 1
