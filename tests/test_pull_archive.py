"""`pipeline pull --archive` against a local web archive, and `run` carrying pulled files' provenance.

tests/archive_server.py plays the Internet Archive: a CDX index speaking the JSON
API (a header row, paging with resume keys, collapse by digest, an empty answer,
a 429 before the answer) and captures served raw at /web/<timestamp>id_/<address>:
a page whose newest capture answers 404, a PDF captured twice with one digest and
copied to a second address, a revisit record, a capture whose status was 404, a
stylesheet, a listing page that is no bulletin, a capture that answers 404 alone.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
from datetime import UTC, datetime, timedelta
from email.message import Message
from email.utils import format_datetime
from urllib.parse import parse_qs, urlsplit

import archive_server  # tests/archive_server.py: the local web archive
import pytest
import sqlite_utils
from conftest import CORPUS_DEV, facts, files_in, manifest, pull

from pipeline.pull.cdx import ArchiveError, parse_page
from pipeline.pull.fetcher import FetchError, Response, _decoded, _retry_after
from pipeline.run import run
from pipeline.serve import make_datasette

WEB = CORPUS_DEV.parent / "web"
PRESS = archive_server.PRESS
FAST = ["--delay", "0", "--retries", "1", "--backoff", "0.01", "--timeout", "2"]
PULLED = {"inai-098-17.html", "inai-262-17.html", "inai-121-19.pdf", "inai-318-15.txt", "manifest.jsonl"}


@pytest.fixture(scope="module")
def archive():
    with pytest.MonkeyPatch.context() as patch:
        for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            patch.delenv(name, raising=False)
        server = archive_server.start()
        yield server
        server.shutdown()
        server.server_close()


@pytest.fixture()
def fresh(archive):
    archive.hits.clear()
    archive.state.clear()
    return archive


def pull_archive(archive, folder, *args):
    return pull("--archive", *args, "--cdx", archive.cdx, "--to", folder, *FAST)


def requests_to(hits, prefix: str) -> list[str]:
    return [path for path, _ in hits if path.startswith(prefix)]


def cdx_queries(hits) -> list[dict]:
    return [parse_qs(urlsplit(path).query) for path in requests_to(hits, "/cdx/")]


@pytest.fixture(scope="module")
def pulled(archive, tmp_path_factory):
    """The local press room's prefix pulled once, with the requests it made."""
    archive.hits.clear()
    folder = tmp_path_factory.mktemp("archive") / "corpus"
    result = pull_archive(archive, folder, "sala-de-prensa.test/Comunicados/")
    return folder, result, list(archive.hits)


# -- pulling -----------------------------------------------------------------------


def test_each_bulletin_address_gives_its_newest_good_capture(pulled):
    folder, result, hits = pulled
    assert result.exit_code == 0, result.output
    assert files_in(folder) == PULLED
    rows = manifest(folder)
    page = rows[PRESS + "INAI-098-17.html"]  # the newest capture answered 404: the one before it was read
    assert (page["status"], page["file"], page["captured_at"]) == ("ok", "inai-098-17.html", "2017-04-20T10:15:00Z")
    assert page["archive_url"].endswith("/web/20170420101500id_/" + PRESS + "INAI-098-17.html")
    assert page["unserved"] == ["20180115080000"]
    pdf = rows[PRESS + "Comunicado%20INAI-121-19.pdf"]
    assert (pdf["status"], pdf["file"], pdf["captured_at"]) == ("ok", "inai-121-19.pdf", "2019-05-10T09:30:00Z")
    assert requests_to(hits, "/web/20190510093000id_/") and not requests_to(hits, "/web/20190612")  # one digest
    copy = rows[PRESS + "respaldo/Comunicado%20INAI-121-19.pdf"]  # the same bytes elsewhere: not downloaded
    assert (copy["status"], copy["file"], copy["duplicate_of"]) == ("duplicate", "inai-121-19.pdf", pdf["url"])
    assert not requests_to(hits, "/web/20190701000000id_/")
    assert rows["https://www.sala-de-prensa.test/Comunicados/boletin.aspx?id=262"]["status"] == "ok"
    assert (folder / "inai-318-15.txt").read_bytes() == (CORPUS_DEV / "inai-318-15.txt").read_bytes()
    assert (folder / "inai-121-19.pdf").read_bytes() == (CORPUS_DEV / "inai-121-19.pdf").read_bytes()
    assert "7 URLs: 4 fetched" in result.output and "1 the same bytes as another address" in result.output
    umask = os.umask(0)
    os.umask(umask)
    assert {stat.S_IMODE((folder / name).stat().st_mode) for name in PULLED} == {0o666 & ~umask}  # not private


