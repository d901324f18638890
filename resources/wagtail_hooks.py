"""The resources app in the Wagtail admin: members' comments on the Foundational Document
(read, hide with a reason, show again), and their audit-log actions; the library's
resources (the "Library" menu) and the check on downloading their documents."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import (
    Column,
    LiveStatusTagColumn,
    StatusTagColumn,
    UpdatedAtColumn,
)
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from members.exports import SpreadsheetExportMixin
from members.places import DistrictCheckboxes
from themes.admin_views import (
    CommentViewSet,
    RevisionsUnscheduleView,
    register_comment_log_actions,
)
from themes.models import Visibility

from . import document_access, services
from . import selectors as library_selectors
from .library import Resource
from .pages import SectionComment

# ---- COMMENTS ON THE FOUNDATIONAL DOCUMENT: the same screens as the comments on lessons
# (themes.admin_views.CommentViewSet), on SectionComment.


class SectionCommentViewSet(CommentViewSet):
    """Members' comments on the Foundational Document: read, hide, show again."""

    model = SectionComment
    commented_field = "page"
    hidden_message = gettext_lazy(
        "The comment will no longer be shown to members on the Foundational Document. It "
        "is kept, with your reason, and can be shown again."
    )
    shown_message = gettext_lazy(
        "The comment will be shown again to members on the Foundational Document. It was "
        "hidden because: %(reason)s"
    )
    # Short enough for the admin sidebar ("Comentarios sobre el Documento…" was cut).
    menu_label = pgettext_lazy("admin menu", "Document comments")
    add_to_admin_menu = True
    menu_order = 215
    search_fields = ["body", "author__full_name", "anchor"]
    list_display = [
        "body",
        Column("page", label=gettext_lazy("Document")),
        Column("section_title", label=gettext_lazy("Section")),
        *CommentViewSet.list_display[2:],
    ]
    inspect_view_fields = ["page", "anchor", *CommentViewSet.inspect_view_fields[1:]]

    def place_link(self, comment):
        if comment.page.live:
            return _("See it on the site"), comment.get_absolute_url(), "link-external"
        return None


@hooks.register("register_admin_viewset")
def register_section_comment_viewset():
    return SectionCommentViewSet("section_comments", url_prefix="document-comments")


@hooks.register("register_log_actions")
def register_section_comment_log_actions(actions):
    register_comment_log_actions(actions, SectionComment)


# ---- THE LIBRARY
#
# Resources are snippets with drafts, revisions, locking and the contributions' moderation
# workflow: facilitators add and publish them here; members' proposals arrive in review.


class ResourceAdminForm(WagtailAdminModelForm):
    """The slug may be left empty: it is made from the title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = gettext_lazy(
                "The resource's address on the portal. Leave it empty to make it from the title."
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug in services.RESERVED_SLUGS:
            raise ValidationError(_("This address is reserved: choose another one."))
        return slug

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = services.unique_resource_slug(cleaned["title"], self.instance.pk)
            self.instance.slug = cleaned["slug"]
        return cleaned


resource_edit_handler = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("kind"),
                FieldPanel("summary"),
            ],
            heading=gettext_lazy("The resource"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("institutions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("districts", widget=DistrictCheckboxes),
                FieldPanel("other_authors"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("language")]),
            ],
            heading=gettext_lazy("Themes, authors and date"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=gettext_lazy(
                        "Give a file, or a link to where the resource is published, not both. "
                        "With neither, the resource is shown as “description only: the "
                        "document is not available on the portal”."
                    )
                ),
                FieldPanel("document"),
                FieldPanel("external_url"),
            ],
            heading=gettext_lazy("File or link"),
        ),
        MultiFieldPanel(
            [FieldPanel("visibility"), FieldPanel("proposed_by", read_only=True)],
            heading=gettext_lazy("Visibility"),
        ),
    ],
    base_form_class=ResourceAdminForm,
)


class ResourceIndexView(SpreadsheetExportMixin, SnippetIndexView):
    """The library's listing; its export in Spanish (see members.exports)."""


class ResourceViewSet(SnippetViewSet):
    model = Resource
    index_view_class = ResourceIndexView
    revisions_unschedule_view_class = RevisionsUnscheduleView
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Resources")
    menu_name = "resources"
    menu_item_is_registered = True
    edit_handler = resource_edit_handler
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["kind", "visibility", "live", "language"]
    search_fields = ["title", "summary", "other_authors"]
    # The ORM search (icontains) finds partial words in the admin.
    search_backend_name = None
    ordering = "-_updated_at"
    list_per_page = 30
    list_display = [
        "title",
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display", sort_key="kind"),
        Column("year", label=gettext_lazy("Year"), sort_key="year"),
        StatusTagColumn(
            "visibility",
            label=gettext_lazy("Visibility"),
            accessor="get_visibility_display",
            sort_key="visibility",
            primary=lambda resource: resource.visibility == Visibility.MEMBERS,
        ),
        LiveStatusTagColumn(),
        UpdatedAtColumn(),
    ]
    list_export = [
        "title",
        "kind",
        "year",
        "language",
        "other_authors",
        "visibility",
        "live",
        "external_url",
        "first_published_at",
    ]
    export_headings = {
        "live": gettext_lazy("Published"),
        "first_published_at": gettext_lazy("First published (Lima time)"),
    }
    export_filename = "biblioteca"
    inspect_view_fields = [
        "title",
        "kind",
        "summary",
        "themes",
        "tags",
        "institutions",
        "other_authors",
        "year",
        "language",
        "document",
        "external_url",
        "visibility",
        "proposed_by",
        "live",
        "first_published_at",
        "last_published_at",
    ]


class LibraryViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Library")
    menu_icon = "folder-open-inverse"
    menu_order = 230
    items = (ResourceViewSet,)


register_snippet(LibraryViewSetGroup)


@hooks.register("before_serve_document")
def serve_only_documents_the_visitor_may_read(document, request):
    """Deny by default: a document is served only when something the visitor may see
    refers to it (resources.document_access); others get the portal's 404."""
    if not document_access.may_download(request.user, document):
        raise Http404


@hooks.register(document_access.READER_HOOK)
def library_resources_let_read(user, document):
    return library_selectors.library_lets_read(user, document)


@hooks.register(document_access.READER_HOOK)
def live_pages_let_read(user, document):
    return any(
        document_access.may_view_page(user, page)
        for page in document_access.live_pages_referring_to(document)
    )
