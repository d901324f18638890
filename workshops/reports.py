"""What the facilitators' admin pages show, prepared for the templates: participation bars
drawn as SVG on the server, times in Lima, and the rows of the participant list."""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .models import Registration

# SVG geometry of the participation chart (user units of the viewBox).
CHART_WIDTH = 640
BAR_AREA = 520
LABEL_HEIGHT = 18
BAR_HEIGHT = 14
BAR_GAP = 3
ROW_GAP = 14
LEGEND_HEIGHT = 30


def lima_datetime(value) -> str:
    """A date and time as facilitators read it: on the portal's clock (TIME_ZONE, Lima)."""
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


@dataclass
class SectorBar:
    label: str
    registered: int
    attended: int
    label_y: int
    registered_y: int
    attended_y: int
    registered_width: int
    attended_width: int

    @property
    def registered_text_x(self) -> int:
        return self.registered_width + 6

    @property
    def attended_text_x(self) -> int:
        return self.attended_width + 6

    @property
    def registered_text_y(self) -> int:
        return self.registered_y + BAR_HEIGHT - 3

    @property
    def attended_text_y(self) -> int:
        return self.attended_y + BAR_HEIGHT - 3


@dataclass
class ParticipationChart:
    bars: list[SectorBar]
    width: int
    height: int
    total_registered: int
    total_attended: int


def participation_chart(rows: list[dict]) -> ParticipationChart:
    """Bars for `selectors.participation_by_sector` rows, scaled to the largest count."""
    largest = max([row["registered"] for row in rows] + [row["attended"] for row in rows] + [1])
    bars = []
    y = LEGEND_HEIGHT
    for row in rows:
        registered_y = y + LABEL_HEIGHT
        attended_y = registered_y + BAR_HEIGHT + BAR_GAP
        bars.append(
            SectorBar(
                label=str(row["label"]),
                registered=row["registered"],
                attended=row["attended"],
                label_y=y + LABEL_HEIGHT - 5,
                registered_y=registered_y,
                attended_y=attended_y,
                # A zero still shows as a hairline, so an absent sector is visible.
                registered_width=max(1, round(BAR_AREA * row["registered"] / largest)),
                attended_width=max(1, round(BAR_AREA * row["attended"] / largest)),
            )
        )
        y = attended_y + BAR_HEIGHT + ROW_GAP
    return ParticipationChart(
        bars=bars,
        width=CHART_WIDTH,
        height=y,
        total_registered=sum(row["registered"] for row in rows),
        total_attended=sum(row["attended"] for row in rows),
    )


def attended_label(registration: Registration) -> str:
    if registration.attended is None:
        return ""
    return _("Yes") if registration.attended else _("No")


def participant_row(registration: Registration) -> dict:
    """One line of the exported participant list."""
    user = registration.user
    institution = user.institution
    return {
        "name": user.full_name or user.email,
        "institution": institution.name if institution else "",
        "sector": institution.get_sector_display() if institution else "",
        "status": registration.get_status_display(),
        "attended": attended_label(registration),
    }
