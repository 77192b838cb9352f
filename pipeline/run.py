"""The batch job: find input files, decide what changed, process in workers, write in one place.

Workers run ``process_file`` (bytes → Document → Extraction → rows), a pure
function, and send plain data back (the rows as ready SQL parameters). The main
process alone writes to SQLite, one transaction per document, and extracts too
whenever nothing waits to be written (see ``_map``). Work streams in batches with
a bound on what is in flight, so memory does not grow with the corpus.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import queue
import signal
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from stat import S_ISREG

from pipeline import rules
from pipeline.ingest import DEFAULT_MAX_BYTES, format_of, ingest_file
from pipeline.model import Document, InputError
from pipeline.store import PROVENANCE, FactRows, Store, fact_rows

SKIP_NAMES = {"gold.jsonl", "timeline.jsonl", "checks.jsonl"}
# Documents per pool process between reading and writing. A commit that triggers a WAL checkpoint
# keeps the writer busy for up to half a second; with 64 in flight (about 0.35 s of extraction) the
# pool ran dry during each one, and sat idle 11-12 % of a run. 256 documents are about 8 MB.
IN_FLIGHT = 256
# A finished batch (16 documents with their text, about 250 KB pickled) crosses a pipe that holds
# 64 KB by default, so a pool process waited on this process's result thread, which needs the GIL
# the writer holds, four times a batch. 1 MB pipes (Linux's default ceiling for any user) let it
# hand the batch over at once and go on.
PIPE_BYTES = 1 << 20
# Documents are extracted in batches of this many before the batch is written (and sent to and from
# pool processes as one message): alternating spaCy and SQLite after every document kept evicting
# each other's data from the CPU caches.
BATCH = 16
# A pool process is replaced, and this process's pipeline rebuilt, after this many
# documents: spaCy's vocabulary keeps every new word it sees (about 1 MB per
# thousand bulletins), so a long-lived pipeline grows with the corpus.
RECYCLE_AFTER = 10_000


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


@dataclass
class Input:
    path: str  # as given or found under a given folder; becomes `source`
    size: int = 0
    mtime_ns: int = 0
    pulled: dict | None = None  # the row of a `pipeline pull` manifest beside the file that says it wrote it

    @property
    def meta(self) -> dict:
        return {"size": self.size, "mtime_ns": self.mtime_ns}

    def meta_for(self, sha256: str | None) -> dict:
        """``meta``, plus where the file came from when a pull's manifest says so for these very bytes (an
        edited file no longer claims to be the page it was pulled from)."""
        if not self.pulled or (sha256 and self.pulled.get("sha256") != sha256):
            return self.meta
        return self.meta | {key: self.pulled.get(key) for key in PROVENANCE}


def attach_provenance(inputs: list[Input]) -> None:
    """Give each input the manifest row of the pull that wrote it, if a manifest.jsonl beside it says so."""
    from pipeline.pull.manifest import pulled_files

    manifests: dict[str, dict] = {}
    for item in inputs:
        folder, name = os.path.split(item.path)
        if folder not in manifests:
            manifests[folder] = pulled_files(folder or ".")
        item.pulled = manifests[folder].get(name)


# -- discovery ---------------------------------------------------------------


def discover(paths: list[str]) -> tuple[list[Input], list[str], list[tuple[str, str]]]:
    """Supported files under the given paths, the folders given, and unreadable entries.

    Symbolic links are followed, but each real directory is walked once, so a
    link that points back up the tree cannot loop. Each given path is spelled
    as ``str(Path(path))`` spells it ("./corpus/" as "corpus"), so one file has
    one ``source`` however the folder was typed, and a re-run finds its records.
    """
    found: dict[str, Input] = {}
    folders: list[str] = []
    problems: list[tuple[str, str]] = []
    for given in (str(Path(p)) if p else p for p in paths):  # Path("") would be ".", the working folder
        if os.path.isdir(given):
            folders.append(given.rstrip("/") or "/")
            _walk(given, found, problems)
        elif os.path.exists(given):
            _add(given, found, problems, explicit=True)
        else:
            problems.append((given, "Path does not exist; check the spelling or the working directory."))
    return sorted(found.values(), key=lambda i: i.path), folders, problems


def _walk(top: str, found: dict, problems: list) -> None:
    seen_dirs: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(
        top,
        followlinks=True,
        onerror=lambda e: problems.append(
            (e.filename, f"Folder cannot be read ({e.strerror}); check its permissions.")
        ),
    ):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in SKIP_NAMES:
                continue
            _add(os.path.join(dirpath, name), found, problems, explicit=False)


def _add(path: str, found: dict, problems: list, explicit: bool) -> None:
    if format_of(path) is None:
        if explicit:
            problems.append((path, f"Unsupported file type {Path(path).suffix!r}; give .txt, .pdf or .html files."))
        return
    try:
        stat = os.stat(path)
    except OSError as error:
        problems.append(
            (path, f"File cannot be read ({error.strerror}); it may be a broken link — check that it exists.")
        )
        return
    if not S_ISREG(stat.st_mode):
        problems.append(
            (
                path,
                "Not a regular file (a pipe, device or folder with a bulletin's name); give the bulletin file itself.",
            )
        )
        return
    found[path] = Input(path, stat.st_size, stat.st_mtime_ns)


# -- worker side -------------------------------------------------------------


class DocumentTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float | None):
    """Interrupt the work on one document after ``seconds`` (SIGALRM; workers run tasks on their main thread)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_file(task: tuple[str, int, float | None]) -> tuple:
    """Worker: one file → ("ok", Document, FactRows or an extraction error) or ("error", source, stage, message)."""
    path, max_bytes, timeout = task
    stage = "ingest"
    try:
        with time_limit(timeout):
            doc = ingest_file(path, max_bytes=max_bytes)
            stage = "extract"
            extraction = _safe_extract(doc)
    except DocumentTimeout:
        return (
            "error",
            path,
            stage,
            f"Processing took longer than the {timeout:g} s limit per document; "
            "check the file (it may be huge or malformed) or raise the limit with --timeout.",
        )
    except InputError as error:
        return ("error", path, error.stage, str(error))
    except Exception as error:  # a reader bug must not stop the run
        return (
            "error",
            path,
            stage,
            f"Unexpected failure while reading ({type(error).__name__}: {error}); report it with the file attached.",
        )
    return ("ok", doc, extraction)


