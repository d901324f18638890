"""Upload attacks on the Wagtail admin, as the facilitators who may upload there: documents
(the library's resources and the workshops' materials are Wagtail documents, uploaded in
the add view, the multiple upload or the upload tab of the document chooser), images
(pages), institution logos and profile pictures. Each attack is refused with its message,
nothing is stored (no row, no file) and the rest of the form is kept."""

import json

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile
from wagtail.users.models import UserProfile

from members import uploads
from members.models import Institution
from resources.models import PrivateDocument
from tests.members.institutions_helpers import institution_data
from tests.security.upload_files import (
    DOCUMENT_ATTACKS,
    IMAGE_ATTACKS,
    attack_file,
    docx_bytes,
    expected_message,
    page_text,
    pdf_bytes,
    png_bytes,
    squash,
    stored_files,
    typed_value,
)

pytestmark = pytest.mark.django_db

Image = get_image_model()
# A few attacks of each family for the views that share a form with one tested in full.
SOME_DOCUMENT_ATTACKS = [
    "pdf with a zip appended",
    "windows program named .pdf",
    "svg with a script",
    "zip bomb docx (compression ratio)",
]
SOME_IMAGE_ATTACKS = [
    "gifar (gif + zip)",
    "jpeg with a script inside",
    "svg with a script named .png",
    "image bomb (100000 x 100000 png)",
]


@pytest.fixture
def root_collection():
    return Collection.get_first_root_node()


def nothing_stored():
    return (
        not PrivateDocument.objects.exists()
        and not Image.objects.exists()
        and not UploadedFile.objects.exists()
        and stored_files() == []
    )


# ---- Wagtail documents (library resources, workshop materials) and images (pages)

ADD_VIEWS = [
    *(("wagtaildocs:add", uploads.DOCUMENT, attack) for attack in DOCUMENT_ATTACKS),
    *(("wagtailimages:add", uploads.IMAGE, attack) for attack in IMAGE_ATTACKS),
]
MULTIPLE_UPLOADS = [
    *(("wagtaildocs:add_multiple", uploads.DOCUMENT, a) for a in SOME_DOCUMENT_ATTACKS),
    *(("wagtailimages:add_multiple", uploads.IMAGE, a) for a in SOME_IMAGE_ATTACKS),
]


@pytest.mark.parametrize(("view", "kind", "attack"), ADD_VIEWS)
def test_an_attack_is_refused_in_the_add_views(
    english_admin_client, root_collection, view, kind, attack
):
    response = english_admin_client.post(
        reverse(view),
        {
            "title": "Acta de la mesa técnica",
            "collection": root_collection.pk,
            "tags": "agua",
            "file": attack_file(attack),
        },
    )

    assert response.status_code == 200
    assert expected_message(attack, kind) in page_text(response)
    assert typed_value(response, "title") == "Acta de la mesa técnica"
    assert nothing_stored()


@pytest.mark.parametrize(("view", "kind", "attack"), MULTIPLE_UPLOADS)
def test_an_attack_is_refused_in_the_multiple_uploads(english_admin_client, view, kind, attack):
    response = english_admin_client.post(reverse(view), {"files[]": attack_file(attack)})

    answer = json.loads(response.content)
    assert answer["success"] is False
    assert squash(answer["error_message"]) == expected_message(attack, kind)
    assert nothing_stored()


@pytest.mark.parametrize("attack", SOME_DOCUMENT_ATTACKS)
def test_a_document_attack_is_refused_in_the_chooser(english_admin_client, root_collection, attack):
    """The upload tab of the document chooser: how a resource's file or a workshop's
    material is usually added."""
    response = english_admin_client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "Presentación del taller",
            "document-chooser-upload-collection": root_collection.pk,
            "document-chooser-upload-file": attack_file(attack),
        },
    )

    answer = json.loads(response.content)
    assert answer["step"] == "reshow_creation_form"
    form = BeautifulSoup(answer["htmlFragment"], "html.parser")
    assert expected_message(attack, uploads.DOCUMENT) in squash(form.get_text(" "))
    title = form.select_one('[name="document-chooser-upload-title"]')
    assert title["value"] == "Presentación del taller"
    assert nothing_stored()


