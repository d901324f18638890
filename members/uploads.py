"""Every uploaded file is checked here, by its content, before anything is stored.

One module for every upload point of the portal (contribution attachments, resource
proposals, Wagtail documents and images, institution logos, admin avatars): each calls
`check_upload(upload, kind=...)`, which raises a translated ValidationError naming the file
and saying what is wrong, or returns the type found in the content and a safe file name.

What is refused, whatever the name says:
- anything that is not one of the kind's accepted types (found from the magic bytes, never
  from the name), programs (PE, ELF, Mach-O, scripts) and SVG drawings (they can hold
  scripts) with their own message;
- a name whose extension does not match the content, or that hides a program's extension
  (``informe.pdf.exe``, ``foto.php.jpg``);
- polyglots: a PDF, image or old Office file that is also a ZIP archive (GIFAR, a PDF with
  a ZIP appended), or that carries HTML or script where browsers look for it;
- archive bombs: Office and OpenDocument files are ZIP containers, unpacked here within a
  budget of entries, total size and compression ratio; archives inside them only when they
  are embedded Office documents, checked the same way;
- image bombs: more pixels than UPLOAD_IMAGE_MAX_PIXELS, checked from the header before
  any decoding;
- files over the kind's size limit (settings.UPLOAD_MAX_BYTES).
"""

import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Kinds of upload; each has a size limit in settings.UPLOAD_MAX_BYTES.
ATTACHMENT = "attachment"  # contribution attachments and members' resource proposals
DOCUMENT = "document"  # Wagtail documents (the library, workshop materials)
IMAGE = "image"  # Wagtail images (pages)
LOGO = "logo"  # institution logos
AVATAR = "avatar"  # profile pictures in the admin

# Extension found in the content -> MIME type it is stored and served with.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "csv": "text/csv",
    "jpg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}
OFFICE_TYPES = ("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")
IMAGE_TYPES = ("jpg", "png", "gif", "webp")
ZIP_TYPES = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
OLE_TYPES = {"doc", "xls", "ppt"}

ACCEPTED = {
    ATTACHMENT: (*OFFICE_TYPES, *IMAGE_TYPES),
    DOCUMENT: (*OFFICE_TYPES, "csv"),
    IMAGE: IMAGE_TYPES,
    LOGO: IMAGE_TYPES,
    AVATAR: IMAGE_TYPES,
}
_LABELS = {
    ATTACHMENT: "PDF, Word, Excel, PowerPoint, OpenDocument, JPEG, PNG, GIF, WebP",
    DOCUMENT: "PDF, Word, Excel, PowerPoint, OpenDocument, CSV",
    IMAGE: "JPEG, PNG, GIF, WebP",
    LOGO: "JPEG, PNG, GIF, WebP",
    AVATAR: "JPEG, PNG, GIF, WebP",
}
# Other spellings of an extension that mean the same content.
_SAME_EXTENSION = {"jpeg": "jpg", "jpe": "jpg", "jfif": "jpg"}

# Extensions that run something when opened, or that a web server or browser executes or
# renders as a page. Refused anywhere in a name ("informe.pdf.exe", "foto.php.jpg").
DANGEROUS_EXTENSIONS = frozenset(
    """
    exe dll scr pif cpl msi msp msc bat cmd ps1 psm1 vbs vbe js jse mjs cjs wsf wsh hta
    lnk reg jar class apk dmg deb rpm sh bash zsh csh ksh elf so dylib
    py pyc pl rb php php3 php4 php5 php7 phtml phar asp aspx jsp jspx cgi html htm xhtml
    shtml svg svgz xml xsl swf docm xlsm pptm dotm xltm potm
    """.split()  # noqa: SIM905
)

