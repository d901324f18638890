"""The GET form of the workshops list: period, theme, modality and district.

Every field is optional; a value that is not valid (a theme that does not exist, a made-up
modality) is reported by the form and ignored, so an edited address never breaks the page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.places import by_province

from .models import Modality

PERIOD_UPCOMING = "proximos"
PERIOD_PAST = "pasados"


class WorkshopFilterForm(forms.Form):
    periodo = forms.ChoiceField(
        label=_("When"),
        choices=[(PERIOD_UPCOMING, _("Upcoming workshops")), (PERIOD_PAST, _("Past workshops"))],
        required=False,
    )
    tema = forms.ChoiceField(label=_("Theme"), required=False)
    modalidad = forms.ChoiceField(
        label=_("Modality"),
        choices=[("", _("All modalities")), *Modality.choices],
        required=False,
    )
    distrito = forms.ChoiceField(
        label=_("District"),
        required=False,
        widget=forms.Select(attrs={"id": "filter-distrito"}),
    )

    def __init__(self, data=None, *, themes, districts=()):
        super().__init__(data)
        self.themes_by_slug = {theme.slug: theme for theme in themes}
        self.fields["tema"].choices = [
            ("", _("All themes")),
            *[(theme.slug, theme.name) for theme in themes],
        ]
        self.districts_by_slug = {district.slug: district for district in districts}
        self.fields["distrito"].choices = [
            ("", _("All districts")),
            *[
                (province.name, [(d.slug, d.name) for d in members])
                for province, members in by_province(districts)
            ],
        ]
        self.is_valid()

    def _value(self, name: str) -> str:
        return self.cleaned_data.get(name) or ""

    @property
    def period(self) -> str:
        return PERIOD_PAST if self._value("periodo") == PERIOD_PAST else PERIOD_UPCOMING

    @property
    def theme(self):
        return self.themes_by_slug.get(self._value("tema"))

    @property
    def district(self):
        return self.districts_by_slug.get(self._value("distrito"))

    @property
    def modality(self) -> str:
        return self._value("modalidad")

    @property
    def is_past(self) -> bool:
        return self.period == PERIOD_PAST
