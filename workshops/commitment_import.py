"""The CSV of the facilitators' bulk update of commitments: reading an uploaded file into
rows of text (Excel's ways of writing one: UTF-8 with or without BOM, semicolons or
commas) and writing the template with the open commitments. What a row means, and whether
it may be applied, is decided by `services.commitment_bulk_plan`."""

import csv
import io
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members.exports import BYTE_ORDER_MARK, neutralise

MAX_BYTES = 1024 * 1024
MAX_ROWS = 1000

# The columns read, by the field they fill: the template's Spanish heading first, then
# the other headings accepted (English, without accents or underscores).
COLUMNS = {
    "id": ("id", "commitment id", "id del compromiso"),
    "status": ("estado", "status"),
    "progress": ("avance", "avance (%)", "progress", "progress (%)"),
    "institution": (
        "institucion_que_informa",
        "institucion que informa",
        "reporting institution",
        "reporting_institution",
        "institution",
        "institucion",
    ),
    "note": ("nota", "note"),
    "url": ("enlace", "link", "url"),
    "cui": ("cui",),
}
# Written in the template to recognise each commitment; ignored when read.
CONTEXT_COLUMNS = ("compromiso", "institucion_responsable", "vence")
TEMPLATE_COLUMNS = (
    "id",
    *CONTEXT_COLUMNS,
    "estado",
    "avance",
    "institucion_que_informa",
    "nota",
    "enlace",
    "cui",
)


def _heading(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lstrip("\ufeff").casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


HEADINGS = {_heading(alias): key for key, aliases in COLUMNS.items() for alias in aliases}


def read_rows(upload) -> list[dict]:
    """The rows of an uploaded CSV as dicts of text keyed by COLUMNS (and `line`, the line
    in the file). Raises ValidationError with a message a person can act on."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large: 1 MB at most."))
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not in UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”.")
        ) from error
    if "\x00" in text:
        raise ValidationError(_("This is not a CSV file."))
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError(_("The file is empty."))
    first = lines[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headings = next(reader)
        keys = [HEADINGS.get(_heading(heading)) for heading in headings]
        if "id" not in keys:
            raise ValidationError(
                _("The first line must name the columns, among them “id” (the commitment).")
            )
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_ROWS:
                raise ValidationError(
                    _("Too many rows: %(max)s at most per file.") % {"max": MAX_ROWS}
                )
            row = {"line": reader.line_num}
            for key, cell in zip(keys, record, strict=False):
                if key:
                    row[key] = cell.strip()
            rows.append(row)
    except csv.Error as error:
        raise ValidationError(
            _("The file could not be read as CSV: %(error)s") % {"error": error}
        ) from error
    if not rows:
        raise ValidationError(_("The file has no rows under its headings."))
    return rows


def template_csv(commitments) -> str:
    """The open commitments as a CSV to fill in (semicolons, with a BOM: Excel opens it
    as it is in Spanish-speaking countries)."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    for commitment in commitments:
        writer.writerow(
            [
                commitment.pk,
                neutralise(commitment.description),
                neutralise(commitment.responsible_institution.name),
                commitment.due_date.isoformat(),
                commitment.get_status_display(),
                commitment.progress,
                "",
                "",
                "",
                "",
            ]
        )
    return buffer.getvalue()
