"""The facilitators' side of lessons in the Wagtail admin (registered in wagtail_hooks.py).

Moderation itself is Wagtail's: contributions are snippets with drafts, revisions (history
and compare), locking and the "Moderación de contribuciones" workflow, whose "Approve" and
"Request changes" actions live on the edit view and on the dashboard's "Awaiting your
review" panel. This module adds what Wagtail has no notion of: the listing's columns and
filters, a moderation queue, archive / feature actions and the comments' hide / unhide.
Every write goes through themes.services, which also records it in Wagtail's audit log.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import BooleanRadioSelect, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem as SidebarMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import LogFormatter
from wagtail.models import WorkflowState
from wagtail.permissions import policy_registry
from wagtail.snippets.views import snippets as snippet_views

from members.admin_actions import ConfirmActionView, next_path, next_query
from members.admin_listing import (
    district_filter,
    province_filter,
    radio_choice_filter,
    radio_model_filter,
    view_on_portal_button,
)
from members.exports import SpreadsheetExportMixin
from members.models import User
from members.roles import ROLE_GROUPS

from . import services
from .models import (
    Comment,
    CommentBase,
    Contribution,
    ContributionKind,
    Theme,
    Visibility,
)
from .selectors import STATUS_LABELS

CONTRIBUTION_URL_NAMESPACE = "wagtailsnippets_themes_contribution"


def contribution_admin_url(name: str, contribution: Contribution) -> str:
    return reverse(f"{CONTRIBUTION_URL_NAMESPACE}:{name}", args=[quote(contribution.pk)])


def _active_workflow_states(status: str):
    """Wagtail's workflow states of the contribution in the outer query with this status."""
    return WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Contribution),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=status,
    )


def with_admin_relations(queryset):
    """What a row of the admin listings shows, in a fixed number of queries."""
    return queryset.select_related(
        "primary_theme", "author", "author_institution", "latest_revision"
    ).prefetch_related(
        "districts",
        Prefetch(
            "_workflow_states",
            queryset=WorkflowState.objects.active().select_related("current_task_state__task"),
            to_attr="_current_workflow_states",
        ),
    )


def moderation_queue():
    """Contributions waiting for a facilitator's review, with when they were (re)submitted."""
    submitted = _active_workflow_states(WorkflowState.STATUS_IN_PROGRESS).values(
        "current_task_state__started_at"
    )[:1]
    return (
        Contribution.objects.annotate(submitted_at=Subquery(submitted))
        .filter(submitted_at__isnull=False)
        .select_related("primary_theme", "author", "author_institution", "latest_revision")
    )


class RevisionsUnscheduleView(snippet_views.RevisionsUnscheduleView):
    """Wagtail's, going back only to a path on this site (see members.admin_actions.next_path)."""

    def get_next_url(self):
        return next_path(super().get_next_url()) or reverse(
            self.history_url_name, args=[quote(self.object.pk)]
        )


def _listing_url(view) -> str:
    """The listing page as the person sees it (also when its results were refreshed in place),
    to come back to after an action."""
    params = view.request.GET.copy()
    params.pop("_w_filter_fragment", None)
    query = params.urlencode()
    return reverse(view.index_url_name) + (f"?{query}" if query else "")


# ---- FORMS


def _community_people():
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=ROLE_GROUPS) | Q(is_superuser=True))
        .distinct()
        .select_related("institution")
        .order_by("full_name", "email")
    )


def _person_with_institution(person: User) -> str:
    if person.institution_id:
        return f"{person} ({person.institution})"
    return str(person)


