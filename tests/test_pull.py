"""`pipeline pull` against a local press room, and `read_html` on bulletin pages.

A ThreadingHTTPServer on 127.0.0.1 plays INAI's former press room
(inicio.inai.org.mx): an index of "Comunicados", bulletin pages wrapped in site
furniture, a bulletin PDF, and every way a link can go wrong (404, 500, a slow
server, an image, oversized bodies, a redirect loop, a path robots.txt forbids).
Each request is logged so the tests can check what was (not) asked and how.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import CORPUS_DEV, facts, files_in, manifest, pull

from pipeline.ingest.html import read_html
from pipeline.model import InputError

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
sys.path.insert(0, str(WEB))
import make_pages  # noqa: E402

PDF = CORPUS_DEV / "inai-121-19.pdf"
PDF_PATH = "/Comunicados/Comunicado%20INAI-121-19.pdf"
PDF_MODIFIED = formatdate(1557403200, usegmt=True)  # 2019-05-09
PAGE_098 = "/Comunicados/INAI-098-17.html"
PAGE_262 = "/Comunicados/boletin.aspx?id=262"
MAX_BYTES = 100_000
FAST = ["--delay", "0", "--retries", "1", "--backoff", "0.01", "--timeout", "0.5", "--max-bytes", str(MAX_BYTES)]
ROW_KEYS = {"url", "fetched_at", "sha256", "status", "http_status", "content_type", "file", "error"}


# -- the local press room -------------------------------------------------------


class PressRoom(BaseHTTPRequestHandler):
    """Routes of the fake site; ``self.server.hits`` logs (path, headers, time) of every request."""

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        with self.server.lock:
            self.server.hits.append((self.path, dict(self.headers), time.monotonic()))
        route = ROUTES.get(self.path.split("#")[0])
        try:
            if route is None:
                self.send(404, "text/html", b"<html><body><h1>404 NOT FOUND</h1></body></html>")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size limit, timeout, kill): that is the point of some routes

    def send(self, status, content_type, body=b"", headers=None, length=True):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    # Bulletins.

    def index(self):
        self.send(200, "text/html; charset=utf-8", (WEB / "index.html").read_bytes())

    def page_098(self):
        body = (WEB / "inai-098-17.html").read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self.send(304, None, headers={"ETag": etag})
        self.send(200, "text/html; charset=utf-8", body, {"ETag": etag})

    def page_262(self):  # an old server: no validators, charset in the header too
        self.send(200, "text/html; charset=windows-1252", (WEB / "inai-262-17.html").read_bytes())

    def pdf(self):
        since = self.headers.get("If-Modified-Since")
        if since and parsedate_to_datetime(since) >= parsedate_to_datetime(PDF_MODIFIED):
            return self.send(304, None, headers={"Last-Modified": PDF_MODIFIED})
        self.send(200, "application/pdf", PDF.read_bytes(), {"Last-Modified": PDF_MODIFIED})

    def robots(self):
        if self.server.state.get("robots_down"):
            return self.send(503, "text/plain", b"mantenimiento")
        self.send(200, "text/plain", b"User-agent: *\nDisallow: /privado/\n")

    def other_page(self):
        self.send(
            200,
            "text/html",
            b"<html><body><h1>Transparencia</h1><p>Obligaciones de transparencia del Instituto.</p></body></html>",
        )

    # Links that go wrong.

    def server_error(self):
        self.send(500, "text/html", b"<html><body>Error interno</body></html>")

    def slow(self):
        time.sleep(1.5)
        self.send(200, "text/html", (WEB / "inai-098-17.html").read_bytes())

    def image(self):
        self.send(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    def oversized(self):
        self.send(200, "application/pdf", b"%PDF-1.4\n" + b"0" * (MAX_BYTES + 50_000))

    def oversized_unannounced(self):  # no Content-Length: the limit must hold while reading
        self.send(200, "application/pdf", b"%PDF-1.4\n" + b"0" * (MAX_BYTES + 50_000), length=False)

    def fake_pdf(self):
        self.send(200, "application/pdf", b"<html><body>Sesi\xc3\xb3n expirada</body></html>")

    def loop_a(self):
        self.send(302, "text/html", headers={"Location": "/Comunicados/comunicado-bucle-2.aspx"})

    def loop_b(self):
        self.send(302, "text/html", headers={"Location": "/Comunicados/comunicado-bucle.aspx"})

    def redirect_to_098(self):
        self.send(301, "text/html", headers={"Location": PAGE_098})

    def flaky(self):  # 503 the first time, then the page
        with self.server.lock:
            self.server.state["flaky"] = self.server.state.get("flaky", 0) + 1
            first = self.server.state["flaky"] == 1
        if first:
            return self.send(503, "text/html", b"busy", {"Retry-After": "0"})
        self.send(200, "text/html; charset=utf-8", (WEB / "inai-098-17.html").read_bytes())

    def trickle(self):
        """Half a PDF, then silence until the client is killed (or, once released, the whole PDF)."""
        data = PDF.read_bytes()
        if self.server.state.get("release_trickle"):
            return self.send(200, "application/pdf", data)
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data[:1000])
        self.wfile.flush()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not self.server.state.get("release_trickle"):
            time.sleep(0.05)


ROUTES = {
    "/robots.txt": PressRoom.robots,
    "/SitePages/Comunicados.aspx": PressRoom.index,
    "/SitePages/Transparencia.aspx": PressRoom.other_page,
    PAGE_098: PressRoom.page_098,
    PAGE_262: PressRoom.page_262,
    PDF_PATH: PressRoom.pdf,
    "/Comunicados/INAI-500-17.html": PressRoom.server_error,
    "/Comunicados/comunicado-lento.html": PressRoom.slow,
    "/Comunicados/comunicado-imagen.png": PressRoom.image,
    "/Comunicados/comunicado-grande.pdf": PressRoom.oversized,
    "/Comunicados/comunicado-enorme.pdf": PressRoom.oversized_unannounced,
    "/Comunicados/comunicado-falso.pdf": PressRoom.fake_pdf,
    "/Comunicados/comunicado-bucle.aspx": PressRoom.loop_a,
    "/Comunicados/comunicado-bucle-2.aspx": PressRoom.loop_b,
    "/redirige/comunicado-098": PressRoom.redirect_to_098,
    "/Comunicados/inestable.html": PressRoom.flaky,
    "/Comunicados/goteo.pdf": PressRoom.trickle,
    "/privado/comunicado-INAI-999-17.html": PressRoom.page_098,
}


@dataclass
class Pulled:
    """One pull's folder and CLI result, with the requests it made (the server's log moves on)."""

    url: str
    folder: Path
    result: object
    hits: list

    def hits_for(self, path: str) -> list:
        return [h for h in self.hits if h[0] == path]


@pytest.fixture(scope="module")
def server():
    """The press room on 127.0.0.1:<free port>; proxies are switched off so nothing leaves the machine."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            patch.delenv(name, raising=False)
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), PressRoom)
        httpd.hits, httpd.state, httpd.lock = [], {}, threading.Lock()
        thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        httpd.url = f"http://127.0.0.1:{httpd.server_address[1]}"
        httpd.hits_for = lambda path: [h for h in httpd.hits if h[0] == path]
        yield httpd
        httpd.state["release_trickle"] = True
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture()
def site(server):
    """The press room with an empty request log and fresh per-test state."""
    server.hits.clear()
    server.state.clear()
    yield server
    server.state["release_trickle"] = True  # let a trickling response end


