"""Score the program verdict on the probe: public pages judged only for whether they are about the program.

    python tests/realworld/probe.py                       # precision and recall of `program` on data/probe/
    python tests/realworld/probe.py save p001.txt EXCERPT  # one page, saved whole, checked against its sha256

`probe.jsonl` lists each page (address, the query that found it, the sha256 of
the copy judged) and its label from the text alone: `program`, `other`,
`passing` (a Mexican text that names the program in passing and states no
fact of it) or `unclear` (the text does not tell which program). Only
`program` and `other` are scored. The pages stay in the ignored `data/probe/`,
rebuilt like `data/realworld/` (README.md), but saved whole, without the cut
after the last sentence. Pages missing there are named and left out.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
PAGES = HERE.parent.parent / "data" / "probe"
sys.path.insert(0, str(HERE.parent.parent))


def rows() -> list[dict]:
    return [json.loads(line) for line in (HERE / "probe.jsonl").read_text("utf-8").splitlines()]


def save(name: str, excerpt_path: str) -> bool:
    row = next(row for row in rows() if row["file"] == name)
    data = Path(excerpt_path).read_bytes()
    PAGES.mkdir(parents=True, exist_ok=True)
    (PAGES / name).write_bytes(data)
    ok = hashlib.sha256(data).hexdigest() == row["sha256"]
    print(f"{name}: {'the page as judged' if ok else 'differs from the page as judged (sha256)'}")
    return ok


def score() -> int:
    from pipeline.extract import extract
    from pipeline.ingest import ingest_bytes
    from pipeline.model import InputError

    found = expected = correct = 0
    for row in rows():
        path = PAGES / row["file"]
        if row["label"] not in ("program", "other"):
            continue
        if not path.exists():
            print(f"MISSING   {row['file']}")
            continue
        try:
            program = extract(ingest_bytes(path.read_bytes(), path.name, "txt")).program
        except InputError as error:
            print(f"UNREAD    {row['file']}: {error}")
            continue
        truth = row["label"] == "program"
        found += program
        expected += truth
        correct += program and truth
        if program != truth:
            print(f"{'MISS' if truth else 'SPURIOUS':9} {row['file']} ({row['url']})")
    precision = correct / found if found else 1.0
    recall = correct / expected if expected else 1.0
    print(f"program    P {precision:.3f}  R {recall:.3f}  (expected {expected}, found {found}, correct {correct})")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["save"] and len(sys.argv) == 4:
        raise SystemExit(0 if save(sys.argv[2], sys.argv[3]) else 1)
    raise SystemExit(score())
