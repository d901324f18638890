"""Spreadsheets (CSV and XLSX) that open correctly in Excel and cannot attack it.

Every export of the portal goes through here: the Wagtail listing exports of our viewsets
and our own views (the participant list of a workshop) mix `SpreadsheetExportMixin` in,
and `neutralise_wagtail_exports` (called once at start) makes Wagtail's own reports (site
history, page reports) neutralise formulas too.

- UTF-8 with a byte order mark: Excel reads "Participación" instead of "ParticipaciÃ³n".
- Human values: the label of a choice ("Lección", "Mariscal Nieto"), "Sí"/"No" for
  booleans, dates and times on the wall clock of Lima.
- Formula injection (OWASP "CSV Injection"): a cell starting with =, +, -, @, a tab or a
  carriage return would be run by the spreadsheet as a formula; it is written with a
  leading single quote, so it is shown as the text it is. XLSX cells are stored as strings.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailSpreadsheetExportMixin

LIMA = ZoneInfo(settings.TIME_ZONE)

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
            value = timezone.localtime(value, LIMA)
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def lima_naive(value):
    """For XLSX cells, which hold no time zone: the wall-clock time in Lima."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value, LIMA).replace(tzinfo=None)
    return value


def human_value(value, export_format):
    """Booleans, dates and times as a person in Lima reads them, in either format."""
    if isinstance(value, bool) or value is None:
        return yes_no(value)
    if isinstance(value, datetime.date):
        if export_format == WagtailSpreadsheetExportMixin.FORMAT_XLSX:
            return lima_naive(value)
        return lima_text(value)
    if isinstance(value, list | tuple):
        return ", ".join(force_str(item) for item in value)
    return force_str(value)


class SpreadsheetExportMixin(WagtailSpreadsheetExportMixin):
    """Wagtail's export, in Spanish: put it before Wagtail's views in the bases.

    Fields with choices export their label, booleans "Sí"/"No", dates and times Lima's
    wall clock (also for fields named with `get_FOO_display` or a callable)."""

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

    def get_preprocess_function(self, field, value, export_format):
        custom = self.custom_field_preprocess.get(field, {})
        if export_format in custom:
            return custom[export_format]
        return lambda value: human_value(value, export_format)

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)


def _neutralised_write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
            for field, value in row_dict.items()
        }
    )


def neutralise_wagtail_exports():
    """Every CSV written by Wagtail's export (its reports and our viewsets) neutralises
    formulas. Wagtail offers no setting for it, so its row writer is replaced, once."""
    WagtailSpreadsheetExportMixin.write_csv_row = _neutralised_write_csv_row
