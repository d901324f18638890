"""Deleting library files and workshop materials is for administrators: facilitators
upload, edit and choose them (members.roles), but Wagtail let whoever may edit a
document delete it too."""

import pytest
from django.test import Client

from members.roles import set_role
from resources.models import PrivateDocument
from tests.factories import FacilitatorFactory, UserFactory
from tests.resources.library_helpers import make_document

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_facilitator_cannot_delete_a_document():
    document = make_document("informe.pdf")
    facilitator = _client(FacilitatorFactory())

    page = facilitator.get(f"/admin/documents/delete/{document.pk}/")
    attempt = facilitator.post(f"/admin/documents/delete/{document.pk}/")

    assert page.status_code in {302, 403}
    assert attempt.status_code in {302, 403}
    assert PrivateDocument.objects.filter(pk=document.pk).exists()
    # Editing stays theirs.
    assert facilitator.get(f"/admin/documents/edit/{document.pk}/").status_code == 200
    listing = facilitator.get("/admin/documents/").content.decode()
    assert f"/admin/documents/delete/{document.pk}/" not in listing


def test_an_administrator_deletes_a_document():
    document = make_document("informe.pdf")
    administrator = UserFactory()
    set_role(administrator, "administrator")
    client = _client(administrator)

    assert client.get(f"/admin/documents/delete/{document.pk}/").status_code == 200
    client.post(f"/admin/documents/delete/{document.pk}/")

    assert not PrivateDocument.objects.filter(pk=document.pk).exists()
