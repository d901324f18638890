"""Prioritisation rounds in the Wagtail admin: rounds with their criteria inline and the
open / close / publish actions; the solutions to moderate (approve, reject). Each action
is a confirmation page (members.admin_actions.ConfirmActionView) calling a service."""

from django import forms
from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from members.admin_actions import ConfirmActionView

from . import services
from .models import PrioritisationRound, RoundStatus, Solution, SolutionStatus

# ---- ROUNDS

# action name: (label, the status the round must be in, icon)
ROUND_ACTIONS = {
    "open": (gettext_lazy("Open the round"), RoundStatus.DRAFT, "circle-check"),
    "close": (gettext_lazy("Close the round"), RoundStatus.OPEN, "lock"),
    "publish": (gettext_lazy("Publish the results"), RoundStatus.CLOSED, "upload"),
}


class RoundActionsMixin:
    action_url_names: dict = {}

    def round_action_buttons(self, round_, button_class):
        if not self.user_has_permission("change"):
            return []
        return [
            button_class(
                label,
                url=reverse(self.action_url_names[name], args=[quote(round_.pk)]),
                icon_name=icon,
                priority=40 + index,
            )
            for index, (name, (label, status, icon)) in enumerate(ROUND_ACTIONS.items())
            if round_.status == status
        ]


class RoundIndexView(RoundActionsMixin, generic.IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *self.round_action_buttons(instance, MenuItem),
        ]


class RoundEditView(RoundActionsMixin, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [*super().header_more_buttons, *self.round_action_buttons(self.object, Button)]


class RoundActionView(ConfirmActionView):
    model = PrioritisationRound
    header_icon = "list-ol"
    action = ""

    def is_applicable(self):
        return self.object.status == ROUND_ACTIONS[self.action][1]

    def not_applicable_message(self):
        return _("The round is %(status)s: there is nothing to do.") % {
            "status": self.object.get_status_display().lower()
        }

    def run(self, form):
        service = getattr(services, f"round_{self.action}")
        service(round_=self.object, user=self.request.user)


class RoundOpenView(RoundActionView):
    action = "open"
    page_title = gettext_lazy("Open the round")
    submit_label = gettext_lazy("Yes, open it")

    def confirmation_message(self):
        return _(
            "Members will be able to propose solutions and each institution to cast its "
            "ballot on the portal until you close the round."
        )

    def get_success_message(self):
        return _("The round “%(title)s” is open.") % {"title": self.object.title}


class RoundCloseView(RoundActionView):
    action = "close"
    page_title = gettext_lazy("Close the round")
    submit_label = gettext_lazy("Yes, close it")
    serious = True

    def confirmation_message(self):
        return _("No more proposals or ballots will be accepted. This cannot be undone.")

    def get_success_message(self):
        return _("The round “%(title)s” is closed.") % {"title": self.object.title}


class RoundPublishView(RoundActionView):
    action = "publish"
    page_title = gettext_lazy("Publish the results")
    submit_label = gettext_lazy("Yes, publish")

    def confirmation_message(self):
        return _(
            "Everyone will see the ranking overall and by sector and how far the sectors "
            "agree. No institution's ballot is ever shown."
        )

    def get_success_message(self):
        return _("The results of “%(title)s” are published.") % {"title": self.object.title}


ROUND_ACTION_VIEWS = {"open": RoundOpenView, "close": RoundCloseView, "publish": RoundPublishView}


class ActionViewsMixin:
    """A model viewset with confirm-then-act views (`action_views`: URL name -> view class)
    at `<name>/<pk>/`; each goes back to the view `action_back_to` names (the view's
    keyword argument and this viewset's URL name)."""

    action_views: dict = {}
    action_back_to: tuple[str, str] = ("index_url_name", "index")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            action_url_names={name: self.get_url_name(name) for name in self.action_views},
            **kwargs,
        )

    def get_urlpatterns(self):
        argument, back_to = self.action_back_to
        return [
            *super().get_urlpatterns(),
            *(
                path(
                    f"{name}/<int:pk>/",
                    self.construct_view(
                        view_class,
                        action_url_name=self.get_url_name(name),
                        **{argument: self.get_url_name(back_to)},
                    ),
                    name=name,
                )
                for name, view_class in self.action_views.items()
            ),
        ]


