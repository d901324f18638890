"""The facilitators' side of workshops in the Wagtail admin: the workshops listing and form,
the actions on one workshop (duplicate, cancel, message registrants), the registrations page
(waitlist, attendance, participation by sector, participant list export), the commitments
listing and the dashboard panels. Every write goes through `workshops.services`."""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.forms import NON_FIELD_ERRORS
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from members.admin_actions import ConfirmActionView
from members.admin_listing import (
    district_filter,
    province_filter,
    radio_choice_filter,
    radio_model_filter,
    view_on_portal_button,
)
from members.cache_versions import CONTENT
from members.exports import SpreadsheetExportMixin
from members.models import Institution
from members.places import DistrictCheckboxes
from themes.models import Theme, Visibility

from . import commitment_import, selectors, services
from .admin_forms import (
    AttendanceForm,
    CancelWorkshopForm,
    CommitmentAdminForm,
    CommitmentImportApplyForm,
    CommitmentImportForm,
    CommitmentToAgendaForm,
    HideNoteForm,
    MessageRegistrantsForm,
    WalkInForm,
    WorkshopAdminForm,
)
from .models import (
    AgreementSpace,
    Commitment,
    CommitmentSource,
    CommitmentStatus,
    Modality,
    Registration,
    RegistrationStatus,
    WalkIn,
    Workshop,
    WorkshopStatus,
)
from .reports import lima_datetime, participant_row, participation_chart

LIMA_HELP = gettext_lazy("Lima time (America/Lima).")
START_HELP = gettext_lazy(
    "Lima time (America/Lima). Moving it moves the agenda by the same amount, and everyone "
    "registered is told of the change."
)


# ---- SHARED PIECES


class LinkColumn(Column):
    """A cell holding a link; `get_url(instance)` gives the address."""

    cell_template_name = "workshops/admin/link_cell.html"

    def __init__(self, name, get_url, **kwargs):
        super().__init__(name, **kwargs)
        self.get_url = get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = self.get_url(instance)
        return context


def _workshop_policy():
    return policy_registry.get_by_type(Workshop)


def can_manage_workshops(user) -> bool:
    return _workshop_policy().user_has_permission(user, "change")


