"""The program by state over time, as SVG: one row per state, a lane per event.

An event the bulletins date is drawn at its date: a mark on the day, or in the
middle of the month or year the bulletins give with a line across that month or
year. An event no bulletin dates is a bar from ``not_before`` (the last earlier
complete list without the state) to ``first_reported`` (the first bulletin that
reports it), with a hollow mark at its end; without a lower bound the bar starts
at the axis and is dashed. Joined is a circle, Secretariado Técnico Local
installed a square, Plan de Acción Local published a diamond. Hand-written SVG
keeps the page free of scripts and network fetches, so it opens anywhere, offline.
"""

from __future__ import annotations

import html

from pipeline.report.axis import TimeAxis, period

EVENTS = {
    "joined": ("Se sumó (joined)", "#1b6ca8"),
    "stl_installed": ("Secretariado Técnico Local instalado", "#d9822b"),
    "plan_published": ("Plan de Acción Local publicado", "#2e8540"),
}
LANES = {"joined": -8, "stl_installed": 0, "plan_published": 8}
ROW, LEFT, TOP, YEAR_W = 30, 170, 40, 110
COLUMNS = "state, state_name, event, year, date, not_before, first_reported, sources, conflict, evidence_url"
QUERY = f"select {COLUMNS} from timeline"


def timeline_rows(conn) -> list[dict]:
    cursor = conn.execute(QUERY)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _shape(event: str, x: float, y: float, style: str) -> str:
    if event == "joined":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" {style}/>'
    if event == "stl_installed":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" {style}/>'
    return f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y:.1f} L{x:.1f},{y + 6:.1f} L{x - 6:.1f},{y:.1f} Z" {style}/>'


def _mark(event: str, x: float, y: float, hollow: bool, title: str, extra: str = "") -> str:
    color = EVENTS[event][1]
    style = f'fill="{"white" if hollow else color}" stroke="{color}" stroke-width="2"'
    return f'<g class="mark {event}"><title>{html.escape(title)}</title>{extra}{_shape(event, x, y, style)}</g>'


def when(row: dict) -> str:
    """When the event happened, in words: its date, or the span the bulletins bound it to."""
    if row["date"]:
        return row["date"]
    if row["not_before"]:
        return f"between {row['not_before']} and {row['first_reported']}"
    return f"by {row['first_reported']}"


def _title(row: dict) -> str:
    name = row["state_name"] or row["state"]
    undated = "" if row["date"] else " (no bulletin gives the date)"
    conflict = "; bulletins disagree on the year" if row["conflict"] else ""
    return f"{name}: {EVENTS[row['event']][0]}, {when(row)}{undated}; {row['sources']} bulletin(s){conflict}"


def _event(row: dict, axis: TimeAxis, y: float) -> str:
    color = EVENTS[row["event"]][1]
    ring = f'<circle cx="{{x:.1f}}" cy="{y:.1f}" r="9" fill="none" stroke="#c0392b" stroke-width="1.5"/>'
    if row["date"]:
        start, end = period(row["date"])
        x1, x2 = axis.x(start), axis.x(end)
        x = (x1 + x2) / 2
        span = (
            f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="{color}" '
            'stroke-width="1.5" stroke-opacity="0.6"/>'
        )
        extra = (span if end > start else "") + (ring.format(x=x) if row["conflict"] else "")
        return _mark(row["event"], x, y, False, _title(row), extra)
    x2 = axis.x(period(row["first_reported"])[0])
    x1 = axis.x(period(row["not_before"])[0]) if row["not_before"] else axis.left
    dash = "" if row["not_before"] else ' stroke-dasharray="3,3"'
    bar = (
        f'<rect class="bound" x="{x1:.1f}" y="{y - 4:.1f}" width="{max(x2 - x1, 1):.1f}" height="8" '
        f'fill="{color}" fill-opacity="0.25" stroke="{color}"{dash}/>'
    )
    return _mark(row["event"], x2, y, True, _title(row), bar)


def _sort_key(rows: list[dict], code: str, name: str | None):
    joined = [r for r in rows if r["state"] == code and r["event"] == "joined"]
    first = min((r["date"] or r["first_reported"] for r in joined), default="9999")
    return period(first)[0].isoformat(), name or code


def timeline_svg(rows: list[dict], start_year: int | None = None) -> str:
    """The chart of timeline rows (as ``timeline_rows`` reads them); ``start_year`` starts the axis no later."""
    if not rows:
        return '<p class="empty">No timeline rows yet: run the pipeline over some bulletins first.</p>'
    dates = [d for r in rows for d in (r["date"], r["not_before"], r["first_reported"]) if d]
    axis = TimeAxis.spanning(dates, LEFT, YEAR_W, at_least=start_year)
    states = sorted({(r["state"], r["state_name"]) for r in rows}, key=lambda s: _sort_key(rows, *s))
    height = TOP + ROW * len(states) + 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{axis.right + 30:.0f}" height="{height}" role="img" '
        f'aria-label="Program timeline by state" class="timeline">'
    ]
    parts += axis.gridlines(TOP - 10, height - 10, TOP - 16)
    for index, (code, name) in enumerate(states):
        y = TOP + ROW * index + ROW / 2
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + 4}" text-anchor="end" font-size="12">{html.escape(name or code)}</text>'
        )
        parts += [_event(r, axis, y + LANES[r["event"]]) for r in rows if r["state"] == code]
    parts.append("</svg>")
    return "\n".join(parts)


def legend() -> str:
    items = "".join(
        f'<li><svg width="18" height="18">{_mark(e, 9, 9, False, label)}</svg> {html.escape(label)}</li>'
        for e, (label, _) in EVENTS.items()
    )
    bound = (
        '<li><svg width="46" height="18"><rect x="1" y="5" width="34" height="8" fill="#888" fill-opacity="0.25" '
        'stroke="#888"/><circle cx="36" cy="9" r="5" fill="white" stroke="#888" stroke-width="2"/></svg> '
        "date not given: from the last earlier complete list without the state (dashed: none) to the first "
        "report</li>"
        '<li><svg width="46" height="18"><line x1="2" y1="9" x2="44" y2="9" stroke="#888" stroke-width="2"/>'
        '<circle cx="23" cy="9" r="5" fill="#888"/></svg> dated to a month or a year only</li>'
        '<li><svg width="22" height="22"><circle cx="11" cy="11" r="9" fill="none" stroke="#c0392b" '
        'stroke-width="1.5"/></svg> bulletins disagree on the year</li>'
    )
    return f'<ul class="legend">{items}{bound}</ul>'
