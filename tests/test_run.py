"""The batch job: documents and sources, .txt/.pdf merging, incremental re-runs, rejected inputs."""

import os
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner
from conftest import CORPUS_DEV, assert_search_matches_documents
from pdfmaker import bulletin_pdf

from pipeline.cli import cli
from pipeline.run import run

TABLES = ("documents", "sources", "mentions", "claims", "state_events", "errors")


def run_quiet(paths, db, **kwargs):
    messages = []
    summary = run([str(p) for p in paths], str(db), workers=1, progress=False, warn=messages.append, **kwargs)
    return summary, messages


def search(db_path, phrase: str) -> list[str]:
    return [
        r["doc_id"]
        for r in sqlite_utils.Database(db_path).query(
            "select doc_id from documents where rowid in (select rowid from documents_fts where documents_fts match ?) "
            "order by doc_id",
            [phrase],
        )
    ]


def snapshot(db_path):
    db = sqlite_utils.Database(db_path)
    return {t: sorted(map(repr, db.query(f"select * from {t}")), key=str) for t in TABLES}


def test_every_dev_file_becomes_a_document_with_gold_metadata(dev_db, gold):
    rows = {
        os.path.basename(r["source"]): r
        for r in dev_db.query("select s.source, d.* from sources s join documents d on d.doc_id = s.doc_id")
    }
    assert set(rows) == set(gold)
    for name, g in gold.items():
        assert (rows[name]["bulletin"], rows[name]["published"], rows[name]["place"]) == (
            g["bulletin"],
            g["published"],
            g["place"],
        )
    assert dev_db.table("documents").count == 10
    assert {r["format"] for r in dev_db.query("select format from documents")} == {"txt", "pdf"}
    assert list(dev_db.query("select count(*) n from errors"))[0]["n"] == 0


def test_txt_and_pdf_of_one_bulletin_are_one_document(tmp_path, seed_text):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "inai-002-18.txt").write_text(seed_text, encoding="utf-8")
    bulletin_pdf(folder / "inai-002-18.pdf", seed_text)
    summary, _ = run_quiet([folder], tmp_path / "t.db")
    db = sqlite_utils.Database(tmp_path / "t.db")
    assert db.table("documents").count == 1
    sources = {os.path.basename(r["source"]): (r["status"], r["doc_id"]) for r in db.query("select * from sources")}
    assert sources == {"inai-002-18.txt": ("ok", "INAI/002/18"), "inai-002-18.pdf": ("duplicate", "INAI/002/18")}
    assert summary.duplicates == 1
    doc = next(db.query("select * from documents"))
    assert doc["format"] == "txt"  # the publisher's text is preferred over the PDF's layout
    assert_search_matches_documents(tmp_path / "t.db")  # the PDF's text was written, then replaced, in one commit
    # Removing the .txt promotes the PDF: the document stays, now read from the PDF.
    (folder / "inai-002-18.txt").unlink()
    run_quiet([folder], tmp_path / "t.db")
    doc = next(db.query("select * from documents"))
    assert doc["format"] == "pdf" and doc["pages"] >= 1
    assert db.table("claims").count == 6
    assert_search_matches_documents(tmp_path / "t.db")


def test_second_run_reads_nothing_and_changes_nothing(tmp_path, corpus_copy):
    db = tmp_path / "t.db"
    first, _ = run_quiet([corpus_copy], db)
    before = snapshot(db)
    second, _ = run_quiet([corpus_copy], db)
    assert first.read == 10 and second.read == 0 and second.skipped == 10
    assert snapshot(db) == before


def test_editing_one_file_reads_only_that_file(tmp_path, corpus_copy):
    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    target = corpus_copy / "inai-327-16.txt"
    assert search(db, "zarzamora") == []
    target.write_text(
        target.read_text(encoding="utf-8").replace("58 autoridades", "59 autoridades zarzamora"), encoding="utf-8"
    )
    summary, _ = run_quiet([corpus_copy], db)
    assert summary.read == 1 and summary.skipped == 9
    assert search(db, "zarzamora") == ["INAI/327/16"]  # searchable as soon as the run ends
    assert_search_matches_documents(db)
    values = [
        r["value"]
        for r in sqlite_utils.Database(db).query(
            "select value from claims where doc_id = 'INAI/327/16' and metric = 'authorities_participating'"
        )
    ]
    assert values == [59]


