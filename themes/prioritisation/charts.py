"""Geometry of the results' charts, drawn as SVG by the templates (no JavaScript). Each
chart has a table with the same figures beside it."""

from dataclasses import dataclass

from django.utils.formats import number_format

from members.models import Sector

from .models import SCALE_MAX, SCALE_MIN
from .results import RoundResults

# One steady colour per sector (all at 4.5:1 or better on the light background), with
# a marker shape as well so that colour never carries the meaning alone.
SECTOR_STYLE = {
    Sector.GOVERNMENT_REGIONAL_LOCAL: ("#1f5f8b", "circle"),
    Sector.GOVERNMENT_NATIONAL: ("#3b4a9c", "square"),
    Sector.PRIVATE_MINING: ("#9a4a12", "diamond"),
    Sector.CIVIL_SOCIETY: ("#2f6b2f", "triangle"),
    Sector.ACADEMIA: ("#6b3d7a", "circle"),
    Sector.COOPERATION: ("#7a5a00", "square"),
    Sector.CITIZENS: ("#8a2c3d", "diamond"),
}
PLOT_WIDTH = 600
ROW_HEIGHT = 46


def _x(mean: float) -> float:
    return round(PLOT_WIDTH * (mean - SCALE_MIN) / (SCALE_MAX - SCALE_MIN), 1)


def fmt(mean: float) -> str:
    return number_format(mean, decimal_pos=1)


@dataclass
class Marker:
    x: float
    y: float
    colour: str
    shape: str
    points: str  # for diamonds and triangles
    label: str

    @property
    def corner_x(self) -> float:
        return self.x - 6

    @property
    def corner_y(self) -> float:
        return self.y - 6


def _points(shape: str, x: float, y: float, r: float = 6) -> str:
    if shape == "diamond":
        return f"{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}"
    if shape == "triangle":
        return f"{x},{y - r} {x + r},{y + r} {x - r},{y + r}"
    return ""


def sector_legend(results: RoundResults) -> list[dict]:
    return [
        {
            "sector": sector,
            "label": Sector(sector).label,
            "colour": SECTOR_STYLE[sector][0],
            "shape": SECTOR_STYLE[sector][1],
            "points": _points(SECTOR_STYLE[sector][1], 8, 8),
        }
        for sector in results.sectors
    ]


def ranking_chart(results: RoundResults) -> dict:
    """Bars of the overall means, best first."""
    rows = []
    for index, result in enumerate(results.overall):
        top = index * ROW_HEIGHT
        rows.append(
            {
                "result": result,
                "label_y": top + 16,
                "bar_y": top + 22,
                "width": max(_x(result.mean), 1) if result.mean else 0,
                "text_y": top + 36,
                "text_x": max(_x(result.mean), 1) + 6 if result.mean else 6,
                "mean": fmt(result.mean),
            }
        )
    return {"width": PLOT_WIDTH + 40, "height": max(len(rows), 1) * ROW_HEIGHT, "rows": rows}


def spread_chart(results: RoundResults) -> dict:
    """For each solution, a line from the lowest to the highest sector mean and a marker
    per sector: a short line is agreement, a long one a division."""
    rows = []
    for index, result in enumerate(results.overall):
        top = index * ROW_HEIGHT + 30
        y = top + 22
        markers = []
        for sector, mean in result.sector_means.items():
            colour, shape = SECTOR_STYLE[sector]
            x = _x(mean) + 20
            markers.append(
                Marker(
                    x,
                    y,
                    colour,
                    shape,
                    _points(shape, x, y),
                    f"{Sector(sector).label}: {fmt(mean)}",
                )
            )
        xs = [m.x for m in markers] or [20]
        rows.append(
            {
                "result": result,
                "label_y": top + 10,
                "y": y,
                "x1": min(xs),
                "x2": max(xs),
                "markers": markers,
            }
        )
    ticks = [{"x": _x(value) + 20, "label": value} for value in range(SCALE_MIN, SCALE_MAX + 1)]
    return {
        "width": PLOT_WIDTH + 40,
        "height": max(len(rows), 1) * ROW_HEIGHT + 40,
        "rows": rows,
        "ticks": ticks,
        "axis_y": max(len(rows), 1) * ROW_HEIGHT + 34,
        "grid_bottom": max(len(rows), 1) * ROW_HEIGHT + 20,
    }
