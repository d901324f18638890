"""The resources app in the Wagtail admin: members' comments on the Foundational Document
(read, hide with a reason, show again), and their audit-log actions."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import LogFormatter

from themes.admin_views import (
    CommentHideView,
    CommentIndexView,
    CommentInspectView,
    CommentUnhideView,
    CommentViewSet,
)

from . import services
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
    menu_label = gettext_lazy("Comments on the Foundational Document")
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