def reextract_document(doc: Document) -> tuple:
    return ("reextract", doc, _safe_extract(doc))


def _safe_extract(doc: Document) -> FactRows | str:
    """The document's facts as rows for the writer, or why extraction failed."""
    from pipeline.extract import extract

    try:
        return fact_rows(doc, extract(doc))
    except DocumentTimeout:
        raise
    except Exception as error:
        return f"Extraction failed ({type(error).__name__}: {error}); the text is stored without facts — report it with the file attached."


def _warm_worker() -> None:
    from pipeline.extract import get_nlp

    get_nlp()


def _map(function, items, workers: int, count: int):
    """``function`` over ``items`` on ``workers`` processes, this one included, streaming, in any order.

    This process is the single writer, and it is one of the workers too: it
    extracts a batch itself whenever no finished batch is waiting to be written,
    and ``workers - 1`` pool processes extract the rest. On two cores, two
    extraction processes plus a separate writer meant three busy processes
    time-sharing two cores, each evicting the others' data from the CPU caches;
    this way there are two, and the writer's share of extraction adjusts itself
    to how much writing is left to do. At most ``IN_FLIGHT`` documents per pool
    process are read but not yet written, so memory does not grow with the corpus.
    """
    _warm_worker()
    items = iter(items)
    batches = iter(lambda: list(islice(items, BATCH)), [])
    here = _InProcess(function)
    if workers <= 1 or count < 2 * BATCH:
        for batch in batches:
            yield from here(batch)
        return
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    done: queue.SimpleQueue = queue.SimpleQueue()
    in_flight, limit, left = 0, (workers - 1) * max(2, IN_FLIGHT // BATCH), count
    with ctx.Pool(workers - 1, initializer=_warm_worker, maxtasksperchild=max(1, RECYCLE_AFTER // BATCH)) as pool:
        _enlarge_pipes(pool)
        for batch in batches:
            while not done.empty():  # write what the pool has finished
                yield from _finished(done.get())
                in_flight -= 1
            if in_flight < min(limit, _tail_share(left, workers)):
                pool.apply_async(_run_batch, (function, batch), callback=done.put, error_callback=done.put)
                in_flight += 1
            else:
                yield from here(batch)  # the pool has enough to do: extract this batch here
            left -= len(batch)
        for _ in range(in_flight):
            yield from _finished(done.get())


def _tail_share(left: int, workers: int) -> int:
    """Batches the pool may hold when ``left`` documents are still to be handed out: its share of them.

    Early in a run the in-flight limit governs. Near the end, a pool holding a
    full limit (256 documents, over a second of its work) left this process with
    nothing to do but write the pool's results as they came, about a quarter of
    that time: the other three quarters, one core sat idle.
    """
    return max(1, -(-left * (workers - 1) // (workers * BATCH)))


def _enlarge_pipes(pool) -> None:
    """Best effort: raise the pool's task and result pipes to ``PIPE_BYTES``. Linux only, and the pipes
    are the Pool's private attributes: elsewhere, or on a Python that renames them, they keep the default."""
    set_pipe_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_pipe_size is None:
        return
    for name in ("_inqueue", "_outqueue"):
        try:
            fcntl.fcntl(getattr(pool, name)._reader.fileno(), set_pipe_size, PIPE_BYTES)
        except (AttributeError, OSError, ValueError):
            pass


def _finished(results: list | BaseException) -> list:
    """A pool batch's results, or its failure raised here."""
    if isinstance(results, BaseException):
        raise results
    return results


class _InProcess:
    """Batches extracted in this process, with a fresh spaCy pipeline every ``RECYCLE_AFTER`` documents,
    as pool processes are replaced: the vocabulary keeps every word it has seen."""

    def __init__(self, function):
        self.function, self.since_fresh = function, 0

    def __call__(self, batch: list) -> list:
        if self.since_fresh >= RECYCLE_AFTER:
            from pipeline.extract import fresh_pipeline

            fresh_pipeline()
            self.since_fresh = 0
        self.since_fresh += len(batch)
        return _run_batch(self.function, batch)


def _run_batch(function, batch: list) -> list:
    """A pool process's task (and this process's, see _InProcess): several documents, sent and returned
    as one message."""
    return [function(item) for item in batch]


# -- main side ---------------------------------------------------------------


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
        for result in self._progress(_map(process_file, tasks, self.workers, len(paths)), len(paths), "reading"):
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
        if current and current["source"] != doc.source and self.store.source_row(current["source"]):
            primary = self.store.source_row(current["source"])
            if not self.store.preferred({"format": doc.format, "source": doc.source}, primary):
                self.store.write_duplicate(doc.source, doc.sha256, doc.format, doc.doc_id, meta)
                self.summary.duplicates += 1
                self.summary.read += 1
                self._drop_previous(previous, doc.doc_id)
                return
            self.summary.duplicates += 1
        failed = isinstance(facts, str)
        self.store.write_document(doc, FactRows.empty() if failed else facts, meta, new=current is None)
        if failed:
            self.store.record_extraction_failure(doc, facts)
            self.warn(f"{doc.source}: {facts}")
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
            _map(reextract_document, docs, self.workers, len(stale)), len(stale), "re-extracting"
        ):
            failure = facts if isinstance(facts, str) else None
            self.store.write_extraction(doc, FactRows.empty() if failure else facts)
            if failure:
                self.store.record_extraction_failure(doc, failure)
                self.warn(f"{doc.source}: {failure}")
            self.summary.reextracted += 1

    def _progress(self, iterable, total: int, what: str):
        if not self.progress:
            return iterable
        from tqdm import tqdm

        return tqdm(iterable, total=total, desc=what, unit="file", delay=1.0, file=sys.stderr, leave=False)


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
