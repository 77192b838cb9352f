"""Datasette in-process (its test client): canned queries, evidence links, chart, map, read-only."""

import asyncio
import sqlite3

import pytest

from pipeline.serve import make_datasette


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def rows(ds, path):
    response = get(ds, path + ("&" if "?" in path else "?") + "_shape=array")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def seed_ds(seed_db):
    return make_datasette(seed_db.conn.execute("pragma database_list").fetchone()[2]), "seed"


@pytest.fixture(scope="module")
def dev_ds(dev_db):
    return make_datasette(dev_db.conn.execute("pragma database_list").fetchone()[2]), "dev"


def test_state_story_for_the_seed(seed_ds):
    ds, db = seed_ds
    story = rows(ds, f"/{db}/state_story.json?state=Morelos")
    assert [(r["kind"], r["what"], r["value_or_year"]) for r in story] == [
        ("event", "joined", 2015),
        ("event", "plan_published", None),
        ("event", "stl_installed", None),
    ]
    assert all(r["as_written"] == "Morelos" and "Morelos" in r["evidence"] for r in story)
    assert rows(ds, f"/{db}/state_story.json?state=17") == story


def test_state_story_for_the_dev_corpus(dev_ds):
    ds, db = dev_ds
    story = rows(ds, f"/{db}/state_story.json?state=10")
    figures = [(r["doc_id"], r["what"], r["value_or_year"]) for r in story if r["kind"] == "figure"]
    assert figures == [("INAI/152/16", "commitments", 7)]
    events = {(r["what"], r["value_or_year"]) for r in story if r["kind"] == "event"}
    assert events == {
        ("joined", 2015),
        ("stl_installed", 2015),
        ("stl_installed", None),
        ("plan_published", 2016),
        ("plan_published", None),
    }


def test_program_as_of_a_date(seed_ds, dev_ds):
    ds, db = seed_ds
    assert [(r["event"], r["states"]) for r in rows(ds, f"/{db}/program_as_of.json?date=2018-01-02")] == [
        ("joined", 26),
        ("stl_installed", 16),
        ("plan_published", 10),
    ]
    assert [(r["event"], r["states"]) for r in rows(ds, f"/{db}/program_as_of.json?date=2016-12-31")] == [
        ("joined", 23)
    ]
    ds, db = dev_ds
    assert [(r["event"], r["states"]) for r in rows(ds, f"/{db}/program_as_of.json?date=2016-12-31")] == [
        ("joined", 23),
        ("stl_installed", 10),
        ("plan_published", 4),
    ]


def test_figures_over_time(dev_ds, seed_ds):
    ds, db = dev_ds
    series = rows(ds, f"/{db}/figures_over_time.json?metric=stl_installed")
    assert [(r["as_of"], r["value"]) for r in series] == [
        ("2015-12-03", 3),
        ("2016-06-09", 6),
        ("2016-12-08", 11),
        ("2017-04-20", 13),
        ("2017-10-12", 16),
        ("2018-01-02", 16),
        ("2018-08-16", 20),
        ("2019-05-09", 24),
    ]
    ds, db = seed_ds
    everything = rows(ds, f"/{db}/figures_over_time.json?metric=")
    assert {(r["metric"], r["value"], r["qualifier"]) for r in everything} == {
        ("states_participating", 26, "exact"),
        ("authorities_participating", 80, "exact"),
        ("csos_participating", 120, "more_than"),
        ("stl_installed", 16, "exact"),
        ("plans_published", 10, "exact"),
        ("commitments", 62, "exact"),
    }


def test_all_checks(dev_ds, seed_ds):
    ds, db = dev_ds
    assert [(r["check"], r["doc_id"], r["metric"]) for r in rows(ds, f"/{db}/all_checks.json")] == [
        ("list_count_mismatch", "INAI/327/16", "stl_installed")
    ]
    ds, db = seed_ds
    assert rows(ds, f"/{db}/all_checks.json") == []


def test_documents_mentioning_a_state(dev_ds, seed_ds):
    ds, db = dev_ds
    docs = rows(ds, f"/{db}/documents_mentioning_state.json?state=Ciudad de México")
    assert [r["doc_id"] for r in docs] == ["INAI/152/16", "INAI/262/17", "INAI/002/18", "INAI/198/18", "INAI/121/19"]
    assert "CDMX" in docs[1]["written_as"]
    ds, db = seed_ds
    assert [r["doc_id"] for r in rows(ds, f"/{db}/documents_mentioning_state.json?state=09")] == ["INAI/002/18"]


def test_timeline_row_links_to_its_evidence_with_the_span_highlighted(dev_ds):
    ds, db = dev_ds
    (row,) = rows(ds, f"/{db}/timeline.json?state=24&event=plan_published")
    assert row["year"] == 2017
    page = get(ds, row["evidence_url"])
    assert page.status_code == 200
    assert (
        '<mark class="evidence" id="evidence">El Plan de Acción Local de <mark class="span">San Luis Potosí</mark>, publicado el pasado 31 de agosto'
        in page.text
    )
    html = get(ds, f"/{db}/timeline?state=24").text
    assert "show in bulletin" in html


