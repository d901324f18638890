"""Listing columns for the facilitators' admin, shared by every app's viewsets."""

from wagtail.admin.ui.tables import Column

from .exports import lima_text


class LimaDateColumn(Column):
    """A date and time written out on Lima's wall clock ("18/12/2026 15:00").

    Wagtail's DateColumn says how long ago ("hace 3 horas"), and for a date still to come
    (an invitation's expiry) it says "Justo ahora": a date that may be in the future is
    shown with this column instead."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return lima_text(super().get_value(instance))