def test_touched_but_unchanged_file_is_not_read(tmp_path, corpus_copy):
    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    os.utime(corpus_copy / "inai-002-18.txt", ns=(1, 1))
    summary, _ = run_quiet([corpus_copy], db)
    assert summary.read == 0


def test_files_gone_from_a_given_folder_are_removed_with_their_rows(tmp_path, corpus_copy):
    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    (corpus_copy / "inai-152-16.txt").unlink()
    summary, _ = run_quiet([corpus_copy], db)
    assert summary.removed == 1
    database = sqlite_utils.Database(db)
    for table in ("documents", "mentions", "claims", "state_events"):
        assert not list(database.query(f"select 1 from {table} where doc_id = 'INAI/152/16'"))
    assert database.table("documents").count == 9
    assert_search_matches_documents(db)


def test_a_folder_typed_as_dot_slash_is_the_same_folder_on_every_run(tmp_path, corpus_copy, monkeypatch):
    """`run ./corpus/` once and `run corpus` (or `./corpus/` again) next: the files are the same sources,
    so nothing is read again, and a file deleted in between is removed."""
    monkeypatch.chdir(corpus_copy.parent)
    db = tmp_path / "t.db"
    first, _ = run_quiet([f"./{corpus_copy.name}/"], db)
    assert first.read == 10
    assert {r["source"] for r in sqlite_utils.Database(db).query("select source from sources")} == {
        f"{corpus_copy.name}/{p.name}" for p in corpus_copy.iterdir() if p.suffix in (".txt", ".pdf")
    }
    for spelling in (f"./{corpus_copy.name}/", corpus_copy.name, f"./{corpus_copy.name}/"):
        again, _ = run_quiet([spelling], db)
        assert (again.read, again.skipped) == (0, 10)
    (corpus_copy / "inai-152-16.txt").unlink()
    after, _ = run_quiet([f"./{corpus_copy.name}"], db)
    assert (after.read, after.removed) == (0, 1)
    assert not list(sqlite_utils.Database(db).query("select 1 from documents where doc_id = 'INAI/152/16'"))


