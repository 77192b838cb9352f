"""Pull bulletins from the web into a corpus folder: polite, cached and resumable.

``python -m pipeline pull URL_OR_FILE --to corpus/`` takes a text file of URLs,
the URL of an index page (its links that look like bulletins are followed) or
the URL of one bulletin, and writes each bulletin beside a ``manifest.jsonl``
that says, per URL, what happened.

HTTP goes through the standard library's ``urllib.request``: the pull is one
request at a time by design (politeness), so a pooled or async client buys
nothing, and the project then needs no new dependency. Redirects are followed
here rather than by urllib so that each hop is checked against robots.txt and
the per-host delay, and a loop is reported as a loop.

Resumability rests on two rules: a file is written under a temporary name and
renamed into place only when complete, and the manifest gets one appended line
as soon as a URL is done (the last line for a URL wins when it is read back).
A run killed at any point leaves complete files and a manifest that says which
URLs are done; the next run skips those (a 304, or no request at all when the
server gave no validators) and goes on with the rest.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import socket
import sys
import tempfile
import time
import unicodedata
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import click

from pipeline.ingest import DEFAULT_MAX_BYTES, ingest_bytes
from pipeline.model import Document, InputError

MANIFEST = "manifest.jsonl"
MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is capped, or a pull would never end
MAX_RETRY_AFTER = 60.0
CHUNK = 64 * 1024
# Bulletin-link text that makes up at least this share of a page's text makes it an index.
INDEX_LINK_SHARE = 0.3
HTML_TYPES = {"text/html", "application/xhtml+xml"}
PDF_TYPES = {"application/pdf", "application/x-pdf"}
UNTYPED = {"", "application/octet-stream", "binary/octet-stream", "application/download", "application/force-download"}
EXTENSIONS = {"html": ".html", "pdf": ".pdf", "txt": ".txt"}
# "INAI/002/18", "INAI-002-18", "Comunicado INAI_002_2018" in a URL or link text.
BULLETIN_NUMBER = re.compile(
    r"\binai\s*[/\-_ ]\s*(?:dgcs\s*[/\-_ ]\s*)?(\d{1,4})\s*[/\-_ ]\s*(\d{4}|\d{2})(?!\d)", re.IGNORECASE
)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("inai-bulletins")
    except PackageNotFoundError:
        return "0"


DEFAULT_USER_AGENT = (
    f"inai-bulletins/{_version()} (batch pipeline that reads INAI press bulletins; "
    "one request at a time, honours robots.txt)"
)


# -- settings and results -----------------------------------------------------


@dataclass
class Settings:
    to: Path
    delay: float = 1.0
    retries: int = 3
    timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_BYTES
    user_agent: str = DEFAULT_USER_AGENT
    backoff: float = 1.0


@dataclass
class Response:
    url: str  # after redirects
    status: int
    headers: Message
    body: bytes = b""

    @property
    def media_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


class FetchError(Exception):
    """A URL that gave no usable response; the message says what to do about it."""

    def __init__(self, message: str, http_status: int | None = None, content_type: str | None = None):
        super().__init__(message)
        self.http_status = http_status
        self.content_type = content_type


class RobotsDenied(Exception):
    """robots.txt forbids the URL (or could not be read, which counts as forbidding it)."""


class UnusableInput(Exception):
    """The command's own argument cannot be used; the message says why."""

    exit_code = 2


class StartFailed(UnusableInput):
    """The one URL given could not be fetched (recorded in the manifest too)."""

    exit_code = 1


@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def line(self) -> str:
        c = self.counts
        total = sum(c.values())
        return (
            f"{total} URLs: {c.get('ok', 0)} fetched, {c.get('not_modified', 0)} not modified, "
            f"{c.get('cached', 0)} already fetched, {c.get('error', 0)} errors, "
            f"{c.get('skipped_robots', 0)} skipped by robots.txt"
        )


