"""The commitments register's facets (GET) and the members' forms: a report of status and
progress with evidence, and a confirmation or contest of a report."""

from django import forms
from django.db.models import Count, Exists, F, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members import uploads
from members.faceted import (
    ChoiceFacet,
    Facet,
    FacetedFilterSet,
    FlagFacet,
    InstitutionFacet,
    Option,
    links_of,
    narrow_through_links,
)
from members.models import District, Sector
from themes.filters import ThemeFacet

from .models import (
    OPEN_COMMITMENT_STATUSES,
    CommitmentMilestone,
    CommitmentSource,
    CommitmentStatus,
    CommitmentVerdict,
    Verdict,
    cui_validator,
)

CONFIRMED = "confirmed"
CONTESTED = "contested"


class DistrictFacet(Facet):
    """The districts a commitment is tied to, by slug."""

    field_class = forms.SlugField

    def __init__(self, field_name=None, **kwargs):
        super().__init__(field_name, label=_("District"), max_length=60, **kwargs)

    def filter(self, queryset, value):
        return narrow_through_links(
            queryset, self.field_name, District.objects.filter(slug=value).first()
        )

    def count(self, scope):
        links, target = links_of(scope, self.field_name)
        rows = links.order_by().values(f"{target}__slug", f"{target}__name").annotate(n=Count("pk"))
        return sorted(
            rows.values_list(f"{target}__slug", f"{target}__name", "n"), key=lambda r: r[1]
        )

    def options(self, counts, value):
        options = [Option(slug, name, n, self.is_chosen(value, slug)) for slug, name, n in counts]
        if value and not any(option.selected for option in options):
            options.insert(0, Option(value, value, 0, True))
        return options


class OverdueFacet(FlagFacet):
    def _overdue(self, queryset):
        return queryset.filter(
            status__in=OPEN_COMMITMENT_STATUSES, due_date__lt=timezone.localdate()
        )

    def filter(self, queryset, value):
        return self._overdue(queryset) if value else queryset

    def count(self, scope):
        return self._overdue(scope).count()

    def column(self):
        # Not a column of the row: counted on its own, not in the shared grouping.
        return None


def _has_verdict(kind: str) -> Exists:
    return Exists(CommitmentVerdict.objects.filter(update__commitment=OuterRef("pk"), verdict=kind))


class VerificationFacet(ChoiceFacet):
    """Whether other sectors confirmed or contested a report of the commitment."""

    def column(self):
        # Not a column of the row: counted on its own, not in the shared grouping.
        return None

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Checked by other sectors"),
            choices=[(CONFIRMED, Verdict.CONFIRM.label), (CONTESTED, Verdict.CONTEST.label)],
            **kwargs,
        )

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(
            _has_verdict(Verdict.CONFIRM if value == CONFIRMED else Verdict.CONTEST)
        )

    def count(self, scope):
        return {
            CONFIRMED: scope.filter(_has_verdict(Verdict.CONFIRM)).count(),
            CONTESTED: scope.filter(_has_verdict(Verdict.CONTEST)).count(),
        }


class CommitmentFilterSet(FacetedFilterSet):
    """The register's facets, in the order of its sidebar."""

    status = ChoiceFacet(
        label=_("Status"), choices=CommitmentStatus.choices, all_label=_("All statuses")
    )
    overdue = OverdueFacet(label=_("Overdue"), active_label=_("Overdue only"), required=False)
    theme = ThemeFacet("themes", all_label=_("All themes"))
    sector = ChoiceFacet(
        "responsible_institution__sector",
        label=_("Sector of the responsible institution"),
        choices=Sector.choices,
        all_label=_("All sectors"),
    )
    institution = InstitutionFacet("responsible_institution", all_label=_("All institutions"))
    district = DistrictFacet("districts", all_label=_("All districts"))
    source = ChoiceFacet(
        label=_("Source"), choices=CommitmentSource.choices, all_label=_("All sources")
    )
    checked = VerificationFacet(all_label=_("Any"))

    sort_choices = [
        ("due", _("Due date (soonest first)")),
        ("recent", _("Most recently updated")),
    ]
    orderings = {
        "due": ("due_date", "pk"),
        "recent": (F("last_change_at").desc(nulls_last=True), "-pk"),
    }
    default_sort = "due"


class EvidenceForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    url = forms.URLField(
        label=_("Link to evidence"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("A page that shows it: a news item, a public record, a report."),
    )
    cui = forms.CharField(
        label=_("CUI of a public investment"),
        max_length=7,
        required=False,
        validators=[cui_validator],
        help_text=_("The Código Único de Inversiones: 7 digits. We link to its public record."),
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("Give a link starting with http:// or https://."))
        return url

    def evidence(self) -> dict:
        """The note and evidence given, as the services take them (keyword arguments)."""
        return {name: self.cleaned_data[name] for name in ("note", "url", "cui")}

    def _checked_upload(self, name: str, kind):
        """An uploaded file of the form, through the portal's upload checks."""
        upload = self.cleaned_data.get(name)
        if upload:
            uploads.check_upload(upload, kind=kind)
        return upload


class CommitmentReportForm(EvidenceForm):
    status = forms.ChoiceField(label=_("Status"), choices=CommitmentStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(uploads.accepted_extensions(uploads.IMAGE))}
        ),
        help_text=_("JPEG, PNG, GIF or WebP."),
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("A report, minutes or record; it is added to the Community's library."),
    )
    milestones = forms.ModelMultipleChoiceField(
        label=_("Milestones reached"),
        queryset=CommitmentMilestone.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Marked as reached today."),
    )
    field_order = ["status", "progress", "milestones", "note", "url", "cui", "photo", "document"]

    def __init__(self, *args, commitment=None, **kwargs):
        super().__init__(*args, **kwargs)
        pending = (
            commitment.milestones.filter(reached_on__isnull=True).order_by("planned_on", "pk")
            if commitment is not None
            else CommitmentMilestone.objects.none()
        )
        if commitment is None or not pending.exists():
            del self.fields["milestones"]
        else:
            self.fields["milestones"].queryset = pending
            self.fields["milestones"].label_from_instance = _milestone_label

    def clean_photo(self):
        return self._checked_upload("photo", uploads.IMAGE)

    def clean_document(self):
        return self._checked_upload("document", uploads.ATTACHMENT)


def _milestone_label(milestone) -> str:
    return _("%(title)s (planned for %(date)s)") % {
        "title": milestone.title,
        "date": date_format(milestone.planned_on, "DATE_FORMAT"),
    }


class VerdictForm(EvidenceForm):
    verdict = forms.ChoiceField(
        label=_("Your institution's verdict"),
        choices=[(Verdict.CONFIRM, _("Confirm")), (Verdict.CONTEST, _("Contest"))],
        widget=forms.RadioSelect,
    )
    field_order = ["verdict", "note", "url", "cui"]
