"""The members app in the Wagtail admin: invitations (and the open call's applications),
the two-factor recommendation on the facilitators' dashboard, and the audit-log actions of
membership decisions, invitations and role changes."""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.forms.account import AvatarPreferencesForm
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.account import AvatarSettingsPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.log_actions import log as log_action

from . import services, uploads
from .admin_actions import ConfirmActionView
from .admin_columns import LimaDateColumn
from .admin_viewsets import (
    InstitutionViewSet,
    MembershipApplicationViewSet,
    pending_applications_panel,
)
from .forms import InvitationAdminForm, InvitationEditForm, InvitationResendForm
from .models import Invitation, Role
from .two_factor import two_factor_recommended

# ---- INVITATIONS


def _can_resend(invitation: Invitation) -> bool:
    return invitation.accepted_at is None and invitation.revoked_at is None


class InvitationActionsMixin:
    """Resend / revoke links for one invitation, for the listing and the edit view."""

    resend_url_name = None
    revoke_url_name = None

    def invitation_action_buttons(self, invitation, button_class):
        if not _can_resend(invitation):
            return []
        if not self.user_has_permission("change"):
            return []
        return [
            button_class(
                _("Resend"),
                url=reverse(self.resend_url_name, args=[quote(invitation.pk)]),
                icon_name="mail",
                priority=40,
            ),
            button_class(
                _("Revoke"),
                url=reverse(self.revoke_url_name, args=[quote(invitation.pk)]),
                icon_name="cross",
                priority=50,
            ),
        ]


class InvitationIndexView(InvitationActionsMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("institution", "invited_by")

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *self.invitation_action_buttons(instance, MenuItem),
        ]


class InvitationCreateView(generic.CreateView):
    """Creating an invitation goes through the service, which also sends the e-mail."""

    success_message = gettext_lazy("Invitation sent to %(object)s.")

    def save_instance(self):
        data = self.form.cleaned_data
        return services.invitation_create(
            email=data["email"],
            institution=data["institution"],
            role=data["role"],
            invited_by=self.request.user,
            full_name=data.get("full_name", ""),
            position=data.get("position", ""),
            message=data.get("message", ""),
            language=data["language"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class InvitationEditView(InvitationActionsMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *self.invitation_action_buttons(self.object, Button),
        ]


class InvitationActionView(ConfirmActionView):
    """Confirm, then act on one invitation; back to the listing."""

    model = Invitation
    header_icon = "mail"

    def get_success_message(self):
        return self.success_message % {"object": self.object}


class InvitationResendView(InvitationActionView):
    form_class = InvitationResendForm
    page_title = gettext_lazy("Resend invitation")
    submit_label = gettext_lazy("Yes, resend")
    success_message = gettext_lazy("Invitation sent again to %(object)s.")

    def confirmation_message(self):
        return _(
            "The link will be sent again to %(email)s and will be valid for another "
            "period from today."
        ) % {"email": self.object.email}

    def run(self, form):
        services.invitation_resend(
            invitation=self.object,
            language=form.cleaned_data["language"],
            user=self.request.user,
        )


class InvitationRevokeView(InvitationActionView):
    page_title = gettext_lazy("Revoke invitation")
    submit_label = gettext_lazy("Yes, revoke")
    success_message = gettext_lazy("The invitation to %(object)s has been revoked.")

    def confirmation_message(self):
        return _(
            "The link sent to %(email)s will stop working. You can invite this person again later."
        ) % {"email": self.object.email}

    def run(self, form):
        services.invitation_revoke(invitation=self.object, user=self.request.user)


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = gettext_lazy("Invitations")
    menu_order = 210
    copy_view_enabled = False
    index_view_class = InvitationIndexView
    add_view_class = InvitationCreateView
    edit_view_class = InvitationEditView
    search_fields = ["email", "full_name"]
    list_filter = ["role", "institution"]
    list_display = [
        "email",
        "full_name",
        "institution",
        StatusTagColumn(
            "status_label",
            label=gettext_lazy("Status"),
            primary=lambda invitation: invitation.is_usable,
        ),
        Column("invited_by", label=gettext_lazy("Invited by")),
        LimaDateColumn("created_at", label=gettext_lazy("Sent")),
        LimaDateColumn("expires_at", label=gettext_lazy("Expires")),
    ]

    def get_form_class(self, for_update=False):
        return InvitationEditForm if for_update else InvitationAdminForm

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            resend_url_name=self.get_url_name("resend"),
            revoke_url_name=self.get_url_name("revoke"),
            **kwargs,
        )

    def _action_view(self, view_class, name):
        return self.construct_view(view_class, action_url_name=self.get_url_name(name))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "resend/<int:pk>/",
                self._action_view(InvitationResendView, "resend"),
                name="resend",
            ),
            path(
                "revoke/<int:pk>/",
                self._action_view(InvitationRevokeView, "revoke"),
                name="revoke",
            ),
        ]