# -- HTTP ------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx responses back as they are; ``Fetcher.get`` follows them itself."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Fetcher:
    """GET one URL at a time: per-host delay, retries with backoff, timeouts, a size cap, robots.txt."""

    def __init__(self, settings: Settings, sleep=time.sleep, clock=time.monotonic):
        self.settings = settings
        self.sleep = sleep
        self.clock = clock
        self.opener = urllib.request.build_opener(_NoRedirects())
        self.last_request: dict[str, float] = {}
        self.robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The response at the end of the redirect chain; 4xx, 5xx and 304 are returned, not raised."""
        chain = [url]
        while True:
            self.check_robots(url)
            response = self.request(url, headers or {})
            location = response.headers.get("Location")
            if response.status not in (301, 302, 303, 307, 308) or not location:
                return response
            url = urldefrag(urljoin(url, location.strip()))[0]
            if url in chain:
                raise FetchError(
                    f"The redirects loop ({' → '.join(chain + [url])}); the link is broken on the site — remove it or report it.",
                    response.status,
                )
            chain.append(url)
            if len(chain) > MAX_REDIRECTS + 1:
                raise FetchError(
                    f"More than {MAX_REDIRECTS} redirects from {chain[0]}; the link is probably broken — remove it or report it.",
                    response.status,
                )
            if urlsplit(url).scheme not in ("http", "https"):
                raise FetchError(
                    f"A redirect leads to {url}, which is not an http(s) address; remove the link.", response.status
                )

    def request(self, url: str, headers: dict[str, str], limit: int | None = None) -> Response:
        """One GET (no redirects), retried with exponential backoff on 5xx, 429 and network failures."""
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            wait = self.settings.backoff * 2**attempt
            try:
                response = self._once(url, headers, limit or self.settings.max_bytes)
            except (OSError, http.client.HTTPException) as error:
                if last:
                    raise _network_error(error, attempts, self.settings.timeout) from None
            else:
                if not _retryable(response.status) or last:
                    return response
                wait = max(wait, _retry_after(response) or 0)
            self.sleep(wait)
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str], limit: int) -> Response:
        self._wait_turn(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.settings.user_agent, **headers})
        try:
            try:
                handle = self.opener.open(request, timeout=self.settings.timeout)
            except urllib.error.HTTPError as error:
                error.close()
                return Response(url, error.code, error.headers)
            with handle:
                return Response(handle.geturl() or url, handle.status, handle.headers, _read_limited(handle, limit))
        finally:
            self.last_request[urlsplit(url).netloc] = self.clock()

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host's delay (or its robots.txt Crawl-delay) has passed since the last request."""
        host = urlsplit(url).netloc
        last = self.last_request.get(host)
        if last is not None:
            remaining = last + self._delay_for(url) - self.clock()
            if remaining > 0:
                self.sleep(remaining)

    def _delay_for(self, url: str) -> float:
        robots = self.robots.get(_origin(url))
        crawl_delay = (
            robots.crawl_delay(self.settings.user_agent)
            if isinstance(robots, urllib.robotparser.RobotFileParser)
            else None
        )
        return max(self.settings.delay, min(float(crawl_delay or 0), MAX_CRAWL_DELAY))

    def check_robots(self, url: str) -> None:
        """Raise RobotsDenied unless the site's robots.txt lets this user agent fetch ``url`` (RFC 9309)."""
        origin = _origin(url)
        if origin not in self.robots:
            self.robots[origin] = self._load_robots(origin)
        robots = self.robots[origin]
        if isinstance(robots, str):
            raise RobotsDenied(robots)
        if not robots.can_fetch(self.settings.user_agent, url):
            raise RobotsDenied(
                f"{origin}/robots.txt does not allow this URL for {self.settings.user_agent.split('/')[0]}; it was not fetched."
            )

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str:
        """The parsed robots.txt; a 4xx means no rules, an unreachable file means 'fetch nothing' (a message)."""
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        url, response = origin + "/robots.txt", None
        try:
            for _ in range(MAX_REDIRECTS + 1):
                response = self.request(url, {}, limit=512 * 1024)
                location = response.headers.get("Location")
                if response.status not in (301, 302, 303, 307, 308) or not location:
                    break
                url = urljoin(url, location)
        except FetchError as error:
            return _robots_unreadable(origin, str(error).split(";")[0])
        if response.status >= 500 or response.status == 429 or 300 <= response.status < 400:
            return _robots_unreadable(origin, f"HTTP {response.status}")
        parser.parse(response.body.decode("utf-8", errors="replace").splitlines() if response.status == 200 else [])
        return parser


