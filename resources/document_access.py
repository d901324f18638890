"""Who may download a Wagtail document: deny by default.

A document is served to a visitor only when something that visitor may see refers to it:
a published resource of the library they may read (or their own proposal), a live page
they may view, a material of a workshop they may see. Facilitators (and administrators)
may always download, as they manage the documents in the admin. Anything else — a file
uploaded and not yet used, the material of a deleted workshop, a document taken out of
a members-only workshop — is refused with the portal's 404.

Each app says what of its own refers to a document by registering a function
``(user, document) -> bool`` under the Wagtail hook ``READER_HOOK``; this module, on the
floor that owns the document model, never imports the higher apps.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from members.roles import is_facilitator

READER_HOOK = "col_document_readable_by"


def may_download(user, document) -> bool:
    if is_facilitator(user):
        return True
    return any(reader(user, document) for reader in hooks.get_hooks(READER_HOOK))


def is_public(document) -> bool:
    """Whether an anonymous visitor may download it (otherwise it is members-only)."""
    return may_download(AnonymousUser(), document)


def live_pages_referring_to(document):
    """The live pages whose content (rich text, StreamField) refers to the document,
    from Wagtail's reference index (kept by Wagtail on every save)."""
    references = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    page_ids = references.values_list("object_id", flat=True)
    return Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids])


def may_view_page(user, page) -> bool:
    """A live page, with every view restriction on it or its ancestors passed by `user`
    (Wagtail's restrictions: log-in, groups; a password restriction is never passed
    here, as it lives in the visitor's session for the page only)."""
    restrictions = PageViewRestriction.objects.filter(
        page__in=page.get_ancestors(inclusive=True)
    ).prefetch_related("groups")
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return False
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            if not user.is_authenticated:
                return False
        elif restriction.restriction_type == PageViewRestriction.GROUPS:
            if not user.is_authenticated:
                return False
            if (
                not user.is_superuser
                and not user.groups.filter(
                    pk__in=[group.pk for group in restriction.groups.all()]
                ).exists()
            ):
                return False
    return True