def _add_model_errors(form, error: ValidationError) -> None:
    """Put a ValidationError from a service on the form: on its field where there is one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else NON_FIELD_ERRORS, errors)
    else:
        form.add_error(NON_FIELD_ERRORS, error)


class WorkshopUrlsMixin:
    """The addresses of the actions on one workshop, given by the viewset."""

    registrations_url_name = None
    duplicate_url_name = None
    cancel_url_name = None
    message_url_name = None
    attendance_url_name = None
    confirm_url_name = None
    walk_in_add_url_name = None
    walk_in_remove_url_name = None

    def workshop_url(self, name: str, workshop: Workshop) -> str:
        return reverse(getattr(self, f"{name}_url_name"), args=[quote(workshop.pk)])

    def workshop_action_buttons(self, workshop: Workshop, button_class) -> list:
        policy = _workshop_policy()
        user = self.request.user
        buttons = []
        if policy.user_has_permission(user, "change"):
            buttons.append(
                button_class(
                    _("Registrations"),
                    url=self.workshop_url("registrations", workshop),
                    icon_name="group",
                    priority=11,
                )
            )
            buttons.append(
                button_class(
                    _("Message registrants"),
                    url=self.workshop_url("message", workshop),
                    icon_name="mail",
                    priority=12,
                )
            )
        if policy.user_has_permission(user, "add"):
            buttons.append(
                button_class(
                    _("Duplicate"),
                    url=self.workshop_url("duplicate", workshop),
                    icon_name="copy",
                    priority=13,
                )
            )
        if policy.user_has_permission(user, "change") and workshop.status not in (
            WorkshopStatus.CANCELLED,
            WorkshopStatus.HELD,
        ):
            buttons.append(
                button_class(
                    _("Cancel workshop"),
                    url=self.workshop_url("cancel", workshop),
                    icon_name="cross",
                    priority=14,
                )
            )
        if workshop.status != WorkshopStatus.DRAFT:
            buttons.append(view_on_portal_button(button_class, workshop, priority=15))
        return buttons


# ---- WORKSHOPS: LISTING


WHEN_UPCOMING = "upcoming"
WHEN_PAST = "past"


class WorkshopFilterSet(WagtailFilterSet):
    when = radio_choice_filter(
        gettext_lazy("When"),
        [(WHEN_UPCOMING, gettext_lazy("Upcoming")), (WHEN_PAST, gettext_lazy("Past"))],
        method="filter_when",
    )
    status = radio_choice_filter(gettext_lazy("Status"), WorkshopStatus.choices)
    modality = radio_choice_filter(gettext_lazy("Modality"), Modality.choices)
    visibility = radio_choice_filter(gettext_lazy("Visibility"), Visibility.choices)
    theme = radio_model_filter(
        gettext_lazy("Theme"), Theme.objects.order_by("order"), method="filter_theme"
    )
    province = province_filter()
    district = district_filter()

    class Meta:
        model = Workshop
        fields = ["when", "status", "modality", "visibility", "theme", "province", "district"]

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == WHEN_UPCOMING:
            return queryset.filter(ends_at__gte=now)
        if value == WHEN_PAST:
            return queryset.filter(ends_at__lt=now)
        return queryset

    def filter_theme(self, queryset, name, value):
        if not value:
            return queryset
        tagged = Workshop.themes.through.objects.filter(theme=value)
        return queryset.filter(pk__in=tagged.values("workshop_id"))


class WorkshopIndexView(SpreadsheetExportMixin, WorkshopUrlsMixin, generic.IndexView):
    def get_base_queryset(self):
        # Seats and waitlist are annotations: one query for the whole page of workshops.
        return selectors.with_seat_counts_per_row(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *self.workshop_action_buttons(instance, MenuItem),
        ]


# ---- WORKSHOPS: CREATE AND EDIT (through services.workshop_save)


class WorkshopSaveMixin:
    """Save through the service, so that validation, the slug, the waitlist and the notice
    of changed time, place or link are the same wherever a workshop is saved."""

    log_action = None

    def previous_logistics(self):
        return None

    def agenda_times_edited(self) -> bool:
        """Whether the facilitator changed agenda times in this edit: then the agenda is
        kept as typed rather than moved with the start."""
        formset = self.form.formsets.get("agenda_items")
        if formset is None:
            return False
        return any(
            "time" in form.changed_data
            for form in formset.forms
            if form.instance.pk and form not in formset.deleted_forms
        )

    def save_instance(self):
        before = {}
        if self.form.instance.pk:
            before = {
                row["pk"]: row
                for row in Commitment.objects.filter(workshop=self.form.instance.pk).values(
                    "pk", "status", "progress"
                )
            }
        workshop = self.form.save(commit=False)
        today = timezone.localdate()
        for commitment in workshop.commitments.all():
            if commitment.status == CommitmentStatus.FULFILLED:
                commitment.progress = 100
                if not commitment.completed_on:
                    commitment.completed_on = today
        workshop = services.workshop_save(
            workshop=workshop,
            user=self.request.user,
            previous=self.previous_logistics(),
            shift_agenda=not self.agenda_times_edited(),
        )
        self.form.save_m2m()
        for commitment in workshop.commitments.all():
            previous = before.get(
                commitment.pk, {"status": CommitmentStatus.PENDING, "progress": 0}
            )
            services.commitment_record_admin_change(
                commitment=commitment,
                user=self.request.user,
                previous_status=previous["status"],
                previous_progress=previous["progress"],
            )
        if workshop.agenda_moved:
            messages.info(
                self.request,
                ngettext(
                    "The start moved, so %(count)s agenda item moved with it by the same "
                    "amount. Check the agenda tab.",
                    "The start moved, so %(count)s agenda items moved with it by the same "
                    "amount. Check the agenda tab.",
                    workshop.agenda_moved,
                )
                % {"count": workshop.agenda_moved},
            )
        log(
            instance=workshop,
            action=self.log_action,
            user=self.request.user,
            content_changed=self.form.has_changed(),
        )
        return workshop

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if self.log_action == "wagtail.create":
                form.instance.pk = None
                form.instance._state.adding = True
            _add_model_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class WorkshopCreateView(WorkshopSaveMixin, generic.CreateView):
    log_action = "wagtail.create"

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])


class WorkshopEditView(WorkshopUrlsMixin, WorkshopSaveMixin, generic.EditView):
    log_action = "wagtail.edit"

    def previous_logistics(self):
        return services.logistics_snapshot(Workshop.objects.get(pk=self.object.pk))

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *self.workshop_action_buttons(self.object, Button),
        ]


# ---- WORKSHOPS: ONE-OFF ACTIONS


class WorkshopPageMixin(WorkshopUrlsMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A page about one workshop in the admin, with breadcrumbs back to it."""

    model = Workshop
    permission_required = "change"
    index_url_name = None
    edit_url_name = None
    header_icon = "calendar"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    def get_queryset(self):
        return Workshop.objects.all()

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(Workshop._meta.verbose_name_plural),
            },
            {"url": self.get_edit_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["workshop"] = self.object
        context["edit_url"] = self.get_edit_url()
        return context


class WorkshopActionView(WorkshopUrlsMixin, ConfirmActionView):
    """Confirm, then act on one workshop; back to its edit page ("Go back": "Cancel" would
    read as cancelling the workshop)."""

    model = Workshop
    header_icon = "calendar"
    cancel_label = gettext_lazy("Go back")
    edit_url_name = None

    def get_return_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])


class WorkshopDuplicateView(WorkshopActionView):
    permission_required = "add"
    page_title = gettext_lazy("Duplicate workshop")
    header_icon = "copy"
    submit_label = gettext_lazy("Yes, duplicate")

    def confirmation_message(self):
        return _(
            "A draft copy will be made with the same description, themes, place, agenda, "
            "materials and facilitators, without registrations, outcomes or commitments. "
            "Change its dates before opening registration."
        )

    def run(self, form):
        self.copy = services.workshop_duplicate(workshop=self.object, user=self.request.user)
        log(
            instance=self.copy,
            action="workshops.duplicate",
            user=self.request.user,
            data={"source_title": self.object.title},
        )

    def get_success_message(self):
        return _("Draft copy of “%(title)s” created: set its dates and publish it.") % {
            "title": self.object.title
        }

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[quote(self.copy.pk)])


