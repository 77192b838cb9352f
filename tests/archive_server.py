"""A local web archive for the pull tests: a CDX index (the Wayback CDX server's JSON API) and its captures.

It speaks the parts of the API ``pipeline pull --archive`` uses, as documented in
internetarchive/wayback (wayback-cdx-server/README.md): ``url`` with
``matchType=prefix`` (on the SURT-style ``urlkey``), ``from``/``to``,
``collapse=digest`` (adjacent rows only), ``limit`` capped by the server's own
maximum, and ``showResumeKey``/``resumeKey`` paging, in ``output=json`` (a header
row, the rows, then ``[]`` and ``[key]`` when more follow; ``[]`` when nothing
matches). ``filter=`` is ignored, as some archives do, so the client's own
checks are what the tests see. Captures are served at ``/web/<timestamp>id_/<original>``.

The captures are test fixtures: bulletins written for testing (tests/fixtures), at
addresses on an invented host, ``sala-de-prensa.test``, plus one under the prefix
rules/sources.yml names for INAI so ``--archive inai`` can be tried. Run it by
itself to try a pull by hand::

    python tests/archive_server.py 8765
    python -m pipeline pull --archive sala-de-prensa.test/Comunicados/ \\
        --cdx http://127.0.0.1:8765/cdx/search/cdx --to /tmp/pulled --delay 0
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WEB, DEV = FIXTURES / "web", FIXTURES / "corpus-dev"
PRESS = "http://sala-de-prensa.test/Comunicados/"
INAI_PDFS = "https://home.inai.org.mx/wp-content/documentos/SalaDePrensa/Comunicados/"
MAX_ROWS = 3  # the server's own cap on rows per answer, so every listing pages
FIELDS = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]


@dataclass
class Record:
    original: str
    timestamp: str
    mimetype: str
    body: bytes = b""
    statuscode: str = "200"
    replay_status: int = 200  # what /web/ answers for it
    content_type: str | None = None  # the Content-Type of the replay (default: mimetype)
    digest: str | None = None

    def __post_init__(self):
        self.digest = self.digest or base64.b32encode(hashlib.sha1(self.body).digest()).decode()

    @property
    def urlkey(self) -> str:
        return urlkey(self.original)

    def row(self) -> list[str]:
        fields = (self.urlkey, self.timestamp, self.original, self.mimetype, self.statuscode, self.digest)
        return [*fields, str(len(self.body))]


def urlkey(url: str) -> str:
    """The SURT-style key: host reversed with commas, no scheme, no www., lower case ('test,sala-de-prensa)/…')."""
    parts = urlsplit(url if "://" in url else "http://" + url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    key = ",".join(reversed(host.split("."))) + ")" + (parts.path or "/").lower()
    return key + ("?" + parts.query.lower() if parts.query else "")


def _records() -> list[Record]:
    page_098 = (WEB / "inai-098-17.html").read_bytes()
    pdf_121 = (DEV / "inai-121-19.pdf").read_bytes()
    return [
        # A bulletin page captured twice; the newer capture is listed but answers 404 when asked for.
        Record(PRESS + "INAI-098-17.html", "20170420101500", "text/html", page_098),
        Record(PRESS + "INAI-098-17.html", "20180115080000", "text/html", b"gone", replay_status=404),
        # An old server's page (Windows-1252), captured over https with www.
        Record(
            "https://www.sala-de-prensa.test/Comunicados/boletin.aspx?id=262",
            "20171002120000",
            "text/html",
            (WEB / "inai-262-17.html").read_bytes(),
            content_type="text/html; charset=windows-1252",
        ),
        # A PDF captured twice with the same bytes (one digest), and the same bytes at another address.
        Record(PRESS + "Comunicado%20INAI-121-19.pdf", "20190510093000", "application/pdf", pdf_121),
        Record(PRESS + "Comunicado%20INAI-121-19.pdf", "20190612000000", "application/pdf", pdf_121),
        Record(PRESS + "respaldo/Comunicado%20INAI-121-19.pdf", "20190701000000", "application/pdf", pdf_121),
        # A bulletin as plain text, captured in 2015.
        Record(PRESS + "INAI-318-15.txt", "20150701000000", "text/plain", (DEV / "inai-318-15.txt").read_bytes()),
        # What is not a bulletin, or not a good capture of one.
        Record(PRESS + "INAI-327-16.html", "20161201000000", "warc/revisit", b"", statuscode="-", digest="REVISIT327"),
        Record(PRESS + "INAI-999-17.html", "20170901000000", "text/html", b"<h1>404</h1>", statuscode="404"),
        Record(PRESS + "estilos.css", "20170101000000", "text/css", b"body { color: #333 }"),
        Record(
            PRESS + "Forms/AllItems.aspx",
            "20170301000000",
            "text/html",
            b"<html><body><h1>Comunicados</h1><p>Todos los elementos de la biblioteca.</p></body></html>",
        ),
        Record(PRESS + "INAI-404-17.html", "20170505000000", "text/html", b"lost", replay_status=404),
        # Under the prefix rules/sources.yml gives for INAI's last site.
        Record(
            INAI_PDFS + "Comunicado%20INAI-301-17.pdf",
            "20200101000000",
            "application/pdf",
            (DEV / "inai-301-17.pdf").read_bytes(),
        ),
    ]


class Archive(BaseHTTPRequestHandler):
    """``self.server.hits`` logs (path, time) of every request; ``self.server.state`` holds per-test switches."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        with self.server.lock:
            self.server.hits.append((self.path, time.monotonic()))
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            return self.send(200, "text/plain", b"User-agent: *\nDisallow: /privado/\n")
        if path == "/cdx/search/cdx":
            return self.cdx(parse_qs(urlsplit(self.path).query))
        if path.startswith("/web/"):
            return self.replay(self.path[len("/web/") :])
        self.send(404, "text/html", b"<h1>Not Found</h1>")

    def send(self, status, content_type, body=b"", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def cdx(self, query: dict):
        with self.server.lock:
            busy = self.server.state.pop("busy", None)
        if busy:
            return self.send(429, "text/html", b"Too many requests", {"Retry-After": busy})
        rows = listing(self.server.records, query)
        self.send(200, "text/plain", json.dumps(rows).encode())

    def replay(self, rest: str):
        timestamp, _, original = rest.partition("id_/")
        for record in self.server.records:
            if record.timestamp == timestamp and unquote(record.original) == unquote(original):
                if record.replay_status != 200:
                    return self.send(record.replay_status, "text/html", b"<p>Wayback Machine: not archived</p>")
                return self.send(200, record.content_type or record.mimetype, record.body)
        self.send(404, "text/html", b"<p>Wayback Machine: not archived</p>")


def listing(records: list[Record], query: dict) -> list[list[str]]:
    """The rows the CDX API gives for ``query`` (parsed query string), paged with resume keys."""
    first = lambda name: (query.get(name) or [""])[0]  # noqa: E731
    prefix, since, until = urlkey(first("url")), first("from"), first("to")
    rows = sorted(
        (r.row() for r in records if r.urlkey.startswith(prefix)),
        key=lambda row: (row[0], row[1]),
    )
    rows = [
        r for r in rows if (not since or r[1][: len(since)] >= since) and (not until or r[1][: len(until)] <= until)
    ]
    if first("collapse") == "digest":
        rows = [r for i, r in enumerate(rows) if i == 0 or r[5] != rows[i - 1][5]]
    if first("resumeKey"):
        after = tuple(first("resumeKey").rstrip("!").split(" "))
        rows = [r for r in rows if (r[0], r[1]) > after]
    if not rows:
        return []
    limit = min(int(first("limit") or MAX_ROWS), MAX_ROWS)
    page, more = rows[:limit], rows[limit:]
    out = [FIELDS, *page]
    if more and first("showResumeKey") == "true":
        out += [[], [f"{page[-1][0]} {page[-1][1]}!"]]
    return out


def start(port: int = 0) -> ThreadingHTTPServer:
    """The archive on 127.0.0.1:<port> in a thread; ``.url`` is its base URL, ``.cdx`` its CDX endpoint."""
    httpd = ThreadingHTTPServer(("127.0.0.1", port), Archive)
    httpd.hits, httpd.state, httpd.lock, httpd.records = [], {}, threading.Lock(), _records()
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.cdx = httpd.url + "/cdx/search/cdx"
    return httpd


if __name__ == "__main__":
    server = start(int(sys.argv[1]) if len(sys.argv) > 1 else 8765)
    print(f"local archive at {server.cdx}  (Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.shutdown()
