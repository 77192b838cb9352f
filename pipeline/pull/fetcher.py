"""HTTP for the pull: one GET at a time, polite, bounded, and honest about what went wrong.

HTTP goes through the standard library's ``urllib.request``: the pull is one
request at a time by design (politeness), so a pooled or async client buys
nothing, and the project then needs no new dependency. Redirects are followed
here rather than by urllib so that each hop is checked against robots.txt and
the per-host delay, and a loop is reported as a loop.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
import urllib.robotparser
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from pipeline.ingest import DEFAULT_MAX_BYTES

MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay above this is capped, or a pull would never end
MAX_RETRY_AFTER = 60.0
CHUNK = 64 * 1024


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
                body = _decoded(_read_limited(handle, limit), handle.headers, limit)
                return Response(handle.geturl() or url, handle.status, handle.headers, body)
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
        assert response is not None  # the loop runs at least once, and a failed request raised
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
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _too_big(limit)
        chunks.append(chunk)


def _decoded(body: bytes, headers: Message, limit: int) -> bytes:
    """The body without its gzip or deflate Content-Encoding (the Wayback CDX server gzips unless told not to)."""
    coding = (headers.get("Content-Encoding") or "").strip().lower()
    if coding not in ("gzip", "x-gzip", "deflate") or not body:
        return body
    decompressor = zlib.decompressobj(zlib.MAX_WBITS | 32 if "gzip" in coding else zlib.MAX_WBITS)
    try:
        data = decompressor.decompress(body, limit + 1)
    except zlib.error:
        raise FetchError(
            f"The response says it is {coding}-compressed but does not decompress; try again later.", 200
        ) from None
    if len(data) > limit:
        raise _too_big(limit)
    return data


def _too_big(limit: int) -> FetchError:
    return FetchError(
        f"The response is larger than the {limit:,} byte limit; raise --max-bytes if the bulletin really is that large.",
        200,
    )


def _retryable(status: int) -> bool:
    return status == 429 or 500 <= status < 600


def _retry_after(response: Response) -> float | None:
    """Seconds the server asks to wait (Retry-After as seconds or as an HTTP date), capped at MAX_RETRY_AFTER."""
    value = (response.headers.get("Retry-After") or "").strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            return None
    return max(0.0, min(seconds, MAX_RETRY_AFTER))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