class WorkshopCancelView(WorkshopActionView):
    page_title = gettext_lazy("Cancel workshop")
    header_icon = "cross"
    form_class = CancelWorkshopForm
    submit_label = gettext_lazy("Yes, cancel the workshop")
    serious = True

    def is_applicable(self):
        return self.object.status not in (WorkshopStatus.CANCELLED, WorkshopStatus.HELD)

    def not_applicable_message(self):
        if self.object.status == WorkshopStatus.HELD:
            return _("A workshop that was held cannot be cancelled.")
        return _("This workshop is already cancelled.")

    def confirmation_message(self):
        count = self.object.registrations.exclude(status=RegistrationStatus.CANCELLED).count()
        return _(
            "Registration closes and the %(count)s people registered (confirmed or on the "
            "waitlist) receive a notice with the reason. This cannot be undone."
        ) % {"count": count}

    def run(self, form):
        reason = form.cleaned_data["reason"]
        services.workshop_cancel(workshop=self.object, user=self.request.user, reason=reason)
        log(
            instance=self.object,
            action="workshops.cancel",
            user=self.request.user,
            data={"reason": reason},
        )

    def get_success_message(self):
        return _("“%(title)s” is cancelled; everyone registered has been told.") % {
            "title": self.object.title
        }


class WorkshopMessageView(WorkshopActionView):
    page_title = gettext_lazy("Message registrants")
    header_icon = "mail"
    form_class = MessageRegistrantsForm
    submit_label = gettext_lazy("Send the message")

    def get_success_url(self):
        return self.workshop_url("registrations", self.object)

    @cached_property
    def recipients(self) -> int:
        return self.object.registrations.exclude(status=RegistrationStatus.CANCELLED).count()

    def is_applicable(self):
        return self.recipients > 0

    def not_applicable_message(self):
        return _("Nobody is registered for this workshop yet: there is no one to write to.")

    def confirmation_message(self):
        count = self.recipients
        return _(
            "The message is e-mailed to the %(count)s people registered (confirmed or on the "
            "waitlist) and kept in their notifications on the portal."
        ) % {"count": count}

    def run(self, form):
        self.sent = services.workshop_message_registrants(
            workshop=self.object,
            user=self.request.user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        log(
            instance=self.object,
            action="workshops.message",
            user=self.request.user,
            data={"subject": form.cleaned_data["subject"], "recipients": self.sent},
        )

    def get_success_message(self):
        return _("Message sent to %(count)s people.") % {"count": self.sent}


# ---- WORKSHOPS: REGISTRATIONS, ATTENDANCE, PARTICIPANT LIST


class WorkshopRegistrationsView(SpreadsheetExportMixin, WorkshopPageMixin, TemplateView):
    """Who is coming: confirmed and waitlist, attendance, participation by sector; the
    participant list as CSV or XLSX (?export=csv / ?export=xlsx)."""

    template_name = "workshops/admin/registrations.html"
    page_title = gettext_lazy("Registrations")
    header_icon = "group"
    list_export = ["name", "institution", "sector", "status", "attended"]
    export_headings = {
        "name": gettext_lazy("Name"),
        "institution": gettext_lazy("Institution"),
        "sector": gettext_lazy("Sector"),
        "status": gettext_lazy("Status"),
        "attended": pgettext_lazy("one participant", "Attended"),
    }

    def get_queryset(self):
        return selectors.with_seat_counts(Workshop.objects.all())

    def get_filename(self):
        return f"{self.object.slug}-{slugify(_('participants'))}"

    def to_row_dict(self, item):
        return participant_row(item)

    def participants(self):
        return selectors.registrations_for_admin(self.object).exclude(
            status=RegistrationStatus.CANCELLED
        )

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.as_spreadsheet(self.participants(), request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registrations = list(selectors.registrations_for_admin(self.object))
        confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
        waitlisted = sorted(
            (r for r in registrations if r.status == RegistrationStatus.WAITLISTED),
            key=lambda r: (r.requested_at, r.pk),
        )
        for registration in registrations:
            registration.requested_at_lima = lima_datetime(registration.requested_at)
            registration.attended_label = participant_row(registration)["attended"]
        workshop = self.object
        context.update(
            {
                "confirmed": confirmed,
                "waitlisted": waitlisted,
                "cancelled_count": len(registrations) - len(confirmed) - len(waitlisted),
                "seats_free": max(0, workshop.capacity - len(confirmed)),
                "starts_at_lima": lima_datetime(workshop.starts_at),
                "chart": participation_chart(selectors.participation_by_sector(workshop=workshop)),
                "attendance_url": self.workshop_url("attendance", workshop),
                "message_url": self.workshop_url("message", workshop),
                "csv_url": self.csv_export_url,
                "xlsx_url": self.xlsx_export_url,
                "can_confirm": workshop.status
                not in (WorkshopStatus.CANCELLED, WorkshopStatus.HELD),
                "confirm_url_name": self.confirm_url_name,
                "has_started": workshop.starts_at <= timezone.now(),
                "walk_ins": list(selectors.walk_ins_of(workshop)),
                "walk_in_form": WalkInForm(prefix="walk_in"),
                "walk_in_add_url": self.workshop_url("walk_in_add", workshop),
                "walk_in_remove_url_name": self.walk_in_remove_url_name,
            }
        )
        return context


class WorkshopPostOnlyView(WorkshopPageMixin, TemplateView):
    http_method_names = ["post"]

    def http_method_not_allowed(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def back(self):
        return redirect(self.workshop_url("registrations", self.object))


class AttendanceView(WorkshopPostOnlyView):
    def post(self, request, *args, **kwargs):
        form = AttendanceForm(request.POST, workshop=self.object)
        if not form.is_valid():
            messages.error(
                request, _("Attendance could not be saved: reload the page and try again.")
            )
            return self.back()
        present = [registration.pk for registration in form.cleaned_data["attended"]]
        try:
            services.attendance_mark(
                workshop=self.object,
                user=request.user,
                attended_ids=present,
                absent_ids=form.absent_ids(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.back()
        log(
            instance=self.object,
            action="workshops.attendance",
            user=request.user,
            data={"present": len(present)},
        )
        messages.success(
            request,
            _("Attendance saved: %(present)s of %(total)s confirmed people attended.")
            % {"present": len(present), "total": form.confirmed.count()},
        )
        return self.back()


class ConfirmFromWaitlistView(WorkshopPostOnlyView):
    def post(self, request, *args, **kwargs):
        registration = get_object_or_404(
            Registration.objects.select_related("user", "workshop"),
            workshop=self.object,
            pk=kwargs["registration_pk"],
        )
        try:
            services.registration_confirm(
                registration=registration,
                by=request.user,
                add_seat=request.POST.get("add_seat") == "1",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            log(
                instance=self.object,
                action="workshops.confirm_registration",
                user=request.user,
                data={"person": str(registration.user)},
            )
            messages.success(
                request,
                _("%(person)s now has a confirmed seat and has been told by e-mail.")
                % {"person": registration.user},
            )
        return self.back()


class WalkInAddView(WorkshopPostOnlyView):
    def post(self, request, *args, **kwargs):
        form = WalkInForm(request.POST, prefix="walk_in")
        if not form.is_valid():
            errors = [str(error) for errors in form.errors.values() for error in errors]
            messages.error(request, " ".join(errors))
            return self.back()
        try:
            walk_in = services.walk_in_add(
                workshop=self.object, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return self.back()
        log(
            instance=self.object,
            action="workshops.walk_in",
            user=request.user,
            data={"person": walk_in.name},
        )
        messages.success(
            request,
            _("%(person)s is recorded as present without registration.") % {"person": walk_in.name},
        )
        return self.back()


class WalkInRemoveView(WorkshopPostOnlyView):
    def post(self, request, *args, **kwargs):
        walk_in = get_object_or_404(WalkIn, workshop=self.object, pk=kwargs["walk_in_pk"])
        services.walk_in_remove(walk_in=walk_in, user=request.user)
        messages.success(
            request, _("%(person)s is no longer on the attendance list.") % {"person": walk_in}
        )
        return self.back()


# ---- WORKSHOPS: THE VIEWSET


workshop_edit_handler = TabbedInterface(
    [
        ObjectList(
            [
                MultiFieldPanel(
                    [
                        FieldPanel("title"),
                        FieldPanel("slug"),
                        FieldPanel("description"),
                        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                        FieldRowPanel([FieldPanel("status"), FieldPanel("visibility")]),
                    ],
                    heading=gettext_lazy("General"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("modality"),
                        FieldRowPanel(
                            [
                                FieldPanel("starts_at", help_text=START_HELP),
                                FieldPanel("ends_at", help_text=LIMA_HELP),
                            ]
                        ),
                        FieldPanel("venue"),
                        FieldRowPanel([FieldPanel("address"), FieldPanel("city")]),
                        FieldPanel("districts", widget=DistrictCheckboxes),
                        FieldPanel("online_url"),
                    ],
                    heading=gettext_lazy("When and where"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel("capacity"),
                        FieldRowPanel(
                            [
                                FieldPanel("registration_opens_at", help_text=LIMA_HELP),
                                FieldPanel("registration_deadline", help_text=LIMA_HELP),
                            ]
                        ),
                    ],
                    heading=gettext_lazy("Registration"),
                ),
                MultiFieldPanel(
                    [
                        FieldPanel(
                            "facilitators",
                            widget=forms.CheckboxSelectMultiple,
                            help_text=gettext_lazy(
                                "Whoever creates the workshop is ticked: untick yourself if "
                                "you are not facilitating it."
                            ),
                        )
                    ],
                    heading=gettext_lazy("People"),
                ),
            ],
            heading=gettext_lazy("Workshop"),
        ),
        ObjectList(
            [
                InlinePanel(
                    "agenda_items",
                    label=gettext_lazy("Agenda item"),
                    heading=gettext_lazy("Agenda"),
                    help_text=gettext_lazy(
                        "Times in Lima. If you later move the workshop's start, the agenda "
                        "moves with it by the same amount (unless you change its times in "
                        "the same edit)."
                    ),
                    panels=[
                        FieldRowPanel([FieldPanel("time"), FieldPanel("title")]),
                        FieldRowPanel([FieldPanel("speaker"), FieldPanel("speaker_institution")]),
                    ],
                ),
                InlinePanel(
                    "materials",
                    label=gettext_lazy("Material"),
                    heading=gettext_lazy("Materials"),
                    help_text=gettext_lazy(
                        "Each material is either a file (choose it from the documents, or "
                        "upload it there) or a link to a page elsewhere, not both."
                    ),
                    panels=[
                        FieldPanel("title"),
                        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
                    ],
                ),
            ],
            heading=gettext_lazy("Agenda and materials"),
        ),
        ObjectList(
            [
                FieldPanel("outcomes"),
                InlinePanel(
                    "commitments",
                    label=gettext_lazy("Agreement or commitment"),
                    heading=gettext_lazy("Agreements and commitments"),
                    panels=[
                        FieldPanel("description"),
                        FieldPanel("responsible_institution"),
                        FieldRowPanel(
                            [
                                FieldPanel("due_date"),
                                FieldPanel("status"),
                                FieldPanel("completed_on"),
                            ]
                        ),
                    ],
                ),
                FieldPanel(
                    "lessons",
                    widget=forms.CheckboxSelectMultiple,
                    help_text=gettext_lazy(
                        "Published lessons presented at or written from this workshop; "
                        "they are listed on its page once it has been held."
                    ),
                ),
            ],
            heading=gettext_lazy("After the workshop"),
        ),
    ],
    base_form_class=WorkshopAdminForm,
)


def _seats(workshop) -> str:
    return f"{workshop.confirmed_count} / {workshop.capacity}"


class WorkshopViewSet(ModelViewSet):
    model = Workshop
    icon = "calendar"
    menu_label = gettext_lazy("Workshops")
    menu_name = "workshops"
    index_view_class = WorkshopIndexView
    add_view_class = WorkshopCreateView
    edit_view_class = WorkshopEditView
    edit_handler = workshop_edit_handler
    # "Duplicate" replaces Wagtail's copy: it goes through the service (a dated draft).
    copy_view_enabled = False
    filterset_class = WorkshopFilterSet
    search_fields = ["title", "description", "venue", "city"]
    search_backend_name = None
    ordering = "-starts_at"
    list_per_page = 30
    list_export = [
        "title",
        "starts_at",
        "ends_at",
        "get_modality_display",
        "city",
        "get_status_display",
        "get_visibility_display",
        "capacity",
        "confirmed_count",
        "waitlist_count",
    ]
    export_headings = {
        "starts_at": gettext_lazy("Starts (Lima time)"),
        "ends_at": gettext_lazy("Ends (Lima time)"),
        "get_modality_display": gettext_lazy("Modality"),
        "get_status_display": gettext_lazy("Status"),
        "get_visibility_display": gettext_lazy("Visibility"),
        "confirmed_count": gettext_lazy("Seats taken"),
        "waitlist_count": gettext_lazy("Waitlist"),
    }
    export_filename = "talleres"

    @property
    def list_display(self):
        return [
            "title",
            Column(
                "starts_at",
                label=gettext_lazy("Starts (Lima time)"),
                accessor=lambda workshop: lima_datetime(workshop.starts_at),
                sort_key="starts_at",
            ),
            Column(
                "modality",
                label=gettext_lazy("Modality"),
                accessor="get_modality_display",
                sort_key="modality",
            ),
            StatusTagColumn(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda workshop: workshop.status == WorkshopStatus.OPEN,
            ),
            Column(
                "seats",
                label=gettext_lazy("Seats taken"),
                accessor=_seats,
                sort_key="confirmed_count",
            ),
            Column(
                "waitlist_count",
                label=gettext_lazy("Waitlist"),
                accessor="waitlist_count",
                sort_key="waitlist_count",
            ),
            LinkColumn(
                "registrations",
                label=gettext_lazy("Registrations"),
                accessor=lambda workshop: _("See registrations"),
                get_url=lambda workshop: reverse(
                    self.get_url_name("registrations"), args=[quote(workshop.pk)]
                ),
            ),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                f"{name}_url_name": self.get_url_name(name)
                for name in (
                    "registrations",
                    "duplicate",
                    "cancel",
                    "message",
                    "attendance",
                    "confirm",
                    "walk_in_add",
                    "walk_in_remove",
                )
            },
            **kwargs,
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "registrations/<int:pk>/",
                self.construct_view(WorkshopRegistrationsView),
                name="registrations",
            ),
            path(
                "registrations/<int:pk>/attendance/",
                self.construct_view(AttendanceView),
                name="attendance",
            ),
            path(
                "registrations/<int:pk>/confirm/<int:registration_pk>/",
                self.construct_view(ConfirmFromWaitlistView),
                name="confirm",
            ),
            path(
                "registrations/<int:pk>/walk-ins/",
                self.construct_view(WalkInAddView),
                name="walk_in_add",
            ),
            path(
                "registrations/<int:pk>/walk-ins/<int:walk_in_pk>/remove/",
                self.construct_view(WalkInRemoveView),
                name="walk_in_remove",
            ),
            *(
                path(
                    f"{name}/<int:pk>/",
                    self.construct_view(view_class, action_url_name=self.get_url_name(name)),
                    name=name,
                )
                for name, view_class in (
                    ("duplicate", WorkshopDuplicateView),
                    ("cancel", WorkshopCancelView),
                    ("message", WorkshopMessageView),
                )
            ),
        ]


# ---- COMMITMENTS: ALL SOURCES, TRACKED UNTIL FULFILLED; THE QUEUE OF CONTESTED ONES


OPEN_COMMITMENT = Q(status__in=[CommitmentStatus.PENDING, CommitmentStatus.IN_PROGRESS])
CONTESTED_QUEUE = "yes"


class CommitmentFilterSet(WagtailFilterSet):
    status = radio_choice_filter(gettext_lazy("Status"), CommitmentStatus.choices)
    overdue = radio_choice_filter(
        gettext_lazy("Overdue"),
        [("yes", gettext_lazy("Overdue only")), ("no", gettext_lazy("Not overdue"))],
        method="filter_overdue",
    )
    contested = radio_choice_filter(
        gettext_lazy("Contested, to review"),
        [(CONTESTED_QUEUE, gettext_lazy("Contested, waiting for the facilitators"))],
        method="filter_contested",
    )
    source = radio_choice_filter(gettext_lazy("Source"), CommitmentSource.choices)
    responsible_institution = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Responsible institution"),
        queryset=Institution.objects.filter(commitments__isnull=False).distinct().order_by("name"),
        empty_label=gettext_lazy("All"),
    )

    class Meta:
        model = Commitment
        fields = ["status", "overdue", "contested", "source", "responsible_institution"]

    def filter_overdue(self, queryset, name, value):
        overdue = OPEN_COMMITMENT & Q(due_date__lt=timezone.localdate())
        if value == "yes":
            return queryset.filter(overdue)
        if value == "no":
            return queryset.exclude(overdue)
        return queryset

    def filter_contested(self, queryset, name, value):
        return queryset.filter(needs_review=True) if value == CONTESTED_QUEUE else queryset


def _commitment_actions(commitment, button_class) -> list:
    buttons = [
        button_class(
            _("View on the portal"),
            url=commitment.get_absolute_url(),
            icon_name="view",
            priority=10,
        ),
        button_class(
            _("Hide a note"),
            url=reverse("workshop_commitments:hide_note", args=[quote(commitment.pk)]),
            icon_name="cross",
            priority=30,
        ),
    ]
    if commitment.needs_review:
        buttons.insert(
            0,
            button_class(
                _("Add to a workshop's agenda"),
                url=reverse("workshop_commitments:to_agenda", args=[quote(commitment.pk)]),
                icon_name="calendar",
                priority=5,
            ),
        )
    return buttons


class CommitmentIndexView(SpreadsheetExportMixin, generic.IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            buttons.append(
                HeaderButton(
                    _("Update from a CSV file"),
                    url=reverse("workshop_commitments:import"),
                    icon_name="upload",
                )
            )
        return buttons

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("workshop", "agreement_space", "responsible_institution")
        )

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *_commitment_actions(instance, MenuItem),
        ]


class CommitmentHistoryMixin:
    """A facilitator's change of status or progress in this form enters the history."""

    def save_instance(self):
        before = None
        if self.object is not None and self.object.pk:
            before = (
                Commitment.objects.filter(pk=self.object.pk).values("status", "progress").first()
            )
        commitment = self.form.save(commit=False)
        if commitment.status == CommitmentStatus.FULFILLED:
            commitment.progress = 100
        commitment.save()
        self.form.save_m2m()
        previous = before or {"status": CommitmentStatus.PENDING, "progress": 0}
        services.commitment_record_admin_change(
            commitment=commitment,
            user=self.request.user,
            previous_status=previous["status"],
            previous_progress=previous["progress"],
        )
        return commitment


class CommitmentCreateView(CommitmentHistoryMixin, generic.CreateView):
    pass


class CommitmentEditView(CommitmentHistoryMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *_commitment_actions(self.object, Button)]


def _commitment_status(commitment) -> str:
    label = commitment.get_status_display()
    if commitment.is_overdue:
        label = _("%(status)s — overdue") % {"status": label}
    if commitment.needs_review:
        label = _("%(status)s — contested") % {"status": label}
    return label


def _source_admin_url(commitment) -> str:
    if commitment.workshop_id:
        return reverse("workshop_admin:edit", args=[quote(commitment.workshop_id)])
    if commitment.agreement_space_id:
        return reverse("agreement_spaces:edit", args=[quote(commitment.agreement_space_id)])
    return ""


def _source_label(commitment) -> str:
    source = commitment.source_object
    return str(source) if source is not None else commitment.get_source_display()


class CommitmentViewSet(ModelViewSet):
    """Commitments of every source: those of a workshop are added on the workshop; those
    of an agreement space or an own pledge here. Followed and updated here; the contested
    ones wait in the queue (filter "Contested, to review")."""

    model = Commitment
    icon = "tasks"
    menu_label = gettext_lazy("Commitments")
    menu_name = "commitments"
    index_view_class = CommitmentIndexView
    add_view_class = CommitmentCreateView
    edit_view_class = CommitmentEditView
    copy_view_enabled = False
    sort_order_field = None
    filterset_class = CommitmentFilterSet
    search_fields = ["description", "workshop__title", "responsible_institution__name"]
    search_backend_name = None
    ordering = "due_date"
    list_per_page = 50
    panels = [
        FieldRowPanel(
            [
                FieldPanel("source"),
                FieldPanel("workshop", read_only=True),
                FieldPanel("agreement_space"),
            ]
        ),
        FieldPanel("description"),
        FieldPanel("responsible_institution"),
        FieldPanel("supporting_institutions", widget=forms.SelectMultiple(attrs={"size": 6})),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("agreed_on"), FieldPanel("due_date")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress"), FieldPanel("completed_on")]),
        InlinePanel(
            "milestones",
            heading=gettext_lazy("Milestones"),
            label=gettext_lazy("Milestone"),
            panels=[
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("planned_on"), FieldPanel("reached_on")]),
            ],
        ),
        FieldPanel("needs_review"),
    ]
    list_export = [
        "description",
        "workshop",
        "responsible_institution",
        "due_date",
        "get_status_display",
        "completed_on",
        "get_source_display",
        "agreement_space",
        "progress",
    ]
    export_headings = {
        "description": gettext_lazy("Agreement or commitment"),
        "workshop": gettext_lazy("Workshop"),
        "get_source_display": gettext_lazy("Source"),
        "get_status_display": gettext_lazy("Status"),
        "progress": gettext_lazy("Progress (%)"),
    }
    export_filename = "compromisos"

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=CommitmentAdminForm).bind_to_model(
            self.model
        )

    @property
    def list_display(self):
        return [
            "description",
            LinkColumn(
                "source",
                label=gettext_lazy("Source"),
                accessor=_source_label,
                get_url=_source_admin_url,
                sort_key="source",
            ),
            Column(
                "responsible_institution",
                label=gettext_lazy("Responsible institution"),
                sort_key="responsible_institution__name",
            ),
            Column(
                "due_date",
                label=gettext_lazy("Due date"),
                accessor=lambda commitment: commitment.due_date,
                sort_key="due_date",
            ),
            StatusTagColumn(
                "status",
                label=gettext_lazy("Status"),
                accessor=_commitment_status,
                sort_key="status",
                primary=lambda commitment: commitment.is_overdue or commitment.needs_review,
            ),
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "to-agenda/<int:pk>/",
                self.construct_view(
                    CommitmentToAgendaView, action_url_name=self.get_url_name("to_agenda")
                ),
                name="to_agenda",
            ),
            path("import/", self.construct_view(CommitmentImportView), name="import"),
            path(
                "import/template.csv",
                self.construct_view(CommitmentImportTemplateView),
                name="import_template",
            ),
            path(
                "hide-note/<int:pk>/",
                self.construct_view(
                    CommitmentHideNoteView, action_url_name=self.get_url_name("hide_note")
                ),
                name="hide_note",
            ),
        ]