@pytest.fixture(scope="module")
def pulled_index(server, tmp_path_factory) -> Pulled:
    """The index pulled once for the tests that only read what it left."""
    server.hits.clear()
    server.state.clear()
    folder = tmp_path_factory.mktemp("pulled") / "corpus"
    result = pull(server.url + "/SitePages/Comunicados.aspx", "--to", folder, *FAST)
    return Pulled(server.url, folder, result, list(server.hits))


# -- pulling ----------------------------------------------------------------------


def test_index_pull_writes_bulletins_and_a_manifest_row_per_link(pulled_index):
    site, folder, result = pulled_index, pulled_index.folder, pulled_index.result
    assert result.exit_code == 0, result.output
    assert files_in(folder) == {"inai-098-17.html", "inai-262-17.html", "inai-121-19.pdf", "manifest.jsonl"}
    rows = manifest(folder)
    url = site.url
    ok = {u: r["file"] for u, r in rows.items() if r["status"] == "ok"}
    assert ok == {
        url + PAGE_098: "inai-098-17.html",
        url + PAGE_262: "inai-262-17.html",
        url + PDF_PATH: "inai-121-19.pdf",
    }
    for row in rows.values():
        assert ROW_KEYS <= set(row)
        if row["status"] == "ok":
            assert row["http_status"] == 200 and row["error"] is None
            assert hashlib.sha256((folder / row["file"]).read_bytes()).hexdigest() == row["sha256"]
    assert rows[url + PDF_PATH]["content_type"] == "application/pdf"
    assert rows[url + PDF_PATH]["last_modified"] == PDF_MODIFIED
    assert rows[url + PAGE_098]["etag"]
    assert (folder / "inai-121-19.pdf").read_bytes() == PDF.read_bytes()
    # Only bulletin-looking links were followed; menus, the index itself and its other pages were not.
    assert not site.hits_for("/SitePages/Transparencia.aspx") and not site.hits_for("/SitePages/Contacto.aspx")
    assert len(site.hits_for("/SitePages/Comunicados.aspx")) == 1
    assert len(site.hits_for("/robots.txt")) == 1
    assert all("inai-bulletins/" in headers["User-Agent"] for _, headers, _ in site.hits)
    assert "12 URLs: 3 fetched" in result.output


