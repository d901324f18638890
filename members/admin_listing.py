"""Pieces of the admin's listings shared by every app (lessons, workshops, commitments...):
the sidebar's filters (one radio button a choice, "All" first) and the "View on the portal"
item of a row's or a header's menu."""

import django_filters
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Province
from .places import districts_with_provinces, in_places

_RADIO = {"empty_label": gettext_lazy("All"), "widget": forms.RadioSelect}


def radio_choice_filter(label, choices, **kwargs) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(label=label, choices=choices, **_RADIO, **kwargs)


def radio_model_filter(label, queryset, **kwargs) -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(label=label, queryset=queryset, **_RADIO, **kwargs)


def view_on_portal_button(button_class, obj, *, priority: int):
    """`button_class` is the menu's kind of item (Wagtail's MenuItem in a listing's row,
    Button in an edit page's header)."""
    return button_class(
        _("View on the portal"),
        url=obj.get_absolute_url(),
        icon_name="link-external",
        priority=priority,
    )


def province_filter(field: str = "districts") -> django_filters.ModelChoiceFilter:
    """The admin listing's filter by province, through the items' districts."""

    def narrow(queryset, name, value):
        return in_places(queryset, province=value, field=field)

    return radio_model_filter(
        gettext_lazy("Province"), Province.objects.order_by("ubigeo"), method=narrow
    )


def district_filter(field: str = "districts") -> django_filters.ModelChoiceFilter:
    """The admin listing's filter by district: a drop-down (21 of them), by province."""

    def narrow(queryset, name, value):
        return in_places(queryset, district=value, field=field)

    return django_filters.ModelChoiceFilter(
        label=gettext_lazy("District"),
        queryset=districts_with_provinces(),
        empty_label=gettext_lazy("All"),
        method=narrow,
    )
