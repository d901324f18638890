from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import District
from members.places import DistrictCheckboxes

from .selectors import lessons_to_cite


class SolutionForm(forms.Form):
    title = forms.CharField(
        label=_("The solution, in a sentence"),
        max_length=200,
        help_text=_("E.g. “Publish the progress of every canon-funded work each month”."),
    )
    description = forms.CharField(
        label=_("What it is and how it fills a missing piece"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    who_acts = forms.CharField(
        label=_("Who would act"),
        max_length=300,
        help_text=_("Institutions or roles that would carry it out."),
    )
    lessons = forms.ModelMultipleChoiceField(
        label=_("Lessons that support it"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts"),
        queryset=District.objects.select_related("province").order_by("ubigeo"),
        required=False,
        widget=DistrictCheckboxes,
    )

    def __init__(self, *args, user, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lessons"].queryset = lessons_to_cite(user, round_)