# Programs, by their first bytes.
_PROGRAM_SIGNATURES = (
    b"MZ",  # Windows PE (exe, dll, scr)
    b"\x7fELF",  # Linux and Unix programs
    b"\xfe\xed\xfa\xce",  # Mach-O 32-bit
    b"\xfe\xed\xfa\xcf",  # Mach-O 64-bit
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal binaries and Java classes
    b"#!",  # shell, Python, Perl... scripts
    b"L\x00\x00\x00\x01\x14\x02\x00",  # Windows shortcuts (.lnk)
)
# Markup that browsers sniff as a page, or that runs as script inside an image.
_MARKUP = re.compile(
    rb"<\s*(?:script|html|body|head|iframe|frameset|object|embed|svg|meta|link|style|img|"
    rb"a\s+href|form|base|title|!doctype|\?php)[\s>/]|<\?php|javascript:",
    re.IGNORECASE,
)
# Browsers look at the first 512 bytes (some older ones at 1024) to decide if it is HTML.
_SNIFF_WINDOW = 1024
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names of the Office 97-2003 formats in a compound file (UTF-16LE).
_OLE_STREAMS = (
    ("doc", "WordDocument".encode("utf-16-le")),
    ("xls", "Workbook".encode("utf-16-le")),
    ("xls", "Book\x00".encode("utf-16-le")),
    ("ppt", "PowerPoint Document".encode("utf-16-le")),
)
_OLE_MACROS = "_VBA_PROJECT".encode("utf-16-le")
# The main part of each Office Open XML document.
_OOXML_MAIN_PARTS = (
    ("docx", "word/document.xml"),
    ("xlsx", "xl/workbook.xml"),
    ("pptx", "ppt/presentation.xml"),
)
# Archives, by their first bytes, as they may appear inside a document.
_ARCHIVE_SIGNATURES = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"MSCF",  # Windows cabinet
)


@dataclass(frozen=True)
class CheckedUpload:
    """What the content of an accepted upload turned out to be."""

    extension: str
    content_type: str
    safe_name: str


def accepted_label(kind: str) -> str:
    """The accepted types of a kind of upload, for help texts and messages."""
    return _LABELS[kind]


def accepted_extensions(kind: str) -> list[str]:
    """Extensions for the browser's file picker (a hint only; the server checks content)."""
    names = list(ACCEPTED[kind])
    if "jpg" in names:
        names.append("jpeg")
    return [f".{name}" for name in names]


def max_bytes(kind: str) -> int:
    return settings.UPLOAD_MAX_BYTES[kind]