def bad_inputs(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 50)
    good_pdf = (CORPUS_DEV / "inai-121-19.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good_pdf[:1500])
    from pdfmaker import write_pdf

    write_pdf(folder / "encrypted.pdf", [["Ciudad de México, a 2 de enero de 2018", "Texto."]], encrypt="clave")
    write_pdf(folder / "scan.pdf", [["x"] * 5], image_only=True)
    (folder / "huge.txt").write_bytes(b"Texto largo. " * 200_000)


EXPECTED_ERRORS = {
    "empty.txt": "empty",
    "junk.txt": "binary",
    "truncated.pdf": "damaged or truncated",
    "encrypted.pdf": "encrypted",
    "scan.pdf": "no text layer",
    "huge.txt": "over the",
}


def test_bad_inputs_each_get_one_clear_error_and_the_run_goes_on(tmp_path, corpus_copy):
    bad_inputs(corpus_copy)
    db = tmp_path / "t.db"
    result = CliRunner().invoke(
        cli,
        ["run", str(corpus_copy), "--db", str(db), "--workers", "1", "--no-progress", "--max-bytes", str(2_000_000)],
    )
    assert result.exit_code == 0, result.output
    database = sqlite_utils.Database(db)
    errors = {os.path.basename(r["source"]): r for r in database.query("select * from errors")}
    assert set(errors) == set(EXPECTED_ERRORS)
    for name, fragment in EXPECTED_ERRORS.items():
        assert fragment in errors[name]["error"]
        assert errors[name]["stage"] == "ingest"
        assert f"{name}: " in result.output  # warned on stderr too
    assert database.table("documents").count == 10
    statuses = {os.path.basename(r["source"]): r["status"] for r in database.query("select * from sources")}
    assert all(statuses[name] == "rejected" for name in EXPECTED_ERRORS)


def test_a_good_file_turning_bad_loses_only_its_own_rows(tmp_path, corpus_copy):
    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    (corpus_copy / "inai-318-15.txt").write_bytes(b"\x00\x01\x02" * 1000)
    summary, messages = run_quiet([corpus_copy], db)
    database = sqlite_utils.Database(db)
    assert summary.rejected == 1 and any("inai-318-15.txt" in m for m in messages)
    assert database.table("documents").count == 9
    assert database.table("errors").count == 1
    assert_search_matches_documents(db)


def test_run_without_inputs_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "nowhere"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "No input found" in result.output


def test_database_schema_matches_the_spec(dev_db):
    expected = {
        "documents": {
            "doc_id",
            "bulletin",
            "published",
            "place",
            "title",
            "source",
            "format",
            "sha256",
            "pages",
            "text",
        },
        "sources": {"source", "sha256", "format", "doc_id", "status"},
        "mentions": {
            "doc_id",
            "start",
            "end",
            "surface",
            "kind",
            "value",
            "role",
            "qualifier",
            "unit",
            "metric",
            "page",
        },
        "claims": {"doc_id", "start", "end", "metric", "value", "qualifier", "state", "as_of", "evidence"},
        "state_events": {"doc_id", "start", "end", "state", "event", "year", "as_of", "evidence"},
        "timeline": {"state", "state_name", "event", "year", "first_reported", "sources", "conflict"},
        "metric_series": {"metric", "state", "as_of", "value", "qualifier", "sources", "doc_ids"},
        "checks": {"check", "doc_id", "metric", "state", "event", "expected", "found", "detail"},
        "states": {"code", "name", "aliases", "lat", "lon"},
        "errors": {"source", "sha256", "stage", "error", "at"},
    }
    for table, columns in expected.items():
        found = {c[1] for c in dev_db.execute(f'pragma table_info("{table}")').fetchall()}
        assert columns <= found, (table, columns - found)
    assert dev_db.table("states").count == 32
    types = {r["kind"]: r["t"] for r in dev_db.query("select kind, typeof(value) t from mentions group by kind")}
    assert types == {"state": "text", "year": "integer", "count": "integer", "date": "text"}
    assert (
        list(dev_db.query("select value from mentions where kind='state' and surface='Ciudad de México' limit 1"))[0][
            "value"
        ]
        == "09"
    )


def test_stored_facts_are_the_extraction_field_for_field_with_none_as_null(dev_db):
    """The writer binds stand-ins for NULL (see NULL_STAND_INS); what is stored is the extraction itself."""
    from dataclasses import astuple

    from pipeline.extract import extract
    from pipeline.store import SCHEMA, document_from_row

    nulls = 0
    for row in dev_db.query("select * from documents"):
        document = document_from_row(row)
        extraction = extract(document)
        for table, facts in (
            ("mentions", extraction.mentions),
            ("claims", extraction.claims),
            ("state_events", extraction.events),
        ):
            columns = list(SCHEMA[table][0])[1:]
            stored = [
                tuple(r[c] for c in columns)
                for r in dev_db.query(f"select * from {table} where doc_id = ? order by rowid", [row["doc_id"]])
            ]
            expected = [astuple(f) + (() if table == "mentions" else (document.page_at(f.start),)) for f in facts]
            assert stored == expected, (row["doc_id"], table)
            nulls += sum(value is None for r in stored for value in r)
    assert nulls > 100  # role, qualifier, unit, metric, year and page are NULL where the extraction has None
    assert (
        dev_db.execute("select count(*) from mentions where page = 0 or qualifier = '' or metric = ''").fetchone()[0]
        == 0
    )


def test_full_text_search_on_documents(dev_db):
    hits = [
        r["doc_id"]
        for r in dev_db.query(
            "select doc_id from documents where rowid in (select rowid from documents_fts where documents_fts match 'premio')"
        )
    ]
    assert hits == ["INAI/301/17"]


def _stored_rows(corpora, db, **kwargs) -> dict:
    run(corpora, str(db), progress=False, warn=lambda message: None, **kwargs)
    rows = sqlite_utils.Database(db)
    return {
        t: sorted(
            repr({k: v for k, v in r.items() if k not in ("read_at", "at")}) for r in rows.query(f"select * from {t}")
        )
        for t in TABLES
    }


FIXTURE_CORPORA = sorted(str(p) for p in (Path(__file__).parent / "fixtures").glob("corpus-*"))


def test_workers_store_exactly_what_one_process_stores(tmp_path, monkeypatch):
    """Three workers (two pool processes, and the writer extracting too) give the rows one process gives."""
    import pipeline.run.pool
    from pipeline.run import BATCH

    one = _stored_rows(FIXTURE_CORPORA, tmp_path / "one.db", workers=1)
    assert len(one["sources"]) > 4 * BATCH  # enough files for several batches in the pool processes
    assert len(one["mentions"]) > 1000
    # Two batches in flight per pool process, so the writer extracts batches of its own as well.
    monkeypatch.setattr(pipeline.run.pool, "IN_FLIGHT", 2 * BATCH)
    here = []
    monkeypatch.setattr(pipeline.run.pool._InProcess, "__call__", _counted(pipeline.run.pool._InProcess.__call__, here))
    assert _stored_rows(FIXTURE_CORPORA, tmp_path / "three.db", workers=3) == one
    assert 0 < sum(here) < len(one["sources"])


def _counted(call, sizes: list):
    def counting(self, batch):
        sizes.append(len(batch))
        return call(self, batch)

    return counting


def test_the_pool_pipes_are_enlarged():
    """A finished batch (about 250 KB) fits the result pipe at once, so pool processes do not wait on the writer."""
    import fcntl
    import multiprocessing

    from pipeline.run.pool import PIPE_BYTES, _enlarge_pipes

    with multiprocessing.get_context("fork").Pool(1) as pool:
        _enlarge_pipes(pool)
        sizes = [fcntl.fcntl(q._reader.fileno(), fcntl.F_GETPIPE_SZ) for q in (pool._inqueue, pool._outqueue)]
        assert pool.apply(sum, ([1, 2, 3],)) == 6
    assert sizes == [PIPE_BYTES, PIPE_BYTES]


def test_a_rebuilt_pipeline_reads_the_same(tmp_path, monkeypatch):
    """The in-process pipeline is rebuilt every RECYCLE_AFTER documents (its vocabulary grows); facts stay the same."""
    import pipeline.run.pool
    from pipeline.nlp import get_nlp

    one = _stored_rows(FIXTURE_CORPORA, tmp_path / "one.db", workers=1)
    before = get_nlp()
    monkeypatch.setattr(pipeline.run.pool, "RECYCLE_AFTER", 20)
    assert _stored_rows(FIXTURE_CORPORA, tmp_path / "recycled.db", workers=1) == one
    assert get_nlp() is not before


def test_full_text_index_merges_sixteen_segments_at_a_time_and_finds_phrases(dev_db):
    """FTS5's automerge is raised from 4 to 16 (less merging per written document); search still works."""
    config = dict(dev_db.execute("select k, v from documents_fts_config").fetchall())
    assert config["automerge"] == 16
    found = dev_db.execute(
        "select count(*) from documents_fts where documents_fts match ?", ['"secretariado tecnico local"']
    ).fetchone()[0]
    assert found >= 3  # remove_diacritics: 'técnico' matches 'tecnico'


def test_a_rule_change_re_extracts_from_stored_text_without_reading_files(tmp_path, corpus_copy, monkeypatch):
    import pipeline.rules
    import pipeline.run.work

    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    before = snapshot(db)
    index_before = _full_text_index(db)
    monkeypatch.setattr(pipeline.rules, "extract_version", lambda: "rules edited")
    monkeypatch.setattr(
        pipeline.run.work, "ingest_file", lambda *a, **k: (_ for _ in ()).throw(AssertionError("a file was read"))
    )
    summary, messages = run_quiet([corpus_copy], db)
    assert (summary.read, summary.reextracted, messages) == (0, 10, [])
    after = snapshot(db)
    assert {t: after[t] for t in ("mentions", "claims", "state_events")} == {
        t: before[t] for t in ("mentions", "claims", "state_events")
    }
    versions = {r["extract_version"] for r in sqlite_utils.Database(db).query("select extract_version from documents")}
    assert versions == {"rules edited"}
    assert _full_text_index(db) == index_before  # the texts did not change, so neither did their index


def test_extract_version_hashes_every_module_extraction_imports():
    """Editing any module extraction runs must re-extract stored documents, wherever the module was moved."""
    import subprocess
    import sys

    from pipeline.rules import PACKAGE_DIR, extraction_files

    # A fresh interpreter: this one has loaded the whole package by now.
    child = (
        "import sys, pipeline.extract\nfor m in list(sys.modules.values()): print(getattr(m, '__file__', None) or '')"
    )
    loaded = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout
    modules = {Path(f).resolve() for f in loaded.splitlines() if f}
    modules = {f for f in modules if f.is_relative_to(PACKAGE_DIR)}
    # The package marker, and the loader of the rule files (the rule files themselves are hashed).
    modules -= {PACKAGE_DIR / "__init__.py", PACKAGE_DIR / "rules.py"}
    assert len(modules) > 10 and modules <= {f.resolve() for f in extraction_files()}


def _full_text_index(db_path) -> list:
    """FTS5's averages and segments, less its structure record (id 10), whose cookie each Store() bumps."""
    return (
        sqlite_utils.Database(db_path)
        .execute("select id, block from documents_fts_data where id != 10 order by id")
        .fetchall()
    )


def test_a_database_with_sqlite_utils_full_text_triggers_gets_the_grouped_ones(tmp_path, corpus_copy):
    """Databases written before the grouped indexing keep a consistent index once a run replaces the triggers."""
    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    older = sqlite_utils.Database(db)
    for trigger in ("documents_ai", "documents_ad", "documents_au"):
        older.execute(f"drop trigger {trigger}")
    older["documents"].enable_fts(
        ["title", "text"], create_triggers=True, replace=True, tokenize="unicode61 remove_diacritics 2"
    )
    old = sqlite_utils.Database(db).execute("select sql from sqlite_master where name = 'documents_ai'").fetchone()[0]
    assert "documents_fts_pending" not in old
    (corpus_copy / "inai-152-16.txt").unlink()
    target = corpus_copy / "inai-327-16.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nzarzamora\n", encoding="utf-8")
    run_quiet([corpus_copy], db)
    assert search(db, "zarzamora") == ["INAI/327/16"]
    assert_search_matches_documents(db)
    new = sqlite_utils.Database(db).execute("select sql from sqlite_master where name = 'documents_ai'").fetchone()[0]
    assert "documents_fts_pending" in new


