"""Upload attacks: every attack file is made here, in the test, and sent to each upload
point of the portal as the role that may upload there. Each must be refused with a clear
message, with nothing stored (no row, no file on disk) and what the person typed kept.

This module: the shared check (members.uploads) against every attack, what it accepts and
the names it stores; the members' upload points on the portal (lesson attachments,
resource proposals). test_uploads_admin.py: the upload points of the Wagtail admin.
"""

import gzip
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from members import uploads
from resources.library import Resource
from resources.library_seed import tiny_pdf
from resources.models import PrivateDocument
from tests.factories import ThemeFactory
from themes import services
from themes.models import Contribution, ContributionAttachment

# ---- Harmless files


def pdf_bytes() -> bytes:
    return tiny_pdf(["Informe de la mesa técnica del agua"])


def png_bytes(size=(16, 16)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (23, 69, 107)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_bytes(comment: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (180, 90, 40)).save(buffer, "JPEG")
    data = buffer.getvalue()
    if comment:
        # A COM segment right after the start-of-image marker.
        segment = b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment
        data = data[:2] + segment + data[2:]
    return data


def gif_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (16, 16), 3).save(buffer, "GIF")
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_PARTS = {
    "[Content_Types].xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Default Extension="xml" ContentType="application/xml"/></Types>'
    ),
    "word/document.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>Acta de la mesa</w:t></w:r></w:p></w:body></w:document>"
    ),
}


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    return zip_bytes({**DOCX_PARTS, **(extra or {})})


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odt_bytes() -> bytes:
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b"<office:document-content/>",
        },
        compression=zipfile.ZIP_STORED,
    )


def webp_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 60)).save(buffer, "WEBP")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size over a few bytes of data (an image bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
ZIP_PAYLOAD = zip_bytes({"payload.html": HTML_PAGE, "Main.class": b"\xca\xfe\xba\xbe"})
PE_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 240
ELF_PROGRAM = b"\x7fELF\x02\x01\x01" + b"\x00" * 120
MACHO_PROGRAM = b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 120
SHELL_SCRIPT = b"#!/bin/sh\ncurl -s http://127.0.0.1/x | sh\n"
SVG_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.domain)</script></svg>"
)
# Deflate shrinks 20 MB of spaces about a thousand times: a ratio no document has.
BOMB_PADDING = b" " * (20 * 1024 * 1024)


def _html_prefixed_pdf() -> bytes:
    return b"%PDF-1.4\n<html><body><script>alert(1)</script>\n" + pdf_bytes()[9:]


# Name, content and the code of the refusal (members.uploads), per attack.
ATTACKS = {
    "gifar (gif + zip)": ("foto.gif", lambda: gif_bytes() + ZIP_PAYLOAD, "polyglot"),
    "pdf with a zip appended": ("informe.pdf", lambda: pdf_bytes() + ZIP_PAYLOAD, "polyglot"),
    "png with a zip appended": ("mapa.png", lambda: png_bytes() + ZIP_PAYLOAD, "polyglot"),
    "jpeg with a script inside": (
        "foto.jpg",
        lambda: jpeg_bytes(b"<script>alert(document.cookie)</script>"),
        "polyglot",
    ),
    "pdf with an html prefix": ("informe.pdf", _html_prefixed_pdf, "polyglot"),
    "windows program named .pdf": ("informe.pdf", lambda: PE_PROGRAM, "program"),
    "linux program named .jpg": ("foto.jpg", lambda: ELF_PROGRAM, "program"),
    "mac program named .docx": ("acta.docx", lambda: MACHO_PROGRAM, "program"),
    "shell script named .pdf": ("informe.pdf", lambda: SHELL_SCRIPT, "program"),
    "svg with a script": ("dibujo.svg", lambda: SVG_SCRIPT, "svg"),
    "svg with a script named .png": ("dibujo.png", lambda: SVG_SCRIPT, "svg"),
    "html named .pdf": ("informe.pdf", lambda: HTML_PAGE, "bad_type"),
    "png named .pdf": ("informe.pdf", png_bytes, "mismatch"),
    "xlsx named .docx": ("acta.docx", xlsx_bytes, "mismatch"),
    "double extension report.pdf.exe": ("report.pdf.exe", pdf_bytes, "dangerous_name"),
    "double extension foto.php.jpg": ("foto.php.jpg", jpeg_bytes, "dangerous_name"),
    "right-to-left override hiding .exe": ("informe\u202efdp.exe", pdf_bytes, "dangerous_name"),
    "zip bomb docx (compression ratio)": (
        "acta.docx",
        lambda: docx_bytes({"word/padding.xml": BOMB_PADDING}),
        "archive_bomb",
    ),
    "docx with a zip inside": (
        "acta.docx",
        lambda: docx_bytes({"word/media/anexos.zip": ZIP_PAYLOAD}),
        "nested_archive",
    ),
    "docx with a program inside": (
        "acta.docx",
        lambda: docx_bytes({"word/media/image1.png": PE_PROGRAM}),
        "polyglot",
    ),
    "docx with macros": (
        "acta.docx",
        lambda: docx_bytes({"word/vbaProject.bin": b"\x00" * 64}),
        "macros",
    ),
    "image bomb (100000 x 100000 png)": (
        "mapa.png",
        lambda: png_claiming(100_000, 100_000),
        "too_many_pixels",
    ),
}
IMAGE_ATTACKS = [
    "gifar (gif + zip)",
    "png with a zip appended",
    "jpeg with a script inside",
    "linux program named .jpg",
    "svg with a script",
    "svg with a script named .png",
    "double extension foto.php.jpg",
    "png named .pdf",
    "image bomb (100000 x 100000 png)",
]
# Documents of the library and of workshops are not images: attacks dressed as images are
# refused there as "not an accepted type" anyway, so only the others are sent.
DOCUMENT_ATTACKS = [
    name
    for name in ATTACKS
    if name
    not in {
        "gifar (gif + zip)",
        "png with a zip appended",
        "jpeg with a script inside",
        "png named .pdf",
        "image bomb (100000 x 100000 png)",
    }
]
ATTACHMENT_ATTACKS = list(ATTACKS)


def attack_file(attack: str) -> SimpleUploadedFile:
    name, make, _code = ATTACKS[attack]
    return SimpleUploadedFile(name, make(), content_type="application/octet-stream")


def expected_message(attack: str, kind: str) -> str:
    """The refusal the person must read, in English (as the /en/ pages show it)."""
    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        uploads.check_upload(attack_file(attack), kind=kind)
    [message] = refusal.value.messages
    return squash(message)


def squash(text: str) -> str:
    """Text with every run of white space (no-break spaces too) as one space."""
    return " ".join(text.split())


def stored_files() -> list[Path]:
    """Every file under the public and the private media folders."""
    return [
        path
        for root in (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
        if root.exists()
        for path in root.rglob("*")
        if path.is_file()
    ]


def page_text(response) -> str:
    return squash(BeautifulSoup(response.content, "html.parser").get_text(" "))


def typed_value(response, name: str) -> str | None:
    field = BeautifulSoup(response.content, "html.parser").select_one(f'[name="{name}"]')
    if field is None:
        return None
    return field.get_text() if field.name == "textarea" else field.get("value")


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
