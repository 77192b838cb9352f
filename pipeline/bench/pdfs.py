"""Bulletin PDFs, laid out as INAI's press office did (tests/pdfmaker.py uses the same line breaking)."""

from __future__ import annotations

import math
import random
import textwrap
from pathlib import Path

PDF_HEADER = "INAI - Dirección General de Comunicación Social - Comunicado de prensa"
HYPHENATE = {"Secretariados": 5, "organizaciones": 8, "compromisos": 5, "participación": 6, "información": 4}


def wrap(text: str, width: int = 85, hyphenate: dict[str, int] | None = None) -> list[str]:
    """Lines of a bulletin text as a typesetter breaks them; each word in ``hyphenate`` that
    starts a line is split after that many letters, its head left on the previous line with
    a hyphen. (tests/pdfmaker.py lays out its PDFs with this too.)"""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.replace("**", "").replace("*", "").strip()
        if paragraph:
            lines.extend(textwrap.wrap(paragraph, width))
    for word, cut in (hyphenate or {}).items():
        for i in range(1, len(lines)):
            if lines[i].startswith(word) and not lines[i - 1].endswith("-"):
                lines[i - 1] += " " + word[:cut] + "-"
                lines[i] = word[cut:] + lines[i][len(word) :]
                break
    return lines


def wrap_lines(text: str, rng: random.Random, width: int = 85) -> list[str]:
    """Lines as the press office typeset them, two words hyphenated at a line end."""
    return wrap(text, width, {word: HYPHENATE[word] for word in rng.sample(sorted(HYPHENATE), 2)})


def write_bulletin_pdf(path: Path, text: str, rng: random.Random) -> int:
    """A 2–3 page bulletin PDF with running header and "Página N de M" footer; returns its pages."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    lines = wrap_lines(text, rng)
    pages = rng.choice([2, 3])
    per_page = math.ceil(len(lines) / pages)
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for number, chunk in enumerate(chunks, start=1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(60, 760, PDF_HEADER)
        pdf.setFont("Helvetica", 10)
        for row, line in enumerate(chunk):
            pdf.drawString(60, 730 - 16 * row, line)
        pdf.setFont("Helvetica", 8)
        pdf.drawString(270, 40, f"Página {number} de {len(chunks)}")
        pdf.showPage()
    pdf.save()
    return len(chunks)