class RoundViewSet(ActionViewsMixin, ModelViewSet):
    model = PrioritisationRound
    icon = "list-ol"
    menu_label = gettext_lazy("Rounds")
    copy_view_enabled = False
    index_view_class = RoundIndexView
    edit_view_class = RoundEditView
    search_fields = ["title"]
    list_filter = ["status"]
    list_display = [
        "title",
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda round_: round_.status == RoundStatus.OPEN,
        ),
        Column("opens_on", label=gettext_lazy("Opens on")),
        Column("closes_on", label=gettext_lazy("Closes on")),
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("slug"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("summary"),
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("min_sectors"),
            ],
            heading=gettext_lazy("The round"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("implementation_gap"),
                FieldPanel("contextual_factors"),
                FieldPanel("complementary_measures"),
            ],
            heading=gettext_lazy("Problem analysis (TAP-Plus)"),
        ),
        InlinePanel("criteria", heading=gettext_lazy("Criteria"), min_num=1),
    ]

    action_views = ROUND_ACTION_VIEWS
    action_back_to = ("return_url_name", "edit")


# ---- SOLUTIONS: moderation


class SolutionIndexView(generic.IndexView):
    action_url_names: dict = {}

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("round", "institution", "proposer")

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if self.user_has_permission("change") and instance.status == SolutionStatus.PENDING:
            for priority, (name, label, icon) in enumerate(
                (("approve", _("Approve"), "check"), ("reject", _("Reject"), "cross")), start=40
            ):
                url = reverse(self.action_url_names[name], args=[quote(instance.pk)])
                buttons.append(MenuItem(label, url=url, icon_name=icon, priority=priority))
        return buttons


class RejectForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Reason, shown to the proposer"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SolutionActionView(ConfirmActionView):
    model = Solution
    header_icon = "tick"

    def is_applicable(self):
        return self.object.status == SolutionStatus.PENDING

    def get_details(self):
        return [
            (_("Round"), self.object.round.title),
            (_("What it is"), self.object.description),
            (_("Who would act"), self.object.who_acts),
            (_("Proposed by"), f"{self.object.proposer} · {self.object.institution}"),
        ]


class SolutionApproveView(SolutionActionView):
    page_title = gettext_lazy("Approve the solution")
    submit_label = gettext_lazy("Yes, approve")

    def confirmation_message(self):
        return _("It will be shown on the round's page and added to every ballot.")

    def run(self, form):
        services.solution_moderate(solution=self.object, user=self.request.user, approve=True)

    def get_success_message(self):
        return _("“%(title)s” is approved.") % {"title": self.object.title}


class SolutionRejectView(SolutionActionView):
    form_class = RejectForm
    page_title = gettext_lazy("Reject the solution")
    submit_label = gettext_lazy("Yes, reject")
    serious = True

    def run(self, form):
        services.solution_moderate(
            solution=self.object,
            user=self.request.user,
            approve=False,
            note=form.cleaned_data["note"],
        )

    def get_success_message(self):
        return _("“%(title)s” is rejected.") % {"title": self.object.title}


SOLUTION_ACTION_VIEWS = {"approve": SolutionApproveView, "reject": SolutionRejectView}


class SolutionViewSet(ActionViewsMixin, ModelViewSet):
    model = Solution
    icon = "tick"
    menu_label = gettext_lazy("Solutions")
    add_view_enabled = False
    copy_view_enabled = False
    index_view_class = SolutionIndexView
    search_fields = ["title", "description"]
    list_filter = ["status", "round"]
    form_fields = ["title", "description", "who_acts"]
    list_display = [
        "title",
        Column("round", label=gettext_lazy("Round")),
        Column("institution", label=gettext_lazy("Institution")),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            primary=lambda solution: solution.status == SolutionStatus.APPROVED,
        ),
    ]

    action_views = SOLUTION_ACTION_VIEWS
    action_back_to = ("index_url_name", "index")


class PrioritisationViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Prioritisation")
    menu_icon = "list-ol"
    menu_order = 215
    items = (
        RoundViewSet("prioritisation_rounds", url_prefix="prioritisation/rounds"),
        SolutionViewSet("prioritisation_solutions", url_prefix="prioritisation/solutions"),
    )


@hooks.register("register_admin_viewset")
def register_prioritisation_viewsets():
    return PrioritisationViewSetGroup()


@hooks.register("register_log_actions")
def register_prioritisation_log_actions(actions):
    actions.register_action(
        "themes.round_open", gettext_lazy("Open round"), gettext_lazy("Round opened")
    )
    actions.register_action(
        "themes.round_close", gettext_lazy("Close round"), gettext_lazy("Round closed")
    )
    actions.register_action(
        "themes.round_publish",
        gettext_lazy("Publish results"),
        gettext_lazy("Round results published"),
    )
    actions.register_action(
        "themes.solution_approve",
        gettext_lazy("Approve solution"),
        gettext_lazy("Solution approved"),
    )
    actions.register_action(
        "themes.solution_reject", gettext_lazy("Reject solution"), gettext_lazy("Solution rejected")
    )
