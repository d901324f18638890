"""What every public form (anyone may send it: the open call, the contact form) has."""

from django import forms
from django.utils.translation import gettext_lazy as _


def honeypot_field() -> forms.CharField:
    """The honeypot of a public form: hidden from people by CSS, filled in by spam robots.
    Declare it as `fax_number` (PublicFormMixin.HONEYPOT_FIELD)."""
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


class PublicFormMixin:
    """A form anyone can send (the open call, the contact form): labels without a colon and
    a honeypot against spam robots."""

    HONEYPOT_FIELD = "fax_number"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def is_spam(self) -> bool:
        """True when the honeypot was filled in (works before or without is_valid())."""
        return bool(self.data.get(self.HONEYPOT_FIELD, "").strip())
