"""Wagtail's Users admin with the portal's one name field.

Wagtail's user forms ask for a first and a last name, which our User does not have (it has
`full_name`, as people write their names in Peru: two surnames, compound first names). These
forms ask for the full name instead; members.users_app.WagtailUsersConfig plugs the
viewset in.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

PORTAL_FIELDS = {"email", "full_name", "is_superuser", "groups"}


class PortalUserCreationForm(UserCreationForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("full name"), max_length=150, required=True)

    class Meta(UserCreationForm.Meta):
        fields = PORTAL_FIELDS


class PortalUserEditForm(UserEditForm):
    first_name = None
    last_name = None
    full_name = forms.CharField(label=_("full name"), max_length=150, required=True)

    class Meta(UserEditForm.Meta):
        fields = PORTAL_FIELDS | {"is_active"}


class PortalUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return PortalUserEditForm if for_update else PortalUserCreationForm
