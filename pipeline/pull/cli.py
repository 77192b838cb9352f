"""``python -m pipeline pull``: the click command and the two ways in (URLs, or a web archive)."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import click
from click import FloatRange, IntRange

from pipeline.ingest import DEFAULT_MAX_BYTES
from pipeline.pull.archive import ArchivePuller, prefixes_for
from pipeline.pull.cdx import IA_CDX, Query
from pipeline.pull.fetcher import DEFAULT_USER_AGENT, Settings
from pipeline.pull.manifest import MANIFEST, remove_stale_temporaries
from pipeline.pull.puller import Puller, Summary, UnusableInput

# -- input --------------------------------------------------------------------------


def is_url(text: str) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def read_url_list(path: Path, warn) -> list[str]:
    """URLs of a text file, one a line; blank lines and '#' comments are ignored, other lines warned about."""
    try:
        lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError as error:
        raise UnusableInput(f"Cannot read {path} ({error.strerror}); check that it exists and is readable.") from None
    urls: dict[str, None] = {}
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if is_url(line):
            urls.setdefault(urldefrag(line)[0], None)
        else:
            warn(f"{path}:{number}: {line[:60]!r} is not an http(s) URL; it was skipped.")
    if not urls:
        raise UnusableInput(f"{path} holds no http(s) URLs; put one bulletin or index URL on each line.")
    return list(urls)


def run_pull(source: str, settings: Settings, echo=None, warn=None) -> Summary:
    """Pull from a URL or a file of URLs into ``settings.to``; UnusableInput when the argument is unusable."""
    echo = echo or (lambda message: None)
    warn = warn or echo
    if is_url(source):
        urls, start = None, source.strip()
    elif os.path.isfile(source):
        urls, start = read_url_list(Path(source), warn), None
    else:
        raise UnusableInput(f"{source!r} is neither an http(s) URL nor a file of URLs; give one of the two.")
    with _puller_in(settings, echo) as puller:
        return puller.pull_list(urls) if urls is not None else puller.pull_start(start)


def run_archive(archive: str, query: Query, settings: Settings, echo=None) -> Summary:
    """Pull the newest good capture of each bulletin address under ``archive`` (a name in rules/sources.yml or
    a URL prefix) from the CDX index at ``query.cdx``; the summary lists what each index held."""
    if not is_url(query.cdx):
        raise UnusableInput(f"--cdx {query.cdx!r} is not an http(s) URL; give a CDX endpoint such as {IA_CDX}.")
    if query.since and query.until and query.since > query.until:
        raise UnusableInput(f"--from {query.since} is after --until {query.until}; swap them.")
    prefixes = prefixes_for(archive)
    with _puller_in(settings, echo or (lambda message: None)) as puller:
        return ArchivePuller(puller, query).pull(prefixes)


@contextmanager
def _puller_in(settings: Settings, echo):
    """A Puller on the --to folder (made if missing, cleared of a killed run's temporaries), its manifest
    compacted however the pull ends."""
    try:
        settings.to.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UnusableInput(
            f"Cannot create the folder {settings.to} ({error.strerror}); check the path given with --to."
        ) from None
    remove_stale_temporaries(settings.to)
    puller = Puller(settings, echo=echo)
    try:
        yield puller
    finally:
        puller.manifest.compact()


TO_HELP = "Folder for the bulletins and manifest.jsonl."


@click.command()
@click.argument("source", metavar="[URL_OR_FILE]", required=False)
@click.option(
    "--archive",
    metavar="NAME_OR_PREFIX",
    help="Pull from a web archive instead: a name in rules/sources.yml (inai) or a URL prefix.",
)
@click.option("--from", "since", type=IntRange(1990, 2100), help="With --archive: first year of captures.")
@click.option("--until", type=IntRange(1990, 2100), help="With --archive: last year of captures.")
@click.option(
    "--cdx",
    metavar="URL",
    help=f"With --archive: the CDX endpoint to list captures from (default {IA_CDX}); "
    "captures are read from /web/ on its host.",
)
@click.option("--to", default="corpus", show_default=True, type=click.Path(file_okay=False), help=TO_HELP)
@click.option(
    "--delay", type=FloatRange(min=0), default=1.0, show_default=True, help="Seconds between requests to a host."
)
@click.option(
    "--retries", type=IntRange(0, 10), default=3, show_default=True, help="Extra tries after 5xx, 429, timeout."
)
@click.option(
    "--backoff", type=FloatRange(min=0), default=1.0, show_default=True, help="Seconds before the 1st retry; doubles."
)
@click.option(
    "--timeout", type=FloatRange(min=0.01), default=20.0, show_default=True, help="Seconds to wait at each step."
)
@click.option(
    "--max-bytes", type=IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True, help="Refuse larger bodies."
)
@click.option("--user-agent", default=DEFAULT_USER_AGENT, help="User-Agent header (default names this project).")
@click.option("--quiet", "-q", is_flag=True, help="Only print the summary.")
def pull(source, archive, since, until, cdx, to, delay, retries, backoff, timeout, max_bytes, user_agent, quiet):
    """Download bulletins from URL_OR_FILE (an index page, one bulletin, or a file of URLs), or with --archive
    from a web archive's captures, into --to.

    Writes manifest.jsonl beside the files; running it again only fetches what is new or changed.
    """
    if bool(source) == bool(archive):
        raise click.UsageError("Give either URL_OR_FILE or --archive NAME_OR_PREFIX (one of the two).")
    if not archive and (since or until or cdx):
        raise click.UsageError("--from, --until and --cdx go with --archive.")
    settings = Settings(Path(to), delay, retries, timeout, max_bytes, user_agent, backoff)
    echo = (lambda message: None) if quiet else (lambda message: click.echo(message, err=True))
    try:
        if archive:
            summary = run_archive(archive, Query(cdx or IA_CDX, since, until), settings, echo=echo)
        else:
            summary = run_pull(source, settings, echo=echo, warn=lambda m: click.echo(f"warning: {m}", err=True))
    except UnusableInput as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; run the same command again to resume where it stopped.", err=True)
        sys.exit(130)
    for line in summary.listings + [f"error: {failure}" for failure in summary.failures] + [summary.line()]:
        click.echo(line, err=True)
    click.echo(f"Manifest: {settings.to / MANIFEST}\nNext: python -m pipeline run {settings.to}", err=True)
    if summary.failures:
        sys.exit(1)
