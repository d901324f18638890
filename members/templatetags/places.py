"""Districts as pages show them: grouped by province, or named in short on a card."""

from django import template
from django.utils.translation import gettext as _

from members.places import by_province

register = template.Library()

# On a card, more districts than this are named by their province instead.
CARD_DISTRICTS = 3


@register.filter(name="by_province")
def by_province_filter(districts):
    """[(province, [districts])] in ubigeo order; needs each district's province.

    Takes a related manager or what its .all() gave: a queryset filled by a prefetch is
    iterated as it is (calling .all() on it again would query once per item)."""
    if hasattr(districts, "all") and not hasattr(districts, "_result_cache"):
        districts = districts.all()
    return by_province(districts)


@register.filter
def places_short(districts) -> str:
    """ "Torata, Samegua" or, with many districts, "Mariscal Nieto (7 districts)"."""
    groups = by_province_filter(districts)
    if sum(len(members) for _province, members in groups) <= CARD_DISTRICTS:
        return ", ".join(d.name for _province, members in groups for d in members)
    return ", ".join(
        _("%(province)s (%(count)s districts)") % {"province": p.name, "count": len(members)}
        if len(members) > 1
        else members[0].name
        for p, members in groups
    )
