"""Helpers for the tests of the public side of the lessons (list, detail, feeds, search)."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from tests.factories import ContributionFactory
from themes.models import Contribution, ContributionAttachment

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def publish(*, tags=(), secondary_themes=(), coauthors=(), **fields) -> Contribution:
    """A contribution published through Wagtail, with its relations in the published version."""
    contribution = ContributionFactory(published=False, **fields)
    if tags:
        contribution.tags.add(*tags)
    if secondary_themes:
        contribution.secondary_themes = list(secondary_themes)
    if coauthors:
        contribution.coauthors = list(coauthors)
    contribution.save()
    contribution.save_revision(user=contribution.author, clean=False).publish()
    contribution.refresh_from_db()
    return contribution


def attach(contribution, *, title="Informe final", content=PDF_BYTES, name="informe.pdf"):
    attachment = ContributionAttachment(
        contribution=contribution,
        title=title,
        content_type="application/pdf",
        size=len(content),
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


@pytest.fixture(name="private_media")
def private_media_fixture(tmp_path):
    """Attachments written under the test's own directory, not var/private."""
    storage = ContributionAttachment._meta.get_field("file").storage
    saved = storage._location
    storage._location = str(tmp_path / "private")
    for name in ("base_location", "location"):
        storage.__dict__.pop(name, None)
    yield tmp_path / "private"
    storage._location = saved
    for name in ("base_location", "location"):
        storage.__dict__.pop(name, None)
