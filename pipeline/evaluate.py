"""Score the pipeline against a gold corpus (format in SPEC.md): precision, recall, F1.

Analysts run this after editing rules/: it runs the real pipeline over the
folder into a database, then compares, per input file, the body states, the
claims and the events, plus the reconciled timeline and the checks. Every miss
and every spurious row is listed so a rule change can be judged line by line.

The gold files may live apart from the texts (``--gold DIR``): third-party texts
stay out of the repository while their gold is in it. A ``sources.jsonl`` there
(``file``, ``sha256``) makes the evaluation check that each text is the one the
gold was written for; a ``program`` flag in the gold lines scores whether a text
is recognized as being about the program.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils


@dataclass
class Score:
    name: str
    expected: set
    found: set

    @property
    def tp(self) -> int:
        return len(self.expected & self.found)

    @property
    def precision(self) -> float:
        return self.tp / len(self.found) if self.found else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / len(self.expected) if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"{self.name:<10} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(expected {len(self.expected)}, found {len(self.found)}, correct {self.tp})"
        )


@dataclass
class Report:
    scores: list[Score]
    metadata_errors: list[str] = field(default_factory=list)
    input_errors: list[str] = field(default_factory=list)
    metadata_total: int = 0
    spans_checked: int = 0
    spans_bad: int = 0

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.name == name)

    def render(self, details: bool = True) -> str:
        out = []
        if details:
            for s in self.scores:
                for item in sorted(s.expected - s.found, key=repr):
                    out.append(f"MISS      {s.name}: {item}")
                for item in sorted(s.found - s.expected, key=repr):
                    out.append(f"SPURIOUS  {s.name}: {item}")
            out.extend(f"METADATA  {e}" for e in self.metadata_errors)
            out.extend(f"ERROR     {e}" for e in self.input_errors)
            out.append("")
        ok = self.metadata_total - len(self.metadata_errors)
        out.append(f"metadata   {ok}/{self.metadata_total} fields exact (bulletin, published, place)")
        out.append(
            f"spans      {self.spans_checked - self.spans_bad}/{self.spans_checked} exact (text[start:end] == surface)"
        )
        out.append(
            f"errors     {len(self.input_errors)} (files rejected or extracted with a failure; see the errors table)"
        )
        out.extend(s.line() for s in self.scores)
        return "\n".join(out)


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_corpus(corpus_dir: str, db_path: str | None = None, gold_dir: str | None = None) -> Report:
    from pipeline.run import run

    corpus = Path(corpus_dir)
    golden = Path(gold_dir) if gold_dir else corpus
    gold = _jsonl(golden / "gold.jsonl")
    if not gold:
        raise SystemExit(f"{golden}/gold.jsonl is missing or empty; see SPEC.md, 'Evaluation gold format'.")
    text_errors = _text_errors(corpus, _jsonl(golden / "sources.jsonl"))
    tmp = None
    if db_path is None:
        tmp = tempfile.TemporaryDirectory()
        db_path = os.path.join(tmp.name, "eval.db")
    else:
        _refuse_other_documents(db_path, corpus)
    run([str(corpus)], db_path, workers=1, progress=False, warn=lambda m: None)
    try:
        report = score_database(sqlite_utils.Database(db_path), golden, gold)
        report.input_errors[:0] = text_errors
        return report
    finally:
        if tmp:
            tmp.cleanup()


def _text_errors(corpus: Path, manifest: list[dict]) -> list[str]:
    """The texts a manifest names that are missing or differ from the ones the gold was written for."""
    errors = []
    for row in manifest:
        path = corpus / row["file"]
        if not path.exists():
            errors.append(f"{row['file']}: missing from {corpus}; rebuild it from its URL ({row.get('url')})")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            errors.append(f"{row['file']}: not the text the gold was written for (sha256 differs from the manifest)")
    return errors


def _refuse_other_documents(db_path: str, corpus: Path) -> None:
    """The timeline and checks span the whole database, so documents from other folders would skew the scores."""
    if not os.path.exists(db_path):
        return
    db = sqlite_utils.Database(db_path)
    if "sources" not in db.table_names():
        return
    root = corpus.resolve()
    for (source,) in db.execute("select source from sources"):
        if root not in Path(source).resolve().parents:
            raise SystemExit(
                f"{db_path} already holds documents from outside {corpus} (for example {source}); "
                "their timeline rows and checks would mix with this corpus's. Give a new --db, or omit it."
            )


def score_database(db, corpus: Path, gold: list[dict]) -> Report:
    doc_of = {Path(r["source"]).name: r["doc_id"] for r in db.query("select source, doc_id from sources")}
    report = Report([])
    expected, found = _expected_facts(gold), _found_facts(db, gold, doc_of, report)
    report.scores = [Score(k, expected[k], found[k]) for k in ("states", "claims", "events")]
    if any("date" in e for g in gold for e in g.get("events", [])):
        report.scores.append(Score("dates", expected["dates"], found["dates"]))
    if any("program" in g for g in gold):
        program_docs = {r["doc_id"] for r in db.query("select doc_id from documents where program = 1")}
        report.scores.append(
            Score(
                "program",
                {g["file"] for g in gold if g.get("program")},
                {g["file"] for g in gold if doc_of.get(g["file"]) in program_docs},
            )
        )
    report.scores += _reconciled_scores(db, corpus, doc_of)
    report.spans_checked, report.spans_bad = _span_counts(db)
    report.input_errors = [
        f"{Path(r['source']).name} ({r['stage']}): {r['error']}"
        for r in db.query("select source, stage, error from errors order by source")
    ]
    return report


def _expected_facts(gold: list[dict]) -> dict[str, set]:
    """The body states, claims, events and event dates the gold lists, each tagged with its file."""
    expected: dict[str, set] = {k: set() for k in ("states", "claims", "events", "dates")}
    for g in gold:
        name = g["file"]
        expected["states"] |= {(name, s) for s in g.get("states_body", [])}
        expected["claims"] |= {(name, c["metric"], c["value"], c["qualifier"], c["state"]) for c in g.get("claims", [])}
        expected["events"] |= {(name, e["state"], e["event"], e["year"]) for e in g.get("events", [])}
        expected["dates"] |= {(name, e["state"], e["event"], e["date"]) for e in g.get("events", []) if e.get("date")}
    return expected


def _found_facts(db, gold: list[dict], doc_of: dict[str, str], report: Report) -> dict[str, set]:
    """What the database holds for each gold file, as ``_expected_facts`` tags it; its metadata is checked
    into ``report`` on the way (a file not stored counts its three fields wrong)."""
    found: dict[str, set] = {k: set() for k in ("states", "claims", "events", "dates")}
    for g in gold:
        name = g["file"]
        doc_id = doc_of.get(name)
        if doc_id is None:
            report.metadata_errors.append(f"{name}: not stored (see the errors table)")
            report.metadata_total += 3
            continue
        doc = next(db.query("select bulletin, published, place from documents where doc_id = ?", [doc_id]))
        for key in ("bulletin", "published", "place"):
            report.metadata_total += 1
            if doc[key] != g.get(key):
                report.metadata_errors.append(f"{name}: {key} is {doc[key]!r}, gold {g.get(key)!r}")
        found["states"] |= {
            (name, r["value"])
            for r in db.query(
                "select distinct value from mentions where doc_id = ? and kind = 'state' and role = 'body'", [doc_id]
            )
        }
        found["claims"] |= {
            (name, r["metric"], r["value"], r["qualifier"], r["state"])
            for r in db.query("select metric, value, qualifier, state from claims where doc_id = ?", [doc_id])
        }
        rows = list(db.query("select state, event, year, date from state_events where doc_id = ?", [doc_id]))
        found["events"] |= {(name, r["state"], r["event"], r["year"]) for r in rows}
        found["dates"] |= {(name, r["state"], r["event"], r["date"]) for r in rows if r["date"]}
    return found


def _reconciled_scores(db, corpus: Path, doc_of: dict[str, str]) -> list[Score]:
    """The timeline and the checks, which span the whole database, against the corpus's gold files."""
    file_of_doc: dict[str, str] = {}
    for name, doc_id in sorted(doc_of.items()):
        file_of_doc.setdefault(doc_id, name)
    timeline_gold = {(t["state"], t["event"], t["year"], t["conflict"]) for t in _jsonl(corpus / "timeline.jsonl")}
    timeline_found = {(r["state"], r["event"], r["year"], r["conflict"]) for r in db.query("select * from timeline")}
    checks_gold = {(c["check"], c.get("file"), c.get("metric")) for c in _jsonl(corpus / "checks.jsonl")}
    checks_found = {
        (r["check"], file_of_doc.get(r["doc_id"]) if r["doc_id"] else None, r["metric"])
        for r in db.query('select "check", doc_id, metric from checks')
    }
    return [Score("timeline", timeline_gold, timeline_found), Score("checks", checks_gold, checks_found)]


def _span_counts(db) -> tuple[int, int]:
    total = bad = 0
    for table, column in (("mentions", "surface"), ("claims", None), ("state_events", None)):
        rows = db.query(
            f'select t.start, t."end", {("t." + column) if column else "null"} as surface, d.text '
            f"from {table} t join documents d on d.doc_id = t.doc_id"
        )
        for r in rows:
            total += 1
            piece = r["text"][r["start"] : r["end"]]
            if not piece or (r["surface"] is not None and piece != r["surface"]):
                bad += 1
    return total, bad
