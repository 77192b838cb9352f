"""The main side: decide what changed since the last run, and write every result in one place.

Unchanged files are skipped (same size and mtime, or the same bytes), files gone
from a given folder are forgotten, and documents extracted by other rules are
extracted again from their stored text. Everything else is read by the pool
(see pool.py) and written here, one transaction per document.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import rules
from pipeline.ingest import DEFAULT_MAX_BYTES, format_of
from pipeline.model import Document
from pipeline.run.inputs import Input, attach_provenance, discover
from pipeline.run.pool import map_in_workers
from pipeline.run.work import process_file, reextract_document
from pipeline.store import PROVENANCE, FactRows, Store


@dataclass
class RunSummary:
    found: int = 0
    read: int = 0
    skipped: int = 0
    duplicates: int = 0
    rejected: int = 0
    removed: int = 0
    reextracted: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.found} files: {self.read} read, {self.skipped} skipped (unchanged), "
            f"{self.duplicates} merged as duplicates, {self.rejected} rejected, {self.removed} removed, "
            f"{self.reextracted} re-extracted after a rule change"
        )


class Runner:
    def __init__(
        self, store: Store, workers: int, max_bytes: int, warn, progress: bool = True, timeout: float | None = None
    ):
        self.store = store
        self.workers = workers
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.warn = warn
        self.progress = progress
        self.summary = RunSummary()
        self.inputs: dict[str, Input] = {}

    def run(self, paths: list[str]) -> RunSummary:
        inputs, folders, problems = discover(paths)
        attach_provenance(inputs)
        self.inputs = {i.path: i for i in inputs}
        self.summary.found = len(inputs) + len(problems)
        for path, message in problems:
            self._reject(path, None, None, "ingest", message, {})
        to_read = [i for i in inputs if self._changed(i)]
        self.summary.skipped = len(inputs) - len(to_read)
        promote = self._remove_missing(folders, set(self.inputs) | {path for path, _ in problems})
        writes = len(to_read) + self.store.count_stale(rules.extract_version())
        with (
            self.store.query_indexes_deferred(self.store.worth_deferring(writes), writes),
            self.store.grouped_commits(),
        ):
            self._read([i.path for i in to_read])
            self._read(
                sorted(
                    {s["source"] for d in promote for s in self.store.sources_of(d) if s["source"] in self.inputs}
                    - {i.path for i in to_read}
                )
            )
            self._reextract_stale()
        return self.summary

    def _changed(self, item: Input) -> bool:
        row = self.store.source_row(item.path)
        if row is None or row["ingest_version"] != rules.ingest_version():
            return True
        if (row["size"], row["mtime_ns"]) != (item.size, item.mtime_ns) and not self._same_bytes(item, row):
            return True
        self._refresh_provenance(item, row)
        return False

    def _refresh_provenance(self, item: Input, row: dict) -> None:
        """An unchanged file whose pull manifest now says otherwise (pulled after it was read, or again)."""
        meta = item.meta_for(row["sha256"])
        values = [meta.get(key) for key in PROVENANCE]
        if values == [row.get(key) for key in PROVENANCE]:
            return
        assignments = ", ".join(f"{key} = ?" for key in PROVENANCE)
        with self.store.db.atomic():
            for table in ("sources", "documents"):
                self.store.db.execute(f"update {table} set {assignments} where source = ?", [*values, item.path])

    def _same_bytes(self, item: Input, row: dict) -> bool:
        """A touched but unchanged file: re-hash it and just record the new mtime."""
        import hashlib

        try:
            digest = hashlib.sha256(Path(item.path).read_bytes()).hexdigest()
        except OSError:
            return False
        if digest != row["sha256"]:
            return False
        with self.store.db.atomic():
            self.store.db.execute(
                "update sources set size = ?, mtime_ns = ? where source = ?", [item.size, item.mtime_ns, item.path]
            )
        return True

    def _remove_missing(self, folders: list[str], present: set[str]) -> set[str]:
        promote = set()
        for folder in folders:
            for row in self.store.sources_under(folder):
                if row["source"] not in present:
                    doc_id = self.store.remove_source(row["source"])
                    self.summary.removed += 1
                    if doc_id:
                        promote.add(doc_id)
        return promote

    def _read(self, paths: list[str]) -> None:
        if not paths:
            return
        tasks = ((p, self.max_bytes, self.timeout) for p in paths)
        for result in self._progress(
            map_in_workers(process_file, tasks, self.workers, len(paths)), len(paths), "reading"
        ):
            if result[0] == "error":
                _, source, stage, message = result
                self._reject(
                    source,
                    None,
                    format_of(source),
                    stage,
                    message,
                    self.inputs.get(source, Input(source)).meta_for(None),
                )
            else:
                self._store(result[1], result[2])

    def _store(self, doc: Document, facts: FactRows | str) -> None:
        meta = self.inputs.get(doc.source, Input(doc.source)).meta_for(doc.sha256)
        previous = self.store.source_row(doc.source)
        current = self.store.document_row(doc.doc_id)
        if current and current["source"] != doc.source and (primary := self.store.source_row(current["source"])):
            if not self.store.preferred({"format": doc.format, "source": doc.source}, primary):
                self.store.write_duplicate(doc.source, doc.sha256, doc.format, doc.doc_id, meta)
                self.summary.duplicates += 1
                self.summary.read += 1
                self._drop_previous(previous, doc.doc_id)
                return
            self.summary.duplicates += 1
        rows, failure = _rows_and_failure(facts)
        self.store.write_document(doc, rows, meta, new=current is None)
        self._extraction_failed(doc, failure)
        self.summary.read += 1
        self._drop_previous(previous, doc.doc_id)

    def _drop_previous(self, previous: dict | None, new_doc_id: str) -> None:
        """The file now reads as another document: its old document goes unless another file holds it."""
        if previous and previous["doc_id"] and previous["doc_id"] != new_doc_id and previous["status"] == "ok":
            with self.store.db.atomic():
                promote = self.store.drop_or_promote(previous["doc_id"])
            if promote:
                self._read([s["source"] for s in self.store.sources_of(promote) if os.path.exists(s["source"])])

    def _reject(self, source, sha, fmt, stage, message, meta) -> None:
        self.store.write_rejection(source, sha, fmt, stage, message, meta)
        self.summary.rejected += 1
        self.summary.warnings.append(f"{source}: {message}")
        self.warn(f"{source}: {message}")

    def _reextract_stale(self) -> None:
        stale = self.store.stale_documents(rules.extract_version())
        if not stale:
            return
        docs = (self.store.load_document(d) for d in stale)  # streamed: never all texts in memory at once
        for _, doc, facts in self._progress(
            map_in_workers(reextract_document, docs, self.workers, len(stale)), len(stale), "re-extracting"
        ):
            rows, failure = _rows_and_failure(facts)
            self.store.write_extraction(doc, rows)
            self._extraction_failed(doc, failure)
            self.summary.reextracted += 1

    def _extraction_failed(self, doc: Document, failure: str | None) -> None:
        """A document stored without facts: the reason goes to the errors table and to the person running."""
        if failure:
            self.store.record_extraction_failure(doc, failure)
            self.warn(f"{doc.source}: {failure}")

    def _progress(self, iterable, total: int, what: str):
        if not self.progress:
            return iterable
        from tqdm import tqdm

        return tqdm(iterable, total=total, desc=what, unit="file", delay=1.0, file=sys.stderr, leave=False)


def _rows_and_failure(facts: FactRows | str) -> tuple[FactRows, str | None]:
    """What a worker sent as the rows to store, and why extraction failed when it did (no rows then)."""
    if isinstance(facts, str):
        return FactRows.empty(), facts
    return facts, None


DEFAULT_TIMEOUT = 120.0


def run(
    paths: list[str],
    db: str,
    workers: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warn=None,
    progress: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
    wait: float = 0,
) -> RunSummary:
    """Run the whole batch job: ingest and extract what changed, then reconcile."""
    from pipeline.reconcile import reconcile

    warn = warn or (lambda message: print(f"warning: {message}", file=sys.stderr))
    store = Store(db, wait=wait)
    try:
        reconcile(store.db)  # the views from the start: someone browsing a database being built sees it grow
        runner = Runner(store, workers or os.cpu_count() or 1, max_bytes, warn, progress, timeout)
        summary = runner.run(paths)
        reconcile(store.db)
    finally:
        store.close()
    return summary
