"""The program's figures over time: a step line per metric from metric_series, conflicting figures marked.

The line follows, date by date, the figure most bulletins state that day (a
tie goes to the higher figure) and holds it until the next date. Every other
figure is a point; a figure another figure contradicts is ringed in red: a
different figure stated the same day, a cumulative figure below an earlier one
(decreasing_cumulative), or a figure that differs from the states listed beside
it (list_count_mismatch). A figure with a qualifier ("más de 120") is hollow.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict

from pipeline.report.axis import TimeAxis, period

METRICS = {
    "states_participating": "States taking part",
    "stl_installed": "Secretariados Técnicos Locales installed",
    "plans_published": "Planes de Acción Local published",
    "commitments": "Commitments in the published plans",
    "authorities_participating": "Authorities taking part",
    "csos_participating": "Civil-society organisations taking part",
}
QUALIFIERS = {
    "exact": "",
    "more_than": "more than ",
    "at_least": "at least ",
    "approx": "about ",
    "less_than": "less than ",
}
QUALIFIERS["at_most"] = "at most "
PANEL_H, PLOT_TOP, PLOT_BOTTOM, LEFT, YEAR_W = 150, 26, 122, 50, 110
COLOR, RED = "#1b6ca8", "#c0392b"


def series(conn) -> dict[str, list[dict]]:
    """Program-wide figures by metric, oldest first, each with the reasons checks give against it."""
    flagged = _flagged(conn)
    by_metric: dict[str, list[dict]] = defaultdict(list)
    cursor = conn.execute(
        "select metric, as_of, value, qualifier, sources, doc_ids from metric_series "
        "where state is null and as_of is not null order by metric, as_of, value"
    )
    for metric, as_of, value, qualifier, sources, doc_ids in cursor:
        docs = json.loads(doc_ids)
        reasons = sorted({r for d in docs for r in flagged.get((metric, d, value), ())})
        point = {"as_of": as_of, "value": value, "qualifier": qualifier, "sources": sources, "doc_ids": docs}
        by_metric[metric].append({**point, "reasons": reasons})
    for points in by_metric.values():
        _mark_same_day_conflicts(points)
    return dict(by_metric)


def _flagged(conn) -> dict[tuple, set[str]]:
    flagged: dict[tuple, set[str]] = defaultdict(set)
    cursor = conn.execute(
        """select "check", doc_id, doc_ids, metric, expected, found from checks
           where "check" in ('decreasing_cumulative', 'list_count_mismatch') and state is null"""
    )
    for check, doc_id, doc_ids, metric, expected, found in cursor:
        if check == "decreasing_cumulative":
            flagged[(metric, json.loads(doc_ids)[-1], found)].add(f"below the {expected} stated earlier")
        else:
            flagged[(metric, doc_id, expected)].add(f"the same sentence lists {found} states")
    return flagged


def _mark_same_day_conflicts(points: list[dict]) -> None:
    """The figure the line follows each day ("kept"), and a reason on every other figure that day."""
    by_day: dict[str, list[dict]] = defaultdict(list)
    for point in points:
        by_day[point["as_of"]].append(point)
    for day in by_day.values():
        kept = max(day, key=lambda p: (p["sources"], p["value"]))
        for point in day:
            point["kept"] = point is kept
            if point is not kept and point["value"] != kept["value"]:
                point["reasons"] = point["reasons"] + [f"another bulletin states {kept['value']} the same day"]


def figure_text(point: dict) -> str:
    return f"{QUALIFIERS.get(point['qualifier'], '')}{point['value']:,}"


def _panel(metric: str, points: list[dict], axis: TimeAxis, top: float) -> list[str]:
    high = max(p["value"] for p in points) * 1.1 or 1

    def y(value: float) -> float:
        return top + PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / high

    kept = [p for p in points if p["kept"]]
    parts = [f'<text x="{LEFT}" y="{top + 16}" font-size="13" font-weight="bold">{html.escape(METRICS[metric])}</text>']
    top_value = max(p["value"] for p in points)
    for value in (0, top_value):
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="11">{value:,}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{axis.right:.1f}" y2="{y(0):.1f}" stroke="#999"/>')
    path: list[str] = []
    for point, following in zip(kept, kept[1:] + [None]):
        x1 = axis.x(period(point["as_of"])[0])
        path.append(f"{'M' if not path else 'L'}{x1:.1f},{y(point['value']):.1f}")
        if following:
            path.append(f"L{axis.x(period(following['as_of'])[0]):.1f},{y(point['value']):.1f}")
    parts.append(f'<path class="step" d="{" ".join(path)}" fill="none" stroke="{COLOR}" stroke-width="2"/>')
    for point in points:
        parts.append(_point(point, axis.x(period(point["as_of"])[0]), y(point["value"])))
    return parts


def _point(point: dict, x: float, y: float) -> str:
    hollow = point["qualifier"] != "exact"
    docs = ", ".join(point["doc_ids"][:3]) + (
        f" and {len(point['doc_ids']) - 3} more" if len(point["doc_ids"]) > 3 else ""
    )
    title = f"{figure_text(point)} on {point['as_of']}: {docs}"
    ring = ""
    if point["reasons"]:
        title += " — " + "; ".join(point["reasons"])
        ring = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="none" stroke="{RED}" stroke-width="2"/>'
    css = "figure conflict" if point["reasons"] else "figure"
    return (
        f'<g class="{css}"><title>{html.escape(title)}</title>{ring}<circle cx="{x:.1f}" cy="{y:.1f}" r="4" '
        f'fill="{"white" if hollow else COLOR}" stroke="{COLOR}" stroke-width="2"/></g>'
    )


def figures_svg(by_metric: dict[str, list[dict]]) -> str:
    """Small multiples, one per metric stated on two dates or more, on one time axis."""
    shown = [m for m in METRICS if len({p["as_of"] for p in by_metric.get(m, [])}) > 1]
    if not shown:
        return ""
    axis = TimeAxis.spanning([p["as_of"] for m in shown for p in by_metric[m]], LEFT, YEAR_W)
    height = PANEL_H * len(shown) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{axis.right + 20:.0f}" height="{height}" role="img" '
        f'aria-label="Program figures over time" class="figures">'
    ]
    parts += axis.gridlines(20, height - 4, 14)
    for index, metric in enumerate(shown):
        parts += _panel(metric, by_metric[metric], axis, 20 + PANEL_H * index)
    parts.append("</svg>")
    return "\n".join(parts)


def figures_table(by_metric: dict[str, list[dict]]) -> str:
    """The latest figure of each metric, with how many dates and how many contradicted figures it has."""
    rows = []
    for metric, label in METRICS.items():
        points = by_metric.get(metric)
        if not points:
            continue
        latest = [p for p in points if p["as_of"] == points[-1]["as_of"] and p["kept"]][0]
        conflicts = sum(1 for p in points if p["reasons"])
        rows.append(
            f"<tr><td>{html.escape(label)}</td><td class='number'>{figure_text(latest)}</td>"
            f"<td>{latest['as_of']}</td><td>{html.escape(', '.join(latest['doc_ids'][:5]))}"
            f"{' …' if len(latest['doc_ids']) > 5 else ''}</td>"
            f"<td class='number'>{len({p['as_of'] for p in points})}</td><td class='number'>{conflicts}</td></tr>"
        )
    if not rows:
        return "<p>The bulletins state no program figure.</p>"
    head = (
        "<tr><th>Figure</th><th>Latest</th><th>As of</th><th>Stated by</th><th>Dates with a figure</th>"
        "<th>Contradicted figures</th></tr>"
    )
    return f'<table class="figures-table">{head}{"".join(rows)}</table>'
