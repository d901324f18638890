"""For allauth's pages, whose views are allauth's own and do not tell the template whether
the person has two-factor authentication on."""

from django import template

from members import two_factor

register = template.Library()


@register.simple_tag
def has_totp(user) -> bool:
    return two_factor.has_totp(user)
