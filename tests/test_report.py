"""output/report.html from real runs: the seed bulletin alone, the development corpus, and an empty database.

The page must say what the database holds, draw every timeline row and every
program figure, and stay one file that needs no network.
"""

from __future__ import annotations

import csv
import re
import sqlite3

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.reconcile import reconcile
from pipeline.report import report_html
from pipeline.report.axis import TimeAxis, period
from pipeline.report.tilemap import TILES
from pipeline.report.timeline import LEFT, YEAR_W, timeline_rows, timeline_svg
from pipeline.store import Store


def path_of(db) -> str:
    return db.conn.execute("pragma database_list").fetchone()[2]


@pytest.fixture(scope="module")
def seed_page(seed_db) -> str:
    return report_html(path_of(seed_db))


@pytest.fixture(scope="module")
def dev_page(dev_db) -> str:
    return report_html(path_of(dev_db))


def section(page: str, name: str) -> str:
    return re.search(rf'<section id="{name}">(.*?)</section>', page, flags=re.S).group(1)


def test_one_bulletin_says_so_and_names_it(seed_page):
    holdings = section(seed_page, "holdings")
    assert "1 document, about the program, published 2018-01-02." in holdings
    assert "<strong>INAI/002/18</strong> 2018-01-02" in holdings
    assert "nothing here is checked against other sources" in holdings
    assert "26 of the 32 states joined the program, 16 installed" in section(seed_page, "map")
    assert "stated on one date only" in section(seed_page, "figures")
    assert "With one document there is nothing to compare across bulletins" in section(seed_page, "findings")


def test_the_page_is_one_offline_file(seed_page, dev_page):
    for page in (seed_page, dev_page):
        assert "<script" not in page and "<link" not in page and "@import" not in page
        addresses = set(re.findall(r'(?:href|src)="(https?://[^/"]+)', page))
        assert addresses <= {"http://127.0.0.1:8001"}  # evidence links to `make serve`, nothing fetched


def test_every_timeline_row_is_drawn_and_every_state_is_on_the_map(dev_db, dev_page):
    rows = dev_db.execute("select count(*) from timeline").fetchone()[0]
    when = section(dev_page, "timeline")
    assert when.count('class="mark ') == rows + 3  # one per row, three in the legend
    assert when.count('class="bound"') == 8  # the eight rows no bulletin dates
    tiles = re.findall(r'<g class="tile" data-status="([^"]+)">', section(dev_page, "map"))
    statuses = [r[0] for r in dev_db.execute("select status from state_status")]
    assert sorted(tiles) == sorted(statuses) and len(tiles) == 32


def test_the_states_table_gives_dates_bounds_and_evidence(dev_page):
    table = section(dev_page, "state-table")
    assert table.count('<th scope="row">') == 32
    campeche = re.search(r'<th scope="row">Campeche</th>(.*?)</tr>', table, flags=re.S).group(1)
    assert "between 2016-06-09 and 2016-12-08" in campeche  # its Secretariado: bounded, not dated
    assert "between 2017-10-12 and 2018-01-02" in campeche
    link = re.search(r'<a href="(http://127\.0\.0\.1:8001/-/evidence\?[^"]+)" title="([^"]*)">evidence</a>', campeche)
    assert link and "Campeche" in link.group(2)


def test_figures_over_time_mark_the_contradicted_figure(dev_page):
    figures = section(dev_page, "figures")
    assert figures.count('class="step"') == 6  # every metric is stated on several dates
    (ringed,) = re.findall(r'<g class="figure conflict"><title>([^<]*)</title>', figures)
    assert ringed.startswith("11 on 2016-12-08: INAI/327/16") and "lists 10 states" in ringed


def test_findings_in_words(dev_page):
    findings = section(dev_page, "findings")
    assert "<h3>A figure differs from the states listed with it (1)</h3>" in findings
    assert "INAI/327/16 says 11 stl_installed but lists 10 states" in findings


def test_an_empty_database(tmp_path):
    db = tmp_path / "empty.db"
    store = Store(db)
    reconcile(store.db)
    store.close()
    page = report_html(str(db))
    assert "holds no documents yet" in page
    assert "No timeline rows yet" in page and "The bulletins state no program figure." in page


def test_a_dated_event_at_its_date_and_an_undated_one_as_a_bar(dev_db):
    """Dates as the bulletins give them: Sonora's Secretariado in February 2017 (INAI/098/17), the Ciudad de
    México's on 21 June 2018 (INAI/198/18)."""
    rows = timeline_rows(dev_db.conn)
    svg = timeline_svg(rows, 2015)
    axis = TimeAxis(2015, 2019, LEFT, YEAR_W * 5)

    def drawn(title_start: str) -> str:
        return re.search(rf'<g class="mark stl_installed"><title>{title_start}[^<]*</title>(.*?)</g>', svg).group(1)

    month = drawn("Sonora: Secretariado Técnico Local instalado, 2017-02;")
    start, end = period("2017-02")
    assert f'x1="{axis.x(start):.1f}"' in month and f'x2="{axis.x(end):.1f}"' in month  # a line across February
    day = drawn("Ciudad de México: Secretariado Técnico Local instalado, 2018-06-21;")
    assert "<line" not in day and f'x="{axis.x(period("2018-06-21")[0]) - 5:.1f}"' in day
    bar = drawn("Campeche: Secretariado Técnico Local instalado, between 2016-06-09 and 2016-12-08")
    x1, x2 = axis.x(period("2016-06-09")[0]), axis.x(period("2016-12-08")[0])
    assert f'class="bound" x="{x1:.1f}"' in bar and f'width="{x2 - x1:.1f}"' in bar


def test_the_tile_grid_places_each_state_once(dev_db):
    with TILES.open(encoding="utf-8") as rows:
        tiles = list(csv.DictReader(rows))
    codes = {r[0] for r in dev_db.execute("select code from states")}
    assert {t["code"] for t in tiles} == codes and len(tiles) == 32
    assert len({(t["row"], t["column"]) for t in tiles}) == 32
    assert len({t["abbreviation"] for t in tiles}) == 32


def test_report_command_points_evidence_at_the_given_datasette(tmp_path, seed_db):
    out = tmp_path / "report.html"
    args = ["report", "--db", path_of(seed_db), "--out", str(out), "--datasette", "http://localhost:9000/"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert 'href="http://localhost:9000/-/evidence?doc_id=INAI/002/18' in page
    with sqlite3.connect(path_of(seed_db)) as conn:
        assert page.count(">evidence</a>") == conn.execute("select count(*) from timeline").fetchone()[0]
