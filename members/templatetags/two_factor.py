"""Whether the person has two-step verification on, for allauth's pages (whose views are
allauth's own and give no such context)."""

from django import template

from members import two_factor

register = template.Library()


@register.simple_tag
def has_totp(user) -> bool:
    return two_factor.has_totp(user)
