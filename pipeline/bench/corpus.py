"""The synthetic corpus: text and PDF bulletins written under a folder, with distinct bulletin numbers."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline.bench.pdfs import write_bulletin_pdf
from pipeline.bench.writer import BulletinWriter, allocate_slots, file_name


@dataclass
class Corpus:
    """What generate_corpus wrote and where, and how long it took; pdf_skipped says why no PDFs were written."""

    text_dir: Path
    texts: int = 0
    text_bytes: int = 0
    pdf_dir: Path | None = None
    pdfs: int = 0
    pdf_pages: int = 0
    seconds: float = 0.0
    pdf_skipped: str | None = None


def generate_corpus(root: Path, texts: int, pdfs: int, seed: int, name: str = "texts") -> Corpus:
    """Write ``texts`` text bulletins and ``pdfs`` PDF bulletins under root, all with distinct numbers."""
    start = time.perf_counter()
    rng = random.Random(seed)
    writer = BulletinWriter(rng)
    slots = allocate_slots(texts + pdfs, rng)
    corpus = Corpus(text_dir=root / name)
    for index, slot in enumerate(slots[:texts]):
        data = writer.bulletin(slot).encode("utf-8")
        _write(corpus.text_dir / file_name(slot, index, ".txt"), data)
        corpus.texts += 1
        corpus.text_bytes += len(data)
    if pdfs:
        try:
            import reportlab  # noqa: F401  (a test extra)
        except ImportError:
            corpus.pdf_skipped = "reportlab is not installed (pip install reportlab, or the [test] extra)"
        else:
            corpus.pdf_dir = root / "pdfs"
            for index, slot in enumerate(slots[texts:], start=texts):
                path = corpus.pdf_dir / file_name(slot, index, ".pdf")
                path.parent.mkdir(parents=True, exist_ok=True)
                corpus.pdf_pages += write_bulletin_pdf(path, writer.bulletin(slot), rng)
                corpus.pdfs += 1
    corpus.seconds = time.perf_counter() - start
    return corpus


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
