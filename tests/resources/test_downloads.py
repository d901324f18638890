"""Downloading documents: /documents/<id>/<name> runs the `before_serve_document` hooks of
the library and of the workshops, so that members-only and unpublished files reach only
those who may read them — by any route, whatever address someone guesses."""

import pytest
from django.utils import translation

from resources.models import PrivateDocument
from tests.factories import MemberFactory, WorkshopFactory
from tests.resources.library_helpers import (
    READERS,
    ROLES,
    client_for,
    make_document,
    make_resource,
)
from themes.models import Visibility
from workshops.models import Material, WorkshopStatus

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def files():
    public = make_resource("Estudio abierto", document=make_document("abierto.pdf"))
    members = make_resource(
        "Guía reservada", visibility=Visibility.MEMBERS, document=make_document("reservada.pdf")
    )
    draft = make_resource("Borrador", publish=False, document=make_document("borrador.pdf"))
    return {"public": public, "members": members, "draft": draft}


@pytest.mark.parametrize("role", ROLES)
def test_library_files_are_served_only_to_who_may_read_the_resource(role, files):
    client = client_for(role)

    public = client.get(files["public"].document.url)
    assert public.status_code == 200
    assert body(public).startswith(b"%PDF-")
    members = client.get(files["members"].document.url)
    assert members.status_code == (200 if role in READERS else 404)
    draft = client.get(files["draft"].document.url)
    assert draft.status_code == (200 if role == "facilitator" else 404)


def test_a_refused_download_is_the_portal_404_page(files):
    response = client_for("anonymous").get(files["members"].document.url)

    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert "text/html" in response["Content-Type"]


