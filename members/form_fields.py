"""Form fields that turn impossible keys into form errors, in every form of the site.

Django's ``ModelMultipleChoiceField`` sends the submitted keys to the database as they
are: a key beyond the column's integer range (``99999999999999999999999``) raises
``OverflowError`` on SQLite and "integer out of range" on PostgreSQL — a 500 instead of
"select a valid choice". Our forms and Wagtail's admin forms all use that field, so the
check is added to the field class itself, once, when the members app is ready.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router

_original_check_values = forms.ModelMultipleChoiceField._check_values


def _key_range(field) -> tuple[int | None, int | None]:
    model = field.queryset.model
    key = field.to_field_name or "pk"
    model_field = model._meta.pk if key == "pk" else model._meta.get_field(key)
    connection = connections[router.db_for_read(model)]
    return connection.ops.integer_field_range(model_field.get_internal_type())


def _check_values_in_range(self, value):
    low, high = _key_range(self)
    if low is not None or high is not None:
        for item in value:
            try:
                number = int(str(item).strip())
            except ValueError:
                continue  # not a number at all: Django's own checks say so
            if (low is not None and number < low) or (high is not None and number > high):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
    return _original_check_values(self, value)


def refuse_out_of_range_keys() -> None:
    forms.ModelMultipleChoiceField._check_values = _check_values_in_range
