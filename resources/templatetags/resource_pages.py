"""Template helpers of the portal's pages (templates/resources/pages)."""

from django import template
from django.utils.formats import date_format

from ..pages import facilitation_email as _facilitation_email

register = template.Library()


@register.simple_tag
def facilitation_email() -> str:
    """The address the facilitation team answers (from the settings), or ""."""
    return _facilitation_email()


@register.filter
def article_meta(article) -> str:
    """An article's kind and date for its card, e.g. "Announcement · 3 May 2025"."""
    return f"{article.get_kind_display()} · {date_format(article.date, 'DATE_FORMAT')}"
