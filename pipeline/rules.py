"""Access to the analyst-editable rule files in ``rules/``.

The directory defaults to the repository's ``rules/`` and can be pointed
elsewhere with the ``INAI_RULES_DIR`` environment variable, so an analyst can
try edited rules without touching the checkout.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache, lru_cache
from pathlib import Path

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent
# Rule files extraction does not read: editing them must not re-extract every stored document.
NOT_EXTRACTION = {"sources.yml"}  # where `pipeline pull --archive` looks for bulletins


_FOLD = str.maketrans("áéíóúüàèìòùâêîôûÁÉÍÓÚÜÀÈÌÒÙÂÊÎÔÛ", "aeiouuaeiouaeiouAEIOUUAEIOUAEIOU")


def fold(text: str) -> str:
    """Lower-case, accents removed, same length (ñ is kept: "año" is not "ano")."""
    folded = text.lower().translate(_FOLD)
    return folded if len(folded) == len(text) else text.translate(_FOLD).lower()[: len(text)]


def rules_dir() -> Path:
    return Path(os.environ.get("INAI_RULES_DIR", PACKAGE_DIR.parent / "rules"))


@cache
def _load(path: str, mtime: float) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def load(name: str) -> dict:
    """The parsed YAML file ``rules/<name>.yml``."""
    path = rules_dir() / f"{name}.yml"
    if not path.exists():
        raise FileNotFoundError(f"Rule file {path} is missing; restore it from the repository or set INAI_RULES_DIR.")
    return _load(str(path), path.stat().st_mtime)


def _digest(paths) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


@lru_cache(maxsize=1)
def ingest_version() -> str:
    """Changes when the code or rules that turn files into text change (forces re-reading files)."""
    files = list((PACKAGE_DIR / "ingest").glob("*.py")) + [PACKAGE_DIR / "model.py", rules_dir() / "pdf.yml"]
    return _digest(files)


def extraction_files() -> list[Path]:
    """The code and rule files extraction reads: what ``extract_version`` hashes."""
    files = [PACKAGE_DIR / n for n in ("nlp.py", "rule_patterns.py", "numbers.py", "model.py")]
    files += sorted((PACKAGE_DIR / "extract").glob("*.py"))
    files += [f for f in rules_dir().glob("*.yml") if f.name not in NOT_EXTRACTION]
    return [f for f in files if f.exists()]


@lru_cache(maxsize=1)
def extract_version() -> str:
    """Changes when extraction code or any rule changes (forces re-extraction from stored text)."""
    return _digest(extraction_files())
