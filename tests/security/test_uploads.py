"""Upload attacks: every attack file is made here, in the test, and sent to each upload
point of the portal as the role that may upload there. Each must be refused with a clear
message, with nothing stored (no row, no file on disk) and what the person typed kept.

This module: the shared check (members.uploads) against every attack, what it accepts and
the names it stores; the members' upload points on the portal (lesson attachments,
resource proposals). test_uploads_admin.py: the upload points of the Wagtail admin.
"""

import gzip
import os
import struct

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from members import uploads
from resources.library import Resource
from resources.models import PrivateDocument
from tests.factories import ThemeFactory
from tests.security.upload_files import (
    ATTACHMENT_ATTACKS,
    ATTACKS,
    DOCUMENT_ATTACKS,
    IMAGE_ATTACKS,
    attack_file,
    docx_bytes,
    expected_message,
    gif_bytes,
    jpeg_bytes,
    odt_bytes,
    page_text,
    pdf_bytes,
    png_bytes,
    stored_files,
    typed_value,
    webp_bytes,
    xlsx_bytes,
    zip_bytes,
)
from themes import services
from themes.models import Contribution, ContributionAttachment

# ---- The shared check, attack by attack


KIND_ATTACKS = [
    *((uploads.ATTACHMENT, attack) for attack in ATTACHMENT_ATTACKS),
    *((uploads.DOCUMENT, attack) for attack in DOCUMENT_ATTACKS),
    *((uploads.IMAGE, attack) for attack in IMAGE_ATTACKS),
]


@pytest.mark.parametrize(("kind", "attack"), KIND_ATTACKS)
def test_the_shared_check_refuses_each_attack_with_its_reason(kind, attack):
    name, _make, code = ATTACKS[attack]

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        uploads.check_upload(attack_file(attack), kind=kind)

    [error] = refusal.value.error_list
    assert error.code == code
    [message] = refusal.value.messages
    assert uploads.clean_file_name(name) in message


@pytest.mark.parametrize(
    ("kind", "name", "make", "extension"),
    [
        (uploads.ATTACHMENT, "Informe final.pdf", pdf_bytes, "pdf"),
        (uploads.ATTACHMENT, "mapa.png", png_bytes, "png"),
        (uploads.ATTACHMENT, "foto del taller.JPEG", jpeg_bytes, "jpg"),
        (uploads.ATTACHMENT, "animación.gif", gif_bytes, "gif"),
        (uploads.ATTACHMENT, "portada.webp", webp_bytes, "webp"),
        (uploads.ATTACHMENT, "acta.docx", docx_bytes, "docx"),
        (uploads.ATTACHMENT, "presupuesto.xlsx", xlsx_bytes, "xlsx"),
        (uploads.ATTACHMENT, "acta.odt", odt_bytes, "odt"),
        (uploads.ATTACHMENT, "sin extensión", pdf_bytes, "pdf"),
        # A chart's workbook embedded in a document, and a compressed picture: normal parts.
        (
            uploads.ATTACHMENT,
            "con gráfico.docx",
            lambda: docx_bytes(
                {
                    "word/embeddings/Hoja1.xlsx": xlsx_bytes(),
                    "word/media/image1.emz": gzip.compress(b"\x01\x00\x00\x00" * 256),
                }
            ),
            "docx",
        ),
        (uploads.DOCUMENT, "caudales 2024.csv", lambda: "año;caudal\n2024;3,5\n".encode(), "csv"),
        (uploads.IMAGE, "portada.png", png_bytes, "png"),
        (uploads.LOGO, "logo.png", png_bytes, "png"),
        (uploads.AVATAR, "yo.jpg", jpeg_bytes, "jpg"),
    ],
)
def test_ordinary_files_are_accepted_by_their_content(kind, name, make, extension):
    checked = uploads.check_upload(SimpleUploadedFile(name, make()), kind=kind)

    assert checked.extension == extension
    assert checked.content_type == uploads.CONTENT_TYPES[extension]
    assert checked.safe_name.endswith(f".{extension}")


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\informe.pdf", "informe.pdf"),
        ("/var/www/portal/informe.pdf", "informe.pdf"),
        ("Informe Final (versión 2).PDF", "informe-final-version-2.pdf"),
        ("in\x00for\x07me\r\n.pdf", "informe.pdf"),
        (".htaccess.pdf", "htaccess.pdf"),
        ("....pdf", "pdf.pdf"),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
    ],
)
def test_stored_names_are_made_safe(name, stored):
    checked = uploads.check_upload(SimpleUploadedFile(name, pdf_bytes()), kind=uploads.ATTACHMENT)

    assert checked.safe_name == stored


