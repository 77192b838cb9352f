"""Dates relative to a bulletin's date, at the precision the words give.

"ayer" is a day, "este jueves" the latest Thursday on or before the bulletin's
date, "la semana pasada" the month that week lies in (the year when it spans
two), "el mes pasado" a month, "en marzo" the latest March on or before it.
Written as ISO 8601 reduced: "2017", "2017-05", "2017-05-11".
"""

from __future__ import annotations

import datetime as dt


def resolve(published: dt.date, kind: str, offset: int) -> str:
    """The date a relative expression of ``kind`` (day, weekday, week, relmonth) names."""
    if kind == "day":
        return (published + dt.timedelta(days=offset)).isoformat()
    if kind == "weekday":
        return (published - dt.timedelta(days=(published.weekday() - offset) % 7)).isoformat()
    if kind == "week":
        return _week(published + dt.timedelta(weeks=offset))
    if kind == "relmonth":
        year, month = divmod(published.year * 12 + published.month - 1 + offset, 12)
        return f"{year:04d}-{month + 1:02d}"
    raise ValueError(f"no relative date of kind {kind!r}")


def latest_month(published: dt.date, month: int) -> str:
    """A month named without its year: the latest such month on or before the bulletin's date."""
    return f"{published.year - (month > published.month):04d}-{month:02d}"


def _week(day: dt.date) -> str:
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.year:04d}-{monday.month:02d}"
    return f"{day.year:04d}"
