"""Spreadsheets (CSV and XLSX) that open correctly in Excel and cannot attack it.

Every export of the portal is made with Wagtail's `SpreadsheetExportMixin`: the listing
exports of our viewsets, our own views (the participant list of a workshop) and Wagtail's
reports (site history, page reports). `spreadsheets_for_excel` (called once at start) makes
all of them as below; our views also mix `SpreadsheetExportMixin` of this module in, for
the labels of choices.

- UTF-8 with a byte order mark: Excel reads "Participación" instead of "ParticipaciÃ³n".
- Human values: the label of a choice ("Lección", "Mariscal Nieto"), "Sí"/"No" for
  booleans, dates and times on the wall clock of Lima.
- Formula injection (OWASP "CSV Injection"): a cell starting with =, +, -, @, a tab or a
  carriage return would be run by the spreadsheet as a formula; it is written with a
  leading single quote, so it is shown as the text it is. XLSX cells are stored as strings.
"""

import datetime
from functools import partial, wraps

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailSpreadsheetExportMixin

BYTE_ORDER_MARK = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value a spreadsheet shows as text: a leading quote before a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def yes_no(value) -> str:
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def lima_text(value) -> str:
    """A date and time (or a date) as text, as facilitators read it in Lima."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def lima_naive(value):
    """For XLSX cells, which hold no time zone: the wall-clock time in Lima."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def human_value(value, export_format):
    """Booleans, dates and times as a person in Lima reads them, in either format;
    numbers stay numbers (XLSX cells keep them as such)."""
    if isinstance(value, bool) or value is None:
        return yes_no(value)
    if isinstance(value, datetime.date):
        if export_format == WagtailSpreadsheetExportMixin.FORMAT_XLSX:
            return lima_naive(value)
        return lima_text(value)
    if isinstance(value, list | tuple):
        return ", ".join(force_str(item) for item in value)
    return force_str(value, strings_only=True)


class SpreadsheetExportMixin(WagtailSpreadsheetExportMixin):
    """Wagtail's export with labels: put it before Wagtail's views in the bases of ours.

    A field with choices exports its label ("Lección aprendida", not "lesson"). The rest
    (byte order mark, "Sí"/"No", Lima times, no formulas) `spreadsheets_for_excel` gives
    every export, Wagtail's own reports included."""

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        meta = getattr(item, "_meta", None)
        for field_name in row:
            if meta is None or "." in field_name:
                continue
            try:
                field = meta.get_field(field_name)
            except FieldDoesNotExist:
                continue
            if getattr(field, "choices", None) and not getattr(field, "many_to_many", False):
                row[field_name] = getattr(item, f"get_{field_name}_display")()
        return row


def _get_preprocess_function(self, field, value, export_format):
    custom = self.custom_field_preprocess.get(field, {})
    if export_format in custom:
        return custom[export_format]
    return partial(human_value, export_format=export_format)


def _write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def _stream_csv_with_bom(stream_csv):
    @wraps(stream_csv)
    def stream(self, queryset):
        yield BYTE_ORDER_MARK
        yield from stream_csv(self, queryset)

    return stream


def spreadsheets_for_excel():
    """Every export made with Wagtail's `SpreadsheetExportMixin` (its reports, our
    listings, the participant list) starts with a byte order mark, writes "Sí"/"No" and
    Lima times, and neutralises formulas. Wagtail offers no setting for any of it, so
    its methods are replaced here, once, at start (MembersConfig.ready)."""
    base = WagtailSpreadsheetExportMixin
    if getattr(base, "_spreadsheets_for_excel", False):
        return
    base.get_preprocess_function = _get_preprocess_function
    base.write_csv_row = _write_csv_row
    base.stream_csv = _stream_csv_with_bom(base.stream_csv)
    base._spreadsheets_for_excel = True