def clean_file_name(name: str) -> str:
    """The last part of a name as a browser sent it, without directories, control or
    direction-changing characters (a right-to-left override makes "exe.pdf" of "fdp.exe")."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = "".join(ch for ch in name if unicodedata.category(ch) not in {"Cc", "Cf", "Zl", "Zp"})
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return name.strip().strip(".").strip()


def safe_file_name(name: str, extension: str, fallback: str = "archivo") -> str:
    """A stored name made of ASCII letters, digits and hyphens, with the extension found in
    the content: nothing of the original name can reach the file system but its words."""
    stem = clean_file_name(name)
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = slugify(stem)[:80].strip("-") or fallback
    return get_valid_filename(f"{stem}.{extension}")


def check_upload(upload, *, kind: str = ATTACHMENT) -> CheckedUpload:
    """Raise a translated ValidationError unless `upload` is an accepted, harmless file of
    this kind; otherwise return its type and a safe name. The file position is kept."""
    display = clean_file_name(upload.name) or _("The file")
    limit = max_bytes(kind)
    size = upload.size
    if size is not None and size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s). The maximum is %(limit)s.")
            % {"name": display, "size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        # Bounded by the size limit above; a little more in case `size` was not known.
        data = upload.read(limit + 1)
    finally:
        upload.seek(position)
    if len(data) > limit:
        raise ValidationError(
            _("“%(name)s” is too large. The maximum is %(limit)s.")
            % {"name": display, "limit": filesizeformat(limit)},
            code="too_large",
        )
    extension = _inspect(data, display, kind)
    return CheckedUpload(
        extension=extension,
        content_type=CONTENT_TYPES[extension],
        safe_name=safe_file_name(display, extension),
    )


# ---- The checks


def _refuse(message: str, code: str, **values) -> ValidationError:
    return ValidationError(message % values, code=code)


def _extensions(name: str) -> list[str]:
    parts = name.lower().split(".")
    return [part.strip() for part in parts[1:]] if len(parts) > 1 else []


def _check_name(name: str) -> None:
    for extension in _extensions(name):
        if extension in DANGEROUS_EXTENSIONS:
            raise _refuse(
                _(
                    "The name “%(name)s” contains the extension .%(extension)s, which is used "
                    "by programs and web pages. Rename the file so that it ends only in its "
                    "real type, for example informe.pdf."
                ),
                "dangerous_name",
                name=name,
                extension=extension,
            )


def _not_accepted(name: str, kind: str) -> ValidationError:
    return _refuse(
        _("“%(name)s” is not an accepted file type. Accepted: %(types)s."),
        "bad_type",
        name=name,
        types=accepted_label(kind),
    )


def _inspect(data: bytes, name: str, kind: str) -> str:
    head = data[:_SNIFF_WINDOW]
    if any(head.startswith(signature) for signature in _PROGRAM_SIGNATURES):
        raise _refuse(
            _("“%(name)s” is a program, not a document. Programs cannot be uploaded."),
            "program",
            name=name,
        )
    text_start = head.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n").lower()
    if text_start.startswith(b"<") and re.search(rb"<svg[\s>]", head, re.IGNORECASE):
        raise _refuse(
            _(
                "“%(name)s” is an SVG drawing. SVG files can carry scripts, so they are not "
                "accepted: export it as PNG instead."
            ),
            "svg",
            name=name,
        )
    _check_name(name)

    extension = _detect(data, name, kind)
    if extension is None or extension not in ACCEPTED[kind]:
        raise _not_accepted(name, kind)

    named = _extensions(name)
    if named:
        said = _SAME_EXTENSION.get(named[-1], named[-1])
        if said != extension:
            raise _refuse(
                _(
                    "The name of “%(name)s” does not match its content: it ends in .%(said)s "
                    "but the file is %(found)s. Rename it with the right extension or save it "
                    "again in the format its name says."
                ),
                "mismatch",
                name=name,
                said=named[-1],
                found=extension.upper(),
            )

    if extension in ZIP_TYPES:
        _check_archive(data, name, depth=0, budget=_ArchiveBudget())
        return extension
    if _MARKUP.search(head) or (extension in IMAGE_TYPES and _MARKUP.search(data)):
        raise _polyglot(name, _("HTML or script"))
    if extension == "csv":
        return extension
    if _is_zip(data):
        raise _polyglot(name, _("a ZIP archive"))
    if extension in OLE_TYPES and _OLE_MACROS in data:
        raise _macros(name)
    if extension in IMAGE_TYPES:
        _check_image(data, name, extension)
    return extension


def _polyglot(name: str, hidden) -> ValidationError:
    return _refuse(
        _(
            "“%(name)s” has %(hidden)s hidden inside it, so it cannot be accepted. Save or "
            "export the document again and upload the new copy."
        ),
        "polyglot",
        name=name,
        hidden=hidden,
    )


def _macros(name: str) -> ValidationError:
    return _refuse(
        _(
            "“%(name)s” contains macros, which can run programs on the computers of those who "
            "open it. Save it without macros (for example as .docx or .xlsx) and upload it again."
        ),
        "macros",
        name=name,
    )


def _damaged(name: str) -> ValidationError:
    return _refuse(
        _(
            "“%(name)s” is damaged or protected with a password and cannot be checked. Save it "
            "again without a password and upload the new copy."
        ),
        "damaged",
        name=name,
    )


def _detect(data: bytes, name: str, kind: str) -> str | None:
    """The accepted type the content really is, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(_CFB_MAGIC):
        return next((ext for ext, stream in _OLE_STREAMS if stream in data), None)
    if data.startswith(b"PK\x03\x04"):
        return _zip_document_type(data)
    if "csv" in ACCEPTED[kind] and _extensions(name)[-1:] == ["csv"]:
        return "csv" if _is_plain_text(data) else None
    return None


def _zip_document_type(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return next(
                    (ext for ext in ("odt", "ods", "odp") if CONTENT_TYPES[ext] == mimetype),
                    None,
                )
            if "[Content_Types].xml" in names:
                return next((ext for ext, part in _OOXML_MAIN_PARTS if part in names), None)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    return None


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text)
    return False


def _is_zip(data: bytes) -> bool:
    """True when a ZIP reader would open the file: its end of central directory is found
    (ZIP readers look from the end, so an archive appended to a PDF or an image opens)."""
    if b"PK\x05\x06" not in data[-(1 << 16) - 22 :]:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return False


# ---- Images


