"""The tables, and the rows workers send the writer: one document's facts as ready SQL parameters.

Everything here is plain data or a pure function of it, so worker processes
import it without opening a database, and the writer builds its statements
from the same SCHEMA the tables are made from.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from pipeline import rules
from pipeline.model import Claim, Document, Extraction, Mention, StateEvent

# Declared BLOB (no type affinity) so state codes stay TEXT ("09") while years
# and counts stay INTEGER, as SPEC.md asks for mentions.value.
ANY = bytes

# Each table: its columns and their types, and its primary key (None: rowid only).
SCHEMA: dict[str, tuple[dict[str, type], str | None]] = {
    "documents": (
        {
            "doc_id": str,
            "bulletin": str,
            "published": str,
            "place": str,
            "title": str,
            "source": str,
            "format": str,
            "sha256": str,
            "pages": int,
            "text": str,
            "program": int,
            "dateline_start": int,
            "dateline_end": int,
            "site_head_start": int,
            "site_head_end": int,
            "page_starts": str,
            "extract_version": str,
            "url": str,
            "archive_url": str,
            "captured_at": str,
        },
        "doc_id",
    ),
    "sources": (
        {
            "source": str,
            "sha256": str,
            "format": str,
            "doc_id": str,
            "status": str,
            "size": int,
            "mtime_ns": int,
            "ingest_version": str,
            "read_at": str,
            "url": str,
            "archive_url": str,
            "captured_at": str,
        },
        "source",
    ),
    "mentions": (
        {
            "doc_id": str,
            "start": int,
            "end": int,
            "surface": str,
            "kind": str,
            "value": ANY,
            "role": str,
            "qualifier": str,
            "unit": str,
            "metric": str,
            "page": int,
        },
        None,
    ),
    "claims": (
        {
            "doc_id": str,
            "start": int,
            "end": int,
            "metric": str,
            "value": int,
            "qualifier": str,
            "state": str,
            "as_of": str,
            "evidence": str,
            "evidence_start": int,
            "evidence_end": int,
            "listed_states": int,
            "confident": int,
            "page": int,
        },
        None,
    ),
    "state_events": (
        {
            "doc_id": str,
            "start": int,
            "end": int,
            "state": str,
            "event": str,
            "year": int,
            "as_of": str,
            "evidence": str,
            "evidence_start": int,
            "evidence_end": int,
            "date": str,
            "page": int,
        },
        None,
    ),
    "errors": ({"source": str, "sha256": str, "stage": str, "error": str, "at": str}, None),
    "states": (
        {"code": str, "name": str, "official_name": str, "aliases": str, "lat": float, "lon": float},
        "code",
    ),
}

PER_DOCUMENT = ("mentions", "claims", "state_events")
# Where a pulled file came from (its `pipeline pull` manifest row): the original address, the archived capture
# read and when it was captured; NULL for files put in place by hand. In sources, and in documents for the file
# that gives the document its text.
PROVENANCE = ("url", "archive_url", "captured_at")
# What a fact row carries in place of NULL, per nullable column. Bound as a parameter, None costs Python
# 3.11's sqlite3 module about 0.4 µs (it tries to adapt None, and the failed look-up formats an
# AttributeError it then discards), and a bulletin's facts hold about 280 NULLs: 0.1 ms of the single
# writer's time a bulletin. No stand-in is a value its column can hold (pages, years and counts of listed
# states start at 1; vocabulary terms, state codes and dates are never empty), and the insert statement
# turns each back into NULL with nullif().
NULL_STAND_INS = {
    "mentions": {"role": "", "qualifier": "", "unit": "", "metric": "", "page": 0},
    "claims": {"state": "", "as_of": "", "listed_states": 0, "page": 0},
    "state_events": {"year": 0, "date": "", "as_of": "", "page": 0},
}


@dataclass
class FactRows:
    """One document's facts as the writer inserts them: SQL parameter tuples in column order.

    Workers build these (``fact_rows``) and send them to the single writer. Sent
    as hundreds of small dataclasses per document instead, pickling them in the
    worker and rebuilding them in the writer cost the writer more than the
    inserts did, and the writer is the one part of a run that does not scale
    with cores.
    """

    program: bool
    mentions: list[tuple]
    claims: list[tuple]
    state_events: list[tuple]

    @classmethod
    def empty(cls) -> FactRows:
        """No facts: what is stored for a document whose extraction failed."""
        return cls(False, [], [], [])


def fact_rows(doc: Document, extraction: Extraction) -> FactRows:
    """``extraction`` as insert parameters in each table's column order (see SCHEMA), with
    NULL_STAND_INS for None; claims and events get the page their span starts on.

    Written out field by field rather than derived from SCHEMA, so a row is built in one expression
    with no Python loop over its values (this runs for about 94 rows a bulletin). test_run compares every stored row with the
    extraction, so a column out of order or a stand-in left in the table fails there."""
    return FactRows(
        program=bool(extraction.program),
        mentions=_mention_rows(doc, extraction.mentions),
        claims=_claim_rows(doc, extraction.claims),
        state_events=_event_rows(doc, extraction.events),
    )


def _mention_rows(doc: Document, mentions: list[Mention]) -> list[tuple]:
    doc_id = doc.doc_id
    return [
        (
            doc_id,
            m.start,
            m.end,
            m.surface,
            m.kind,
            m.value,
            m.role or "",
            m.qualifier or "",
            m.unit or "",
            m.metric or "",
            m.page or 0,
        )
        for m in mentions
    ]


def _claim_rows(doc: Document, claims: list[Claim]) -> list[tuple]:
    doc_id, page_at = doc.doc_id, doc.page_at
    return [
        (
            doc_id,
            c.start,
            c.end,
            c.metric,
            c.value,
            c.qualifier,
            c.state or "",
            c.as_of or "",
            c.evidence,
            c.evidence_start,
            c.evidence_end,
            c.listed_states or 0,
            int(c.confident),
            page_at(c.start) or 0,
        )
        for c in claims
    ]


def _event_rows(doc: Document, events: list[StateEvent]) -> list[tuple]:
    doc_id, page_at = doc.doc_id, doc.page_at
    return [
        (
            doc_id,
            e.start,
            e.end,
            e.state,
            e.event,
            e.year or 0,
            e.as_of or "",
            e.evidence,
            e.evidence_start,
            e.evidence_end,
            e.date or "",
            page_at(e.start) or 0,
        )
        for e in events
    ]


def document_from_row(row: dict) -> Document:
    """A stored ``documents`` row as the Document it was written from (what re-extraction reads)."""
    return Document(
        text=row["text"],
        source=row["source"],
        format=row["format"],
        sha256=row["sha256"],
        doc_id=row["doc_id"],
        bulletin=row["bulletin"],
        published=row["published"],
        place=row["place"],
        title=row["title"],
        pages=row["pages"],
        page_starts=json.loads(row["page_starts"]) if row["page_starts"] else [],
        dateline_span=(row["dateline_start"], row["dateline_end"]) if row["dateline_start"] is not None else None,
        site_head_span=(row["site_head_start"], row["site_head_end"]) if row["site_head_start"] is not None else None,
    )


@functools.cache
def insert_sql(table: str) -> str:
    """One row's insert into ``table``, in SCHEMA's column order, each stand-in turned back into NULL."""
    columns, stand_ins = list(SCHEMA[table][0]), NULL_STAND_INS.get(table, {})
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f"nullif(?, {stand_ins[c]!r})" if c in stand_ins else "?" for c in columns)
    return f'insert into "{table}" ({names}) values ({values})'


@functools.cache
def upsert_sql(table: str) -> str:
    """``insert_sql``, updating the row that has the same primary key instead."""
    columns, pk = SCHEMA[table]
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != pk)
    return insert_sql(table) + f' on conflict("{pk}") do update set {updates}'


def state_rows() -> list[dict]:
    """The ``states`` table from rules/states.yml: names, aliases and where each state lies."""
    rows = []
    for code, state in rules.load("states")["states"].items():
        aliases = sorted(set(state.get("names", [])) | set(state.get("abbreviations", [])))
        rows.append(
            {
                "code": str(code),
                "name": state["name"],
                "official_name": state.get("official", state["name"]),
                "aliases": json.dumps(aliases, ensure_ascii=False),
                "lat": state["lat"],
                "lon": state["lon"],
            }
        )
    return rows
