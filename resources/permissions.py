"""Who may do what with the documents in the Wagtail admin.

Wagtail's policy for documents treats "delete" as "change", so everyone who may edit a
document (the facilitators) may also delete it. The roles leave deleting to the
administrators (members.roles: they alone have ``delete_document`` on the collections):
this policy asks for that permission, and is otherwise Wagtail's.
"""

from wagtail.documents import get_document_model_string
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

DELETE = "delete"


class DocumentPermissionPolicy(CollectionOwnershipPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == DELETE:
            return self._check_perm(user, [DELETE])
        return super().user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        others = [action for action in actions if action != DELETE]
        if DELETE in actions and self._check_perm(user, [DELETE], collection=instance.collection):
            return True
        return bool(others) and super().user_has_any_permission_for_instance(user, others, instance)

    def users_with_any_permission(self, actions):
        if DELETE not in actions:
            return super().users_with_any_permission(actions)
        others = [action for action in actions if action != DELETE]
        deleters = self._users_with_perm([DELETE])
        return (
            (deleters | super().users_with_any_permission(others)).distinct()
            if others
            else (deleters)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if DELETE not in actions:
            return super().instances_user_has_any_permission_for(user, actions)
        others = [action for action in actions if action != DELETE]
        collections = self.collections_user_has_permission_for(user, DELETE)
        deletable = self.model.objects.filter(collection__in=collections)
        if user.is_active and user.is_superuser:
            deletable = self.model.objects.all()
        if not others:
            return deletable
        return deletable | super().instances_user_has_any_permission_for(user, others)


def document_permission_policy() -> DocumentPermissionPolicy:
    return DocumentPermissionPolicy(
        get_document_model_string(),
        auth_model="wagtaildocs.Document",
        owner_field_name="uploaded_by_user",
    )