class CommitmentActionView(ConfirmActionView):
    model = Commitment
    header_icon = "tasks"
    cancel_label = gettext_lazy("Go back")

    def get_return_url(self):
        return reverse("workshop_commitments:edit", args=[quote(self.object.pk)])

    def get_object_label(self):
        return self.object.description[:80]


class CommitmentToAgendaView(CommitmentActionView):
    page_title = gettext_lazy("Add to a workshop's agenda")
    header_icon = "calendar"
    form_class = CommitmentToAgendaForm
    submit_label = gettext_lazy("Add to the agenda")

    def is_applicable(self):
        return self.object.needs_review

    def not_applicable_message(self):
        return _("This commitment is not waiting in the queue of contested commitments.")

    def confirmation_message(self):
        return _(
            "A point to review this contested commitment is added to the agenda of the "
            "workshop you choose, and the commitment leaves the queue."
        )

    def get_success_url(self):
        return reverse("workshop_commitments:index") + f"?contested={CONTESTED_QUEUE}"

    def run(self, form):
        self.item = services.commitment_add_to_agenda(
            commitment=self.object,
            workshop=form.cleaned_data["workshop"],
            time=form.cleaned_data["time"],
            user=self.request.user,
        )

    def get_success_message(self):
        return _("The commitment is on the agenda of “%(title)s”.") % {
            "title": self.item.workshop.title
        }


