"""The printed report: its header, the table of figures against targets, and the notes under it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pipeline.bench.corpus import Corpus


@dataclass
class Table:
    """One table, rows added as figures come in: section, figure, measured value, target, ratio/verdict."""

    rows: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, section: str, figure: str, value: str, target: str = "", verdict: str = "") -> None:
        self.rows.append((section, figure, value, target, verdict))

    def render(self) -> str:
        header = ("#", "Figure", "Measured", "Target", "Ratio / verdict")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(5)]
        line = "  ".join(f"{{:<{w}}}" for w in widths)
        out = [line.format(*header).rstrip(), "  ".join("-" * w for w in widths)]
        previous = None
        for row in self.rows:
            if previous is not None and row[0] != previous:
                out.append("")
            out.append(line.format(*row).rstrip())
            previous = row[0]
        return "\n".join(out)


def verdict(ratio: float, target: float, higher_is_better: bool = True) -> str:
    met = ratio >= target if higher_is_better else ratio <= target
    return "ok" if met else "MISS"


def rate(count: float, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def fmt_rate(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"


def header(corpus: Corpus, workers: int, seed: int, code: str) -> str:
    """The lines above the table: the corpus, the machine and the code copy every figure measures."""
    import platform

    versions = ", ".join(f"{name} {_version(name)}" for name in ("spacy", "pypdfium2", "pdfplumber"))
    pdf_line = (
        f"{corpus.pdfs} PDF bulletins, {corpus.pdf_pages} pages"
        if corpus.pdf_dir
        else f"no PDFs ({corpus.pdf_skipped or 'none asked for'})"
    )
    title = "INAI bulletins batch benchmark (python -m pipeline bench)"
    return "\n".join(
        [
            title,
            "=" * len(title),
            f"Corpus (seed {seed}, generated in {corpus.seconds:.1f} s): {corpus.texts} text bulletins, "
            f"{corpus.text_bytes / 1e6:.1f} MB, avg {corpus.text_bytes / max(corpus.texts, 1) / 1024:.1f} KB; {pdf_line}",
            f"Machine: {os.cpu_count()} cores, parallel runs with {workers} workers; Python {platform.python_version()}, {versions}",
            f"Code: a copy of pipeline/ and rules/ taken at the start (fingerprint {code}); each figure in a fresh subprocess;",
            "times cover the measured call only (Python start-up and imports excluded for us and for peers).",
            "",
        ]
    )


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"
