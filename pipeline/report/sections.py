"""The report's tables in words: what the database holds, the states one by one, and the findings."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

from pipeline.report.timeline import EVENTS, when

FEW = 12  # up to this many documents the report names every one
SHOWN_FINDINGS = 15  # findings of one kind listed before "and N more"
CHECKS = {
    "year_conflict": (
        "Bulletins disagree on when",
        "Different bulletins give different years for the same state's step; the timeline keeps the year "
        "most of them give.",
    ),
    "decreasing_cumulative": (
        "A running total falls",
        "A figure that can only grow (states, Secretariados, plans, commitments) is lower than one an earlier "
        "bulletin stated.",
    ),
    "list_count_mismatch": (
        "A figure differs from the states listed with it",
        "The sentence gives a number and lists a different number of states for it.",
    ),
    "sum_mismatch": (
        "The states taking part do not add up",
        "The number of states taking part differs from the states the same bulletin says joined year by year.",
    ),
}


def holdings(conn, db_name: str) -> str:
    """What the database holds, said first so nobody takes the report for more than its documents."""
    total, program, first, last = conn.execute(
        "select count(*), coalesce(sum(program), 0), min(published), max(published) from documents"
    ).fetchone()
    if total == 0:
        return (
            f"<p>The database <code>{html.escape(db_name)}</code> holds no documents yet: run the pipeline first.</p>"
        )
    rejected = conn.execute("select count(*) from errors").fetchone()[0]
    about = (
        ("about the program" if program else "not about the program") if total == 1 else f"{program} about the program"
    )
    said = (
        f"<p>This report reads the database <code>{html.escape(db_name)}</code>: {_count(total, 'document')}, {about}"
    )
    said += (
        f", published {first} to {last}." if first and first != last else (f", published {first}." if first else ".")
    )
    if rejected:
        said += f" {_count(rejected, 'input')} could not be read (see the errors table)."
    said += (
        " Everything below is what these documents say, as they say it: nothing here is checked against "
        "other sources, and a database built from other files says other things.</p>"
    )
    if total <= FEW:
        items = "".join(
            f"<li><strong>{html.escape(doc_id)}</strong> {published or 'undated'}"
            f"{' — ' + html.escape(title) if title else ''}"
            f"{'' if program else ' (not about the program)'}</li>"
            for doc_id, published, title, program in conn.execute(
                "select doc_id, published, title, program from documents order by published, doc_id"
            )
        )
        said += f'<ul class="documents">{items}</ul>'
    return said


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def evidence_sentences(conn, rows: list[dict]) -> dict[str, str]:
    """The sentence each timeline row's evidence_url points at, by that url."""
    sentences = {}
    for row in rows:
        url = row.get("evidence_url")
        if not url:
            continue
        args = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        found = conn.execute(
            "select substr(text, ? + 1, ? - ?) from documents where doc_id = ?",
            [int(args["start"]), int(args["end"]), int(args["start"]), args["doc_id"]],
        ).fetchone()
        if found:
            sentences[url] = found[0]
    return sentences


def _event_cell(row: dict | None, sentences: dict[str, str], datasette: str) -> str:
    if row is None:
        return '<td class="none">—</td>'
    text = html.escape(when(row))
    if row["conflict"]:
        text += ' <span class="conflict" title="bulletins disagree on the year">years differ</span>'
    sources = f"{row['sources']} bulletin{'' if row['sources'] == 1 else 's'}"
    link = ""
    if row.get("evidence_url"):
        quote = html.escape(sentences.get(row["evidence_url"], ""), quote=True)
        href = html.escape(datasette.rstrip("/") + row["evidence_url"], quote=True)
        link = f' · <a href="{href}" title="{quote}">evidence</a>'
    return f'<td class="{"dated" if row["date"] else "bounded"}">{text}<br><small>{sources}{link}</small></td>'


def states_table(statuses: list[dict], rows: list[dict], sentences: dict[str, str], datasette: str) -> str:
    """One row per state: its status, when each step happened, how many bulletins say so, the evidence."""
    by_key = {(r["state"], r["event"]): r for r in rows}
    head = "".join(f"<th>{html.escape(label)}</th>" for label, _ in EVENTS.values())
    body = []
    for state in sorted(statuses, key=lambda s: s["state_name"]):
        cells = "".join(_event_cell(by_key.get((state["state"], e)), sentences, datasette) for e in EVENTS)
        body.append(
            f'<tr><th scope="row">{html.escape(state["state_name"])}</th><td>{html.escape(state["status"])}</td>'
            f'{cells}<td class="number">{state["documents"]}</td></tr>'
        )
    return (
        f'<table class="states"><tr><th>State</th><th>Status</th>{head}<th>Bulletins naming it</th></tr>'
        f"{''.join(body)}</table>"
    )


def findings(conn, documents: int) -> str:
    """The consistency checks' findings, kind by kind, in words."""
    by_check: dict[str, list[str]] = {}
    for check, detail in conn.execute('select "check", detail from checks order by "check", doc_id, detail'):
        by_check.setdefault(check, []).append(detail)
    if not by_check:
        across = (
            "With one document there is nothing to compare across bulletins; within it"
            if documents == 1
            else f"Across the {documents:,} documents no total falls and no two give different years for a step; "
            "within each"
        )
        return f"<p>No inconsistencies found. {across}, every figure agrees with the states listed with it.</p>"
    parts = []
    for check, (heading, explanation) in CHECKS.items():
        details = by_check.get(check)
        if not details:
            continue
        items = "".join(f"<li>{html.escape(d)}</li>" for d in details[:SHOWN_FINDINGS])
        more = len(details) - SHOWN_FINDINGS
        rest = f"<p>… and {more:,} more: see the checks table.</p>" if more > 0 else ""
        parts.append(f"<h3>{html.escape(heading)} ({len(details):,})</h3><p>{explanation}</p><ul>{items}</ul>{rest}")
    return "".join(parts)