def _check_image(data: bytes, name: str, extension: str) -> None:
    max_pixels = settings.UPLOAD_IMAGE_MAX_PIXELS
    try:
        width, height = _image_size(data, extension)
    except (struct.error, ValueError, IndexError):
        width = height = None
    if width is not None and width * height > max_pixels:
        raise _too_many_pixels(name, width, height, max_pixels)
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise _too_many_pixels(name, width, height, max_pixels)
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:
        raise _too_many_pixels(name, 0, 0, max_pixels) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, struct.error) as error:
        raise _refuse(
            _("“%(name)s” is a damaged image and cannot be opened."), "damaged_image", name=name
        ) from error


def _too_many_pixels(name, width, height, max_pixels) -> ValidationError:
    if width and height:
        return _refuse(
            _(
                "“%(name)s” is too large an image (%(width)s × %(height)s pixels). At most "  # noqa: RUF001
                "%(megapixels)s million pixels are accepted: resize it and upload it again."
            ),
            "too_many_pixels",
            name=name,
            width=width,
            height=height,
            megapixels=max_pixels // 1_000_000,
        )
    return _refuse(
        _(
            "“%(name)s” is too large an image. At most %(megapixels)s million pixels are "
            "accepted: resize it and upload it again."
        ),
        "too_many_pixels",
        name=name,
        megapixels=max_pixels // 1_000_000,
    )


