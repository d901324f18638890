"""The admin forms save only when the facilitator says so (no autosave): Wagtail 8.0's autosave
of a new object raced the publish button and created a library resource twice."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from tests.factories import ContributionFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_the_admin_forms_do_not_autosave(facilitator_client):
    workshop = WorkshopFactory()
    lesson = ContributionFactory()
    for path in (
        "/admin/snippets/resources/resource/add/",
        f"/admin/snippets/themes/contribution/edit/{lesson.pk}/",
        reverse("workshop_admin:add"),
        reverse("workshop_admin:edit", args=[workshop.pk]),
        reverse("agreement_spaces:add"),
        reverse(
            "wagtailadmin_pages:edit", args=[Site.objects.get(is_default_site=True).root_page_id]
        ),
    ):
        response = facilitator_client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        # Wagtail's editor form, without its autosave controller.
        assert "w-unsaved" in html, path
        assert "w-autosave#save" not in html, path
        assert "data-w-autosave-interval-value" not in html, path
