"""Dates at any precision on a horizontal time axis, shared by the report's charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO 8601 date covers at its precision: 2017 is the whole year,
    2017-05 the whole month, 2017-05-11 one day."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    year, month = parts[:2]
    if len(parts) == 2:
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return dt.date(year, month, 1), following - dt.timedelta(days=1)
    day = dt.date(year, month, parts[2])
    return day, day


@dataclass
class TimeAxis:
    """Whole years from ``first`` to ``last`` laid over ``width`` pixels from ``left``."""

    first: int
    last: int
    left: float
    width: float

    @classmethod
    def spanning(cls, dates: list[str], left: float, year_width: float, at_least: int | None = None) -> TimeAxis:
        """An axis over every year the dates touch (and ``at_least`` from that year on, when given)."""
        years = [period(d)[0].year for d in dates] + [period(d)[1].year for d in dates]
        first = min(years + ([at_least] if at_least else []))
        last = max(years)
        return cls(first, last, left, year_width * (last - first + 1))

    @property
    def start(self) -> dt.date:
        return dt.date(self.first, 1, 1)

    @property
    def right(self) -> float:
        return self.left + self.width

    def x(self, day: dt.date) -> float:
        end = dt.date(self.last + 1, 1, 1)
        share = (day - self.start).days / (end - self.start).days
        return self.left + self.width * share

    def gridlines(self, top: float, bottom: float, label_y: float) -> list[str]:
        """A line at each new year and the year's number centred over it."""
        parts = []
        for year in range(self.first, self.last + 1):
            x = self.x(dt.date(year, 1, 1))
            middle = self.x(dt.date(year, 7, 2))
            parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="#ddd"/>')
            parts.append(f'<text x="{middle:.1f}" y="{label_y}" text-anchor="middle" font-size="12">{year}</text>')
        parts.append(f'<line x1="{self.right:.1f}" y1="{top}" x2="{self.right:.1f}" y2="{bottom}" stroke="#ddd"/>')
        return parts