class CommitmentHideNoteView(CommitmentActionView):
    page_title = gettext_lazy("Hide a note")
    header_icon = "cross"
    form_class = HideNoteForm
    submit_label = gettext_lazy("Hide the note")
    serious = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "commitment": self.object}

    def confirmation_message(self):
        return _(
            "The note stops being shown on the portal; the entry stays in the history, and "
            "your reason is kept in the audit log."
        )

    def run(self, form):
        services.commitment_entry_hide(
            entry=form.cleaned_data["entry"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )

    def get_success_message(self):
        return _("The note is hidden.")


# ---- COMMITMENTS: BULK UPDATE FROM A CSV (preview, then apply: all rows or none)

IMPORT_SIGNING_SALT = "workshops.commitment_import"
IMPORT_MAX_AGE = 60 * 60


def _sign_rows(rows: list[dict], seen: dict, user) -> str:
    return signing.dumps(
        {"rows": rows, "seen": seen}, salt=f"{IMPORT_SIGNING_SALT}:{user.pk}", compress=True
    )


def _unsign_rows(value: str, user) -> tuple[list[dict], dict]:
    data = signing.loads(value, salt=f"{IMPORT_SIGNING_SALT}:{user.pk}", max_age=IMPORT_MAX_AGE)
    if not isinstance(data, dict):
        raise signing.BadSignature("not a preview")
    rows, seen = data.get("rows"), data.get("seen")
    if not (isinstance(rows, list) and isinstance(seen, dict)):
        raise signing.BadSignature("not a preview")
    if not all(isinstance(row, dict) for row in rows):
        raise signing.BadSignature("not a list of rows")
    return rows, seen


class CommitmentImportPageMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    model = Commitment
    permission_required = "change"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("workshop_commitments:index"),
                "label": capfirst(Commitment._meta.verbose_name_plural),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class CommitmentImportView(CommitmentImportPageMixin, TemplateView):
    """Upload a CSV, see what each row would change (or why it is refused), then apply
    every row at once. The parsed rows travel signed in the preview's form, for this
    facilitator and an hour; applying checks each of them again."""

    template_name = "workshops/admin/commitment_import.html"
    page_title = gettext_lazy("Update commitments from a CSV file")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", CommitmentImportForm())
        context.update(
            {
                "template_url": reverse("workshop_commitments:import_template"),
                "index_url": reverse("workshop_commitments:index"),
                "statuses": CommitmentStatus.labels,
                "max_rows": commitment_import.MAX_ROWS,
            }
        )
        return context

    def _preview(self, rows: list[dict], *, seen=None, form=None, refused_on_apply=False):
        planned = services.commitment_bulk_plan(rows, seen=seen)
        errors = [plan for plan in planned if plan.error]
        changes = [plan for plan in planned if not plan.error and not plan.unchanged]
        context = {
            "form": form or CommitmentImportForm(),
            "planned": planned,
            "error_count": len(errors),
            "change_count": len(changes),
            "unchanged_count": sum(plan.unchanged for plan in planned),
            "refused_on_apply": refused_on_apply,
        }
        if changes and not errors:
            context["apply_form"] = CommitmentImportApplyForm(
                initial={
                    "rows": _sign_rows(
                        rows,
                        {str(plan.commitment.pk): plan.seen for plan in planned},
                        self.request.user,
                    )
                }
            )
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        if "rows" in request.POST:
            return self._apply(request)
        form = CommitmentImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            rows = commitment_import.read_rows(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
            return self.render_to_response(self.get_context_data(form=form))
        return self._preview(rows)

    def _apply(self, request):
        form = CommitmentImportApplyForm(request.POST)
        try:
            if not form.is_valid():
                raise signing.BadSignature("no rows")
            rows, seen = _unsign_rows(form.cleaned_data["rows"], request.user)
        except signing.BadSignature:
            messages.error(
                request,
                _("This preview has expired or was altered: upload the file again."),
            )
            return redirect("workshop_commitments:import")
        try:
            updates = services.commitments_bulk_update(rows=rows, user=request.user, seen=seen)
        except ValidationError:
            # A commitment changed since the preview: show the rows as they now stand.
            messages.error(request, _("Nothing was applied: some rows are no longer valid."))
            return self._preview(rows, seen=seen, refused_on_apply=True)
        messages.success(
            request,
            ngettext(
                "%(count)s commitment updated; the change is in its history.",
                "%(count)s commitments updated; each change is in their history.",
                len(updates),
            )
            % {"count": len(updates)},
        )
        return redirect("workshop_commitments:index")


class CommitmentImportTemplateView(CommitmentImportPageMixin, View):
    """The open commitments as a CSV to fill in and upload again."""

    def get(self, request, *args, **kwargs):
        commitments = (
            Commitment.objects.filter(OPEN_COMMITMENT)
            .select_related("responsible_institution")
            .order_by("due_date", "pk")
        )
        response = HttpResponse(
            commitment_import.template_csv(commitments), content_type="text/csv; charset=utf-8"
        )
        filename = f"{slugify(_('open commitments'))}-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# ---- AGREEMENT SPACES (dialogue tables, technical tables, inter-institutional agreements)


class AgreementSpaceViewSet(ModelViewSet):
    model = AgreementSpace
    icon = "group"
    menu_label = gettext_lazy("Agreement spaces")
    menu_name = "agreement_spaces"
    copy_view_enabled = False
    search_fields = ["name", "place", "convener__name"]
    search_backend_name = None
    ordering = "-started_on"
    list_display = ["name", "kind", "convener", "started_on", "published"]
    list_filter = ["kind", "published"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("convener")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on"), FieldPanel("place")]),
        FieldPanel("minutes", widget=forms.SelectMultiple(attrs={"size": 6})),
        FieldRowPanel([FieldPanel("visibility"), FieldPanel("published")]),
    ]


# ---- DASHBOARD PANELS (admin home)

UPCOMING_PANEL_SIZE = 8
OVERDUE_PANEL_SIZE = 8
PANEL_CACHE_SECONDS = 60


class BrieflyCachedPanel:
    """A panel that shows every facilitator the same figures, rendered once a minute at
    most: the admin home is the facilitators' landing page, and these panels count over
    all workshops and registrations. Forgotten at once when a workshop, a registration, a
    commitment or an institution changes (the content version the anonymous page cache
    also uses, bumped by col_portal.page_cache's receivers)."""

    def render_html(self, parent_context=None):
        key = f"workshops:panel:{self.name}:{get_language()}:{timezone.localdate()}"
        version = CONTENT.current()
        html = cache.get(key, version=version)
        if html is None:
            html = super().render_html(parent_context)
            cache.set(key, html, PANEL_CACHE_SECONDS, version=version)
        return html


class UpcomingWorkshopsPanel(BrieflyCachedPanel, Component):
    name = "upcoming_workshops"
    template_name = "workshops/admin/panels/upcoming_workshops.html"
    order = 230

    def get_context_data(self, parent_context):
        workshops = list(
            selectors.with_seat_counts_per_row(
                Workshop.objects.filter(ends_at__gte=timezone.now()).exclude(
                    status=WorkshopStatus.CANCELLED
                )
            ).order_by("starts_at")[: UPCOMING_PANEL_SIZE + 1]
        )
        for workshop in workshops:
            workshop.starts_at_lima = lima_datetime(workshop.starts_at)
        return {
            "workshops": workshops[:UPCOMING_PANEL_SIZE],
            "has_more": len(workshops) > UPCOMING_PANEL_SIZE,
            "all_url": reverse("workshop_admin:index") + f"?when={WHEN_UPCOMING}",
            "add_url": reverse("workshop_admin:add"),
        }


class OverdueCommitmentsPanel(BrieflyCachedPanel, Component):
    name = "overdue_commitments"
    template_name = "workshops/admin/panels/overdue_commitments.html"
    order = 235

    def get_context_data(self, parent_context):
        overdue = selectors.overdue_commitments()
        commitments = list(overdue[:OVERDUE_PANEL_SIZE])
        total = overdue.count()
        today = timezone.localdate()
        for commitment in commitments:
            commitment.days_late = (today - commitment.due_date).days
        return {
            "commitments": commitments,
            "total": total,
            "all_url": reverse("workshop_commitments:index") + "?overdue=yes",
        }


class ParticipationPanel(BrieflyCachedPanel, Component):
    name = "participation_by_sector"
    template_name = "workshops/admin/panels/participation.html"
    order = 240

    def get_context_data(self, parent_context):
        return {"chart": participation_chart(selectors.participation_last_12_months())}


def dashboard_panels(user) -> list[Component]:
    if not can_manage_workshops(user):
        return []
    return [UpcomingWorkshopsPanel(), OverdueCommitmentsPanel(), ParticipationPanel()]