def test_what_is_no_bulletin_or_no_good_capture_is_left_out_or_recorded(pulled):
    folder, result, hits = pulled
    rows = manifest(folder)
    listing = (
        "11 captures listed, 7 bulletin addresses kept; left out: 1 capture that is no bulletin by address or type"
    )
    assert listing in result.output
    assert "1 capture whose status was not 200, 1 revisit record" in result.output
    for name in ("INAI-327-16.html", "INAI-999-17.html", "estilos.css"):  # revisit, status 404, a stylesheet
        assert PRESS + name not in rows and not [p for p, _ in hits if p.endswith(name)], name
    listing_page = rows[PRESS + "Forms/AllItems.aspx"]
    assert listing_page["status"] == "error" and listing_page["file"] is None
    assert "is not a bulletin: the page does not read as a bulletin" in listing_page["error"]
    lost = rows[PRESS + "INAI-404-17.html"]
    assert (lost["status"], lost["http_status"], lost["file"]) == ("error", 404, None)
    assert lost["error"].startswith("The archive answered 404 Not Found for its capture http://127.0.0.1:")
    assert lost["unserved"] == ["20170505000000"]


def test_the_index_is_read_page_by_page_through_the_polite_fetcher(pulled):
    _, _, hits = pulled
    queries = cdx_queries(hits)
    assert len(queries) == 4  # 11 rows, 3 a page (the server's cap)
    assert [q.get("resumeKey") is None for q in queries] == [True, False, False, False]
    for query in queries:
        assert query["output"] == ["json"] and query["matchType"] == ["prefix"] and query["collapse"] == ["digest"]
        assert query["url"] == ["sala-de-prensa.test/Comunicados/"] and query["showResumeKey"] == ["true"]
    assert requests_to(hits, "/robots.txt") == ["/robots.txt"]  # asked once for the host, before anything else
    assert hits[0][0] == "/robots.txt"


def test_pulled_files_read_like_their_twins(pulled):
    folder, _, _ = pulled
    for name in ("inai-098-17", "inai-262-17"):
        assert facts(folder / f"{name}.html") == facts(CORPUS_DEV / f"{name}.txt"), name
    assert facts(folder / "inai-121-19.pdf") == facts(CORPUS_DEV / "inai-121-19.pdf")
    assert facts(folder / "inai-318-15.txt") == facts(CORPUS_DEV / "inai-318-15.txt")


def test_a_second_pull_asks_the_index_and_nothing_else(fresh, tmp_path, pulled):
    folder = tmp_path / "corpus"
    shutil.copytree(pulled[0], folder)
    before = {name: (folder / name).stat().st_mtime_ns for name in PULLED - {"manifest.jsonl"}}
    result = pull_archive(fresh, folder, "sala-de-prensa.test/Comunicados/")
    assert result.exit_code == 0, result.output
    assert not requests_to(fresh.hits, "/web/")  # captures never change: none is asked for again
    assert "4 already fetched" in result.output and "2 not asked again" in result.output
    assert {name: (folder / name).stat().st_mtime_ns for name in before} == before
    assert manifest(folder).keys() == manifest(pulled[0]).keys()


