"""Server-rendered SVG charts: the geometry of bars or a line for rows of (label, value); the template draws it.

No JavaScript: the chart is an image with a title, and the same numbers are in the table beside it.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
HEIGHT = 220
TOP = 20
BASELINE = 180
LEFT = 8
MAXIMUM_POINTS = 24


@dataclass(frozen=True)
class Mark:
    label: str
    value: Decimal | int | float
    x: int  # bar's left edge, or the point's x
    y: int
    width: int
    height: int
    centre: int


@dataclass(frozen=True)
class Chart:
    kind: str  # "bar" or "line"
    title: str
    marks: list[Mark]
    width: int = WIDTH
    height: int = HEIGHT
    baseline: int = BASELINE

    @property
    def points(self) -> str:
        """The polyline of a line chart."""
        return " ".join(f"{mark.centre},{mark.y}" for mark in self.marks)


def chart(kind: str, title: str, rows: list[dict], value_key: str) -> Chart:
    """Bars (or a line) scaled to the largest value; negative net values draw as zero height."""
    rows = rows[:MAXIMUM_POINTS]
    largest = max((float(row[value_key] or 0) for row in rows), default=0) or 1
    slot = (WIDTH - LEFT) // max(len(rows), 1)
    width = max(slot * 3 // 5, 2)
    marks = []
    for index, row in enumerate(rows):
        value = row[value_key] or 0
        height = round(max(float(value), 0) / largest * (BASELINE - TOP))
        x = LEFT + index * slot + (slot - width) // 2
        marks.append(
            Mark(
                label=str(row["label"]),
                value=value,
                x=x,
                y=BASELINE - height,
                width=width,
                height=height,
                centre=x + width // 2,
            )
        )
    return Chart(kind=kind, title=title, marks=marks)