def test_ordinary_documents_are_stored_privately_under_a_safe_name(
    english_admin_client, root_collection
):
    response = english_admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Acta",
            "collection": root_collection.pk,
            "file": SimpleUploadedFile("../Acta de la mesa (final).docx", docx_bytes()),
        },
    )

    assert response.status_code == 302
    document = PrivateDocument.objects.get()
    assert document.file.name.startswith("documents/acta-de-la-mesa-final")
    assert document.file.name.endswith(".docx")
    [stored] = stored_files()
    assert str(stored).startswith(str(document.file.storage.location))


def test_documents_are_served_as_downloads_with_their_type_and_nosniff(
    english_admin_client, root_collection
):
    for name, content in (("acta.docx", docx_bytes()), ("informe.pdf", pdf_bytes())):
        english_admin_client.post(
            reverse("wagtaildocs:add"),
            {
                "title": name,
                "collection": root_collection.pk,
                "file": SimpleUploadedFile(name, content),
            },
        )
    docx, pdf = PrivateDocument.objects.order_by("title")

    download = english_admin_client.get(docx.url)
    assert download["Content-Type"] == uploads.CONTENT_TYPES["docx"]
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in download["Content-Security-Policy"]

    # PDFs alone open in the browser, still without sniffing and without scripts.
    shown = english_admin_client.get(pdf.url)
    assert shown["Content-Type"] == "application/pdf"
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in shown["Content-Security-Policy"]


# ---- Images (pages)


# ---- Institution logos


@pytest.mark.parametrize("attack", IMAGE_ATTACKS)
def test_a_logo_attack_is_refused(english_admin_client, attack):
    response = english_admin_client.post(
        reverse("institutions:add"), institution_data(logo=attack_file(attack))
    )

    assert response.status_code == 200
    assert expected_message(attack, uploads.LOGO) in page_text(response)
    assert typed_value(response, "name") == "Asociación de Productores de Palta de Omate"
    assert not Institution.objects.filter(short_name="APPO").exists()
    assert nothing_stored()


# ---- Profile pictures (the admin's account page)


def account_form(client) -> dict:
    """Every field of the account page as it stands, as the browser would send it."""
    page = BeautifulSoup(client.get(reverse("wagtailadmin_account")).content, "html.parser")
    form = page.select_one("form[enctype='multipart/form-data']")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") != "file":
            data[name] = field.get("value", "")
    return data


@pytest.mark.parametrize("attack", SOME_IMAGE_ATTACKS)
def test_a_profile_picture_attack_is_refused(english_admin_client, facilitator, attack):
    data = account_form(english_admin_client)
    data["name_email-first_name"] = "Rosa"
    data["name_email-last_name"] = "Quispe"

    response = english_admin_client.post(
        reverse("wagtailadmin_account"), {**data, "avatar-avatar": attack_file(attack)}
    )

    assert response.status_code == 200
    assert expected_message(attack, uploads.AVATAR) in page_text(response)
    assert typed_value(response, "name_email-first_name") == "Rosa"
    assert not UserProfile.get_for_user(facilitator).avatar
    assert stored_files() == []


def test_an_ordinary_profile_picture_is_accepted(english_admin_client, facilitator):
    data = account_form(english_admin_client)
    data["name_email-first_name"] = "Rosa"
    data["name_email-last_name"] = "Quispe"
    picture = SimpleUploadedFile("../yo en el taller.png", png_bytes((600, 300)))

    response = english_admin_client.post(
        reverse("wagtailadmin_account"), {**data, "avatar-avatar": picture}
    )

    assert response.status_code == 302
    avatar = UserProfile.get_for_user(facilitator).avatar
    assert "yo-en-el-taller" in avatar.name
    assert avatar.width == 400  # resized by Wagtail, after the check


def test_an_image_uploaded_several_at_a_time_can_then_be_described(english_admin_client):
    """The multiple upload's second step (title, tags) has no file field to check."""
    uploaded = english_admin_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("vista del valle.png", png_bytes())},
    )
    image = Image.objects.get(pk=json.loads(uploaded.content)["image_id"])
    assert image.file.name.startswith("original_images/vista-del-valle")

    described = english_admin_client.post(
        reverse("wagtailimages:edit_multiple", args=[image.pk]),
        {f"image-{image.pk}-title": "Vista del valle de Ilo", f"image-{image.pk}-tags": ""},
    )

    assert json.loads(described.content)["success"] is True
    image.refresh_from_db()
    assert image.title == "Vista del valle de Ilo"