def _failing_on(bulletin: str, real):
    """``real`` extraction, except that it raises on ``bulletin``, as a rule bug would."""

    def extract(document, nlp=None):
        if document.bulletin == bulletin:
            raise RuntimeError("rule bug")
        return real(document, nlp)

    return extract


def test_a_failed_extraction_keeps_the_text_and_records_why(tmp_path, corpus_copy, monkeypatch):
    import pipeline.extract

    monkeypatch.setattr(pipeline.extract, "extract", _failing_on("INAI/002/18", pipeline.extract.extract))
    db = tmp_path / "t.db"
    summary, messages = run_quiet([corpus_copy], db)
    rows = sqlite_utils.Database(db)
    doc_id = next(rows.query("select doc_id from documents where bulletin = 'INAI/002/18'"))["doc_id"]
    assert next(rows.query("select count(*) n from mentions where doc_id = ?", [doc_id]))["n"] == 0
    errors = list(rows.query("select stage, error from errors"))
    assert [e["stage"] for e in errors] == ["extract"] and "Extraction failed (RuntimeError: rule bug)" in errors[0][
        "error"
    ]
    assert any("rule bug" in m for m in messages)
    assert next(rows.query("select count(*) n from mentions"))["n"] > 100  # the other bulletins keep their facts


def test_a_failed_re_extraction_records_why_and_a_later_success_clears_it(tmp_path, corpus_copy, monkeypatch):
    """After a rule change, a document the new rules cannot read keeps its text, loses its facts, and gets
    an errors row like a first read's failure; the next rule change that reads it again removes that row."""
    import pipeline.extract
    import pipeline.rules

    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    rows = sqlite_utils.Database(db)
    doc_id = next(rows.query("select doc_id from documents where bulletin = 'INAI/002/18'"))["doc_id"]
    real = pipeline.extract.extract
    monkeypatch.setattr(pipeline.rules, "extract_version", lambda: "rules edited")
    monkeypatch.setattr(pipeline.extract, "extract", _failing_on("INAI/002/18", real))
    summary, messages = run_quiet([corpus_copy], db)
    assert summary.reextracted == 10 and any("rule bug" in m for m in messages)
    assert next(rows.query("select count(*) n from mentions where doc_id = ?", [doc_id]))["n"] == 0
    assert (
        next(rows.query("select count(*) n from documents where doc_id = ? and length(text) > 0", [doc_id]))["n"] == 1
    )
    errors = list(rows.query("select source, stage, error from errors"))
    assert [e["stage"] for e in errors] == ["extract"] and "Extraction failed (RuntimeError: rule bug)" in errors[0][
        "error"
    ]
    assert errors[0]["source"] == next(rows.query("select source from documents where doc_id = ?", [doc_id]))["source"]

    monkeypatch.setattr(pipeline.rules, "extract_version", lambda: "rules mended")
    monkeypatch.setattr(pipeline.extract, "extract", real)
    run_quiet([corpus_copy], db)
    assert list(rows.query("select * from errors")) == []
    assert next(rows.query("select count(*) n from mentions where doc_id = ?", [doc_id]))["n"] > 0


