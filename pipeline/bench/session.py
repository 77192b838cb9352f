"""Where measurements run: a copy of the code taken at the start, each measurement in a fresh subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from pipeline.bench.memory import TreeRssSampler
from pipeline.bench.report import Table

Result = dict[str, Any]  # one measurement's figures, as its subprocess returned them (JSON)


def code_fingerprint(package_dir: Path, rules: Path) -> str:
    """A digest of the pipeline's code and rules, to tell whether the working tree changed during the run."""
    import hashlib

    files = sorted(package_dir.rglob("*.py")) + sorted(rules.glob("*.yml"))
    sha = hashlib.sha256()
    for path in files:
        sha.update(str(path.relative_to(path.parent.parent)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:12]


def snapshot_code(root: Path) -> Path:
    """Copy the pipeline package and the rules to root/code; every measurement runs that copy.

    The pipeline decides what to re-read and re-extract from digests of its own
    source and rule files, so an edit made in the working tree while the
    benchmark runs would mix code versions across figures and turn the
    "nothing changed" re-run into a full one. A copy taken at the start keeps
    one version for the whole run.
    """
    from pipeline.rules import PACKAGE_DIR, rules_dir

    target = root / "code"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(PACKAGE_DIR, target / "pipeline", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copytree(rules_dir(), target / "rules")
    return target


@dataclass
class Session:
    """What every measurement needs: where to work, which code copy to run, and the table to fill."""

    root: Path
    code: Path
    workers: int
    table: Table

    def measure(self, kind: str, **spec: Any) -> Result:
        """Run one measurement in a fresh interpreter on the code copy; add the sampled tree peak RSS."""
        env = dict(
            os.environ,
            INAI_RULES_DIR=str(self.code / "rules"),
            PYTHONPATH=os.pathsep.join(filter(None, [str(self.code), os.environ.get("PYTHONPATH")])),
        )
        process = subprocess.Popen(
            [sys.executable, "-c", "from pipeline.bench.child import child_main; child_main()"],
            cwd=self.code,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        sampler = TreeRssSampler(process.pid)
        sampler.start()
        out, err = process.communicate(json.dumps({"kind": kind, **spec}))
        sampler.stop.set()
        sampler.join()
        if process.returncode != 0:
            raise click.ClickException(f"the {kind} measurement failed (exit {process.returncode}):\n{err[-3000:]}")
        result: Result = json.loads(out.strip().splitlines()[-1])
        if Path(result["pipeline_dir"]) != (self.code / "pipeline").resolve():
            raise click.ClickException(
                f"the {kind} measurement ran {result['pipeline_dir']}, not the code copy {self.code}"
            )
        result["rss_tree_mb"] = sampler.peak_mb
        result["pss_tree_mb"] = sampler.peak_pss_mb
        return result

    def fresh_db(self, name: str) -> str:
        path = self.root / name
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return str(path)
