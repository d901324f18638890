"""Form fields that turn impossible keys into form errors, in every form of the site.

Two library classes are corrected here, once, when the members app is ready (subclasses
would miss Wagtail's own forms):

Django's ``ModelMultipleChoiceField`` sends the submitted keys to the database as they
are: a key beyond the column's integer range (``99999999999999999999999``) raises
``OverflowError`` on SQLite and "integer out of range" on PostgreSQL — a 500 instead of
"select a valid choice". Our forms and Wagtail's admin forms all use that field, so the
check is added to the field class itself.

modelcluster's formsets (every inline panel of Wagtail's admin forms: a workshop's agenda
and materials, pages' inlines) read the id of each existing row from the submitted data
without looking: a form that says it has existing rows and leaves out their ids, or
sends an id that is not a number, raised KeyError/ValidationError (500). Django's own
model formsets treat such a row as a new one, and so do these now.

Wagtail's choosers (a resource's document, a material's file, any page or snippet chooser)
look up the value they were sent when a refused form is shown again: a value that is not
an id ("a\x00b") raised ValueError there (500) instead of showing the form with its error.
Such a value now shows an empty chooser.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router
from modelcluster.forms import BaseTransientModelFormSet
from wagtail.admin.widgets.chooser import BaseChooser

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


def _submitted_key(formset, i):
    """The id of the i-th existing row as sent, or None when it is missing or not an id."""
    raw = formset.data.get(f"{formset.add_prefix(i)}-{formset.model._meta.pk.name}", "")
    if raw in ("", None):
        return None
    try:
        return formset._get_to_python(formset.model._meta.pk)(raw)
    except ValidationError:
        return None


def _construct_form_of_sent_rows(self, i, **kwargs):
    # modelcluster's _construct_form, reading the ids as Django's model formsets do.
    if self.is_bound and i < self.initial_form_count():
        key = _submitted_key(self, i)
        kwargs["instance"] = self.model() if key is None else self._existing_object(key)
    if i < self.initial_form_count() and "instance" not in kwargs:
        kwargs["instance"] = self.get_queryset()[i]
    extra = i - self.initial_form_count()
    if extra >= 0 and self.initial_extra and extra < len(self.initial_extra):
        kwargs["initial"] = self.initial_extra[extra]
    return super(forms.BaseModelFormSet, self)._construct_form(i, **kwargs)


def refuse_tampered_inline_rows() -> None:
    BaseTransientModelFormSet._construct_form = _construct_form_of_sent_rows


_original_get_instance = BaseChooser.get_instance


def _get_instance_or_none(self, value):
    try:
        return _original_get_instance(self, value)
    except (ValueError, TypeError, OverflowError, ValidationError):
        return None  # not an id at all: the form says why, the chooser shows nothing


def show_choosers_of_refused_values_empty() -> None:
    BaseChooser.get_instance = _get_instance_or_none
