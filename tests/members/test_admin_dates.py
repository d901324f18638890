"""Dates and times in the facilitators' admin are on Lima's clock, and a date still to
come is written out (an invitation's expiry), never "Justo ahora"."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from members.models import Invitation, MembershipApplication
from tests.factories import InstitutionFactory, InvitationFactory, MembershipApplicationFactory
from tests.members.admin_walk import readable_text

pytestmark = pytest.mark.django_db

# 03:50 UTC on 4 December is 22:50 on 3 December in Lima.
RECEIVED_UTC = datetime(2026, 12, 4, 3, 50, tzinfo=UTC)
REVIEWED_UTC = datetime(2026, 12, 4, 4, 10, tzinfo=UTC)


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return readable_text(response.content.decode())


def test_an_application_shows_received_and_reviewed_on_the_same_clock(
    facilitator_client, facilitator
):
    application = MembershipApplicationFactory()
    MembershipApplication.objects.filter(pk=application.pk).update(
        created_at=RECEIVED_UTC,
        reviewed_at=REVIEWED_UTC,
        reviewed_by=facilitator,
        status="declined",
    )
    text = page_text(facilitator_client, f"/admin/applications/inspect/{application.pk}/")

    assert "Recibida 3 de diciembre de 2026 a las 22:50" in text
    assert "Revisada 3 de diciembre de 2026 a las 23:10" in text
    assert "03:50" not in text and "04:10" not in text

    listing = page_text(facilitator_client, "/admin/applications/")
    assert "03/12/2026 22:50" in listing


def test_an_invitation_valid_for_fourteen_days_shows_when_it_expires(facilitator_client):
    invitation = InvitationFactory()
    expires = timezone.localtime(invitation.expires_at, timezone.get_default_timezone())
    assert invitation.expires_at - timezone.now() > timedelta(days=13)

    text = page_text(facilitator_client, "/admin/invitations/")

    assert "Justo ahora" not in text and "justo ahora" not in text
    assert expires.strftime("%d/%m/%Y %H:%M") in text


def test_the_invitation_sent_with_an_accepted_application_is_dated_in_lima(
    facilitator_client, facilitator
):
    invitation = InvitationFactory()
    Invitation.objects.filter(pk=invitation.pk).update(created_at=RECEIVED_UTC)
    application = MembershipApplicationFactory()
    MembershipApplication.objects.filter(pk=application.pk).update(
        status="accepted", invitation=invitation, reviewed_by=facilitator
    )
    text = page_text(facilitator_client, f"/admin/applications/inspect/{application.pk}/")
    assert re.search(r"Enviada el 03/12/2026", text), text[-600:]


def test_yes_no_fields_read_si_no_on_the_inspect_page(facilitator_client):
    institution = InstitutionFactory(name="Municipalidad Distrital de Torata", is_core_group=True)
    text = page_text(facilitator_client, f"/admin/institutions/inspect/{institution.pk}/")
    assert "Miembro del Grupo Núcleo Sí" in text
    assert "True" not in text and "False" not in text
