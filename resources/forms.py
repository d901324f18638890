"""The library's forms: the filters of the list (GET) and the members' proposal form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from members import uploads
from members.models import Institution
from themes.forms import ACCEPT_ATTRIBUTE, MAX_TAGS, parse_tags, with_existing_spelling
from themes.models import Theme, Visibility

from .library import FIRST_YEAR, LAST_YEAR, ResourceKind, http_only
from .selectors import FILTER_NAMES, SORT_CHOICES, SORT_NEWEST, SORT_RELEVANCE


class ResourceFilterForm(forms.Form):
    """The GET form of the library. All fields optional; invalid ones are ignored."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    theme = forms.SlugField(label=_("Theme"), max_length=80, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All")), *ResourceKind.choices], required=False
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False
    )
    institution = forms.IntegerField(
        label=_("Institution"), min_value=1, max_value=2**53, required=False
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("All")), *settings.LANGUAGES], required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)

    def __init__(self, data=None, *, themes: list[Theme]):
        super().__init__(data)
        self.themes = themes

    def clean_theme(self):
        slug = self.cleaned_data["theme"]
        if not slug:
            return None
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise ValidationError(_("There is no theme with this name."), code="unknown_theme")

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    @property
    def filters(self) -> dict:
        """The valid, non-empty filters (invalid ones are left out of cleaned_data)."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in FILTER_NAMES
            if self.cleaned_data.get(name) not in (None, "")
        }

    @property
    def query(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("q") or ""

    @property
    def ordering(self) -> str:
        """The chosen sort; relevance only when searching, and by default then."""
        self.is_valid()
        sort = self.cleaned_data.get("sort") or ""
        if sort == SORT_RELEVANCE and not self.query:
            sort = ""
        return sort or (SORT_RELEVANCE if self.query else SORT_NEWEST)


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
