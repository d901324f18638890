"""The library's forms: the facets of the list (GET) and the members' proposal form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from members import uploads
from members.faceted import (
    RELEVANCE_CHOICE,
    ChoiceFacet,
    DistrictFacet,
    FacetedFilterSet,
    InstitutionFacet,
    ProvinceFacet,
    YearFacet,
)
from members.models import Institution
from themes.filters import ThemeFacet
from themes.forms import ACCEPT_ATTRIBUTE, MAX_TAGS, parse_tags, with_existing_spelling
from themes.models import Theme, Visibility

from .library import FIRST_YEAR, LAST_YEAR, ResourceKind, http_only


class ResourceFilterSet(FacetedFilterSet):
    """The library's facets, in the order of its sidebar."""

    theme = ThemeFacet("themes", all_label=_("All themes"))
    kind = ChoiceFacet(label=_("Kind"), choices=ResourceKind.choices, all_label=_("All kinds"))
    year = YearFacet(
        label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, all_label=_("Any year")
    )
    institution = InstitutionFacet("institutions", all_label=_("All institutions"))
    language = ChoiceFacet(
        label=_("Language"), choices=settings.LANGUAGES, all_label=_("All languages")
    )
    province = ProvinceFacet(label=_("Province"), all_label=_("All provinces"))
    district = DistrictFacet(label=_("District"), all_label=_("All districts"))

    sort_choices = [
        ("newest", _("Most recent first")),
        ("title", _("Title (A to Z)")),
        RELEVANCE_CHOICE,
    ]
    orderings = {
        "newest": (F("year").desc(nulls_last=True), F("first_published_at").desc(), "-pk"),
        "title": (Lower("title"), "pk"),
    }


class ResourceProposalForm(forms.Form):
    """A member proposes a resource for the library: a file, a link, or a description only."""

    title = forms.CharField(label=_("Title"), max_length=250)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What it is about and why it is useful to the Community, in a few sentences."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("order"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Author institutions"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Institutions of the Community that wrote or published it."),
    )
    other_authors = forms.CharField(
        label=_("Other authors"),
        max_length=300,
        required=False,
        help_text=_(
            "People or organisations outside the Community's directory, "
            "e.g. Ministerio de Energía y Minas."
        ),
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=600,
        required=False,
        help_text=_("Separated by commas, e.g. canon minero, transparencia."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_("%(types)s; at most %(size)s.")
        % {
            "types": uploads.accepted_label(uploads.ATTACHMENT),
            "size": filesizeformat(uploads.max_bytes(uploads.ATTACHMENT)),
        },
    )
    external_url = forms.URLField(
        label=_("Or a link to where it is published"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[http_only],
        help_text=_("Leave both empty if you only describe a document the portal cannot hold."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it once published"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.institution_id and not self.is_bound:
            self.initial.setdefault("institutions", [user.institution_id])

    def clean_tags(self):
        tags, errors = parse_tags(self.cleaned_data["tags"])
        if len(tags) > MAX_TAGS:
            errors.append(_("At most %(count)s tags.") % {"count": MAX_TAGS})
        if errors:
            raise ValidationError(errors)
        return with_existing_spelling(tags)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            uploads.check_upload(upload, kind=uploads.ATTACHMENT)
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("file") and cleaned.get("external_url"):
            self.add_error("external_url", _("Give a file or a link, not both."))
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "fields": {
                "title": data["title"].strip(),
                "kind": data["kind"],
                "summary": data["summary"].strip(),
                "other_authors": data["other_authors"].strip(),
                "year": data["year"],
                "language": data["language"],
                "external_url": data["external_url"],
                "visibility": data["visibility"],
            },
            "themes": list(data["themes"]),
            "institutions": list(data["institutions"]),
            "tags": data["tags"],
            "upload": data.get("file") or None,
        }
