"""``python -m pipeline bench``: the click command, and the order in which the sections are measured."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from pipeline.bench.corpus import generate_corpus
from pipeline.bench.peers import es_core_section, pdf_section
from pipeline.bench.report import Table, header
from pipeline.bench.scale import memory_section, scale_section
from pipeline.bench.session import Session, code_fingerprint, snapshot_code
from pipeline.bench.text_runs import rerun_section, text_section


@click.command()
@click.option("--texts", type=int, default=None, help="Text bulletins to generate [default: 5000; 20 with --quick].")
@click.option(
    "--pdfs", type=int, default=None, help="PDF bulletins (2–3 pages) to generate [default: 500; 3 with --quick]."
)
@click.option("--workers", "-w", type=int, default=None, help="Workers for the parallel run (default: all cores).")
@click.option("--seed", type=int, default=1, show_default=True, help="RNG seed: the same seed gives the same corpus.")
@click.option(
    "--keep", type=click.Path(file_okay=False), default=None, help="Write the corpus and databases here and keep them."
)
@click.option("--quick", is_flag=True, help="Tiny sizes, for a smoke test.")
@click.option("--big", type=int, default=None, help="Also time the job over this many text bulletins (e.g. 100000).")
@click.option(
    "--rounds",
    type=click.IntRange(1),
    default=None,
    help="Rounds of the text figures, interleaved; the best is reported [default: 3; 1 with --quick].",
)
def bench(
    texts: int | None,
    pdfs: int | None,
    workers: int | None,
    seed: int,
    keep: str | None,
    quick: bool,
    big: int | None,
    rounds: int | None,
) -> None:
    """Time the batch job on a synthetic corpus against peers, and print one table with targets."""
    texts = texts if texts is not None else (20 if quick else 5000)
    pdfs = pdfs if pdfs is not None else (3 if quick else 500)
    rounds = rounds or (1 if quick else 3)
    workers = workers or os.cpu_count() or 1
    if texts < 2:
        raise click.UsageError("--texts must be at least 2.")
    if keep:
        _bench(_keep_folder(Path(keep).resolve()), texts, pdfs, workers, seed, big, rounds)
    else:
        with tempfile.TemporaryDirectory(prefix="inai-bench-") as folder:
            _bench(Path(folder), texts, pdfs, workers, seed, big, rounds)


KEEP_MARKER = ".inai-bench"


def _keep_folder(folder: Path) -> Path:
    """A --keep folder: new, empty, or one an earlier bench run made (whose corpus is then replaced).

    An earlier corpus left in place would add its files to this run's input,
    and a folder of someone's own files must not be overwritten.
    """
    if folder.exists() and any(folder.iterdir()) and not (folder / KEEP_MARKER).exists():
        raise click.UsageError(f"--keep {folder} holds other files; give a new or empty folder.")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / KEEP_MARKER).write_text("Written by `python -m pipeline bench --keep`; safe to delete.\n")
    for name in ("texts", "pdfs", "big"):
        shutil.rmtree(folder / name, ignore_errors=True)
    return folder


def _bench(root: Path, texts: int, pdfs: int, workers: int, seed: int, big: int | None, rounds: int = 3) -> None:
    """Generate the corpus under root, measure every section in order, and print the report."""
    from pipeline.rules import PACKAGE_DIR, rules_dir

    session = Session(root, snapshot_code(root), workers, Table())
    tree_before = code_fingerprint(PACKAGE_DIR, rules_dir())
    click.echo(f"Generating {texts} text and {pdfs} PDF bulletins (seed {seed}) in {root} …", err=True)
    corpus = generate_corpus(root, texts, pdfs, seed)
    click.echo("Measuring (each figure in a fresh subprocess) …", err=True)
    runs = text_section(session, corpus, rounds)
    rerun_section(session, corpus, runs[workers])
    pdf_section(session, corpus)
    es_core_section(session, corpus, runs[1])
    memory_section(session, runs)
    if big:
        scale_section(session, big, seed)
    tree_after = code_fingerprint(PACKAGE_DIR, rules_dir())
    measured = code_fingerprint(session.code / "pipeline", session.code / "rules")
    if tree_after != tree_before:
        session.table.notes.append(
            f"The working tree's pipeline code or rules changed during the benchmark (fingerprint {tree_before} → "
            f"{tree_after}); every figure measures the copy taken at the start ({measured})."
        )
    click.echo(header(corpus, workers, seed, measured))
    click.echo(session.table.render())
    click.echo("\nNotes:\n" + "\n".join(f"- {n}" for n in session.table.notes))