def test_a_busy_index_is_asked_again_when_retry_after_says(fresh, tmp_path):
    fresh.state["busy"] = "1"
    result = pull_archive(fresh, tmp_path / "c", PRESS + "INAI-318")
    assert result.exit_code == 0, result.output
    asked = [t for path, t in fresh.hits if path.startswith("/cdx/")]
    assert len(asked) == 2 and asked[1] - asked[0] >= 0.95  # 429, then 200 after the second it asked for
    assert files_in(tmp_path / "c") == {"inai-318-15.txt", "manifest.jsonl"}


def test_years_bound_the_captures_and_an_empty_index_is_no_error(fresh, tmp_path):
    result = pull_archive(
        fresh, tmp_path / "c", "sala-de-prensa.test/Comunicados/", "--from", "2016", "--until", "2017"
    )
    assert result.exit_code == 0, result.output
    assert {(q["from"][0], q["to"][0]) for q in cdx_queries(fresh.hits)} == {("2016", "2017")}
    assert files_in(tmp_path / "c") == {"inai-098-17.html", "inai-262-17.html", "manifest.jsonl"}
    assert not requests_to(fresh.hits, "/web/20180115080000id_/")  # 2018 is out of range: its 404 is never met
    empty = pull_archive(fresh, tmp_path / "e", "nadie.test/")
    assert empty.exit_code == 0 and "nadie.test/: 0 captures listed, 0 bulletin addresses kept" in empty.output
    assert "0 URLs" in empty.output


def test_archive_inai_lists_the_press_room_addresses_of_rules_sources(fresh, tmp_path):
    result = pull_archive(fresh, tmp_path / "c", "inai")
    assert result.exit_code == 0, result.output
    asked = {q["url"][0]: q.get("filter", []) for q in cdx_queries(fresh.hits)}
    assert set(asked) == {
        "home.inai.org.mx/wp-content/documentos/SalaDePrensa/Comunicados/",
        "inicio.inai.org.mx/",
        "inicio.ifai.org.mx/",
    }
    assert "original:(?i).*comunicado.*" in asked["inicio.inai.org.mx/"]
    assert files_in(tmp_path / "c") == {"inai-301-17.pdf", "manifest.jsonl"}
    row = manifest(tmp_path / "c")[archive_server.INAI_PDFS + "Comunicado%20INAI-301-17.pdf"]
    assert row["captured_at"] == "2020-01-01T00:00:00Z"


def test_unusable_archive_arguments(fresh, tmp_path):
    both = pull(PRESS, "--archive", "inai", "--to", tmp_path)
    assert both.exit_code == 2 and "one of the two" in both.output
    assert pull(PRESS, "--from", "2016", "--to", tmp_path).exit_code == 2
    backwards = pull("--archive", "inai", "--from", "2019", "--until", "2015", "--to", tmp_path)
    assert backwards.exit_code == 2 and "swap them" in backwards.output
    unknown = pull("--archive", "nada", "--to", tmp_path)
    assert unknown.exit_code == 2 and "rules/sources.yml (inai)" in unknown.output
    assert pull("--archive", "inai", "--cdx", "ftp://x", "--to", tmp_path).exit_code == 2
    not_cdx = pull("--archive", "inai", "--cdx", fresh.url + "/robots.txt", "--to", tmp_path, *FAST)
    assert not_cdx.exit_code == 1 and "did not answer with the CDX API's JSON" in not_cdx.output


# -- provenance in the database -----------------------------------------------------


