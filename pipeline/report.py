"""The program over time as a self-contained HTML page with an SVG chart.

One row per state, a year axis, and a mark for each event the timeline holds:
joined (circle), Secretariado Técnico Local installed (square), Plan de Acción
Local published (diamond). An event whose year no bulletin gives is drawn
hollow at the year it was first reported ("by then"). Hand-written SVG keeps
the page free of scripts and network fetches, so it opens anywhere, offline.
"""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

EVENTS = {
    "joined": ("Se sumó (joined)", "#1b6ca8"),
    "stl_installed": ("Secretariado Técnico Local instalado", "#d9822b"),
    "plan_published": ("Plan de Acción Local publicado", "#2e8540"),
}
ROW, LEFT, TOP, YEAR_W = 22, 170, 40, 70


def timeline_rows(conn: sqlite3.Connection) -> list[dict]:
    conn.row_factory = sqlite3.Row
    return [
        dict(r)
        for r in conn.execute(
            "select state, state_name, event, year, first_reported, sources, conflict, evidence_url from timeline"
        )
    ]


def _mark(event: str, x: float, y: float, hollow: bool, title: str) -> str:
    _, color = EVENTS[event]
    fill = "white" if hollow else color
    style = f'fill="{fill}" stroke="{color}" stroke-width="2"'
    if event == "joined":
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" {style}/>'
    elif event == "stl_installed":
        shape = f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" {style}/>'
    else:
        shape = (
            f'<path d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y:.1f} L{x:.1f},{y + 7:.1f} L{x - 7:.1f},{y:.1f} Z" {style}/>'
        )
    return f'<g class="mark {event}"><title>{html.escape(title)}</title>{shape}</g>'


def timeline_svg(rows: list[dict]) -> str:
    if not rows:
        return '<p class="empty">No timeline rows yet: run the pipeline over some bulletins first.</p>'
    for r in rows:
        r["plot_year"] = r["year"] or int(r["first_reported"][:4])
    first = min(r["plot_year"] for r in rows)
    last = max(r["plot_year"] for r in rows)
    states = sorted(
        {(r["state"], r["state_name"]) for r in rows},
        key=lambda s: (
            min((r["plot_year"] for r in rows if r["state"] == s[0] and r["event"] == "joined"), default=9999),
            s[1] or s[0],
        ),
    )
    width = LEFT + YEAR_W * (last - first + 1) + 40
    height = TOP + ROW * len(states) + 30
    offsets = {"joined": -14, "stl_installed": 0, "plan_published": 14}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="Program timeline by state">'
    ]
    for i, year in enumerate(range(first, last + 1)):
        x = LEFT + YEAR_W * i + YEAR_W / 2
        parts.append(f'<line x1="{x}" y1="{TOP - 10}" x2="{x}" y2="{height - 20}" stroke="#ddd"/>')
        parts.append(f'<text x="{x}" y="{TOP - 16}" text-anchor="middle" font-size="12">{year}</text>')
    for row_index, (code, name) in enumerate(states):
        y = TOP + ROW * row_index + ROW / 2
        parts.append(
            f'<text x="{LEFT - 10}" y="{y + 4}" text-anchor="end" font-size="12">{html.escape(name or code)}</text>'
        )
        for r in (r for r in rows if r["state"] == code):
            x = LEFT + YEAR_W * (r["plot_year"] - first) + YEAR_W / 2 + offsets[r["event"]]
            when = str(r["year"]) if r["year"] else f"by {r['first_reported']} (year not stated)"
            conflict = " — bulletins disagree on the year" if r["conflict"] else ""
            title = f"{name}: {EVENTS[r['event']][0]}, {when}; {r['sources']} bulletin(s){conflict}"
            parts.append(_mark(r["event"], x, y, r["year"] is None, title))
    parts.append("</svg>")
    return "\n".join(parts)


def legend() -> str:
    items = "".join(
        f'<li><svg width="18" height="18">{_mark(e, 9, 9, False, label)}</svg> {html.escape(label)}</li>'
        for e, (label, _) in EVENTS.items()
    )
    return f'<ul class="legend">{items}<li>hollow mark: year not stated, drawn at the year first reported</li></ul>'


def report_html(db_path: str) -> str:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        rows = timeline_rows(conn)
        checks = conn.execute("select count(*) from checks").fetchone()[0]
        documents = conn.execute("select count(*) from documents").fetchone()[0]
    return f"""<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8"><title>Gobierno Abierto: Cocreación desde lo Local — timeline</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;color:#222}} .legend{{list-style:none;padding:0;display:flex;gap:1.5em;flex-wrap:wrap}}
.legend li{{display:flex;align-items:center;gap:.4em}}</style></head>
<body><h1>Gobierno Abierto: Cocreación desde lo Local</h1>
<p>{len({r["state"] for r in rows})} states in {len(rows)} timeline rows reconciled from {documents} INAI bulletins; {checks} consistency finding(s).</p>
{legend()}
{timeline_svg(rows)}
</body></html>"""


def write_report(db_path: str, out: str) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(report_html(db_path), encoding="utf-8")
