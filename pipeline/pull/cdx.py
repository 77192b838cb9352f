"""The Wayback CDX server API, read directly: which captures a web archive holds under a URL prefix.

The API is documented in internetarchive/wayback, ``wayback-cdx-server/README.md``:
``output=json`` answers a JSON array whose first row names the fields
(``urlkey, timestamp, original, mimetype, statuscode, digest, length``);
``matchType=prefix`` lists everything under a URL; ``from=``/``to=`` bound the
timestamps (1 to 14 digits, inclusive); ``collapse=digest`` drops a capture whose
bytes equal the capture just before it; ``filter=field:regex`` keeps matching
rows; ``limit=`` with ``showResumeKey=true`` ends a page with an empty row and a
one-element row holding the key that ``resumeKey=`` continues from. Each page is
one GET through the pull's ``Fetcher``, so listing is as polite as downloading
(per-host delay, robots.txt, retries on 429 and 5xx honouring Retry-After).

Why not cdx-toolkit (PyPI, 0.9.39, checked with ``pip download``): it fits the
API but not this fetcher. Its requests go through its own ``myrequests_get``
(the ``requests`` library, plus ``warcio`` for content): a module-wide pacing
table with fixed intervals (6 s for web.archive.org, set by environment
variables), its own retry loop that sleeps a doubling interval and ignores
Retry-After, no robots.txt, a ``RuntimeError`` on a 404 capture, and
``time.sleep`` that tests cannot replace. Using it would mean a second,
different politeness policy beside the one ``pipeline pull`` documents and
tests, two new dependencies, and no manifest rows for what it fetched. The
API itself is a query string and a JSON array: about 100 lines here.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode, urlsplit

from pipeline.pull.fetcher import Fetcher, FetchError, RobotsDenied
from pipeline.pull.pages import HTML_TYPES, PDF_TYPES, UNTYPED, looks_like_bulletin_link, status_message
from pipeline.pull.puller import UnusableInput

IA_CDX = "https://web.archive.org/cdx/search/cdx"
FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest")
PAGE_ROWS = 1000  # rows asked for per page; a server may cap it lower and page anyway
REVISIT = "warc/revisit"
# What a capture of a bulletin can be typed as (the CDX server writes "unk" when the archive did not know).
BULLETIN_TYPES = HTML_TYPES | PDF_TYPES | UNTYPED | {"text/plain", "unk"}
# Characters of an archived address kept as they are in the replay URL (``%`` so escapes stay escapes).
URL_SAFE = "/:?#[]@!$&'()*+,;=%~"
LEFT_OUT = {  # why a listed capture is not downloaded: one, several
    "not_bulletin": (
        "capture that is no bulletin by address or type",
        "captures that are no bulletins by address or type",
    ),
    "not_ok": ("capture whose status was not 200", "captures whose status was not 200"),
    "repeat": ("repeat of a kept capture's bytes", "repeats of kept captures' bytes"),
    "revisit": ("revisit record", "revisit records"),
}


class ArchiveError(UnusableInput):
    """The archive's index could not be read; the message says what to do."""

    exit_code = 1


@dataclass(frozen=True)
class Capture:
    """One row of the CDX index: an address as the archive saw it at one moment."""

    urlkey: str
    timestamp: str
    original: str
    mimetype: str
    statuscode: str
    digest: str

    @property
    def captured_at(self) -> str:
        return iso_timestamp(self.timestamp)

    def replay_url(self, cdx: str) -> str:
        """The raw capture on the CDX server's host: ``id_`` asks for the bytes as archived, no banner, no
        rewritten links, which is what the Internet Archive serves at ``/web/<timestamp>id_/<original>``."""
        parts = urlsplit(cdx)
        return f"{parts.scheme}://{parts.netloc}/web/{self.timestamp}id_/{quote(self.original, safe=URL_SAFE)}"


def iso_timestamp(timestamp: str) -> str:
    """'20180102182205' → '2018-01-02T18:22:05Z' (archive timestamps are UTC); a shorter one as far as it goes."""
    t = timestamp.ljust(14, "0")
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


@dataclass
class Prefix:
    """A URL prefix to list, and optionally a pattern (regex, any case) an address under it must contain."""

    prefix: str
    match: str | None = None


@dataclass
class Query:
    cdx: str = IA_CDX
    since: int | None = None  # first year, inclusive
    until: int | None = None  # last year, inclusive
    page_rows: int = PAGE_ROWS


@dataclass
class Listing:
    """What the index holds under one prefix: each bulletin address's good captures, and what was left out."""

    prefix: str
    addresses: dict[str, list[Capture]] = field(default_factory=dict)  # urlkey → captures, newest first
    listed: int = 0
    left_out: Counter = field(default_factory=Counter)

    def line(self) -> str:
        skipped = ", ".join(f"{n} {LEFT_OUT[k][n > 1]}" for k, n in sorted(self.left_out.items()) if n) or "nothing"
        return (
            f"{self.prefix}: {self.listed} captures listed, {len(self.addresses)} bulletin addresses kept; "
            f"left out: {skipped}"
        )


