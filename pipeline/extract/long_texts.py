"""Very long texts (a 10 MB line from a web archive) read in chunks, with offsets shifted back.

Sentences never cross a line break, so cutting there loses nothing; a cut at a
space inside a giant line can at worst split one sentence. Whether the text is
about the program is decided once, on the whole text, and every chunk is read
with that decision.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.extract.interpret import interpret
from pipeline.extract.program import Verdict, verdict_of_text
from pipeline.model import Claim, Document, Extraction, StateEvent
from pipeline.nlp import process

CHUNK_CHARS = 100_000


def chunk_bounds(text: str, size: int):
    """Cut points every ~size characters, at a line break when there is one, else at a space."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut >= 0 else end
        yield start, end
        start = end


def _part(document: Document, start: int, end: int) -> Document:
    return replace(
        document,
        text=document.text[start:end],
        pages=None,
        page_starts=[],
        dateline_span=_span_in_part(document.dateline_span, start, end),
        site_head_span=_span_in_part(document.site_head_span, start, end),
    )


def _span_in_part(span: tuple[int, int] | None, start: int, end: int) -> tuple[int, int] | None:
    """A span of the document as offsets in its part [start, end), if the part holds it."""
    inside = span is not None and start <= span[0] and span[1] <= end
    return (span[0] - start, span[1] - start) if span is not None and inside else None


def extract_long(document: Document, nlp) -> Extraction:
    program = verdict_of_text(document.text) is Verdict.YES  # a text read in parts is not read whole to settle a maybe
    merged = Extraction(document.doc_id, program)
    claims: dict[tuple, Claim] = {}
    events: dict[tuple, StateEvent] = {}
    for start, end in chunk_bounds(document.text, CHUNK_CHARS):
        part = _part(document, start, end)
        piece = interpret(part, process(nlp, part.text), program=program)
        for m in piece.mentions:
            m.start, m.end = m.start + start, m.end + start
            m.page = document.page_at(m.start)
            merged.mentions.append(m)
        for c in piece.claims:
            c.start, c.end, c.evidence_start, c.evidence_end = (
                v + start for v in (c.start, c.end, c.evidence_start, c.evidence_end)
            )
            claim_key = (c.metric, c.state, c.value, c.qualifier)
            if claim_key not in claims or (claims[claim_key].listed_states is None and c.listed_states):
                claims[claim_key] = c
        for e in piece.events:
            e.start, e.end, e.evidence_start, e.evidence_end = (
                v + start for v in (e.start, e.end, e.evidence_start, e.evidence_end)
            )
            event_key = (e.state, e.event)
            if event_key not in events or (events[event_key].year is None and e.year is not None):
                events[event_key] = e
    merged.claims = list(claims.values())
    merged.events = sorted(events.values(), key=lambda e: (e.start, e.event))
    return merged