def test_bad_links_are_recorded_with_a_reason_and_leave_no_file(pulled_index):
    site, folder = pulled_index, pulled_index.folder
    rows = manifest(folder)
    bad = {
        path: rows[site.url + path]
        for path in (
            "/Comunicados/INAI-404-17.html",
            "/Comunicados/INAI-500-17.html",
            "/Comunicados/comunicado-lento.html",
            "/Comunicados/comunicado-imagen.png",
            "/Comunicados/comunicado-grande.pdf",
            "/Comunicados/comunicado-enorme.pdf",
            "/Comunicados/comunicado-falso.pdf",
            "/Comunicados/comunicado-bucle.aspx",
        )
    }
    for path, row in bad.items():
        assert row["status"] == "error" and row["file"] is None and row["sha256"] is None, path
        assert row["error"].endswith(".") and len(row["error"]) > 30, path
    assert (
        bad["/Comunicados/INAI-404-17.html"]["http_status"] == 404
        and "404 Not Found" in bad["/Comunicados/INAI-404-17.html"]["error"]
    )
    assert (
        bad["/Comunicados/INAI-500-17.html"]["http_status"] == 500
        and "try again later" in bad["/Comunicados/INAI-500-17.html"]["error"]
    )
    assert len(site.hits_for("/Comunicados/INAI-500-17.html")) == 2  # --retries 1
    assert "No answer within 0.5 s after 2 tries" in bad["/Comunicados/comunicado-lento.html"]["error"]
    assert bad["/Comunicados/comunicado-imagen.png"]["content_type"] == "image/png"
    assert "image/png" in bad["/Comunicados/comunicado-imagen.png"]["error"]
    for path in ("/Comunicados/comunicado-grande.pdf", "/Comunicados/comunicado-enorme.pdf"):
        assert "--max-bytes" in bad[path]["error"]
        assert len(site.hits_for(path)) == 1  # a size problem is not retried
    assert "not a PDF" in bad["/Comunicados/comunicado-falso.pdf"]["error"]
    assert "redirects loop" in bad["/Comunicados/comunicado-bucle.aspx"]["error"]
    robots = rows[site.url + "/privado/comunicado-INAI-999-17.html"]
    assert robots["status"] == "skipped_robots" and "robots.txt" in robots["error"] and robots["file"] is None
    assert not site.hits_for("/privado/comunicado-INAI-999-17.html")
    assert not [name for name in os.listdir(folder) if name.startswith(".")]


