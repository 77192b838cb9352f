"""``pipeline pull --archive``: bulletins where they live now, in a web archive, pulled like live pages.

INAI's site went with the institute; its press room survives in web archives.
For each URL prefix (given, or the press-room addresses ``rules/sources.yml``
lists under a name such as ``inai``) the archive's CDX index is listed (see
``cdx``), and for each distinct address that looks like a bulletin the newest
good capture is downloaded raw and checked the way a live bulletin is. The
manifest row of a pulled file keys it by its original address and says which
capture was read (``archive_url``, ``captured_at``, ``digest``); ``pipeline run``
carries those into ``sources``.

Politeness and resumability are the live pull's: the same ``Fetcher`` (per-host
delay, robots.txt of the archive's host, retries honouring Retry-After) and the
same manifest. A capture never changes, so an address whose file is already
here from a capture at least as new as the index's newest is not asked for
again; bytes already saved under another address (the same digest) are
recorded as a duplicate without a download.
"""

from __future__ import annotations

import re

from pipeline import rules
from pipeline.pull.cdx import ArchiveError, Capture, Prefix, Query, iso_timestamp, list_captures, select
from pipeline.pull.fetcher import FetchError, RobotsDenied
from pipeline.pull.pages import status_message
from pipeline.pull.puller import Puller, Summary, UnusableInput

MAX_TRIES = 3  # captures of one address tried, newest first, when the newest cannot be served or read
REPLAY_TIMESTAMP = re.compile(r"/web/(\d{14})id_/")


def prefixes_for(archive: str) -> list[Prefix]:
    """A name in rules/sources.yml (``inai``) → its prefixes; anything that looks like an address → itself."""
    named = rules.load("sources").get("archives") or {}
    if archive in named:
        return [Prefix(entry["prefix"], entry.get("match")) for entry in named[archive]]
    if "/" in archive or "." in archive:
        return [Prefix(archive.strip())]
    raise UnusableInput(
        f"--archive {archive!r} is neither a name in rules/sources.yml ({', '.join(sorted(named)) or 'none'}) "
        "nor a URL prefix; give one of the two (e.g. --archive inai)."
    )


