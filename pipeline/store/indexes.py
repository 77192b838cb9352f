"""The indexes a large run builds at its end instead of keeping them up while it writes.

The readers' indexes (the views look events up by state and event, claims by
metric and state) and, on a large fresh build, the fact tables' doc_id indexes
cost the single writer more kept up row by row than built once at the end (see
Store.query_indexes_deferred). While the doc_id indexes are away, WrittenRows
remembers where each document's rows lie.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Mapping
from contextlib import contextmanager

import sqlite_utils

from pipeline.store.schema import PER_DOCUMENT, FactRows

# Indexes for readers (the views look events up by state and event, claims by metric and state); the
# writer itself finds a document's rows by doc_id. A large run builds these once at its end, see
# Store.query_indexes_deferred().
QUERY_INDEXES = {"state_events": ("state", "event"), "claims": ("metric", "state")}
# The writer's own indexes: a document's fact rows by doc_id (deletes and re-extraction look them up).
# A fresh build makes them at its end, see Store.query_indexes_deferred().
DOC_ID_INDEXES = {table: ("doc_id",) for table in PER_DOCUMENT}
# Helper threads SQLite may sort with while building indexes, see sorting_for_index_builds().
SORT_THREADS = min(os.cpu_count() or 1, 4)
DEFER_INDEXES_MIN = 1000  # below this many documents a run keeps the readers' indexes up as it writes
# Below this many documents a fresh build keeps the doc_id indexes up: they fit the page cache (about
# 2.1 KB a document against 16 MB), and building them at the end, with the pool idle, cost a 2-worker
# run what it saved. Paired 5,000-bulletin runs with them deferred: 1 worker faster, 2 workers not
# (2 workers / 1 worker 1.78-1.88 against 1.90-2.00 with the code before).
DEFER_DOC_ID_INDEXES_MIN = 20_000


def index_name(table: str, columns) -> str:
    """The name sqlite-utils gives an index by default (databases made before these were named keep theirs)."""
    return "_".join(("idx", table, *columns))


def create_indexes(db: sqlite_utils.Database, indexes: Mapping[str, tuple[str, ...]]) -> None:
    for table, columns in indexes.items():
        db.table(table).create_index(list(columns), index_name=index_name(table, columns), if_not_exists=True)


def drop_indexes(db: sqlite_utils.Database, indexes: Mapping[str, tuple[str, ...]]) -> None:
    for table, columns in indexes.items():
        db.execute(f'drop index if exists "{index_name(table, columns)}"')


def worth_deferring(writes: int, stored: int) -> bool:
    """Whether a run that writes ``writes`` documents into ``stored`` should build the readers' indexes at its
    end: kept up, they cost the writer 0.3–0.7 ms per document written; built, 0.06 ms per document stored."""
    return writes >= DEFER_INDEXES_MIN and writes * 0.3 >= (stored + writes) * 0.06


def doc_id_indexes_worth_deferring(writes: int) -> bool:
    """Whether a fresh build writing ``writes`` documents should build the doc_id indexes at its end."""
    return writes >= DEFER_DOC_ID_INDEXES_MIN


@contextmanager
def sorting_for_index_builds(db: sqlite_utils.Database):
    """Sorting as an index build wants it: in temporary files, and on every core.

    With temp_store=MEMORY, SQLite sorts every row of an index in memory: building the readers'
    indexes of 100,000 bulletins peaked at 181 MB that way against 48 MB with files, and took 9.4
    against 6.7 s. SQLite sorts on one thread unless told otherwise, and at a run's end nothing else
    runs: with up to ``SORT_THREADS`` helper threads the same build took 5.9–6.2 against 9.5 s on two
    cores (one helper: 6.9–7.1 s), at about 30 MB more memory for the sort.
    """
    db.execute("PRAGMA temp_store=DEFAULT")
    db.execute(f"PRAGMA threads={SORT_THREADS}")
    try:
        yield
    finally:
        db.execute("PRAGMA threads=0")
        db.execute("PRAGMA temp_store=MEMORY")


def next_rowids(db: sqlite_utils.Database) -> dict[str, int]:
    """The rowid each fact table gives its next row: one past its largest."""
    return {
        table: db.execute(f"select coalesce(max(rowid), 0) + 1 from {table}").fetchone()[0] for table in PER_DOCUMENT
    }


class WrittenRows:
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
        values: list[int] = []
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
