"""``manifest.jsonl`` and the files beside it: written so that a killed pull leaves nothing half done.

Resumability rests on two rules: a file is written under a temporary name and
renamed into place only when complete, and the manifest gets one appended line
as soon as a URL is done (the last line for a URL wins when it is read back).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

MANIFEST = "manifest.jsonl"


class Manifest:
    """``manifest.jsonl``: one JSON object per URL; appended after each URL, the last line for a URL wins."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / MANIFEST
        self.rows: dict[str, dict] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
                row = _json_or_none(line)
                if isinstance(row, dict) and isinstance(row.get("url"), str):
                    self.rows[row["url"]] = row

    def get(self, url: str) -> dict | None:
        return self.rows.get(url)

    def record(self, row: dict) -> None:
        """Append one row and make it durable before the next URL starts."""
        self.rows[row["url"]] = row
        with open(self.path, "a+b") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell():
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":  # a line cut short by a kill: end it, it is ignored on reading
                    handle.write(b"\n")
            handle.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())

    def forget(self, url: str) -> None:
        self.rows.pop(url, None)

    def owner_of(self, file: str) -> str | None:
        """The URL whose bulletin ``file`` is (a row that only points at another address's file does not own it)."""
        return next(
            (url for url, row in self.rows.items() if row.get("file") == file and row.get("status") != "duplicate"),
            None,
        )

    def compact(self) -> None:
        """Rewrite with one line per URL (atomically), dropping superseded and cut-short lines."""
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in self.rows.values())
        write_atomic(self.path, lines.encode("utf-8"))


def _json_or_none(line: str):
    try:
        return json.loads(line)
    except ValueError:
        return None


def _file_mode() -> int:
    """The mode ``open()`` would give a new file: 0666 less the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a hidden temporary file in the same folder, then rename: readers never see half a file."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, FILE_MODE)  # mkstemp makes the file private (0600); a bulletin is not a secret
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Temporary files left by a run killed mid-write are incomplete by definition."""
    for temp in folder.glob(".*.part"):
        temp.unlink(missing_ok=True)


def sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def pulled_files(folder: str | Path) -> dict[str, dict]:
    """File name → the manifest row of the pull that wrote it (url, archive_url, captured_at, sha256), for the
    files of ``folder`` that a pull wrote; empty without a manifest. What ``pipeline run`` records as provenance."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return {}
    files: dict[str, dict] = {}
    for row in Manifest(Path(folder)).rows.values():
        name = row.get("file")
        if not name or row.get("status") == "duplicate":
            continue  # a duplicate's file is another address's: that address is where the bytes came from
        if name not in files or row.get("status") in ("ok", "not_modified"):
            files[name] = row
    return files
