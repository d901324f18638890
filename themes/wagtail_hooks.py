"""The facilitators' side of lessons: contributions and comments in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Contribution


class ContributionViewSet(SnippetViewSet):
    model = Contribution
    icon = "doc-full"
    menu_label = _("Contributions")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "primary_theme", "author_institution", "visibility", "live"]
    list_filter = ["primary_theme", "kind", "visibility", "live", "is_archived", "is_featured"]
    search_fields = ["title", "summary"]


register_snippet(ContributionViewSet)
