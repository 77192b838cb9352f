"""Datasette plugin: the evidence page, evidence links, and the live timeline chart.

* ``/-/evidence?doc_id=…&start=…&end=…&mark_start=…&mark_end=…`` shows a
  bulletin with the evidence sentence highlighted and the exact span marked,
  scrolled into view: the click from a timeline or claim row to the words
  that say it.
* ``evidence_url`` cells become links to that page.
* ``/-/chart`` renders the same SVG timeline as ``python -m pipeline report``: each
  state's steps at their dates, or as bars between the bounds the bulletins give.
"""

from __future__ import annotations

import html

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def highlight(text: str, start: int, end: int, mark_start: int | None, mark_end: int | None) -> str:
    """HTML of ``text`` with [start, end) as the evidence and [mark_start, mark_end) as the span."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if mark_start is None or mark_end is None or not (start <= mark_start <= mark_end <= end):
        mark_start = mark_end = None
    pieces = [html.escape(text[:start]), '<mark class="evidence" id="evidence">']
    if mark_start is not None:
        pieces += [
            html.escape(text[start:mark_start]),
            '<mark class="span">',
            html.escape(text[mark_start:mark_end]),
            "</mark>",
            html.escape(text[mark_end:end]),
        ]
    else:
        pieces.append(html.escape(text[start:end]))
    pieces += ["</mark>", html.escape(text[end:])]
    return "".join(pieces)


async def evidence(datasette, request):
    args = request.args
    doc_id = args.get("doc_id")
    db = datasette.get_database()
    rows = (await db.execute("select * from documents where doc_id = ?", [doc_id])).rows
    if not rows:
        return Response.html(f"<p>No document {html.escape(str(doc_id))}.</p>", status=404)
    doc = dict(rows[0])
    start, end = _int(args.get("start"), 0), _int(args.get("end"), 0)
    body = highlight(doc["text"], start, end, _int(args.get("mark_start")), _int(args.get("mark_end")))
    return Response.html(
        await datasette.render_template(
            "evidence.html",
            {"doc": doc, "body": Markup(body), "quote": doc["text"][start:end], "database": db.name},
            request=request,
        )
    )


async def chart(datasette, request):
    from pipeline import rules
    from pipeline.report.timeline import QUERY, legend, timeline_svg

    db = datasette.get_database()
    result = await db.execute(QUERY)
    rows = [dict(r) for r in result.rows]
    start_year = int(rules.load("program").get("start_year", 2015))
    return Response.html(
        await datasette.render_template(
            "chart.html",
            {"svg": Markup(timeline_svg(rows, start_year)), "legend": Markup(legend()), "database": db.name},
            request=request,
        )
    )


@hookimpl
def register_routes():
    return [(r"^/-/evidence$", evidence), (r"^/-/chart$", chart)]


@hookimpl
def render_cell(value, column, datasette):
    if column == "evidence_url" and isinstance(value, str) and value.startswith("/-/evidence"):
        return Markup(f'<a href="{html.escape(datasette.urls.path(value))}">show in bulletin</a>')
    return None


@hookimpl
def menu_links(datasette):
    return [{"href": datasette.urls.path("/-/chart"), "label": "Program timeline chart"}]
