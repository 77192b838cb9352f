"""Browsing while a run writes: Datasette keeps answering, and shows what the run wrote on the next load.

As a user would: `python -m pipeline serve` on a database, and in another
process `python -m pipeline run` adding a few thousand bulletins to it (the
benchmark's synthetic generator writes them), then the same database rebuilt
from scratch (removed and run again). A client thread meanwhile asks for the
pages a person would open, one after another. Every answer must be 200, and
every count asked for once the run has ended must count all its documents. The counts are printed and kept
in output/live-browsing.txt.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS_DEV
from served import REPO, fetch, served

from pipeline.bench.corpus import generate_corpus

SYNTHETIC = 3000
COUNT = "/timeline.json?sql=select+count(*)+as+n+from+documents&_shape=array"
PAGES = [
    COUNT,
    "/timeline",  # the database page counts every table's rows
    "/timeline/documents?_sort_desc=published",
    "/timeline/timeline.json?_size=max&_shape=array",
    "/timeline/state_status.json?_shape=array",
    "/-/chart",
]
RECORD = REPO / "output" / "live-browsing.txt"


class Browsing(threading.Thread):
    """Asks for PAGES in turn until stopped; keeps every status and the document counts seen."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.stop = base, threading.Event()
        self.statuses: Counter = Counter()
        self.failures: list[tuple[str, int, str]] = []
        self.counts: list[int] = []
        self.after_run: list[int] = []  # counts asked for once the run had ended
        self.run_ended = threading.Event()

    def run(self):
        while not self.stop.is_set():
            for page in PAGES:
                ended = self.run_ended.is_set()
                status, body = fetch(self.base + page, timeout=30)
                self.statuses[status] += 1
                if status != 200:
                    self.failures.append((page, status, body[:300]))
                elif page == COUNT:
                    self.counts.append(json.loads(body)[0]["n"])
                    if ended:
                        self.after_run.append(self.counts[-1])

    def answers(self) -> int:
        return sum(self.statuses.values())


def pipeline_run(paths: list[Path], db: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", *map(str, paths), "--db", str(db), "--no-progress"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return time.perf_counter() - start


def documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from documents").fetchone()[0]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """Synthetic bulletins with numbers of their own: none is numbered as the seed bulletin, INAI/002/18."""
    folder = generate_corpus(tmp_path_factory.mktemp("synthetic"), SYNTHETIC, 0, seed=1).text_dir
    names = {p.name for p in folder.rglob("*.txt")}
    assert len(names) == SYNTHETIC and "inai-002-18.txt" not in names
    return folder


def browse_while(base: str, work) -> tuple[Browsing, float]:
    client = Browsing(base)
    client.start()
    time.sleep(1)  # answers from before the run
    try:
        seconds = work()
        client.run_ended.set()
        deadline = time.monotonic() + 60
        while len(client.after_run) < 2 and time.monotonic() < deadline:  # answers from after it
            time.sleep(0.1)
    finally:
        client.stop.set()
        client.join(timeout=60)
    return client, seconds


def record(line: str) -> None:
    print(line)
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    with RECORD.open("a", encoding="utf-8") as out:
        out.write(line + "\n")


def test_a_run_shows_while_browsing_and_no_answer_fails(tmp_path, synthetic):
    db = tmp_path / "timeline.db"
    seed = tmp_path / "seed"
    seed.mkdir()
    shutil.copy(CORPUS_DEV / "inai-002-18.txt", seed)
    pipeline_run([seed], db)
    with served(db, tmp_path / "serve.log") as base:
        client, seconds = browse_while(base, lambda: pipeline_run([synthetic], db))
    total = documents(db)
    RECORD.unlink(missing_ok=True)
    record(
        f"run of {SYNTHETIC} synthetic bulletins into a database of 1 ({seconds:.1f} s) while browsing: "
        f"{client.answers()} answers {dict(client.statuses)}; documents counted {len(set(client.counts))} "
        f"different ways, first {client.counts[0]}, after the run {client.after_run} (the file holds {total})"
    )
    assert client.failures == []
    assert total == 1 + SYNTHETIC
    assert client.counts[0] == 1 and client.after_run == [total] * len(client.after_run) != []
    assert len(set(client.counts)) >= 3  # counts in between: committed documents showed during the run


def test_a_rebuild_from_scratch_while_browsing(tmp_path, synthetic):
    """`make clean` then `make run`: the file and its companions removed, a new one written at the same path.
    Queries read the old file while there is none, then the new one as it grows; none fails."""
    db = tmp_path / "timeline.db"
    pipeline_run([CORPUS_DEV], db)

    def rebuild() -> float:
        for path in tmp_path.glob("timeline.db*"):
            path.unlink()
        return pipeline_run([synthetic], db)

    with served(db, tmp_path / "serve.log") as base:
        client, seconds = browse_while(base, rebuild)
    record(
        f"rebuild from scratch with {SYNTHETIC} synthetic bulletins ({seconds:.1f} s) while browsing a database "
        f"of 10: {client.answers()} answers {dict(client.statuses)}; documents counted: "
        f"{sorted(set(client.counts))}, after the run {client.after_run}"
    )
    assert client.failures == []
    assert client.counts[0] == 10 and client.after_run == [SYNTHETIC] * len(client.after_run) != []
    assert documents(db) == SYNTHETIC
    rebuilt = client.counts[client.counts.index(next(n for n in client.counts if n != 10)) :]
    assert rebuilt == sorted(rebuilt) and len(set(rebuilt)) >= 3  # the new file, growing as it is written