def test_pulled_pages_and_pdf_read_like_their_twins(pulled_index, gold):
    folder = pulled_index.folder
    for name in ("inai-098-17", "inai-262-17"):
        assert facts(folder / f"{name}.html") == facts(CORPUS_DEV / f"{name}.txt"), name
    pdf, g = facts(folder / "inai-121-19.pdf"), gold["inai-121-19.pdf"]
    assert pdf == facts(PDF)
    assert pdf["meta"][:4] == (g["bulletin"], g["bulletin"], g["published"], g["place"])
    assert pdf["claims"] == {(c["metric"], c["value"], c["qualifier"], c["state"]) for c in g["claims"]}
    assert pdf["events"] == {(e["state"], e["event"], e["year"]) for e in g["events"]}
    assert {value for _, value, role in pdf["states"] if role == "body"} == set(g["states_body"])


def test_the_pipeline_runs_over_a_pulled_folder(pulled_index, tmp_path):
    import sqlite_utils

    from pipeline.run import run

    folder = pulled_index.folder
    run([str(folder)], str(tmp_path / "t.db"), workers=1, progress=False, warn=lambda m: None)
    db = sqlite_utils.Database(tmp_path / "t.db")
    assert {r["doc_id"]: r["format"] for r in db.query("select doc_id, format from documents")} == {
        "INAI/098/17": "html",
        "INAI/262/17": "html",
        "INAI/121/19": "pdf",
    }
    assert db.table("errors").count == 0  # manifest.jsonl is not taken for a bulletin


