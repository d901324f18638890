"""Reads of themes and (later) contributions, with visibility already applied."""

from django.db.models import QuerySet

from .models import Theme


def themes_ordered() -> QuerySet[Theme]:
    return Theme.objects.order_by("order")