invitation_viewset = InvitationViewSet("invitations")


# ---- COMMUNITY MENU: applications (the open call), institutions and invitations


class CommunityViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Community")
    menu_icon = "group"
    menu_order = 200
    items = (
        MembershipApplicationViewSet("membership_applications", url_prefix="applications"),
        InstitutionViewSet("institutions"),
        invitation_viewset,
    )


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_pending_applications_panel(request, panels):
    panel = pending_applications_panel(request.user)
    if panel is not None:
        panels.append(panel)


# ---- TWO-FACTOR RECOMMENDATION


class TwoFactorRecommendationPanel(Component):
    name = "two_factor_recommendation"
    template_name = "members/admin/two_factor_panel.html"
    order = 10

    def get_context_data(self, parent_context):
        return {"mfa_url": reverse("mfa_activate_totp")}


@hooks.register("construct_homepage_panels")
def add_two_factor_recommendation(request, panels):
    if two_factor_recommended(request.user):
        panels.append(TwoFactorRecommendationPanel())


# ---- AUDIT LOG: membership decisions, invitations and role changes, recorded by the
# services (and by the hooks below), shown in each object's history and in the admin's
# "Site history" report with who did it and when.


def _with_note(message: str, data: dict) -> str:
    note = data.get("note", "")
    return f"{message} — {_('Note: %(note)s') % {'note': note}}" if note else message


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


class _DataFormatter(LogFormatter):
    """A message built from the entry's data with `template` (translated when shown)."""

    template = ""

    def context(self, data: dict) -> dict:
        return {
            "email": data.get("email", ""),
            "institution": data.get("institution", ""),
            "role": _role_label(data.get("role", "")),
        }

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _with_note(str(self.template) % self.context(data), data)


# action: (label, message made from the entry's data)
DATA_LOG_ACTIONS = {
    "members.application_accept": (
        gettext_lazy("Accept application"),
        gettext_lazy("Application accepted: %(email)s invited to join %(institution)s"),
    ),
    "members.application_decline": (
        gettext_lazy("Decline application"),
        gettext_lazy("Application from %(email)s (%(institution)s) declined"),
    ),
    "members.invitation_send": (
        gettext_lazy("Send invitation"),
        gettext_lazy("Invitation sent to %(email)s to join %(institution)s as %(role)s"),
    ),
    "members.invitation_resend": (
        gettext_lazy("Resend invitation"),
        gettext_lazy("Invitation sent again to %(email)s"),
    ),
    "members.invitation_revoke": (
        gettext_lazy("Revoke invitation"),
        gettext_lazy("Invitation to %(email)s revoked"),
    ),
    "members.invitation_accept": (
        gettext_lazy("Accept invitation"),
        gettext_lazy("Invitation accepted by %(email)s, who joined %(institution)s"),
    ),
}


@hooks.register("register_log_actions")
def register_members_log_actions(actions):
    for action, (label, template) in DATA_LOG_ACTIONS.items():
        formatter = type("DataFormatter", (_DataFormatter,), {"label": label, "template": template})
        actions.register_action(action)(formatter)

    @actions.register_action("members.role_change")
    class RoleChanged(LogFormatter):
        label = gettext_lazy("Change role")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Groups changed from %(before)s to %(after)s") % {
                "before": _group_list(data.get("before", [])),
                "after": _group_list(data.get("after", [])),
            }


def _group_list(names: list[str]) -> str:
    return ", ".join(names) if names else _("none")


def _group_names(user) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


@hooks.register("before_edit_user")
def remember_groups_before_edit(request, user):
    request._groups_before_edit = _group_names(user)


@hooks.register("after_edit_user")
def log_role_change_after_edit(request, user):
    _log_role_change(request, user, before=getattr(request, "_groups_before_edit", []))


@hooks.register("after_create_user")
def log_role_on_create(request, user):
    _log_role_change(request, user, before=[])


def _log_role_change(request, user, *, before: list[str]) -> None:
    """Who gave whom which role: the groups (roles) of an account changed in the admin."""
    after = _group_names(user)
    if after != before:
        log_action(
            user, "members.role_change", user=request.user, data={"before": before, "after": after}
        )


# ---- PROFILE PICTURES
#
# Wagtail's account page lets admin users upload a profile picture, stored in the public
# media folder: it is checked like every other upload (members.uploads) before Wagtail
# resizes it.


class CheckedAvatarForm(AvatarPreferencesForm):
    # A plain file field: the image is checked here before Pillow opens it.
    avatar = forms.FileField(
        label=AvatarPreferencesForm.base_fields["avatar"].label, required=False
    )

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if isinstance(upload, UploadedFile):
            checked = uploads.check_upload(upload, kind=uploads.AVATAR)
            upload.name = checked.safe_name
        return super().clean_avatar()


AvatarSettingsPanel.form_class = CheckedAvatarForm
