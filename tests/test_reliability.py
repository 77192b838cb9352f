"""Hostile inputs, crashes and concurrent runs lose nothing.

The hostile corpus is generated here; every file in it must be read correctly
or get one clear ``errors`` row, and every good bulletin of the same run must be
stored. Crash safety kills real runs with SIGKILL and checks the database
afterwards. Runs are real CLI subprocesses, as a user would start them.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from conftest import CORPUS_DEV, assert_search_matches_documents
from pdfmaker import write_pdf

REPO = Path(__file__).resolve().parent.parent
GOOD = ["inai-002-18.txt", "inai-152-16.txt", "inai-262-17.txt", "inai-121-19.pdf"]


def pipeline_command(*args: str) -> list[str]:
    """``python -m pipeline …``; as root, without the capabilities that let root ignore file permissions."""
    command = [sys.executable, "-m", "pipeline", *args]
    if os.geteuid() == 0 and shutil.which("setpriv"):
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return command


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(pipeline_command(*args), cwd=REPO, capture_output=True, text=True, timeout=timeout)


def seed_text() -> str:
    return (CORPUS_DEV / "inai-002-18.txt").read_text(encoding="utf-8")


def renumbered(text: str, number: int) -> str:
    """The same bulletin under another number, so it is another document."""
    return re.sub(r"INAI/\d{3}/(\d{2})", lambda m: f"INAI/{number:03d}/{m.group(1)}", text, count=1)


# -- the hostile corpus ------------------------------------------------------


def hostile_corpus(folder: Path) -> dict[str, str]:
    """Write the hostile files; return {name: expected outcome} where the outcome is 'ok' or an error fragment."""
    expected: dict[str, str] = {}
    seed = seed_text()

    def put(name: str, data: bytes, outcome: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = outcome

    put("empty.txt", b"", "empty")
    put("whitespace.txt", b" \n\t\r\n   \n", "empty")
    put("junk.txt", os.urandom(64 * 1024), "binary")
    pdf = (CORPUS_DEV / "inai-121-19.pdf").read_bytes()
    put("truncated.pdf", pdf[: len(pdf) // 2], "damaged or truncated")
    put("corrupt.pdf", b"%PDF-1.7\n" + os.urandom(4000), "damaged or truncated")
    write_pdf(folder / "encrypted.pdf", [["Ciudad de México, a 2 de enero de 2018", "Texto."]], encrypt="clave")
    expected["encrypted.pdf"] = "encrypted"
    write_pdf(folder / "scan.pdf", [["x"] * 8] * 2, image_only=True)
    expected["scan.pdf"] = "no text layer"
    write_pdf(folder / "thousands-of-pages.pdf", [["Página de relleno."]] * 1200, header=None)
    expected["thousands-of-pages.pdf"] = "more than the limit"
    put("huge.txt", b"relleno " * 4_000_000, "over the")  # 32 MB, over the 20 MB default
    put("utf16-no-bom.txt", renumbered(seed, 901).encode("utf-16-le"), "ok")
    mixed = renumbered(seed, 902).encode("utf-8").replace("Querétaro".encode(), "Querétaro".encode("cp1252"))
    put("mixed-encodings.txt", mixed, "ok")
    put("nfd.txt", unicodedata.normalize("NFD", renumbered(seed, 903)).encode("utf-8"), "ok")
    put("one-10mb-line.txt", ("Texto de relleno sin saltos de línea y sin cifras. " * 200_000).encode("utf-8"), "ok")
    put("no-dateline-or-number.txt", "Un texto sin fecha ni número.\n\nSe instalaron Secretariados.".encode(), "ok")
    for number, name in enumerate(
        ["con espacios.txt", "comillas \"dobles\" y 'simples'.txt", "punto;y;coma.txt", "ñandú Querétaro.txt"],
        start=904,
    ):
        put(name, renumbered(seed, number).encode("utf-8"), "ok")
    put("unreadable.txt", renumbered(seed, 908).encode("utf-8"), "permission denied")
    os.chmod(folder / "unreadable.txt", 0)
    os.mkfifo(folder / "pipe.txt")
    expected["pipe.txt"] = "Not a regular file"
    os.symlink(folder / "nowhere.txt", folder / "broken-link.txt")
    expected["broken-link.txt"] = "broken link"
    linked = folder / "linked"
    linked.mkdir()
    (linked / "inai-linked.txt").write_text(renumbered(seed, 909), encoding="utf-8")
    os.symlink(linked, folder / "link-to-linked")  # the same folder reached twice
    os.symlink(folder, linked / "loop")  # a loop back to the top: followed once, never in circles
    for name in GOOD:
        shutil.copy(CORPUS_DEV / name, folder / name)
        expected[name] = "ok"
    return expected


def test_hostile_corpus_every_file_read_or_explained(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    expected = hostile_corpus(folder)
    db = tmp_path / "out" / "h.db"
    result = run_cli("run", str(folder), "--db", str(db), "--workers", "2", "--no-progress", "--timeout", "120")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(db)
    sources = {
        os.path.relpath(s, folder): (status, doc)
        for s, status, doc in con.execute("select source, status, doc_id from sources")
    }
    errors = {os.path.relpath(s, folder): e for s, e in con.execute("select source, error from errors")}
    for name, outcome in expected.items():
        if outcome == "ok":
            assert sources[name][0] in ("ok", "duplicate") and name not in errors, (name, errors.get(name))
        else:
            assert outcome in errors[name], (name, errors.get(name))
            assert f"{name}: " in result.stderr or name in result.stderr  # also warned on stderr
    # A folder reached twice (directly and through a link) is read once; the loop back to the top is not followed.
    assert len([p for p in sources if p.endswith("inai-linked.txt")]) == 1
    assert not [p for p in sources if "/loop/" in p]
    # Every good bulletin of the run is stored whole, with its figures.
    claims = dict(con.execute("select doc_id, count(*) from claims group by doc_id"))
    for doc_id, n in {
        "INAI/002/18": 6,
        "INAI/152/16": 8,
        "INAI/262/17": 7,
        "INAI/121/19": 7,
        "INAI/901/18": 6,
        "INAI/902/18": 6,
        "INAI/903/18": 6,
        "INAI/904/18": 6,
        "INAI/909/18": 6,
    }.items():
        assert claims.get(doc_id) == n, doc_id
    # NFD and mixed-encoding text matches like NFC: the same 26 states in the body.
    for doc_id in ("INAI/901/18", "INAI/902/18", "INAI/903/18"):
        states = con.execute(
            "select count(distinct value) from mentions where doc_id = ? and kind = 'state' and role = 'body'", [doc_id]
        ).fetchone()[0]
        assert states == 26, doc_id
    no_number = con.execute(
        "select doc_id, bulletin, published from documents where source like '%no-dateline%'"
    ).fetchone()
    assert no_number[0].startswith("sha256:") and no_number[1:] == (None, None)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_per_document_time_limit(tmp_path):
    folder = tmp_path / "slow"
    folder.mkdir()
    (folder / "long.txt").write_text("Texto de relleno sin saltos. " * 400_000, encoding="utf-8")
    shutil.copy(CORPUS_DEV / "inai-002-18.txt", folder)
    db = tmp_path / "t.db"
    result = run_cli("run", str(folder), "--db", str(db), "--workers", "1", "--no-progress", "--timeout", "0.5")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(db)
    (error,) = con.execute("select error from errors").fetchone()
    assert "longer than the 0.5 s limit" in error and "--timeout" in error
    assert con.execute("select count(*) from documents").fetchone()[0] == 1


# -- crash safety --------------------------------------------------------------


def many_bulletins(folder: Path, count: int) -> None:
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DEV.glob("inai-*.txt"))]
    for i in range(count):
        (folder / f"b{i:04d}.txt").write_text(renumbered(texts[i % len(texts)], 100 + i), encoding="utf-8")


def contents(db: Path) -> dict:
    """Everything a user reads, without timestamps."""
    con = sqlite3.connect(db)
    tables = {
        "documents": "select doc_id, bulletin, published, place, title, source, format, sha256, text from documents",
        "sources": "select source, sha256, status, doc_id from sources",
        "mentions": "select * from mentions",
        "claims": "select * from claims",
        "state_events": "select * from state_events",
        "timeline": "select * from timeline",
        "checks": "select * from checks",
        "errors": "select source, error from errors",
    }
    return {name: sorted(map(repr, con.execute(sql))) for name, sql in tables.items()}


def wait_for_documents(db: Path, more_than: int, process: subprocess.Popen, timeout: float = 60) -> None:
    """Until the run has committed more than ``more_than`` documents (or has ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
            count = con.execute("select count(*) from documents").fetchone()[0]
            con.close()
            if count > more_than:
                return
        except sqlite3.Error:
            pass  # not created yet, or being set up
        time.sleep(0.02)


def assert_whole_documents(db: Path, reference: dict) -> int:
    """The database opens, passes integrity_check, and every stored document has all of its rows."""
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    if not con.execute("select 1 from sqlite_master where name = 'documents'").fetchone():
        return 0  # killed while creating the schema: nothing stored yet, and the next run creates it
    stored = [r[0] for r in con.execute("select doc_id from documents")]
    for table in ("mentions", "claims", "state_events"):
        ours = {}
        for (doc_id,) in con.execute(f"select doc_id from {table}"):
            ours[doc_id] = ours.get(doc_id, 0) + 1
        assert set(ours) <= set(stored), f"{table} rows without their document"
        for doc_id in stored:
            assert ours.get(doc_id, 0) == reference[table].get(doc_id, 0), (table, doc_id)
    has_search = con.execute("select 1 from sqlite_master where name = 'documents_fts_pending'").fetchone()
    con.close()
    if has_search:  # every committed document is in the full-text index: noted and indexed in one transaction
        assert_search_matches_documents(db)
    return len(stored)


def test_sigkill_at_several_points_loses_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    many_bulletins(corpus, 400)
    reference_db = tmp_path / "reference.db"
    assert run_cli("run", str(corpus), "--db", str(reference_db), "--workers", "2", "--no-progress").returncode == 0
    ref_con = sqlite3.connect(reference_db)
    reference = {
        t: dict(ref_con.execute(f"select doc_id, count(*) from {t} group by doc_id"))
        for t in ("mentions", "claims", "state_events")
    }
    expected = contents(reference_db)

    db = tmp_path / "killed.db"
    rng = random.Random(7)
    stored_after_kills = []
    # Kill points: while starting up, then once the database holds more documents than each
    # threshold (each run adds to what the killed runs before it left), then at a random moment.
    for stored_at_least in (None, 0, 120, 240, "random"):
        process = subprocess.Popen(
            pipeline_command("run", str(corpus), "--db", str(db), "--workers", "2", "--no-progress"),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        if stored_at_least is None:
            time.sleep(0.3)
        elif stored_at_least == "random":
            time.sleep(rng.uniform(0.5, 2.0))
        else:
            wait_for_documents(db, stored_at_least, process)
        try:
            os.killpg(
                process.pid, signal.SIGKILL
            )  # the run and its workers, as a laptop's OOM killer or a power cut would
        except ProcessLookupError:
            pass  # the run finished before this kill point (the assert below holds that others landed mid-run)
        process.wait()
        if db.exists():
            stored_after_kills.append(assert_whole_documents(db, reference))
    assert any(0 < n < 400 for n in stored_after_kills), stored_after_kills  # some kills landed mid-run
    result = run_cli("run", str(corpus), "--db", str(db), "--workers", "2", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert contents(db) == expected


# -- concurrent runs -------------------------------------------------------------


def test_second_concurrent_run_exits_with_a_clear_message_or_waits(tmp_path):
    from pipeline.store import Store

    corpus = tmp_path / "corpus"
    many_bulletins(corpus, 20)
    db = tmp_path / "t.db"
    holder = Store(db)  # another run holds the database
    try:
        refused = run_cli("run", str(corpus), "--db", str(db), "--no-progress")
        assert refused.returncode == 3
        assert "Another run" in refused.stderr and "--wait" in refused.stderr
        waiting = subprocess.Popen(
            pipeline_command("run", str(corpus), "--db", str(db), "--no-progress", "--wait", "60"),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        holder.close()
    _, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stderr
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0] == 20


def test_two_runs_started_together_give_the_same_database_as_one(tmp_path):
    corpus = tmp_path / "corpus"
    many_bulletins(corpus, 60)
    single = tmp_path / "single.db"
    assert run_cli("run", str(corpus), "--db", str(single), "--no-progress").returncode == 0
    db = tmp_path / "both.db"
    runs = [
        subprocess.Popen(
            pipeline_command("run", str(corpus), "--db", str(db), "--no-progress", "--wait", "120"),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for process in runs:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    assert contents(db) == contents(single)
