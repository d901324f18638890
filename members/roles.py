"""The portal's roles, kept as Django groups with permissions.

`sync_roles` is called by data migrations (with the historical app registry): each app
that adds permissions a role needs adds a migration that calls it again. It only adds what
is missing, so running it twice changes nothing.
"""

from django.contrib.auth.models import Group

MEMBERS = "Miembros"
FACILITATORS = "Facilitadores"
ADMINISTRATORS = "Administradores"
ROLE_GROUPS = (MEMBERS, FACILITATORS, ADMINISTRATORS)

# "app_label.codename"; permissions that do not exist yet (an app not migrated so far)
# are skipped and picked up by that app's own migration.
MEMBER_PERMISSIONS: list[str] = []

FACILITATOR_PERMISSIONS = [
    "wagtailadmin.access_admin",
    "members.view_institution",
    "members.add_institution",
    "members.change_institution",
    "members.view_user",
    "members.view_invitation",
    "members.add_invitation",
    "members.change_invitation",
    "members.view_membershipapplication",
    "members.change_membershipapplication",
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
    "resources.add_privatedocument",
    "resources.change_privatedocument",
    "resources.choose_document",
    # Wagtail checks documents against its own Document permissions, whatever the
    # document model: without these, only superusers could upload library files and
    # workshop materials.
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
    # The Foundational Document: hiding members' comments on its sections; translating
    # pages into English (wagtail.contrib.simple_translation).
    "resources.view_sectioncomment",
    "resources.change_sectioncomment",
    "simple_translation.submit_translation",
    # Settings → Licence: the licence of the content and the open data.
    "members.change_licencesettings",
    # Settings → Contact: where the contact form's messages go.
    "resources.change_contactsettings",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    # Lessons and experiences: moderation, featuring, archiving, tags; hiding comments.
    "themes.view_theme",
    "themes.change_theme",
    "themes.view_contribution",
    "themes.change_contribution",
    "themes.publish_contribution",
    "themes.lock_contribution",
    "themes.unlock_contribution",
    "themes.view_comment",
    "themes.change_comment",
    # Applications of lessons ("we applied this"): moderated like the lessons.
    "themes.view_lessonapplication",
    "themes.change_lessonapplication",
    "themes.publish_lessonapplication",
    "themes.lock_lessonapplication",
    "themes.unlock_lessonapplication",
    # The library: add, edit, publish and moderate resources (members' proposals go
    # through the same workflow as contributions). Deleting is left to administrators.
    "resources.view_resource",
    "resources.add_resource",
    "resources.change_resource",
    "resources.publish_resource",
    "resources.lock_resource",
    "resources.unlock_resource",
    # Workshops: plan, edit, duplicate, cancel; registrations, attendance; commitments.
    # Deleting a workshop (and its registrations) is left to administrators.
    "workshops.view_workshop",
    "workshops.add_workshop",
    "workshops.change_workshop",
    "workshops.view_registration",
    "workshops.change_registration",
    "workshops.view_commitment",
    "workshops.add_commitment",
    "workshops.change_commitment",
    # Agreement spaces (dialogue tables, technical tables, agreements between institutions).
    "workshops.view_agreementspace",
    "workshops.add_agreementspace",
    "workshops.change_agreementspace",
    # Prioritisation rounds (TAP-Plus): frame, open, close and publish; moderate solutions.
    "themes.view_prioritisationround",
    "themes.add_prioritisationround",
    "themes.change_prioritisationround",
    "themes.view_solution",
    "themes.change_solution",
]

# Page and collection permissions are granted on the tree root, so they cover everything.
FACILITATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
ADMINISTRATOR_PAGE_PERMISSIONS = [*FACILITATOR_PAGE_PERMISSIONS, "bulk_delete_page"]
COLLECTION_PERMISSIONS = {
    "resources": ["add_privatedocument", "change_privatedocument", "choose_document"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".", 1)
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def _ensure_all_permissions_exist(apps):
    """Django creates permissions after migrating; a data migration needs them now."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _grant_tree_permissions(apps, group, page_codenames, collection_map):
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in page_codenames:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission:
                GroupPagePermission.objects.get_or_create(
                    group_id=group.pk, page_id=root_page.pk, permission_id=permission.pk
                )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in collection_map.items():
            for codename in codenames:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if permission:
                    GroupCollectionPermission.objects.get_or_create(
                        group_id=group.pk,
                        collection_id=root_collection.pk,
                        permission_id=permission.pk,
                    )


def sync_roles(apps, schema_editor=None):
    """Create the three role groups and give them their permissions (idempotent)."""
    _ensure_all_permissions_exist(apps)
    GroupModel = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    members, _ = GroupModel.objects.get_or_create(name=MEMBERS)
    members.permissions.add(*_permissions(apps, MEMBER_PERMISSIONS))

    facilitators, _ = GroupModel.objects.get_or_create(name=FACILITATORS)
    facilitators.permissions.add(*_permissions(apps, MEMBER_PERMISSIONS + FACILITATOR_PERMISSIONS))
    _grant_tree_permissions(
        apps, facilitators, FACILITATOR_PAGE_PERMISSIONS, COLLECTION_PERMISSIONS
    )

    administrators, _ = GroupModel.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(*Permission.objects.all())
    _grant_tree_permissions(
        apps,
        administrators,
        ADMINISTRATOR_PAGE_PERMISSIONS,
        {
            "resources": [*COLLECTION_PERMISSIONS["resources"], "delete_privatedocument"],
            "wagtaildocs": [*COLLECTION_PERMISSIONS["wagtaildocs"], "delete_document"],
            "wagtailimages": [*COLLECTION_PERMISSIONS["wagtailimages"], "delete_image"],
        },
    )


def user_role_names(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_member(user) -> bool:
    """Anyone with a role (member, facilitator, administrator) is a member of the Community."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(user_role_names(user))


def is_facilitator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or bool(user_role_names(user) & {FACILITATORS, ADMINISTRATORS})


def is_administrator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or ADMINISTRATORS in user_role_names(user)


def set_role(user, role: str) -> None:
    """Give a user exactly one role group: "member", "facilitator" or "administrator"."""
    name = {"member": MEMBERS, "facilitator": FACILITATORS, "administrator": ADMINISTRATORS}[role]
    user.groups.remove(*Group.objects.filter(name__in=ROLE_GROUPS).exclude(name=name))
    user.groups.add(Group.objects.get(name=name))
    user._role_names = {name}
