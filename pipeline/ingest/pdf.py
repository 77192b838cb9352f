"""PDF bytes → one clean text with page offsets.

pypdfium2 (which pdfplumber already depends on) reads the text layer; it is
several times faster than pdfplumber's layout analysis and gives the same
lines. pdfplumber stays available as ``engine="pdfplumber"`` and the tests hold
both engines to the same output. The clean-up is shared: running headers and
footers removed, words hyphenated at line ends re-joined, lines of one
paragraph joined so a name split over two lines ("Baja" / "California") reads
whole.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pipeline import rules
from pipeline.ingest.metadata import _NUMBER as _BULLETIN_NUMBER
from pipeline.ingest.metadata import normalize_bulletin_number
from pipeline.ingest.text import normalize_characters
from pipeline.model import InputError

_BULLET = re.compile(r"^(?:[-–—•·▪●*]|\d+[.)])\s+")
_SENTENCE_END_CHARS = set('.:;!?»")”')
_HEAD = re.compile(
    r"^(?:.{2,80},\s*(?:a\s+)?\d{1,2}\s+de\s+\w+\s+de\s+\d{4}|INAI\s*[/\-–]\s*\d{1,4}\s*[/\-–]\s*\d{2,4}|[-–]?\s*o0o\s*[-–]?)\.?$",
    re.IGNORECASE,
)


@dataclass
class Line:
    """One line of a page as the engine read it; ``top`` is its distance from the page's top in points, when known."""

    text: str
    top: float | None = None


@dataclass
class PdfText:
    text: str
    page_starts: list[int]
    pages: int


@lru_cache(maxsize=1)
def _config():
    cfg = rules.load("pdf")
    flags = re.IGNORECASE

    def one_of(patterns):  # one alternation: a single fullmatch per line instead of one per pattern
        return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", flags)

    return {
        "page_number": one_of(cfg.get("page_number_patterns", [])),
        "furniture": one_of(cfg.get("furniture_patterns", [])),
        "keep_hyphen": [re.compile(p, flags) for p in cfg.get("keep_hyphen_after", [])],
        "share": float(cfg.get("repeated_line_min_share", 0.6)),
        "edge": int(cfg.get("edge_lines", 3)),
        "max_pages": int(cfg.get("max_pages", 500)),
    }


