"""The single writer: per-document writes in one transaction, grouped into commits.

Only the main process writes (workers return plain data), and every document is
written inside one ``db.atomic()`` block, so a crash or kill leaves either the
whole document or none of it. A lock file next to the database keeps a second
concurrent run from writing at the same time (see lock.py).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from pipeline import rules
from pipeline.model import Document
from pipeline.store import indexes
from pipeline.store.fulltext import create_full_text_index, index_pending
from pipeline.store.indexes import (
    DOC_ID_INDEXES,
    QUERY_INDEXES,
    WrittenRows,
    create_indexes,
    drop_indexes,
    next_rowids,
    sorting_for_index_builds,
)
from pipeline.store.lock import acquire_lock
from pipeline.store.reads import StoreReads
from pipeline.store.schema import PER_DOCUMENT, PROVENANCE, SCHEMA, FactRows, insert_sql, state_rows, upsert_sql

FORMAT_PREFERENCE = {"txt": 0, "html": 1, "pdf": 2}


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store(StoreReads):
    """The database a run writes: opened (and its schema brought up to date) by one process at a time."""

    def __init__(self, path: str | Path, lock: bool = True, wait: float = 0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_handle = acquire_lock(self.path, wait) if lock else None
        self._group: dict | None = None  # the open commit group, see grouped_commits()
        self._written: WrittenRows | None = None  # set while a fresh build defers the doc_id indexes
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
        # (building indexes) still spill to files, see indexes.sorting_for_index_builds().
        self._create_schema()
        self.db.execute("PRAGMA temp_store=MEMORY")

    # -- set-up --------------------------------------------------------------

    def _create_schema(self) -> None:
        # The indexes a killed run dropped are rebuilt here (see query_indexes_deferred), as a run's end builds them.
        with sorting_for_index_builds(self.db), self.db.atomic():
            for name, (columns, pk) in SCHEMA.items():
                table = self.db.table(name)
                if not table.exists():
                    table.create(columns, pk=pk) if pk else table.create(columns)
                else:
                    self._add_missing_columns(table, columns)
            create_indexes(self.db, DOC_ID_INDEXES)
            self._create_query_indexes()
            self.db.table("errors").create_index(["source"], if_not_exists=True)
            self.db.table("sources").create_index(["doc_id"], if_not_exists=True)
        create_full_text_index(self.db)
        self._load_states()

    @staticmethod
    def _add_missing_columns(table: sqlite_utils.db.Table, columns: dict[str, type]) -> None:
        """A database made by an earlier version gains the columns added since (NULL in its old rows)."""
        present = set(table.columns_dict)
        for name, kind in columns.items():
            if name not in present:
                table.add_column(name, kind)

    def _load_states(self) -> None:
        with self.db.atomic():
            self.db.table("states").upsert_all(state_rows(), pk="code")

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

    # -- index deferral ------------------------------------------------------

    def _create_query_indexes(self) -> None:
        create_indexes(self.db, QUERY_INDEXES)

    def _drop_query_indexes(self) -> None:
        drop_indexes(self.db, QUERY_INDEXES)

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
        indexes.DEFER_DOC_ID_INDEXES_MIN) also defers the doc_id indexes of the fact tables.
        Bulletin numbers put years inside one another in doc_id order
        (INAI/002/18 sorts before INAI/003/17), so a corpus read folder by folder adds
        each document's rows at a random place in them: at 100,000 bulletins three
        more pages per document to write at every commit, the writer's cost rising
        from 1.0 to 1.4 ms a bulletin as the database grew (1.0–1.1 throughout with
        doc_ids in written order). Meanwhile a document written twice (a .txt after
        its .pdf) finds its rows by rowid, see indexes.WrittenRows.
        """
        if not defer:
            yield self
            return
        self._drop_query_indexes()
        if indexes.doc_id_indexes_worth_deferring(writes) and self.stored_documents() == 0:
            drop_indexes(self.db, DOC_ID_INDEXES)
            self._written = WrittenRows(next_rowids(self.db))
        try:
            yield self
        finally:
            self._commit()
            self._written = None
            with sorting_for_index_builds(self.db), self.db.atomic():
                create_indexes(self.db, DOC_ID_INDEXES)
                self._create_query_indexes()

    def worth_deferring(self, writes: int) -> bool:
        """Whether a run that writes ``writes`` documents should build the readers' indexes at its end:
        kept up, they cost the writer 0.3–0.7 ms per document written; built, 0.06 ms per document stored."""
        return indexes.worth_deferring(writes, self.stored_documents())

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

    def _commit(self) -> None:
        """Commit the open transaction, if any, with the documents it wrote added to the full-text index."""
        if self.db.conn.in_transaction:
            index_pending(self.db)
            self.db.conn.execute("COMMIT")

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
                index_pending(self.db)
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
                self.db.conn.executemany(insert_sql(table), params)
        if self._written is not None:
            rowid = document_rowid or self._document_rowid(doc_id)
            assert rowid is not None, "a document's facts are written after the document itself"
            self._written.note(rowid, facts)

    def _document_rowid(self, doc_id: str) -> int | None:
        found = self.db.conn.execute("select rowid from documents where doc_id = ?", [doc_id]).fetchone()
        return found[0] if found else None

    def _upsert(self, table: str, row: dict) -> int | None:
        """Insert or update one row by primary key (what sqlite-utils' upsert does, without re-reading the
        schema). Returns the rowid of an inserted row (after an update, the last insert's: callers that
        may update look the row up)."""
        return self.db.conn.execute(upsert_sql(table), [row.get(c) for c in SCHEMA[table][0]]).lastrowid

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
                self.drop_or_promote(old["doc_id"])
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
                return self.drop_or_promote(old["doc_id"])
        return None

    def drop_or_promote(self, doc_id: str) -> str | None:
        """A document whose source no longer gives its text: gone with its facts, or, when another source
        of it remains, kept and its doc_id returned for the caller to re-read that source."""
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
            self._written.next_rowids = next_rowids(self.db)  # SQLite reuses the largest rowids freed