def cdx_url(query: Query, prefix: Prefix, resume_key: str | None = None) -> str:
    params = [
        ("url", prefix.prefix),
        ("matchType", "prefix"),
        ("output", "json"),
        ("fl", ",".join(FIELDS)),
        ("collapse", "digest"),
        ("filter", "statuscode:200"),
        ("gzip", "false"),
        ("limit", str(query.page_rows)),
        ("showResumeKey", "true"),
    ]
    if prefix.match:
        params.append(("filter", f"original:(?i).*{prefix.match}.*"))  # Java regex: (?i) ignores case
    if query.since:
        params.append(("from", str(query.since)))
    if query.until:
        params.append(("to", str(query.until)))
    if resume_key:
        params.append(("resumeKey", resume_key))
    return f"{query.cdx}?{urlencode(params)}"


def list_captures(fetcher: Fetcher, query: Query, prefix: Prefix) -> Iterator[Capture]:
    """Every capture the index lists under ``prefix``, page after page; ArchiveError when it cannot be read."""
    resume_key, seen = None, set()
    while True:
        url = cdx_url(query, prefix, resume_key)
        try:
            response = fetcher.get(url)
        except (FetchError, RobotsDenied) as error:
            raise ArchiveError(f"Could not list the captures under {prefix.prefix} at {query.cdx}: {error}") from None
        if response.status == 404 and response.body.lstrip().startswith(b"{"):
            return  # pywb's way of saying "no captures"
        if response.status != 200:
            raise ArchiveError(
                f"The CDX server {query.cdx} answered {response.status} for {prefix.prefix}: "
                f"{status_message(response.status)} Check --cdx, or try again later."
            )
        captures, resume_key = parse_page(response.body, query.cdx)
        yield from captures
        if not resume_key:
            return
        if resume_key in seen:
            raise ArchiveError(f"The CDX server {query.cdx} repeated the resume key {resume_key!r}; report it.")
        seen.add(resume_key)


def parse_page(body: bytes, where: str) -> tuple[list[Capture], str | None]:
    """The captures of one ``output=json`` page, and the resume key when more pages follow."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return [], None
    try:
        rows = json.loads(text)
    except ValueError:
        raise ArchiveError(
            f"{where} did not answer with the CDX API's JSON (it began {text[:60]!r}); check --cdx."
        ) from None
    if not isinstance(rows, list) or not rows:
        return [], None
    header, rest = rows[0], rows[1:]
    missing = [name for name in FIELDS if not isinstance(header, list) or name not in header]
    if missing:
        raise ArchiveError(f"{where} answered a header row without {', '.join(missing)}; check --cdx.")
    at = {name: header.index(name) for name in FIELDS}
    captures: list[Capture] = []
    for number, row in enumerate(rest):
        if row == []:  # the resume key follows
            after = rest[number + 1] if number + 1 < len(rest) else None
            return captures, str(after[0]) if after else None
        if isinstance(row, list) and len(row) == len(header):
            captures.append(Capture(**{name: str(row[at[name]]) for name in FIELDS}))
    return captures, None


def select(prefix: str, captures: Iterator[Capture], match: str | None = None) -> Listing:
    """Each bulletin address's good captures (status 200, distinct bytes), newest first, and why others went.

    An address is the index's ``urlkey``: http and https, ``www.`` or not, are one address."""
    listing = Listing(prefix)
    for capture in captures:
        listing.listed += 1
        reason = _left_out(capture, match)
        if reason:
            listing.left_out[reason] += 1
        else:
            listing.addresses.setdefault(capture.urlkey, []).append(capture)
    for urlkey, found in listing.addresses.items():
        distinct: dict[str, Capture] = {}
        for capture in sorted(found, key=lambda c: c.timestamp, reverse=True):
            distinct.setdefault(capture.digest, capture)
        listing.left_out["repeat"] += len(found) - len(distinct)
        listing.addresses[urlkey] = list(distinct.values())
    return listing


def _left_out(capture: Capture, match: str | None) -> str | None:
    if capture.mimetype == REVISIT or capture.statuscode == "-":
        return "revisit"  # "same bytes as an earlier capture": that capture, when listed, is the one to read
    if capture.statuscode != "200":
        return "not_ok"
    if capture.mimetype.lower() not in BULLETIN_TYPES or not looks_like_bulletin_link(capture.original, ""):
        return "not_bulletin"
    if match and not re.search(match, capture.original, re.IGNORECASE):
        return "not_bulletin"
    return None