def _robots_unreadable(origin: str, reason: str) -> str:
    return f"{origin}/robots.txt could not be read ({reason}), so nothing is fetched from this site; try again later."


def _network_error(error: Exception, attempts: int, timeout: float) -> FetchError:
    reason = getattr(error, "reason", None) or error
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return FetchError(f"No answer within {timeout:g} s after {attempts} tries; try again later or raise --timeout.")
    return FetchError(
        f"Could not reach the server ({reason}) after {attempts} tries; check the address and the network."
    )


def _read_limited(handle, limit: int) -> bytes:
    """The body, or FetchError as soon as it is known to exceed ``limit`` bytes."""
    declared = handle.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise _too_big(limit)
    chunks, size = [], 0
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _too_big(limit)
        chunks.append(chunk)


def _too_big(limit: int) -> FetchError:
    return FetchError(
        f"The response is larger than the {limit:,} byte limit; raise --max-bytes if the bulletin really is that large.",
        200,
    )


def _retryable(status: int) -> bool:
    return status == 429 or 500 <= status < 600


def _retry_after(response: Response) -> float | None:
    value = (response.headers.get("Retry-After") or "").strip()
    return min(float(value), MAX_RETRY_AFTER) if value.isdigit() else None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# -- manifest and files ------------------------------------------------------------


class Manifest:
    """``manifest.jsonl``: one JSON object per URL; appended after each URL, the last line for a URL wins."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / MANIFEST
        self.rows: dict[str, dict] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
                row = _json_or_none(line)
                if isinstance(row, dict) and isinstance(row.get("url"), str):
                    self.rows[row["url"]] = row

    def get(self, url: str) -> dict | None:
        return self.rows.get(url)

    def record(self, row: dict) -> None:
        """Append one row and make it durable before the next URL starts."""
        self.rows[row["url"]] = row
        with open(self.path, "a+b") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell():
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":  # a line cut short by a kill: end it, it is ignored on reading
                    handle.write(b"\n")
            handle.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())

    def forget(self, url: str) -> None:
        self.rows.pop(url, None)

    def owner_of(self, file: str) -> str | None:
        return next((url for url, row in self.rows.items() if row.get("file") == file), None)

    def compact(self) -> None:
        """Rewrite with one line per URL (atomically), dropping superseded and cut-short lines."""
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in self.rows.values())
        write_atomic(self.path, lines.encode("utf-8"))


def _json_or_none(line: str):
    try:
        return json.loads(line)
    except ValueError:
        return None


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a hidden temporary file in the same folder, then rename: readers never see half a file."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a run killed mid-write are incomplete by definition."""
    for temp in folder.glob(".*.part"):
        temp.unlink(missing_ok=True)


def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def bulletin_stem(number: str | None) -> str | None:
    """'INAI/002/18' → 'inai-002-18', the corpus's file naming."""
    if not number:
        return None
    match = BULLETIN_NUMBER.search(number)
    return f"inai-{int(match[1]):03d}-{match[2][-2:]}" if match else None


def url_slug(url: str, length: int = 80) -> str:
    """A file-system-safe name made from the URL's host, path and query."""
    parts = urlsplit(url)
    path, extension = os.path.splitext(unquote(parts.path))
    if len(extension) > 6:
        path += extension
    text = unicodedata.normalize("NFKD", f"{parts.netloc} {path} {parts.query}")
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > length:
        slug = slug[:length].rstrip("-") + "-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return slug or hashlib.sha1(url.encode("utf-8")).hexdigest()[:12]


# -- what a response is ----------------------------------------------------------------