class ArchivePuller:
    """Pull the newest good capture of every bulletin address under some prefixes into the puller's folder."""

    def __init__(self, puller: Puller, query: Query):
        self.puller, self.query = puller, query
        self.by_urlkey: dict[str, dict] = {}  # the manifest's row for an address, a usable one first
        self.saved: dict[str, dict] = {}  # digest → row of a file saved with those bytes
        for row in puller.manifest.rows.values():
            self._remember(row)
        self.done: set[str] = set()

    def pull(self, prefixes: list[Prefix]) -> Summary:
        summary = self.puller.summary
        for prefix in prefixes:
            try:
                listing = select(prefix.prefix, list_captures(self.puller.fetcher, self.query, prefix), prefix.match)
            except ArchiveError as error:
                summary.failures.append(str(error))
                self.puller.echo(f"error  {error}")
                continue
            summary.listings.append(listing.line())
            self.puller.echo(listing.line())
            for urlkey in sorted(set(listing.addresses) - self.done):
                self.done.add(urlkey)
                self.pull_address(urlkey, listing.addresses[urlkey])
        return summary

    def pull_address(self, urlkey: str, captures: list[Capture]) -> str:
        """Download the newest capture not yet here (falling back to older ones), or record why not.

        Captures already here, or that failed for good before (the archive answered 4xx, or the bytes are no
        bulletin: a capture never changes), are not asked for again."""
        row = self.by_urlkey.get(urlkey) or {}
        previous, unserved = self.puller.usable(row), set(row.get("unserved") or ())
        since = previous.get("captured_at") or "" if previous else ""
        newer = [c for c in captures if c.captured_at > since and c.timestamp not in unserved]
        if not newer:
            self.puller.summary.add("cached" if previous else "known")
            self.puller.echo(f"{'cached' if previous else 'known '} {row.get('file') or '-'}  {row.get('url')}")
            return "cached" if previous else "known"
        same = self.saved.get(newer[0].digest)
        if same and same.get("urlkey") != urlkey:
            return self._duplicate(urlkey, newer[0], same)
        return self._download(urlkey, newer[:MAX_TRIES], previous, unserved)

    def _download(self, urlkey: str, captures: list[Capture], previous: dict | None, unserved: set[str]) -> str:
        error: Exception | None = None
        for tried, capture in enumerate(captures, 1):
            replay = capture.replay_url(self.query.cdx)
            try:
                response = self.puller.fetcher.get(replay)
                kind, document = self.puller.check(capture.original, response)
            except RobotsDenied as denied:
                error = denied
                break
            except FetchError as failed:
                error = _unserved(replay, failed, tried, len(captures))
                if _for_good(failed):
                    unserved.add(capture.timestamp)
                continue
            served = REPLAY_TIMESTAMP.search(response.url)  # the archive may redirect to a neighbouring capture
            status = self.puller.save(
                capture.original,
                response,
                kind,
                document,
                previous,
                archive_url=response.url,
                captured_at=iso_timestamp(served[1]) if served else capture.captured_at,
                digest=capture.digest,
                urlkey=urlkey,
                **({"unserved": sorted(unserved)} if unserved else {}),
            )
            self._settle(urlkey, capture.original, previous)
            return status
        assert error is not None  # ``captures`` is never empty, and every capture tried failed
        return self._unsaved(urlkey, captures[0].original, error, previous, sorted(unserved))

    def _unsaved(self, urlkey: str, url: str, error: Exception, previous: dict | None, unserved: list[str]) -> str:
        """No newer capture gave a bulletin: an earlier file stays as it was (its row notes the captures that
        failed for good), else the address gets an error row."""
        if previous:
            self.puller.manifest.record({**previous, "unserved": unserved})
            self.puller.summary.add("cached")
            self.puller.echo(f"kept   {previous['file']}  {previous['url']}\n       {error}")
            self._remember(self.puller.manifest.get(previous["url"]))
            return "cached"
        status = self.puller.fail(url, error, None, urlkey=urlkey, unserved=unserved)
        self._remember(self.puller.manifest.get(url))
        return status

    def _duplicate(self, urlkey: str, capture: Capture, same: dict) -> str:
        status = self.puller.record(
            capture.original,
            "duplicate",
            None,
            file=same["file"],
            sha256=same["sha256"],
            content_type=same.get("content_type"),
            duplicate_of=same["url"],
            archive_url=capture.replay_url(self.query.cdx),
            captured_at=capture.captured_at,
            digest=capture.digest,
            urlkey=urlkey,
        )
        self._remember(self.puller.manifest.get(capture.original))
        return status

    def _settle(self, urlkey: str, url: str, previous: dict | None) -> None:
        """After a save: remember the row, and drop the row of the same address spelt otherwise (http → https)."""
        if previous and previous["url"] != url:
            self.puller.manifest.forget(previous["url"])
        self._remember(self.puller.manifest.get(url))

    def _remember(self, row: dict | None) -> None:
        if not row or not row.get("urlkey"):
            return
        if self.puller.usable(row) or row["urlkey"] not in self.by_urlkey:
            self.by_urlkey[row["urlkey"]] = row
        if row.get("digest") and self.puller.usable(row):
            self.saved.setdefault(row["digest"], row)


def _for_good(error: FetchError) -> bool:
    """A failure the same capture would give again: the archive refused it (4xx but 408 and 429), or its bytes
    are not a bulletin (a type and a reading were given). Others (5xx, timeouts, size) are tried on later runs."""
    status = error.http_status or 0
    return (400 <= status < 500 and status not in (408, 429)) or (status == 200 and error.content_type is not None)


def _unserved(replay: str, error: FetchError, tried: int, of: int) -> FetchError:
    """The fetch error, said of an archived capture: the index lists it, the archive did not give a bulletin."""
    if tried < of:
        more = "; an older capture is tried next"
    else:
        more = f" ({tried} captures of this address tried)" if tried > 1 else ""
    if error.http_status and error.http_status != 200:
        reason = status_message(error.http_status).split(":")[0].replace("The server", "The archive")
        after = "it is not asked for again" if _for_good(error) else "try again later"
        message = f"{reason} for its capture {replay}, which its index lists{more}; {after}."
    else:
        message = f"The capture {replay} is not a bulletin{more}: {str(error)[0].lower()}{str(error)[1:]}"
    return FetchError(message, error.http_status, error.content_type)