def test_files_over_the_limit_of_their_kind_are_refused(settings):
    settings.UPLOAD_MAX_BYTES = {**settings.UPLOAD_MAX_BYTES, uploads.LOGO: 1000}
    big = SimpleUploadedFile("logo.png", png_bytes((200, 200)) + b"\x00" * 2000)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        uploads.check_upload(big, kind=uploads.LOGO)

    assert refusal.value.error_list[0].code == "too_large"
    assert "The maximum is 1000" in refusal.value.messages[0]


def test_archives_that_unpack_into_too_much_are_refused(settings):
    settings.UPLOAD_ARCHIVE_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    # Random bytes do not compress: the ratio is ordinary, only the total is too much.
    document = docx_bytes({"word/media/image1.png": os.urandom(2 * 1024 * 1024)})

    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(SimpleUploadedFile("acta.docx", document), kind=uploads.DOCUMENT)

    assert refusal.value.error_list[0].code == "archive_bomb"


def test_archives_with_too_many_parts_are_refused(settings):
    settings.UPLOAD_ARCHIVE_MAX_ENTRIES = 50
    document = docx_bytes({f"word/part{n}.xml": b"<p/>" for n in range(60)})

    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(SimpleUploadedFile("acta.docx", document), kind=uploads.DOCUMENT)

    assert refusal.value.error_list[0].code == "too_many_entries"


def test_an_archive_whose_sizes_lie_is_refused():
    """A part that says it is small but unpacks into more (the sizes are not trusted)."""
    honest = docx_bytes({"word/media/data.bin": b"x" * 5000})
    # Shrink the declared unpacked size (local header and central directory) to 50 bytes.
    lying = honest.replace(struct.pack("<I", 5000), struct.pack("<I", 50))
    assert lying != honest

    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(SimpleUploadedFile("acta.docx", lying), kind=uploads.DOCUMENT)

    assert refusal.value.error_list[0].code == "damaged"


def test_svg_is_not_an_image_type_of_wagtail_and_image_bombs_are_bounded(settings):
    from PIL import Image as PillowImage

    assert "svg" not in [ext.lower() for ext in settings.WAGTAILIMAGES_EXTENSIONS]
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == settings.UPLOAD_IMAGE_MAX_PIXELS
    assert PillowImage.MAX_IMAGE_PIXELS == settings.UPLOAD_IMAGE_MAX_PIXELS
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == ["application/pdf"]


# ---- The members' upload points on the portal

CONTRIBUTION_FORM = "/en/mis-contribuciones/nueva/"
PROPOSAL_FORM = "/en/recursos/proponer/"


@pytest.fixture
def theme(db):
    return ThemeFactory()


def lesson_data(theme) -> dict:
    return {
        "kind": "lesson",
        "title": "Mesa técnica del agua en el valle de Ilo",
        "summary": "Regantes, empresa minera y municipio acordaron turnos de riego.",
        "primary_theme": theme.pk,
        "context": "Valle de Ilo, 2022, con la junta de usuarios.",
        "language": "es",
        "tags": "riego, agua",
        "visibility": "public",
        "action": "save",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ATTACHMENT_ATTACKS)
def test_a_member_attaching_an_attack_to_a_lesson_is_refused(member_client, theme, attack):
    data = lesson_data(theme)
    # A good file next to the bad one: neither is kept, the contribution is not saved.
    good = SimpleUploadedFile("acta.pdf", pdf_bytes(), content_type="application/pdf")

    response = member_client.post(
        CONTRIBUTION_FORM, {**data, "new_attachments": [good, attack_file(attack)]}
    )

    assert response.status_code == 200
    assert expected_message(attack, uploads.ATTACHMENT) in page_text(response)
    assert "please choose them again" in page_text(response)
    # What the member wrote is still in the form.
    assert typed_value(response, "title") == data["title"]
    assert typed_value(response, "summary").strip() == data["summary"]
    assert not Contribution.objects.exists()
    assert not ContributionAttachment.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ATTACHMENT_ATTACKS)