def kind_of(response: Response) -> str | None:
    """html, pdf or txt from the Content-Type, checked against the body; None for anything else."""
    media, head = response.media_type, response.body[:1024].lstrip().lower()
    is_pdf, is_html = (
        head.startswith(b"%pdf"),
        head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")),
    )
    if media in PDF_TYPES or (media in UNTYPED and is_pdf):
        return "pdf" if is_pdf else None
    if media in HTML_TYPES or (media in UNTYPED and is_html):
        return "html"
    if media == "text/plain":
        return "txt"
    return None


def bulletin_number_in(text: str) -> str | None:
    match = BULLETIN_NUMBER.search(unquote(text))
    return f"INAI/{int(match[1]):03d}/{match[2][-2:]}" if match else None


def looks_like_bulletin_link(url: str, text: str) -> bool:
    """A link an index points at a bulletin with: says comunicado/boletín, carries a number, or is a PDF."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    where = _fold(f"{unquote(parts.path)} {unquote(parts.query)} {text}")
    return (
        unquote(parts.path).lower().endswith(".pdf")
        or "comunicado" in where
        or "boletin" in where
        or bulletin_number_in(where) is not None
    )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


def read_document(body: bytes, url: str, kind: str, max_bytes: int) -> Document | None:
    """The bulletin as the pipeline will read it, or None when the pipeline could not read it."""
    try:
        return ingest_bytes(body, url, kind, max_bytes)
    except InputError:
        return None


def is_bulletin(document: Document | None) -> bool:
    return document is not None and bool(document.bulletin or document.dateline_span)


def bulletin_links(response: Response) -> dict[str, str]:
    """Bulletin-looking links of an HTML page → their text; absolute, without fragments, in page order."""
    from pipeline.ingest.html import page_links

    here = urldefrag(response.url)[0]
    here_path = urlsplit(here)._replace(query="").geturl()
    links: dict[str, str] = {}
    for url, text in page_links(response.body, response.url):
        url = urldefrag(url)[0]
        if url == here or urlsplit(url)._replace(query="").geturl() == here_path:
            continue  # the index itself, or another page of it
        if looks_like_bulletin_link(url, text):
            links[url] = f"{links[url]} {text}" if url in links else text
    return links


def is_index(document: Document | None, links: dict[str, str]) -> bool:
    """An index lists bulletin links and is not itself a bulletin, or is mostly those links' text."""
    if not links:
        return False
    if not is_bulletin(document):
        return True
    return sum(len(text) for text in links.values()) >= INDEX_LINK_SHARE * len(document.text)


# -- the pull ---------------------------------------------------------------------


