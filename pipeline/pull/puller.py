"""Pull URLs into one folder: one manifest row per URL, files named after their bulletin number.

A run killed at any point leaves complete files and a manifest that says which
URLs are done; the next run skips those (a 304, or no request at all when the
server gave no validators) and goes on with the rest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pipeline.model import Document
from pipeline.pull.fetcher import Fetcher, FetchError, Response, RobotsDenied, Settings
from pipeline.pull.manifest import Manifest, sha256_of, write_atomic
from pipeline.pull.pages import (
    EXTENSIONS,
    bulletin_links,
    bulletin_number_in,
    bulletin_stem,
    is_bulletin,
    is_index,
    kind_of,
    read_document,
    status_message,
    url_slug,
    wrong_type,
)


class UnusableInput(Exception):
    """The command's own argument cannot be used; the message says why."""

    exit_code = 2


class StartFailed(UnusableInput):
    """The one URL given could not be fetched (recorded in the manifest too)."""

    exit_code = 1


@dataclass
@dataclass
class Summary:
    counts: dict[str, int] = field(default_factory=dict)
    listings: list[str] = field(default_factory=list)  # what an archive's index held, one line per prefix
    failures: list[str] = field(default_factory=list)  # indexes that could not be read

    def add(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1

    def line(self) -> str:
        c = self.counts
        total = sum(c.values())
        duplicates = f", {c['duplicate']} the same bytes as another address" if c.get("duplicate") else ""
        if c.get("known"):
            duplicates += f", {c['known']} not asked again (their captures failed for good before)"
        return (
            f"{total} URLs: {c.get('ok', 0)} fetched, {c.get('not_modified', 0)} not modified, "
            f"{c.get('cached', 0)} already fetched, {c.get('error', 0)} errors, "
            f"{c.get('skipped_robots', 0)} skipped by robots.txt{duplicates}"
        )


# Where an archived file came from: the capture read, when it was captured, and the CDX digest of its bytes.
PROVENANCE = ("archive_url", "captured_at", "digest")
# Written only when given: the address a duplicate capture repeats, the archive's key for an address, and the
# timestamps of its captures that failed for good (not asked for again).
EXTRA_KEYS = ("duplicate_of", "urlkey", "unserved")

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
            self.fail(url, error)
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
            failed = self.manifest.get(url)
            assert failed is not None  # an "error" outcome is recorded in the manifest
            raise StartFailed(f"Could not fetch {url}: {failed['error']}")
        return self.summary

    def pull_url(self, url: str) -> str:
        """Fetch one bulletin URL and record the outcome (ok, not_modified, cached, error, skipped_robots)."""
        if self._cached(url):
            return "cached"
        try:
            response = self.fetcher.get(url, self._conditional_headers(url))
        except (FetchError, RobotsDenied) as error:
            return self.fail(url, error)
        return self._store(url, response)

    # Steps.

    def _usable_previous(self, url: str) -> dict | None:
        return self.usable(self.manifest.get(url))

    def usable(self, row: dict | None) -> dict | None:
        """``row`` when it records a successful fetch whose file is still there, unchanged; else None."""
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
            return self.record(
                url,
                "not_modified",
                response,
                file=previous["file"],
                sha256=previous["sha256"],
                content_type=previous.get("content_type"),
                etag=response.headers.get("ETag") or previous.get("etag"),
                last_modified=response.headers.get("Last-Modified") or previous.get("last_modified"),
            )
        try:
            kind, document = self.check(url, response)
        except FetchError as error:
            return self.fail(url, error)
        return self.save(url, response, kind, document, previous)

    def check(self, url: str, response: Response) -> tuple[str, Document | None]:
        """The bulletin's kind (html, pdf, txt) and the document the pipeline will read; FetchError saying why not."""
        if response.status != 200:
            raise FetchError(status_message(response.status), response.status, response.media_type or None)
        kind = kind_of(response)
        if kind is None:
            raise wrong_type(response)
        document = read_document(response.body, url, kind, self.settings.max_bytes)
        if kind == "html" and not is_bulletin(document):
            raise FetchError(
                "The page does not read as a bulletin (no INAI number or dateline near the top); "
                "check that the link points to a bulletin and not to an index or a search page.",
                200,
                response.media_type,
            )
        return kind, document

    def save(
        self, url: str, response: Response, kind: str, document: Document | None, previous: dict | None, **extra
    ) -> str:
        """Write the bulletin (replacing ``previous``'s file, if any) and record it; ``extra`` goes into its row."""
        name = self._file_name(url, kind, document, previous, response.body)
        write_atomic(self.folder / name, response.body)
        return self.record(
            url,
            "ok",
            response,
            file=name,
            sha256=hashlib.sha256(response.body).hexdigest(),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            **extra,
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

    def fail(self, url: str, error: Exception, previous: dict | None = None, **extra) -> str:
        """Record why ``url`` gave no bulletin; an earlier good copy (``previous``, found by URL when not given)
        stays, with its provenance, and the row says this fetch failed."""
        status = "skipped_robots" if isinstance(error, RobotsDenied) else "error"
        previous = previous or self._usable_previous(url)
        kept = {key: previous.get(key) for key in PROVENANCE} if previous else {}
        return self.record(
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
            **kept,
            **extra,
        )

    def record(self, url: str, status: str, response: Response | None, **values) -> str:
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
            **{key: values.get(key) for key in PROVENANCE},
            **{key: value for key, value in values.items() if key in EXTRA_KEYS},
        }
        self.manifest.record(row)
        self.summary.add(status)
        self.echo(f"{status:<6} {row['file'] or '-'}  {url}" + (f"\n       {row['error']}" if row["error"] else ""))
        return status
