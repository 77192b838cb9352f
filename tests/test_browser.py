"""Headless Chromium against a live Datasette: the pages render, JavaScript runs, links lead to evidence.

Builds a database from the development bulletins (tests/fixtures/corpus-dev), serves it with
``python -m pipeline serve`` on a free port of 127.0.0.1 (and writes its offline
report, opened from the file), and drives
``/usr/bin/chromium --headless`` with plain subprocess calls: ``--dump-dom``
for the DOM after JavaScript ran, ``--screenshot`` for a PNG a person can look
at (copied to output/screenshots/).

Chromium is Debian's package. When it is missing and the tests run as root, the
session installs it (``apt-get update`` then ``apt-get install -y
--no-install-recommends chromium``, output kept in the pytest tmp dir); otherwise
they fail with the command to run. Chromium may only reach 127.0.0.1: every
other host name resolves to nothing, so the map's internet tiles never load
(the map container and its markers still render).

Run:  .venv/bin/python -m pytest -q tests/test_browser.py   (or -m browser)
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from served import fetch, served

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "fixtures" / "corpus-dev"  # many states, so the map and chart have rows to show
SCREENSHOTS_FOR_PEOPLE = REPO / "output" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
INSTALL_HINT = "sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--no-proxy-server",
    # Only 127.0.0.1 is reachable: fail every other name without asking DNS.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--virtual-time-budget=5000",
]
WIDTH = 1400
ERROR_WORDS = ("error 500", "internal server error", "not found")


# -- fixtures ----------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium(tmp_path_factory) -> str:
    """Path of the Chromium binary, installing Debian's package first when missing (root only)."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if os.geteuid() != 0:
        pytest.fail(
            f"{CHROMIUM} is missing and these tests are not running as root, so they cannot install it. "
            f"Install it with:  {INSTALL_HINT}",
            pytrace=False,
        )
    log = tmp_path_factory.mktemp("chromium-install") / "apt-get.log"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    with log.open("w") as out:
        for command in (["apt-get", "update"], ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]):
            out.write(f"$ {' '.join(command)}\n")
            out.flush()
            try:
                code = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT, env=env, timeout=1800).returncode
            except subprocess.TimeoutExpired:
                code = "timeout"
            if code != 0:
                out.close()
                tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
                pytest.fail(
                    f"`{' '.join(command)}` failed ({code}); full output in {log}. Install Chromium by hand "
                    f"with:  {INSTALL_HINT}\n{tail}",
                    pytrace=False,
                )
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is still missing; see {log}", pytrace=False)
    return CHROMIUM


@pytest.fixture(scope="session")
def database(tmp_path_factory) -> Path:
    """The pipeline over the development bulletins, named timeline.db so Datasette calls it `timeline`."""
    from pipeline.run import run

    db = tmp_path_factory.mktemp("browser-db") / "timeline.db"
    run([str(CORPUS)], str(db), workers=1, progress=False, warn=lambda message: None)
    return db


@pytest.fixture(scope="session")
def server(database, tmp_path_factory):
    """`python -m pipeline serve` on a free port of 127.0.0.1; yields its base URL."""
    with served(database, tmp_path_factory.mktemp("serve") / "serve.log") as base:
        yield base


@pytest.fixture(scope="session")
def browser(chromium, server, tmp_path_factory):
    return Browser(chromium, server, tmp_path_factory.mktemp("chromium"), tmp_path_factory.mktemp("screenshots"))


