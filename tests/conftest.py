"""Shared fixtures: the development corpus copied into tests/fixtures, and databases built from it."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CORPUS_DEV = HERE / "fixtures" / "corpus-dev"
sys.path.insert(0, str(HERE))  # for tests/pdfmaker.py


def assert_search_matches_documents(db_path) -> None:
    """FTS5's own check that the full-text index holds exactly every document's current title and text,
    with nothing left waiting to be indexed. On an autocommit connection, closed after: the check is an
    insert and must not leave a lock behind."""
    import sqlite3

    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("insert into documents_fts(documents_fts, rank) values ('integrity-check', 1)")
        assert conn.execute("select count(*) from documents_fts_pending").fetchone()[0] == 0
    finally:
        conn.close()


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- shared by the pull tests ------------------------------------------------


def pull(*args):
    """`python -m pipeline pull ARGS` in process; an exception other than an exit is raised."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["pull", *map(str, args)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def manifest(folder: Path) -> dict[str, dict]:
    return {row["url"]: row for row in load_jsonl(folder / "manifest.jsonl")}


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def facts(path: Path):
    """What the pipeline reads from a file: metadata plus state mentions, claims and events."""
    from pipeline.extract import extract
    from pipeline.ingest import ingest_file

    document = ingest_file(path)
    extraction = extract(document)
    return {
        "meta": (document.doc_id, document.bulletin, document.published, document.place, document.title),
        "states": {(m.kind, m.value, m.role) for m in extraction.mentions if m.kind == "state"},
        "claims": {(c.metric, c.value, c.qualifier, c.state) for c in extraction.claims},
        "events": {(e.state, e.event, e.year) for e in extraction.events},
    }


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    return {g["file"]: g for g in load_jsonl(CORPUS_DEV / "gold.jsonl")}


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (CORPUS_DEV / "inai-002-18.txt").read_text(encoding="utf-8")


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the development bulletins (no gold files)."""
    target = tmp_path / "corpus"
    target.mkdir()
    for path in CORPUS_DEV.glob("inai-*"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def dev_db(tmp_path_factory):
    """The pipeline run once over the development corpus (gold files are ignored by the run)."""
    import sqlite_utils

    from pipeline.run import run

    path = tmp_path_factory.mktemp("dev") / "dev.db"
    run([str(CORPUS_DEV)], str(path), workers=1, progress=False, warn=lambda m: None)
    return sqlite_utils.Database(path)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory):
    import sqlite_utils

    from pipeline.run import run

    folder = tmp_path_factory.mktemp("seed")
    shutil.copy(CORPUS_DEV / "inai-002-18.txt", folder / "inai-002-18.txt")
    path = folder / "seed.db"
    run([str(folder)], str(path), workers=1, progress=False, warn=lambda m: None)
    return sqlite_utils.Database(path)
