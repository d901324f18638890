"""Helpers for the tests of the library: resources, their files, and a client per role."""

from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from resources import services
from resources.library_seed import tiny_pdf
from resources.models import PrivateDocument, Resource
from tests.factories import FacilitatorFactory, MemberFactory, UserFactory
from themes.models import Visibility

ROLES = ("anonymous", "roleless", "member", "facilitator")
READERS = {"member", "facilitator"}  # roles that may read members-only resources


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def client_for(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        factory = {
            "roleless": UserFactory,
            "member": MemberFactory,
            "facilitator": FacilitatorFactory,
        }[role]
        client.force_login(factory())
    return client


def pdf_bytes(text: str = "Informe de prueba") -> bytes:
    return tiny_pdf([text])


def pdf_upload(name: str = "informe.pdf", text: str = "Informe de prueba") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def make_document(name: str = "informe.pdf", content: bytes | None = None) -> PrivateDocument:
    document = PrivateDocument(title=name)
    document.file.save(name, ContentFile(content or pdf_bytes()), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def make_resource(
    title: str = "Estudio de la renta minera",
    *,
    publish: bool = True,
    themes=(),
    institutions=(),
    tags=(),
    document=None,
    slug: str = "",
    districts=(),
    **fields,
) -> Resource:
    """A resource added as the seed does (no user), published unless publish=False."""
    values = {
        "title": title,
        "kind": "study",
        "summary": f"Resumen de «{title}».",
        "language": "es",
        "visibility": Visibility.PUBLIC,
        **fields,
    }
    return services.resource_add(
        fields=values,
        themes=themes,
        institutions=institutions,
        tags=tags,
        document=document,
        slug=slug,
        publish=publish,
        districts=districts,
    )
