"""Confirm, then act: the one kind of admin page for a facilitator's one-off action on one
object (archive a lesson, hide a comment, cancel a workshop, resend an invitation, accept
an application...). Every app's actions configure it; it lives on the ground floor so that
all of them can.

GET shows what will happen (and a form when the action needs a reason or a message); POST
(with CSRF) calls the service and comes back with a message. Built on Wagtail's generic
views: the object is found as in Wagtail's own operation views (BaseObjectMixin), the
permission is the viewset's policy (PermissionCheckedMixin) and the page has the admin's
header and breadcrumbs (WagtailAdminTemplateMixin).
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str, get_valid_next_url_from_request
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin


def next_path(next_url: str) -> str:
    """`next_url` when it is a path on this site, else "": Wagtail's check lets through any
    relative text ("abc"), which `redirect()` then takes for a view name (a 500)."""
    return next_url if next_url.startswith("/") and not next_url.startswith("//") else ""


def safe_next(request) -> str:
    """The `?next=` address of the request, when it is a path on this site."""
    return next_path(get_valid_next_url_from_request(request))


def next_query(next_url: str) -> str:
    """`?next=…` to come back to `next_url` after an action (nothing when it is empty)."""
    return f"?{urlencode({'next': next_url})}" if next_url else ""


class ConfirmActionView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, BaseObjectMixin, FormView
):
    """One action on one object, confirmed first. Each action sets what it says and does:

    - `page_title`, `header_icon`, `submit_label`, `serious` (a red button),
      `cancel_label`, `form_class` (a reason, a message...), `permission_required`;
    - `confirmation_message()`, and `get_details()` / `get_warning()` / `quoted()` when the
      person needs to see more of the object before deciding;
    - `run(form)`: the service it calls; a ValidationError it raises is shown as an error;
    - `get_success_message()`;
    - where it returns: the valid `?next=` address it was opened with, else the object's
      page (`return_url_name`, given the object's key), else the listing (`index_url_name`);
      `get_success_url()` may lead elsewhere after the action.

    `is_applicable()` / `not_applicable_message()`: when there is nothing to do (an
    archived lesson to archive), the confirmation page is not shown.
    """

    permission_required = "change"
    template_name = "members/admin/confirm_action.html"
    form_class = forms.Form
    index_url_name = None
    return_url_name = None
    action_url_name = None
    submit_label = ""
    cancel_label = gettext_lazy("Cancel")
    serious = False
    success_message = ""

    def get_object_label(self) -> str:
        return get_latest_str(self.object)

    def get_page_subtitle(self):
        return self.get_object_label()

    def get_return_url(self) -> str:
        if next_url := safe_next(self.request):
            return next_url
        if self.return_url_name:
            return reverse(self.return_url_name, args=[quote(self.object.pk)])
        return reverse(self.index_url_name)

    def get_success_url(self) -> str:
        return self.get_return_url()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": self.get_return_url(), "label": self.get_object_label()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_action_url(self) -> str:
        url = reverse(self.action_url_name, args=[quote(self.object.pk)])
        return url + next_query(safe_next(self.request))

    def is_applicable(self) -> bool:
        return True

    def not_applicable_message(self) -> str:
        return _("There is nothing to change.")

    def confirmation_message(self) -> str:
        return ""

    def get_details(self) -> list[tuple[str, str]]:
        return []

    def get_warning(self) -> str:
        return ""

    def quoted(self) -> dict | None:
        """What the action is about, quoted on the page: {"text", "caption"}, or None."""
        return None

    def get(self, request, *args, **kwargs):
        if not self.is_applicable():
            messages.warning(request, self.not_applicable_message())
            return redirect(self.get_return_url())
        return super().get(request, *args, **kwargs)

    def run(self, form) -> None:
        raise NotImplementedError

    def get_success_message(self) -> str:
        return self.success_message

    def refused(self, error: ValidationError) -> None:
        messages.error(self.request, " ".join(error.messages))

    def form_valid(self, form):
        try:
            self.run(form)
        except ValidationError as error:
            self.refused(error)
            return redirect(self.get_return_url())
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "object": self.object,
                "action_url": self.get_action_url(),
                "cancel_url": self.get_return_url(),
                "cancel_label": self.cancel_label,
                "confirmation_message": self.confirmation_message(),
                "details": self.get_details(),
                "warning": self.get_warning(),
                "quoted": self.quoted(),
                "submit_label": self.submit_label,
                "serious": self.serious,
            }
        )
        return context
