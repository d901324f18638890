"""Helpers for the tests of the public side of the lessons (list, detail, feeds, search)."""

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
