"""output/report.html: one self-contained page, readable offline, about what the database's bulletins say.

Sections: what the database holds; a map of the 32 states by their step in the
program; the timeline by state; the program's figures over time; the states one
by one with their evidence; the consistency findings in words. Styles and SVG
are inline and there is no script, so the file opens anywhere without a network.
Evidence links point at a Datasette serving the same database (``make serve``).
"""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

from pipeline import rules
from pipeline.report import figures, sections, tilemap, timeline

DATASETTE = "http://127.0.0.1:8001"
STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1320px;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.legend{list-style:none;padding:0;display:flex;gap:1.2em;flex-wrap:wrap;font-size:.9em}
.legend li{display:flex;align-items:center;gap:.4em}
table{border-collapse:collapse;font-size:.9em} td,th{border-bottom:1px solid #e4e4e4;padding:.3em .6em;
text-align:left;vertical-align:top} .number{text-align:right} td.bounded{color:#555;font-style:italic}
td.none{color:#aaa} .conflict{color:#c0392b;font-weight:bold;font-style:normal} small{color:#666}
.map{display:flex;gap:2em;align-items:flex-start;flex-wrap:wrap} .scroll{overflow-x:auto}
ul.documents{columns:2;font-size:.9em} footer{margin-top:3em;font-size:.85em;color:#666}
"""


def _rows(conn, sql: str) -> list[dict]:
    cursor = conn.execute(sql)
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def _summary(statuses: list[dict]) -> str:
    joined = sum(1 for s in statuses if s["joined"])
    stl = sum(1 for s in statuses if s["stl_installed"])
    plans = sum(1 for s in statuses if s["plan_published"])
    return (
        f"<p>According to these bulletins, {joined} of the 32 states joined the program, {stl} installed their "
        f"Secretariado Técnico Local and {plans} published their Plan de Acción Local. A state no bulletin "
        "mentions in the program is grey: these bulletins say nothing of it, which is not to say it did nothing."
        "</p>"
    )


def report_html(db_path: str, datasette: str = DATASETTE) -> str:
    start_year = int(rules.load("program").get("start_year", 2015))
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
        documents = conn.execute("select count(*) from documents").fetchone()[0]
        statuses = _rows(conn, "select * from state_status")
        rows = timeline.timeline_rows(conn)
        by_metric = figures.series(conn)
        sentences = sections.evidence_sentences(conn, rows)
        said = sections.holdings(conn, Path(db_path).name)
        found = sections.findings(conn, documents)
    chart = figures.figures_svg(by_metric)
    once = "" if chart else "<p>Each figure is stated on one date only, so there is no line to draw yet.</p>"
    title = "Gobierno Abierto: Cocreación desde lo Local — what the bulletins say"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head>
<body><h1>Gobierno Abierto: Cocreación desde lo Local</h1>
<p>The open-government program of INAI, Mexico's transparency institute, as its press bulletins tell it:
which states joined, installed their Secretariado Técnico Local (STL) and published their Plan de Acción Local.</p>
<section id="holdings"><h2>What this database holds</h2>{said}</section>
<section id="map"><h2>The states</h2>{_summary(statuses)}
<div class="map">{tilemap.tile_map_svg(statuses)}{tilemap.tile_map_legend(statuses)}</div></section>
<section id="timeline"><h2>When</h2>
<p>Each state's steps at the date the bulletins give, as precisely as they give it. Where none gives a date, a bar
runs from the last earlier bulletin whose complete list lacks the state to the first bulletin that reports the
step. Hover a mark for its details.</p>{timeline.legend()}
<div class="scroll">{timeline.timeline_svg(rows, start_year)}</div></section>
<section id="figures"><h2>Figures over time</h2>
<p>Program-wide figures as the bulletins state them, each on the date it holds at; the line follows the figure
most bulletins state each day. Red rings mark figures that others contradict; hollow points are qualified
("más de", "alrededor de").</p>{once}<div class="scroll">{chart}</div>{figures.figures_table(by_metric)}</section>
<section id="state-table"><h2>State by state</h2>
<p>When each step happened (a date, or the span the bulletins bound it to), how many bulletins report it, and a link
to the sentence in the bulletin (open <code>make serve</code> first; hover the link to read the sentence here).</p>
<div class="scroll">{sections.states_table(statuses, rows, sentences, datasette)}</div></section>
<section id="findings"><h2>Where the bulletins disagree</h2>{found}</section>
<footer>Written by <code>python -m pipeline report</code> from the SQL views <code>timeline</code>,
<code>state_status</code>, <code>metric_series</code> and <code>checks</code>; the same rows can be queried in
Datasette. Map: a tile grid (one square per state, placed roughly where it lies), drawn without map tiles.</footer>
</body></html>
"""


def write_report(db_path: str, out: str, datasette: str = DATASETTE) -> None:
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(report_html(db_path, datasette), encoding="utf-8")
