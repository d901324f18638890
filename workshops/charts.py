"""Stacked bar charts of commitments by status, drawn as SVG on the server (no script).

Horizontal positions are percentages of the chart's width, so the bars follow the page's
width while the labels keep their size in pixels (a viewBox would shrink the text on a
phone); long labels are wrapped over several lines instead. The numbers are in the table
that follows each chart: the chart only repeats them for the eye.
"""

import textwrap
from dataclasses import dataclass, field

from .models import CommitmentStatus

# One colour per status, each at 3:1 or more against the page's sand background.
STATUS_COLOURS = {
    CommitmentStatus.PENDING: "#5f6b76",
    CommitmentStatus.IN_PROGRESS: "#2f6f9f",
    CommitmentStatus.FULFILLED: "#2e6b34",
    CommitmentStatus.NOT_FULFILLED: "#9a4716",
    CommitmentStatus.DROPPED: "#6d5a86",
}

LABEL_CHARS = 38  # a line of label at 15 px fits a 320 px wide phone screen
LINE_HEIGHT = 20
BAR_HEIGHT = 18
ROW_GAP = 14
BAR_SPAN = 80.0  # the longest bar's share of the width; the rest for its figure


@dataclass
class Segment:
    label: str
    count: int
    colour: str
    x: float
    width: float


@dataclass
class Bar:
    lines: list[str]
    label_y: int
    bar_y: int
    text_y: int
    total: int
    fulfilled_share: int
    figure_x: float
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Chart:
    bars: list[Bar]
    height: int


def status_legend() -> list[dict]:
    return [
        {"label": status.label, "colour": STATUS_COLOURS[status]} for status in CommitmentStatus
    ]


def stacked_bars(rows: list[dict]) -> Chart:
    """Bars for `selectors.commitments_summary` rows (label, counts in the order of
    CommitmentStatus, total, fulfilled_share), scaled to the largest total."""
    largest = max([row["total"] for row in rows] + [1])
    bars = []
    y = 0
    for row in rows:
        lines = textwrap.wrap(row["label"], LABEL_CHARS) or [""]
        bar_y = y + LINE_HEIGHT * len(lines) + 4
        bar = Bar(
            lines=lines,
            label_y=y + LINE_HEIGHT - 4,
            bar_y=bar_y,
            text_y=bar_y + BAR_HEIGHT - 4,
            total=row["total"],
            fulfilled_share=row["fulfilled_share"],
            figure_x=round(BAR_SPAN * row["total"] / largest + 1.5, 2),
        )
        x = 0.0
        for status, count in zip(CommitmentStatus, row["counts"], strict=True):
            if not count:
                continue
            width = round(BAR_SPAN * count / largest, 2)
            bar.segments.append(
                Segment(
                    label=str(status.label),
                    count=count,
                    colour=STATUS_COLOURS[status],
                    x=round(x, 2),
                    width=width,
                )
            )
            x += width
        bars.append(bar)
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return Chart(bars=bars, height=max(y, 1))