class Puller:
    """Pull URLs into one folder, one manifest row per URL."""

    def __init__(self, settings: Settings, echo=None, fetcher: Fetcher | None = None):
        self.settings = settings
        self.folder = settings.to
        self.manifest = Manifest(self.folder)
        self.fetcher = fetcher or Fetcher(settings)
        self.summary = Summary()
        self.echo = echo or (lambda message: None)

    # Entry points.

    def pull_list(self, urls: list[str]) -> Summary:
        for url in urls:
            self.pull_url(url)
        return self.summary

    def pull_start(self, url: str) -> Summary:
        """An index (follow its bulletin links) or one bulletin; UnusableInput when it is neither."""
        if self._cached(url):
            return self.summary
        try:
            response = self.fetcher.get(url, self._conditional_headers(url))
        except (FetchError, RobotsDenied) as error:
            self._fail(url, error)
            raise StartFailed(f"Could not fetch {url}: {error}") from None
        if response.status == 200 and kind_of(response) == "html":
            document = read_document(response.body, response.url, "html", self.settings.max_bytes)
            links = bulletin_links(response)
            if is_index(document, links):
                self.manifest.forget(url)
                self.echo(f"index  {url}: {len(links)} bulletin links")
                return self.pull_list(list(links))
            if not is_bulletin(document):
                raise UnusableInput(
                    f"{url} is neither a bulletin (no INAI number or dateline near the top) nor an index with links "
                    "to bulletins; give a bulletin's URL, an index page's URL or a file of URLs."
                )
        outcome = self._store(url, response)
        if outcome == "error":
            raise StartFailed(f"Could not fetch {url}: {self.manifest.get(url)['error']}")
        return self.summary

    def pull_url(self, url: str) -> str:
        """Fetch one bulletin URL and record the outcome (ok, not_modified, cached, error, skipped_robots)."""
        if self._cached(url):
            return "cached"
        try:
            response = self.fetcher.get(url, self._conditional_headers(url))
        except (FetchError, RobotsDenied) as error:
            return self._fail(url, error)
        return self._store(url, response)

    # Steps.

    def _usable_previous(self, url: str) -> dict | None:
        """The manifest row of an earlier successful fetch whose file is still there, unchanged."""
        row = self.manifest.get(url)
        if not row or row.get("status") not in ("ok", "not_modified") or not row.get("file"):
            return None
        if sha256_of(self.folder / row["file"]) != row.get("sha256"):
            return None
        return row

    def _cached(self, url: str) -> bool:
        """Already fetched and the server gave no validators to ask with: nothing to ask, skip."""
        row = self._usable_previous(url)
        if row and not row.get("etag") and not row.get("last_modified"):
            self.summary.add("cached")
            self.echo(f"cached {row['file']}  {url}")
            return True
        return False

    def _conditional_headers(self, url: str) -> dict[str, str]:
        row = self._usable_previous(url)
        headers = {}
        if row and row.get("etag"):
            headers["If-None-Match"] = row["etag"]
        if row and row.get("last_modified"):
            headers["If-Modified-Since"] = row["last_modified"]
        return headers

    def _store(self, url: str, response: Response) -> str:
        previous = self._usable_previous(url)
        if response.status == 304 and previous:
            return self._record(
                url,
                "not_modified",
                response,
                file=previous["file"],
                sha256=previous["sha256"],
                content_type=previous.get("content_type"),
                etag=response.headers.get("ETag") or previous.get("etag"),
                last_modified=response.headers.get("Last-Modified") or previous.get("last_modified"),
            )
        if response.status != 200:
            return self._fail(
                url, FetchError(_status_message(response.status), response.status, response.media_type or None)
            )
        kind = kind_of(response)
        if kind is None:
            return self._fail(url, _wrong_type(response))
        document = read_document(response.body, url, kind, self.settings.max_bytes)
        if kind == "html" and not is_bulletin(document):
            return self._fail(
                url,
                FetchError(
                    "The page does not read as a bulletin (no INAI number or dateline near the top); "
                    "check that the link points to a bulletin and not to an index or a search page.",
                    200,
                    response.media_type,
                ),
            )
        name = self._file_name(url, kind, document, previous, response.body)
        write_atomic(self.folder / name, response.body)
        return self._record(
            url,
            "ok",
            response,
            file=name,
            sha256=hashlib.sha256(response.body).hexdigest(),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )

    def _file_name(self, url: str, kind: str, document: Document | None, previous: dict | None, body: bytes) -> str:
        """inai-NNN-YY.ext from the bulletin's own number (page first, then URL), else a slug of the URL.

        A name already used by another URL, or by a file this tool did not
        write, gets the URL's hash appended: a pull never overwrites someone
        else's file. An unowned file with the very same bytes is taken over (a
        run killed between writing it and recording it in the manifest).
        """
        extension = EXTENSIONS[kind]
        if previous and previous["file"].endswith(extension):
            return previous["file"]
        stem = (
            bulletin_stem(document.bulletin if document else None)
            or bulletin_stem(bulletin_number_in(url))
            or url_slug(url)
        )
        name = stem + extension
        owner = self.manifest.owner_of(name)
        unowned = owner is None and (self.folder / name).exists()
        if (owner and owner != url) or (unowned and sha256_of(self.folder / name) != hashlib.sha256(body).hexdigest()):
            name = f"{stem}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}{extension}"
        return name

    def _fail(self, url: str, error: Exception) -> str:
        status = "skipped_robots" if isinstance(error, RobotsDenied) else "error"
        previous = self._usable_previous(url)  # an earlier good copy stays; the row says this fetch failed
        return self._record(
            url,
            status,
            None,
            error=str(error),
            http_status=getattr(error, "http_status", None),
            content_type=getattr(error, "content_type", None),
            file=previous["file"] if previous else None,
            sha256=previous["sha256"] if previous else None,
            etag=previous.get("etag") if previous else None,
            last_modified=previous.get("last_modified") if previous else None,
        )

    def _record(self, url: str, status: str, response: Response | None, **values) -> str:
        row = {
            "url": url,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "sha256": values.get("sha256"),
            "status": status,
            "http_status": response.status if response else values.get("http_status"),
            "content_type": values.get("content_type") or (response.media_type if response else None) or None,
            "file": values.get("file"),
            "error": values.get("error"),
            "etag": values.get("etag"),
            "last_modified": values.get("last_modified"),
        }
        self.manifest.record(row)
        self.summary.add(status)
        self.echo(f"{status:<6} {row['file'] or '-'}  {url}" + (f"\n       {row['error']}" if row["error"] else ""))
        return status


