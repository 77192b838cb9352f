"""Ingest: one input file → one Document.

``ingest_file`` is a pure function of the file's bytes and name, so it runs in
worker processes; readers for each format live in their own module.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pipeline.ingest.metadata import read_metadata
from pipeline.ingest.text import read_text
from pipeline.model import Document, InputError

FORMATS = {".txt": "txt", ".text": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def format_of(path: str | Path) -> str | None:
    """The format a file's name says it has, read as ``Path(path).suffix`` reads it, without building a Path:
    called once per file found, pathlib's parsing was most of the time discovery took (2 s at 100,000 files)."""
    name = os.path.basename(os.fspath(path).rstrip("/"))
    dot = name.rfind(".")
    return FORMATS.get(name[dot:].lower()) if 0 < dot < len(name) - 1 else None


def doc_id_for(bulletin: str | None, text: str) -> str:
    if bulletin:
        return bulletin
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def ingest_bytes(data: bytes, source: str, fmt: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Turn one file's bytes into a Document, or raise InputError saying what to do."""
    if len(data) > max_bytes:
        raise InputError(
            f"File is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
            "split it or raise the limit with --max-bytes."
        )
    sha = hashlib.sha256(data).hexdigest()
    page_starts: list[int] = []
    pages = None
    if fmt == "pdf":
        from pipeline.ingest.pdf import read_pdf

        pdf = read_pdf(data)
        text, page_starts, pages = pdf.text, pdf.page_starts, pdf.pages
    elif fmt == "html":
        from pipeline.ingest.html import read_html

        text = read_html(data)
    elif fmt == "txt":
        text = read_text(data)
    else:
        raise InputError(f"Unsupported file type {Path(source).suffix!r}; give .txt, .pdf or .html files.")
    meta = read_metadata(text)
    return Document(
        text=text,
        source=source,
        format=fmt,
        sha256=sha,
        doc_id=doc_id_for(meta.bulletin, text),
        bulletin=meta.bulletin,
        published=meta.published,
        place=meta.place,
        title=meta.title,
        pages=pages,
        page_starts=page_starts,
        dateline_span=meta.dateline_span,
        site_head_span=meta.site_head_span,
    )


def ingest_file(path: str | Path, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One file as a Document. Its ``source`` is ``path`` as given (a Path as ``str()`` writes it): the
    batch job passes paths as discovery spelled them, and finds its records of the file by that spelling."""
    path = str(path) if isinstance(path, Path) else path
    fmt = format_of(path)
    if fmt is None:
        raise InputError(f"Unsupported file type {Path(path).suffix!r}; give .txt, .pdf or .html files.")
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > max_bytes:
                raise InputError(
                    f"File is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
                    "split it or raise the limit with --max-bytes."
                )
            data = file.read()
    except PermissionError:
        raise InputError("File cannot be read (permission denied); check its permissions.") from None
    except OSError as error:
        raise InputError(f"File cannot be read ({error.strerror}); check that it exists and is readable.") from None
    return ingest_bytes(data, source or path, fmt, max_bytes)