VIEWS = ("timeline", "metric_series", "checks")


def _query_indexes(db) -> set[str]:
    from pipeline.store import QUERY_INDEXES

    names = {r[0] for r in db.execute("select name from sqlite_master where type = 'index'").fetchall()}
    return {
        name
        for name in names
        if any(name.startswith(f"idx_{table}_") and "doc_id" not in name for table in QUERY_INDEXES)
    }


def _doc_id_indexes(db) -> set[str]:
    names = {r[0] for r in db.execute("select name from sqlite_master where type = 'index'").fetchall()}
    return {name for name in names if name.endswith("_doc_id") and not name.startswith(("idx_sources", "idx_errors"))}


def test_a_large_run_builds_the_readers_indexes_at_its_end_and_stores_the_same(tmp_path, monkeypatch):
    """A first load writes without the (state, event) and (metric, state) indexes, and without the fact
    tables' doc_id indexes, and builds them once at the end; rows and views are those of a run that kept
    the indexes up. The corpora hold .txt and .pdf pairs: a document written again in the run has its
    earlier rows deleted by rowid range."""
    import pipeline.store.indexes
    from pipeline.store import Store
    from pipeline.store.indexes import WrittenRows

    monkeypatch.setattr(pipeline.store.indexes, "DEFER_INDEXES_MIN", 10**9)
    kept = _stored_rows(FIXTURE_CORPORA, tmp_path / "kept.db", workers=1)
    kept_views = _views(tmp_path / "kept.db")
    monkeypatch.setattr(pipeline.store.indexes, "DEFER_INDEXES_MIN", 1)
    monkeypatch.setattr(pipeline.store.indexes, "DEFER_DOC_ID_INDEXES_MIN", 1)
    seen_while_writing, forgotten = [], []
    real_write, real_forget = Store.write_document, WrittenRows.forget

    def write_document(self, *args, **kwargs):
        seen_while_writing.append(frozenset(_query_indexes(self.db) | _doc_id_indexes(self.db)))
        return real_write(self, *args, **kwargs)

    def forget(self, doc_id):
        spans = real_forget(self, doc_id)
        forgotten.append(spans)
        return spans

    monkeypatch.setattr(Store, "write_document", write_document)
    monkeypatch.setattr(WrittenRows, "forget", forget)
    assert _stored_rows(FIXTURE_CORPORA, tmp_path / "deferred.db", workers=1) == kept
    assert _views(tmp_path / "deferred.db") == kept_views and kept_views["timeline"]
    assert set(seen_while_writing) == {frozenset()}
    assert any(forgotten)  # a pair's first-read file had its rows replaced
    built = sqlite_utils.Database(tmp_path / "deferred.db")
    assert _query_indexes(built) == {"idx_state_events_state_event", "idx_claims_metric_state"}
    assert _doc_id_indexes(built) == {"idx_mentions_doc_id", "idx_claims_doc_id", "idx_state_events_doc_id"}


