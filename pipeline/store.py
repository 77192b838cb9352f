"""SQLite storage with sqlite-utils: schema, and per-document writes in one transaction.

Only the main process writes (workers return plain data), and every document is
written inside one ``db.atomic()`` block, so a crash or kill leaves either the
whole document or none of it. A lock file next to the database keeps a second
concurrent run from writing at the same time.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import json
import os
import sqlite3
import time
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pipeline import rules
from pipeline.model import Document, Extraction

# Declared BLOB (no type affinity) so state codes stay TEXT ("09") while years
# and counts stay INTEGER, as SPEC.md asks for mentions.value.
ANY = bytes

SCHEMA = {
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
FORMAT_PREFERENCE = {"txt": 0, "html": 1, "pdf": 2}
# Indexes for readers (the views look events up by state and event, claims by metric and state); the
# writer itself finds a document's rows by doc_id. A large run builds these once at its end, see
# query_indexes_deferred().
QUERY_INDEXES = {"state_events": ("state", "event"), "claims": ("metric", "state")}
FTS_AUTOMERGE = 16
FTS_PENDING = (
    "documents_fts_pending"  # documents written but not yet in the full-text index, see _install_fts_triggers()
)
# "insert or ignore" would not do: the statement firing a trigger overrides its conflict policy.
_NOT_PENDING = f"where not exists (select 1 from {FTS_PENDING} where rowid = old.rowid)"
_NOTE = f"insert into {FTS_PENDING}(rowid) select new.rowid where not exists (select 1 from {FTS_PENDING} where rowid = new.rowid)"
_FTS_TRIGGERS = (
    f"""create trigger documents_ai after insert on documents begin
      {_NOTE};
    end""",
    f"""create trigger documents_ad after delete on documents begin
      insert into documents_fts(documents_fts, rowid, title, text) select 'delete', old.rowid, old.title, old.text {_NOT_PENDING};
      delete from {FTS_PENDING} where rowid = old.rowid;
    end""",
    f"""create trigger documents_au after update of title, text on documents begin
      insert into documents_fts(documents_fts, rowid, title, text) select 'delete', old.rowid, old.title, old.text {_NOT_PENDING};
      {_NOTE};
    end""",
)
# The writer's own indexes: a document's fact rows by doc_id (deletes and re-extraction look them up).
# A fresh build makes them at its end, see query_indexes_deferred().
DOC_ID_INDEXES = {table: ("doc_id",) for table in PER_DOCUMENT}
# Helper threads SQLite may sort with while building indexes, see _sorting_for_index_builds().
SORT_THREADS = min(os.cpu_count() or 1, 4)
DEFER_INDEXES_MIN = 1000  # below this many documents a run keeps the readers' indexes up as it writes
# Below this many documents a fresh build keeps the doc_id indexes up: they fit the page cache (about
# 2.1 KB a document against 16 MB), and building them at the end, with the pool idle, cost a 2-worker
# run what it saved. Paired 5,000-bulletin runs with them deferred: 1 worker faster, 2 workers not
# (2 workers / 1 worker 1.78-1.88 against 1.90-2.00 with the code before).
DEFER_DOC_ID_INDEXES_MIN = 20_000


def _index_name(table: str, columns) -> str:
    """The name sqlite-utils gives an index by default (databases made before these were named keep theirs)."""
    return "_".join(("idx", table, *columns))


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
    doc_id, page_at = doc.doc_id, doc.page_at
    return FactRows(
        program=bool(extraction.program),
        mentions=[
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
            for m in extraction.mentions
        ],
        claims=[
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
            for c in extraction.claims
        ],
        state_events=[
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
            for e in extraction.events
        ],
    )


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
    )


class _WrittenRows:
    """Where each document written by a fresh build keeps its fact rows, while the doc_id indexes are away.

    A document's rows of one table are inserted by one statement, so they take consecutive rowids from
    one past the table's largest; a document written again in the same run (a .txt after its .pdf) has
    its earlier rows deleted by rowid range. Kept by the document's own rowid in ``documents`` (found
    through its primary key), 6 integers per document in one array: 4.8 MB per 100,000 bulletins.
    """

    WIDTH = 2 * len(PER_DOCUMENT)  # first rowid and row count, per fact table

    def __init__(self, next_rowids: dict[str, int]):
        self.next_rowids = next_rowids
        self.ranges = array("q")

    def note(self, document_rowid: int, facts: FactRows) -> None:
        values = []
        for table in PER_DOCUMENT:
            count = len(getattr(facts, table))
            values += (self.next_rowids[table], count)
            self.next_rowids[table] += count
        at = document_rowid * self.WIDTH
        missing = at + self.WIDTH - len(self.ranges)
        if missing > 0:
            self.ranges.frombytes(bytes(8 * missing))  # zeros: no rows
        self.ranges[at : at + self.WIDTH] = array("q", values)

    def forget(self, document_rowid: int | None) -> list[tuple[str, int, int]]:
        """(table, first rowid, last rowid) of the rows the document has; none if not written in this run."""
        at = -1 if document_rowid is None else document_rowid * self.WIDTH
        if not 0 <= at < len(self.ranges):
            return []
        spans = [
            (table, self.ranges[at + 2 * k], self.ranges[at + 2 * k] + self.ranges[at + 2 * k + 1] - 1)
            for k, table in enumerate(PER_DOCUMENT)
            if self.ranges[at + 2 * k + 1]
        ]
        self.ranges[at : at + self.WIDTH] = array("q", [0] * self.WIDTH)
        return spans


class RunLocked(Exception):
    pass


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, path: str | Path, lock: bool = True, wait: float = 0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_handle = self._acquire_lock(wait) if lock else None
        self._group: dict | None = None  # the open commit group, see grouped_commits()
        self._written: _WrittenRows | None = None  # set while a fresh build defers the doc_id indexes
        self.db = sqlite_utils.Database(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # A bigger page cache and fewer WAL checkpoints (each checkpoint fsyncs). 16 MB of cache wrote
        # 6,000 bulletins as fast as 64 MB did, and keeps the writer small at 100,000 (benchmark).
        # close() still folds the WAL back at the end of a run.
        self.db.execute("PRAGMA cache_size=-16384")
        self.db.execute("PRAGMA wal_autocheckpoint=20000")
        self.db.execute("PRAGMA busy_timeout=30000")
        # Each document is written inside a savepoint (see write_document), and SQLite keeps what a savepoint
        # may have to undo in a statement journal, a temporary file once it passes 64 KB: 42 writes and 86 KB
        # a bulletin, more than the database and its WAL together received (strace, 3,000 bulletins). In
        # memory it is a few MB at most (one commit group's pages) and costs no system calls. Large sorts
        # (building indexes) still spill to files, see _sorting_for_index_builds().
        self._create_schema()
        self.db.execute("PRAGMA temp_store=MEMORY")

    # -- set-up --------------------------------------------------------------

    def _acquire_lock(self, wait: float):
        """Only one run writes to a database at a time; a second one waits up to ``wait`` seconds."""
        handle = open(str(self.path) + ".lock", "a+")
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.2)
                    continue
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                handle.close()
                raise RunLocked(
                    f"Another run ({holder}) is writing to {self.path}; wait for it to finish "
                    "(or pass --wait SECONDS) and run again."
                ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        return handle

    def _create_schema(self) -> None:
        # The indexes a killed run dropped are rebuilt here (see query_indexes_deferred), as a run's end builds them.
        with self._sorting_for_index_builds(), self.db.atomic():
            for name, (columns, pk) in SCHEMA.items():
                table = self.db.table(name)
                if not table.exists():
                    table.create(columns, pk=pk) if pk else table.create(columns)
                else:
                    self._add_missing_columns(table, columns)
            self._create_indexes(DOC_ID_INDEXES)
            self._create_query_indexes()
            self.db.table("errors").create_index(["source"], if_not_exists=True)
            self.db.table("sources").create_index(["doc_id"], if_not_exists=True)
        if not self.db.table("documents_fts").exists():
            self.db.table("documents").enable_fts(["title", "text"], tokenize="unicode61 remove_diacritics 2")
        self._install_fts_triggers()
        # FTS5 merges its index segments 4 at a time by default. Merging 16 at a time does less work in
        # all (fewer levels): writing 30,000 bulletins took the writer 20 % less CPU, and phrase searches
        # over them took as long (39 vs 41 ms for five).
        with self.db.atomic():
            self.db.execute("insert into documents_fts(documents_fts, rank) values ('automerge', ?)", [FTS_AUTOMERGE])
        self._load_states()

    @staticmethod
    def _add_missing_columns(table: sqlite_utils.db.Table, columns: dict) -> None:
        """A database made by an earlier version gains the columns added since (NULL in its old rows)."""
        present = set(table.columns_dict)
        for name, kind in columns.items():
            if name not in present:
                table.add_column(name, kind)

    def _install_fts_triggers(self) -> None:
        """Index documents' text at each commit, all written documents at once, not one by one as written.

        sqlite-utils' triggers add each document to the full-text index as it is
        written (and re-index it on any update, a re-extraction's included). The
        triggers installed here only note the document in ``documents_fts_pending``, and
        every commit indexes what is noted with one ``insert … select``, inside
        the same transaction, so the index never lags a committed document.
        Writing 24,000 bulletins, the one-by-one inserts cost the writer twice
        what the grouped ones did (0.25 against 0.12 ms a bulletin, full-text
        index alone) and 0.3–0.65 ms a bulletin in a whole run. A document
        still waiting is never in the index, so deleting or updating it only
        forgets the note. Databases made with sqlite-utils' triggers get these.
        """
        installed = self.db.execute(
            "select sql from sqlite_master where type = 'trigger' and name = 'documents_ai'"
        ).fetchone()
        if installed and FTS_PENDING in installed[0]:
            return
        with self.db.atomic():
            self.db.execute(f"create table if not exists {FTS_PENDING} (rowid integer primary key)")
            for name in ("documents_ai", "documents_ad", "documents_au"):
                self.db.execute(f"drop trigger if exists {name}")
            for statement in _FTS_TRIGGERS:
                self.db.execute(statement)
            self._index_pending()

    def _index_pending(self) -> None:
        """Add the documents noted since the last commit to the full-text index."""
        self.db.execute(
            f"insert into documents_fts(rowid, title, text) select d.rowid, d.title, d.text "
            f"from {FTS_PENDING} p join documents d on d.rowid = p.rowid"
        )
        self.db.execute(f"delete from {FTS_PENDING}")

    def _commit(self) -> None:
        """Commit the open transaction, if any, with the documents it wrote added to the full-text index."""
        if self.db.conn.in_transaction:
            self._index_pending()
            self.db.conn.execute("COMMIT")

    def _create_indexes(self, indexes: dict[str, tuple[str, ...]]) -> None:
        for table, columns in indexes.items():
            self.db.table(table).create_index(list(columns), index_name=_index_name(table, columns), if_not_exists=True)

    def _drop_indexes(self, indexes: dict[str, tuple[str, ...]]) -> None:
        for table, columns in indexes.items():
            self.db.execute(f'drop index if exists "{_index_name(table, columns)}"')

    def _create_query_indexes(self) -> None:
        self._create_indexes(QUERY_INDEXES)

    def _drop_query_indexes(self) -> None:
        self._drop_indexes(QUERY_INDEXES)

    @contextmanager
    def query_indexes_deferred(self, defer: bool = True, writes: int = 0):
        """Without the readers' indexes while writing, and with them built anew at the end (if ``defer``).

        Kept up row by row, they are what a large run mostly writes: each fact row
        also lands in (state, event) or (metric, state) order, at one of a few
        hundred places across the index, so every commit rewrote hundreds of index
        pages to the WAL. Writing 9,000 bulletins alone, they doubled the pages
        written (1.6 million writes against 0.8 million without) and cost 0.3–0.7 ms
        a bulletin; built once at the end, 0.06 ms a bulletin stored. A run killed
        in between leaves them missing until the next ``Store()`` builds them.

        A large fresh build (no documents stored yet, ``writes`` at least
        DEFER_DOC_ID_INDEXES_MIN) also defers the doc_id indexes of the fact tables.
        Bulletin numbers put years inside one another in doc_id order
        (INAI/002/18 sorts before INAI/003/17), so a corpus read folder by folder adds
        each document's rows at a random place in them: at 100,000 bulletins three
        more pages per document to write at every commit, the writer's cost rising
        from 1.0 to 1.4 ms a bulletin as the database grew (1.0–1.1 throughout with
        doc_ids in written order). Meanwhile a document written twice (a .txt after
        its .pdf) finds its rows by rowid, see _WrittenRows.
        """
        if not defer:
            yield self
            return
        self._drop_query_indexes()
        if writes >= DEFER_DOC_ID_INDEXES_MIN and self._stored_documents() == 0:
            self._drop_indexes(DOC_ID_INDEXES)
            self._written = _WrittenRows(self._next_rowids())
        try:
            yield self
        finally:
            self._commit()
            self._written = None
            with self._sorting_for_index_builds(), self.db.atomic():
                self._create_indexes(DOC_ID_INDEXES)
                self._create_query_indexes()

    def _stored_documents(self) -> int:
        return self.db.execute("select count(*) from documents").fetchone()[0]

    def _next_rowids(self) -> dict[str, int]:
        """The rowid each fact table gives its next row: one past its largest."""
        return {
            table: self.db.execute(f"select coalesce(max(rowid), 0) + 1 from {table}").fetchone()[0]
            for table in PER_DOCUMENT
        }

    @contextmanager
    def _sorting_for_index_builds(self):
        """Sorting as an index build wants it: in temporary files, and on every core.

        With temp_store=MEMORY, SQLite sorts every row of an index in memory: building the readers'
        indexes of 100,000 bulletins peaked at 181 MB that way against 48 MB with files, and took 9.4
        against 6.7 s. SQLite sorts on one thread unless told otherwise, and at a run's end nothing else
        runs: with up to ``SORT_THREADS`` helper threads the same build took 5.9–6.2 against 9.5 s on two
        cores (one helper: 6.9–7.1 s), at about 30 MB more memory for the sort.
        """
        self.db.execute("PRAGMA temp_store=DEFAULT")
        self.db.execute(f"PRAGMA threads={SORT_THREADS}")
        try:
            yield
        finally:
            self.db.execute("PRAGMA threads=0")
            self.db.execute("PRAGMA temp_store=MEMORY")

    def worth_deferring(self, writes: int) -> bool:
        """Whether a run that writes ``writes`` documents should build the readers' indexes at its end:
        kept up, they cost the writer 0.3–0.7 ms per document written; built, 0.06 ms per document stored."""
        stored = self._stored_documents()
        return writes >= DEFER_INDEXES_MIN and writes * 0.3 >= (stored + writes) * 0.06

    def _load_states(self) -> None:
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
        with self.db.atomic():
            self.db.table("states").upsert_all(rows, pk="code")

    def close(self) -> None:
        """Fold the WAL back into the file so the database is one self-contained file.

        Best effort: every document is already committed, and a reader that has
        the file open (Datasette, a notebook) keeps SQLite from leaving WAL mode;
        the database then simply stays in WAL mode until the next run.
        """
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.db.execute("PRAGMA journal_mode=DELETE")
        except sqlite3.OperationalError:
            pass
        finally:
            self.db.close()
            if self._lock_handle:
                self._lock_handle.close()

    # -- commits -------------------------------------------------------------

    @contextmanager
    def grouped_commits(self, max_documents: int = 100, max_seconds: float = 0.5):
        """Commit every ``max_documents`` documents or ``max_seconds``, not after every one.

        Each document is still written in a transaction of its own (``atomic()``
        nests as a SAVEPOINT inside the group), so a failure rolls back that
        document alone and a killed run leaves only whole documents. A commit
        writes every touched page to the WAL; once per document it cost more than
        extracting the document. A killed run loses at most the last half second's
        documents, which the next run reads again.
        """
        self._group = {
            "documents": 0,
            "since": time.monotonic(),
            "max_documents": max_documents,
            "max_seconds": max_seconds,
        }
        try:
            yield self
        finally:
            self._group = None
            self._commit()

    def _document_written(self) -> None:
        group = self._group
        if group is None:
            return
        group["documents"] += 1
        if group["documents"] >= group["max_documents"] or time.monotonic() - group["since"] >= group["max_seconds"]:
            self._commit()
            group["documents"], group["since"] = 0, time.monotonic()

    def _open_group(self) -> None:
        if self._group is not None and not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN")

    # -- reads ---------------------------------------------------------------

    def _one(self, sql: str, params: list) -> dict | None:
        """First row as a dict. Straight on the connection: sqlite-utils' query() wraps every read in a
        savepoint, three statements where the writer's per-document look-ups need one."""
        cursor = self.db.conn.execute(sql, params)
        row = cursor.fetchone()
        return dict(zip([d[0] for d in cursor.description], row)) if row else None

    def source_row(self, source: str) -> dict | None:
        return self._one("select * from sources where source = ?", [source])

    def sources_under(self, folder: str) -> list[dict]:
        prefix = folder.rstrip("/") + "/"
        return list(self.db.query("select * from sources where substr(source, 1, ?) = ?", [len(prefix), prefix]))

    def document_row(self, doc_id: str) -> dict | None:
        return self._one("select doc_id, source, format from documents where doc_id = ?", [doc_id])

    def sources_of(self, doc_id: str) -> list[dict]:
        return list(self.db.query("select * from sources where doc_id = ? order by source", [doc_id]))

    _STALE = "from documents where extract_version is not ?"  # documents extracted by other rules

    def stale_documents(self, version: str) -> list[str]:
        return [r["doc_id"] for r in self.db.query(f"select doc_id {self._STALE} order by doc_id", [version])]

    def count_stale(self, version: str) -> int:
        return self.db.execute(f"select count(*) {self._STALE}", [version]).fetchone()[0]

    def load_document(self, doc_id: str) -> Document:
        return document_from_row(list(self.db.query("select * from documents where doc_id = ?", [doc_id]))[0])

    # -- writes --------------------------------------------------------------

    @staticmethod
    def preferred(a: dict, b: dict) -> bool:
        """True when source row ``a`` should provide the document's text rather than ``b``."""

        def rank(r):
            return (FORMAT_PREFERENCE.get(r["format"], 9), r["source"])

        return rank(a) <= rank(b)

    def write_document(self, doc: Document, facts: FactRows, source_meta: dict, new: bool = False) -> None:
        """Replace everything stored for ``doc.doc_id`` with this document, in one transaction.

        ``new``: the caller found no stored document with this doc_id, so there are no facts to delete
        and no other source to mark as a duplicate (four statements fewer for most documents of a run).
        """
        self._open_group()
        with self.db.atomic():
            if not new:
                self._delete_document_rows(doc.doc_id)
            row = doc.row()
            row["page_starts"] = json.dumps(doc.page_starts) if doc.page_starts else None
            row["program"] = int(facts.program)
            row["extract_version"] = rules.extract_version()
            row.update((key, source_meta.get(key)) for key in PROVENANCE)
            inserted = self._upsert("documents", row)
            self._insert_facts(doc.doc_id, facts, inserted if new else None)
            self._upsert_source(doc.source, doc.sha256, doc.format, doc.doc_id, "ok", source_meta)
            if not new:
                self.db.execute(
                    "update sources set status = 'duplicate' where doc_id = ? and source != ?", [doc.doc_id, doc.source]
                )
            if self._group is None:
                self._index_pending()
        self._document_written()

    def write_extraction(self, doc: Document, facts: FactRows) -> None:
        """Re-extraction from stored text after a rule change: documents and sources untouched, an earlier
        extraction failure of the document's source forgotten (the new rules read it afresh)."""
        self._open_group()
        with self.db.atomic():
            self._delete_document_rows(doc.doc_id)
            self.db.execute("delete from errors where source = ? and stage = 'extract'", [doc.source])
            self._insert_facts(doc.doc_id, facts)
            self.db.execute(
                "update documents set program = ?, extract_version = ? where doc_id = ?",
                [int(facts.program), rules.extract_version(), doc.doc_id],
            )
        self._document_written()

    def record_extraction_failure(self, doc: Document, error: str) -> None:
        """Why a stored document has no facts: an errors row with stage 'extract' for its source."""
        with self.db.atomic():
            self.db.table("errors").insert(
                {"source": doc.source, "sha256": doc.sha256, "stage": "extract", "error": error, "at": now()}
            )

    def _insert_facts(self, doc_id: str, facts: FactRows, document_rowid: int | None = None) -> None:
        """One prepared executemany per fact table (sqlite-utils' insert_all re-reads the table's schema on
        every call, which cost more than extraction itself at one call per table per document).
        ``document_rowid``: the document's rowid in ``documents`` when the caller knows it."""
        for table in PER_DOCUMENT:
            params = getattr(facts, table)
            if params:
                self.db.conn.executemany(self._insert_sql(table), params)
        if self._written is not None:
            self._written.note(document_rowid or self._document_rowid(doc_id), facts)

    def _document_rowid(self, doc_id: str) -> int | None:
        found = self.db.conn.execute("select rowid from documents where doc_id = ?", [doc_id]).fetchone()
        return found[0] if found else None

    @staticmethod
    @functools.cache
    def _insert_sql(table: str) -> str:
        columns, stand_ins = list(SCHEMA[table][0]), NULL_STAND_INS.get(table, {})
        names = ", ".join(f'"{c}"' for c in columns)
        values = ", ".join(f"nullif(?, {stand_ins[c]!r})" if c in stand_ins else "?" for c in columns)
        return f'insert into "{table}" ({names}) values ({values})'

    @staticmethod
    @functools.cache
    def _upsert_sql(table: str) -> str:
        columns, pk = SCHEMA[table]
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != pk)
        return Store._insert_sql(table) + f' on conflict("{pk}") do update set {updates}'

    def _upsert(self, table: str, row: dict) -> int:
        """Insert or update one row by primary key (what sqlite-utils' upsert does, without re-reading the
        schema). Returns the rowid of an inserted row (after an update, the last insert's: callers that
        may update look the row up)."""
        return self.db.conn.execute(self._upsert_sql(table), [row.get(c) for c in SCHEMA[table][0]]).lastrowid

    def write_duplicate(self, source: str, sha256: str, fmt: str, doc_id: str, source_meta: dict) -> None:
        with self.db.atomic():
            self._upsert_source(source, sha256, fmt, doc_id, "duplicate", source_meta)

    def write_rejection(
        self, source: str, sha256: str | None, fmt: str | None, stage: str, error: str, source_meta: dict
    ) -> None:
        with self.db.atomic():
            old = self.source_row(source)
            self._upsert_source(source, sha256, fmt, None, "rejected", source_meta)
            if old and old["doc_id"] and old["status"] == "ok":
                self._drop_or_promote(old["doc_id"])
            self.db.table("errors").insert(
                {"source": source, "sha256": sha256, "stage": stage, "error": error, "at": now()}
            )

    def _upsert_source(self, source, sha256, fmt, doc_id, status, meta: dict) -> None:
        self.db.execute("delete from errors where source = ?", [source])
        self._upsert(
            "sources",
            {
                "source": source,
                "sha256": sha256,
                "format": fmt,
                "doc_id": doc_id,
                "status": status,
                "size": meta.get("size"),
                "mtime_ns": meta.get("mtime_ns"),
                "ingest_version": rules.ingest_version(),
                "read_at": now(),
                **{key: meta.get(key) for key in PROVENANCE},
            },
        )

    def remove_source(self, source: str) -> str | None:
        """Forget a source file. Returns a doc_id whose remaining duplicate must be re-read, if any."""
        with self.db.atomic():
            old = self.source_row(source)
            self.db.execute("delete from sources where source = ?", [source])
            self.db.execute("delete from errors where source = ?", [source])
            if old and old["doc_id"] and old["status"] == "ok":
                return self._drop_or_promote(old["doc_id"])
        return None

    def _drop_or_promote(self, doc_id: str) -> str | None:
        if self.sources_of(doc_id):
            return doc_id  # a duplicate remains: the caller re-reads it to become the document's text
        self._delete_document_rows(doc_id)
        self.db.execute("delete from documents where doc_id = ?", [doc_id])
        return None

    def _delete_document_rows(self, doc_id: str) -> None:
        if self._written is None:
            for table in PER_DOCUMENT:
                self.db.execute(f"delete from {table} where doc_id = ?", [doc_id])
            return
        # A fresh build without its doc_id indexes: only documents written in this run have rows.
        spans = self._written.forget(self._document_rowid(doc_id))
        for table, first, last in spans:
            self.db.execute(f"delete from {table} where rowid between ? and ?", [first, last])
        if spans:
            self._written.next_rowids = self._next_rowids()  # SQLite reuses the largest rowids freed
