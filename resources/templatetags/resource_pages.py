"""Template helpers of the portal's pages (templates/resources/pages)."""

from django import template
from django.conf import settings
from django.utils.formats import date_format
from wagtail.models import Locale

from ..contact import ContactPage, contact_email

register = template.Library()


@register.simple_tag(takes_context=True)
def facilitation_email(context) -> str:
    """The address the facilitation team answers (set in the admin), or ""."""
    return contact_email(context.get("request"))


@register.simple_tag(takes_context=True)
def contact_page_url(context) -> str:
    """The live contact page in the language being read (else in Spanish), or ""."""
    request = context.get("request")
    pages = ContactPage.objects.live().public().select_related("locale")
    page = (
        pages.filter(locale=Locale.get_active()).first()
        or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    )
    return (page.get_url(request) or "") if page is not None else ""


@register.filter
def article_meta(article) -> str:
    """An article's kind and date for its card, e.g. "Announcement · 3 May 2025"."""
    return f"{article.get_kind_display()} · {date_format(article.date, 'DATE_FORMAT')}"