def test_a_large_run_into_a_database_with_documents_keeps_the_doc_id_indexes(tmp_path, monkeypatch):
    """Its documents may replace stored ones, whose rows only the doc_id indexes find quickly."""
    import pipeline.store.indexes
    from pipeline.store import Store

    monkeypatch.setattr(pipeline.store.indexes, "DEFER_INDEXES_MIN", 1)
    monkeypatch.setattr(pipeline.store.indexes, "DEFER_DOC_ID_INDEXES_MIN", 1)
    db = tmp_path / "t.db"
    run_quiet([FIXTURE_CORPORA[0]], db)
    seen = set()
    real_write = Store.write_document

    def write_document(self, *args, **kwargs):
        seen.add(frozenset(_doc_id_indexes(self.db)))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Store, "write_document", write_document)
    run_quiet(FIXTURE_CORPORA[1:3], db)
    assert seen == {frozenset({"idx_mentions_doc_id", "idx_claims_doc_id", "idx_state_events_doc_id"})}


def _views(db_path) -> dict:
    db = sqlite_utils.Database(db_path)
    return {v: sorted(map(repr, db.query(f"select * from {v}"))) for v in VIEWS}


def test_only_a_run_that_writes_much_of_the_database_defers_its_indexes(tmp_path, monkeypatch):
    """Kept up, the indexes cost per document written; built anew, per document stored."""
    import pipeline.store.indexes
    from pipeline.store import Store

    monkeypatch.setattr(pipeline.store.indexes, "DEFER_INDEXES_MIN", 5)
    store = Store(tmp_path / "t.db")
    try:
        assert store.worth_deferring(5) and not store.worth_deferring(4)  # an empty database: any run past the minimum
        with store.db.atomic():
            store.db["documents"].insert_all({"doc_id": f"D{i}", "text": ""} for i in range(100))
        assert not store.worth_deferring(5)  # five more into a hundred: keep them up
        assert store.worth_deferring(100)
    finally:
        store.close()


