"""The form of “we applied this”: a member reports on a lesson's page that their institution applied
it. The report goes to the facilitators' review (services.application_report); once
approved it is shown on the lesson's page, counted on its cards and listed on the
district pages (selectors.applications_visible_to).
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.places import DistrictMultipleChoiceField

from . import services
from .models import LessonApplication

FIRST_DATE_YEAR = 1990


def _model_field(name: str, **overrides):
    return LessonApplication._meta.get_field(name).formfield(**overrides)


class ApplicationForm(forms.Form):
    districts = DistrictMultipleChoiceField(
        label=_("Where did you apply it?"),
        required=True,
        help_text=_("The districts where your institution applied the lesson."),
        error_messages={"required": _("Choose at least one district.")},
    )
    started_on = forms.DateField(
        label=_("Since when?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Say when you started applying it."),
            "invalid": _("Give a date as day, month and year."),
        },
    )
    ended_on = forms.DateField(
        label=_("Until when? (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave it empty if you are still applying it."),
        error_messages={"invalid": _("Give a date as day, month and year.")},
    )
    adapted = _model_field(
        "adapted",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what you adapted to your institution and place.")},
    )
    results = _model_field(
        "results",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what happened when you applied it.")},
    )
    shortcomings = _model_field("shortcomings", widget=forms.Textarea(attrs={"rows": 3}))
    evidence_url = forms.URLField(
        label=_("Link to evidence (optional)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=LessonApplication._meta.get_field("evidence_url").help_text,
    )
    cui = _model_field("cui", label=_("CUI of a public investment (optional)"))

    def clean_evidence_url(self):
        url = self.cleaned_data["evidence_url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Give a link starting with http:// or https://."))
        return url

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("started_on"), cleaned.get("ended_on")
        today = timezone.localdate()
        if start and (start.year < FIRST_DATE_YEAR or start > today):
            self.add_error("started_on", _("Give a date between 1990 and today."))
        if end and end > today:
            self.add_error("ended_on", _("The end date cannot be in the future."))
        if start and end and end < start:
            self.add_error("ended_on", _("The end date cannot be before the start date."))
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "fields": {name: data.get(name) for name in services.APPLICATION_FIELDS},
            "districts": list(data["districts"]),
        }