def test_second_pull_asks_with_validators_and_rewrites_nothing(site, tmp_path):
    folder = tmp_path / "corpus"
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"# bulletins\n{site.url + PAGE_098}\n\n{site.url + PAGE_262}\n{site.url + PDF_PATH}\n", encoding="utf-8"
    )
    assert pull(urls, "--to", folder, *FAST).exit_code == 0
    before = {name: (folder / name).stat().st_mtime_ns for name in files_in(folder) if name != "manifest.jsonl"}
    site.hits.clear()
    result = pull(urls, "--to", folder, *FAST)
    assert result.exit_code == 0
    rows = manifest(folder)
    assert (rows[site.url + PAGE_098]["status"], rows[site.url + PAGE_098]["http_status"]) == ("not_modified", 304)
    assert (rows[site.url + PDF_PATH]["status"], rows[site.url + PDF_PATH]["http_status"]) == ("not_modified", 304)
    assert rows[site.url + PDF_PATH]["file"] == "inai-121-19.pdf"
    assert site.hits_for(PAGE_098)[0][1]["If-None-Match"] == rows[site.url + PAGE_098]["etag"]
    assert site.hits_for(PDF_PATH)[0][1]["If-Modified-Since"] == PDF_MODIFIED
    assert not site.hits_for(PAGE_262)  # no validators and the file is there: nothing to ask
    assert rows[site.url + PAGE_262]["status"] == "ok"
    assert {name: (folder / name).stat().st_mtime_ns for name in before} == before
    assert len((folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()) == 3  # compacted
    assert "3 URLs: 0 fetched, 2 not modified, 1 already fetched" in result.output
    # A file changed on disk is no longer trusted: it is fetched again, unconditionally.
    (folder / "inai-262-17.html").write_bytes(b"edited")
    site.hits.clear()
    pull(urls, "--to", folder, *FAST)
    assert len(site.hits_for(PAGE_262)) == 1
    assert (folder / "inai-262-17.html").read_bytes() == (WEB / "inai-262-17.html").read_bytes()


def test_a_killed_pull_leaves_whole_files_and_resumes(site, tmp_path):
    folder = tmp_path / "corpus"
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(site.url + p for p in (PAGE_098, "/Comunicados/goteo.pdf", PAGE_262)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "pull", str(urls), "--to", str(folder), "--delay", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not site.hits_for("/Comunicados/goteo.pdf") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert site.hits_for("/Comunicados/goteo.pdf"), "the pull never reached the second URL"
        time.sleep(0.1)  # let it read the first half of the PDF
    finally:
        process.kill()
        process.wait()
    assert files_in(folder) == {"inai-098-17.html", "manifest.jsonl"}  # no partial PDF, no temporary file
    assert [row["status"] for row in manifest(folder).values()] == ["ok"]
    site.state["release_trickle"] = True
    site.hits.clear()
    result = pull(urls, "--to", folder, *FAST)
    assert result.exit_code == 0
    rows = manifest(folder)
    assert [rows[site.url + p]["status"] for p in (PAGE_098, "/Comunicados/goteo.pdf", PAGE_262)] == [
        "not_modified",
        "ok",
        "ok",
    ]
    assert (folder / "inai-121-19.pdf").read_bytes() == PDF.read_bytes()  # named from the PDF's own number


def test_retries_a_busy_server_and_never_overwrites_another_file(site, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "inai-098-17.html").write_text("the user's own copy", encoding="utf-8")
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"{site.url}/Comunicados/inestable.html\n{site.url}/redirige/comunicado-098\nnot a url\n", encoding="utf-8"
    )
    result = pull(urls, "--to", folder, *FAST)
    assert result.exit_code == 0
    assert "not an http(s) URL" in result.output
    rows = manifest(folder)
    flaky, moved = rows[site.url + "/Comunicados/inestable.html"], rows[site.url + "/redirige/comunicado-098"]
    assert flaky["status"] == moved["status"] == "ok"
    assert len(site.hits_for("/Comunicados/inestable.html")) == 2
    assert site.hits_for(PAGE_098)  # the redirect was followed
    assert (folder / "inai-098-17.html").read_text(encoding="utf-8") == "the user's own copy"
    names = {flaky["file"], moved["file"]}
    assert len(names) == 2 and all(n.startswith("inai-098-17-") and n.endswith(".html") for n in names)


def test_delay_spaces_requests_to_one_host(site, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url + PAGE_098}\n{site.url + PAGE_262}\n", encoding="utf-8")
    assert pull(urls, "--to", tmp_path / "c", "--delay", "0.15").exit_code == 0
    times = [t for _, _, t in site.hits]
    assert len(times) == 3  # robots.txt and two pages
    assert all(b - a >= 0.14 for a, b in zip(times, times[1:]))


def test_an_unreadable_robots_txt_means_nothing_is_fetched(site, tmp_path):
    site.state["robots_down"] = True
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url + PAGE_098}\n{site.url + PDF_PATH}\n", encoding="utf-8")
    assert pull(urls, "--to", tmp_path / "c", *FAST).exit_code == 0
    rows = manifest(tmp_path / "c")
    assert {row["status"] for row in rows.values()} == {"skipped_robots"}
    assert "robots.txt could not be read (HTTP 503)" in rows[site.url + PAGE_098]["error"]
    assert {path for path, _, _ in site.hits} == {"/robots.txt"}
    assert len(site.hits) == 2  # asked once (and retried once), not once per URL


def test_single_bulletin_url_and_unusable_arguments(site, tmp_path):
    folder = tmp_path / "corpus"
    result = pull(site.url + PAGE_098, "--to", folder, *FAST)
    assert result.exit_code == 0 and files_in(folder) == {"inai-098-17.html", "manifest.jsonl"}
    missing = pull(site.url + "/Comunicados/INAI-404-17.html", "--to", folder, *FAST)
    assert missing.exit_code == 1 and "404" in missing.output
    assert manifest(folder)[site.url + "/Comunicados/INAI-404-17.html"]["status"] == "error"
    neither = pull(site.url + "/SitePages/Transparencia.aspx", "--to", folder, *FAST)
    assert neither.exit_code == 2 and "neither a bulletin" in neither.output
    assert pull(tmp_path / "nowhere.txt", "--to", folder).exit_code == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    result = pull(empty, "--to", folder)
    assert result.exit_code == 2 and "holds no http(s) URLs" in result.output