def test_indexes_dropped_by_a_killed_or_failed_run_come_back(tmp_path):
    from pipeline.store import Store

    store = Store(tmp_path / "t.db")
    try:
        with store.query_indexes_deferred():
            raise RuntimeError("the run failed")
    except RuntimeError:
        pass
    assert len(_query_indexes(store.db)) == 2
    store._drop_query_indexes()  # as a run killed while writing leaves them
    store.close()
    assert _query_indexes(sqlite_utils.Database(tmp_path / "t.db")) == set()
    Store(tmp_path / "t.db").close()
    assert len(_query_indexes(sqlite_utils.Database(tmp_path / "t.db"))) == 2


def test_savepoint_journals_stay_in_memory_but_index_builds_sort_in_files_on_helper_threads(tmp_path, monkeypatch):
    """temp_store=MEMORY keeps each document's savepoint journal out of temporary files; an index build
    in memory would hold the whole sort there (181 against 48 MB at 100,000 bulletins). The build sorts
    with helper threads (nothing else runs then), the writes without."""
    import pipeline.store.indexes
    from pipeline.store import Store

    monkeypatch.setattr(pipeline.store.indexes, "DEFER_INDEXES_MIN", 1)
    monkeypatch.setattr(pipeline.store.indexes, "SORT_THREADS", 2)
    seen = {"write": set(), "index": set()}
    real_write, real_indexes = Store.write_document, Store._create_query_indexes

    def settings(db):
        return db.execute("pragma temp_store").fetchone()[0], db.execute("pragma threads").fetchone()[0]

    def write_document(self, *args, **kwargs):
        seen["write"].add(settings(self.db))
        return real_write(self, *args, **kwargs)

    def create_query_indexes(self):
        seen["index"].add(settings(self.db))
        return real_indexes(self)

    monkeypatch.setattr(Store, "write_document", write_document)
    monkeypatch.setattr(Store, "_create_query_indexes", create_query_indexes)
    run([FIXTURE_CORPORA[0]], str(tmp_path / "t.db"), progress=False, warn=lambda message: None, workers=1)
    MEMORY, DEFAULT = 2, 0
    assert seen["write"] == {(MEMORY, 0)}
    assert seen["index"] == {(DEFAULT, 2)}


