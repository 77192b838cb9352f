"""The readings in their order, each handed what the ones before found, assembled into an ``Extraction``.

    Parsed ──▶ States ──▶ Numbers ──▶ Clauses ──▶ counts ──▶ Scope ──▶ events ──▶ claims ──▶ Extraction

Every reading reads the shared ``Parsed`` view and the plain results of the
readings before it, and hands on its own; none reaches back.
"""

from __future__ import annotations

from operator import attrgetter

from spacy.tokens import Doc

from pipeline.extract.claims import ClaimReader
from pipeline.extract.clauses import Clauses
from pipeline.extract.counts import CountBinder
from pipeline.extract.events import EventReader
from pipeline.extract.numbers_and_dates import Numbers
from pipeline.extract.parsed import Parsed
from pipeline.extract.scope import Scope
from pipeline.extract.states import States
from pipeline.extract.vocabulary import vocabulary
from pipeline.model import Claim, Document, Extraction, StateEvent

_START = attrgetter("start")


def is_program(markers: int, terms: int) -> bool:
    """A program text names the program, or its Secretariados and Planes more than in passing."""
    return markers > 0 or terms >= vocabulary().program_terms_min


def interpret(document: Document, doc: Doc, program: bool | None = None) -> Extraction:
    """What the rule matches of ``doc`` mean; ``program`` decided by the caller for a part of a long text."""
    parsed = Parsed(document, doc)
    if program is None:
        program = is_program(len(parsed.matches["program"]), len(parsed.matches["programterm"]))
    states = States(parsed)
    numbers = Numbers(parsed)
    clauses = Clauses(parsed, states, numbers.numeric_tokens)
    counts = CountBinder(parsed, states, clauses, numbers.numeric_tokens, program).bind(numbers.candidates)
    scope = Scope(parsed, clauses)
    events: list[StateEvent] = []
    claims: list[Claim] = []
    if program:
        reader = EventReader(parsed, states, numbers, clauses, scope)
        events = reader.read()
        claims = ClaimReader(parsed, states, numbers, clauses, scope, counts, reader.listed).read()
    # Dates, years and counts in the order of the numbers they read; relative years ("el año pasado") after.
    numeric = sorted(numbers.mentions + [count.mention for count in counts], key=_START)
    mentions = states.mentions() + numeric + numbers.relative_mentions
    return Extraction(document.doc_id, program, mentions, claims, events)