def _status_message(status: int) -> str:
    try:
        reason = http.client.responses[status]
    except KeyError:
        reason = "unexpected status"
    if status == 404 or status == 410:
        return (
            f"The server answered {status} {reason}: the bulletin is not at this address; check the URL or remove it."
        )
    if status in (401, 403):
        return f"The server answered {status} {reason}: it does not let this tool read the page; remove the URL or get the file another way."
    if status >= 500 or status == 429:
        return f"The server answered {status} {reason} on every try; try again later."
    return f"The server answered {status} {reason}, not a bulletin; check the URL."


def _wrong_type(response: Response) -> FetchError:
    media = response.media_type or "no content type"
    if response.media_type in PDF_TYPES:
        message = (
            f"The server said {media} but the body is not a PDF (probably an error page); check the link in a browser."
        )
    else:
        message = f"The server sent {media}, not a bulletin (HTML, PDF or plain text); check that the link points to a bulletin."
    return FetchError(message, response.status, response.media_type or None)


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
    try:
        settings.to.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UnusableInput(
            f"Cannot create the folder {settings.to} ({error.strerror}); check the path given with --to."
        ) from None
    remove_stale_temporaries(settings.to)
    puller = Puller(settings, echo=echo)
    try:
        return puller.pull_list(urls) if urls is not None else puller.pull_start(start)
    finally:
        puller.manifest.compact()


@click.command()
@click.argument("source", metavar="URL_OR_FILE")
@click.option(
    "--to",
    "to",
    default="corpus",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Folder for the bulletins and manifest.jsonl.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between requests to the same host.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=3,
    show_default=True,
    help="Extra tries after a 5xx, 429 or timeout.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds before the first retry; doubles each time.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.01),
    default=20.0,
    show_default=True,
    help="Seconds to wait for the server at each step.",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse responses larger than this.",
)
@click.option(
    "--user-agent",
    default=DEFAULT_USER_AGENT,
    show_default=False,
    help="User-Agent header (default names this project).",
)
@click.option("--quiet", "-q", is_flag=True, help="Only print the summary.")
def pull(source, to, delay, retries, backoff, timeout, max_bytes, user_agent, quiet):
    """Download bulletins from URL_OR_FILE (an index page, one bulletin, or a file of URLs) into --to.

    Writes manifest.jsonl beside the files; running it again only fetches what is new or changed.
    """
    settings = Settings(Path(to), delay, retries, timeout, max_bytes, user_agent, backoff)
    echo = (lambda message: None) if quiet else (lambda message: click.echo(message, err=True))
    try:
        summary = run_pull(source, settings, echo=echo, warn=lambda m: click.echo(f"warning: {m}", err=True))
    except UnusableInput as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted; run the same command again to resume where it stopped.", err=True)
        sys.exit(130)
    click.echo(summary.line(), err=True)
    click.echo(f"Manifest: {settings.to / MANIFEST}\nNext: python -m pipeline run {settings.to}", err=True)
