"""What the writer and the batch job look up in the database: sources, documents, stale extractions.

Store, the writer, inherits these: its writes need some (a replaced document's
sources), and the batch job asks them before deciding what to read again.
"""

from __future__ import annotations

import sqlite_utils

from pipeline.model import Document
from pipeline.store.schema import document_from_row


class StoreReads:
    """Look-ups on an open database (``db``); the writer, Store, is one."""

    db: sqlite_utils.Database

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

    def stored_documents(self) -> int:
        return self.db.execute("select count(*) from documents").fetchone()[0]
