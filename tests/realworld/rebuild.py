"""Rebuild data/realworld/, the third-party texts this gold set was written for, and check it.

    python tests/realworld/rebuild.py save rwA-01.txt EXCERPT_FILE   # one excerpt, saved as annotated
    python tests/realworld/rebuild.py check                          # every text against its sha256
    python tests/realworld/rebuild.py urls                           # the addresses, one a line

Each text is the beginning of a public web page as a page index returned it
(an excerpt, see README.md for the query that finds each), cut after its last
complete sentence: `save` applies the same cut and tells whether the result is
the text the gold was written for. `urls` lists the addresses for
`python -m pipeline pull --to data/realworld/pulled/`: live pages hold more than
the excerpts and change, so a pulled page is for reading, not for this gold.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
TEXTS = HERE.parent.parent / "data" / "realworld"
SENTENCE_END = re.compile(r"[.!?…][»\"”’')\]]*(?=\s|$)")


def trim(excerpt: str) -> str:
    """The excerpt up to the end of its last complete sentence (a page excerpt stops mid-sentence)."""
    ends = [m.end() for m in SENTENCE_END.finditer(excerpt)]
    return (excerpt[: ends[-1]] if ends else excerpt).rstrip()


def manifest() -> dict[str, dict]:
    rows = (json.loads(line) for line in (HERE / "sources.jsonl").read_text("utf-8").splitlines())
    return {row["file"]: row for row in rows}


def save(name: str, excerpt_path: str) -> bool:
    row = manifest()[name]
    excerpt = Path(excerpt_path).read_text("utf-8")
    text = trim(excerpt)
    TEXTS.mkdir(parents=True, exist_ok=True)
    (TEXTS / name).write_text(text, "utf-8")
    ok = hashlib.sha256(text.encode()).hexdigest() == row["sha256"]
    print(f"{name}: {'the annotated text' if ok else 'differs from the annotated text (sha256)'}")
    return ok


def check() -> bool:
    missing, different = [], []
    for name, row in manifest().items():
        path = TEXTS / name
        if not path.exists():
            missing.append(name)
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            different.append(name)
    print(
        f"{len(manifest()) - len(missing) - len(different)} texts as annotated, {len(missing)} missing, "
        f"{len(different)} different"
        + "".join(f"\n  missing {n}" for n in missing)
        + "".join(f"\n  different {n}" for n in different)
    )
    return not missing and not different


def main(argv: list[str]) -> int:
    if argv[:1] == ["save"] and len(argv) == 3:
        return 0 if save(argv[1], argv[2]) else 1
    if argv == ["check"]:
        return 0 if check() else 1
    if argv == ["urls"]:
        print("\n".join(row["url"] for row in manifest().values()))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
