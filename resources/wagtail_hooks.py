"""The resources app in the Wagtail admin: members' comments on the Foundational Document
(read, hide with a reason, show again), and their audit-log actions; the library's
resources (the "Library" menu) and the check on downloading their documents."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    LiveStatusTagColumn,
    StatusTagColumn,
    UpdatedAtColumn,
)
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from members.exports import SpreadsheetExportMixin
from themes.admin_views import (
    CommentHideView,
    CommentIndexView,
    CommentInspectView,
    CommentUnhideView,
    CommentViewSet,
    RevisionsUnscheduleView,
)
from themes.models import Visibility

from . import document_access, services
from . import selectors as library_selectors
from .library import Resource
from .pages import SectionComment

# ---- COMMENTS ON THE FOUNDATIONAL DOCUMENT
#
# The same screens as the comments on lessons (themes.admin_views), on SectionComment.


def _with_relations(queryset):
    return queryset.select_related("page", "author__institution", "hidden_by")


class SectionCommentIndexView(CommentIndexView):
    def get_base_queryset(self):
        return _with_relations(super(CommentIndexView, self).get_base_queryset())


class SectionCommentInspectView(CommentInspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(_with_relations(SectionComment.objects.all()), pk=self.pk)

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(label, url=url, icon_name=icon)
            for label, url, icon in self.comment_action_urls(self.object)
        ]
        if self.object.page.live:
            buttons.append(
                HeaderButton(
                    _("See it on the site"),
                    url=self.object.get_absolute_url(),
                    icon_name="link-external",
                )
            )
        return buttons


class SectionCommentHideView(CommentHideView):
    model = SectionComment

    def get_queryset(self):
        return SectionComment.objects.select_related("page", "author")

    def confirmation_message(self):
        return _(
            "The comment will no longer be shown to members on the Foundational Document. It "
            "is kept, with your reason, and can be shown again."
        )

    def form_valid(self, form):
        try:
            services.section_comment_hide(
                user=self.request.user, comment=self.object, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("The comment is now hidden."))
        return redirect(self.get_return_url())


class SectionCommentUnhideView(CommentUnhideView):
    model = SectionComment

    def confirmation_message(self):
        return _(
            "The comment will be shown again to members on the Foundational Document. It was "
            "hidden because: %(reason)s"
        ) % {"reason": self.object.hidden_reason}

    def run(self, form):
        services.section_comment_unhide(user=self.request.user, comment=self.object)


class SectionCommentViewSet(CommentViewSet):
    """Members' comments on the Foundational Document: read, hide, show again."""

    model = SectionComment
    icon = "comment"
    # Short enough for the admin sidebar ("Comentarios sobre el Documento…" was cut).
    menu_label = pgettext_lazy("admin menu", "Document comments")
    add_to_admin_menu = True
    menu_order = 215
    index_view_class = SectionCommentIndexView
    inspect_view_class = SectionCommentInspectView
    search_fields = ["body", "author__full_name", "anchor"]
    list_display = [
        "body",
        Column("page", label=gettext_lazy("Document")),
        Column("anchor", label=gettext_lazy("Section")),
        Column("author", label=gettext_lazy("Author")),
        Column("author.institution", label=gettext_lazy("Institution")),
        DateColumn("created_at", label=gettext_lazy("Written"), sort_key="created_at"),
        StatusTagColumn(
            "visibility_label",
            label=gettext_lazy("Shown"),
            accessor=lambda comment: _("hidden") if comment.is_hidden else _("shown"),
            sort_key="is_hidden",
            primary=lambda comment: not comment.is_hidden,
        ),
    ]
    inspect_view_fields = [
        "page",
        "anchor",
        "author",
        "author_institution",
        "created_at",
        "body",
        "is_hidden",
        "hidden_reason",
        "hidden_by",
        "hidden_at",
    ]

    def get_urlpatterns(self):
        return [
            *(
                pattern
                for pattern in super().get_urlpatterns()
                if pattern.name not in {"hide", "unhide"}
            ),
            path("hide/<int:pk>/", self._action_view(SectionCommentHideView, "hide"), name="hide"),
            path(
                "unhide/<int:pk>/",
                self._action_view(SectionCommentUnhideView, "unhide"),
                name="unhide",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_section_comment_viewset():
    return SectionCommentViewSet("section_comments", url_prefix="document-comments")


@hooks.register("register_log_actions")
def register_section_comment_log_actions(actions):
    actions.register_action(
        "resources.section_comment_unhide",
        gettext_lazy("Show comment"),
        gettext_lazy("Comment shown again"),
    )

    @actions.register_action("resources.section_comment_hide")
    class SectionCommentHidden(LogFormatter):
        label = gettext_lazy("Hide comment")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Comment hidden: %(reason)s") % {"reason": reason}


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
