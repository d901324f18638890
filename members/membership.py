"""When someone stops being a member of the Community (their role groups were taken away,
or their account was closed), `membership_ended` is sent with the ids of those people, so
that higher apps can let go of what came with the role (workshops free their seats).

Whether a person is still a member is decided once the transaction that changed them has
committed: changing a role removes the old group before adding the new one (Django's
`groups.set()`, `roles.set_role`), and nobody loses anything in between.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import Signal

from .models import User

# Sent with `user_ids`: people who were members until this transaction, and are no more.
membership_ended = Signal()

# Saving these fields can end a membership (a closed account, a superuser no more).
_MEMBERSHIP_FIELDS = {"is_active", "is_superuser"}


def _check_after_commit(user_ids) -> None:
    user_ids = {int(pk) for pk in user_ids}
    if not user_ids:
        return

    def check():
        from .selectors import members

        still = set(members().filter(pk__in=user_ids).values_list("pk", flat=True))
        if gone := sorted(user_ids - still):
            membership_ended.send(sender=User, user_ids=gone)

    transaction.on_commit(check)


def _on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not reverse:  # user.groups.remove(...) / .clear() / .set(...)
        if action in ("post_remove", "post_clear"):
            _check_after_commit([instance.pk])
        return
    # group.user_set.remove(...) / .clear(): the people are the keys
    if action == "pre_clear":
        instance._members_before_clear = list(instance.user_set.values_list("pk", flat=True))
    elif action == "post_clear":
        _check_after_commit(getattr(instance, "_members_before_clear", []))
    elif action == "post_remove":
        _check_after_commit(pk_set or [])


def _remember_flags(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.pk is None:
        return
    if update_fields is not None and not _MEMBERSHIP_FIELDS & set(update_fields):
        return  # e.g. last_login at each log-in
    instance._flags_before = (
        User.objects.filter(pk=instance.pk).values_list("is_active", "is_superuser").first()
    )


def _on_user_saved(sender, instance, created, **kwargs) -> None:
    before = getattr(instance, "_flags_before", None)
    instance._flags_before = None
    if before is None:
        return
    was_active, was_superuser = before
    if (was_active and not instance.is_active) or (was_superuser and not instance.is_superuser):
        _check_after_commit([instance.pk])


def connect() -> None:
    m2m_changed.connect(
        _on_groups_changed, sender=User.groups.through, dispatch_uid="col-membership-groups"
    )
    pre_save.connect(_remember_flags, sender=User, dispatch_uid="col-membership-flags")
    post_save.connect(_on_user_saved, sender=User, dispatch_uid="col-membership-saved")


__all__ = ["connect", "membership_ended"]