def test_downloads_are_served_with_safe_headers(files):
    response = client_for("member").get(files["members"].document.url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Type"] == "application/pdf"


def test_a_proposer_may_download_the_file_of_their_own_proposal():
    from resources import services
    from tests.resources.library_helpers import pdf_upload

    proposer = MemberFactory()
    resource = services.resource_propose(
        user=proposer,
        fields={"title": "Mi informe", "kind": "report", "summary": "Un informe."},
        upload=pdf_upload("mi-informe.pdf"),
    )
    url = resource.document.url

    mine = client_for("anonymous")
    mine.force_login(proposer)
    assert mine.get(url).status_code == 200
    assert client_for("member").get(url).status_code == 404
    assert client_for("facilitator").get(url).status_code == 200


def test_a_file_only_in_an_unpublished_version_is_not_public(files):
    """A facilitator replaces the file of a public resource in a draft: until it is
    published, the new file is not served to the public."""
    resource = files["public"]
    published_url = resource.document.url
    replacement = make_document("nuevo.pdf")
    draft = resource.get_latest_revision_as_object()
    draft.document = replacement
    draft.save_revision(clean=False)

    assert client_for("anonymous").get(replacement.url).status_code == 404
    assert client_for("facilitator").get(replacement.url).status_code == 200
    # The published file is still served.
    assert client_for("anonymous").get(published_url).status_code == 200


def test_making_a_resource_members_only_closes_its_file_to_the_public(files):
    resource = files["public"]
    url = resource.document.url
    assert client_for("anonymous").get(url).status_code == 200

    draft = resource.get_latest_revision_as_object()
    draft.visibility = Visibility.MEMBERS
    draft.save_revision(clean=False).publish()

    assert client_for("anonymous").get(url).status_code == 404
    assert client_for("member").get(url).status_code == 200


def test_unpublishing_a_resource_closes_its_file(files):
    resource = files["public"]
    url = resource.document.url

    resource.unpublish()

    assert client_for("anonymous").get(url).status_code == 404
    assert client_for("member").get(url).status_code == 404


def test_the_address_must_name_the_file(files):
    document = files["public"].document

    assert client_for("anonymous").get(f"/documents/{document.pk}/otro.pdf").status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_a_document_nothing_refers_to_is_served_only_to_facilitators(role):
    """Uploaded in the admin and not yet used anywhere: ids are sequential and names are
    the upload names, so it would otherwise be public to whoever guesses the address."""
    document = make_document("suelto.pdf")

    response = client_for(role).get(document.url)

    assert response.status_code == (200 if role == "facilitator" else 404)


def test_the_material_of_a_deleted_workshop_is_no_longer_served():
    workshop = WorkshopFactory(title="Taller abierto")
    document = make_document("material.pdf")
    Material.objects.create(workshop=workshop, title="Material", document=document)
    assert client_for("anonymous").get(document.url).status_code == 200

    workshop.delete()

    assert client_for("anonymous").get(document.url).status_code == 404
    assert client_for("member").get(document.url).status_code == 404


def test_a_document_taken_out_of_a_members_only_workshop_is_no_longer_served():
    workshop = WorkshopFactory(title="Taller reservado", visibility=Visibility.MEMBERS)
    document = make_document("reservado.pdf")
    material = Material.objects.create(workshop=workshop, title="Material", document=document)
    assert client_for("member").get(document.url).status_code == 200

    material.delete()

    assert client_for("member").get(document.url).status_code == 404
    assert client_for("anonymous").get(document.url).status_code == 404


def _standard_page_linking(document, *, publish=True):
    from wagtail.models import Page
    from wagtail.rich_text import RichText

    from resources.models import StandardPage

    home = Page.objects.get(depth=2)
    page = StandardPage(
        title="Cómo participar",
        slug="como-participar-doc",
        body=[
            (
                "paragraph",
                RichText(f'<p>Lea la <a linktype="document" id="{document.pk}">guía</a>.</p>'),
            )
        ],
    )
    home.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    else:
        page.unpublish()
    return page


def test_a_document_linked_from_a_live_public_page_is_public():
    document = make_document("guia.pdf")
    _standard_page_linking(document)

    assert client_for("anonymous").get(document.url).status_code == 200


def test_a_document_linked_only_from_an_unpublished_page_is_not_public():
    document = make_document("guia-borrador.pdf")
    _standard_page_linking(document, publish=False)

    assert client_for("anonymous").get(document.url).status_code == 404
    assert client_for("facilitator").get(document.url).status_code == 200


def test_a_document_linked_from_a_page_for_logged_in_visitors_only_is_not_public():
    from wagtail.models import PageViewRestriction

    document = make_document("guia-privada.pdf")
    page = _standard_page_linking(document)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    assert client_for("anonymous").get(document.url).status_code == 404
    assert client_for("member").get(document.url).status_code == 200


def test_members_only_files_are_private_and_sandboxed(files):
    response = client_for("member").get(files["members"].document.url)

    assert response["Cache-Control"] == "private, max-age=0, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "Content-Encoding" not in response


def test_public_files_carry_no_content_encoding_none(files):
    response = client_for("anonymous").get(files["public"].document.url)

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "no-store" not in response.get("Cache-Control", "")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("role", ROLES)
def test_workshop_materials_follow_the_workshop(role):
    public = WorkshopFactory(title="Taller abierto")
    members = WorkshopFactory(title="Taller reservado", visibility=Visibility.MEMBERS)
    draft = WorkshopFactory(title="Taller en preparación", status=WorkshopStatus.DRAFT)
    documents = {}
    for name, workshop in (("public", public), ("members", members), ("draft", draft)):
        documents[name] = make_document(f"material-{name}.pdf")
        Material.objects.create(workshop=workshop, title="Material", document=documents[name])
    client = client_for(role)

    assert client.get(documents["public"].url).status_code == 200
    assert client.get(documents["members"].url).status_code == (200 if role in READERS else 404)
    assert client.get(documents["draft"].url).status_code == (200 if role == "facilitator" else 404)


def test_a_document_shared_by_a_public_and_a_members_only_resource_stays_public():
    document = make_document("compartido.pdf")
    make_resource("Versión pública", document=document)
    make_resource("Versión reservada", visibility=Visibility.MEMBERS, document=document)

    assert client_for("anonymous").get(document.url).status_code == 200


def test_resource_pages_link_to_the_checked_download_address(files, settings):
    with translation.override("es"):
        page = client_for("member").get(files["members"].get_absolute_url())

    assert files["members"].document.url in page.text
    assert "/media/" not in page.text
    stored = PrivateDocument.objects.get(pk=files["members"].document.pk)
    assert stored.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.file.path.startswith(str(settings.MEDIA_ROOT))
