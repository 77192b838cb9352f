"""Command line: a thin click layer that parses options and calls the stages."""

from __future__ import annotations

import os
import sys

import click

from pipeline.ingest import DEFAULT_MAX_BYTES

DEFAULT_DB = "output/timeline.db"


@click.group()
@click.version_option(package_name="inai-bulletins")
def cli():
    """Turn INAI press bulletins into a SQLite timeline of Gobierno Abierto: Cocreación desde lo Local."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file to create or update.")
@click.option(
    "--workers",
    "-w",
    type=int,
    default=None,
    help="Processes that read and extract, the writer included (default: all cores).",
)
@click.option(
    "--max-bytes", type=int, default=DEFAULT_MAX_BYTES, show_default=True, help="Reject input files larger than this."
)
@click.option(
    "--timeout",
    type=float,
    default=120.0,
    show_default=True,
    help="Seconds allowed per document before it is rejected.",
)
@click.option(
    "--wait",
    type=float,
    default=0,
    show_default=True,
    help="Seconds to wait for another run on the same --db to finish.",
)
@click.option("--no-progress", is_flag=True, help="Do not show a progress bar.")
def run(paths, db, workers, max_bytes, timeout, wait, no_progress):
    """Ingest, extract and reconcile bulletins under PATHS (default: corpus/) into --db."""
    from pipeline.run import run as run_pipeline
    from pipeline.store import RunLocked

    paths = list(paths) or ["corpus"]
    if not any(os.path.exists(p) for p in paths):
        raise click.UsageError(f"No input found at {', '.join(paths)}; give bulletin files or folders.")
    try:
        summary = run_pipeline(
            paths,
            db,
            workers=workers,
            max_bytes=max_bytes,
            progress=not no_progress,
            timeout=timeout or None,
            wait=wait,
            warn=lambda m: click.echo(f"warning: {m}", err=True),
        )
    except RunLocked as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(3)
    except OSError as error:
        click.echo(
            f"error: cannot write the database {db} ({error.strerror or error}); check the folder exists and is writable.",
            err=True,
        )
        sys.exit(2)
    click.echo(summary.line(), err=True)
    click.echo(f"Database: {db}\nBrowse it: python -m pipeline serve --db {db}   (or: make serve)", err=True)


@cli.command("eval")
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--db", default=None, help="SQLite file to build (default: a temporary file).")
@click.option("--quiet", "-q", is_flag=True, help="Only print the scores, not every miss.")
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of the gold files, when they are kept apart from the texts (default: CORPUS_DIR).",
)
def evaluate_command(corpus_dir, db, quiet, gold_dir):
    """Run the pipeline over CORPUS_DIR and score it against its gold files."""
    from pipeline.evaluate import evaluate_corpus

    report = evaluate_corpus(corpus_dir, db, gold_dir)
    click.echo(report.render(details=not quiet))


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; keep 127.0.0.1 unless you mean to share it.",
)
@click.option("--port", "-p", type=int, default=8001, show_default=True)
def serve(db, host, port):
    """Browse the database in Datasette (read-only)."""
    from pipeline.serve import serve as serve_datasette

    if not os.path.exists(db):
        raise click.UsageError(f"{db} does not exist yet; run `python -m pipeline run` first.")
    serve_datasette(db, host, port)


@cli.command()
@click.option("--db", default=DEFAULT_DB, show_default=True)
@click.option("--out", default="output/report.html", show_default=True)
@click.option(
    "--datasette",
    default="http://127.0.0.1:8001",
    show_default=True,
    help="Where `pipeline serve` runs: the report's evidence links point there.",
)
def report(db, out, datasette):
    """Write one offline HTML page: the states on a map, the timeline, the figures over time, the findings."""
    from pipeline.report import write_report

    if not os.path.exists(db):
        raise click.UsageError(f"{db} does not exist yet; run `python -m pipeline run` first.")
    write_report(db, out, datasette)
    click.echo(f"Report: {out}", err=True)


from pipeline.bench import bench  # noqa: E402

cli.add_command(bench)

from pipeline.pull import pull  # noqa: E402

cli.add_command(pull)