def test_run_records_where_each_pulled_file_came_from(pulled, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(pulled[0], folder)
    shutil.copy(CORPUS_DEV / "inai-152-16.txt", folder)  # put there by hand: no provenance
    db_path = tmp_path / "t.db"
    run([str(folder)], str(db_path), workers=1, progress=False, warn=lambda m: None)
    db = sqlite_utils.Database(db_path)
    sources = {r["source"].rsplit("/", 1)[1]: r for r in db.query("select * from sources")}
    page = sources["inai-098-17.html"]
    assert page["url"] == PRESS + "INAI-098-17.html" and page["captured_at"] == "2017-04-20T10:15:00Z"
    assert page["archive_url"].endswith("/web/20170420101500id_/" + PRESS + "INAI-098-17.html")
    assert (sources["inai-152-16.txt"]["url"], sources["inai-152-16.txt"]["archive_url"]) == (None, None)
    document = next(db.query("select * from documents where doc_id = 'INAI/121/19'"))
    assert document["url"] == PRESS + "Comunicado%20INAI-121-19.pdf"
    assert document["captured_at"] == "2019-05-10T09:30:00Z"
    claim = next(db.query("select * from claim_evidence where doc_id = 'INAI/121/19'"))
    evidence = asyncio.run(make_datasette(str(db_path)).client.get(claim["evidence_url"])).text
    assert "the web archive's capture of 2019-05-10T09:30:00Z" in evidence and document["archive_url"] in evidence
    # An edited file no longer claims to be the capture it was pulled from.
    (folder / "inai-262-17.html").write_bytes((WEB / "inai-262-17.html").read_bytes() + b"<!-- edited -->")
    run([str(folder)], str(db_path), workers=1, progress=False, warn=lambda m: None)
    edited = next(db.query("select url, archive_url from sources where source like '%inai-262-17.html'"))
    assert edited == {"url": None, "archive_url": None}


def test_provenance_reaches_files_read_before_their_manifest(pulled, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(pulled[0], folder, ignore=shutil.ignore_patterns("manifest.jsonl"))
    db_path = tmp_path / "t.db"
    run([str(folder)], str(db_path), workers=1, progress=False, warn=lambda m: None)
    shutil.copy(pulled[0] / "manifest.jsonl", folder)
    summary = run([str(folder)], str(db_path), workers=1, progress=False, warn=lambda m: None)
    assert (summary.read, summary.skipped) == (0, 4)  # nothing read again, the rows updated in place
    db = sqlite_utils.Database(db_path)
    assert {r["url"] for r in db.query("select url from sources")} == {
        PRESS + "INAI-098-17.html",
        "https://www.sala-de-prensa.test/Comunicados/boletin.aspx?id=262",
        PRESS + "Comunicado%20INAI-121-19.pdf",
        PRESS + "INAI-318-15.txt",
    }
    assert None not in {r["captured_at"] for r in db.query("select captured_at from documents")}


# -- the pieces ---------------------------------------------------------------------


def test_cdx_pages_are_read_by_their_header_row():
    body = (
        b'[["timestamp","original","urlkey","digest","statuscode","mimetype"],'
        b'["20180102000000","http://a.test/Comunicado-1.pdf","test,a)/comunicado-1.pdf","D1","200","application/pdf"],'
        b'["short row"],[],["test,a)/comunicado-1.pdf 20180102000000!"]]'
    )
    captures, key = parse_page(body, "here")
    assert [(c.urlkey, c.timestamp, c.digest) for c in captures] == [
        ("test,a)/comunicado-1.pdf", "20180102000000", "D1")
    ]
    assert key == "test,a)/comunicado-1.pdf 20180102000000!"
    assert parse_page(b"[]", "here") == ([], None) and parse_page(b"", "here") == ([], None)
    with pytest.raises(ArchiveError, match="without digest"):
        parse_page(b'[["urlkey","timestamp","original","mimetype","statuscode"]]', "here")


def test_retry_after_as_a_date_and_gzip_bodies():
    headers = Message()
    headers["Retry-After"] = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 28 <= _retry_after(Response("u", 429, headers)) <= 30
    headers.replace_header("Retry-After", "soon")
    assert _retry_after(Response("u", 429, headers)) is None
    import gzip

    gzipped = Message()
    gzipped["Content-Encoding"] = "gzip"
    assert _decoded(gzip.compress(b"[]"), gzipped, 100) == b"[]"
    with pytest.raises(FetchError, match="byte limit"):
        _decoded(gzip.compress(os.urandom(50) * 10), gzipped, 100)
