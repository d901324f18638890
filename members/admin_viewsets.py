"""The open call and the institutions in the Wagtail admin (registered in wagtail_hooks).

Facilitators review membership applications here: a listing with the pending ones first, a
detail page, and Accept / Decline with a confirmation step that calls the services.
"""

from django.contrib.admin.utils import quote
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import policy_registry

from . import selectors, services
from .admin_actions import ConfirmActionView
from .admin_columns import LimaDateColumn
from .exports import SpreadsheetExportMixin, lima_text
from .forms import ApplicationDecisionForm, InstitutionAdminForm
from .models import Institution, MembershipApplication, User

Status = MembershipApplication.Status

# ---- MEMBERSHIP APPLICATIONS


def _with_review_annotations(queryset):
    """Pending first, and whether the address already belongs to an account."""
    return queryset.select_related("institution", "reviewed_by", "invitation").annotate(
        pending_first=Case(
            When(status=Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        has_account=Exists(User.objects.filter(email__iexact=OuterRef("email"))),
    )


def _institution_text(application) -> str:
    if application.institution_id:
        return application.institution.name
    return _("%(name)s (new institution)") % {"name": application.new_institution_name}


class DecisionUrlsMixin:
    """Accept / decline links for one application, shown only while it is pending and to
    people who may change applications."""

    accept_url_name = None
    decline_url_name = None

    def decision_urls(self, application) -> list[tuple[str, str, str]]:
        if application.status != Status.PENDING or not self.user_has_permission("change"):
            return []
        pk = quote(application.pk)
        return [
            (_("Accept"), reverse(self.accept_url_name, args=[pk]), "check"),
            (_("Decline"), reverse(self.decline_url_name, args=[pk]), "cross"),
        ]


class ApplicationIndexView(DecisionUrlsMixin, generic.IndexView):
    default_ordering = ["pending_first", "-created_at"]

    def get_base_queryset(self):
        return _with_review_annotations(super().get_base_queryset())

    def get_edit_url(self, instance):
        # Applications are not edited: they are reviewed (inspect, accept, decline).
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for priority, (label, url, icon) in enumerate(self.decision_urls(instance), start=11):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class ApplicationInspectView(DecisionUrlsMixin, generic.InspectView):
    template_name = "members/admin/application_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            _with_review_annotations(MembershipApplication.objects.all()), pk=self.pk
        )

    def get_page_title(self):
        return capfirst(MembershipApplication._meta.verbose_name)

    def get_edit_url(self):
        return None

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(label, url=url, icon_name=icon)
            for label, url, icon in self.decision_urls(self.object)
        ]

    def get_field_label(self, field_name, field):
        if field_name == "institution_label":
            return _("Institution")
        return super().get_field_label(field_name, field)

    def get_institution_label_display_value(self):
        return _institution_text(self.object)

    def get_reviewed_by_display_value(self):
        reviewer = self.object.reviewed_by
        return reviewer.get_full_name() if reviewer else "-"

    def get_reviewed_at_display_value(self):
        reviewed_at = self.object.reviewed_at
        if reviewed_at is None:
            return "-"
        return formats.date_format(timezone.localtime(reviewed_at), "DATETIME_FORMAT")

    def get_invitation_display_value(self):
        invitation = self.object.invitation
        if invitation is None:
            return "-"
        return _("Sent on %(date)s — %(status)s") % {
            "date": lima_text(timezone.localtime(invitation.created_at).date()),
            "status": invitation.status_label,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision_urls"] = self.decision_urls(self.object)
        context["is_pending"] = self.object.status == Status.PENDING
        return context


class ApplicationDecisionView(ConfirmActionView):
    """Accept or decline one application, after seeing who applied. Only pending
    applications can be decided: otherwise nothing happens and the reviewer is told so."""

    model = MembershipApplication
    form_class = ApplicationDecisionForm
    header_icon = "form"

    def get_base_object_queryset(self):
        return MembershipApplication.objects.select_related("institution")

    def get_object_label(self):
        return str(self.object)

    def is_applicable(self):
        return self.object.status == Status.PENDING

    def not_applicable_message(self):
        return services.ApplicationAlreadyReviewed(self.object).message

    def get_details(self):
        application = self.object
        applicant = f"{application.full_name} <{application.email}>"
        if application.position:
            applicant += f", {application.position}"
        return [
            (_("Applicant"), applicant),
            (_("Institution"), _institution_text(application)),
            (_("Sector"), application.get_sector_display()),
        ]

    def refused(self, error):
        if isinstance(error, services.ApplicationAlreadyReviewed):
            messages.warning(self.request, error.message)
        else:
            super().refused(error)


class ApplicationAcceptView(ApplicationDecisionView):
    page_title = gettext_lazy("Accept application")
    submit_label = gettext_lazy("Yes, accept and send the invitation")

    def get_warning(self):
        if not services.account_exists(self.object.email):
            return ""
        return _(
            "%(email)s already has an account, so no invitation can be sent. Decline the "
            "application instead, with a note that they can log in."
        ) % {"email": self.object.email}

    def confirmation_message(self):
        if self.object.institution_id:
            return _(
                "The applicant will receive an invitation by e-mail to create their account "
                "as a member of %(name)s."
            ) % {"name": self.object.institution.name}
        return _(
            "The institution “%(name)s” will be created, and the applicant will receive "
            "an invitation by e-mail to create their account as its member."
        ) % {"name": self.object.new_institution_name}

    def run(self, form):
        self.object = services.application_accept(
            application=self.object, reviewer=self.request.user, note=form.cleaned_data["note"]
        )

    def get_success_message(self):
        return _("Application accepted: %(email)s has been invited to join %(institution)s.") % {
            "email": self.object.email,
            "institution": self.object.institution.name,
        }


class ApplicationDeclineView(ApplicationDecisionView):
    page_title = gettext_lazy("Decline application")
    submit_label = gettext_lazy("Yes, decline")
    serious = True

    def confirmation_message(self):
        return _(
            "The applicant will receive a polite e-mail telling them that their "
            "application was not accepted, with your note if you write one."
        )

    def run(self, form):
        self.object = services.application_decline(
            application=self.object, reviewer=self.request.user, note=form.cleaned_data["note"]
        )

    def get_success_message(self):
        return _("Application declined; %(email)s has been told by e-mail.") % {
            "email": self.object.email
        }


class MembershipApplicationViewSet(ModelViewSet):
    model = MembershipApplication
    icon = "form"
    menu_label = gettext_lazy("Membership applications")
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Applications come from the public form; there is nothing to fill in here.
    form_fields = []
    list_filter = ["status", "sector"]
    search_fields = ["full_name", "email", "new_institution_name", "institution__name"]
    list_display = [
        "full_name",
        "email",
        Column("institution_label", label=gettext_lazy("Institution")),
        "sector",
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Status"),
            sort_key="status",
            primary=lambda application: application.status == Status.PENDING,
        ),
        BooleanColumn("has_account", label=gettext_lazy("Already has an account")),
        LimaDateColumn("created_at", label=gettext_lazy("Received")),
    ]
    inspect_view_fields = [
        "full_name",
        "email",
        "position",
        "institution_label",
        "new_institution_short_name",
        "new_institution_website",
        "sector",
        "motivation",
        "language",
        "created_at",
        "status",
        "reviewed_by",
        "reviewed_at",
        "decision_note",
        "invitation",
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(
            accept_url_name=self.get_url_name("accept"),
            decline_url_name=self.get_url_name("decline"),
            **kwargs,
        )
        # No add or edit views: see get_urlpatterns.
        view_kwargs["add_url_name"] = None
        view_kwargs["edit_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        # Wagtail's "edit this object" links lead to the review page.
        return type(
            "ApplicationAdminURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def _decision_view(self, view_class, name):
        return self.construct_view(
            view_class,
            action_url_name=self.get_url_name(name),
            return_url_name=self.get_url_name("inspect"),
        )

    def get_urlpatterns(self):
        return [
            *(
                pattern
                for pattern in super().get_urlpatterns()
                if pattern.name not in {"add", "edit"}
            ),
            path(
                "accept/<int:pk>/",
                self._decision_view(ApplicationAcceptView, "accept"),
                name="accept",
            ),
            path(
                "decline/<int:pk>/",
                self._decision_view(ApplicationDeclineView, "decline"),
                name="decline",
            ),
        ]


# ---- INSTITUTIONS


class InstitutionIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(member_count=Count("members"))


class InstitutionDeleteView(generic.DeleteView):
    """An institution with members cannot be deleted (their accounts belong to it)."""

    @cached_property
    def member_count(self) -> int:
        return self.object.members.count()

    def form_valid(self, form):
        if self.member_count:
            messages.error(self.request, self.protected_message())
            return redirect(self.get_success_url())
        return super().form_valid(form)

    def protected_message(self) -> str:
        return ngettext(
            "%(name)s has %(count)s member, so it cannot be deleted. Move the account to "
            "another institution first.",
            "%(name)s has %(count)s members, so it cannot be deleted. Move their accounts to "
            "another institution first.",
            self.member_count,
        ) % {"name": self.object.name, "count": self.member_count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.member_count:
            context["protected_message"] = self.protected_message()
        return context


class InstitutionViewSet(ModelViewSet):
    model = Institution
    icon = "site"
    menu_label = gettext_lazy("Institutions")
    index_view_class = InstitutionIndexView
    delete_view_class = InstitutionDeleteView
    delete_template_name = "members/admin/institution_delete.html"
    inspect_view_enabled = True
    copy_view_enabled = False
    ordering = "name"
    list_filter = ["sector", "is_core_group", "district"]
    search_fields = ["name", "short_name"]
    list_display = [
        "name",
        "short_name",
        "sector",
        BooleanColumn("is_core_group", label=gettext_lazy("Core Group")),
        Column("member_count", label=gettext_lazy("Members"), sort_key="member_count"),
        LimaDateColumn("date_joined", label=gettext_lazy("Date joined")),
    ]
    list_export = ["name", "short_name", "sector", "website", "is_core_group", "date_joined"]
    export_filename = "instituciones"
    # The inspect page shows what the form edits.
    inspect_view_fields = InstitutionAdminForm.Meta.fields

    def get_form_class(self, for_update=False):
        return InstitutionAdminForm


# ---- DASHBOARD PANEL


class PendingApplicationsPanel(Component):
    """On the admin home page: how many applications wait for review, with a link."""

    name = "pending_membership_applications"
    template_name = "members/admin/pending_applications_panel.html"
    order = 20

    def __init__(self, count: int, url: str):
        self.count = count
        self.url = url

    def get_context_data(self, parent_context):
        return {"count": self.count, "url": self.url}


def pending_applications_panel(user) -> PendingApplicationsPanel | None:
    policy = policy_registry.get_by_type(MembershipApplication)
    if not policy.user_has_any_permission(user, ["view", "change"]):
        return None
    url = reverse("membership_applications:index") + f"?status={Status.PENDING.value}"
    return PendingApplicationsPanel(selectors.pending_applications().count(), url)
