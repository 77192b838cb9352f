"""Discovery: the input files under the paths a run is given, and where a pull says each came from.

Every file found becomes an ``Input`` whose path is its ``source`` in the
database; what cannot be read becomes a problem (a sentence for a person), not
an exception, so one bad entry never stops the run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from pipeline.ingest import format_of
from pipeline.store import PROVENANCE

SKIP_NAMES = {"gold.jsonl", "timeline.jsonl", "checks.jsonl"}


@dataclass
class Input:
    path: str  # as given or found under a given folder; becomes `source`
    size: int = 0
    mtime_ns: int = 0
    pulled: dict | None = None  # the row of a `pipeline pull` manifest beside the file that says it wrote it

    @property
    def meta(self) -> dict:
        return {"size": self.size, "mtime_ns": self.mtime_ns}

    def meta_for(self, sha256: str | None) -> dict:
        """``meta``, plus where the file came from when a pull's manifest says so for these very bytes (an
        edited file no longer claims to be the page it was pulled from)."""
        if not self.pulled or (sha256 and self.pulled.get("sha256") != sha256):
            return self.meta
        return self.meta | {key: self.pulled.get(key) for key in PROVENANCE}


def attach_provenance(inputs: list[Input]) -> None:
    """Give each input the manifest row of the pull that wrote it, if a manifest.jsonl beside it says so."""
    from pipeline.pull.manifest import pulled_files

    manifests: dict[str, dict] = {}
    for item in inputs:
        folder, name = os.path.split(item.path)
        if folder not in manifests:
            manifests[folder] = pulled_files(folder or ".")
        item.pulled = manifests[folder].get(name)


def discover(paths: list[str]) -> tuple[list[Input], list[str], list[tuple[str, str]]]:
    """Supported files under the given paths, the folders given, and unreadable entries.

    Symbolic links are followed, but each real directory is walked once, so a
    link that points back up the tree cannot loop. Each given path is spelled
    as ``str(Path(path))`` spells it ("./corpus/" as "corpus"), so one file has
    one ``source`` however the folder was typed, and a re-run finds its records.
    """
    found: dict[str, Input] = {}
    folders: list[str] = []
    problems: list[tuple[str, str]] = []
    for given in (str(Path(p)) if p else p for p in paths):  # Path("") would be ".", the working folder
        if os.path.isdir(given):
            folders.append(given.rstrip("/") or "/")
            _walk(given, found, problems)
        elif os.path.exists(given):
            _add(given, found, problems, explicit=True)
        else:
            problems.append((given, "Path does not exist; check the spelling or the working directory."))
    return sorted(found.values(), key=lambda i: i.path), folders, problems


def _walk(top: str, found: dict, problems: list) -> None:
    seen_dirs: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(
        top,
        followlinks=True,
        onerror=lambda e: problems.append(
            (e.filename, f"Folder cannot be read ({e.strerror}); check its permissions.")
        ),
    ):
        real = os.path.realpath(dirpath)
        if real in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name in SKIP_NAMES:
                continue
            _add(os.path.join(dirpath, name), found, problems, explicit=False)


def _add(path: str, found: dict, problems: list, explicit: bool) -> None:
    if format_of(path) is None:
        if explicit:
            problems.append((path, f"Unsupported file type {Path(path).suffix!r}; give .txt, .pdf or .html files."))
        return
    try:
        stat = os.stat(path)
    except OSError as error:
        problems.append(
            (path, f"File cannot be read ({error.strerror}); it may be a broken link — check that it exists.")
        )
        return
    if not S_ISREG(stat.st_mode):
        problems.append(
            (
                path,
                "Not a regular file (a pipe, device or folder with a bulletin's name); give the bulletin file itself.",
            )
        )
        return
    found[path] = Input(path, stat.st_size, stat.st_mtime_ns)
