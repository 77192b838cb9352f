"""SQLite storage with sqlite-utils: schema, and per-document writes in one transaction.

One job a module, in the order data flows: ``schema`` (the tables, and the fact
rows workers send), ``fulltext`` and ``indexes`` (the indexes the writer fills
at each commit or builds at a run's end), ``lock`` (one run at a time),
``reads`` (look-ups), ``writer`` (Store, the single writer).
"""

from pipeline.store.indexes import DOC_ID_INDEXES, QUERY_INDEXES
from pipeline.store.lock import RunLocked
from pipeline.store.schema import (
    ANY,
    NULL_STAND_INS,
    PER_DOCUMENT,
    PROVENANCE,
    SCHEMA,
    FactRows,
    document_from_row,
    fact_rows,
)
from pipeline.store.writer import FORMAT_PREFERENCE, Store, now

__all__ = [
    "ANY",
    "DOC_ID_INDEXES",
    "FORMAT_PREFERENCE",
    "NULL_STAND_INS",
    "PER_DOCUMENT",
    "PROVENANCE",
    "QUERY_INDEXES",
    "SCHEMA",
    "FactRows",
    "RunLocked",
    "Store",
    "document_from_row",
    "fact_rows",
    "now",
]
