"""Section 6: peak memory of the text runs, and the scale run over many more bulletins."""

from __future__ import annotations

import click

from pipeline.bench.corpus import generate_corpus
from pipeline.bench.report import fmt_rate, rate, verdict
from pipeline.bench.session import Result, Session
from pipeline.bench.targets import TARGET_RSS_MB, TARGET_SCALE_DOCS, TARGET_SCALE_SECONDS


def fmt_rss(result: Result) -> str:
    """Peak memory as the tree's PSS and RSS sums, with the main process's and the largest worker's RSS."""
    tree, pss = result.get("rss_tree_mb"), result.get("pss_tree_mb")
    tree_text = (
        f"{pss:,.0f} MB PSS, {tree:,.0f} MB RSS" if tree and pss else f"{tree:,.0f} MB RSS" if tree else "tree n/a"
    )
    worker = result.get("rss_worker_mb") or 0
    workers = f"largest worker {worker:,.0f}" if worker else "no workers"
    return f"{tree_text} (RSS main {result['rss_main_mb']:,.0f}, {workers})"


def memory_verdict(result: Result) -> str:
    """Against the job's memory: the PSS sum where /proc gives it, else the RSS sum (an upper bound)."""
    held = result.get("pss_tree_mb") or result.get("rss_tree_mb")
    return verdict(held, TARGET_RSS_MB, higher_is_better=False) if held else ""


def memory_section(session: Session, runs: dict[int, Result]) -> None:
    """6. Memory: peak RSS of the end-to-end runs, as the sampled tree sum and per process."""
    for count, result in runs.items():
        session.table.add(
            "6",
            f"Peak memory, end-to-end {count} worker{'s' * (count > 1)}",
            fmt_rss(result),
            f"≤ {TARGET_RSS_MB:.0f} MB",
            memory_verdict(result),
        )
    session.table.notes.append(
        "Peak memory: the highest sums over the measurement subprocess and its workers in any round, sampled from "
        "/proc (RSS every 0.1 s, PSS every 0.5 s): PSS (each shared page charged to its sharers in parts: what the job holds; the verdict) and RSS "
        "(each shared page counted once per process: an upper bound, since forked workers share the writer's pages); "
        "'RSS main' = getrusage(RUSAGE_SELF) of the subprocess that runs run() and writes SQLite; 'largest worker' = "
        "getrusage(RUSAGE_CHILDREN) there, the peak of the largest single worker. Workers are replaced every "
        "10,000 documents (spaCy's vocabulary grows with every new word)."
    )


def scale_section(session: Session, big: int, seed: int) -> None:
    """6. Scale: the job over ``big`` text bulletins, against 100,000 docs in 5 minutes and 400 MB."""
    table, workers = session.table, session.workers
    click.echo(f"Generating {big} text bulletins for the scale run …", err=True)
    corpus = generate_corpus(session.root, big, 0, seed + 1, name="big")
    db = session.fresh_db("bench-big.db")
    result = session.measure("end_to_end", paths=[str(corpus.text_dir)], db=db, workers=workers)
    docs_s = rate(big, result["seconds"])
    projected = TARGET_SCALE_DOCS / docs_s
    table.add(
        "6",
        f"Scale: {big:,} docs, {workers} workers",
        f"{fmt_rate(docs_s, 'docs/s')} ({result['seconds']:.0f} s)",
        f"{TARGET_SCALE_DOCS:,} docs < {TARGET_SCALE_SECONDS:.0f} s",
        f"{verdict(projected, TARGET_SCALE_SECONDS, higher_is_better=False)}: {TARGET_SCALE_DOCS:,} docs in {projected:.0f} s",
    )
    table.add(
        "6", f"Scale: peak memory at {big:,} docs", fmt_rss(result), f"≤ {TARGET_RSS_MB:.0f} MB", memory_verdict(result)
    )
    table.notes.append(
        f"Scale corpus: {big:,} files, {corpus.text_bytes / 1e6:.0f} MB, generated in {corpus.seconds:.0f} s "
        f"(not timed); {result['read']:,} read, {result['rejected']} rejected, {result['duplicates']} duplicates."
    )