def test_a_member_proposing_an_attack_as_a_resource_is_refused(member_client, attack):
    data = {
        "title": "Diagnóstico del riego en el valle de Ilo",
        "kind": "study",
        "summary": "Un diagnóstico de los turnos de riego en época seca.",
        "year": "2024",
        "language": "es",
        "tags": "agua, riego",
        "visibility": "public",
    }

    response = member_client.post(PROPOSAL_FORM, {**data, "file": attack_file(attack)})

    assert response.status_code == 400
    assert expected_message(attack, uploads.ATTACHMENT) in page_text(response)
    assert "please choose it again" in page_text(response)
    assert typed_value(response, "title") == data["title"]
    assert typed_value(response, "summary").strip() == data["summary"]
    assert not Resource.objects.exists()
    assert not PrivateDocument.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db
def test_the_lesson_service_stores_nothing_when_one_file_is_refused(member, theme):
    """The same check guards the service itself (commands, other callers): the good file
    given before the bad one is not left on disk."""
    good = SimpleUploadedFile("acta.pdf", pdf_bytes())

    with pytest.raises(ValidationError):
        services.contribution_save_draft(
            user=member,
            fields={"title": "Con anexos", "summary": "Resumen.", "primary_theme": theme},
            new_attachments=[("Acta", good), ("Foto", attack_file("gifar (gif + zip)"))],
        )

    assert not Contribution.objects.exists()
    assert stored_files() == []


@pytest.mark.django_db
def test_a_member_s_ordinary_files_are_still_accepted(member_client, theme):
    files = [
        SimpleUploadedFile("Acta de la mesa.pdf", pdf_bytes()),
        SimpleUploadedFile("../../foto del taller.jpg", jpeg_bytes()),
        SimpleUploadedFile("acta.docx", docx_bytes()),
    ]

    response = member_client.post(
        CONTRIBUTION_FORM, {**lesson_data(theme), "new_attachments": files}
    )

    assert response.status_code == 302
    stored = {a.file.name.rsplit("/", 1)[-1] for a in ContributionAttachment.objects.all()}
    assert {name.split("_")[0].rsplit(".", 1)[0] for name in stored} == {
        "acta",
        "acta-de-la-mesa",
        "foto-del-taller",
    }
    assert len(stored_files()) == 3
    assert all(str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT)) for path in stored_files())


def old_office_bytes(*streams: str) -> bytes:
    """The first bytes of an Office 97-2003 compound file naming its streams (enough for
    the check, which looks for the stream names)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + b"".join(name.encode("utf-16-le") + b"\x00" * 64 for name in streams)


def odt_with(entries: dict[str, bytes]) -> bytes:
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
            **entries,
        }
    )


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("acta.doc", lambda: old_office_bytes("WordDocument"), None),
        ("cuadro.xls", lambda: old_office_bytes("Workbook"), None),
        ("acta.doc", lambda: old_office_bytes("WordDocument", "_VBA_PROJECT"), "macros"),
        # An installer is a compound file too, but no Office document.
        ("acta.doc", lambda: old_office_bytes("\x05SummaryInformation"), "bad_type"),
        ("acta.odt", lambda: odt_with({"Basic/script-lc.xml": b"<library/>"}), None),
        ("acta.odt", lambda: odt_with({"Basic/Standard/Module1.xml": b"<module/>"}), "macros"),
        ("acta.odt", lambda: odt_with({"../../outside.xml": b"<x/>"}), "damaged"),
    ],
)
def test_office_documents_are_looked_into(name, make, code):
    upload = SimpleUploadedFile(name, make())

    if code is None:
        assert uploads.check_upload(upload, kind=uploads.DOCUMENT).extension == name[-3:]
    else:
        with pytest.raises(ValidationError) as refusal:
            uploads.check_upload(upload, kind=uploads.DOCUMENT)
        assert refusal.value.error_list[0].code == code