def test_a_small_fresh_build_keeps_the_doc_id_indexes(tmp_path, monkeypatch):
    """Below DEFER_DOC_ID_INDEXES_MIN documents they fit the page cache; only the readers' indexes wait."""
    import pipeline.store.indexes
    from pipeline.store import Store

    monkeypatch.setattr(pipeline.store.indexes, "DEFER_INDEXES_MIN", 1)
    monkeypatch.setattr(pipeline.store.indexes, "DEFER_DOC_ID_INDEXES_MIN", 10**6)
    seen = set()
    real_write = Store.write_document

    def write_document(self, *args, **kwargs):
        seen.add((frozenset(_query_indexes(self.db)), frozenset(_doc_id_indexes(self.db))))
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Store, "write_document", write_document)
    run_quiet([FIXTURE_CORPORA[0]], tmp_path / "t.db")
    assert seen == {(frozenset(), frozenset({"idx_mentions_doc_id", "idx_claims_doc_id", "idx_state_events_doc_id"}))}


def test_a_database_from_an_earlier_version_gains_new_columns_and_keeps_its_rows(tmp_path, corpus_copy):
    """A column added to the schema (state_events.date) is added to an existing database on the next run."""
    db = tmp_path / "t.db"
    run_quiet([corpus_copy], db)
    rows = sqlite_utils.Database(db)
    events = rows.execute("select count(*) from state_events").fetchone()[0]
    for (view,) in rows.execute("select name from sqlite_master where type = 'view'").fetchall():
        rows.execute(f"drop view {view}")  # the views read the column now; the run makes them again
    rows.execute("alter table state_events drop column date")
    rows.conn.commit()
    assert "date" not in rows["state_events"].columns_dict
    (corpus_copy / "inai-327-16.txt").write_text((corpus_copy / "inai-327-16.txt").read_text() + "\n", "utf-8")
    run_quiet([corpus_copy], db)
    rows = sqlite_utils.Database(db)
    assert "date" in rows["state_events"].columns_dict
    assert rows.execute("select count(*) from state_events").fetchone()[0] == events
    assert rows.execute("select count(*) from timeline").fetchone()[0] > 0


def test_a_site_heads_span_is_stored_and_kept_when_re_extracting_from_stored_text(tmp_path, monkeypatch):
    """The head line's state stays no participant when a rule change re-extracts from the database."""
    import pipeline.rules

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nota.txt").write_text(
        "León, Guanajuato, México, a martes 3 de marzo de 2026\n\nSe instala el comité\n\n"
        "Ana Pérez Ruiz, 12 de mayo de 2019\n\nLeón, Gto.- El comité de Colima sesionó ayer con el instituto.\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"

    def roles():
        rows = sqlite_utils.Database(db).query("select value, role from mentions where kind = 'state' order by 1")
        return [(r["value"], r["role"]) for r in rows]

    run_quiet([corpus], db)
    document = next(sqlite_utils.Database(db).query("select site_head_start, site_head_end, text from documents"))
    assert document["text"][document["site_head_start"] : document["site_head_end"]].startswith("León, Guanajuato")
    expected = [("06", "body"), ("11", "dateline"), ("11", "dateline")]  # the head's "Guanajuato", the lead's "Gto."
    assert roles() == expected
    monkeypatch.setattr(pipeline.rules, "extract_version", lambda: "rules edited")
    summary, _ = run_quiet([corpus], db)
    assert summary.reextracted == 1 and roles() == expected
