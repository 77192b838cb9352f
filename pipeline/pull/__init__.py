"""Pull bulletins from the web into a corpus folder: polite, cached and resumable.

``python -m pipeline pull URL_OR_FILE --to corpus/`` takes a text file of URLs,
the URL of an index page (its links that look like bulletins are followed) or
the URL of one bulletin; ``python -m pipeline pull --archive inai --to corpus/``
(or ``--archive URL_PREFIX``) lists a web archive's captures with the CDX API
and downloads the newest good capture of each bulletin address. Either way each
bulletin is written beside a ``manifest.jsonl`` that says, per address, what
happened, and for archived files which capture was read.

The package, one concern a module:

- ``fetcher``: HTTP, one GET at a time (per-host delay, retries honouring Retry-After, robots.txt, size cap)
- ``pages``: what a response is (a bulletin, an index of bulletin links, neither), file names
- ``manifest``: ``manifest.jsonl``, atomic file writes, and what a folder's pulled files are
- ``puller``: pull URLs into a folder, one manifest row per URL
- ``cdx``: the Wayback CDX server API (listing, paging, choosing captures); why not cdx-toolkit
- ``archive``: pull an archive's captures through the puller; rules/sources.yml
- ``cli``: the click command
"""

from pipeline.pull.cli import pull, run_archive, run_pull

__all__ = ["pull", "run_archive", "run_pull"]
