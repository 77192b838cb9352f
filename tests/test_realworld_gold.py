"""The real-text gold set's files hold together: every text has a source row, every row names where the text
is found, and the timeline and cross-document checks are what the per-text gold gives (tests/realworld/derive.py).

The texts themselves are third-party and stay out of the repository; `make eval-real` scores them once the
folder is rebuilt (tests/realworld/README.md).
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent / "realworld"
sys.path.insert(0, str(HERE))

from derive import checks, timeline  # noqa: E402

GOLD = [json.loads(line) for line in (HERE / "gold.jsonl").read_text("utf-8").splitlines()]
SOURCES = {r["file"]: r for r in map(json.loads, (HERE / "sources.jsonl").read_text("utf-8").splitlines())}
FIELDS = {"file", "program", "bulletin", "published", "place", "states_body", "claims", "events", "checks"}


def _jsonl(name: str) -> list[dict]:
    return [json.loads(line) for line in (HERE / name).read_text("utf-8").splitlines()]


def test_every_text_has_its_gold_and_a_source_row_that_finds_it():
    assert sorted(g["file"] for g in GOLD) == sorted(SOURCES)
    assert len(GOLD) >= 40
    for row in SOURCES.values():
        assert row["url"].startswith("http") and row["query"] and len(row["sha256"]) == 64


def test_the_gold_lines_follow_the_format():
    for g in GOLD:
        assert set(g) == FIELDS, g["file"]
        assert g["states_body"] == sorted(set(g["states_body"]))
        if not g["program"]:
            assert g["claims"] == g["events"] == [], g["file"]
        for e in g["events"]:
            assert e["event"] in {"joined", "stl_installed", "plan_published"}
            assert (e["date"] is None) == (e["year"] is None) and (e["date"] or "").startswith(str(e["year"] or ""))


def test_the_timeline_and_checks_are_derived_from_the_current_gold():
    rows = timeline(GOLD)
    assert _jsonl("timeline.jsonl") == rows
    assert _jsonl("checks.jsonl") == checks(GOLD, rows)


def test_a_saved_excerpt_ends_at_its_last_complete_sentence():
    from rebuild import trim

    assert trim("Se instaló el comité. Asistieron «todos».\nEl plan se publicará en ") == (
        "Se instaló el comité. Asistieron «todos»."
    )
    assert trim("Sin punto final") == "Sin punto final"
