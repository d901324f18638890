"""Forms of the facilitators' side of workshops in the Wagtail admin."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from members.models import Institution, Sector
from members.selectors import facilitators

from .models import (
    CommitmentStatus,
    CommitmentVerdict,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)


class WorkshopAdminForm(WagtailAdminModelForm):
    """The workshop form. Validation of the workshop itself lives in `Workshop.clean()`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].label = _("Address on the portal")
            self.fields["slug"].help_text = _(
                "The workshop's address on the portal. Left empty, it is made from the title "
                "and the date."
            )
        if "facilitators" in self.fields:
            chosen = list(instance.facilitators.values_list("pk", flat=True)) if instance.pk else []
            if not instance.pk and self.for_user is not None and not self.is_bound:
                # Whoever plans a workshop usually facilitates it: ticked, and can be unticked.
                self.initial["facilitators"] = [self.for_user.pk]
            self.fields["facilitators"].queryset = (
                self.fields["facilitators"]
                .queryset.filter(Q(pk__in=facilitators().values("pk")) | Q(pk__in=chosen))
                .select_related("institution")
                .order_by("full_name", "email")
            )
        if "lessons" in self.fields:
            chosen = list(instance.lessons.values_list("pk", flat=True)) if instance.pk else []
            self.fields["lessons"].queryset = (
                self.fields["lessons"]
                .queryset.filter(Q(live=True, is_archived=False) | Q(pk__in=chosen))
                .order_by("title")
            )
        if "status" in self.fields:
            status = self.fields["status"]
            if instance.pk and instance.status == WorkshopStatus.CANCELLED:
                # Cancelled through "Cancel workshop"; it stays cancelled.
                status.disabled = True
            else:
                status.choices = [
                    choice for choice in status.choices if choice[0] != WorkshopStatus.CANCELLED
                ]
                status.help_text = _(
                    "Draft workshops are not shown on the portal. Mark it “Held” once it has "
                    "started, to record outcomes. To cancel a workshop use “Cancel "
                    "workshop”, which tells everyone registered."
                )


class CommitmentAdminForm(WagtailAdminModelForm):
    """A commitment edited from the commitments listing."""

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if status == CommitmentStatus.FULFILLED and not cleaned_data.get("completed_on"):
            cleaned_data["completed_on"] = timezone.localdate()
        if status and status != CommitmentStatus.FULFILLED and cleaned_data.get("completed_on"):
            self.add_error(
                "completed_on",
                _(
                    "Only a commitment that is done has a completion date: mark it done or "
                    "leave the date empty."
                ),
            )
        return cleaned_data


class CancelWorkshopForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to everyone registered, with the notice of cancellation."),
    )


class MessageRegistrantsForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class AttendanceForm(forms.Form):
    """Tick who attended; confirmed people left unticked are recorded as absent."""

    attended = forms.ModelMultipleChoiceField(
        label=_("Attended"),
        queryset=Registration.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirmed = workshop.registrations.filter(status=RegistrationStatus.CONFIRMED)
        self.fields["attended"].queryset = self.confirmed

    def absent_ids(self) -> list[int]:
        present = {registration.pk for registration in self.cleaned_data["attended"]}
        return [pk for pk in self.confirmed.values_list("pk", flat=True) if pk not in present]


class WalkInForm(forms.Form):
    """Someone present who had not registered: name, and the institution from the list or,
    when it is not there, its name and sector (the balance of the dialogue counts sectors)."""

    name = forms.CharField(label=_("Full name"), max_length=150)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.order_by("name"),
        required=False,
        empty_label=_("— Not in the list —"),
    )
    other_institution = forms.CharField(
        label=_("Other institution"),
        max_length=200,
        required=False,
        help_text=_("Only when the institution is not in the list."),
    )
    sector = forms.ChoiceField(
        label=_("Sector of the other institution"),
        choices=[("", "—"), *Sector.choices],
        required=False,
    )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("institution") and not (
            cleaned_data.get("other_institution", "").strip() and cleaned_data.get("sector")
        ):
            raise forms.ValidationError(
                _("Choose the institution from the list, or write its name and choose its sector.")
            )
        return cleaned_data


class CommitmentToAgendaForm(forms.Form):
    """The coming workshop whose agenda reviews a contested commitment, and when."""

    workshop = forms.ModelChoiceField(
        label=_("Workshop"),
        queryset=Workshop.objects.none(),
        help_text=_("Workshops that have not taken place yet."),
    )
    time = forms.TimeField(label=_("Time on the agenda"), help_text=_("E.g. 10:30"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workshop"].queryset = Workshop.objects.filter(
            ends_at__gt=timezone.now(),
            status__in=[WorkshopStatus.DRAFT, WorkshopStatus.OPEN, WorkshopStatus.CLOSED],
        ).order_by("starts_at")


class HideNoteForm(forms.Form):
    """Which note of the commitment's history to hide, and why (kept in the audit log)."""

    entry = forms.ChoiceField(label=_("Note"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log; not shown on the portal."),
    )

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {}
        updates = commitment.updates.select_related("institution").exclude(note="")
        for update in updates.filter(hidden_at__isnull=True):
            self.entries[f"update:{update.pk}"] = update
        verdicts = CommitmentVerdict.objects.filter(update__commitment=commitment).exclude(note="")
        for verdict in verdicts.filter(hidden_at__isnull=True).select_related("institution"):
            self.entries[f"verdict:{verdict.pk}"] = verdict
        self.fields["entry"].choices = [
            (key, f"{entry.institution or _('Facilitators')}: {entry.note[:80]}")
            for key, entry in self.entries.items()
        ]

    def clean_entry(self):
        return self.entries[self.cleaned_data["entry"]]


class CommitmentImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, with semicolons or commas, as Excel saves “CSV UTF-8”."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class CommitmentImportApplyForm(forms.Form):
    """The rows shown in the preview, signed for this facilitator: checked again when
    applied (the commitments may have changed meanwhile)."""

    rows = forms.CharField(widget=forms.HiddenInput)
