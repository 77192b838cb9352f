"""Write bulletin PDFs with reportlab, the way INAI's press office laid them out.

Used by the tests to build PDFs with page furniture (a running header, a
"Página N de M" footer), words hyphenated at line ends, names split over two
lines, encryption and image-only pages. ``python tests/pdfmaker.py IN.txt OUT.pdf``
turns a text bulletin into such a PDF (that is how corpus/inai-002-18.pdf was made).
"""

from __future__ import annotations

import sys

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from pipeline.bench.pdfs import wrap

HEADER = "INAI - Dirección General de Comunicación Social - Comunicado de prensa"


def paginate(lines: list[str], per_page: int = 38) -> list[list[str]]:
    return [lines[i : i + per_page] for i in range(0, len(lines), per_page)]


def write_pdf(
    path,
    pages: list[list[str]],
    header: str | None = HEADER,
    footer: bool = True,
    encrypt: str | None = None,
    image_only: bool = False,
) -> None:
    kwargs = {}
    if encrypt:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kwargs["encrypt"] = StandardEncryption(encrypt, canPrint=1)
    pdf = canvas.Canvas(str(path), pagesize=letter, **kwargs)
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        if image_only:
            pdf.setFillGray(0.2)
            for i in range(len(lines)):
                pdf.rect(60, 720 - 16 * i, 400, 8, fill=1, stroke=0)
        else:
            if header:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(60, 760, header)
            pdf.setFont("Helvetica", 10)
            y = 730
            for line in lines:
                pdf.drawString(60, y, line)
                y -= 16
            if footer:
                pdf.setFont("Helvetica", 8)
                pdf.drawString(270, 40, f"Página {number} de {total}")
        pdf.showPage()
    pdf.save()


def bulletin_pdf(path, text: str, hyphenate: dict[str, int] | None = None, per_page: int = 38, **kwargs) -> None:
    write_pdf(path, paginate(wrap(text, hyphenate=hyphenate), per_page), **kwargs)


if __name__ == "__main__":
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as handle:
        bulletin_pdf(target, handle.read(), hyphenate={"Secretariados": 5, "organizaciones": 8}, per_page=30)
