from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from members.membership import membership_ended

        membership_ended.connect(
            _release_seats, dispatch_uid="col-workshops-release-former-members"
        )


def _release_seats(sender, user_ids, **kwargs) -> None:
    """Someone who is no longer a member frees the seats they held at coming workshops."""
    from .services import registrations_release_for_former_members

    registrations_release_for_former_members(user_ids=user_ids)