class Browser:
    """Headless Chromium, one fresh profile per call."""

    def __init__(self, binary: str, base: str, work: Path, shots: Path):
        self.binary, self.base, self.work, self.shots = binary, base, work, shots

    def _run(self, args: list[str], path: str, height: int = 1000) -> subprocess.CompletedProcess:
        profile = tempfile.mkdtemp(prefix="profile-", dir=self.work)
        try:
            done = subprocess.run(
                [
                    self.binary,
                    *CHROMIUM_FLAGS,
                    f"--window-size={WIDTH},{height}",
                    f"--user-data-dir={profile}",
                    *args,
                    path if "://" in path else self.base + path,
                ],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=self.work,
            )
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        assert done.returncode == 0, f"chromium failed on {path} ({done.returncode}):\n{done.stderr[-3000:]}"
        return done

    def dom(self, path: str) -> str:
        """The page's DOM after its JavaScript ran, checked not to be an error page."""
        if "://" not in path:  # a page of the server, not a file
            status, _ = fetch(self.base + path)
            assert status == 200, f"{path} answered {status}"
        dom = self._run(["--dump-dom"], path).stdout
        assert dom.strip(), f"chromium printed no DOM for {path}"
        headings = [text for tag in ("title", "h1") for text in find_texts(dom, tag)]
        for text in headings:
            assert not any(word in text.lower() for word in ERROR_WORDS), f"{path} looks like an error page: {text!r}"
        return dom

    def screenshot(self, path: str, name: str, height: int = 1000) -> Path:
        """A checked PNG of the page's top `height` pixels, also copied to output/screenshots/.

        Make `height` tall enough for what a person should see without scrolling:
        headless --screenshot after a script scrolls (the evidence page does)
        captures a half-painted viewport.
        """
        png = self.shots / f"{name}.png"
        done = self._run([f"--screenshot={png}"], path, height)
        assert png.exists(), f"no screenshot of {path}:\n{done.stderr[-3000:]}"
        assert png.stat().st_size > 5_000, f"{png} is only {png.stat().st_size} bytes"
        check_not_flat(png, height)
        SCREENSHOTS_FOR_PEOPLE.mkdir(parents=True, exist_ok=True)
        shutil.copy(png, SCREENSHOTS_FOR_PEOPLE / png.name)
        return png


# -- page reading -------------------------------------------------------------


def find_texts(dom: str, tag: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", m)).strip()
        for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", dom, flags=re.S | re.I)
    ]


def check_not_flat(png: Path, expected_height: int) -> None:
    """The image has real content: many colours, and no single colour covering almost all of it."""
    from PIL import Image

    with Image.open(png) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert (width, height) == (WIDTH, expected_height), f"{png} is {width}x{height}"
        colours = image.convert("RGB").getcolors(maxcolors=width * height)
    commonest = max(count for count, _ in colours)
    assert len(colours) >= 16, f"{png} has only {len(colours)} colours"
    assert commonest < 0.97 * width * height, f"{png} is {commonest / (width * height):.1%} one colour"


