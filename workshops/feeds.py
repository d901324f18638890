"""The commitments register for feed readers and calendar apps: an RSS of the changes
(each report on a public commitment) and an ICS of the due dates of the open ones.

Both are read by programs that never log in and are cached by others, so they start from
`selectors.public_commitments()` for everyone, as the lessons' feeds do."""

from django.urls import reverse
from django.utils.translation import gettext as _

from themes.feeds import SiteFeed, absolute

from .models import CommitmentUpdate
from .selectors import public_commitments

FEED_SIZE = 30


def latest_public_changes() -> list[CommitmentUpdate]:
    return list(
        CommitmentUpdate.objects.filter(commitment__in=public_commitments().order_by())
        .select_related("commitment", "institution")
        .order_by("-created_at", "-pk")[:FEED_SIZE]
    )


class CommitmentChangesFeed(SiteFeed):
    """/compromisos/rss/: the 30 latest reports on public commitments."""

    def title(self):
        return _("Commitments register · Moquegua Community of Learning")

    def description(self):
        return _(
            "The latest changes of status and progress of the commitments followed by the "
            "Moquegua Community of Learning, with their evidence."
        )

    def link(self):
        return absolute(reverse("workshops:commitments"))

    def feed_url(self):
        return absolute(reverse("workshops:commitments_rss"))

    def items(self):
        return latest_public_changes()

    def item_title(self, item: CommitmentUpdate):
        if item.status != item.previous_status:
            change = _("Status changed to “%(status)s”") % {"status": item.get_status_display()}
        elif item.progress != item.previous_progress:
            change = _("Progress: %(progress)s %%") % {"progress": item.progress}
        else:
            change = _("New report")
        return f"{change}: {item.commitment.title}"

    def item_description(self, item: CommitmentUpdate):
        parts = [
            _("%(status)s, %(progress)s %% done.")
            % {"status": item.get_status_display(), "progress": item.progress}
        ]
        if item.institution_id:
            parts.append(_("Reported by %(institution)s.") % {"institution": item.institution})
        else:
            parts.append(_("Recorded by the facilitators."))
        if item.note and not item.hidden_at:
            parts.append(item.note)
        return "\n\n".join(parts)

    def item_link(self, item: CommitmentUpdate):
        return absolute(f"{item.commitment.get_absolute_url()}#report-{item.pk}")

    def item_guid(self, item: CommitmentUpdate):
        return absolute(f"{item.commitment.get_absolute_url()}#report-{item.pk}")

    def item_pubdate(self, item: CommitmentUpdate):
        return item.created_at

    def item_author_name(self, item: CommitmentUpdate):
        return item.institution.name if item.institution_id else None