def read_pdf(data: bytes, engine: str = "pdfium", max_pages: int | None = None) -> PdfText:
    """Read a PDF's text layer, raising InputError with a remedy when it cannot be read."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError(
            "File does not start with a PDF header; it is not a PDF or is badly damaged — download it again."
        )
    limit = max_pages or _config()["max_pages"]
    reader = _pages_pdfium if engine == "pdfium" else _pages_pdfplumber
    pages = reader(data, limit)
    if not any(line.text.strip() for page in pages for line in page):
        raise InputError(
            "PDF has no text layer; it is probably a scan — run OCR first (for example `ocrmypdf in.pdf out.pdf`) and run again."
        )
    return clean_pages(pages)


def _too_many_pages(count: int, limit: int) -> InputError:
    return InputError(
        f"PDF has {count} pages, more than the limit of {limit}; split it or raise max_pages in rules/pdf.yml."
    )


def _pages_pdfium(data: bytes, limit: int) -> list[list[Line]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _pdf_error(str(error)) from None
    try:
        if len(pdf) > limit:
            raise _too_many_pages(len(pdf), limit)
        pages: list[list[Line]] = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(_pdfium_lines(textpage, page.get_height()))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _pdfium_lines(textpage, height: float) -> list[Line]:
    """A page's lines, each with how far down the page its first character stands.

    PDFium's text is indexed like its characters, so a line's first character
    gives its position. PDFium marks a hyphen it judged to be end-of-line
    hyphenation with U+FFFE and drops the line break; both are restored so one
    clean-up rule decides for every engine.
    """
    raw = textpage.get_text_range()
    lines, start = [], 0
    for brk in [*_LINE_BREAK.finditer(raw), None]:
        end = brk.start() if brk else len(raw)
        parts = raw[start:end].split("\ufffe")
        for number, part in enumerate(parts):
            top = None
            first = len(part) - len(part.lstrip())
            if first < len(part):  # the top of the line's first character (its font box, so equal across a line)
                top = height - textpage.get_charbox(start + first, loose=True)[3]
            lines.append(Line(part + "-" * (number < len(parts) - 1), top))
            start += len(part) + 1
        start = brk.end() if brk else end
    return lines


def _pages_pdfplumber(data: bytes, limit: int) -> list[list[Line]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limit:
                raise _too_many_pages(len(pdf.pages), limit)
            return [
                [Line(line["text"], line["top"]) for line in page.extract_text_lines(return_chars=False)]
                for page in pdf.pages
            ]
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise _pdf_error("password") from None
    except Exception as error:  # pdfminer raises many unrelated types for damaged files
        raise _pdf_error(f"{type(error).__name__}: {error}") from None


def _pdf_error(detail: str) -> InputError:
    if "password" in detail.lower() or "encrypt" in detail.lower():
        return InputError(
            "PDF is encrypted with a password; decrypt it (for example `qpdf --decrypt --password=… in.pdf out.pdf`) and run again."
        )
    return InputError(f"PDF is damaged or truncated and cannot be opened ({detail}); download the file again.")


# --- clean-up -------------------------------------------------------------


_DIGITS = re.compile(r"\d+")
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")
_WORD_START = re.compile(r"\w+")


def _furniture_key(line: str) -> str:
    return _DIGITS.sub("#", line.lower())


def _strip_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    cfg = _config()
    edge = cfg["edge"]
    edges = [_edge_indices(lines, edge) for lines in pages]
    counts: Counter[str] = Counter()
    for lines, at_edge in zip(pages, edges):
        counts.update({_furniture_key(lines[i].text) for i in at_edge})
    min_pages = max(2, cfg["share"] * len(pages))
    repeated = {key for key, n in counts.items() if n >= min_pages}

    def is_furniture(line: str, at_edge: bool) -> bool:
        if cfg["furniture"].fullmatch(line):
            return True
        if not at_edge:
            return False
        return _furniture_key(line) in repeated or bool(cfg["page_number"].fullmatch(line))

    cleaned = []
    kept_metadata: set[str] = set()
    numbers_seen: set[str] = set()
    for lines, at_edge in zip(pages, edges):
        page = []
        for i, line in enumerate(lines):
            number = _number_line(line.text)
            if number and i in at_edge and number in numbers_seen:
                continue  # "Comunicado INAI/293/16" atop page 2 repeats the bulletin's number: a running header
            if number:
                numbers_seen.add(number)
            if is_furniture(line.text, i in at_edge):
                # A bulletin number or dateline printed in the running header is
                # still the bulletin's own: keep its first occurrence.
                key = _furniture_key(line.text)
                if not (_is_head(line.text) and key not in kept_metadata):
                    continue
                kept_metadata.add(key)
            page.append(line)
        cleaned.append(page)
    return cleaned


_NUMBER_LABEL = re.compile(r"(?:[^\W\d_]+\.?\s+){0,3}")


def _number_line(text: str) -> str | None:
    """The bulletin number a line consists of ("INAI/293/16", "Comunicado No. INAI-293-2016"),
    normalized as metadata normalizes the bulletin's own number."""
    match = _BULLETIN_NUMBER.search(text)
    if not match or text[match.end() :].strip() or not _NUMBER_LABEL.fullmatch(text[: match.start()]):
        return None
    return normalize_bulletin_number(match["num"], match["year"])


def _edge_indices(lines: list[Line], edge: int) -> set[int]:
    """The page's first and last ``edge`` lines: by position down the page when known, else in reading order."""
    order = list(range(len(lines)))
    tops = [line.top for line in lines if line.top is not None]
    if lines and len(tops) == len(lines):
        order.sort(key=tops.__getitem__)
    return set(order[:edge] + order[-edge:])


_LETTER = re.compile(r"[^\W\d_]")
_LOWER = re.compile(r"[a-zà-öø-ÿ]")


@lru_cache(maxsize=4096)
def _is_caps(line: str) -> bool:
    """At least 80 % of the line's letters are capitals (a headline line). Counted by regex: this runs on every line."""
    lower = len(_LOWER.findall(line))
    if lower > 0.2 * len(line):
        return False  # most body lines: no need to count letters
    letters = len(_LETTER.findall(line))
    return letters >= 3 and lower <= 0.2 * letters


