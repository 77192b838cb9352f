"""Plain data classes passed between the stages.

Every offset is a Python ``str`` index into ``Document.text`` (end exclusive), so
``document.text[start:end] == surface`` holds for every span the pipeline emits.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Document:
    """One bulletin read from one input file, with its text normalized once."""

    text: str
    source: str
    format: str  # txt | pdf | html
    sha256: str
    doc_id: str
    bulletin: str | None = None
    published: str | None = None
    place: str | None = None
    title: str | None = None
    pages: int | None = None
    # Offset where each PDF page starts in ``text`` (page 1 starts at 0).
    page_starts: list[int] = field(default_factory=list)
    # Span of the dateline line ("Ciudad de México, a 2 de enero de 2018").
    dateline_span: tuple[int, int] | None = None
    # Span of a news site's head line, its city and the day the page is read ("Xalapa, Veracruz, a sábado 4
    # de mayo de 2024"), when the story below has its own dateline: page furniture, like the dateline no
    # participant's place.
    site_head_span: tuple[int, int] | None = None

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset`` for PDFs, None for other formats."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def row(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "bulletin": self.bulletin,
            "published": self.published,
            "place": self.place,
            "title": self.title,
            "source": self.source,
            "format": self.format,
            "sha256": self.sha256,
            "pages": self.pages,
            "text": self.text,
            "dateline_start": self.dateline_span[0] if self.dateline_span else None,
            "dateline_end": self.dateline_span[1] if self.dateline_span else None,
            "site_head_start": self.site_head_span[0] if self.site_head_span else None,
            "site_head_end": self.site_head_span[1] if self.site_head_span else None,
            "page_starts": self.page_starts or None,
        }


@dataclass
class Mention:
    start: int
    end: int
    surface: str
    kind: str  # state | year | count | date
    value: object
    role: str | None = None
    qualifier: str | None = None
    unit: str | None = None
    metric: str | None = None
    page: int | None = None


@dataclass
class Claim:
    start: int
    end: int
    metric: str
    value: int
    qualifier: str
    state: str | None
    as_of: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    # States listed for this figure's event in the same sentence (None: no list).
    listed_states: int | None = None
    # Read with confidence: the consistency checks compare only such figures (see ClaimReader._confident).
    confident: bool = True


@dataclass
class StateEvent:
    start: int
    end: int
    state: str
    event: str  # joined | stl_installed | plan_published
    year: int | None
    as_of: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    # The event's date at the precision the text gives: "2015", "2015-08" or "2017-05-11" (ISO 8601 reduced).
    date: str | None = None


@dataclass
class Extraction:
    doc_id: str
    program: bool
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[StateEvent] = field(default_factory=list)


class InputError(Exception):
    """An input file that cannot be turned into a Document; the message tells a person what to do."""

    def __init__(self, message: str, stage: str = "ingest"):
        super().__init__(message)
        self.stage = stage
