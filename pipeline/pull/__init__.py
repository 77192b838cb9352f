"""Pull bulletins from the web into a corpus folder: polite, cached and resumable.

``python -m pipeline pull URL_OR_FILE --to corpus/`` takes a text file of URLs,
the URL of an index page (its links that look like bulletins are followed) or
the URL of one bulletin, and writes each bulletin beside a ``manifest.jsonl``
that says, per URL, what happened.

The package, one concern a module:

- ``fetcher``: HTTP, one GET at a time (per-host delay, retries, robots.txt, size cap)
- ``pages``: what a response is (a bulletin, an index of bulletin links, neither), file names
- ``manifest``: ``manifest.jsonl`` and atomic file writes
- ``puller``: pull URLs into a folder, one manifest row per URL
- ``cli``: the click command
"""

from pipeline.pull.cli import pull, run_pull

__all__ = ["pull", "run_pull"]