@lru_cache(maxsize=4096)
def _is_head(line: str) -> bool:
    """A dateline, bulletin number or end marker line (the regex backtracks, so once per line)."""
    return bool(_HEAD.match(line))


def _typical_width(lines: list[str]) -> float:
    lengths = sorted(len(line) for line in lines if len(line) > 20)
    if not lengths:
        return 80.0
    return float(lengths[int(0.9 * (len(lengths) - 1))])


def _starts_paragraph(previous: str, line: str, width: float, gap: bool) -> bool:
    """Whether ``line`` opens a new paragraph; ``gap`` is a wider space above it than between lines of a paragraph."""
    if _BULLET.match(line) or _is_head(previous) or _is_head(line):
        return True
    if previous.endswith("-") and _LINE_END_HYPHEN.search(previous):  # a word broken at the line end continues
        return False
    if _is_caps(previous) != _is_caps(line):
        return True
    if _is_caps(line):  # a headline wrapped over several lines
        return previous.endswith(".")
    if gap:
        return True
    short = len(previous) < 0.8 * width
    return short and (previous[-1:] in _SENTENCE_END_CHARS or line[:1].isupper())


def _line_step(pages: list[list[Line]]) -> float | None:
    """The usual distance between one line's top and the next's: the median over the document."""
    steps = sorted(
        b.top - a.top
        for lines in pages
        for a, b in zip(lines, lines[1:])
        if a.top is not None and b.top is not None and 0 < b.top - a.top < 100
    )
    return steps[len(steps) // 2] if steps else None


def _written(word: str, body: str) -> bool:
    """``word`` stands whole somewhere in ``body`` (lower-cased lines without their end hyphens)."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", body) is not None


def _keeps_hyphen(head: str, tail: str, body: str) -> bool:
    if not tail[:1].islower():
        return True
    if _written(f"{head}-{tail}", body):
        return True
    if _written(f"{head}{tail}", body):
        return False
    return any(p.fullmatch(head) for p in _config()["keep_hyphen"])


def _page_lines(raw: list[Line]) -> list[Line]:
    """A page's lines, normalized once per page (NFC, spaces, invisibles), stripped, blank ones dropped."""
    texts = normalize_characters("\n".join(line.text.replace("\n", " ") for line in raw)).split("\n")
    return [Line(text.strip(), line.top) for text, line in zip(texts, raw) if text.strip()]


PARAGRAPH_GAP = 1.4  # a space above a line this many times the usual line step opens a paragraph


def clean_pages(raw_pages: list[list[Line]]) -> PdfText:
    """Join page texts into one text, recording where each page starts."""
    pages = _strip_furniture([_page_lines(page) for page in raw_pages])
    all_lines = [line.text for lines in pages for line in lines]
    width = _typical_width(all_lines)
    step = _line_step(pages)
    # How a broken word is written elsewhere decides its hyphen; most PDFs break none, so skip the join then.
    body = (
        "\n".join(line.rstrip("-") for line in all_lines).lower()
        if any(line.endswith("-") for line in all_lines)
        else ""
    )
    out: list[str] = []
    length = 0
    page_starts: list[int] = []
    previous = None
    for lines in pages:
        page_starts.append(length)
        above = None  # the line before on this page, for the vertical gap
        for index, current in enumerate(lines):
            line = current.text
            gap = bool(
                step
                and above
                and above.top is not None
                and current.top is not None
                and current.top - above.top > PARAGRAPH_GAP * step
            )
            if previous is None:
                separator = ""
            elif _starts_paragraph(previous, line, width, gap):
                separator = "\n\n"
            else:
                separator = " "
                hyphen = _LINE_END_HYPHEN.search(previous) if previous.endswith("-") else None
                tail = _WORD_START.match(line)
                if hyphen and tail and not previous.endswith(" -"):
                    separator = ""
                    if not _keeps_hyphen(hyphen.group(1), tail.group(), body):
                        out[-1] = out[-1][:-1]
                        length -= 1
            if index == 0 and previous is not None:
                page_starts[-1] = length + len(separator)
            out.append(separator + line)
            length += len(separator) + len(line)
            previous, above = line, current
    return PdfText(text="".join(out), page_starts=page_starts, pages=len(raw_pages))
