"""The worker side: one file in, one document's facts out, as plain data the writer can store.

``process_file`` and ``reextract_document`` are pure apart from reading the file,
so they run in pool processes; every failure comes back as data (an error
tuple or a sentence), never as an exception that would stop the run.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

from pipeline.ingest import ingest_file
from pipeline.model import Document, InputError
from pipeline.store import FactRows, fact_rows


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
