"""Wagtail's users app, with the portal's Users admin (members.admin_users).

Listed in INSTALLED_APPS in place of `wagtail.users`. In a module of its own: in
members/apps.py a second AppConfig would stop Django from choosing `MembersConfig`.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "members.admin_users.PortalUserViewSet"
