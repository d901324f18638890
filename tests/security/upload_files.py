"""The files of the upload tests, every one made here: harmless files of each accepted type
and the attacks (name, content and the code of the refusal of members.uploads), with what
the tests read back (the refusal a person must read, the files stored, the page's text).
Used by test_uploads.py (the shared check, the members' upload points) and
test_uploads_admin.py (the Wagtail admin's)."""

import io
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
from resources.library_seed import tiny_pdf

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