class ContributionAdminForm(WagtailAdminModelForm):
    """The facilitators' edit form: co-authors are members of the Community; the primary
    theme is not repeated among the other themes nor the author among the co-authors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].label = gettext_lazy("Address on the portal")
            self.fields["slug"].help_text = gettext_lazy(
                "The end of the lesson's address: /lecciones/…/. Change it only if you "
                "must: links already shared lead to the current one."
            )
        if "coauthors" in self.fields:
            field = self.fields["coauthors"]
            field.queryset = _community_people()
            field.label_from_instance = _person_with_institution
        if "secondary_themes" in self.fields:
            self.fields["secondary_themes"].queryset = Theme.objects.order_by("order")

    def clean(self):
        cleaned_data = super().clean()
        primary = cleaned_data.get("primary_theme")
        if primary is not None and cleaned_data.get("secondary_themes") is not None:
            cleaned_data["secondary_themes"] = [
                theme for theme in cleaned_data["secondary_themes"] if theme.pk != primary.pk
            ]
        if cleaned_data.get("coauthors") is not None:
            cleaned_data["coauthors"] = [
                person
                for person in cleaned_data["coauthors"]
                if person.pk != self.instance.author_id
            ]
        return cleaned_data


class CommentHideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=300,
        help_text=gettext_lazy(
            "Shown to facilitators with the hidden comment; the comment is kept, not deleted."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# ---- FILTERS

STATUS_FILTER_CHOICES = [
    ("draft", STATUS_LABELS["draft"]),
    ("in_review", STATUS_LABELS["in_review"]),
    ("needs_changes", STATUS_LABELS["needs_changes"]),
    ("published", STATUS_LABELS["published"]),
    ("unpublished", STATUS_LABELS["unpublished"]),
    ("archived", STATUS_LABELS["archived"]),
]


class ContributionFilterSet(WagtailFilterSet):
    status = radio_choice_filter(
        gettext_lazy("Status"), STATUS_FILTER_CHOICES, method="filter_status"
    )
    theme = radio_model_filter(
        gettext_lazy("Theme"),
        Theme.objects.order_by("order"),
        method="filter_theme",
        blank=True,
    )
    kind = radio_choice_filter(gettext_lazy("Kind"), ContributionKind.choices)
    visibility = radio_choice_filter(gettext_lazy("Visibility"), Visibility.choices)
    live = django_filters.BooleanFilter(label=gettext_lazy("Published"), widget=BooleanRadioSelect)
    is_archived = django_filters.BooleanFilter(
        label=gettext_lazy("Archived"), widget=BooleanRadioSelect
    )
    is_featured = django_filters.BooleanFilter(
        label=gettext_lazy("Featured on the home page"), widget=BooleanRadioSelect
    )
    province = province_filter()
    district = district_filter()

    class Meta:
        model = Contribution
        fields = []

    def filter_theme(self, queryset, name, value):
        through = Contribution.secondary_themes.through
        secondary = through.objects.filter(theme_id=value.pk).values("contribution_id")
        return queryset.filter(Q(primary_theme=value) | Q(pk__in=secondary))

    def filter_status(self, queryset, name, value):
        in_review = Q(Exists(_active_workflow_states(WorkflowState.STATUS_IN_PROGRESS)))
        needs_changes = Q(Exists(_active_workflow_states(WorkflowState.STATUS_NEEDS_CHANGES)))
        not_archived = queryset.filter(is_archived=False)
        if value == "archived":
            return queryset.filter(is_archived=True)
        if value == "in_review":
            return not_archived.filter(in_review)
        if value == "needs_changes":
            return not_archived.filter(needs_changes)
        if value == "published":
            return not_archived.filter(live=True)
        if value == "unpublished":
            return not_archived.filter(live=False, first_published_at__isnull=False).exclude(
                in_review | needs_changes
            )
        if value == "draft":
            return not_archived.filter(live=False, first_published_at__isnull=True).exclude(
                in_review | needs_changes
            )
        return queryset


# ---- CONTRIBUTIONS: listing, edit view, archive and feature actions


def contribution_action_urls(user, contribution: Contribution, next_url: str = ""):
    """(label, url, icon) of the archive / feature actions that apply to this contribution."""
    policy = policy_registry.get_by_type(Contribution)
    if not policy.user_has_permission(user, "publish"):
        return []
    suffix = next_query(next_url)
    actions = []
    if contribution.is_archived:
        actions.append((_("Unarchive"), "unarchive", "undo"))
    else:
        if contribution.live and not contribution.is_featured:
            actions.append((_("Feature on the home page"), "feature", "pick"))
        if contribution.is_featured:
            actions.append((_("Stop featuring"), "unfeature", "cross"))
        actions.append((_("Archive"), "archive", "folder-inverse"))
    return [
        (label, contribution_admin_url(name, contribution) + suffix, icon)
        for label, name, icon in actions
    ]


class ContributionIndexView(SpreadsheetExportMixin, snippet_views.IndexView):
    def get_base_queryset(self):
        return with_admin_relations(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        next_url = _listing_url(self)
        actions = contribution_action_urls(self.request.user, instance, next_url)
        for priority, (label, url, icon) in enumerate(actions, start=40):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        if instance.live and not instance.is_archived:
            buttons.append(view_on_portal_button(MenuItem, instance, priority=60))
        return buttons


class ContributionEditView(snippet_views.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        live = self.live_object
        for priority, (label, url, icon) in enumerate(
            contribution_action_urls(self.request.user, live), start=40
        ):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        if live.live and not live.is_archived:
            buttons.append(view_on_portal_button(Button, live, priority=60))
        return buttons


class ContributionActionView(ConfirmActionView):
    model = Contribution
    permission_required = "publish"
    header_icon = "doc-full"


class ContributionArchiveView(ContributionActionView):
    page_title = gettext_lazy("Archive")
    submit_label = gettext_lazy("Yes, archive")
    serious = True

    def is_applicable(self):
        return not self.object.is_archived

    def confirmation_message(self):
        return _(
            "“%(title)s” will be unpublished, taken out of review and off the home page, and "
            "hidden from everyone outside the admin. It stays here with its history and can "
            "be brought back."
        ) % {"title": self.get_object_label()}

    def run(self, form):
        services.contribution_archive(
            user=self.request.user, contribution=self.object, archived=True
        )

    def get_success_message(self):
        return _("“%(title)s” has been archived.") % {"title": self.get_object_label()}


class ContributionUnarchiveView(ContributionActionView):
    page_title = gettext_lazy("Unarchive")
    submit_label = gettext_lazy("Yes, unarchive")

    def is_applicable(self):
        return self.object.is_archived

    def confirmation_message(self):
        return _(
            "“%(title)s” will no longer be archived. It stays unpublished until a facilitator "
            "publishes it again."
        ) % {"title": self.get_object_label()}

    def run(self, form):
        services.contribution_archive(
            user=self.request.user, contribution=self.object, archived=False
        )

    def get_success_message(self):
        return _("“%(title)s” is no longer archived.") % {"title": self.get_object_label()}


class ContributionFeatureView(ContributionActionView):
    page_title = gettext_lazy("Feature on the home page")
    submit_label = gettext_lazy("Yes, feature it")

    def is_applicable(self):
        return self.object.live and not self.object.is_archived and not self.object.is_featured

    def not_applicable_message(self):
        if self.object.is_featured:
            return _("This contribution is already featured on the home page.")
        return _("Only a published contribution can be featured on the home page.")

    def confirmation_message(self):
        message = _("“%(title)s” will be shown on the home page among the featured contributions.")
        if self.object.visibility == Visibility.MEMBERS:
            message += " " + _("It is for members only, so only members will see it there.")
        return message % {"title": self.get_object_label()}

    def run(self, form):
        services.contribution_set_featured(
            user=self.request.user, contribution=self.object, featured=True
        )

    def get_success_message(self):
        return _("“%(title)s” is now featured on the home page.") % {
            "title": self.get_object_label()
        }


class ContributionUnfeatureView(ContributionActionView):
    page_title = gettext_lazy("Stop featuring")
    submit_label = gettext_lazy("Yes, stop featuring it")

    def is_applicable(self):
        return self.object.is_featured

    def confirmation_message(self):
        return _("“%(title)s” will no longer be shown on the home page.") % {
            "title": self.get_object_label()
        }

    def run(self, form):
        services.contribution_set_featured(
            user=self.request.user, contribution=self.object, featured=False
        )

    def get_success_message(self):
        return _("“%(title)s” is no longer featured on the home page.") % {
            "title": self.get_object_label()
        }


CONTRIBUTION_ACTION_VIEWS = {
    "archive": ContributionArchiveView,
    "unarchive": ContributionUnarchiveView,
    "feature": ContributionFeatureView,
    "unfeature": ContributionUnfeatureView,
}


# ---- MODERATION QUEUE


class ModerationQueueView(generic.IndexViewOptionalFeaturesMixin, generic.IndexView):
    """Contributions waiting for review, oldest first; each row leads to the review."""

    model = Contribution
    any_permission_required = ["publish"]
    page_title = gettext_lazy("Moderation queue")
    header_icon = "tasks"
    default_ordering = "submitted_at"
    paginate_by = 50
    is_searchable = False
    list_display = [
        "__str__",
        Column("author", label=gettext_lazy("Author")),
        Column("author_institution", label=gettext_lazy("Institution")),
        Column("primary_theme", label=gettext_lazy("Primary theme")),
        Column(
            "review_of",
            label=gettext_lazy("Review of"),
            accessor=lambda contribution: (
                _("changes to a published contribution")
                if contribution.live
                else _("a new contribution")
            ),
        ),
        DateColumn("submitted_at", label=gettext_lazy("Submitted"), sort_key="submitted_at"),
    ]

    def get_base_queryset(self):
        return moderation_queue()

    def get_valid_orderings(self):
        return ["submitted_at", "-submitted_at"]

    def get_edit_url(self, instance):
        return contribution_admin_url("edit", instance)

    def get_list_more_buttons(self, instance):
        return [
            MenuItem(
                _("Review"),
                url=contribution_admin_url("edit", instance),
                icon_name="edit",
                priority=10,
            ),
            MenuItem(
                _("History"),
                url=contribution_admin_url("history", instance),
                icon_name="history",
                priority=20,
            ),
        ]


class ModerationQueueViewSet(ViewSet):
    name = "moderation_queue"
    url_prefix = "moderation-queue"
    icon = "tasks"
    menu_label = gettext_lazy("Moderation queue")
    menu_name = "moderation-queue"

    @cached_property
    def menu_item_class(self):
        def is_shown(_self, request):
            policy = policy_registry.get_by_type(Contribution)
            return policy.user_has_permission(request.user, "publish")

        return type("ModerationQueueMenuItem", (SidebarMenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        view = self.construct_view(
            ModerationQueueView,
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
        )
        results_view = self.construct_view(
            ModerationQueueView,
            index_url_name=self.get_url_name("index"),
            index_results_url_name=self.get_url_name("index_results"),
            results_only=True,
        )
        return [
            path("", view, name="index"),
            path("results/", results_view, name="index_results"),
        ]


# ---- COMMENTS: the same screens for every kind (lessons' here, the Foundational
# Document's in resources.wagtail_hooks), configured by their CommentViewSet.


class CommentViewMixin:
    """What the screens of one kind of comment are given by their viewset."""

    hide_url_name = None
    unhide_url_name = None
    commented_field = None
    place_link = None

    def with_relations(self, queryset):
        return queryset.select_related(self.commented_field, "author__institution", "hidden_by")

    def comment_action_urls(self, comment: CommentBase, next_url: str = ""):
        if not self.user_has_permission("change"):
            return []
        suffix = next_query(next_url)
        if comment.is_hidden:
            return [
                (_("Show again"), reverse(self.unhide_url_name, args=[comment.pk]) + suffix, "view")
            ]
        return [(_("Hide"), reverse(self.hide_url_name, args=[comment.pk]) + suffix, "no-view")]


class CommentIndexView(CommentViewMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.with_relations(super().get_base_queryset())

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        kwargs.setdefault("accessor", lambda comment: Truncator(comment.body).chars(90))
        return super()._get_title_column(field_name, column_class, **kwargs)

    def get_edit_url(self, instance):
        return None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        actions = self.comment_action_urls(instance, _listing_url(self))
        for priority, (label, url, icon) in enumerate(actions, start=40):
            buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class CommentInspectView(CommentViewMixin, generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.with_relations(self.model.objects.all()), pk=self.pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    @cached_property
    def header_buttons(self):
        links = [*self.comment_action_urls(self.object), self.place_link(self.object)]
        return [
            HeaderButton(label, url=url, icon_name=icon) for label, url, icon in filter(None, links)
        ]

    def get_anchor_display_value(self):
        return self.object.section_title

    def get_author_institution_display_value(self):
        institution = self.object.author.institution
        return institution.name if institution else ""

    def get_field_label(self, field_name, field):
        if field_name == "author_institution":
            return _("Institution")
        return super().get_field_label(field_name, field)


class CommentActionView(CommentViewMixin, ConfirmActionView):
    header_icon = "comment"
    hidden_message = ""
    shown_message = ""

    def get_base_object_queryset(self):
        return self.with_relations(self.model.objects.all())

    def get_object_label(self):
        return str(self.object)

    def quoted(self):
        """The hide / show pages quote the comment, with who wrote it and where."""
        return {
            "text": self.object.body,
            "caption": _("%(author)s, on “%(place)s”")
            % {"author": self.object.author, "place": self.object.place},
        }


class CommentHideView(CommentActionView):
    form_class = CommentHideForm
    page_title = gettext_lazy("Hide comment")
    submit_label = gettext_lazy("Hide the comment")
    success_message = gettext_lazy("The comment is now hidden.")
    serious = True

    def is_applicable(self):
        return not self.object.is_hidden

    def not_applicable_message(self):
        return _("This comment is already hidden.")

    def confirmation_message(self):
        return self.hidden_message

    def run(self, form):
        services.comment_hide(
            user=self.request.user, comment=self.object, reason=form.cleaned_data["reason"]
        )


class CommentUnhideView(CommentActionView):
    page_title = gettext_lazy("Show comment again")
    submit_label = gettext_lazy("Yes, show it again")
    success_message = gettext_lazy("The comment is shown again.")

    def is_applicable(self):
        return self.object.is_hidden

    def not_applicable_message(self):
        return _("This comment is not hidden.")

    def confirmation_message(self):
        return self.shown_message % {"reason": self.object.hidden_reason}

    def run(self, form):
        services.comment_unhide(user=self.request.user, comment=self.object)


def register_comment_log_actions(actions, model) -> None:
    """The audit-log actions that comment_hide / comment_unhide record for `model`."""
    actions.register_action(
        f"{model.audit_log_name}_unhide",
        gettext_lazy("Show comment"),
        gettext_lazy("Comment shown again"),
    )

    @actions.register_action(f"{model.audit_log_name}_hide")
    class CommentHidden(LogFormatter):
        label = gettext_lazy("Hide comment")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Comment hidden: %(reason)s") % {"reason": reason}


class CommentViewSet(ModelViewSet):
    """Members' comments on lessons: read, hide with a reason, show again. Never added,
    edited or deleted here. Another kind of comment (CommentBase) sets its own model,
    labels, columns, what it comments on (`commented_field`), the link to it
    (`place_link`) and what hiding and showing again mean for it."""

    model = Comment
    commented_field = "contribution"
    hidden_message = gettext_lazy(
        "The comment will no longer be shown on the contribution's page. It is kept, "
        "with your reason, and can be shown again."
    )
    shown_message = gettext_lazy(
        "The comment will be shown again on the contribution's page. It was hidden because: "
        "%(reason)s"
    )
    icon = "comment"
    menu_label = gettext_lazy("Comments")
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = []
    ordering = "-created_at"
    list_filter = ["is_hidden"]
    search_fields = ["body", "author__full_name", "contribution__title"]
    search_backend_name = None
    list_display = [
        "body",
        Column("contribution", label=gettext_lazy("Contribution")),
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
        "contribution",
        "author",
        "author_institution",
        "created_at",
        "body",
        "is_hidden",
        "hidden_reason",
        "hidden_by",
        "hidden_at",
    ]

    def place_link(self, comment) -> tuple[str, str, str] | None:
        """(label, url, icon) of what the comment is about, for its page in the admin."""
        url = contribution_admin_url("edit", comment.contribution)
        return _("Contribution in the admin"), url, "doc-full"

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(
            hide_url_name=self.get_url_name("hide"),
            unhide_url_name=self.get_url_name("unhide"),
            commented_field=self.commented_field,
            place_link=self.place_link,
            **kwargs,
        )
        # No add, edit or delete views: see get_urlpatterns.
        view_kwargs["add_url_name"] = None
        view_kwargs["edit_url_name"] = None
        view_kwargs["delete_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        # Wagtail's "edit this object" links (e.g. in the site history) lead to the comment.
        return type(
            "CommentAdminURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_urlpatterns(self):
        def action(view_class, name):
            return self.construct_view(
                view_class,
                action_url_name=self.get_url_name(name),
                return_url_name=self.get_url_name("inspect"),
                hidden_message=self.hidden_message,
                shown_message=self.shown_message,
            )

        return [
            *(
                pattern
                for pattern in super().get_urlpatterns()
                if pattern.name not in {"add", "edit", "delete", "copy"}
            ),
            path("hide/<int:pk>/", action(CommentHideView, "hide"), name="hide"),
            path("unhide/<int:pk>/", action(CommentUnhideView, "unhide"), name="unhide"),
        ]