def _image_size(data: bytes, extension: str) -> tuple[int, int] | tuple[None, None]:
    """Width and height from the header alone, before Pillow allocates anything."""
    if extension == "png":
        return struct.unpack(">II", data[16:24])
    if extension == "gif":
        return struct.unpack("<HH", data[6:10])
    if extension == "webp":
        chunk = data[12:16]
        if chunk == b"VP8X":
            width = int.from_bytes(data[24:27], "little") + 1
            height = int.from_bytes(data[27:30], "little") + 1
            return width, height
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if chunk == b"VP8 ":
            width, height = struct.unpack("<HH", data[26:30])
            return width & 0x3FFF, height & 0x3FFF
        return None, None
    if extension == "jpg":
        offset = 2
        while offset + 9 < len(data):
            if data[offset] != 0xFF:
                return None, None
            marker = data[offset + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                offset += 2
                continue
            length = struct.unpack(">H", data[offset + 2 : offset + 4])[0]
            if marker in {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD}:
                height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
                return width, height
            offset += 2 + length
    return None, None


# ---- Archives (Office Open XML and OpenDocument files are ZIP containers)


class _ArchiveBudget:
    """What unpacking one upload may cost, shared by the documents embedded in it."""

    def __init__(self):
        self.bytes_left = settings.UPLOAD_ARCHIVE_MAX_UNCOMPRESSED_BYTES
        self.entries_left = settings.UPLOAD_ARCHIVE_MAX_ENTRIES


_CHUNK = 1 << 16
# Entries smaller than this are not judged by their compression ratio (tiny XML parts
# compress very well and harm no one).
_RATIO_FLOOR = 1 << 20
# Where Office keeps embedded objects (a chart's workbook inside a presentation).
_EMBEDDED_FOLDERS = ("word/embeddings/", "xl/embeddings/", "ppt/embeddings/")
# Compressed Windows metafiles (gzip inside): ordinary pictures of Office documents.
_COMPRESSED_PICTURES = (".emz", ".wmz")
# Where LibreOffice keeps macros in an OpenDocument file (the two index files of an empty
# macro library are harmless).
_ODF_MACRO_FOLDERS = ("basic/", "scripts/")
_ODF_MACRO_INDEXES = ("basic/script-lc.xml", "basic/dialog-lc.xml")
# Extensions of programs, refused as parts of a document (an Office file legitimately
# holds .xml, .bin, .svg... parts, so the name check of uploads does not apply here).
_PROGRAM_EXTENSIONS = frozenset(
    """
    exe dll com scr pif cpl msi msp bat cmd ps1 vbs vbe js jse wsf wsh hta lnk reg jar class
    apk app dmg sh elf so dylib
    """.split()  # noqa: SIM905
)


def _check_archive(data: bytes, name: str, *, depth: int, budget: _ArchiveBudget) -> None:
    max_ratio = settings.UPLOAD_ARCHIVE_MAX_RATIO
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise _damaged(name) from error
    with archive:
        entries = archive.infolist()
        budget.entries_left -= len(entries)
        if budget.entries_left < 0:
            raise _refuse(
                _(
                    "“%(name)s” is made of too many parts to be a document (at most "
                    "%(limit)s), so it cannot be accepted."
                ),
                "too_many_entries",
                name=name,
                limit=settings.UPLOAD_ARCHIVE_MAX_ENTRIES,
            )
        for entry in entries:
            _check_entry_name(entry, name)
            if entry.is_dir():
                continue
            if entry.file_size > budget.bytes_left:
                raise _bomb(name)
            ratio_too_high = entry.file_size > max_ratio * max(entry.compress_size, 1)
            if entry.file_size > _RATIO_FLOOR and ratio_too_high:
                raise _bomb(name)
            lowered = entry.filename.lower()
            content = _read_entry(archive, entry, name, budget)
            if any(content.startswith(sig) for sig in _PROGRAM_SIGNATURES[:-2]):
                raise _polyglot(name, _("a program"))
            if content.startswith(b"\x1f\x8b") and lowered.endswith(_COMPRESSED_PICTURES):
                _unpack_gzip(content, name, budget)
            elif any(content.startswith(sig) for sig in _ARCHIVE_SIGNATURES):
                _check_nested(content, name, lowered, depth=depth, budget=budget)
        total = sum(entry.file_size for entry in entries)
        if total > _RATIO_FLOOR and total > max_ratio * max(len(data), 1):
            raise _bomb(name)


def _check_entry_name(entry, name: str) -> None:
    entry_name = entry.filename
    path = PurePosixPath(entry_name.replace("\\", "/"))
    if entry_name.startswith(("/", "\\")) or ".." in path.parts or ":" in entry_name:
        raise _damaged(name)
    if entry.flag_bits & 0x1:  # encrypted
        raise _damaged(name)
    lowered = entry_name.lower()
    odf_macro = lowered.startswith(_ODF_MACRO_FOLDERS) and lowered not in _ODF_MACRO_INDEXES
    if lowered.endswith("vbaproject.bin") or (odf_macro and not entry.is_dir()):
        raise _macros(name)
    extensions = _extensions(path.name)
    if extensions and extensions[-1] in _PROGRAM_EXTENSIONS:
        raise _polyglot(name, _("a program"))


def _read_entry(archive, entry, name: str, budget: _ArchiveBudget) -> bytes:
    """Unpack one entry within the budget; return its first bytes (to look for archives
    or programs inside), or all of it when it may be an embedded document or picture."""
    lowered = entry.filename.lower()
    keep_all = lowered.startswith(_EMBEDDED_FOLDERS) or lowered.endswith(_COMPRESSED_PICTURES)
    kept = bytearray()
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                budget.bytes_left -= len(chunk)
                if budget.bytes_left < 0:
                    raise _bomb(name)
                if keep_all:
                    kept += chunk
                elif len(kept) < 16:
                    kept += chunk[: 16 - len(kept)]
    except ValidationError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        # Bad CRC, a size that lies, an unknown compression method or a password.
        raise _damaged(name) from error
    return bytes(kept)


def _unpack_gzip(content: bytes, name: str, budget: _ArchiveBudget) -> None:
    unpacker = zlib.decompressobj(wbits=31)
    pending = content
    try:
        while pending and not unpacker.eof:
            chunk = unpacker.decompress(pending, _CHUNK)
            budget.bytes_left -= len(chunk)
            if budget.bytes_left < 0:
                raise _bomb(name)
            pending = unpacker.unconsumed_tail
    except zlib.error as error:
        raise _damaged(name) from error


def _check_nested(content, name, lowered, *, depth, budget) -> None:
    embedded = lowered.startswith(_EMBEDDED_FOLDERS)
    kind = _zip_document_type(content) if content.startswith(b"PK\x03\x04") else None
    if embedded and depth == 0 and kind in ZIP_TYPES:
        _check_archive(content, name, depth=depth + 1, budget=budget)
        return
    raise _refuse(
        _(
            "“%(name)s” contains another archive (%(entry)s). Documents with archives "
            "inside are not accepted: upload the files separately."
        ),
        "nested_archive",
        name=name,
        entry=PurePosixPath(lowered).name,
    )


def _bomb(name: str) -> ValidationError:
    return _refuse(
        _(
            "“%(name)s” unpacks into far more data than a document holds (at most %(limit)s), "
            "so it cannot be accepted."
        ),
        "archive_bomb",
        name=name,
        limit=filesizeformat(settings.UPLOAD_ARCHIVE_MAX_UNCOMPRESSED_BYTES),
    )