def test_evidence_without_the_span_end_shows_the_evidence_unmarked(dev_ds):
    """A hand-edited link with mark_start but no mark_end: the evidence is shown, no span marked."""
    import re

    ds, db = dev_ds
    (row,) = rows(ds, f"/{db}/timeline.json?state=24&event=plan_published")
    page = get(ds, re.sub(r"&mark_end=\d+", "", row["evidence_url"]))
    assert page.status_code == 200
    assert '<mark class="evidence" id="evidence">El Plan de Acción Local de San Luis Potosí' in page.text


def test_claim_rows_link_to_the_figure(dev_ds):
    ds, db = dev_ds
    (claim,) = rows(ds, f"/{db}/claim_evidence.json?metric=commitments&state=07")
    page = get(ds, claim["evidence_url"]).text
    assert '<mark class="span">seis</mark> compromisos' in page


def test_chart_map_facets_and_descriptions(dev_ds, dev_db):
    ds, db = dev_ds
    chart = get(ds, "/-/chart").text
    assert "<svg" in chart and chart.count('class="mark ') == 71 + 3  # one per timeline row, plus the legend
    status = get(ds, f"/{db}/state_status").text
    assert "datasette-cluster-map" in status
    table = get(ds, f"/{db}/timeline").text
    assert "Reconciled: one row per (state, event)" in table and 'data-column="event"' in table
    metadata = get(ds, "/-/metadata.json").json()
    described = metadata["databases"][db]["tables"]
    for name in (
        "documents",
        "sources",
        "mentions",
        "claims",
        "state_events",
        "timeline",
        "metric_series",
        "checks",
        "states",
        "errors",
    ):
        columns = {c[1] for c in dev_db.execute(f'pragma table_info("{name}")').fetchall()}
        assert described[name]["description"]
        assert columns <= set(described[name]["columns"]), (name, columns - set(described[name]["columns"]))


def test_served_read_only(dev_ds):
    """Opened mode=ro, not immutable: SQLite itself refuses writes, and the file may change underneath."""
    ds, db = dev_ds
    database = ds.get_database(db)
    assert database.is_mutable  # Datasette re-reads counts and schema instead of trusting a cache
    response = get(ds, f"/{db}.json?sql=delete+from+documents")
    assert response.status_code == 400
    with pytest.raises(sqlite3.OperationalError, match="read-only"):
        asyncio.run(database.execute_write("delete from documents"))
    conn = database.connect()
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("create table scratch (a)")
    conn.close()
    assert rows(ds, f"/{db}.json?sql=select+count(*)+as+n+from+documents")[0]["n"] == 10


def test_a_rebuilt_file_is_read_as_soon_as_it_is_there(tmp_path, dev_db, seed_db):
    """The path comes to name another file (removed and written again): queries go on reading the old one
    while there is none, then read the new one (a connection left on the old file would read the new
    file's write-ahead log over the old pages)."""
    path = tmp_path / "timeline.db"
    copy(dev_db, path)
    ds = make_datasette(str(path))
    count = "/timeline.json?sql=select+count(*)+as+n+from+documents"
    assert rows(ds, count)[0]["n"] == 10
    path.unlink()
    assert rows(ds, count)[0]["n"] == 10
    copy(seed_db, path)
    assert rows(ds, count)[0]["n"] == 1
    assert len(rows(ds, "/timeline/timeline.json?_size=max")) == 52


def copy(db, path) -> None:
    target = sqlite3.connect(path)
    db.conn.backup(target)
    target.close()


def test_bookkeeping_tables_are_hidden_and_documents_are_searchable(dev_ds):
    """The list of documents waiting for the full-text index (empty between runs) is not shown; search is."""
    ds, db = dev_ds
    tables = {t["name"]: t for t in get(ds, f"/{db}.json").json()["tables"]}
    assert tables["documents_fts_pending"]["hidden"] and not tables["documents"]["hidden"]
    assert [r["doc_id"] for r in rows(ds, f"/{db}/documents.json?_search=premio&_col=doc_id")] == ["INAI/301/17"]


def test_the_default_database_says_what_it_holds(tmp_path):
    """`make run` on a fresh checkout: the real seed and its PDF rendering are one document, and the front
    page, the documents table and the chart say so (the chart reads from that one bulletin)."""
    import shutil
    from pathlib import Path

    from pipeline.run import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("inai-002-18.txt", "inai-002-18.pdf"):
        shutil.copy(Path(__file__).resolve().parent.parent / "corpus" / name, corpus / name)
    db_path = tmp_path / "timeline.db"
    run([str(corpus)], str(db_path), workers=1, progress=False, warn=lambda m: None)
    ds = make_datasette(str(db_path))
    front = get(ds, "/").text
    assert "What this database holds" in front and "INAI/002/18" in front
    assert [r["doc_id"] for r in rows(ds, "/timeline/documents.json?_col=doc_id")] == ["INAI/002/18"]
    statuses = {r["source"].rsplit("/", 1)[1]: r["status"] for r in rows(ds, "/timeline/sources.json")}
    assert statuses == {"inai-002-18.txt": "ok", "inai-002-18.pdf": "duplicate"}
    timeline = rows(ds, "/timeline.json?sql=select+count(*)+as+n+from+timeline")[0]["n"]
    assert timeline == 26 + 16 + 10
    assert get(ds, "/-/chart").text.count('class="mark ') == timeline + 3  # plus the legend's
