"""The facilitators' side of lessons in the Wagtail admin: the "Lessons" menu with the
contributions (Wagtail snippets with drafts, revisions, workflow and locking), the moderation
queue and the comments; and the audit-log actions that the services record."""

from django import forms
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, StatusTagColumn, UpdatedAtColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from members.places import DistrictCheckboxes

from .admin_views import (
    CONTRIBUTION_ACTION_VIEWS,
    CommentViewSet,
    ContributionAdminForm,
    ContributionEditView,
    ContributionFilterSet,
    ContributionIndexView,
    ModerationQueueViewSet,
    RevisionsUnscheduleView,
    register_comment_log_actions,
)
from .models import SECTION_NAMES, Comment, Contribution, LessonApplication, Visibility
from .selectors import contribution_status

contribution_edit_handler = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("summary"),
                FieldPanel("primary_theme"),
                FieldPanel("secondary_themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Content"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in SECTION_NAMES],
            heading=_("The lesson, part by part"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("districts", widget=DistrictCheckboxes),
                FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")]),
                FieldPanel("language"),
                FieldPanel("anti_corruption_focus"),
            ],
            heading=_("Place and period"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("visibility"),
                FieldPanel("tags"),
                FieldPanel(
                    "is_featured",
                    read_only=True,
                    help_text=_(
                        "Use “Feature on the home page” or “Stop featuring” in the ⋯ menu "
                        "at the top: it applies at once, without publishing."
                    ),
                ),
            ],
            heading=_("Visibility, tags and home page"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("author", read_only=True),
                FieldPanel("author_institution", read_only=True),
                FieldPanel("coauthors"),
            ],
            heading=_("Authors"),
        ),
        HelpPanel(template="themes/admin/attachments_panel.html", heading=_("Attachments")),
    ],
    base_form_class=ContributionAdminForm,
)


class ContributionViewSet(SnippetViewSet):
    """Contributions in the admin. Members write them on the portal, so there is no "add"
    view here; facilitators review, edit, publish, unpublish, archive and feature them."""

    model = Contribution
    revisions_unschedule_view_class = RevisionsUnscheduleView
    icon = "doc-full"
    menu_label = _("Contributions")
    menu_name = "contributions"
    # Listed in the "Lessons" menu group, not under "Snippets".
    menu_item_is_registered = True
    index_view_class = ContributionIndexView
    edit_view_class = ContributionEditView
    edit_handler = contribution_edit_handler
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = ContributionFilterSet
    search_fields = ["title", "summary", "author__full_name", "author_institution__name"]
    # The ORM search (icontains) finds partial words in the admin; the portal's own search
    # uses Wagtail search.
    search_backend_name = None
    ordering = "-_updated_at"
    list_per_page = 30
    list_display = [
        "title",
        Column("primary_theme", label=_("Primary theme"), sort_key="primary_theme__order"),
        Column("author_institution", label=_("Institution"), sort_key="author_institution__name"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor=lambda contribution: contribution_status(contribution).label,
            primary=lambda contribution: contribution.live and not contribution.is_archived,
        ),
        StatusTagColumn(
            "visibility",
            label=_("Visibility"),
            accessor="get_visibility_display",
            sort_key="visibility",
            primary=lambda contribution: contribution.visibility == Visibility.MEMBERS,
        ),
        BooleanColumn("is_featured", label=_("Featured"), sort_key="is_featured"),
        UpdatedAtColumn(),
    ]
    list_export = [
        "title",
        "primary_theme",
        "kind",
        "author",
        "author_institution",
        "place_names",
        "visibility",
        "live",
        "is_archived",
        "is_featured",
        "first_published_at",
    ]
    export_headings = {
        "place_names": _("Districts"),
        "live": _("Published"),
        "first_published_at": _("First published (Lima time)"),
    }
    export_filename = "contribuciones"
    inspect_view_fields = [
        "title",
        "kind",
        "summary",
        "primary_theme",
        "secondary_themes",
        *SECTION_NAMES,
        "districts",
        "period_start",
        "period_end",
        "language",
        "anti_corruption_focus",
        "visibility",
        "tags",
        "author",
        "author_institution",
        "coauthors",
        "builds_on",
        "live",
        "is_archived",
        "is_featured",
        "first_published_at",
        "last_published_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["add_url_name"] = None
        return view_kwargs

    def _action_view(self, name, view_class):
        return self.construct_view(
            view_class,
            action_url_name=self.get_url_name(name),
            return_url_name=self.get_url_name("edit"),
        )

    def get_urlpatterns(self):
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name != "add"),
            *(
                path(f"{name}/<int:pk>/", self._action_view(name, view_class), name=name)
                for name, view_class in CONTRIBUTION_ACTION_VIEWS.items()
            ),
        ]