class TableRows(HTMLParser):
    """Rows of a Datasette table page: {column: text} plus the 'show in bulletin' link."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self._column = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append({})
        elif tag == "td" and self.rows:
            self._column = next((c[4:] for c in (attrs.get("class") or "").split() if c.startswith("col-")), None)
            self.rows[-1][self._column] = ""
        elif tag == "a" and self._column == "evidence_url":
            self.rows[-1]["href"] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "td":
            self._column = None

    def handle_data(self, data):
        if self._column and self.rows:
            self.rows[-1][self._column] += data


def table_rows(dom: str) -> list[dict]:
    parser = TableRows()
    parser.feed(dom)
    return [{k: v.strip() if isinstance(v, str) else v for k, v in row.items()} for row in parser.rows if row]


# -- tests -------------------------------------------------------------------


@pytest.fixture(scope="module")
def timeline_dom(browser) -> str:
    return browser.dom("/timeline/timeline")


def test_timeline_table(browser, database, timeline_dom):
    dom = timeline_dom
    rows = [r for r in table_rows(dom) if r.get("state_name")]
    expected = sqlite3.connect(database).execute("select count(*) from timeline").fetchone()[0]
    assert len(rows) == expected > 0
    assert "Ciudad de México" in {r["state_name"] for r in rows}
    assert all(r.get("href", "").startswith("/-/evidence?") for r in rows)
    assert dom.count(">show in bulletin</a>") == expected
    browser.screenshot("/timeline/timeline", "timeline-table", height=2400)  # tall enough for the first rows


def test_show_in_bulletin_leads_to_the_marked_state(browser, database, timeline_dom):
    row = table_rows(timeline_dom)[1]  # [0] is the header row
    assert row.get("href"), row
    dom = browser.dom(row["href"])
    spans = [html.unescape(s) for s in re.findall(r'<mark class="span">([^<]*)</mark>', dom)]
    assert len(spans) == 1, spans
    state = (
        sqlite3.connect(database)
        .execute("select name, aliases from states where name = ?", [row["state_name"]])
        .fetchone()
    )
    assert state, row
    assert spans[0] == state[0] or spans[0] in state[1], (spans, state)
    assert '<mark class="evidence" id="evidence">' in dom
    browser.screenshot(row["href"], "evidence", height=2000)  # the whole bulletin, no scrolling


def test_map_of_states(browser, database):
    dom = browser.dom("/timeline/state_status")
    container = re.search(r'<div[^>]*\bclass="[^"]*\bleaflet-container\b[^"]*"[^>]*>', dom)
    assert container, "no .leaflet-container: the map did not start"
    height = re.search(r"height:\s*(\d+)px", container.group(0))
    assert height and int(height.group(1)) >= 200, f"map container has no usable height: {container.group(0)}"
    icons = re.findall(
        r'<(img|div)\b[^>]*\bclass="([^"]*\bleaflet-marker-icon\b[^"]*)"[^>]*>(?:<div><span>(\d+)</span>)?', dom
    )
    assert icons, "no markers or cluster icons on the map"
    # One marker per state: single markers plus the counts shown on cluster icons.
    shown = sum(int(count) if "marker-cluster" in classes else 1 for _, classes, count in icons)
    states = (
        sqlite3.connect(database)
        .execute("select count(*) from state_status where latitude is not null and longitude is not null")
        .fetchone()[0]
    )
    assert shown == states > 0, f"the map shows {shown} states of {states}"
    browser.screenshot("/timeline/state_status", "map", height=2200)  # the map sits below the facets


def test_timeline_chart(browser, database):
    """One mark per timeline row; a row no bulletin dates is also a bar between its bounds."""
    dom = browser.dom("/-/chart")
    assert "<svg" in dom
    rows, undated = (
        sqlite3.connect(database).execute("select count(*), count(*) - count(date) from timeline").fetchone()
    )
    legend = re.search(r'<ul class="legend">.*?</ul>', dom, flags=re.S)
    assert legend, "no legend"
    outside_legend = dom.replace(legend.group(0), "")
    assert outside_legend.count('class="mark ') == rows > 0
    assert outside_legend.count('class="bound"') == undated
    browser.screenshot("/-/chart", "chart", height=1400)


@pytest.fixture(scope="module")
def report(database, tmp_path_factory) -> Path:
    """`python -m pipeline report` over the served database, written where only the browser reads it."""
    from pipeline.report import write_report

    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(str(database), str(out))
    return out


def test_report(browser, database, report):
    """The offline report opened from its file: every section drawn, nothing fetched."""
    dom = browser.dom(report.as_uri())
    conn = sqlite3.connect(database)
    documents, rows = conn.execute("select (select count(*) from documents), count(*) from timeline").fetchone()
    assert f"{documents:,} document" in dom
    for heading in ("What this database holds", "The states", "When", "Figures over time", "State by state"):
        assert f"<h2>{heading}</h2>" in dom, heading
    assert dom.count('<g class="tile"') == 32
    timeline_chart = re.search(r'<svg[^>]*class="timeline".*?</svg>', dom, flags=re.S).group(0)
    assert timeline_chart.count('class="mark ') == rows > 0
    assert dom.count('<th scope="row">') == 32
    assert "<script" not in dom
    browser.screenshot(report.as_uri(), "report", height=6400)  # down to the findings: no scrolling
