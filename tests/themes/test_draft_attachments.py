"""The files of a lesson not yet published reach the facilitators who review it and its
authors; nobody else, whatever address they guess."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ContributionFactory, FacilitatorFactory, MemberFactory
from tests.themes.lessons_helpers import PDF_BYTES, attach

pytestmark = pytest.mark.django_db


def _get(user, url):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_a_drafts_attachment_is_served_to_facilitators_and_its_authors_only():
    author, coauthor = MemberFactory(), MemberFactory()
    draft = ContributionFactory(published=False, author=author)
    draft.coauthors = [coauthor]
    draft.save()
    url = reverse("themes:attachment", args=[draft.slug, attach(draft).pk])

    reviewed = _get(FacilitatorFactory(), url)
    assert reviewed.status_code == 200
    assert b"".join(reviewed.streaming_content) == PDF_BYTES
    assert reviewed["Cache-Control"] == "private, max-age=0, no-store"
    assert _get(author, url).status_code == 200
    assert _get(coauthor, url).status_code == 200
    assert _get(MemberFactory(), url).status_code == 404
    assert _get(None, url).status_code == 404