# -- read_html ----------------------------------------------------------------------


def test_read_html_keeps_the_bulletin_and_drops_the_site():
    text = read_html((WEB / "inai-098-17.html").read_bytes())
    twin = (CORPUS_DEV / "inai-098-17.txt").read_text(encoding="utf-8")
    assert text == twin.strip().replace("**", "").replace("*", "")
    sharepoint = read_html((WEB / "inai-262-17.html").read_bytes())  # Windows-1252, furniture known by id/class only
    twin = (CORPUS_DEV / "inai-262-17.txt").read_text(encoding="utf-8")
    assert sharepoint == twin.strip().replace("**", "").replace("*", "").replace("2017\nINAI", "2017\n\nINAI")
    for clutter in (
        "Insurgentes",
        "Compartir",
        "Comparte",
        "Inicio",
        "cookies",
        "RELACIONADOS",
        "INAI/099/17",
        "INAI/263/17",
        "INAI/264/17",
        "INAI/265/17",
        "INSTITUTO NACIONAL",
        "dataLayer",
        "privacidad",
    ):
        assert clutter not in text and clutter not in sharepoint, clutter


def test_read_html_blocks_bullets_breaks_and_charset():
    page = (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        "<script>document.write('INAI/001/99')</script></head><body>"
        '<div role="navigation"><a href="/">Inicio</a> <a href="/c">Comunicados</a></div>'
        '<div class="menu-lateral"><p>Men\xfa</p></div>'
        "<div><p>Le\xf3n, Guanajuato, a 3 de mayo de 2016<br>INAI/120/16</p>"
        "<h2>DIECIOCHO ESTADOS EN EL PROYECTO</h2>"
        "<ul><li>Primer <b>punto</b></li><li><p>Segundo punto</p></li><li> </li></ul>"
        "<p>Un p\xe1rrafo partido<br>en dos l\xedneas por el editor.</p>"
        "<div>Texto suelto del div<p>y un p\xe1rrafo dentro</p>con cola \x96 final</div>"
        '<p hidden>borrador oculto</p><p style="display: none">otro oculto</p>'
        "</div><footer><p>Tlaxcala 1, Ciudad de M\xe9xico</p></footer></body></html>"
    ).encode("latin-1")
    assert read_html(page).split("\n\n") == [
        "León, Guanajuato, a 3 de mayo de 2016\nINAI/120/16",
        "DIECIOCHO ESTADOS EN EL PROYECTO",
        "- Primer punto",
        "- Segundo punto",
        "Un párrafo partido en dos líneas por el editor.",
        "Texto suelto del div",
        "y un párrafo dentro",
        "con cola – final",  # Latin-1 declared means Windows-1252, as browsers read it
    ]


def test_read_html_decoding_bom_and_undeclared_utf8():
    body = "<p>Ciudad de México, a 2 de enero de 2018</p><p>Michoacán</p>"
    assert read_html(b"\xef\xbb\xbf<meta charset='windows-1252'>" + body.encode("utf-8")).endswith("Michoacán")
    assert read_html(body.encode("utf-8")).endswith("Michoacán")
    assert read_html(body.encode("utf-8").replace("á".encode(), b"\xe1")).endswith("Michoacán")  # stray cp1252 byte


def test_read_html_rejects_a_page_without_bulletin_text():
    with pytest.raises(InputError, match="no bulletin text"):
        read_html(
            b"<html><body><nav><a href='/'>Inicio</a></nav><script>x()</script><footer>Pie</footer></body></html>"
        )


def test_fixture_pages_are_built_from_their_twins():
    for name in make_pages.PAGES:
        assert (WEB / name).read_bytes() == make_pages.build(name), f"run python {WEB / 'make_pages.py'}"
