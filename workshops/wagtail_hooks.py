"""Workshops in the Wagtail admin: the "Workshops" menu (workshops and commitments), the
dashboard panels on the admin home and the audit-log actions of the workshop actions."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import LogFormatter

from resources import document_access

from .admin_views import (
    AgreementSpaceViewSet,
    CommitmentViewSet,
    WorkshopViewSet,
    dashboard_panels,
)
from .models import AgreementSpace, CommitmentUpdate, CommitmentVerdict, Material
from .selectors import (
    agreement_spaces_visible_to,
    commitments_visible_to,
    workshops_visible_to,
)


class WorkshopsViewSetGroup(ViewSetGroup):
    menu_label = _("Workshops")
    menu_icon = "calendar"
    menu_order = 220
    items = (
        WorkshopViewSet("workshop_admin", url_prefix="workshops"),
        CommitmentViewSet("workshop_commitments", url_prefix="workshop-commitments"),
        AgreementSpaceViewSet("agreement_spaces", url_prefix="agreement-spaces"),
    )


@hooks.register("register_admin_viewset")
def register_workshops_viewsets():
    return WorkshopsViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_workshop_panels(request, panels):
    # Orders: after the two-factor note (10), applications (20) and Wagtail's moderation
    # panels, where contributions waiting for review appear (210, 220); before Wagtail's
    # recent edits (250).
    panels.extend(dashboard_panels(request.user))


@hooks.register("insert_global_admin_css")
def workshops_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("workshops/admin.css"))


@hooks.register("register_log_actions")
def register_workshop_log_actions(actions):
    actions.register_action("workshops.attendance", _("Mark attendance"), _("Attendance recorded"))
    actions.register_action("workshops.walk_in", _("Record a walk-in"), _("Walk-in recorded"))
    actions.register_action(
        "workshops.commitment_report", _("Report on a commitment"), _("Commitment reported on")
    )
    actions.register_action(
        "workshops.commitment_bulk_update",
        _("Update commitments from a CSV file"),
        _("Commitment updated from a CSV file"),
    )
    actions.register_action(
        "workshops.commitment_confirm", _("Confirm a report"), _("Report confirmed")
    )
    actions.register_action(
        "workshops.commitment_contest", _("Contest a report"), _("Report contested")
    )

    @actions.register_action("workshops.commitment_to_agenda")
    class ToAgenda(LogFormatter):
        label = _("Add to a workshop's agenda")

        def format_message(self, log_entry):
            return _("Put on the agenda of “%(title)s”") % {
                "title": (log_entry.data or {}).get("workshop", "")
            }

    @actions.register_action("workshops.commitment_note_hidden")
    class NoteHidden(LogFormatter):
        label = _("Hide a note")

        def format_message(self, log_entry):
            return _("Note hidden: %(reason)s") % {
                "reason": (log_entry.data or {}).get("reason", "")
            }

    actions.register_action(
        "workshops.confirm_registration",
        _("Confirm from the waitlist"),
        _("Someone on the waitlist confirmed"),
    )

    @actions.register_action("workshops.duplicate")
    class Duplicated(LogFormatter):
        label = _("Duplicate")

        def format_message(self, log_entry):
            source = (log_entry.data or {}).get("source_title", "")
            return _("Created as a copy of “%(title)s”") % {"title": source}

    @actions.register_action("workshops.cancel")
    class Cancelled(LogFormatter):
        label = _("Cancel workshop")

        def format_message(self, log_entry):
            reason = (log_entry.data or {}).get("reason", "")
            return _("Workshop cancelled: %(reason)s") % {"reason": reason}

    @actions.register_action("workshops.message")
    class Messaged(LogFormatter):
        label = _("Message registrants")

        def format_message(self, log_entry):
            data = log_entry.data or {}
            return _("Message “%(subject)s” sent to %(count)s people") % {
                "subject": data.get("subject", ""),
                "count": data.get("recipients", 0),
            }


@hooks.register(document_access.READER_HOOK)
def workshop_materials_let_read(user, document):
    """A document used as a workshop's material may be downloaded by whoever may see a
    workshop that has it (a members-only workshop's by members, a draft's by nobody but
    the facilitators, who may download every document)."""
    return Material.objects.filter(
        document=document, workshop__in=workshops_visible_to(user)
    ).exists()


@hooks.register(document_access.READER_HOOK)
def commitment_evidence_let_read(user, document):
    """A document given as evidence of a commitment, or the minutes of an agreement space,
    may be downloaded by whoever may see that commitment or space (a hidden entry's
    evidence stays readable: hiding concerns the note)."""
    visible = commitments_visible_to(user).order_by()
    return (
        CommitmentUpdate.objects.filter(document=document, commitment__in=visible).exists()
        or CommitmentVerdict.objects.filter(
            document=document, update__commitment__in=visible
        ).exists()
        or AgreementSpace.objects.filter(
            minutes=document, pk__in=agreement_spaces_visible_to(user).values("pk")
        ).exists()
    )