class LessonApplicationViewSet(SnippetViewSet):
    """Members' reports that they applied a lesson. Members report them on the lesson's
    page, so there is no "add" view here; facilitators review and publish them through
    the lessons' workflow, or edit them."""

    model = LessonApplication
    revisions_unschedule_view_class = RevisionsUnscheduleView
    icon = "tick-inverse"
    menu_label = _("Applications")
    menu_name = "lesson-applications"
    menu_item_is_registered = True
    copy_view_enabled = False
    inspect_view_enabled = True
    search_fields = ["adapted", "results", "institution__name", "lesson__title"]
    search_backend_name = None
    ordering = "-_updated_at"
    list_per_page = 30
    list_display = [
        # A string first: Wagtail makes it the title column, linked to the edit view.
        "lesson",
        Column("institution", label=_("Institution"), sort_key="institution__name"),
        Column("started_on", label=_("Applied from"), sort_key="started_on"),
        StatusTagColumn(
            "live",
            label=_("Status"),
            accessor=lambda application: _("Published") if application.live else _("Not published"),
            primary=lambda application: application.live,
        ),
        UpdatedAtColumn(),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("lesson", read_only=True),
                    FieldPanel("author", read_only=True),
                    FieldPanel("institution", read_only=True),
                ],
                heading=_("Who applied what"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("districts", widget=DistrictCheckboxes),
                    FieldRowPanel([FieldPanel("started_on"), FieldPanel("ended_on")]),
                ],
                heading=_("Where and when"),
            ),
            MultiFieldPanel(
                [FieldPanel("adapted"), FieldPanel("results"), FieldPanel("shortcomings")],
                heading=_("What they did and what happened"),
            ),
            MultiFieldPanel([FieldPanel("evidence_url"), FieldPanel("cui")], heading=_("Evidence")),
        ]
    )

    def get_queryset(self, request):
        return LessonApplication.objects.select_related("lesson", "institution", "author")

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["add_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"]


class LessonsViewSetGroup(ViewSetGroup):
    menu_label = _("Lessons")
    menu_icon = "doc-full"
    menu_order = 210
    items = (
        ContributionViewSet,
        LessonApplicationViewSet,
        ModerationQueueViewSet,
        CommentViewSet("contribution_comments", url_prefix="contribution-comments"),
    )


register_snippet(LessonsViewSetGroup)


@hooks.register("insert_global_admin_css")
def lessons_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("themes/admin.css"))


# ---- AUDIT LOG: what the services record, shown in each object's history and in the
# admin's "Site history" report.


@hooks.register("register_log_actions")
def register_lessons_log_actions(actions):
    actions.register_action("themes.archive", _("Archive"), _("Archived"))
    actions.register_action("themes.unarchive", _("Unarchive"), _("Brought back from the archive"))
    actions.register_action("themes.feature", _("Feature"), _("Featured on the home page"))
    actions.register_action(
        "themes.unfeature", _("Stop featuring"), _("No longer featured on the home page")
    )
    register_comment_log_actions(actions, Comment)


# Prioritisation rounds (TAP-Plus): their admin registers its own viewsets and log actions.
from .prioritisation import admin as prioritisation_admin  # noqa: E402, F401
