"""Derive timeline.jsonl and checks.jsonl from the hand-written gold.jsonl, by SPEC.md's definitions.

The per-text gold (states, claims, events, and the checks a text shows on its
own) is written by hand; the timeline and the cross-document checks follow from
it mechanically, so they are computed here rather than written twice:

* timeline: one row per (state, event) any text asserts; the year most texts
  give, a tie to the earliest-published text's year; conflict when texts give
  different years;
* checks: each text's own checks (gold ``checks``), a ``year_conflict`` per
  conflicting timeline row, and a ``decreasing_cumulative`` per cumulative
  program-wide figure that falls below one stated by an earlier-dated text.

Run: python tests/realworld/derive.py  (rewrites the two files beside this one).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
CUMULATIVE = ("states_participating", "stl_installed", "plans_published", "commitments")


def _low_high(value: int, qualifier: str) -> tuple[float, float]:
    low = {"more_than": value + 1, "approx": value * 0.9, "less_than": 0, "at_most": 0}.get(qualifier, value)
    high = {"more_than": 1e18, "at_least": 1e18, "approx": value * 1.1, "less_than": value - 1}.get(qualifier, value)
    return low, high


def timeline(gold: list[dict]) -> list[dict]:
    votes: dict[tuple, dict[str, int | None]] = defaultdict(dict)
    published = {g["file"]: g.get("published") for g in gold}
    for g in gold:
        for e in g.get("events", []):
            given = votes[(e["state"], e["event"])]
            if given.get(g["file"]) is None:
                given[g["file"]] = e["year"]
    rows = []
    for (state, event), by_file in sorted(votes.items()):
        years = [y for y in by_file.values() if y is not None]
        year = None
        if years:
            counts = {y: years.count(y) for y in set(years)}
            best = max(counts.values())
            tied = [y for y, n in counts.items() if n == best]
            first = {y: min((published[f] or "9999") for f, fy in by_file.items() if fy == y) for y in tied}
            year = min(tied, key=lambda y: (first[y], y))
        rows.append({"state": state, "event": event, "year": year, "conflict": int(len(set(years)) > 1)})
    return rows


def checks(gold: list[dict], rows: list[dict]) -> list[dict]:
    found = [
        {"check": c["check"], "file": g["file"], "metric": c.get("metric")} for g in gold for c in g.get("checks", [])
    ]
    found += [
        {"check": "year_conflict", "file": None, "metric": None, "state": r["state"], "event": r["event"]}
        for r in rows
        if r["conflict"]
    ]
    for metric in CUMULATIVE:
        dated = sorted(
            (g["published"], c["value"], c["qualifier"])
            for g in gold
            if g.get("published")
            for c in g.get("claims", [])
            if c["metric"] == metric and c["state"] is None
        )
        best_low = None
        for day in sorted({d for d, _, _ in dated}):
            today = [_low_high(v, q) for d, v, q in dated if d == day]
            if best_low is not None and any(high < best_low for _, high in today):
                found.append({"check": "decreasing_cumulative", "file": None, "metric": metric})
                break
            low = max(low for low, _ in today)
            best_low = low if best_low is None else max(best_low, low)
    return found


def main() -> None:
    gold = [json.loads(line) for line in (HERE / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
    rows = timeline(gold)
    (HERE / "timeline.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    (HERE / "checks.jsonl").write_text("".join(json.dumps(c) + "\n" for c in checks(gold, rows)), "utf-8")
    print(f"{len(rows)} timeline rows, {len(checks(gold, rows))} checks")


if __name__ == "__main__":
    main()
